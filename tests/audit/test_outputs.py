"""The audit on kapdocs' own outputs: the samples come out clean, a deck made to fail is caught,
and the commands report findings as lines, JSON and an exit code."""

from __future__ import annotations

import io
import json

import pytest
from pptx import Presentation
from pptx.util import Pt
from typer.testing import CliRunner

from kapdocs.audit import Output, audit
from kapdocs.audit.deck import overflowing, slides_without_notes
from kapdocs.audit.pdf import read_printed
from kapdocs.cli.app import app
from kapdocs.pipeline import Job, render


def _deck(notes: bool, words: int) -> bytes:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(60))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = " ".join(["ketamine"] * words)
    run.font.size = Pt(24)
    box.text_frame.word_wrap = True
    if notes:
        slide.notes_slide.notes_text_frame.text = "Explain what the patient feels."
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_slide_without_notes_is_found(repo):
    assert slides_without_notes(_deck(False, 2), "d.pptx")[0].where == "slide 1"
    assert not slides_without_notes(_deck(True, 2), "d.pptx")


def test_text_taller_than_its_box_is_found_at_the_brand_font(repo):
    assert overflowing(_deck(True, 60), "d.pptx", "default", "en", repo.root)[0].rule == "slide-overflow"
    assert not overflowing(_deck(True, 2), "d.pptx", "default", "en", repo.root)


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
    assert [str(f) for f in findings if not f.file.endswith(".large-print.pdf")] == []
    # Open (docs/checking.md#the-audit): the large-print footer keeps six lines of 18 pt on every page.
    assert {f.rule for f in findings} <= {"footer-height"}


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
    assert any("template-marker" in line for line in separate) and any("slide-notes" in line for line in separate)
    assert fresh.exit_code == 1 and _finding_lines(fresh.output) == separate
    up_to_date = CliRunner().invoke(app, build)
    assert "0 built, 4 skipped" in up_to_date.output, up_to_date.output
    assert up_to_date.exit_code == 1 and _finding_lines(up_to_date.output) == separate
