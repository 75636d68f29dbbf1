"""Finding fonts: which file fontconfig uses for a family, and which families a font file holds.

Both outputs name fonts by family; a family the machine lacks must be an error before a build,
not a silent substitution on paper (fontconfig would happily print in another font).
"""

from __future__ import annotations

import logging
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kapdocs.errors import KapdocsError

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

#: Fonts a clinic's PowerPoint has → open fonts with the same advance widths, used to measure them.
METRIC_COMPATIBLE = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                     "Times New Roman": "Liberation Serif", "Courier New": "Liberation Mono"}

# Some fonts carry an odd creation date in `head`; fontTools logs it, kapdocs does not care.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


def _opened(path: str, **options) -> TTFont:
    """A font file read with fontTools, imported when first needed: a handout in a brand that
    ships no font files never needs it, and importing it took 17 ms of every `kapdocs handout`.
    A file that is not a font is an error naming it."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, **options)
        font["name"]  # read at once: lazily, a truncated file would fail later, mid-render
        return font
    except Exception as err:  # fontTools raises many kinds (TTLibError, struct.error, KeyError…) for a bad file
        raise KapdocsError(f"cannot read the font file `{Path(path).name}` ({type(err).__name__}: {err})",
                           hint="give a TrueType or OpenType font file (.ttf, .otf)") from None


#: What fontconfig answered, per (family, bold), in this process.
_found: dict[tuple[str, bool], str | None] = {}


def font_file(family: str, bold: bool = False) -> str | None:
    """The file fontconfig uses for `family`, or None when it would substitute another family."""
    look_up_fonts([(family, bold)])
    return _found[(family, bold)]


def look_up_fonts(wanted: Iterable[tuple[str, bool]]) -> None:
    """Ask fontconfig where several (family, bold) are at once, one `fc-match` each, side by side:
    each took 8-23 ms, most of it starting the program, and a brand names four or five."""
    asked = {key: _fc_match(*key) for key in dict.fromkeys(wanted) if key not in _found}
    for (family, bold), process in asked.items():
        _found[(family, bold)] = _matched(family, process)


def _fc_match(family: str, bold: bool) -> subprocess.Popen | None:
    pattern = f"{family}:style={'Bold' if bold else 'Regular'}"
    try:
        return subprocess.Popen(["fc-match", "-f", "%{family}\n%{file}", pattern],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None


def _matched(family: str, process: subprocess.Popen | None) -> str | None:
    if process is None:
        return None
    found = process.communicate()[0].splitlines()
    if process.returncode or len(found) < 2 or family.lower() not in [f.strip().lower() for f in found[0].split(",")]:
        return None
    return found[1]


def face_index(path: str, family: str) -> int:
    """Which font of a file is `family`: a collection (.ttc, as Noto CJK ships) holds several."""
    if not path.endswith((".ttc", ".otc")):
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(path, lazy=True) as collection:
        names = [str(font["name"].getDebugName(1)) for font in collection]
    return names.index(family) if family in names else 0


def cut_font(family: str, bold: bool, text: str, target: Path, *, unicodes: tuple[int, ...] = (),
             shaping: bool = True, renamed: str = "") -> None:
    """Write the installed `family` cut down to the characters of `text` and `unicodes` (with the
    glyphs its shaping needs: Arabic joining forms, for one), names and licence kept. Without
    `shaping`, the OpenType layout tables and hinting go too: a PDF viewer draws typed text one
    glyph a character. A `renamed` cut names itself so, and can never stand in for the installed
    family. The same fonts and characters give the same bytes."""
    from fontTools import subset

    path = font_file(family, bold)
    if path is None:
        raise FileNotFoundError(f"{family} ({'bold' if bold else 'regular'}) is not installed")
    options = subset.Options(layout_features=["*"] if shaping else [], hinting=shaping, name_IDs=["*"],
                             name_languages=["*"], notdef_outline=True)
    if not shaping:
        options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text, unicodes=unicodes)
    with _opened(path, fontNumber=face_index(path, family), recalcTimestamp=False) as font:
        subsetter.subset(font)
        if renamed:
            _rename(font, family, renamed)
        font.save(str(target))


def _rename(font: TTFont, family: str, renamed: str) -> None:
    """Give a cut its own family name (name IDs 1, 3, 4, 6, 16), saying what it was cut from.

    WeasyPrint adds a stylesheet's font to fontconfig under the @font-face name and the font's own:
    a cut still named Noto Sans could then be picked for the page's Noto Sans text, or the page's
    for it, depending on what fontconfig had met before."""
    table = font["name"]
    postscript = renamed.replace(" ", "")
    for record in table.names:
        text = str(record)
        if record.nameID in (1, 16):
            text = renamed
        elif record.nameID in (3, 4, 6):
            text = text.replace(family, renamed).replace(family.replace(" ", ""), postscript)
        elif record.nameID == 10:
            text = f"Cut from {family} for kapdocs. {text}"
        table.setName(text, record.nameID, record.platformID, record.platEncID, record.langID)


#: What a patient may type in a fillable field, which the field's font carries whole (a viewer
#: draws typed text with it): Latin with every accent (Vietnamese included), Greek, Cyrillic,
#: spacing accents (the ʻokina), punctuation, currency and letterlike signs (№, ™). The field
#: font kapdocs ships is Noto Sans cut to these (scripts/form_font.py): the whole font (512 KB)
#: was two thirds of an intake PDF.
FORM_CHARACTERS: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x02B0, 0x052F), (0x1E00, 0x1EFF),
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0xFFFD, 0xFFFD),
)


def form_characters() -> tuple[int, ...]:
    return tuple(code for first, last in FORM_CHARACTERS for code in range(first, last + 1))


def families_in(path: Path) -> set[str]:
    """The family names a font file declares (name IDs 1 and 16)."""
    with _opened(str(path), lazy=True) as font:
        return {str(record) for record in font["name"].names if record.nameID in (1, 16)}


def face_of(path: Path) -> tuple[str, int, bool]:
    """(family, weight 100–900, italic) of a font file, for an @font-face rule."""
    with _opened(str(path), lazy=True) as font:
        name = font["name"]
        family = str(name.getName(16, 3, 1) or name.getName(1, 3, 1) or name.getDebugName(1))
        os2 = font["OS/2"]
        return family, os2.usWeightClass, bool(os2.fsSelection & 1)


def deck_font_available(family: str) -> bool:
    """A deck font can be measured: it is installed, or its metric-compatible twin is."""
    return bool(font_file(family) or (family in METRIC_COMPATIBLE and font_file(METRIC_COMPATIBLE[family])))


def _numbered(font: TTFont) -> TTFont:
    """The font with its glyphs named by number, before its character map or widths are read:
    fontTools would otherwise name every glyph from the font's own tables, and Noto Sans CJK has
    65,535 (reading its widths takes 0.07-0.12 s this way, 0.19-0.25 s with the names). The names stay in this object."""
    font.setGlyphOrder([f"glyph{number:05d}" for number in range(font["maxp"].numGlyphs)])
    return font


@lru_cache(maxsize=None)
def font_metrics(path: str) -> FontMetrics:
    """One FontMetrics per font file per process: a deck font's fallbacks are the same Noto files
    whatever the deck font, and the two brands' decks each read the CJK font's widths."""
    return FontMetrics(path)


class FontMetrics:
    """Advance widths and line height of one font file, per em."""

    def __init__(self, path: str):
        with _opened(path, lazy=True, fontNumber=0) as font:  # a collection (.ttc, as Noto CJK ships) gives its first font
            units = font["head"].unitsPerEm
            hhea = font["hhea"]
            self.line_gap = (hhea.ascent - hhea.descent + hhea.lineGap) / units
            hmtx = _numbered(font)["hmtx"]
            self._widths = {code: hmtx[glyph][0] / units for code, glyph in font.getBestCmap().items()}
            self.fallback = hmtx["glyph00000"][0] / units  # .notdef: OpenType puts it first

    def char(self, char: str) -> float | None:
        """The advance of one character per em, None if the font has no glyph for it; format
        characters (bidi isolates, joiners) take no room even where the font lacks them."""
        width = self._widths.get(ord(char))
        return 0.0 if width is None and unicodedata.category(char) == "Cf" else width

    def advance(self, text: str) -> float:
        return sum(self.fallback if (width := self.char(c)) is None else width for c in text)


#: Fonts that cover each script, per language (Debian: fonts-noto-core, fonts-noto-cjk). The
#: handout lists them after the brand's own; the deck measures its east-Asian and complex-script
#: text with them.
SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "ar": ("Noto Sans Arabic",), "fa": ("Noto Sans Arabic",), "ur": ("Noto Sans Arabic",),
    "zh-Hans": ("Noto Sans CJK SC",), "zh": ("Noto Sans CJK SC",), "zh-Hant": ("Noto Sans CJK TC",),
    "ko": ("Noto Sans CJK KR",), "ja": ("Noto Sans CJK JP",), "ru": ("Noto Sans",), "vi": ("Noto Sans",),
}


def script_fonts(lang: str) -> tuple[str, ...]:
    return SCRIPT_FONTS.get(lang, SCRIPT_FONTS.get(lang.split("-")[0], ()))


#: The font a clinic's PowerPoint draws a language's script with: the deck names it in each run's
#: complex-script or east-Asian slot. The Noto fonts above stand in for its widths; a line is as
#: tall as this font sets it (Arial's Arabic: 1.15 em, as Liberation Sans), not as Noto Sans
#: Arabic would (2.11 em).
DECK_SCRIPT_FONTS = {"ar": "Arial", "zh-Hans": "Microsoft YaHei", "zh": "Microsoft YaHei", "ko": "Malgun Gothic"}


@lru_cache(maxsize=None)
def _coverage(family: str) -> frozenset[int]:
    path = font_file(family) or font_file(METRIC_COMPATIBLE.get(family, family))
    return characters_in(Path(path), family) if path else frozenset()


def characters_in(path: Path, family: str = "") -> frozenset[int]:
    """The characters a font file has glyphs for (of `family`, in a collection)."""
    with _opened(str(path), lazy=True, fontNumber=face_index(str(path), family) if family else 0) as font:
        return frozenset(_numbered(font).getBestCmap())


def uncovered(text: str, families: tuple[str, ...]) -> str | None:
    """The first character of `text` that none of `families` has a glyph for (None if all do)."""
    covered = [_coverage(family) for family in families]
    for char in text:
        if char.isspace() or ord(char) < 32 or unicodedata.category(char) == "Cf":
            continue  # format characters (bidi marks and isolates, zero-width joiners) print nothing
        if not any(ord(char) in cover for cover in covered):
            return char
    return None
