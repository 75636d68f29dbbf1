"""Includes: `::: include PATH#section-id` brings a section of another source into this one.

The included file must be inside the project; the section is its heading and everything up to
the next heading of the same or a higher level (no `#id`: the whole body). Included text is
made ready in its own file's terms first (its includes, pictures and brand variables), so an
error there names the included file and its line. A cycle is an error naming the chain.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.support.files import note_read, per_file_version
from kapdocs.readers import read_source
from kapdocs.transforms.images import resolve_images
from kapdocs.transforms.tree import map_block_inlines, map_containers
from kapdocs.transforms.variables import substitute_variables

if TYPE_CHECKING:
    from kapdocs.transforms.context import Context


def expand_includes(document: m.Document, context: "Context") -> m.Document:
    """Every `::: include` replaced by the section it names."""
    source_size = document.source.stat().st_size if document.source.is_file() else 0
    return _in_order_of_first_use(_expand(document, context, (document.source,), _Expanded(source_size)))


def _in_order_of_first_use(document: m.Document) -> m.Document:
    """Footnotes numbered as the reader meets them. An included section's notes are numbered after
    the including document's own (`_renumber`), so the staff training, which includes a handout's
    section before it cites its own sources, cited ⁴ first. Notes no text cites keep their order,
    after the cited ones."""
    order: list[int] = []
    for block in m.walk(document.blocks):
        for content in m.inlines_of(block):
            order += [node.number for node in m.walk_inlines(content)
                      if isinstance(node, m.FootnoteRef) and node.number not in order]
    order += [note.number for note in document.footnotes if note.number not in order]
    numbers = {old: new for new, old in enumerate(order, 1)}
    if all(old == new for old, new in numbers.items()):
        return document

    def renumber(node: m.Inline, line: int) -> m.Inline:
        return replace(node, number=numbers[node.number]) if isinstance(node, m.FootnoteRef) else node

    notes = sorted((replace(note, number=numbers[note.number]) for note in document.footnotes), key=lambda n: n.number)
    return replace(document, blocks=map_block_inlines(document.blocks, renumber), footnotes=tuple(notes))


class _Expanded:
    """The bytes of source read so far for one output: its own and every included file's, each as
    often as it is included (a fan-out of includes multiplies the work)."""

    def __init__(self, size: int) -> None:
        self.size = size


def _expand(document: m.Document, context: "Context", chain: tuple[Path, ...], expanded: _Expanded) -> m.Document:
    project = context.project
    limits = project.settings.limits
    shown = project.shown(document.source)
    footnotes = list(document.footnotes)
    drafts: list[bool] = []  # an included section from an incomplete (draft) translation makes this a draft

    def include(container: m.Container) -> m.Blocks:
        if container.kind != "include":
            return (container,)
        reference, _, section = container.args[0].partition("#")
        target = project.resolve_asset(reference, document.source, container.line, what="included file")
        if target.suffix != ".md":
            raise KapdocsError(f"included file `{reference}` is not a Markdown source", shown, container.line,
                               "include a section of another .md file in handouts/ or decks/")
        if target in chain:
            names = " → ".join(str(project.shown(p)) for p in (*chain, target))
            raise KapdocsError(f"include cycle: {names}", shown, container.line,
                               "remove one of these includes")
        if len(chain) > limits.include_depth:
            raise limits.exceeded("include_depth", f"includes are nested {len(chain)} deep", shown, container.line)
        expanded.size += target.stat().st_size
        if expanded.size > limits.expanded_kib * 1024:
            raise limits.exceeded("expanded_kib", f"with its includes the source comes to {expanded.size / 1024:,.0f} KiB",
                                  shown, container.line)
        included = _ready(_read(target, project.shown(target), limits), context, chain + (target,), expanded)
        drafts.append(included.meta.draft)
        blocks = _section(included, section, shown, container.line) if section else included.blocks
        blocks, notes = _renumber(blocks, included.footnotes, footnotes)
        footnotes.extend(notes)
        blocks = _relative_to(blocks, document.source.parent, project.root)
        if context.mark_includes:
            return (m.Container("included", (str(project.shown(target)),), (), blocks, container.line),)
        return blocks

    blocks = map_containers(document.blocks, include)
    meta = replace(document.meta, draft=document.meta.draft or any(drafts))
    return replace(document, meta=meta, blocks=blocks, footnotes=tuple(footnotes))


def _read(path: Path, shown: Path, limits) -> m.Document:
    """A source read once per version of the file in this process (decks include the same handout often)."""
    note_read(path)  # cached or not, the output depends on it
    return _read_version(path, shown, limits)


@per_file_version(maxsize=64)
def _read_version(path: Path, shown: Path, limits) -> m.Document:
    return read_source(path, shown, limits)


def _ready(document: m.Document, context: "Context", chain: tuple[Path, ...], expanded: _Expanded) -> m.Document:
    """An included document in the build's language, with its own includes, pictures and variables resolved."""
    from kapdocs.transforms.translate import translate

    document = _expand(translate(document, context), context, chain, expanded)
    return substitute_variables(resolve_images(document, context), context)


def _section(document: m.Document, anchor: str, shown: Path, line: int) -> m.Blocks:
    """The heading with id `anchor` and the blocks under it."""
    blocks = document.blocks
    start = next((i for i, b in enumerate(blocks) if isinstance(b, m.Heading) and b.anchor == anchor), None)
    if start is None:
        ids = ", ".join(b.anchor for b in blocks if isinstance(b, m.Heading))
        raise KapdocsError(f"`{document.source.name}` has no section `#{anchor}`", shown, line,
                           f"its sections are: {ids}")
    level = blocks[start].level
    end = next((i for i in range(start + 1, len(blocks))
                if isinstance(blocks[i], m.Heading) and blocks[i].level <= level), len(blocks))
    return blocks[start:end]


def _renumber(blocks: m.Blocks, notes: tuple[m.Footnote, ...], existing: list[m.Footnote]) -> tuple[m.Blocks, list[m.Footnote]]:
    """Footnotes the section cites, numbered after the including document's own. A source the
    including document already lists (the same `sources:` key) keeps its number there: the
    reference list names each publication once."""
    cited = sorted({node.number for block in m.walk(blocks) for content in m.inlines_of(block)
                    for node in m.walk_inlines(content) if isinstance(node, m.FootnoteRef)})
    listed = {note.source: note.number for note in existing if note.source}
    by_number = {note.number: note for note in notes}
    numbers: dict[int, int] = {}
    kept: list[m.Footnote] = []
    for old in cited:
        note = by_number.get(old)
        if note is not None and note.source in listed:
            numbers[old] = listed[note.source]
            continue
        numbers[old] = len(existing) + len(kept) + 1
        if note is not None:
            kept.append(replace(note, number=numbers[old]))

    def renumber(node: m.Inline, line: int) -> m.Inline:
        return replace(node, number=numbers[node.number]) if isinstance(node, m.FootnoteRef) else node

    return map_block_inlines(blocks, renumber), kept


def _relative_to(blocks: m.Blocks, folder: Path, root: Path) -> m.Blocks:
    """Picture paths (project-relative after resolving) rewritten relative to the including file."""

    def rewrite(node: m.Inline, line: int) -> m.Inline:
        if isinstance(node, m.Image):
            return replace(node, src=Path(os.path.relpath(root / node.src, folder)).as_posix())
        return node

    return map_block_inlines(blocks, rewrite)
