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


TRANSLATED = [("handouts/how-ketamine-works.md", lang) for lang in ("es", "ar", "zh-Hans", "vi")] + [
    ("handouts/your-kap-session.md", "es"), ("decks/staff-training.md", "es"), ("handouts/intake.md", "es")]


@pytest.mark.parametrize("source, lang", TRANSLATED)
def test_translated_sample_handout(repo, source, lang, snapshot):
    pdf, _, warnings, _ = render(repo, Job(repo.root / source, "default", "pdf", lang))
    assert warnings == []
    facts = pdf_facts(pdf)
    assert facts["lang"] == lang
    assert facts == snapshot


@pytest.mark.parametrize("source, lang", TRANSLATED)
def test_translated_sample_deck(repo, source, lang, snapshot):
    from kapdocs.writers.deck.fit import text_measure
    from kapdocs.fonts import script_fonts

    from decks import overflowing_text

    data, *_ = render(repo, Job(repo.root / source, "default", "pptx", lang))
    assert deck_facts(data) == snapshot
    assert overflowing_text(data, text_measure("Calibri", script_fonts(lang))) == []


def test_every_released_sample_catalog_is_complete(repo):
    """The status command is the release gate: it fails on any fuzzy or untranslated entry."""
    from typer.testing import CliRunner

    from kapdocs.cli import app

    result = CliRunner().invoke(app, ["i18n", "status", "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
