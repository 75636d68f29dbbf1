"""`kapdocs preview` in a real browser: the web handout, the PDF's pages and the slides' outline; a
save shows in the page within 2 s, an error shows in the page with its file and line, and the
server keeps running."""

from __future__ import annotations

import pytest

import subprocess
import sys
import time

from browser import browser_page

#: Runs in its own CI step (`pytest -m slow`): see the README.
pytestmark = pytest.mark.slow


def start_preview(project):
    """`kapdocs preview handouts/sample.md` on a free port: the process and its address."""
    server = subprocess.Popen([sys.executable, "-m", "kapdocs", "preview", "handouts/sample.md", "--port", "0"],
                              cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    assert " at http://127.0.0.1:" in line, line + server.stderr.read()
    return server, line.split(" at ")[1].split()[0]


def test_a_save_shows_in_the_page_and_an_error_too(project):
    source = project.root / "handouts/sample.md"
    text = source.read_text(encoding="utf-8")
    server, url = start_preview(project)
    try:
        with browser_page() as page:
            page.goto(url)
            page.locator("main").get_by_text("Opening words before any section.").wait_for(timeout=30_000)
            page.locator("#kapdocs-pdf img").first.wait_for(timeout=60_000)  # the PDF's pages under it
            page.locator("#kapdocs-slides h3", has_text="First section").first.wait_for(timeout=30_000)  # the slides
            slide = page.locator("#kapdocs-slides img")  # slide 1, sketched: a 16:9 picture that loaded
            slide.wait_for(timeout=30_000)
            page.wait_for_function("() => document.querySelector('#kapdocs-slides img').naturalWidth > 0",
                                   timeout=30_000)
            assert slide.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [600, 338]

            saved = time.perf_counter()
            source.write_text(text.replace("Opening words", "Changed words"), encoding="utf-8")
            page.locator("main").get_by_text("Changed words before any section.").wait_for(timeout=2_000)
            print(f"save to refreshed preview: {time.perf_counter() - saved:.2f} s")

            source.write_text(text.replace("title: Sample handout", "title: [unclosed"), encoding="utf-8")
            page.locator("main").get_by_text("error: handouts/sample.md:4: invalid YAML").wait_for(timeout=5_000)

            source.write_text(text, encoding="utf-8")
            page.locator("main").get_by_text("Opening words before any section.").wait_for(timeout=5_000)
        assert server.poll() is None  # still serving after the error
    finally:
        server.terminate()
        server.communicate(timeout=10)  # and close its pipes
