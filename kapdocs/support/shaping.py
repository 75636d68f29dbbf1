"""A run of text in one font file → its width per em as HarfBuzz shapes it: Arabic letters take
their joined forms, marks stack, ligatures form, as PowerPoint and LibreOffice draw them. Adding
up each character's own advance instead made Arabic lines 20–67 % wider than drawn. The only
module that imports uharfbuzz."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import uharfbuzz as hb


@lru_cache(maxsize=None)
def _font(path: str) -> tuple[hb.Font, int]:
    """One HarfBuzz font per file per process, and its units per em (a collection: its first font)."""
    face = hb.Face(hb.Blob.from_file_path(path), 0)
    return hb.Font(face), face.upem


@lru_cache(maxsize=1 << 16)
def shaped_width(path: str, text: str) -> float:
    """The advance of `text` set in the font at `path`, per em (direction and script guessed from the text)."""
    font, upem = _font(path)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    return sum(position.x_advance for position in buffer.glyph_positions) / upem


class NominalGlyphs:
    """A font's own map of characters to glyphs (its cmap): which glyph stands for one character
    wherever it is drawn alone. Made from the font's tables as `table(tag)` gives them, not from
    the whole font: HarfBuzz keeps its own copy of a font's bytes, 18 MB for a Chinese one, and
    reads only `cmap` (and `head`, `maxp`) for this."""

    def __init__(self, table: Callable[[str], bytes]) -> None:
        # uharfbuzz hands HarfBuzz the bytes returned here without keeping them: they live here.
        self._tables: dict[str, bytes] = {}

        def table_for_harfbuzz(face, tag: str, data) -> bytes:
            if tag not in self._tables:
                self._tables[tag] = table(tag)
            return self._tables[tag]

        self._font = hb.Font(hb.Face.create_for_tables(table_for_harfbuzz, None))

    def of(self, character: str) -> int | None:
        """The glyph the font gives `character` (one character), or None where it has none."""
        return self._font.get_nominal_glyph(ord(character))
