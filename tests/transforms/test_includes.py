"""`::: include PATH#section`: reuse across sources, inside the project, without cycles."""

from __future__ import annotations

import pytest

from kapdocs import model as m
from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline

from conftest import FRONT, write


def transformed(project, relative, output="deck"):
    brand = load_brand("default", project.root)
    return apply_pipeline(read_source(project.root / relative), Context(project, output, brand))


def headings(doc):
    return [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Heading)]


def _cited(doc) -> list[int]:
    return [n.number for b in m.walk(doc.blocks) for c in m.inlines_of(b) for n in m.walk_inlines(c)
            if isinstance(n, m.FootnoteRef)]


def test_footnotes_are_numbered_as_the_reader_meets_them_across_includes(project):
    """An included section that comes before the including document's own citations: its note
    was numbered after them, so the handout's first mark was ²."""
    write(project, "decks/reuse.md", FRONT + "\n::: include ../handouts/sample.md#first-section :::\n\n"
          "## Mine\n\nOwn text.[^1]\n\n[^1]: My own note.\n")
    doc = transformed(project, "decks/reuse.md")
    assert _cited(doc) == [1, 2]
    assert [(f.number, m.plain_text(f.blocks[0].content)) for f in doc.footnotes] == [
        (1, "The footnote text."), (2, "My own note.")]


def test_the_staff_training_cites_its_sources_in_order(repo):
    first_uses = list(dict.fromkeys(_cited(transformed(repo, "decks/staff-training.md", "handout"))))
    assert first_uses == list(range(1, len(first_uses) + 1))


def test_a_section_is_included_with_its_picture_footnote_and_variables(project):
    write(project, "decks/reuse.md", FRONT + "\n## Mine\n\nOwn text.[^1]\n\n"
          "::: include ../handouts/sample.md#second-section :::\n\n"
          "::: include ../handouts/sample.md#first-section\n:::\n\n[^1]: My own note.\n")
    doc = transformed(project, "decks/reuse.md")
    assert headings(doc) == ["Mine", "Second section", "First section"]
    figure = next(b for b in m.walk(doc.blocks) if isinstance(b, m.Figure))
    assert figure.image.src == "handouts/images/stages.png"  # resolved from the included file's folder
    callout = next(b for b in m.walk(doc.blocks) if isinstance(b, m.Container) and b.kind == "callout")
    assert "(503) 555-0142" in m.plain_text(callout.blocks[0].content)
    assert [(f.number, m.plain_text(f.blocks[0].content)) for f in doc.footnotes] == [
        (1, "My own note."), (2, "The footnote text.")]
    refs = [n.number for b in m.walk(doc.blocks) for c in m.inlines_of(b) for n in m.walk_inlines(c)
            if isinstance(n, m.FootnoteRef)]
    assert refs == [1, 2]


def test_a_source_both_files_cite_is_listed_once(repo):
    """The staff deck cites li-2010 and includes a handout section that cites it too."""
    doc = transformed(repo, "decks/staff-training.md")
    keys = [note.source for note in doc.footnotes if note.source]
    assert keys.count("li-2010") == 1 and len(keys) == len(set(keys))
    numbers = {n.number for b in m.walk(doc.blocks) for c in m.inlines_of(b) for n in m.walk_inlines(c)
               if isinstance(n, m.FootnoteRef)}
    assert numbers == {note.number for note in doc.footnotes}  # every mark has its note, every note a mark
    assert [note.number for note in doc.footnotes] == list(range(1, len(doc.footnotes) + 1))


def test_a_whole_file_can_be_included(project):
    write(project, "decks/all.md", FRONT + "\n::: include ../handouts/sample.md :::\n")
    assert headings(transformed(project, "decks/all.md")) == ["First section", "Second section"]


def test_included_sections_build_in_both_outputs(project):
    write(project, "decks/reuse.md", FRONT + "\n::: include ../handouts/sample.md#second-section :::\n")
    for fmt in ("pdf", "pptx"):
        data, units, *_ = render(project, Job(project.root / "decks/reuse.md", "default", fmt))
        assert units >= 1 and data


def test_an_unknown_section_is_an_error_listing_the_sections(project):
    write(project, "decks/bad.md", FRONT + "\n::: include ../handouts/sample.md#third :::\n")
    with pytest.raises(KapdocsError, match=r"decks/bad.md:11: `sample.md` has no section `#third`.*"
                                           r"its sections are: first-section, second-section"):
        transformed(project, "decks/bad.md")


def test_an_include_cycle_is_an_error_naming_the_chain(project):
    write(project, "decks/a.md", FRONT + "\n## A\n\n::: include b.md#b :::\n")
    write(project, "decks/b.md", FRONT + "\n## B\n\n::: include a.md#a :::\n")
    with pytest.raises(KapdocsError, match=r"decks/b.md:13: include cycle: decks/a.md → decks/b.md → decks/a.md"):
        transformed(project, "decks/a.md")


def test_a_file_including_itself_is_a_cycle(project):
    write(project, "decks/self.md", FRONT + "\n## S\n\n::: include self.md :::\n")
    with pytest.raises(KapdocsError, match=r"include cycle: decks/self.md → decks/self.md"):
        transformed(project, "decks/self.md")


@pytest.mark.parametrize("target, message", [
    ("../../outside.md", "is outside the project"),
    ("/etc/passwd", "is an absolute path"),
    ("https://example.org/x.md", "is a URL"),
    ("missing.md", "does not exist"),
    ("../handouts/images/stages.png", "is not a Markdown source"),
])
def test_includes_cannot_leave_the_project_or_name_other_files(project, target, message):
    (project.root.parent / "outside.md").write_text(FRONT)
    write(project, "decks/bad.md", FRONT + f"\n::: include {target} :::\n")
    with pytest.raises(KapdocsError, match=r"decks/bad.md:11: included file .*" + message):
        render(project, Job(project.root / "decks/bad.md", "default", "pdf"))


def test_an_error_inside_an_included_file_names_that_file(project):
    write(project, "handouts/broken.md", FRONT + "\n## Broken\n\nCall {{ clinic.fax }}.\n")
    write(project, "decks/uses.md", FRONT + "\n::: include ../handouts/broken.md#broken :::\n")
    with pytest.raises(KapdocsError, match=r"handouts/broken.md:13: unknown variable `\{\{ clinic.fax \}\}`"):
        render(project, Job(project.root / "decks/uses.md", "default", "pptx"))


def test_the_sample_deck_includes_the_handouts_sections(repo):
    """The staff training repeats no patient text: it includes it, so one fix reaches both."""
    source = (repo.root / "decks/staff-training.md").read_text(encoding="utf-8")
    assert source.count("::: include ../handouts/") >= 4
    doc = transformed(repo, "decks/staff-training.md")
    assert {"Why ketamine is different", "The four stages", "During your session",
            "Ketamine and the law"} <= set(headings(doc))
