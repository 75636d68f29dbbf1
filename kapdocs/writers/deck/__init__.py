"""Deck writer: Document → slide model (slides.py, pure) → PPTX (powerpoint.py, python-pptx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdocs.brand import Brand
from kapdocs.model import Document
from kapdocs.writers.deck.fit import text_measure
from kapdocs.writers.deck.slides import Deck, build_deck


def plan_deck(document: Document, brand: Brand) -> Deck:
    """The slide model for `document` on the brand's master (no PPTX written)."""
    from kapdocs.writers.deck.powerpoint import read_geometry

    return build_deck(document, brand, read_geometry(master_path(brand)), text_measure(brand.fonts.deck_body))


def write_deck(document: Document, brand: Brand, project_root: Path, when: dt.datetime) -> tuple[bytes, int]:
    """PPTX bytes and slide count for `document`."""
    from kapdocs.writers.deck import powerpoint

    deck = plan_deck(document, brand)
    return powerpoint.write_deck(deck, master_path(brand), project_root, when), len(deck.slides)


def master_path(brand: Brand) -> Path:
    """The brand's PowerPoint master (its own, or the default brand's generated one)."""
    return brand.file(brand.deck_master)
