"""kapdocs.support.shaping: HarfBuzz on kapdocs' terms."""

from __future__ import annotations

import gc

import uharfbuzz as hb

from kapdocs.support.fonts import font_file
from kapdocs.support.shaping import NominalGlyphs


def test_a_fonts_own_glyphs_are_read_from_its_tables_and_outlive_them():
    """NominalGlyphs reads a font's cmap through tables handed to HarfBuzz one by one (not a copy
    of the whole font, 18 MB for a Chinese one); HarfBuzz reads them in place after the call that
    gave them, so they must live as long as it does."""
    whole = hb.Face(hb.Blob.from_file_path(str(font_file("Noto Sans Arabic"))))
    asked = []

    def table(tag: str) -> bytes:
        asked.append(tag)
        return bytes(whole.reference_table(tag).data)  # a fresh object each time, as WeasyPrint's are

    own = NominalGlyphs(table)
    gc.collect()
    assert own.of("\u064b") == hb.Font(whole).get_nominal_glyph(0x64B) and own.of("\u0644") is not None
    assert "cmap" in asked and "glyf" not in asked
