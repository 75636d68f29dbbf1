"""Deck writer: the slide model (pure), the PPTX read back, fit, determinism, the generated master."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.cli.template import MASTER_DATE
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.deck import master_path, plan_deck
from kapdocs.writers.deck.fit import text_measure
from kapdocs.writers.deck.master import make_master
from kapdocs.writers.deck.slides import CalloutSlide, ColumnsSlide

from conftest import FRONT, write
from decks import deck_facts, flat_model, open_xml_errors, overflowing_text


def deck_document(project, relative="handouts/sample.md"):
    return apply_pipeline(read_source(project.root / relative), Context(project, "deck", load_brand("default", project.root)))


def test_slide_model_snapshot(project, snapshot):
    deck = plan_deck(deck_document(project), load_brand("default", project.root))
    assert flat_model(deck) == snapshot


def test_slide_model_rules(project):
    deck = plan_deck(deck_document(project), load_brand("default", project.root))
    kinds = [(s.kind, s.title) for s in deck.slides]
    assert kinds[0] == ("title", "Sample handout")
    assert kinds[1] == ("content", "Main message")
    assert ("table", "Second section (cont.)") in kinds or ("table", "Second section") in kinds
    assert kinds[-1] == ("closing", "Questions?")
    first = next(s for s in deck.slides if s.title == "First section")
    assert [b.text for b in first.bullets] == ["Item one", "Item two", "Nested item", "Item three"]
    assert [b.level for b in first.bullets] == [0, 0, 1, 0]
    assert "Only the presenter sees this." in first.notes  # ::: notes
    assert any("A paragraph with emphasis" in n for n in first.notes)  # prose → notes
    continued = [s for s in deck.slides if s.title.startswith("Second section")][-1]
    assert [b.text for b in continued.bullets] == ["Numbered one", "Numbered two"]  # after ---
    assert all(b.numbered for b in continued.bullets)


def test_the_writer_draws_every_kind_of_slide():
    """Each kind in the Slide union is a frozen dataclass with a drawing function and a role on
    the master: a kind added without them fails here, not in the middle of someone's build."""
    import dataclasses
    from typing import get_args

    from kapdocs.writers.deck.layouts import ROLES
    from kapdocs.writers.deck.powerpoint import DRAW
    from kapdocs.writers.deck.slides import Slide

    kinds = get_args(Slide)
    assert set(DRAW) == set(kinds) and all(callable(draw) for draw in DRAW.values())
    assert all(dataclasses.is_dataclass(k) and k.__dataclass_params__.frozen for k in kinds)
    assert len({k.kind for k in kinds}) == len(kinds) and all(k.role in ROLES for k in kinds)


def test_hash_heading_makes_a_section_slide(project):
    deck = plan_deck(deck_document(project, "decks/training.md"), load_brand("default", project.root))
    assert [(s.kind, s.layout) for s in deck.slides] == [
        ("title", "Title Slide"), ("section", "Section Header"), ("content", "Title and Content"),
        ("closing", "Title and Content")]


def test_pptx_snapshot(project, snapshot):
    data, slides, _, _ = render(project, Job(project.root / "handouts/sample.md", "default", "pptx"))
    facts = deck_facts(data)
    assert len(facts["slides"]) == slides
    assert facts == snapshot


def test_pptx_pictures_have_alt_text_and_slide_numbers(project):
    data, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pptx"))
    facts = deck_facts(data)
    assert ["Four stages in a row"] in [s["pictures"] for s in facts["slides"]]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        slides = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
        assert all(b'type="slidenum"' in package.read(n) for n in slides)
        assert all(b'lang="en-US"' in package.read(n) for n in slides)


def test_same_input_gives_identical_pptx_bytes(project):
    job = Job(project.root / "handouts/sample.md", "default", "pptx")
    first, *_ = render(project, job)
    second, *_ = render(project, job)
    assert first == second
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert times == {(2026, 10, 1, 0, 0, 0)}  # the reviewed date, not the clock



@pytest.mark.slow
def test_a_deck_of_every_block_is_valid_open_xml_and_python_pptx_s_own_chart_is_not(make_project, tmp_path):
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    project = make_project("blocks")
    ours = render(project, Job(project.root / "handouts/blocks.md", "default", "pptx")).data
    assert open_xml_errors(ours, tmp_path) == ""
    # The checker finds what it should: python-pptx writes negative axis ids, which the schema refuses.
    plain = Presentation()
    data = CategoryChartData()
    data.categories, _ = ["a", "b"], data.add_series("s", (1, 2))
    plain.slides.add_slide(plain.slide_layouts[6]).shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, 10**6, 10**6, data)
    stream = io.BytesIO()
    plain.save(stream)
    assert "axId" in open_xml_errors(stream.getvalue(), tmp_path)


def test_a_charts_workbook_is_dated_by_the_source_not_the_clock(repo):
    """python-pptx writes a chart's data as a workbook inside the deck, and XlsxWriter stamped it
    with the time it was written: the staff-training deck changed from one second to the next."""
    data, *_ = render(repo, Job(repo.root / "decks/staff-training.md", "default", "pptx"))
    package = zipfile.ZipFile(io.BytesIO(data))
    workbooks = [name for name in package.namelist() if name.startswith("ppt/embeddings/")]
    assert workbooks
    for name in workbooks:
        inner = zipfile.ZipFile(io.BytesIO(package.read(name)))
        core = inner.read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2026-11-01T00:00:00Z"] * 2
        assert {info.date_time for info in inner.infolist()} == {(2026, 11, 1, 0, 0, 0)}


def test_no_slide_text_overflows_its_placeholder(repo):
    """Every sample deck, read back: measured text height ≤ the height of the shape holding it."""
    measure = text_measure(load_brand("default", repo.root).fonts.deck_body)
    for source in repo.sources():
        data, *_ = render(repo, Job(source, "default", "pptx"))
        assert overflowing_text(data, measure) == [], source.name


def test_bidi_isolates_take_no_room_when_text_is_measured():
    """An isolated phone number in Arabic is as wide as the number: the isolates print nothing."""
    measure = text_measure("Calibri", ("Noto Sans Arabic",))
    assert measure.width("\u2068(503) 555-0142\u2069", 20) == measure.width("(503) 555-0142", 20) > 0


def test_arabic_lines_are_as_tall_as_powerpoint_sets_them():
    """PowerPoint draws Arabic with Arial (1.15 em, as Liberation Sans), not with Noto Sans Arabic,
    which only stands in for its widths: measured at Noto's 2.11 em, the Arabic sample deck had
    two "(cont.)" slides its English original does not need."""
    from kapdocs.writers.deck.fit import deck_measure

    arabic, english = deck_measure("Calibri", "ar"), deck_measure("Calibri", "en")
    assert arabic.line_height(20) == english.line_height(20) == pytest.approx(1.2207 * 20, abs=0.01)
    assert arabic.width("الكيتامين", 20) > 0  # widths still come from the Arabic font


@pytest.mark.parametrize("family", ["Noto Sans CJK SC", "Carlito", "Noto Sans Arabic"])
def test_font_widths_are_the_fonts_own_though_its_glyphs_are_read_by_number(family):
    """kapdocs reads a font's widths without its glyph names (naming Noto Sans CJK's 65,535 glyphs
    took half the time): each character's width, the .notdef fallback and the characters covered
    are those fontTools gives with the font's own names."""
    from fontTools.ttLib import TTFont

    from kapdocs.support.fonts import characters_in, font_file, font_metrics

    path = font_file(family)
    metrics = font_metrics(path)
    with TTFont(path, fontNumber=0) as font:
        units, hmtx, cmap = font["head"].unitsPerEm, font["hmtx"], font.getBestCmap()
        assert metrics._widths == {code: hmtx[glyph][0] / units for code, glyph in cmap.items()}
        assert metrics.fallback == hmtx[".notdef"][0] / units
    assert characters_in(Path(path)) == frozenset(cmap) and len(cmap) > 1000
    assert font_metrics(path) is metrics  # read once per process, whichever deck font falls back to it


def test_a_long_list_is_split_into_numbered_parts_never_cont(project):
    bullets = "".join(f"- Point number {i} about the session and what it means for the patient\n" for i in range(30))
    write(project, "decks/long.md", FRONT + f"\n## Many points\n\n{bullets}")
    deck = plan_deck(deck_document(project, "decks/long.md"), load_brand("default", project.root))
    titles = [s.title for s in deck.slides if s.title.startswith("Many points")]
    assert len(titles) >= 2 and titles == [f"Many points ({i}/{len(titles)})" for i in range(1, len(titles) + 1)]
    assert sum(len(s.bullets) for s in deck.slides if s.title.startswith("Many points")) == 30


SUB_IDEAS = """
## Side effects

### During the session

{during}
### After

{after}
"""


def test_a_long_section_splits_at_its_sub_ideas_each_titled_by_its_part(project):
    """Too long for one slide even at the smallest body size: the break falls before a `###`
    heading, which becomes the part's title and is not repeated in its body."""
    during = "".join(f"- Effect {i} that patients may notice while the medicine works on them\n" for i in range(6))
    after = "".join(f"- Feeling {i} that can last for a few hours after they go home\n" for i in range(6))
    write(project, "decks/split.md", FRONT + SUB_IDEAS.format(during=during, after=after))
    deck = plan_deck(deck_document(project, "decks/split.md"), load_brand("default", project.root))
    parts = [s for s in deck.slides if s.title.startswith("Side effects")]
    assert [s.title for s in parts] == ["Side effects: During the session", "Side effects: After"]
    assert [len(s.bullets) for s in parts] == [6, 6] and parts[0].bullets[0].text.startswith("Effect 0")
    assert not any(s.title.endswith("(cont.)") for s in deck.slides)
    assert all(s.notes for s in parts)  # the second part's notes are what it shows


def test_a_short_section_keeps_its_sub_headings_as_bold_leads(project):
    write(project, "decks/short.md", FRONT + SUB_IDEAS.format(during="- Dizzy\n", after="- Tired\n"))
    deck = plan_deck(deck_document(project, "decks/short.md"), load_brand("default", project.root))
    slide = next(s for s in deck.slides if s.title.startswith("Side effects"))
    assert slide.title == "Side effects"
    assert [b.text for b in slide.bullets] == ["During the session", "Dizzy", "After", "Tired"]


def test_a_short_table_is_set_large_with_room_between_its_rows(project):
    """Read from the back of a room: a table that fits is set at 24 pt with padded rows; a long
    one drops to 18 pt, no smaller, and continues on more slides, its header repeated, nothing
    off the slide."""
    from pptx import Presentation
    from pptx.util import Pt

    rows = "".join(f"| Effect {i} | What staff do about effect {i} |\n" for i in range(40))
    write(project, "decks/tables.md", FRONT + "\n## Short\n\n| Effect | Response |\n|---|---|\n| Nausea | Antiemetic |\n"
          "\n## Long\n\n| Effect | Response |\n|---|---|\n" + rows)
    data, *_ = render(project, Job(project.root / "decks/tables.md", "default", "pptx"))
    tables = {}
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                tables.setdefault(slide.shapes.title.text, []).append(shape.table)
    short = tables["Short"][0].cell(1, 0)
    assert short.text_frame.paragraphs[0].runs[0].font.size == Pt(24)
    assert short.margin_top == short.margin_bottom >= Pt(7)
    long = [t for title, found in tables.items() if title.startswith("Long") for t in found]
    assert len(long) >= 2 and list(tables)[1:] == [f"Long: {t.cell(1, 0).text} – {t.cell(len(t.rows) - 1, 0).text}"
                                                   for t in long]  # each part named by its rows
    assert {t.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size for t in long} == {Pt(18)}
    assert all(t.cell(0, 0).text == "Effect" for t in long)
    assert overflowing_text(data, text_measure(load_brand("default", project.root).fonts.deck_body)) == []


def test_a_bullet_too_long_for_any_slide_is_an_error(project):
    write(project, "decks/huge.md", FRONT + "\n## Huge\n\n- " + "word " * 900 + "\n")
    with pytest.raises(KapdocsError, match=r"decks/huge.md:11: slide “Huge”: bullet 1 does not fit"):
        render(project, Job(project.root / "decks/huge.md", "default", "pptx"))


def test_committed_master_is_what_the_generator_makes(repo):
    brand = load_brand("default", repo.root)
    assert master_path(brand).read_bytes() == make_master(brand, MASTER_DATE), \
        "regenerate it: kapdocs template master default -o templates/default/deck.pptx"


def test_master_is_16_by_9_with_the_standard_layouts(repo):
    from pptx import Presentation

    prs = Presentation(str(master_path(load_brand("default", repo.root))))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    names = [layout.name for layout in prs.slide_layouts]
    assert {"Title Slide", "Title and Content", "Section Header", "Title Only"} <= set(names)
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            assert ph.left + ph.width <= prs.slide_width, (layout.name, ph.name)


def test_shape_ids_are_unique_on_every_slide(repo):
    """Duplicate ids make PowerPoint offer to repair the file."""
    from lxml import etree

    for source in repo.sources():
        data, *_ = render(repo, Job(source, "default", "pptx"))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                    ids = etree.fromstring(package.read(name)).xpath(
                        "//p:cNvPr/@id", namespaces={"p": "http://schemas.openxmlformats.org/presentationml/2006/main"})
                    assert len(ids) == len(set(ids)), (source.name, name, ids)


def test_callout_is_a_shape_sized_to_its_text(project):
    deck = plan_deck(deck_document(project), load_brand("default", project.root))
    callout = next(s for s in deck.slides if isinstance(s, CalloutSlide))
    assert (callout.kind, callout.layout, callout.callout.kind) == ("callout", "Title Only", "warning")
    assert [b.text for b in callout.bullets] == ["Do not drive", "No driving for 24 hours. Call (503) 555-0142 with questions."]
    data, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pptx"))
    facts = deck_facts(data)
    boxed = "Do not drive\nNo driving for 24 hours. Call (503) 555-0142 with questions."
    assert [s["layout"] for s in facts["slides"] if boxed in s["texts"]] == ["Title Only"]
    assert 0 < callout.text_height < callout.area.height / 2


def test_a_callout_too_long_for_one_slide_is_an_error(project):
    write(project, "decks/long.md", FRONT + "\n## Warn\n\n::: callout danger\n" + "Very long warning text. " * 120 + "\n:::\n")
    with pytest.raises(KapdocsError, match=r"decks/long.md:13: callout “Warning” is too long for one slide"):
        render(project, Job(project.root / "decks/long.md", "default", "pptx"))


# ---- right-to-left decks: a row reads from the right, as the handout's does ----------------------

def _lefts(slide, prefix):
    shapes = sorted((s for s in slide.shapes if s.name.startswith(prefix) and s.name[len(prefix):].isdigit()),
                    key=lambda s: int(s.name[len(prefix):]))
    return [s.left for s in shapes]


def test_an_arabic_deck_runs_its_tiles_steps_and_tables_from_the_right(repo):
    from pptx import Presentation

    decks = {lang: Presentation(io.BytesIO(render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default",
                                                            "pptx", lang))[0])) for lang in ("en", "ar")}
    for lang, deck in decks.items():
        stats = next(_lefts(s, "Stat ") for s in deck.slides if _lefts(s, "Stat "))
        steps_slide = next(s for s in deck.slides if _lefts(s, "Step "))
        steps = _lefts(steps_slide, "Step ")
        flipped = {s.name: s._element.spPr.xfrm.get("flipH") for s in steps_slide.shapes if s.name.startswith("Step ")
                   and s.name[5:].isdigit()}
        table = next(s.table for slide in deck.slides for s in slide.shapes if s.has_table)
        if lang == "ar":  # the first tile and step at the right, chevrons pointing left
            assert stats == sorted(stats, reverse=True) and len(stats) == 2
            assert steps == sorted(steps, reverse=True) and len(steps) == 4
            assert set(flipped.values()) == {"1"}
            assert table._tbl.tblPr.get("rtl") == "1"
        else:
            assert stats == sorted(stats) and steps == sorted(steps)
            assert set(flipped.values()) == {None}
            assert table._tbl.tblPr.get("rtl") is None
    closing = decks["ar"].slides[-1]
    contact = [p for shape in closing.placeholders if shape.placeholder_format.idx == 1
               for p in shape.text_frame.paragraphs]
    assert "(503) 555-0142" in [p.text for p in contact]
    # Every line hugs the right edge; only lines with Arabic letters are right-to-left paragraphs,
    # so the phone number keeps its digits in order.
    assert {p._p.pPr.get("algn") for p in contact} == {"r"}
    assert next(p for p in contact if p.text == "(503) 555-0142")._p.pPr.get("rtl") is None


ARABIC = FRONT.replace("lang: en", "lang: ar") + """
## قبل وبعد

:::: columns
::: column
### قبل
- الصيام أربع ساعات
:::
::: column
### بعد
- الراحة
:::
::::
"""


def test_an_arabic_deck_puts_its_first_column_and_its_text_at_the_right(project):
    """Columns read from the right; on the closing slide the QR code takes the left-hand side."""
    brand = load_brand("cedar", project.root)
    placed = {}
    for lang in ("en", "ar"):
        write(project, f"decks/{lang}.md", ARABIC.replace("lang: ar", f"lang: {lang}"))
        document = apply_pipeline(read_source(project.root / f"decks/{lang}.md"), Context(project, "deck", brand))
        placed[lang] = plan_deck(document, brand)
    columns = {lang: next(s for s in deck.slides if isinstance(s, ColumnsSlide)).column_areas for lang, deck in placed.items()}
    assert columns["en"][0].left < columns["en"][1].left
    assert columns["ar"] == columns["en"][::-1]
    closing = {lang: deck.slides[-1] for lang, deck in placed.items()}
    assert closing["en"].qr and closing["ar"].qr
    assert closing["ar"].area.width == closing["en"].area.width
    assert closing["ar"].area.left > closing["en"].area.left  # the QR code's room is on the left


def test_an_unreviewed_deck_says_draft_on_every_slide_and_a_reviewed_one_does_not(project):
    from pptx import Presentation

    body = "\n## What to do\n\nCall us if you feel worse.\n"
    for front, draft in ((FRONT, False), (FRONT.replace("reviewed_by: R\n", ""), True)):
        path = write(project, "handouts/bad.md", front + body)
        deck = Presentation(io.BytesIO(render(project, Job(path, "default", "pptx"))[0]))
        for slide in deck.slides:
            stamps = [s for s in slide.shapes if s.name == "Draft stamp"]
            assert [s.text_frame.text for s in stamps] == (["DRAFT — not reviewed"] if draft else [])
            colours = {str(r.font.color.rgb) for s in stamps for p in s.text_frame.paragraphs for r in p.runs}
            # White on the title slide's brand colour, where red could not be read; red elsewhere.
            assert colours == (set() if not draft else {"FFFFFF"} if slide.name == "title" else {"B00020"})


ARTICLE = """---
id: article
title: Sleep and mood
lang: en
version: "1"
reviewed: 2026-10-01
reviewed_by: R
next_review: 2027-10-01
---

# Sleep and  Mood

Sleep and mood are linked in both directions.

## Why sleep matters

**Sleep resets the brain.** During deep sleep the brain sorts the memories of the day.

**Too little sleep lowers mood.** After a short night most people cope less well.

## Small changes that help

Getting up at the same time each day steadies the body clock. Even at weekends this helps.

Light in the morning tells the body that the day has started.
"""


def test_a_plain_article_gives_no_empty_slide_and_one_title(project):
    """An article never tuned for kapdocs: its `# Title` is the title slide, and each prose-only
    section shows its paragraphs' bold lead-ins or first sentences, the prose in its notes."""
    path = write(project, "decks/article.md", ARTICLE)
    deck = plan_deck(deck_document(project, "decks/article.md"), load_brand("default", project.root))
    assert [(s.kind, s.title) for s in deck.slides] == [
        ("title", "Sleep and mood"), ("content", "Why sleep matters"), ("content", "Small changes that help"),
        ("closing", "Questions?")]
    assert deck.slides[0].notes == ("Sleep and mood are linked in both directions.", "Agenda:", "1. Why sleep matters",
                                    "2. Small changes that help")
    why, changes = deck.slides[1:3]
    assert [b.text for b in why.bullets] == ["Sleep resets the brain", "Too little sleep lowers mood"]
    assert [b.text for b in changes.bullets] == ["Getting up at the same time each day steadies the body clock.",
                                                  "Light in the morning tells the body that the day has started."]
    assert len(why.notes) == len(changes.notes) == 2 and path.is_file()


@pytest.mark.parametrize("lang", ["en", "es", "vi", "zh-Hans", "ar"])
def test_every_sample_deck_is_a_designed_deck(repo, lang):
    """Read back: every content slide has speaker notes (its source's prose, else what it shows,
    in the deck's language), no title says "(cont.)", no content slide is empty, and each
    section divider carries its number."""
    from pptx import Presentation

    from kapdocs.i18n.labels import labels
    from kapdocs.writers.deck.powerpoint import slides_without_notes
    from kapdocs.writers.deck.slides import FRAMING

    sources = [s for s in repo.sources() if lang == "en" or (s.parent / "locales" / lang / f"{s.stem}.po").is_file()]
    assert sources
    for source in sources:
        data, *_ = render(repo, Job(source, "default", "pptx", lang))
        assert slides_without_notes(data) == [], source.name
        deck = Presentation(io.BytesIO(data))
        titles = [s.shapes.title.text for s in deck.slides if s.shapes.title]
        assert not [t for t in titles if t.endswith((labels(lang)["continued"], "(cont.)"))], source.name
        content = [s for s in deck.slides if s.name not in FRAMING]
        shown = [[shape.name for shape in s.shapes if shape != s.shapes.title and shape.name != "Draft stamp"
                  and not (shape.is_placeholder and shape.placeholder_format.type == 13)] for s in content]
        assert all(shown), (source.name, lang)
        numbers = [shape.text_frame.text for s in deck.slides if s.name == "section" for shape in s.shapes
                   if shape.name == "Section number"]
        assert numbers == [f"{n:02d}" for n in range(1, len(numbers) + 1)]


def test_the_staff_deck_fills_the_body_area_of_its_content_slides(repo, project):
    """Body fill, read back: the box around a content slide's content over the area between its
    title and its footer line. A one-line slide covers little of it; the staff deck's content
    slides cover half of it or more on average."""
    from kapdocs.writers.deck.powerpoint import body_fill

    measure = text_measure(load_brand("default", repo.root).fonts.deck_body)
    data, *_ = render(repo, Job(repo.root / "decks/staff-training.md", "default", "pptx"))
    filled = body_fill(data, measure)
    assert len(filled) >= 12 and sum(f for _, f in filled) / len(filled) >= 0.5
    one_line, *_ = render(project, Job(write(project, "decks/one.md", FRONT + "\n## One\n\n- A short point\n"),
                                       "default", "pptx"))
    assert 0 < body_fill(one_line, measure)[-1][1] < 0.2


def test_a_long_faq_is_set_in_two_columns_before_it_is_split(project):
    pairs = "".join(f"### Question {n}?\n\n{'An answer of a few words. ' * 4}\n\n" for n in range(1, 7))
    write(project, "decks/faq.md", FRONT + "\n## FAQ\n\n::: faq\n" + pairs + ":::\n")
    deck = plan_deck(deck_document(project, "decks/faq.md"), load_brand("default", project.root))
    faq = [s for s in deck.slides if s.title.startswith("FAQ")]
    assert [(s.kind, s.title) for s in faq] == [("columns", "FAQ")]
    assert [c[0].text for c in faq[0].columns] == ["Question 1?", "Question 4?"]


def test_a_section_divider_carries_its_number_and_its_own_first_sentence(project):
    write(project, "decks/parts.md", FRONT + "\n# Safety\n\nWatching closely keeps patients safe. More follows.\n\n"
          "## Checks\n\nThe nurse checks blood pressure.\n\n- Blood pressure\n\n# Aftercare\n\n## Home\n\n- Rest\n")
    deck = plan_deck(deck_document(project, "decks/parts.md"), load_brand("default", project.root))
    dividers = [(s.number, s.title, s.lead) for s in deck.slides if s.kind == "section"]
    # Aftercare has no prose of its own: no line rather than a detail from one of its slides.
    assert dividers == [(1, "Safety", "Watching closely keeps patients safe."), (2, "Aftercare", "")]


def test_the_closing_slides_qr_code_leads_to_the_handout_in_its_language(repo):
    """Issue 34: the closing slide says where to find the handout. The brand's `handout_url`
    gives the address, its alt text is in the deck's language."""
    from pptx import Presentation

    for brand, lang, alt in (("default", "", "QR code: https://lakeview-clinic.example.org/handouts/en/staff-training"),
                             ("cedar", "ar", "رمز QR: https://cedar-ridge.example.org/handouts/ar/staff-training")):
        deck = render(repo, Job(repo.root / "decks/staff-training.md", brand, "pptx", lang)).data
        closing = Presentation(io.BytesIO(deck)).slides[-1]
        described = [d for shape in closing.shapes for d in shape._element.xpath(".//p:cNvPr/@descr")
                     if shape.name == "QR code"]
        assert described == [alt]


@pytest.mark.parametrize("url", ["https://clinic.example.org/handouts", "http://clinic.example.org/{id}"])
def test_a_handout_url_without_the_id_or_https_is_refused(project, url):
    brand = project.root / "templates/default/brand.yaml"
    brand.parent.mkdir(parents=True, exist_ok=True)
    from kapdocs.brand.kits import builtin_templates

    text = (builtin_templates() / "default/brand.yaml").read_text(encoding="utf-8")
    brand.write_text(text.replace("handout_url: https://lakeview-clinic.example.org/handouts/{lang}/{id}",
                                  f"handout_url: {url}"), encoding="utf-8")
    with pytest.raises(KapdocsError, match="handout_url"):
        load_brand("default", project.root)


def test_nothing_the_audience_reads_is_set_below_18_pt(repo, project):
    """Read from the back of a room: a sub-bullet of a list set at 20 pt is 18 pt, not 17 (3 pt
    less a level, down to 18), and a picture's caption is 18 pt, not 16."""
    from pptx import Presentation

    from kapdocs.writers.deck.powerpoint import small_text

    for source in ("handouts/intake.md", "decks/staff-training.md"):
        data, *_ = render(repo, Job(repo.root / source, "default", "pptx"))
        assert small_text(data, 18) == [], source
    items = "".join(f"- Point {i} that the presenter explains to the room\n  - A detail of point {i}\n"
                    "    - A detail of that detail\n" for i in range(7))
    data, *_ = render(project, Job(write(project, "decks/nested.md", FRONT + "\n## Nested\n\n" + items),
                                   "default", "pptx"))
    sizes = {(p.level, r.font.size.pt) for s in Presentation(io.BytesIO(data)).slides if s.shapes.title.text.startswith("Nested")
             for p in s.placeholders[1].text_frame.paragraphs for r in p.runs}
    assert sizes == {(0, 20.0), (1, 18.0), (2, 18.0)}


@pytest.mark.parametrize("lang", ["vi", "zh-Hans"])
def test_the_closing_slide_keeps_the_key_message_when_it_fits(repo, lang):
    """Read back: the closing slide starts with the deck's key message, as the main-message slide
    says it, above the clinic's contact lines (it went when Vietnamese was measured too tall, and
    Chinese needs 18 pt to keep it)."""
    from pptx import Presentation

    data, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pptx", lang))
    slides = list(Presentation(io.BytesIO(data)).slides)
    message = slides[1].placeholders[1].text_frame.text
    closing = slides[-1].placeholders[1].text_frame
    assert slides[1].name == "content" and closing.paragraphs[0].text == message
    assert min(r.font.size.pt for p in closing.paragraphs for r in p.runs) >= 18


def test_a_parts_title_says_what_it_holds_in_the_languages_own_punctuation(project):
    """A section's later slide is titled by its part: joined with a full-width colon in Chinese,
    without the part's ideographic full stop; where the section's title and the part's name
    would not fit on one line (measured, not counted), the name alone, never the section's
    title again."""
    chinese = FRONT.replace("lang: en", "lang: zh-Hans") + (
        "\n## 预期反应\n\n- 头晕\n\n| 反应 | 员工应对。 |\n|---|---|\n| 恶心 | 止吐药 |\n")
    english = FRONT + ("\n## Why ketamine is different\n\n- It acts on glutamate\n\n"
                       "| What differs | Standard antidepressants (SSRIs) | Ketamine |\n|---|---|---|\n"
                       "| Main brain chemical | Serotonin | Glutamate |\n")
    titles = {}
    for name, source in (("zh", chinese), ("en", english)):
        write(project, f"decks/{name}.md", source)
        deck = plan_deck(deck_document(project, f"decks/{name}.md"), load_brand("default", project.root))
        titles[name] = [s.title for s in deck.slides if s.kind in ("content", "table")][-2:]
    assert titles["zh"] == ["预期反应", "预期反应：员工应对"]
    assert titles["en"] == ["Why ketamine is different", "Standard antidepressants (SSRIs) · Ketamine"]


@pytest.mark.parametrize("lang", ["en", "es", "vi", "zh-Hans", "ar"])
def test_no_sample_deck_repeats_a_title_on_the_next_slide(repo, lang):
    """Read back: a section's later slide says what it holds (a table's columns, a form's first
    question), not its section's title again: English repeated “Your ride home” and “Why
    ketamine is different”."""
    from pptx import Presentation

    for source in (repo.root / "handouts/intake.md", repo.root / "handouts/how-ketamine-works.md"):
        data, *_ = render(repo, Job(source, "default", "pptx", lang))
        titles = [s.shapes.title.text for s in Presentation(io.BytesIO(data)).slides if s.shapes.title]
        assert not [(a, i) for i, (a, b) in enumerate(zip(titles, titles[1:]), 2) if a == b], (source.name, lang)


def test_the_title_and_agenda_slides_carry_notes_a_presenter_can_read_out(repo):
    """Read back: the agenda's notes read its parts out, each with why it matters; the title
    slide's say what the session is and what it covers. Both had none."""
    from pptx import Presentation

    data, *_ = render(repo, Job(repo.root / "decks/staff-training.md", "default", "pptx"))
    slides = {s.name: s for s in reversed(Presentation(io.BytesIO(data)).slides)}
    agenda = slides["agenda"].notes_slide.notes_text_frame.text.splitlines()
    parts = [p.text for p in slides["agenda"].placeholders[1].text_frame.paragraphs]
    assert agenda[0] == "Agenda:" and len(agenda) == len(parts) + 1 and len(parts) == 3
    assert all(line.startswith(f"{n}. {part} — ") for n, (line, part) in enumerate(zip(agenda[1:], parts), 1))
    title = slides["title"].notes_slide.notes_text_frame.text
    assert title.startswith("Ketamine-assisted psychotherapy — ") and "Main message: Ketamine acts in hours" in title
    assert title.endswith("\n".join(agenda))


def test_a_lead_in_sentence_keeps_its_list_in_the_notes(repo):
    """Read back: “To make the most of the window:” ended the notes, its list on the slide only."""
    from pptx import Presentation

    data, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pptx"))
    slide = next(s for s in Presentation(io.BytesIO(data)).slides if s.shapes.title.text == "The window for change")
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    at = notes.index("To make the most of the window:")
    assert notes[at + 1:] == ["• Go to your integration therapy session.",
                              "• Try one small new habit, like a short walk or calling a friend.",
                              "• Write down thoughts or pictures from your session.",
                              "• Sleep well, eat regular meals and avoid alcohol."]


@pytest.mark.parametrize("lang, comma", [("en", ", "), ("ar", "، "), ("zh-Hans", "，")])
def test_the_title_slides_version_line_is_at_18_pt_with_the_languages_comma(repo, lang, comma):
    """Read back: the version line printed at 16 pt, under the audience's 18, and joined its two
    phrases with a Latin comma in Arabic (“الإصدار 1.0, لم…”)."""
    from pptx import Presentation

    from kapdocs.writers.deck.powerpoint import small_text

    data, *_ = render(repo, Job(repo.root / "decks/staff-training.md", "default", "pptx", lang))
    title = Presentation(io.BytesIO(data)).slides[0]
    version = next(p for shape in title.placeholders if shape.has_text_frame
                   for p in shape.text_frame.paragraphs if "1.1" in p.text)
    assert comma in version.text and (comma == ", " or ", " not in version.text)
    assert min(run.font.size.pt for run in version.runs) >= 18
    assert [found for found in small_text(data, 18) if found[0] == 1] == []
