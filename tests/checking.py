"""Sources for the check's tests: one fixture front matter (with a named reviewer), then the body."""

from __future__ import annotations

from pathlib import Path

from conftest import write


def front_matter(name: str = "check", lang: str = "en", summary: str = "", extra: str = "") -> str:
    """The fixture's front matter, a blank line after it; `extra` is more front matter lines."""
    return (f'---\nid: {name}\ntitle: Check fixture\nlang: {lang}\nversion: "1"\nreviewed: 2026-10-01\n'
            "reviewed_by: R\nnext_review: 2027-10-01\n" + (f"summary: {summary}\n" if summary else "")
            + extra + "---\n\n")


def check_source(project, body: str, name: str = "check", **front) -> Path:
    """Write handouts/<name>.md: the fixture's front matter, then `body`."""
    return write(project, f"handouts/{name}.md", front_matter(name, **front) + body)
