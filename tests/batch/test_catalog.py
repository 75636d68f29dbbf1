"""build/index.html: every output with page 1, size and review status, and the last build's failures."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from typer.testing import CliRunner

from browser import axe_violations, browser_page
from conftest import FRONT, write
from kapdocs.cli import app


def build(project, *args: str):
    return CliRunner().invoke(app, ["build", "--project", str(project.root), "--jobs", "1", *args])


@pytest.mark.slow
def test_the_catalog_lists_every_output_and_the_failures(project):
    write(project, "handouts/broken.md", FRONT + "\n::: nonsense\nx\n:::\n")
    assert build(project).exit_code == 1
    catalog = (project.root / "build/index.html").read_text(encoding="utf-8")
    assert catalog.count("<tr><td>") == 4  # two sources × pdf and pptx
    assert "Failed in the last build (2)" in catalog and "handouts/broken.md" in catalog
    assert "reviewed by B. Okafor, MD" in catalog and "2027-10-01" in catalog
    thumbnails = sorted((project.root / "build/.thumbnails").iterdir())
    assert len(thumbnails) == 4 and all(p.read_bytes().startswith(b"\x89PNG") for p in thumbnails)

    (project.root / "handouts/broken.md").unlink()
    stamps = [p.stat().st_mtime_ns for p in thumbnails]
    assert build(project).exit_code == 0
    catalog = (project.root / "build/index.html").read_text(encoding="utf-8")
    assert "Nothing failed in the last build." in catalog
    assert [p.stat().st_mtime_ns for p in thumbnails] == stamps  # pictures made once per version of a PDF

    with browser_page() as page:
        page.goto((project.root / "build/index.html").as_uri())
        widths = page.evaluate("() => [...document.images].map(i => i.naturalWidth)")
        assert len(widths) == 4 and min(widths) > 0
        hrefs = page.evaluate("() => [...document.querySelectorAll('tbody a')].map(a => a.href)")
        assert len(hrefs) == 4 and all(href.startswith("file://") for href in hrefs)
        assert axe_violations(page) == []


def test_each_deck_gets_a_picture_of_its_first_slide_made_once(project):
    assert build(project, "--format", "pptx").exit_code == 0
    catalog = (project.root / "build/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td><a href=\"([^\"]+)\"", catalog)
    assert len(rows) == 2 and all(output.endswith(".pptx") for _, output in rows)
    pictures = []
    for cell, _ in rows:
        src = re.fullmatch(r'<img src="([^"]+)" alt="">', cell).group(1)
        with Image.open(project.root / "build" / src) as picture:
            assert picture.format == "PNG" and picture.size == (160, 90)  # the slides' 16:9
            colours = picture.convert("RGB").getcolors(160 * 90)
        # slide 1 is the title slide: the brand's blue behind white text, not a blank
        assert max(colours)[1] == (31, 78, 121) and len(colours) > 20
        pictures.append(project.root / "build" / src)
    stamps = [p.stat().st_mtime_ns for p in pictures]
    assert build(project, "--format", "pptx").exit_code == 0
    assert [p.stat().st_mtime_ns for p in pictures] == stamps  # made once per version of the deck
