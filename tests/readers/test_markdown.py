"""Reader: Markdown → model, and the errors for bad sources."""

from __future__ import annotations

import dataclasses

import pytest

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.readers import read_source
from kapdocs.readers.markdown import read_markdown

from conftest import FRONT, to_data


def test_model_snapshot(project, snapshot):
    document = read_source(project.root / "handouts/sample.md", project.shown(project.root / "handouts/sample.md"))
    assert to_data(dataclasses.replace(document, source=project.shown(document.source))) == snapshot


def test_model_keeps_line_numbers(project):
    document = read_source(project.root / "handouts/sample.md")
    headings = [b for b in document.blocks if isinstance(b, m.Heading)]
    assert [(h.anchor, h.line) for h in headings] == [("first-section", 16), ("second-section", 30)]
    assert document.footnotes[0].line == 58


def test_model_is_frozen(project):
    document = read_source(project.root / "handouts/sample.md")
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.meta.title = "changed"  # type: ignore[misc]


def test_heading_attributes_and_unique_anchors():
    document = read_markdown(FRONT + '\n## Same {layout="Comparison"}\n\n## Same\n', "x.md")
    first, second = document.blocks
    assert first.attrs == (("layout", "Comparison"),)
    assert m.plain_text(first.content) == "Same"
    assert (first.anchor, second.anchor) == ("same", "same-2")


def test_typographic_quotes():
    document = read_markdown(FRONT + '\nThe "go" signal -- fast.\n', "x.md")
    assert m.plain_text(document.blocks[0].content) == "The “go” signal – fast."


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("\n::: sidebar\ntext\n:::\n", 11, "unknown block `::: sidebar`"),
        ("\n![](images/a.png)\n", 11, "image `images/a.png` has no alt text"),
        ("\n<div>raw</div>\n", 11, "raw HTML is not allowed"),
        ("\nSome <b>bold</b> text.\n", 11, "raw HTML `<b>` is not allowed"),
        ("\n[click](javascript:alert(1))\n", 11, "link target `javascript:alert(1)` is not allowed"),
        ("\n[click](ftp://example.org/x)\n", 11, "link target `ftp://example.org/x` is not allowed"),
        ('\n::: notes {x="1}\nt\n:::\n', 11, "cannot read the attributes"),
    ],
)
def test_bad_body_names_file_and_line(body, line, message):
    with pytest.raises(KapdocsError) as caught:
        read_markdown(FRONT + body, "handouts/bad.md")
    assert str(caught.value).startswith(f"handouts/bad.md:{line}: {message}")


GOOD = {"id": "ok", "title": "T", "lang": "en", "version": "1", "reviewed": "2026-10-01",
        "reviewed_by": "R", "next_review": "2027-10-01"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "a: b"}, "handouts/bad.md:3: invalid YAML: mapping values are not allowed"),
        ({"id": None}, "handouts/bad.md:2: `id` is missing. add a `id:` line"),
        ({"id": "Bad Id"}, "handouts/bad.md:2: `id`: String should match pattern"),
        ({"reviewed": "last week"}, "handouts/bad.md:6: `reviewed`: Input should be a valid date"),
        ({"titel": "typo"}, "handouts/bad.md:9: unknown field `titel`"),
    ],
)
def test_bad_front_matter(change, expected):
    fields = {**GOOD, **change}
    front = "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)
    with pytest.raises(KapdocsError) as caught:
        read_markdown(f"---\n{front}---\n\ntext\n", "handouts/bad.md")
    assert str(caught.value).startswith(expected)


def test_no_front_matter():
    with pytest.raises(KapdocsError, match="x.md:1: the file has no front matter"):
        read_markdown("## Just a heading\n", "x.md")


def test_version_number_kept_as_text():
    document = read_markdown(FRONT.replace('version: "1"', "version: 1.0"), "x.md")
    assert document.meta.version == "1.0"


@pytest.mark.parametrize("fence", ["::: callout", "::: callout loud", '::: callout tip "A" "B"'])
def test_callout_needs_a_known_kind(fence):
    with pytest.raises(KapdocsError, match=r"x.md:11: `::: callout.*` needs a kind and at most a title"):
        read_markdown(FRONT + f"\n{fence}\ntext\n:::\n", "x.md")
