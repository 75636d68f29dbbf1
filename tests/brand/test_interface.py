"""A project's own catalog of interface text: `kapdocs i18n init LANG` adds a language outside the
installed package, and the project's wording comes before the built-in catalogs."""

from __future__ import annotations

import hashlib

import polib
import pytest
from typer.testing import CliRunner

from kapdocs.brand.kits import builtin_templates
from kapdocs.cli import app
from kapdocs.errors import KapdocsError
from kapdocs.i18n.strings import PACKAGE_CATALOGS
from kapdocs.pipeline import Job, render

from pdfs import page_texts

runner = CliRunner()


def cli(project, *args):
    return runner.invoke(app, [*args, "--project", str(project.root)])


def package_digest() -> str:
    """One digest of every file of kapdocs' own catalogs and built-in brand kits."""
    digest = hashlib.sha256()
    for folder in (PACKAGE_CATALOGS, builtin_templates()):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def translate_into_korean(project) -> None:
    """Every untranslated entry of the project's Korean catalogs, marked as Korean (markup kept)."""
    for path in [*project.root.glob("*/locales/ko/*.po"), project.root / "locales/ko.po"]:
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if not entry.msgstr:
                entry.msgstr = "한국어 " + entry.msgid
        catalog.save()


def test_init_adds_korean_to_the_project_and_a_korean_handout_builds_once_translated(project):
    before = package_digest()
    result = cli(project, "i18n", "init", "ko")
    assert result.exit_code == 0, result.output
    assert {"locales/ko.po", "handouts/locales/ko/sample.po", "decks/locales/ko/training.po"} <= {
        line.split()[1] for line in result.output.splitlines() if line.startswith("wrote")}
    own = polib.pofile(str(project.root / "locales/ko.po"))
    assert own.find("Main message").msgstr == "핵심 메시지"  # filled in from kapdocs' own Korean
    assert own.find("Lakeview Mind & Body Clinic logo").msgstr == ""  # the default brand ships no Korean
    source = project.root / "handouts/sample.md"
    with pytest.raises(KapdocsError, match=r"locales/ko.po: no `ko` translation of the brand text"):
        render(project, Job(source, "default", "pdf", "ko"))
    translate_into_korean(project)
    text = " ".join(page_texts(render(project, Job(source, "default", "pdf", "ko")).data))
    assert "한국어 Sample handout" in text and "핵심 메시지" in text and "한국어 In crisis?" in text
    assert render(project, Job(project.root / "decks/training.md", "default", "pptx", "ko")).data
    assert package_digest() == before


def test_the_projects_wording_comes_before_kapdocs_own(project):
    assert cli(project, "i18n", "init", "ko").exit_code == 0
    translate_into_korean(project)
    path = project.root / "locales/ko.po"
    catalog = polib.pofile(str(path))
    catalog.find("Main message").msgstr = "꼭 알아야 할 점"
    catalog.save()
    text = " ".join(page_texts(render(project, Job(project.root / "handouts/sample.md", "default", "pdf", "ko")).data))
    assert "꼭 알아야 할 점" in text and "핵심 메시지" not in text


def test_init_refuses_a_language_twice_and_an_unknown_one(project):
    assert cli(project, "i18n", "init", "ko").exit_code == 0
    again = cli(project, "i18n", "init", "ko")
    assert again.exit_code == 1 and "already has a ko catalog" in str(again.exception)
    unknown = cli(project, "i18n", "init", "xx-nowhere")
    assert unknown.exit_code == 1 and "unknown language" in str(unknown.exception)
    assert not (project.root / "locales/xx-nowhere.po").exists()


def test_the_project_catalog_is_updated_as_msgmerge_would_and_stays_put(project):
    assert cli(project, "i18n", "init", "ko").exit_code == 0
    path = project.root / "locales/ko.po"
    first = path.read_bytes()
    assert cli(project, "i18n", "update", "--locale", "ko").exit_code == 0
    assert path.read_bytes() == first
    result = cli(project, "i18n", "extract", "--check")
    assert "locales/kapdocs.pot: up to date" in result.output


def test_status_lists_each_source_and_language_and_whether_it_is_released(project):
    assert cli(project, "i18n", "init", "ko").exit_code == 0
    result = cli(project, "i18n", "status")
    assert result.exit_code == 0, result.output  # Korean is not released, so incomplete is not a failure
    row = next(line for line in result.output.splitlines() if line.startswith("handouts/sample.md"))
    assert row.split()[1:] == ["ko", "0", "0", "28", "0", "-", "no"]
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + 'locales = ["ko"]\n')
    released = cli(project, "i18n", "status")
    assert released.exit_code == 1 and released.output.splitlines()[1].endswith("yes")


def test_status_has_a_row_for_the_project_catalog_counted_against_the_template_now(project):
    def row() -> list[int]:
        result = cli(project, "i18n", "status")
        assert result.exit_code == 0, result.output  # informative: built-in catalogs fill what it leaves out
        line = next(line for line in result.output.splitlines() if line.startswith("locales/ko.po"))
        assert line.split()[1] == "ko" and line.split()[-1] == "no"
        return [int(n) for n in line.split()[2:6]]

    assert cli(project, "i18n", "init", "ko").exit_code == 0
    translated, fuzzy, missing, stale = row()
    assert translated > 20 and fuzzy == stale == 0
    catalog = polib.pofile(str(project.root / "locales/ko.po"))
    catalog.find("Main message").flags.append("fuzzy")
    catalog.find("Next review").msgstr = ""
    catalog.remove(catalog.find("Agenda"))  # as a catalog made before kapdocs had that label
    catalog.save()
    before = (project.root / "locales/ko.po").read_bytes()
    assert row() == [translated - 3, 1, missing + 2, 0]
    assert (project.root / "locales/ko.po").read_bytes() == before  # counted in memory, nothing written
