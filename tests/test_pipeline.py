"""Content blocks (stats, charts, steps, faq, columns, glossary) in both outputs, and their errors."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.deck import plan_deck
from kapdocs.writers.deck.fit import text_measure
from kapdocs.writers.deck.slides import ColumnsSlide, StepsSlide
from kapdocs.writers.handout.html import render_handout_html

from conftest import FRONT, to_data, write
from decks import deck_facts, overflowing_text
from pdfs import page_texts, pdf_facts

SOURCE = "handouts/blocks.md"


@pytest.fixture
def blocks(make_project):
    return make_project("blocks")


def document(project, output, relative=SOURCE):
    brand = load_brand("default", project.root)
    return apply_pipeline(read_source(project.root / relative), Context(project, output, brand)), brand


def test_blocks_model_snapshot(blocks, snapshot):
    assert to_data(read_source(blocks.root / SOURCE).blocks) == snapshot


def test_blocks_handout_html_snapshot(blocks, snapshot):
    doc, brand = document(blocks, "handout")
    assert render_handout_html(doc, brand) == snapshot


def test_blocks_handout_pdf_snapshot(blocks, snapshot):
    data, pages, *_ = render(blocks, Job(blocks.root / SOURCE, "default", "pdf"))
    assert pdf_facts(data) == snapshot


def test_blocks_deck_snapshot(blocks, snapshot):
    data, *_ = render(blocks, Job(blocks.root / SOURCE, "default", "pptx"))
    assert deck_facts(data) == snapshot
    assert overflowing_text(data, text_measure("Calibri")) == []


def test_stats_tiles_in_the_handout_read_as_sentences(blocks):
    doc, brand = document(blocks, "handout")
    html = render_handout_html(doc, brand)
    assert '<li><span class="stat-value">41%</span> <span class="stat-label">of sessions include dissociation</span></li>' in html


def test_a_chart_is_svg_in_the_handout_with_its_numbers_as_alt_text(blocks):
    doc, brand = document(blocks, "handout")
    html = render_handout_html(doc, brand)
    assert ('aria-label="Bar chart — Share of sessions with each effect. Dissociation: 41%; Sleepiness: 35%; '
            'Nausea: 12%."') in html
    assert html.count("<svg") == 3
    data, *_ = render(blocks, Job(blocks.root / SOURCE, "default", "pdf"))
    assert "Dissociation 41%" in " ".join(page_texts(data))  # drawn as text, not as a bitmap


def test_a_chart_is_a_native_editable_chart_in_the_deck(blocks):
    data, *_ = render(blocks, Job(blocks.root / SOURCE, "default", "pptx"))
    charts = [shape for slide in Presentation(io.BytesIO(data)).slides for shape in slide.shapes if shape.has_chart]
    kinds = [str(c.chart.chart_type).split()[0] for c in charts]
    assert kinds == ["BAR_CLUSTERED", "COLUMN_CLUSTERED", "PIE"]
    bar = charts[0]
    assert list(bar.chart.plots[0].categories) == ["Dissociation", "Sleepiness", "Nausea"]
    assert list(bar.chart.plots[0].series[0].values) == [41.0, 35.0, 12.0]
    assert bar._element.nvGraphicFramePr.cNvPr.get("descr").startswith("Bar chart — Share of sessions")


def test_steps_are_process_shapes_on_the_slide_and_a_timeline_in_the_handout(blocks):
    data, *_ = render(blocks, Job(blocks.root / SOURCE, "default", "pptx"))
    slide = next(s for s in Presentation(io.BytesIO(data)).slides if s.shapes.title.text == "The four stages")
    names = [shape.name for shape in slide.shapes]
    assert [n for n in names if n.startswith("Step") and "text" not in n] == ["Step 1", "Step 2", "Step 3", "Step 4"]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.name.endswith("text")]
    assert texts[0] == "The brake lifts.\nKetamine blocks NMDA receptors, so the brake eases off."
    doc, brand = document(blocks, "handout")
    assert '<ol class="steps">' in render_handout_html(doc, brand)


def test_long_steps_fall_back_to_a_numbered_list_with_a_warning(project):
    long = "This step is described at great length so that it cannot fit under a chevron. " * 14
    write(project, "decks/steps.md", FRONT + "\n## Steps\n\n::: steps\n" + "".join(
        f"{n}. **Step {n}.** {long}\n" for n in range(1, 5)) + ":::\n")
    doc, brand = document(project, "deck", "decks/steps.md")
    deck = plan_deck(doc, brand)
    assert not any(isinstance(s, StepsSlide) and s.steps for s in deck.slides)
    assert [s.kind for s in deck.slides if s.title.startswith("Steps")][0] == "content"
    assert any("shown as a numbered list" in w for w in deck.warnings)


def test_faq_questions_stay_with_their_answers_across_slides(project):
    pairs = "".join(f"### Question number {n}?\n\n{'An answer that takes a few lines to say. ' * 4}\n\n"
                    for n in range(1, 9))
    write(project, "decks/faq.md", FRONT + "\n## FAQ\n\n::: faq\n" + pairs + ":::\n")
    doc, brand = document(project, "deck", "decks/faq.md")
    slides = [s for s in plan_deck(doc, brand).slides if s.title.startswith("FAQ")]
    assert len(slides) > 1 and not any(s.title.endswith("(cont.)") for s in slides)
    for slide in slides:
        assert not slide.bullets[-1].keep, "a question was left at the bottom of a slide without its answer"
        assert slide.bullets[0].keep or slide.title.startswith("FAQ: Question"), "a part starts mid-answer"
    # A part holding one question is titled by it; one holding several is numbered.
    questions = [b.text for s in slides for b in s.bullets if b.keep] + \
        [s.title.removeprefix("FAQ: ") for s in slides if s.title.startswith("FAQ: ")]
    assert sorted(questions) == [f"Question number {n}?" for n in range(1, 9)]


def test_columns_use_the_two_content_layout(blocks):
    doc, brand = document(blocks, "deck")
    slide = next(s for s in plan_deck(doc, brand).slides if isinstance(s, ColumnsSlide))
    assert slide.layout == "Two Content"
    assert [[b.text for b in c] for c in slide.columns] == [["Before", "Fast for 4 hours", "Plan a ride home"],
                                                           ["After", "Rest", "No alcohol today"]]
    assert slide.column_areas[0].left < slide.column_areas[1].left


def test_a_glossary_is_a_box_in_the_handout_and_a_slide_in_the_deck(blocks):
    doc, brand = document(blocks, "handout")
    html = render_handout_html(doc, brand)
    assert '<aside class="glossary" aria-label="Words to know">' in html and "<dt>BDNF</dt>" in html
    doc, brand = document(blocks, "deck")
    slide = next(s for s in plan_deck(doc, brand).slides if s.title == "Words to know")
    assert [b.text for b in slide.bullets] == ["NMDA receptor — A switch on brain cells that ketamine blocks for a short time.",
                                              "BDNF — A protein that helps brain cells grow new links."]


def test_a_slide_can_pick_its_layout(blocks):
    doc, brand = document(blocks, "deck")
    slide = next(s for s in plan_deck(doc, brand).slides if s.title == "Side effects")
    assert slide.layout == "Title Only"


def test_an_unknown_layout_is_an_error_naming_the_heading_line(project):
    write(project, "decks/layout.md", FRONT + '\n## Compare {layout="Vergleich"}\n\n- a\n')
    target = project.root / "out.pptx"
    with pytest.raises(KapdocsError, match=r"decks/layout.md:11: the master has no layout “Vergleich”.*Comparison"):
        render(project, Job(project.root / "decks/layout.md", "default", "pptx"))
    assert not target.exists()


def test_print_rules_keep_boxes_whole(blocks):
    """A glossary box pushed to a page end moves whole to the next page rather than splitting."""
    filler = "".join(f"Paragraph {n} of filler text that fills the page before the box. " * 3 + "\n\n" for n in range(17))
    text = (blocks.root / SOURCE).read_text().split("## Numbers")[0] + "## Filler\n\n" + filler + (
        "## Words to know\n\n" + "".join(f"Term {n}\n: Its definition, a line long.\n\n" for n in range(8)))
    write(blocks, "handouts/box.md", text)
    data, *_ = render(blocks, Job(blocks.root / "handouts/box.md", "default", "pdf"))
    pages = page_texts(data)
    holding = [i for i, page in enumerate(pages) for n in range(8) if f"Term {n}" in page]
    assert len(set(holding)) == 1, holding


@pytest.mark.parametrize("body, message", [
    ("::: stats\n- 41% of sessions\n:::\n", r":12: a stats item needs a number, a `\|` and what it counts"),
    ("::: stats {chart=bar}\n- many | Dissociation\n:::\n", r":12: `many` is not a number, so it cannot be charted"),
    ("::: stats {chart=radar}\n- 4 | a\n:::\n", r":11: unknown chart `radar`"),
    ("::: steps\n1. Only one\n:::\n", r":11: `::: steps` holds one list of 2 to 8 steps"),
    ("::: faq\nNo question first.\n:::\n", r":11: `::: faq` starts with a question heading"),
    ("::: faq\n### Why?\n### How?\nBecause.\n:::\n", r":12: question “Why\?” has no answer"),
    (":::: columns\n::: column\na\n:::\n::::\n", r":11: `:::: columns` holds exactly two `::: column` blocks"),
    ("::: column\na\n:::\n", r":11: `::: column` is only allowed inside `:::: columns`"),
    ("::: columns\n::: column\na\n:::\n::: column\nb\n:::\n:::\n", r":11: `:::: columns` holds exactly two .* then `::::`"),
    ("Text\n\n:::\n", r":13: a `:::` line opens a block with no kind"),
])
def test_bad_blocks_are_errors_naming_the_line(project, body, message):
    write(project, "handouts/bad.md", FRONT + "\n" + body)
    with pytest.raises(KapdocsError, match=r"handouts/bad.md" + message):
        render(project, Job(project.root / "handouts/bad.md", "default", "pdf"))
