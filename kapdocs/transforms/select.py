"""Output filter: keep what belongs to one output (handout or deck), drop the other's blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.transforms.tree import map_containers

if TYPE_CHECKING:
    from kapdocs.transforms.context import Context

#: Containers that belong to one output only; `notes` are speaker notes, so deck-only.
ONLY_IN = {"handout": "handout", "deck": "deck", "notes": "deck"}


def select_output(document: m.Document, context: "Context") -> m.Document:
    """`::: handout` / `::: deck` are unwrapped in their output and dropped in the other."""

    def choose(container: m.Container) -> m.Blocks:
        owner = ONLY_IN.get(container.kind)
        if owner is None:
            return (container,)
        if owner != context.output:
            return ()
        return (container,) if container.kind == "notes" else container.blocks

    return document.with_blocks(map_containers(document.blocks, choose))
