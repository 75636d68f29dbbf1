"""Readers: source files → Document. `read_source` is the entry point."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kapdocs.errors import KapdocsError
from kapdocs.support.files import note_read

if TYPE_CHECKING:  # the model is not needed to plan a build from front matter
    from kapdocs.model import Document


def read_source(path: Path, shown_as: Path | None = None) -> Document:
    """Read one Markdown source; errors name it as `shown_as` (default: the path itself)."""
    from kapdocs.readers.markdown import read_markdown

    name = shown_as or path
    note_read(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KapdocsError("no such source file", name, hint="check the path") from None
    except UnicodeDecodeError as err:
        raise KapdocsError(f"the file is not UTF-8 text ({err.reason})", name,
                           hint="save it as UTF-8") from None
    # Errors name the file as the user knows it; the document keeps its real path for assets.
    return replace(read_markdown(text, name), source=path.resolve())
