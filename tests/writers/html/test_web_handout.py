"""The web handout: one self-contained page with the handout's content, brand and document control."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import write
from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Job, render
from kapdocs.writers.html.page import inline_pictures


class Landmarks(HTMLParser):
    """The tags, their attributes and the URLs a page names."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> Landmarks:
    page = Landmarks()
    page.feed(html)
    return page


def test_the_web_handout_has_the_content_landmarks_and_document_control(project):
    html = render(project, Job(project.root / "handouts/sample.md", "default", "html")).data.decode()
    page = parsed(html)
    names = [tag for tag, _ in page.tags]
    assert names.count("header") == 1 and names.count("main") == 1 and names.count("footer") == 1
    assert ("html", {"lang": "en", "dir": "ltr"}) in page.tags
    for text in ("Sample handout", "One main message for the reader.", "Opening words before any section.",
                 "First section", "Version 2.1", "B. Okafor, MD", "Next review", "988"):
        assert text in html, text
    assert "Only the presenter sees this." not in html  # speaker notes stay in the deck


def test_the_web_handout_stands_alone(project):
    html = render(project, Job(project.root / "handouts/sample.md", "default", "html")).data.decode()
    sources = [attrs["src"] for _, attrs in parsed(html).tags if "src" in attrs]
    assert sources and all(src.startswith("data:image/") for src in sources)
    assert not any(tag == "link" for tag, _ in parsed(html).tags)  # the stylesheet is inside
    assert "project:" not in html and "brand:" not in html and str(project.root) not in html


def test_a_right_to_left_web_handout_says_so(repo):
    html = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "html", "ar")).data.decode()
    assert re.search(r'<html lang="ar" dir="rtl">', html)


def test_yes_no_buttons_are_labelled_by_their_word(repo):
    html = render(repo, Job(repo.root / "handouts/intake.md", "default", "html")).data.decode()
    assert '<label class="choice"><input type="radio"' in html
    assert '<span class="choice"><input type="radio"' not in html


def test_the_web_handout_is_the_same_bytes_twice(project):
    job = Job(project.root / "handouts/sample.md", "default", "html")
    assert render(project, job).data == render(project, job).data


def test_a_picture_outside_its_folder_is_refused(project, tmp_path):
    write(project, "handouts/pic.png", "not really")
    assert 'src="data:image/png;base64,' in inline_pictures('<img src="project:handouts/pic.png">', project.root, tmp_path)
    with pytest.raises(KapdocsError, match="not in the project"):
        inline_pictures('<img src="project:../outside.png">', project.root, tmp_path)
