"""kapdocs check: each rule on a passing and a failing fixture, asserting what it measured."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil

import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from kapdocs import model as m
from kapdocs.check import check_documents
from kapdocs.audit.pdf import read_back
from kapdocs.check.readability import (count, flesch_kincaid_grade, inflesz, sentences_of, syllables_en,
                                       syllables_es)
from kapdocs.check.rules import document_control, pdf_findings, slide_titles
from kapdocs.cli import app
from kapdocs.brand.kits import builtin_templates

from checking import check_source

PLAIN = "## What to do\n\nCall us if you feel worse. Rest at home. Drink water.\n"


def source(project, body: str = PLAIN, lang: str = "en", summary: str = "Call us if you feel worse.",
           extra: str = "") -> object:
    return check_source(project, body, lang=lang, summary=summary, extra=extra)


def findings(project, path, rule: str, lang: str = "", outputs: bool = False):
    report = check_documents(project, [path], (lang,), outputs=outputs)[0]
    return [f for f in report.findings if f.rule == rule], report


# ---- the formulas -------------------------------------------------------------------------

# Syllables as a dictionary divides them (Merriam-Webster; RAE for Spanish), counted by hand.
ENGLISH = {"ketamine": 3, "depression": 3, "hours": 1, "weeks": 1, "window": 2, "brain": 1, "connections": 3,
           "therapy": 3, "change": 1, "simple": 2, "table": 2, "called": 1, "needed": 2, "people": 2,
           "medicine": 3, "sessions": 2, "uses": 2, "changes": 2, "serotonin": 4, "glutamate": 3, "make": 1,
           "the": 1, "clinic": 2, "before": 2, "after": 2, "driving": 2, "pressure": 2, "safety": 2}
SPANISH = {"ketamina": 4, "depresión": 3, "horas": 2, "semanas": 3, "período": 4, "cerebro": 3, "nuevas": 2,
           "conexiones": 4, "día": 2, "leer": 2, "cuidado": 3, "guerra": 2, "que": 1, "aliviar": 3, "ahora": 3,
           "país": 2, "teoría": 4, "proteína": 4, "también": 2, "sesión": 2, "presión": 2, "arterial": 3}


def test_syllables_agree_with_the_dictionary():
    """Counting by rule misses some English words ("safety": the e is silent mid-word); it must
    agree on at least 9 in 10 words of patient text, and on every Spanish word here."""
    missed = {w: syllables_en(w) for w in ENGLISH if syllables_en(w) != ENGLISH[w]}
    assert len(missed) / len(ENGLISH) <= 0.1 and missed == {"safety": 3}
    assert {w: syllables_es(w) for w in SPANISH} == SPANISH


def test_flesch_kincaid_matches_worked_examples():
    # Kincaid et al. (1975): 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    # "The cat sat on the mat." 6 words, 6 syllables, 1 sentence: −1.45.
    assert flesch_kincaid_grade(count(["The cat sat on the mat."], "en")) == pytest.approx(-1.45, abs=0.01)
    # 8 words, 12 syllables (ke·ta·mine, de·pres·sion), 1 sentence: 0.39 × 8 + 11.8 × 1.5 − 15.59 = 5.23.
    text = "Ketamine can ease depression in hours, not weeks."
    assert flesch_kincaid_grade(count([text], "en")) == pytest.approx(5.23, abs=0.5)
    # Hand-counted: 2 sentences, 24 words, 33 syllables → 0.39 × 12 + 11.8 × 1.375 − 15.59 = 5.32.
    text = ("After each session there is a window of about three days. "
            "Your brain can change more easily then, so therapy is planned inside it.")
    counts = count([text], "en")
    assert (counts.sentences, counts.words) == (2, 24)
    assert flesch_kincaid_grade(counts) == pytest.approx(5.32, abs=0.5)


def test_inflesz_matches_a_worked_example():
    # Szigriszt-Pazos: 206.835 − 62.3 × syllables/word − words/sentence.
    # "La ketamina puede aliviar la depresión en horas." 8 words, 17 syllables: 66.45.
    counts = count(["La ketamina puede aliviar la depresión en horas."], "es")
    assert (counts.words, counts.syllables) == (8, 17)
    assert inflesz(counts) == pytest.approx(66.45, abs=0.01)


def test_sentences_split_where_a_reader_would():
    assert sentences_of("It is allowed by the U.S. Food and Drug Administration. Call us.") == [
        "It is allowed by the U.S. Food and Drug Administration.", "Call us."]
    assert len(sentences_of("如果您需要帮助。我们可免费提供。", "zh-Hans")) == 2
    assert len(sentences_of("إذا كنت بحاجة إلى مساعدة. اتصل على الرقم.", "ar")) == 2


# ---- each rule: passing and failing --------------------------------------------------------

HARD = ("## What to do\n\nCall us. Pharmacological interventions targeting glutamatergic neurotransmission "
        "demonstrate considerable therapeutic efficacy in treatment-resistant depressive disorders. "
        "Subsequent administration necessitates comprehensive cardiovascular monitoring.\n")


def test_reading_grade_fails_dense_text_and_passes_plain_text(project):
    found, report = findings(project, source(project, HARD), "reading-grade")
    assert [f.level for f in found if f.line == 1] == ["error"]
    grade = float(report.measures["reading"].split()[-1])
    assert grade > 8 and found[0].measured == f"Flesch-Kincaid grade {grade:.1f}"
    found, report = findings(project, source(project, PLAIN), "reading-grade")
    assert found == [] and float(report.measures["reading"].split()[-1]) < 6


def test_spanish_is_scored_by_inflesz_and_other_languages_are_not_assessed(project):
    path = source(project, "## Qué hacer\n\nLlame si se siente peor. Descanse en casa.\n", lang="es",
                  summary="Llame si se siente peor.")
    found, report = findings(project, path, "reading-grade")
    assert report.measures["reading"].startswith("INFLESZ") and float(report.measures["reading"].split()[-1]) > 65
    assert found == []
    path = source(project, "## Phải làm gì\n\nGọi cho chúng tôi nếu bạn thấy tệ hơn.\n", lang="vi",
                  summary="Gọi cho chúng tôi.")
    found, report = findings(project, path, "reading-grade")
    assert report.measures["reading"] == "not assessed" and [f.level for f in found] == ["info"]


def test_long_sentences_are_named_with_their_length(project):
    long = " ".join(["Word"] + ["word"] * 28) + "."
    found, _ = findings(project, source(project, PLAIN + "\n" + long + "\n"), "sentence-length")
    assert [(f.level, f.measured) for f in found] == [("warning", "29 words")]
    found, _ = findings(project, source(project, "## A\n\nCall us. " + " ".join([long] * 3) + "\n"), "sentence-length")
    assert ("error", f"{(2 + 3 * 29) / 4:.1f} words") in [(f.level, f.measured) for f in found]
    assert findings(project, source(project), "sentence-length")[0] == []


def test_lists_over_seven_items_are_flagged(project):
    items = "".join(f"- Item {n}\n" for n in range(8))
    found, _ = findings(project, source(project, PLAIN + "\n" + items), "list-length")
    assert [(f.level, f.measured, f.threshold) for f in found] == [("warning", "8 items", "≤ 7")]
    seven = "".join(f"- Item {n}\n" for n in range(7))
    assert findings(project, source(project, PLAIN + "\n" + seven), "list-length")[0] == []


def test_acronyms_must_be_spelled_out_or_defined(project):
    found, _ = findings(project, source(project, PLAIN + "\nThe FDA has not approved it.\n"), "acronyms")
    assert [(f.level, f.message) for f in found] == [("warning", "`FDA` is not spelled out at its first use")]
    spelled = PLAIN + "\nThe Food and Drug Administration (FDA) has not approved it. The FDA says so.\n"
    assert findings(project, source(project, spelled), "acronyms")[0] == []
    glossary = PLAIN + "\nThe FDA has not approved it.\n\nFDA\n: Food and Drug Administration.\n"
    assert findings(project, source(project, glossary), "acronyms")[0] == []


def test_main_message_and_an_instruction_are_required(project):
    found, _ = findings(project, source(project, "## About\n\nKetamine is a medicine.\n", summary=""), "main-message")
    assert [(f.level, f.measured) for f in found] == [("error", "none")]
    path = source(project, "## About\n\nKetamine is a medicine.\n", summary="Sleep well after each session tonight.")
    found, _ = findings(project, path, "main-message")
    assert [(f.level, f.measured) for f in found] == [("warning", "0 of 5 key words")]
    found, _ = findings(project, path, "action")
    assert [(f.level, f.measured) for f in found] == [("error", "0 instructions")]
    assert findings(project, source(project), "action")[0] == []


def test_pictures_need_useful_alt_text(project):
    body = PLAIN + "\n![stages.png](images/stages.png)\n"
    found, _ = findings(project, source(project, body), "alt-text")
    assert [(f.level, f.measured) for f in found] == [("error", "“stages.png”")]
    body = PLAIN + "\n![Four stages of how ketamine works](images/stages.png)\n"
    assert findings(project, source(project, body), "alt-text")[0] == []


def test_every_table_column_needs_a_header(project):
    corner = PLAIN + "\n| | SSRIs | Ketamine |\n|---|---|---|\n| Starts to help | Weeks | Hours |\n"
    found, _ = findings(project, source(project, corner), "table-header")
    assert [(f.level, f.measured) for f in found] == [("error", "empty header in column 1")]
    named = corner.replace("| | SSRIs", "| What differs | SSRIs")
    assert findings(project, source(project, named), "table-header")[0] == []


def test_every_slide_needs_a_title(project):
    from kapdocs.brand.schema import load_brand
    from kapdocs.readers import read_source

    document = read_source(source(project), "check.md")
    untitled = document.with_blocks((m.Heading(2, (), "x", 5),) + document.blocks[1:])
    brand = load_brand("default", project.root)
    assert [(f.level, f.line) for f in slide_titles(untitled, brand, "check.md")] == [("error", 5)]
    assert slide_titles(document, brand, "check.md") == []


def test_contrast_reports_the_lowest_pair_and_warns_below_large_print(project):
    found, _ = findings(project, source(project), "contrast")
    assert [(f.level, f.measured) for f in found] == [("info", "7.16:1")]
    folder = project.root / "templates/faint"
    shutil.copytree(builtin_templates() / "default", folder)
    yaml = folder / "brand.yaml"
    yaml.write_text(yaml.read_text().replace('text: "#1A1A1A"', 'text: "#666666"'))
    report = check_documents(project, [source(project)], ("",), brand="faint", outputs=False)[0]
    assert [(f.level, f.measured) for f in report.findings if f.rule == "contrast"] == [("warning", "5.04:1")]


def test_document_control_dates():
    meta = m.Meta("x", "X", "en", "1", dt.date(2026, 10, 1), "R", dt.date(2027, 10, 1))
    assert document_control(meta, "x.md", today=dt.date(2026, 11, 22)) == []
    late = document_control(meta, "x.md", today=dt.date(2027, 12, 1))
    assert [(f.level, f.measured) for f in late] == [("error", "next review 2027-10-01")]
    far = m.Meta("x", "X", "en", "1", dt.date(2026, 10, 1), "R", dt.date(2029, 10, 1))
    assert [(f.level, f.measured) for f in document_control(far, "x.md", today=dt.date(2026, 11, 22))] == [
        ("error", "1096 days")]
    unreviewed = m.Meta("x", "X", "en", "1", dt.date(2026, 10, 1), "", dt.date(2027, 10, 1))
    assert [(f.level, f.measured) for f in document_control(unreviewed, "x.md", today=dt.date(2026, 11, 22))] == [
        ("info", "no reviewed_by")]


def test_the_built_pdf_has_crisis_line_tags_and_readable_type(project):
    found = [f for f in check_documents(project, [source(project)], ("",))[0].findings
             if f.rule in ("crisis-line", "pdf-tags", "type-size")]
    assert found == []
    folder = project.root / "templates/bare"
    shutil.copytree(builtin_templates() / "default", folder)
    css = folder / "handout.css"
    css.write_text(css.read_text() + "\n.page-footer { display: none; }\nmain p, main li { font-size: 10pt; }\n")
    report = check_documents(project, [source(project, PLAIN * 3)], ("",), brand="bare")[0]
    rules = [(f.rule, f.measured) for f in report.findings if f.level == "error"]
    assert ("crisis-line", "missing") in rules and ("type-size", "10 pt") in rules


def test_an_untagged_pdf_without_language_or_title_fails():
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    data = io.BytesIO()
    blank.write(data)
    facts = read_back(data.getvalue())
    found = pdf_findings(facts, "Call 988", "General information", False, "x.md")
    assert {f.message for f in found if f.rule == "pdf-tags"} == {
        "the PDF is not tagged", "the PDF is not language set", "the PDF is not title set"}
    assert {f.message for f in found if f.rule == "crisis-line"} == {"page 1 has no crisis line",
                                                                      "page 1 has no disclaimer"}



@pytest.mark.parametrize("pages, found", [
    (("Call 988. Page one.", "Call 988. General information, not advice."), set()),
    (("Call 988. Page one.", "Page two."), {"page 2 has no crisis line", "the handout has no disclaimer"}),
])
def test_large_print_asks_for_the_crisis_line_on_every_page_and_the_disclaimer_once(pages, found):
    from kapdocs.audit.pdf import PdfFacts

    facts = PdfFacts(pages, True, "en", "Title", 18.0)
    out = pdf_findings(facts, "Call 988", "General information", False, "x.md", 18.0, disclaimer_on_every_page=False)
    assert {f.message for f in out} == found

def test_an_incomplete_translation_and_a_missing_glyph_are_errors(project):
    path = source(project)
    runner = CliRunner()
    assert runner.invoke(app, ["i18n", "update", "--locale", "es", "--project", str(project.root)]).exit_code == 0
    found, _ = findings(project, path, "translation", lang="es")
    assert found and found[0].level == "error" and "incomplete" in found[0].message
    import polib

    catalog = polib.pofile(str(project.root / "handouts/locales/es/check.po"))
    for entry in catalog:
        entry.msgstr = entry.msgid + (" \ue000" if entry.msgid.startswith("Call us if you feel worse. Rest") else "")
    catalog.save()
    found, _ = findings(project, path, "glyphs", lang="es")
    assert found and "U+E000" in found[0].message and found[0].file.endswith("check.po")


def test_a_waiver_with_its_reason_is_reported_and_lifts_the_finding(project):
    path = source(project, PLAIN + "\nThe FDA has not approved it.\n",
                  extra="waive:\n  acronyms: Our patients know the FDA.\n")
    report = check_documents(project, [path], ("",), outputs=False)[0]
    assert not [f for f in report.findings if f.rule == "acronyms"]
    assert [(f.rule, reason) for f, reason in report.waived] == [("acronyms", "Our patients know the FDA.")]


def test_the_command_prints_findings_and_fails_on_warnings_when_strict(project):
    path = source(project, PLAIN + "\nThe FDA has not approved it.\n")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(path), "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "handouts/check.md:16: warning acronyms: `FDA` is not spelled out at its first use" in result.output
    assert "1 documents checked: 0 errors," in result.output
    assert runner.invoke(app, ["check", str(path), "--strict", "--project", str(project.root)]).exit_code == 1
    data = json.loads(runner.invoke(app, ["check", str(path), "--json", "--project", str(project.root)]).output)
    rules = [f["rule"] for f in data["documents"][0]["findings"] if f["level"] == "warning"]
    assert data["warnings"] == len(rules) and "acronyms" in rules
    assert data["documents"][0]["measures"]["PEMAT-P actionability"].endswith("%")


def test_build_check_stops_a_build_with_errors(project):
    source(project, "## About\n\nKetamine is a medicine.\n", summary="")
    result = CliRunner().invoke(app, ["build", "--check", "--project", str(project.root)])
    assert result.exit_code == 1
    assert not (project.root / "build/default/en/check.pdf").exists()


@pytest.mark.slow
def test_the_samples_pass_strict_in_every_language(repo):
    result = CliRunner().invoke(app, ["check", "--locale", "all", "--strict", "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_slide_text_that_runs_past_its_box_is_found_in_the_written_deck(project):
    found, _ = findings(project, source(project, PLAIN), "slide-overflow", outputs=True)
    assert found == []
    body = "## What to do\n\n- Call us. " + " ".join(["word"] * 260) + "\n"
    found, _ = findings(project, source(project, body), "slide-overflow", outputs=True)
    assert len(found) == 1 and found[0].level == "error"
    needed, available = (float(part.split()[0]) for part in (found[0].measured, found[0].threshold))
    assert needed > available


def test_large_print_is_checked_at_18_pt(project):
    path = source(project, PLAIN * 3)
    normal = check_documents(project, [path], ("",))[0]
    large = check_documents(project, [path], ("",), large_print=True)[0]
    assert not [f for f in normal.findings + large.findings if f.rule == "type-size"]
    folder = project.root / "templates/small"
    shutil.copytree(builtin_templates() / "default", folder)
    css = folder / "large-print.css"
    css.write_text(css.read_text() + "\nmain p, main li { font-size: 16pt; }\n")
    small = check_documents(project, [path], ("",), brand="small", large_print=True)[0]
    assert [(f.rule, f.measured, f.threshold) for f in small.findings if f.level == "error"] == [
        ("type-size", "16 pt", "≥ 18 pt")]
