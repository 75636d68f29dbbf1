"""A real browser for tests: Debian's Chromium driven by Playwright, and axe-core for accessibility.

`scripts/setup.sh --test` installs both (the `chromium` package, and axe-core from npm into
.venv/axe); Playwright's own browser download is not used.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("KAPDOCS_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("KAPDOCS_AXE", Path(sys.prefix) / "axe/node_modules/axe-core/axe.min.js"))


@contextmanager
def browser_page():
    """A fresh page in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def axe_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's violations on the page as it is: (rule, impact, how many elements)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return [tuple(v) for v in page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => [v.id, v.impact, v.nodes.length])")]
