"""Deck writer: Document → slide model (plan.py, place.py → slides.py; pure) → PPTX (powerpoint.py
and the modules it draws with, python-pptx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdocs.brand.schema import Brand
from kapdocs.support.files import per_file_version
from kapdocs.support.project import Limits
from kapdocs.model import Document
from kapdocs.writers.deck.fit import deck_measure
from kapdocs.writers.deck.layouts import MasterInfo
from kapdocs.writers.deck.plan import build_deck
from kapdocs.writers.deck.slides import Deck


def plan_deck(document: Document, brand: Brand, limits: Limits = Limits()) -> Deck:
    """The slide model for `document` on the brand's master (no PPTX written)."""
    measure = deck_measure(brand.fonts.deck_body, document.meta.lang)
    return build_deck(document, brand, master_info(master_path(brand), limits), measure)


@per_file_version(maxsize=16)
def master_info(master: Path, limits: Limits = Limits()) -> MasterInfo:
    """The master's layouts and placeholders, read once per file version in this process (after
    its package is checked against the limits)."""
    from kapdocs.writers.deck.master import read_master
    from kapdocs.writers.deck.package import check_master

    check_master(master, limits)
    return read_master(master)


def write_deck(document: Document, brand: Brand, project_root: Path, when: dt.datetime,
               limits: Limits = Limits()) -> tuple[bytes, Deck]:
    """PPTX bytes and the slide model they were made from (refused above the slides limit)."""
    from kapdocs.writers.deck import powerpoint

    deck = plan_deck(document, brand, limits)
    if len(deck.slides) > limits.slides:
        raise limits.exceeded("slides", f"the deck would have {len(deck.slides):,} slides")
    return powerpoint.write_deck(deck, master_path(brand), project_root, when, brand), deck


def master_path(brand: Brand) -> Path:
    """The brand's PowerPoint master (its own, or the default brand's generated one)."""
    return brand.file(brand.deck_master)
