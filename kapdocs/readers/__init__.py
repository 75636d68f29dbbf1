"""Readers: source files → Document. `read_source` is the entry point."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kapdocs.errors import KapdocsError
from kapdocs.support.files import note_read
from kapdocs.support.project import Limits

if TYPE_CHECKING:  # the model is not needed to plan a build from front matter
    from kapdocs.model import Document


def read_source(path: Path, shown_as: Path | None = None, limits: Limits = Limits()) -> Document:
    """Read one Markdown source; errors name it as `shown_as` (default: the path itself).

    A byte-order mark (as Windows Notepad writes) is skipped and CRLF line ends read as LF."""
    from kapdocs.readers.markdown import read_markdown

    name = shown_as or path
    note_read(path)
    try:
        size = path.stat().st_size
        if size > limits.source_kib * 1024:
            raise limits.exceeded("source_kib", f"the source is {size / 1024:,.0f} KiB", name)
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise KapdocsError("no such source file", name, hint="check the path") from None
    except UnicodeDecodeError as err:
        raise KapdocsError(f"the file is not UTF-8 text ({err.reason})", name,
                           hint="save it as UTF-8") from None
    _check_paragraphs(text, name, limits)
    document = read_markdown(text, name)
    _check_tables(document, name, limits)
    # Errors name the file as the user knows it; the document keeps its real path for assets.
    return replace(document, source=path.resolve())


def _check_tables(document: Document, name: Path, limits: Limits) -> None:
    """Refuse a table with more cells than the limit (WeasyPrint lays out each cell, often twice)."""
    from kapdocs import model as m

    for block in m.walk(document.blocks):
        if isinstance(block, m.Table):
            cells = len(block.header) * (len(block.rows) + 1)
            if cells > limits.table_cells:
                raise limits.exceeded("table_cells", f"the table has {cells:,} cells", name, block.line)


def _check_paragraphs(text: str, name: Path, limits: Limits) -> None:
    """Refuse a block of text (lines with no blank line between) longer than the limit: laying
    out one huge paragraph takes minutes."""
    line = 1
    for block in text.split("\n\n"):
        if len(block) > limits.paragraph_chars:
            first = line + len(block) - len(block.lstrip("\n"))  # blank lines before it
            raise limits.exceeded("paragraph_chars", f"a paragraph is {len(block):,} characters", name, first)
        line += block.count("\n") + 2
