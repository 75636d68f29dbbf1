"""The build's manifest and last results → `build/index.html`: every output by source, brand,
language and variant, with a picture of page 1 or slide 1, its size, its review status and next
review date, and what failed in the last build.

Written after every `kapdocs build`. Cheap when nothing changed: the review facts come from front
matter only (kapdocs.readers.header), and a handout's or deck's picture is made once per version of
its file (`.thumbnails/<digest>.png`, by functions the caller passes, so that this room needs no
PDF reader and no python-pptx).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from kapdocs.batch.build import Result
from kapdocs.batch.manifest import Manifest
from kapdocs.readers.header import read_header
from kapdocs.support.files import write_atomically
from kapdocs.support.project import Project

FILE_NAME = "index.html"
THUMBNAILS = ".thumbnails"
STYLE = """body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccd;padding:.35rem .5rem;text-align:start;vertical-align:top}
th{background:#1f4e79;color:#fff}img{width:80px;border:1px solid #99a}.failed{color:#9b1c1c}
.draft{color:#8a4b00;font-weight:bold}.fmt{display:inline-block;width:80px;text-align:center;border:1px solid #99a;padding:1.4rem 0}"""


def write_catalog(project: Project, out: Path, results: list[Result],
                  first_page: Callable[[bytes], bytes] | None = None, today: dt.date | None = None,
                  first_slide: Callable[[bytes], bytes] | None = None) -> Path:
    """Write `<out>/index.html` for every output the manifest knows and the results' failures.
    `first_page` and `first_slide` turn a PDF's or a deck's bytes into a PNG of its first page or slide."""
    manifest = Manifest.load(out / "manifest.json")
    headers: dict[str, dict] = {}  # each source's front matter, read once for all its outputs
    pictures = {fmt: make for fmt, make in (("pdf", first_page), ("pptx", first_slide)) if make is not None}
    rows = [_row(project, out, key, entry, headers, pictures, today or dt.date.today())
            for key, entry in sorted(manifest.entries.items()) if (out / entry.output).is_file()]
    failures = [_failure(project, r) for r in results if not r.ok]
    path = out / FILE_NAME
    write_atomically(path, _page(project, rows, failures).encode("utf-8"))
    return path


def _row(project: Project, out: Path, key: str, entry, headers: dict, pictures: dict, today: dt.date) -> str:
    """One output's line of the table."""
    source, brand, fmt, locale, *flags = key.split(":")
    output = out / entry.output
    if source not in headers:
        headers[source] = read_header(project.root / source)
    header = headers[source]
    lang = Path(entry.output).parts[1] if len(Path(entry.output).parts) > 2 else locale
    reviewer = str(header.get("reviewed_by") or "")
    next_review = str(header.get("next_review") or "")
    status = (f"reviewed by {html.escape(reviewer)}" if reviewer else '<span class="draft">not yet reviewed</span>')
    if next_review and next_review < today.isoformat():
        status += ' <span class="failed">(review overdue)</span>'
    return (f"<tr><td>{_picture(out, entry, fmt, pictures.get(fmt))}</td>"
            f'<td><a href="{html.escape(entry.output)}">{html.escape(entry.output)}</a></td>'
            f"<td>{html.escape(source)}</td><td>{html.escape(brand)}</td><td>{html.escape(lang)}</td>"
            f"<td>{html.escape(', '.join(flags) or 'regular')}</td><td>{_size(output.stat().st_size)}</td>"
            f"<td>{entry.units} {'pages' if fmt == 'pdf' else 'slides' if fmt == 'pptx' else 'page'}</td>"
            f"<td>{status}</td><td>{html.escape(next_review)}</td></tr>")


def _picture(out: Path, entry, fmt: str, make) -> str:
    """Page 1 of a handout or slide 1 of a deck (made once per version of the file), or the format's name."""
    if make is None:
        return f'<span class="fmt">{fmt.upper()}</span>'
    thumbnail = out / THUMBNAILS / f"{entry.output_digest[:32]}.png"
    if not thumbnail.is_file():
        write_atomically(thumbnail, make((out / entry.output).read_bytes()))
    return f'<img src="{THUMBNAILS}/{thumbnail.name}" alt="">'


def _failure(project: Project, result: Result) -> str:
    return (f"<li>{html.escape(project.shown(result.job.source).as_posix())} ({html.escape(result.job.brand)}, "
            f"{html.escape(result.job.format)}, {html.escape(result.job.locale or 'own language')}): "
            f"{html.escape(result.error)}</li>")


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _page(project: Project, rows: list[str], failures: list[str]) -> str:
    name = html.escape(project.settings.name)
    failed = (f'<h2 class="failed">Failed in the last build ({len(failures)})</h2><ul>{"".join(failures)}</ul>'
              if failures else "<p>Nothing failed in the last build.</p>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{name}: outputs</title>'
            f"<style>{STYLE}</style></head>\n<body>\n<main>\n<h1>{name}: {len(rows)} outputs</h1>\n{failed}\n"
            "<table>\n<thead><tr><th>First page</th><th>Output</th><th>Source</th><th>Brand</th><th>Language</th>"
            "<th>Variant</th><th>Size</th><th>Length</th><th>Review</th><th>Next review</th></tr></thead>\n"
            f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>\n</main>\n</body>\n</html>\n")
