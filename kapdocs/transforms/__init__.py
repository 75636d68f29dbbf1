"""Transforms: pure functions (Document, Context) → Document, applied in one fixed order.

PIPELINE is the order. Each transform returns a new Document and leaves its input alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from kapdocs.brand.schema import Brand
from kapdocs.model import Document
from kapdocs.support.project import Project
from kapdocs.transforms.images import resolve_images
from kapdocs.transforms.includes import expand_includes
from kapdocs.transforms.select import select_output
from kapdocs.transforms.translate import translate
from kapdocs.transforms.variables import substitute_variables

Output = Literal["handout", "deck"]


@dataclass(frozen=True)
class Context:
    """What transforms may know about the build: the project, the output made, the brand."""

    project: Project
    output: Output
    brand: Brand
    locale: str = ""  # the language to build in ("" = the source's own)
    draft: bool = False  # build an incomplete translation, stamped as a draft
    large_print: bool = False  # the large-print handout, set in the brand's large-print family


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
