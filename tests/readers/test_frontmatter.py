"""Front matter: sources a claim can cite, and a reviewer who is a person."""

from __future__ import annotations

import pytest

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source

from conftest import write

FRONT = """---
id: cited
title: Cited
lang: en
version: "1"
reviewed: 2026-10-01
{reviewer}next_review: 2027-10-01
sources:
  label:
    title: A drug label
    publisher: A maker
    year: 2024
    {where}
---

Do not drive for 24 hours.[^label] See also.[^1]

[^1]: A written note.
"""


def read(project, reviewer: str = "reviewed_by: Dana Reyes, MD\n", where: str = "doi: 10.1000/xyz123"):
    path = write(project, "handouts/cited.md", FRONT.format(reviewer=reviewer, where=where))
    return read_source(path, project.shown(path))


def test_a_cited_source_becomes_a_numbered_note_pointing_at_its_front_matter_line(project):
    document = read(project)
    label, written = document.footnotes
    assert (label.number, label.source, label.line) == (1, "label", 10)
    (paragraph,) = label.blocks
    assert m.plain_text(paragraph.content) == "A drug label. A maker; 2024. doi:10.1000/xyz123"
    assert paragraph.content[-1].href == "https://doi.org/10.1000/xyz123"
    assert (written.number, written.source) == (2, "")
    assert not document.meta.unreviewed


@pytest.mark.parametrize("where, message", [
    ("url: http://insecure.example.org", r":10: `sources.label.url`: String should match pattern"),
    ("year: 24", r":10: `sources.label.year`: Input should be greater than or equal to 1800"),
    ("pages: 12", r":10: unknown field `sources.label.pages`"),
])
def test_a_bad_source_is_an_error_at_its_line(project, where, message):
    with pytest.raises(KapdocsError, match=r"handouts/cited.md" + message):
        read(project, where=where)


def test_the_reviewer_is_a_person_or_no_one(project):
    assert read(project, reviewer="").meta.unreviewed
    for placeholder in ("Clinic medical reviewer (sample)", "TBD", "Reviewer"):
        with pytest.raises(KapdocsError, match=r"cited.md:7: `reviewed_by`: .* is not a person's name"):
            read(project, reviewer=f"reviewed_by: {placeholder}\n")


def test_a_citation_of_nothing_is_an_error_at_its_line(project):
    path = write(project, "handouts/cited.md", FRONT.format(reviewer="", where="doi: 10.1000/xyz123")
                 .replace("[^label] See", "[^lable] See"))
    with pytest.raises(KapdocsError, match=r"cited.md:16: `\[\^lable\]` cites nothing"):
        read_source(path, project.shown(path))
