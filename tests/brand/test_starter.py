"""New things for a clinic: a project that builds at once, a brand from options or copied, a brand
that extends another, and a clinic's own Markdown taken in."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from conftest import write
from kapdocs.brand.schema import load_brand
from kapdocs.brand.starter import BrandChoices, copy_brand, create_project, take_in_handout
from kapdocs.cli import app
from kapdocs.errors import KapdocsError
from kapdocs.support.project import Project


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_new_project_builds_and_lists_its_outputs(tmp_path):
    result = run("new", str(tmp_path / "clinic"), "--name", "North Shore Clinic", "--colour", "#0B5D3B",
                 "--phone", "(555) 555-0199")
    assert result.exit_code == 0, result.output
    root = tmp_path / "clinic"
    brand = load_brand("clinic", root)
    assert (brand.name, brand.colours.primary, brand.contact.phone) == ("North Shore Clinic", "#0B5D3B", "(555) 555-0199")
    assert brand.contact.web == "" and brand.fonts.body == "Noto Sans"  # set to nothing, and inherited
    assert 'formats = ["pdf", "pptx", "html"]' in (root / "kapdocs.toml").read_text()
    # The web handouts only here (no WeasyPrint): tests/test_package.py builds every format from the wheel.
    result = run("build", "--project", str(root), "--jobs", "1", "--format", "html")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (root / "build/clinic/en").iterdir())
    assert built == ["first-visit-training.html", "first-visit.html"]
    assert "North Shore Clinic" in (root / "build/clinic/en/first-visit.html").read_text(encoding="utf-8")
    catalog = (root / "build/index.html").read_text(encoding="utf-8")
    assert catalog.count("<tr><td>") == 2 and "not yet reviewed" in catalog  # the samples wait for a reviewer


def test_a_new_project_needs_an_empty_folder_and_good_choices(tmp_path):
    write(Project(tmp_path), "taken/notes.txt", "mine")
    with pytest.raises(KapdocsError, match="not empty"):
        create_project(tmp_path / "taken")
    with pytest.raises(KapdocsError, match="#RRGGBB"):
        create_project(tmp_path / "new", BrandChoices(colour="blue"))
    assert not (tmp_path / "new").exists()


def test_a_brand_extends_another_and_a_circle_is_refused(project):
    write(project, "templates/north/brand.yaml", "extends: default\nname: North\nlogo: logo.png\n"
                                                 "colours:\n  primary: \"#0B5D3B\"\n")
    (project.root / "templates/north/logo.png").write_bytes((load_brand("default", project.root).folder / "logo.png").read_bytes())
    north = load_brand("north", project.root)
    assert (north.name, north.colours.primary, north.colours.accent) == ("North", "#0B5D3B", "#D9822B")
    write(project, "templates/east/brand.yaml", "extends: west\n")
    write(project, "templates/west/brand.yaml", "extends: east\n")
    with pytest.raises(KapdocsError, match="circle"):
        load_brand("east", project.root)


def test_a_copied_brand_is_a_whole_kit_to_edit(project):
    target = copy_brand(project.root, "default", "north")
    assert load_brand("north", project.root).name == load_brand("default", project.root).name
    assert (target / "logo.png").is_file()
    with pytest.raises(KapdocsError, match="already exists"):
        copy_brand(project.root, "default", "north")
    assert run("brand", "new", "south", "--from", "default", "--project", str(project.root)).exit_code == 0


def test_a_clinics_markdown_is_taken_in_as_a_draft(project, tmp_path):
    notes = tmp_path / "After Care.md"
    notes.write_text("# After your session\n\nRest for the day.\n", encoding="utf-8")
    source, to_fill = take_in_handout(project.root, notes, "en", dt.date(2026, 5, 1))
    assert source == project.root / "handouts/after-care.md" and any("reviewed_by" in line for line in to_fill)
    text = source.read_text(encoding="utf-8")
    assert 'title: "After your session"' in text and "reviewed: 2026-05-01" in text
    assert "# After your session" not in text  # the title is printed in the header once
    from kapdocs.readers import read_source

    assert read_source(source, source).meta.unreviewed  # no reviewer yet
    with pytest.raises(KapdocsError, match="already has front matter"):
        take_in_handout(project.root, source, "en", dt.date(2026, 5, 1))
