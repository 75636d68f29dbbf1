"""Rule `approved-terms`: real Spanish catalogs of a small handout, held to a real glossary; a
catalog that complies passes, a wrong or avoided term fails at its PO line."""

from __future__ import annotations

import unicodedata

import polib
import pytest
from typer.testing import CliRunner

from kapdocs.check import check_documents
from kapdocs.cli import app
from kapdocs.i18n import translators

from checking import check_source
from conftest import write

BODY = """## What to expect

Ketamine can cause side effects. Most pass within an hour.

Tell us about any side effect you notice.

We give you water and a blanket.

A nurse places an IV line in your arm.
"""
#: A Spanish catalog that uses every approved term, plurals included; "give" holds "iv" but not the term IV.
COMPLIANT = {
    "Check fixture": "Prueba",
    "Ketamine can cause side effects.": "La ketamina puede causar efectos secundarios.",
    "What to expect": "Qué esperar",
    "Ketamine can cause side effects. Most pass within an hour.":
        "La ketamina puede causar efectos secundarios. Casi todos pasan en una hora.",
    "Tell us about any side effect you notice.": "Díganos si nota algún efecto secundario.",
    "We give you water and a blanket.": "Le damos agua y una manta.",
    "A nurse places an IV line in your arm.": "Una enfermera le pone una vía intravenosa en el brazo.",
}
GLOSSARY = ("term,approved,avoid,note\n"
            "ketamine,ketamina,quetamina,\n"
            "side effect,secundario,colateral,efecto secundario / efectos secundarios\n"
            "IV,vía intravenosa,,\n")
PO = "handouts/locales/es/check.po"


def translated(project, translations: dict[str, str], fuzzy: tuple[str, ...] = ()):
    """The fixture handout with a complete Spanish catalog holding `translations`; the source."""
    source = check_source(project, BODY, summary="Ketamine can cause side effects.")
    translators.update(project, [source], ("es",))
    catalog = polib.pofile(str(project.root / PO))
    for entry in catalog:
        entry.msgstr = translations.get(entry.msgid, "ES " + entry.msgid)
        entry.flags = ["fuzzy"] if entry.msgid in fuzzy else []
    catalog.save()
    return source


def terms_found(project, source):
    report, = check_documents(project, [source], ("es",), outputs=False)
    return [f for f in report.findings if f.rule == "approved-terms"]


def msgid_line(project, msgid: str) -> int:
    lines = (project.root / PO).read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


def test_a_catalog_that_uses_the_approved_terms_passes(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    source = translated(project, COMPLIANT)
    assert terms_found(project, source) == []


def test_a_translation_typed_in_another_normal_form_still_complies(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    iv = "A nurse places an IV line in your arm."
    source = translated(project, {**COMPLIANT, iv: unicodedata.normalize("NFD", COMPLIANT[iv])})
    assert terms_found(project, source) == []


def test_a_wrong_term_is_an_error_at_its_po_line_naming_the_term_and_what_was_expected(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    wrong = "Ketamine can cause side effects. Most pass within an hour."
    source = translated(project, {**COMPLIANT, wrong: "La ketamina puede causar reacciones. Casi todas pasan pronto."})
    finding, = terms_found(project, source)
    assert (finding.file, finding.line, finding.level) == (PO, msgid_line(project, wrong), "warning")
    assert str(finding).endswith("approved-terms: “side effect” is not translated as locales/glossaries/es.csv:3 "
                                 "approves (no “secundario”; “secundario”)")


def test_an_avoided_variant_fails_even_beside_the_approved_text(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    avoided = "Tell us about any side effect you notice."
    source = translated(project, {**COMPLIANT, avoided: "Díganos si nota un efecto secundario o colateral."})
    finding, = terms_found(project, source)
    assert finding.line == msgid_line(project, avoided)
    assert "“side effect” is translated with “colateral”, which locales/glossaries/es.csv:3 avoids" in finding.message


def test_a_released_language_makes_it_an_error_and_a_fuzzy_entry_is_not_judged(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'locales = ["es"]\n')
    wrong, unsure = "Ketamine can cause side effects. Most pass within an hour.", "We give you water and a blanket."
    source = translated(project, {**COMPLIANT, wrong: "La quetamina causa efectos secundarios.",
                                  "A nurse places an IV line in your arm.": "Le ponen un IV."},
                        fuzzy=("A nurse places an IV line in your arm.",))
    assert unsure in COMPLIANT
    report, = check_documents(project, [source], ("es",), outputs=False)
    assert [(f.level, f.rule, f.message.split(",")[0]) for f in report.findings] == [
        ("error", "translation", "the es translation is incomplete: 1 of 7 segments have no finished translation (6 translated"),
        ("error", "approved-terms", "“ketamine” is translated with “quetamina”")]


def test_a_project_without_a_glossary_or_checked_in_english_is_silent(project):
    source = translated(project, {"Check fixture": "Prueba"})  # no approved terms anywhere
    assert terms_found(project, source) == []
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    report, = check_documents(project, [source], ("",), outputs=False)
    assert [f for f in report.findings if f.rule == "approved-terms"] == []


def test_a_malformed_glossary_is_one_error_naming_its_line(project):
    write(project, "locales/glossaries/es.csv", GLOSSARY + "ketamine,ketamina,,\n")
    source = translated(project, COMPLIANT)
    finding, = terms_found(project, source)
    assert str(finding).startswith("locales/glossaries/es.csv:5: error approved-terms: the term “ketamine” is already "
                                   "on line 2")


@pytest.mark.parametrize("glossary, exit_code", [(GLOSSARY, 0), (GLOSSARY.replace("vía intravenosa", "catéter"), 1)])
def test_check_of_the_whole_project_applies_it_to_every_released_language(project, glossary, exit_code):
    write(project, "locales/glossaries/es.csv", glossary)
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'locales = ["es"]\n')
    translated(project, COMPLIANT)
    for other in ("handouts/sample.md", "decks/training.md"):
        (project.root / other).unlink()
    result = CliRunner().invoke(app, ["check", "--locale", "all", "--project", str(project.root)])
    assert ("error approved-terms: “IV” is not translated" in result.output) == bool(exit_code), result.output
    assert "check.md [es]" in result.output


def test_status_counts_each_catalogs_glossary_findings(project):
    wrong = "Tell us about any side effect you notice."
    translated(project, {**COMPLIANT, wrong: "Díganos si nota alguna reacción."})

    def terms_column() -> str:
        result = CliRunner().invoke(app, ["i18n", "status", "--locale", "es", "--project", str(project.root)])
        line = next(line for line in result.output.splitlines() if line.startswith("handouts/check.md"))
        return line.split()[-2]

    assert terms_column() == "-"  # no glossary
    write(project, "locales/glossaries/es.csv", GLOSSARY)
    assert terms_column() == "1"
