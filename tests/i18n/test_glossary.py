"""A language's glossary of approved terms: read from CSV as translators write it, every mistake
in the file named with its line."""

from __future__ import annotations

import unicodedata

import pytest

from kapdocs.errors import KapdocsError
from kapdocs.i18n.glossary import project_glossary, read_glossary

from conftest import write

HEADER = "term,approved,avoid,note\n"


def glossary(project, text: str, lang: str = "es"):
    path = write(project, f"locales/glossaries/{lang}.csv", text)
    return read_glossary(path, path.relative_to(project.root))


def test_a_glossary_is_read_with_its_lines_variants_and_notes(project):
    found = glossary(project, "\ufeff" + HEADER + "side effect,efecto secundario,efecto colateral; reacción ,Plural: efectos\n"
                     "\n"
                     '"IV","vía intravenosa",,"Said in full, not ""IV"""\n'
                     "ketamine,ketamina\n")
    side, iv, ketamine = found.terms
    assert (side.term, side.approved, side.avoid, side.note, side.line) == (
        "side effect", "efecto secundario", ("efecto colateral", "reacción"), "Plural: efectos", 2)
    assert (iv.line, iv.note, iv.avoid) == (4, 'Said in full, not "IV"', ())
    assert (ketamine.line, ketamine.avoid, ketamine.note) == (5, (), "")
    assert str(found.path) == "locales/glossaries/es.csv"


def test_a_term_is_found_at_the_start_of_a_word_in_any_case(project):
    side, iv = glossary(project, HEADER + "side effect,efecto secundario,,\nIV,vía intravenosa,,\n").terms
    assert side.found_in("Side effects pass.") and side.found_in("Tell us about any side effect.")
    assert not side.found_in("a bedside effect")
    assert iv.found_in("Your IV line") and iv.found_in("(IV) ketamine") and iv.found_in("an iv drip")
    assert not iv.found_in("We give you water.") and not iv.found_in("Live well.")


def test_a_translation_complies_with_the_approved_text_in_any_case_and_normal_form(project):
    side, = glossary(project, HEADER + "side effect,efecto secundario,efecto colateral,\n").terms
    assert side.problem("Un Efecto Secundario pasa.") is None
    assert side.problem("Los efectos pasan.") == ("missing", "efecto secundario")
    assert side.problem("Un efecto secundario, o efecto colateral.") == ("avoided", "efecto colateral")
    accent, = glossary(project, HEADER + "IV,vía intravenosa,,\n").terms
    decomposed = unicodedata.normalize("NFD", "Por vía intravenosa.")
    assert decomposed != "Por vía intravenosa." and accent.problem(decomposed) is None


def test_a_project_without_a_glossary_has_none(project):
    assert project_glossary(project.root, "es") is None
    write(project, "locales/glossaries/es.csv", HEADER + "ketamine,ketamina,,\n")
    assert [t.term for t in project_glossary(project.root, "es").terms] == ["ketamine"]


@pytest.mark.parametrize("text, line, message", [
    ("", 1, "the glossary is empty"),
    ("ketamine,ketamina,,\n", 1, "the glossary has no header row"),
    ("term,avoid,note\nketamine,,\n", 1, "the glossary has no `approved` column"),
    ("term,approved,avoid,notes\nketamine,ketamina,,\n", 1, "unknown glossary column `notes`"),
    (HEADER + "ketamine,ketamina,,\n,sesión,,\n", 3, "the row has no `term`"),
    (HEADER + "ketamine,ketamina,,\nsession,  ,,\n", 3, "the row has no `approved`"),
    (HEADER + "ketamine,ketamina,,\n\nKetamine,ketamina,,\n", 4, "the term “Ketamine” is already on line 2"),
    (HEADER + "ketamine,ketamina,,Say it, do not spell it\n", 2, "the row has 5 values and the header 4 columns"),
    (HEADER + "side effect,efecto secundario,efecto,\n", 2, "the avoided “efecto” is part of the approved"),
    (HEADER + 'ketamine,ketamina,,"an open quote\nsession,sesión,,\n', 2, "not valid CSV"),
])
def test_a_malformed_glossary_is_an_error_naming_its_file_and_line(project, text, line, message):
    with pytest.raises(KapdocsError) as caught:
        glossary(project, text)
    assert (caught.value.file.as_posix(), caught.value.line) == ("locales/glossaries/es.csv", line)
    assert message in caught.value.message and caught.value.rule == "approved-terms"
    assert str(caught.value).startswith(f"locales/glossaries/es.csv:{line}: ")


def test_a_glossary_that_is_not_utf8_names_the_line(project):
    path = project.root / "locales/glossaries/es.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes((HEADER + "ketamine,ketamina,,\nsession,sesión,,\n").encode("latin-1"))
    with pytest.raises(KapdocsError, match=r"es.csv:3: the glossary is not UTF-8 text. save it as CSV UTF-8"):
        read_glossary(path, path.relative_to(project.root))


def test_every_sample_glossary_reads_and_every_sample_catalog_complies(repo):
    from kapdocs.check.terms import catalog_terms

    glossaries = sorted((repo.root / "locales/glossaries").glob("*.csv"))
    assert "es.csv" in [path.name for path in glossaries]
    for path in glossaries:
        lang = path.stem
        assert project_glossary(repo.root, lang).terms, path.name
        catalogs = sorted(repo.root.glob(f"*/locales/{lang}/*.po"))
        assert catalogs and [str(f) for path in catalogs for f in catalog_terms(repo, path, lang)] == []


def test_a_note_may_hold_a_line_break_or_a_unicode_line_separator(project):
    found = glossary(project, HEADER + 'ketamine,ketamina,,"First line\r\nsecond\u2028line"\r\nsession,sesi,,\r\n')
    assert [(t.term, t.line) for t in found.terms] == [("ketamine", 2), ("session", 4)]
    assert found.terms[0].note == "First line\nsecond\u2028line"
