"""The audit on kapdocs' own outputs: the samples come out clean, a deck made to fail is caught,
and the commands report findings as lines, JSON and an exit code."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest
from pptx import Presentation
from pptx.util import Pt
from typer.testing import CliRunner

from kapdocs.audit import Output, audit
from kapdocs.audit.deck import overflowing, slides_without_notes, small_type
from kapdocs.audit.pdf import read_printed
from kapdocs.cli.app import app
from kapdocs.pipeline import Job, render


def _deck(notes: bool, words: int, name: str = "", size: float = 24) -> bytes:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.name = name
    box = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(60))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = " ".join(["ketamine"] * words)
    run.font.size = Pt(size)
    box.text_frame.word_wrap = True
    if notes:
        slide.notes_slide.notes_text_frame.text = "Explain what the patient feels."
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_slide_without_notes_is_found(repo):
    assert slides_without_notes(_deck(False, 2), "d.pptx")[0].where == "slide 1"
    assert not slides_without_notes(_deck(True, 2), "d.pptx")


@pytest.mark.parametrize("name, found", [("title", False), ("section", False), ("agenda", False), ("closing", False),
                                         ("content", True), ("table", True), ("Slide 3", True)])
def test_only_content_slides_need_notes(name, found):
    """kapdocs names each slide by its kind: the slides that frame the deck need no notes, a
    content slide, or one named by hand, does."""
    assert bool(slides_without_notes(_deck(False, 2, name), "d.pptx")) is found


def test_text_taller_than_its_box_is_found_at_the_brand_font(repo):
    assert overflowing(_deck(True, 60), "d.pptx", "default", "en", repo.root)[0].rule == "slide-overflow"
    assert not overflowing(_deck(True, 2), "d.pptx", "default", "en", repo.root)


@pytest.mark.parametrize("size, name, found", [(24, "content", False), (18, "content", False), (17, "content", True),
                                               (16, "picture", True), (16, "closing", True), (16, "title", True)])
def test_text_below_18_pt_is_found_on_every_slide(size, name, found):
    """Training slides are read from the back of a room: 18 pt is the least, a caption's, the
    closing slide's and the title slide's version line included."""
    findings = small_type(_deck(True, 2, name, size), "d.pptx")
    assert [(f.rule, f.where, f.measured) for f in findings] == ([("type-size", "slide 1", f"{size:g} pt")] if found else [])


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_the_notice_lines_carry_their_language_and_the_qr_code_its_alt_text(repo, brand):
    pdf = render(repo, Job(repo.root / "handouts/intake.md", brand, "pdf", pdf_ua=True)).data
    printed = read_printed(pdf)
    langs = {glyph.lang for page in printed.pages for glyph in page.glyphs if not glyph.char.isascii()}
    assert {"zh-Hans", "ar", "ko"} <= langs or brand == "cedar"  # cedar's handouts have no notice
    assert all(figure.alt for page in printed.pages for figure in page.figures)
    if brand == "cedar":
        assert "QR code: Scan to start your intake form online (cedar-ridge.example.org)" in {
            figure.alt for figure in printed.pages[0].figures}


def test_the_audit_command_reports_each_finding_and_fails(repo, tmp_path):
    (tmp_path / "d.pptx").write_bytes(_deck(False, 2))
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "d.pptx"), "--project", str(repo.root)])
    assert result.exit_code == 1
    assert "slide 1: slide-notes: the slide has no speaker notes" in result.output
    as_json = CliRunner().invoke(app, ["audit", str(tmp_path), "--json", "--project", str(repo.root)])
    assert json.loads(as_json.output)["findings"][0]["rule"] == "slide-notes"


def test_the_audit_command_passes_a_clean_deck(repo, tmp_path):
    (tmp_path / "d.pptx").write_bytes(_deck(True, 2))
    result = CliRunner().invoke(app, ["audit", str(tmp_path), "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "1 files audited: 0 findings" in result.output


def test_nothing_to_audit_is_one_error(repo, tmp_path):
    result = CliRunner().invoke(app, ["audit", str(tmp_path), "--project", str(repo.root)])
    assert result.exit_code == 1 and "nothing to audit" in str(result.exception)


def test_a_sample_handout_is_clean_in_both_sizes(repo, tmp_path):
    outputs = []
    for large_print in (False, True):
        path = tmp_path / f"how-ketamine-works{'.large-print' if large_print else ''}.pdf"
        path.write_bytes(render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "cedar", "pdf", "es",
                                          large_print=large_print, pdf_ua=True)).data)
        outputs.append(Output(path, "cedar", "es", large_print))
    findings = audit(outputs, repo)
    assert [str(f) for f in findings] == []


def test_a_skipped_rule_is_counted_not_failed(repo, tmp_path):
    (tmp_path / "d.pptx").write_bytes(_deck(False, 2))
    result = CliRunner().invoke(app, ["audit", str(tmp_path), "--skip", "slide-notes", "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "1 files audited: 0 findings (skipped: 1 slide-notes)" in result.output
    unknown = CliRunner().invoke(app, ["audit", str(tmp_path), "--skip", "notes", "--project", str(repo.root)])
    assert unknown.exit_code == 1 and "no such rule" in str(unknown.exception)


def test_build_audit_reads_back_exactly_what_it_built(project):
    result = CliRunner().invoke(app, ["build", "--audit", "--brand", "default", "--project", str(project.root)])
    built = sorted(p.name for p in (project.root / "build").rglob("*.p*[fx]"))
    assert built == ["sample.pdf", "sample.pptx", "training.pdf", "training.pptx"]
    assert f"{len(built)} files audited:" in result.output
    findings = [line for line in result.output.splitlines() if line.startswith("build/")]
    assert result.exit_code == (1 if findings else 0), result.output


@pytest.mark.parametrize("lang", ["en", "vi", "ar"])
def test_the_large_print_footer_is_compact_and_no_page_is_left_half_empty(repo, tmp_path, lang):
    """At 18 pt the footer held the crisis line, the disclaimer, the document control and the page
    number: six to eight lines, 19-25 % of every page. It holds the crisis line alone now (the
    Vietnamese one takes three lines), at most 12 % of the page, and the handout no page under
    40 % full but its last, and at most about twice the regular handout's pages."""
    outputs = []
    for large_print in (False, True):
        path = tmp_path / f"how-ketamine-works{'.large-print' if large_print else ''}.pdf"
        result = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", lang,
                                  large_print=large_print, pdf_ua=True))
        path.write_bytes(result.data)
        outputs.append((Output(path, "default", lang, large_print), result.units))
    findings = audit([output for output, _ in outputs], repo)
    assert [str(f) for f in findings if f.rule in ("footer-height", "page-fill")] == []
    (_, regular), (_, large) = outputs
    assert large <= 2.2 * regular, (regular, large)


NOTE = {"en": "Simplified picture", "zh-Hans": "为患者简化的示意图", "vi": "Hình đơn giản hóa"}


@pytest.mark.parametrize("brand, lang", [("default", "en"), ("cedar", "zh-Hans"), ("cedar", "vi")])
def test_the_large_print_figure_is_drawn_with_its_text_at_18_pt(repo, brand, lang):
    """The four-stages picture was a PNG whose words printed at about 9 pt in large print. Large
    print draws its SVG version, whose words are text, read back at their printed size."""
    def note_sizes(large_print: bool) -> list[float]:
        pdf = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", brand, "pdf", lang,
                               large_print=large_print)).data
        sizes = []
        for page in read_printed(pdf).pages:
            text = "".join(glyph.char for glyph in page.glyphs)
            at = text.replace(" ", "").find(NOTE[lang].replace(" ", ""))
            if at >= 0:
                letters = [glyph for glyph in page.glyphs if glyph.char != " "]
                sizes += [glyph.size for glyph in letters[at:at + len(NOTE[lang].replace(" ", ""))]]
        return sizes

    assert note_sizes(False) == []  # regular print: the PNG, its words not text
    large = note_sizes(True)
    assert large and min(large) >= 18


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_the_arabic_large_print_figure_is_its_svg_with_text_at_18_pt(repo, brand):
    """The Arabic four-stages picture stayed a PNG in large print (its words about 9 pt), as
    WeasyPrint set SVG text one letter at a time, left to right (weasyprint_internals, patch 6d).
    Large print draws its SVG version now, its words text at 18 pt or more."""
    job = Job(repo.root / "handouts/how-ketamine-works.md", brand, "pdf", "ar", large_print=True)
    pdf = render(repo, job).data
    figure = "ketamine-stages.large-print" + ("" if brand == "default" else f".{brand}") + ".ar.svg"
    words = re.findall(r">([^<>]+)</text>", (repo.root / "handouts/images" / figure).read_text(encoding="utf-8"))
    pages = read_printed(pdf).pages
    held = [page for page in pages if not Counter("".join(words).replace(" ", ""))
            - Counter(glyph.char for glyph in page.glyphs)]
    assert held, "no page holds the figure's words as text"
    assert not any(page.pictures for page in held)  # no PNG on its page
    assert min(glyph.size for page in pages for glyph in page.glyphs if glyph.kinds) >= 18


def _finding_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("build/")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_audit_finds_what_the_audit_command_finds(project, jobs):
    """The workers read back what they just made from memory; the outputs a rebuild leaves alone
    are read from disk: both must find what `kapdocs audit` finds in the folder, line for line."""
    source = project.root / "handouts" / "sample.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Opening words before any section.", "Keep this: `{{ phone }}`."), encoding="utf-8")
    build = ["build", "--audit", "--brand", "default", "--jobs", jobs, "--project", str(project.root)]
    fresh = CliRunner().invoke(app, build)
    assert "4 built, 0 skipped" in fresh.output, fresh.output
    separate = _finding_lines(CliRunner().invoke(app, ["audit", "--project", str(project.root)]).output)
    assert any("template-marker" in line for line in separate)  # (every content slide has notes now)
    assert fresh.exit_code == 1 and _finding_lines(fresh.output) == separate
    up_to_date = CliRunner().invoke(app, build)
    assert "0 built, 4 skipped" in up_to_date.output, up_to_date.output
    assert up_to_date.exit_code == 1 and _finding_lines(up_to_date.output) == separate
