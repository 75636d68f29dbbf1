"""Transforms: pure functions (Document, Context) → Document, applied in one fixed order.

PIPELINE is the order. Each transform returns a new Document and leaves its input alone.
"""

from __future__ import annotations

from typing import Callable

from kapdocs.model import Document
from kapdocs.transforms.context import Context, Output
from kapdocs.transforms.images import resolve_images
from kapdocs.transforms.includes import expand_includes
from kapdocs.transforms.select import select_output
from kapdocs.transforms.translate import translate
from kapdocs.transforms.variables import substitute_variables

__all__ = ["PIPELINE", "Context", "Output", "apply_pipeline"]

Transform = Callable[[Document, Context], Document]

PIPELINE: tuple[Transform, ...] = (
    translate,  # segments from the language's PO catalog; incomplete catalogs refused unless --draft
    expand_includes,  # `::: include PATH#id`: sections of other sources, inside the project, no cycles
    resolve_images,  # pictures exist, stay inside the project; paths become project-relative
    select_output,   # keep the handout's or the deck's branch of `::: handout` / `::: deck`
    substitute_variables,  # {{ clinic.phone }} and friends, from the brand
)


def apply_pipeline(document: Document, context: Context) -> Document:
    """Run every transform in PIPELINE order."""
    for transform in PIPELINE:
        document = transform(document, context)
    return document
