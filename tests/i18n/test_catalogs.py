"""Catalogs as translators' tools see them: GNU msgfmt, msgcat, msgmerge, translate-toolkit's pofilter
and polib accept every catalog, and `kapdocs i18n update` merges as msgmerge does, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from kapdocs.cli import app
from kapdocs.i18n.catalogs import text_of

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("handouts", "decks", "templates", "kapdocs/i18n/locales")
COMMITTED = sorted(path for folder in FOLDERS for path in (REPO / folder).rglob("*.po*")
                   if path.suffix in (".po", ".pot"))
#: pofilter's checks that mean "a tool would reject or mangle this", not matters of style.
POFILTER_CHECKS = ("printf", "pythonbraceformat", "escapes", "newlines", "tabs", "xmltags", "urls", "emails", "nplurals")

runner = CliRunner()


def tool(name: str) -> str:
    """The path of a gettext or translate-toolkit program (setup.sh --test installs them)."""
    path = shutil.which(name)
    assert path, f"{name} is not installed: run ./scripts/setup.sh --test (gettext, translate-toolkit)"
    return path


def msgfmt(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("msgfmt"), "-c", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


def pofilter(path: Path, out: Path) -> str:
    """What pofilter finds wrong in a catalog ("" when nothing)."""
    checks = [arg for check in POFILTER_CHECKS for arg in ("-t", check)]
    subprocess.run([tool("pofilter"), "--progress=none", "--nofuzzy", *checks, str(path), str(out)],
                   check=True, capture_output=True)
    return out.read_text() if out.exists() else ""


def cli(project, *args):
    result = runner.invoke(app, [*args, "--project", str(project.root)])
    return result


def test_there_are_catalogs_of_every_kind():
    assert {p.suffix for p in COMMITTED} == {".po", ".pot"} and len(COMMITTED) >= 20


def test_msgfmt_checks_every_committed_catalog_and_its_formats():
    failures = {p.relative_to(REPO).as_posix(): r.stderr for p in COMMITTED if (r := msgfmt(p)).returncode}
    assert failures == {}


def test_msgfmt_refuses_prose_flagged_as_a_format_string(tmp_path):
    path = tmp_path / "flagged.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#, python-format\nmsgid "About 40% of the signals"\nmsgstr "نحو 40% من الإشارات"\n')
    assert msgfmt(path).returncode != 0


def test_pofilter_finds_nothing_in_any_committed_catalog(tmp_path):
    found = {p.relative_to(REPO).as_posix(): text for i, p in enumerate(COMMITTED) if p.suffix == ".po"
             if (text := pofilter(p, tmp_path / f"{i}.po"))}
    assert found == {}


def test_pofilter_finds_a_broken_escape(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "Line one\\nline two"\nmsgstr "Línea uno línea dos"\n')
    assert "(pofilter) newlines" in pofilter(path, tmp_path / "out.po")


def test_every_committed_catalog_is_laid_out_as_msgcat_lays_it_out():
    differ = [p.relative_to(REPO).as_posix() for p in COMMITTED
              if subprocess.run([tool("msgcat"), str(p)], capture_output=True, text=True).stdout != p.read_text()]
    assert differ == []


def test_polib_opens_every_committed_catalog_and_kapdocs_writes_it_back_byte_for_byte():
    differ = [p.relative_to(REPO).as_posix() for p in COMMITTED if text_of(polib.pofile(str(p))) != p.read_text()]
    assert differ == []


def test_extraction_never_flags_prose_as_a_format(project):
    assert cli(project, "i18n", "extract").exit_code == 0
    template = project.root / "handouts/locales/sample.pot"
    assert not [e.msgid for e in polib.pofile(str(template)) if e.flags]
    assert msgfmt(template).returncode == 0


def test_the_committed_templates_are_what_extraction_makes():
    result = runner.invoke(app, ["i18n", "extract", "--check", "--project", str(REPO)])
    assert result.exit_code == 0, result.output


def test_a_stale_template_fails_the_check_and_is_left_alone(project):
    assert cli(project, "i18n", "extract").exit_code == 0
    source = project.root / "handouts/sample.md"
    source.write_text(source.read_text().replace("A quoted sentence.", "A quoted sentence, changed."))
    template = project.root / "handouts/locales/sample.pot"
    before = template.read_bytes()
    result = cli(project, "i18n", "extract", "--check")
    assert result.exit_code == 1 and "handouts/locales/sample.pot: out of date" in result.output
    assert template.read_bytes() == before


def translate_all(path: Path) -> None:
    """Every entry translated as `ES <msgid>`, with a translator's comment and name (as a vendor's tool would)."""
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "ES " + entry.msgid
    catalog[0].tcomment = "Checked against the glossary by M. Ruiz."
    catalog.metadata["Last-Translator"] = "M. Ruiz <m.ruiz@example.org>"
    catalog.save()


def test_update_merges_as_msgmerge_does_and_a_second_run_changes_nothing(project):
    po = project.root / "handouts/locales/es/sample.po"
    template = project.root / "handouts/locales/sample.pot"
    assert cli(project, "i18n", "update", "--locale", "es").exit_code == 0
    translate_all(po)
    assert cli(project, "i18n", "update", "--locale", "es").exit_code == 0
    before = project.root / "before.po"
    shutil.copy(po, before)
    source = project.root / "handouts/sample.md"
    text = source.read_text().replace("A quoted sentence.", "A quoted sentence, changed.")
    source.write_text(text.replace("Opening words before any section.\n", ""))
    assert cli(project, "i18n", "extract").exit_code == 0
    assert cli(project, "i18n", "update", "--locale", "es").exit_code == 0
    theirs = subprocess.run([tool("msgmerge"), "--previous", "-q", str(before), str(template), "-o", "-"],
                            capture_output=True, text=True, check=True).stdout
    assert po.read_text() == theirs
    merged = polib.pofile(str(po))
    changed = merged.find("A quoted sentence, changed.")
    assert changed.fuzzy and changed.previous_msgid == "A quoted sentence." and changed.msgstr == "ES A quoted sentence."
    assert [e.msgid for e in merged.obsolete_entries()] == ["Opening words before any section."]
    assert merged.metadata["Last-Translator"] == "M. Ruiz <m.ruiz@example.org>"
    assert merged.metadata["Plural-Forms"].startswith("nplurals=")
    assert merged[0].tcomment == "Checked against the glossary by M. Ruiz."
    assert msgfmt(po).returncode == 0
    once = po.read_bytes()
    assert cli(project, "i18n", "update", "--locale", "es").exit_code == 0
    assert po.read_bytes() == once
    polib.pofile(str(po)).save()  # a vendor's polib script: kapdocs' next update restores the layout, losing nothing
    assert cli(project, "i18n", "update", "--locale", "es").exit_code == 0
    assert po.read_bytes() == once


@pytest.mark.parametrize("lang", ["ar", "zh-Hans", "vi", "ko"])
def test_a_new_catalog_has_its_language_and_plural_forms_in_the_header(project, lang):
    assert cli(project, "i18n", "update", "--locale", lang).exit_code == 0
    po = project.root / f"handouts/locales/{lang}/sample.po"
    header = polib.pofile(str(po)).metadata
    assert header["Language"] == lang and header["Plural-Forms"].startswith("nplurals=")
    assert msgfmt(po).returncode == 0
