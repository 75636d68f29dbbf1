"""Every web handout in a build folder through axe-core in Debian's Chromium: prints each page's
violations and ends with 1 if there were any. Used by scripts/check_samples.sh.

    python scripts/axe_samples.py BUILD_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import axe_violations, browser_page  # noqa: E402


def main(folder: Path) -> int:
    pages = sorted(folder.rglob("*.html"))
    pages = [p for p in pages if p.name != "index.html"]
    failed = 0
    with browser_page() as page:
        for path in pages:
            page.goto(path.resolve().as_uri())
            found = axe_violations(page)
            if found:
                failed += 1
                print(f"axe: {path.relative_to(folder)}: {found}")
    print(f"axe-core: {len(pages)} web handouts, {len(pages) - failed} with no violations, {failed} with some")
    return 1 if failed or not pages else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
