"""The sample library: every handout and deck, pinned as snapshots (look at the pictures first)."""

from __future__ import annotations

import pytest

from kapdocs.pipeline import Job, render

from conftest import REPO
from decks import deck_facts
from pdfs import (footer_clearance_mm, footer_misalignment_pt, line_extents, line_texts, orphaned_headings,
                  page_texts, pdf_facts)

#: The footer ends this far above the paper's edge (6 mm, less a descender below its line).
PRINTABLE = 5.5

SAMPLES = sorted(p.relative_to(REPO).as_posix() for folder in ("handouts", "decks") for p in (REPO / folder).glob("*.md"))


@pytest.mark.parametrize("source", SAMPLES)
def test_sample_handout(repo, source, snapshot):
    pdf, _, warnings, _ = render(repo, Job(repo.root / source, "default", "pdf"))
    assert warnings == []
    assert pdf_facts(pdf) == snapshot
    assert orphaned_headings(pdf) == []
    assert footer_clearance_mm(pdf) >= PRINTABLE
    assert footer_misalignment_pt(pdf) < 0.5  # the footer spans the text column, as the header does


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
    assert orphaned_headings(pdf) == []
    assert footer_clearance_mm(pdf) >= PRINTABLE  # a translated footer is longer: the margin grows


@pytest.mark.parametrize("source", ["handouts/how-ketamine-works.md", "handouts/intake.md"])
def test_spanish_large_print_keeps_headings_with_their_text_and_the_footer_on_paper(repo, source):
    """At 18 pt the Spanish footer needs about 80 mm, and a page holds little: the glossary and the
    forms flow on rather than leave their headings alone at the foot of a page."""
    pdf, *_ = render(repo, Job(repo.root / source, "default", "pdf", "es", large_print=True))
    assert orphaned_headings(pdf) == []
    assert footer_clearance_mm(pdf) >= PRINTABLE


@pytest.mark.parametrize("lang, follow_up", [("en", "If you answered yes"), ("es", "Si respondió que sí")])
def test_a_box_for_more_stays_with_its_yes_no_question(repo, lang, follow_up):
    """At 18 pt the intake's forms flow from page to page. "If you answered yes, tell us more"
    began a page, away from the questions it asks about (English page 7, Spanish page 7)."""
    pdf, pages, *_ = render(repo, Job(repo.root / "handouts/intake.md", "default", "pdf", lang, large_print=True))
    for page in range(1, pages):
        first = line_texts(pdf, page)[1]  # below the running header
        assert not first.startswith(follow_up), page + 1


def test_the_large_print_footer_takes_only_the_room_it_needs(repo):
    """Set at 1.5 spacing under a fixed 80 mm margin, the footer began 73 mm above the paper's
    edge on every page, and the English intake form ran to 14 pages. It holds the crisis line
    alone now (docs/brands.md#large-print), under the margin it measures: two lines, beginning
    about 24 mm up (12 % of a Letter page is 33 mm). The English intake takes 11 pages (its form
    within twice the regular pages, test_forms.py; the notice 2.5 pages more)."""
    pdf, pages, *_ = render(repo, Job(repo.root / "handouts/intake.md", "default", "pdf", large_print=True))
    for page in range(pages):
        lines = line_texts(pdf, page)
        first = next(i for i, text in enumerate(lines) if "Call or text 988" in text)
        assert line_extents(pdf, page)[first][3] * 25.4 / 72 <= 27, page + 1  # its top, mm above the edge
        assert not any("General information" in text for text in lines[first:]), page + 1  # printed once, at the end
    assert pages <= 11
    assert footer_clearance_mm(pdf) >= PRINTABLE


def test_the_large_print_notice_flows_on_from_the_text_before_it(repo):
    """At 18 pt the notice runs longer than a page. Kept whole, it started on a
    fresh page below half-empty notes, then ran over onto a 12th page holding one line. Its 16
    lines now start at the latest on the page after the notes and take four pages."""
    pdf, pages, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", large_print=True))
    texts = page_texts(pdf)
    notes, notice = (next(n for n, text in enumerate(texts) if title in text)
                     for title in ("Notes and sources", "Free language assistance"))
    # The sources end low on their page: the notice's title and first row (18 pt) do not fit
    # under them, so it starts on the next page, and its last page still holds two languages.
    assert notice in (notes, notes + 1)
    assert pages <= 10  # with the sources and the 16-language notice; 5 pages in regular print


def test_no_page_holds_one_language_of_the_large_print_notice_alone(repo):
    """At 18 pt the notice runs onto a second page. In the Spanish intake form its first line sat
    alone under the signature, and its last, Tagalog, alone on the last page."""
    pdf, *_ = render(repo, Job(repo.root / "handouts/intake.md", "default", "pdf", "es", large_print=True))
    # Every line of the notice gives the clinic's number; after page 1's masthead nothing else does.
    notice_lines = [text.count("555-0142") for text in page_texts(pdf)[1:]]
    assert sum(notice_lines) == 16 and 1 not in notice_lines, notice_lines


def test_a_short_table_is_never_split_across_pages(repo):
    """At 18 pt the comparison table began at the foot of a page with one of its three rows."""
    pdf, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", large_print=True))
    texts = page_texts(pdf)
    first_row, last_row = ([n for n, text in enumerate(texts) if row in text] for row in ("Main brain chemical", "How you take it"))
    assert first_row == last_row and len(first_row) == 1


@pytest.mark.parametrize("source, lang", TRANSLATED)
def test_translated_sample_deck(repo, source, lang, snapshot):
    from kapdocs.writers.deck.fit import deck_measure

    from decks import overflowing_text

    data, *_ = render(repo, Job(repo.root / source, "default", "pptx", lang))
    assert deck_facts(data) == snapshot
    assert overflowing_text(data, deck_measure("Calibri", lang)) == []


def test_every_released_sample_catalog_is_complete(repo):
    """The status command is the release gate: it fails on any fuzzy or untranslated entry."""
    from typer.testing import CliRunner

    from kapdocs.cli import app

    result = CliRunner().invoke(app, ["i18n", "status", "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
