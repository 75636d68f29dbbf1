"""Decks on other masters: python-pptx's own (4:3), the same with renamed layouts, Pandoc's
reference deck (16:9), one whose layouts say nothing but their placeholders, and broken ones."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.cli import app
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.deck import plan_deck
from kapdocs.writers.deck.fit import text_measure

from decks import deck_facts, open_xml_errors, overflowing_text

#: PowerPoint's layout names as a French PowerPoint writes them.
FRENCH = {"Title Slide": "Diapositive de titre", "Title and Content": "Titre et contenu",
          "Section Header": "En-tête de section", "Two Content": "Deux contenus", "Comparison": "Comparaison",
          "Title Only": "Titre seul", "Blank": "Vide"}


def python_pptx_master(path, rename=None, drop=()):
    """python-pptx's default template (4:3), optionally with layouts renamed or removed."""
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name in drop:
            prs.slide_layouts.remove(layout)
        elif rename:
            layout.name = rename.get(layout.name, layout.name)
    prs.save(path)
    return path


def with_master(repo, tmp_path, name, master):
    """A copy of the sample library with a brand that uses `master`."""
    root = tmp_path / "library"
    shutil.copytree(repo.root, root, ignore=shutil.ignore_patterns(".venv", "build", ".git", "__pycache__"))
    brand = root / "templates" / name
    shutil.copytree(root / "templates/default", brand)
    (brand / "deck.pptx").unlink()
    shutil.copy(master, brand / "master.pptx")
    text = (brand / "brand.yaml").read_text(encoding="utf-8")
    (brand / "brand.yaml").write_text(text + "deck_master: master.pptx\n", encoding="utf-8")
    from kapdocs.support.project import Project

    return Project(root.resolve())


@pytest.mark.parametrize("rename", [None, FRENCH], ids=["python-pptx default", "renamed layouts"])
def test_samples_on_a_4_3_master_fit_and_use_its_layouts(repo, tmp_path, rename):
    master = python_pptx_master(tmp_path / "master.pptx", rename)
    project = with_master(repo, tmp_path, "other", master)
    measure = text_measure("Calibri")
    for source in project.sources():
        data, slides, warnings, _ = render(project, Job(source, "other", "pptx"))
        facts = deck_facts(data)
        assert facts["size_in"] == [10.0, 7.5]
        assert overflowing_text(data, measure) == [], source.name
        assert warnings == []  # every layout found by name or by type
        layouts = {s["layout"] for s in facts["slides"]}
        expected = {"Title Slide", "Title and Content"} if rename is None else {"Diapositive de titre", "Titre et contenu"}
        assert expected <= layouts
        assert all(s["title"] for s in facts["slides"]), "every slide has a title"



def pandoc_reference(path):
    """Pandoc's own default reference deck, as `pandoc --print-default-data-file reference.pptx` writes it."""
    pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes with the test extra (pypandoc-binary)")
    import subprocess

    path.write_bytes(subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.pptx"],
                                    check=True, capture_output=True).stdout)
    return path


def placeholders_only_master(path):
    """python-pptx's master with every layout renamed "Layout N" and typed `cust`: nothing but its
    placeholders says what a layout is for."""
    prs = Presentation()
    for number, layout in enumerate(prs.slide_layouts, 1):
        layout.name = f"Layout {number}"
        layout._element.set("type", "cust")
    prs.save(path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("make", [pandoc_reference, placeholders_only_master], ids=["pandoc", "placeholders only"])
def test_samples_on_a_foreign_master_fit_with_titles_in_every_slide(repo, tmp_path, make):
    project = with_master(repo, tmp_path, "other", make(tmp_path / "master.pptx"))
    measure = text_measure("Calibri")
    for source in project.sources():
        data, slides, warnings, _ = render(project, Job(source, "other", "pptx"))
        facts = deck_facts(data)
        assert overflowing_text(data, measure) == [], source.name
        assert all(s["title"] for s in facts["slides"]), "every slide has a title"
        assert len(facts["slides"]) == slides
        layouts = [s["layout"] for s in facts["slides"]]
        if source.name == "staff-training.md":  # PowerPoint would open it without a repair
            assert open_xml_errors(data, tmp_path) == ""
        if make is pandoc_reference:  # 10 in wide: four steps' texts at 18 pt are too long for chevrons
            assert facts["size_in"] == [10.0, 5.625]
            assert all("shown as a numbered list" in warning for warning in warnings), warnings
        else:  # python-pptx's layouts in its order: title, content, section, two content, …, title only
            assert layouts[0] == "Layout 1" and "Layout 2" in layouts
            assert set(layouts) <= {"Layout 1", "Layout 2", "Layout 3", "Layout 4", "Layout 6"}, source.name


def test_a_master_without_title_only_falls_back_with_a_warning(repo, tmp_path):
    master = python_pptx_master(tmp_path / "master.pptx", drop=("Title Only",))
    project = with_master(repo, tmp_path, "other", master)
    data, _, warnings, _ = render(project, Job(project.root / "handouts/your-kap-session.md", "other", "pptx"))
    assert warnings == ["the master has no “Title Only” layout; shapes slides use “Title and Content”"]
    assert overflowing_text(data, text_measure("Calibri")) == []


def test_a_master_without_a_content_layout_is_an_error_before_anything_is_written(repo, tmp_path):
    keep = ("Title Slide", "Blank", "Title Only")
    prs = Presentation()
    names = [layout.name for layout in prs.slide_layouts]
    master = python_pptx_master(tmp_path / "master.pptx", drop=tuple(n for n in names if n not in keep))
    project = with_master(repo, tmp_path, "other", master)
    with pytest.raises(KapdocsError, match=r"the master has no layout for content slides.*Title and Content"):
        render(project, Job(project.root / "handouts/how-ketamine-works.md", "other", "pptx"))


def test_a_file_that_is_not_a_pptx_is_a_clear_error(repo, tmp_path):
    bad = tmp_path / "master.pptx"
    bad.write_text("not a deck")
    project = with_master(repo, tmp_path, "other", bad)
    with pytest.raises(KapdocsError, match=r"cannot open the PowerPoint master"):
        render(project, Job(project.root / "handouts/how-ketamine-works.md", "other", "pptx"))


def test_template_check_lists_layouts_and_what_serves_each_kind(tmp_path):
    runner = CliRunner()
    master = python_pptx_master(tmp_path / "fr.pptx", FRENCH)
    result = runner.invoke(app, ["template", "check", str(master)])
    assert result.exit_code == 0, result.output
    assert "10.00 × 7.50 in (4:3), 11 layouts" in result.output
    assert "“Titre et contenu” (type obj)" in result.output
    assert "    1 obj       'Content Placeholder 2'" in result.output
    assert "content  (bullets, agenda, FAQ, glossary, closing): “Titre et contenu”, by layout type `obj`" in result.output
    names = [layout.name for layout in Presentation().slide_layouts]
    broken = python_pptx_master(tmp_path / "broken.pptx", drop=tuple(n for n in names if n != "Blank"))
    result = runner.invoke(app, ["template", "check", str(broken)])
    assert result.exit_code == 1
    assert "content  (bullets, agenda, FAQ, glossary, closing): NO LAYOUT" in result.output


def test_the_agenda_lists_the_parts_of_the_deck(repo):
    brand = load_brand("default", repo.root)
    doc = apply_pipeline(read_source(repo.root / "decks/staff-training.md"), Context(repo, "deck", brand))
    agenda = plan_deck(doc, brand).slides[2]
    assert agenda.title == "Agenda"
    assert [b.text for b in agenda.bullets] == ["How ketamine works", "Session care", "Talking with patients"]
