"""The web handout in a real browser: axe-core finds nothing, and Tab goes through it in reading order."""

from __future__ import annotations

import pytest

from browser import axe_violations, browser_page
from kapdocs.pipeline import Job, render

#: Runs in its own CI step (`pytest -m slow`): see the README.
pytestmark = pytest.mark.slow

#: What a keyboard stop is called in the test: a radio button by its group, the rest by name or link.
STOP = "e => e.type === 'radio' ? 'radio:' + e.name : (e.name || e.href)"


def test_axe_finds_no_violations_and_tab_follows_the_reading_order(repo, tmp_path):
    page_file = tmp_path / "intake.html"
    page_file.write_bytes(render(repo, Job(repo.root / "handouts/intake.md", "default", "html", "es")).data)
    with browser_page() as page:
        page.goto(page_file.as_uri())
        assert axe_violations(page) == []
        in_order = page.evaluate(f"""() => [...document.querySelectorAll('a[href], input, textarea, select, button')]
                                     .map({STOP})""")
        # A radio group is one stop; two links to the same note are two.
        in_order = [name for i, name in enumerate(in_order)
                    if i == 0 or in_order[i - 1] != name or not name.startswith("radio:")]
        tabbed = []
        for _ in in_order:
            page.keyboard.press("Tab")
            tabbed.append(page.evaluate(f"() => ({STOP})(document.activeElement)"))
        assert len(in_order) > 5 and tabbed == in_order
        assert page.evaluate("() => document.querySelector('header a').href").startswith("tel:")


def test_axe_would_find_a_missing_label(repo, tmp_path):
    """The check can fail: a field with its label taken away is one violation."""
    html = render(repo, Job(repo.root / "handouts/intake.md", "default", "html")).data.decode()
    page_file = tmp_path / "broken.html"
    page_file.write_text(html.replace('<label for="f-full_name">', '<label>', 1), encoding="utf-8")
    with browser_page() as page:
        page.goto(page_file.as_uri())
        assert "label" in {rule for rule, _, _ in axe_violations(page)}
