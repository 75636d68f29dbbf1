"""The sample library: every handout and deck, pinned as snapshots (look at the pictures first)."""

from __future__ import annotations

import pytest

from kapdocs.build import Job, render

from conftest import REPO
from decks import deck_facts
from pdfs import pdf_facts

SAMPLES = sorted(p.relative_to(REPO).as_posix() for folder in ("handouts", "decks") for p in (REPO / folder).glob("*.md"))


@pytest.mark.parametrize("source", SAMPLES)
def test_sample_handout(repo, source, snapshot):
    pdf, _, warnings, _ = render(repo, Job(repo.root / source, "default", "pdf"))
    assert warnings == []
    assert pdf_facts(pdf) == snapshot


@pytest.mark.parametrize("source", SAMPLES)
def test_sample_deck(repo, source, snapshot):
    data, *_ = render(repo, Job(repo.root / source, "default", "pptx"))
    assert deck_facts(data) == snapshot
