"""Deck writer: Document → slide model (slides.py, pure) → PPTX (powerpoint.py, python-pptx)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from kapdocs.brand import Brand
from kapdocs.model import Document
from kapdocs.writers.deck.fit import text_measure
from kapdocs.writers.deck.slides import Deck, Geometry, build_deck


def plan_deck(document: Document, brand: Brand) -> Deck:
    """The slide model for `document` on the brand's master (no PPTX written)."""
    master = master_path(brand)
    stat = master.stat()
    geometry = _geometry(master, stat.st_mtime_ns, stat.st_size)
    return build_deck(document, brand, geometry, text_measure(brand.fonts.deck_body))


@lru_cache(maxsize=16)
def _geometry(master: Path, mtime_ns: int, size: int) -> Geometry:
    """The master's placeholder sizes, read once per master file version in this process."""
    from kapdocs.writers.deck.powerpoint import read_geometry

    return read_geometry(master)


def write_deck(document: Document, brand: Brand, project_root: Path, when: dt.datetime) -> tuple[bytes, int]:
    """PPTX bytes and slide count for `document`."""
    from kapdocs.writers.deck import powerpoint

    deck = plan_deck(document, brand)
    return powerpoint.write_deck(deck, master_path(brand), project_root, when), len(deck.slides)


def master_path(brand: Brand) -> Path:
    """The brand's PowerPoint master (its own, or the default brand's generated one)."""
    return brand.file(brand.deck_master)
