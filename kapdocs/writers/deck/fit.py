"""Measure slide text with the real font metrics and split what does not fit.

PowerPoint does not shrink overflowing text until someone edits it, so kapdocs measures at
build time: each run of text shaped by HarfBuzz in the font that draws it (the deck font, or the
script font for characters it lacks), greedy word wrapping, and line heights from the font's
vertical metrics. Deck fonts are named for PowerPoint (Calibri) and
measured with a metric-compatible open font where the named one is not installed (Carlito).

Training slides are read from the back of a room: nothing the audience must read is set below
READABLE_SIZE (18 pt), a nested bullet, a caption, a table, a tile's label and a step's text included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from kapdocs.errors import KapdocsError
from kapdocs.support.fonts import DECK_SCRIPT_FONTS, METRIC_COMPATIBLE, font_file, font_metrics, script_fonts
from kapdocs.support.shaping import shaped_width
from kapdocs.writers.deck.layouts import Rect


#: The smallest text the audience must read (points): the floor of every size below.
READABLE_SIZE = 18.0
#: Body sizes tried, largest first: a slide is set denser before it is split; split slides use
#: SPLIT_SIZE; nothing goes below MIN_SIZE.
BODY_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0)
SPLIT_SIZE = 20.0
STATEMENT_SIZES = (36.0, 32.0)
MIN_SIZE = READABLE_SIZE
TABLE_SIZES = (24.0, 22.0, 20.0, 18.0)
#: Space above and below a table cell's text, as a fraction of its size: PowerPoint's default
#: 0.05 in packs the rows so tightly that they run together when read from the back of a room.
TABLE_PAD = 0.3
#: Left indent of each bullet level (points), as the generated master sets them.
INDENTS = (27.0, 58.5, 90.0)
LEVEL_STEP = 3.0  # each nested level is this many points smaller, down to READABLE_SIZE
SPACE_BEFORE = 0.4  # paragraph spacing, as a fraction of the text size
INSET_X, INSET_Y = 7.2, 3.6  # PowerPoint's default text insets (0.1 in, 0.05 in)


@dataclass(frozen=True)
class Box:
    """A placeholder's inner size in points."""

    width: float
    height: float


class TextMeasure:
    """Widths and line heights of one font family (regular and bold files), with script fallbacks.

    Characters the deck font lacks (Chinese, Arabic…) are measured with the first fallback font
    that has them, as PowerPoint draws them with the east-Asian or complex-script font,
    `drawn_with`. A line is as tall as the deck font sets it; text with characters the deck font
    lacks (by its cmap) is as tall as the taller of the deck font and the font that draws them:
    `drawn_with`, or where it (or its metric-compatible twin) is not installed here, the
    fallbacks. Vietnamese, drawn in the deck's Latin font, is as tall as that font sets it."""

    def __init__(self, family: str, fallbacks: tuple[str, ...] = (), drawn_with: str = ""):
        self.family = family
        self.measured_with = METRIC_COMPATIBLE.get(family, family) if not font_file(family, False) else family
        regular = font_file(self.measured_with, False)
        if regular is None:
            raise KapdocsError(f"deck font `{family}` is not installed and has no metric-compatible stand-in",
                               hint="install the font, or name a deck font that is installed (e.g. Calibri with Carlito)")
        self._regular = (regular, font_metrics(regular))
        bold = font_file(self.measured_with, True)
        self._bold = (bold, font_metrics(bold)) if bold else self._regular
        self._fallbacks = [(path, font_metrics(path)) for path in (font_file(f) for f in fallbacks) if path]
        # Bold text falls back to a fallback's bold face where it has one (bold Arabic is 11 % wider).
        self._bold_fallbacks = [(font_file(f, True) or path, font_metrics(font_file(f, True) or path))
                                for f, path in ((f, font_file(f)) for f in fallbacks) if path]
        drawn = font_file(METRIC_COMPATIBLE.get(drawn_with, drawn_with)) if drawn_with else None
        self._line_gap = self._regular[1].line_gap
        self._fallback_gap = max([self._line_gap] + ([font_metrics(drawn).line_gap] if drawn else
                                                     [f.line_gap for _, f in self._fallbacks]))

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The width of `text` in points: each run shaped in the font that draws it."""
        return sum(shaped_width(path, run) for path, run in self._runs(text, bold)) * size

    def _runs(self, text: str, bold: bool):
        """(font file, text) runs: the deck font where it has the character, else the first
        fallback that has it; a character no font has stays with the deck font (its .notdef)."""
        own = self._bold if bold else self._regular
        fallbacks = self._bold_fallbacks if bold else self._fallbacks
        path, run = "", ""
        for char in text:
            chosen = own[0] if own[1].char(char) is not None else \
                next((p for p, f in fallbacks if f.char(char) is not None), own[0])
            if chosen != path and run:
                yield path, run
                run = ""
            path, run = chosen, run + char
        if run:
            yield path, run

    def line_height(self, size: float, text: str = "") -> float:
        """The height of a line of `text` at `size`: the deck font's, or the fallback's where
        the deck font cannot draw some of the text."""
        return (self._fallback_gap if self.falls_back(text) else self._line_gap) * size

    def falls_back(self, text: str) -> bool:
        """Whether the deck font lacks a character of `text` (its cmap has none) that a fallback has."""
        own = self._regular[1]
        return self._fallback_gap != self._line_gap and any(
            own.char(c) is None and any(f.char(c) is not None for _, f in self._fallbacks)
            for c in set(text) if not c.isspace())

    def lines(self, text: str, size: float, width: float, bold: bool = False) -> int:
        """How many lines `text` wraps to in `width` points (words longer than a line break anywhere;
        Chinese, Japanese and Korean break between any two characters)."""
        space = self.width(" ", size, bold)
        lines, used = 1, 0.0
        for word, spaced in _pieces(text):
            w = self.width(word, size, bold)
            needed = w if used == 0 else used + (space if spaced else 0.0) + w
            if needed <= width:
                used = needed
            elif used == 0:  # a single word wider than the line
                lines += int(w // width)
                used = w % width
            else:
                lines += 1
                used = w
                if w > width:
                    lines += int(w // width)
                    used = w % width
        return lines


def _pieces(text: str):
    """(piece, preceded by a space) for line breaking: words, and each CJK character on its own."""
    for word in text.split():
        first = True
        run = ""
        for char in word:
            if _breaks_anywhere(char):
                if run:
                    yield run, first
                    first = False
                    run = ""
                yield char, first
                first = False
            else:
                run += char
        if run:
            yield run, first


def _breaks_anywhere(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


@lru_cache(maxsize=None)
def text_measure(family: str, fallbacks: tuple[str, ...] = (), drawn_with: str = "") -> TextMeasure:
    """One TextMeasure per font family (and fallbacks) per process."""
    return TextMeasure(family, fallbacks, drawn_with)


def deck_measure(family: str, lang: str) -> TextMeasure:
    """How a deck in `lang` set in `family` is measured: its script's fallbacks and slot font."""
    return text_measure(family, script_fonts(lang), DECK_SCRIPT_FONTS.get(lang, ""))


def bullet_height(text: str, level: int, size: float, box: Box, measure: TextMeasure, plain: bool = False,
                  bold: bool = False) -> float:
    """The height of one paragraph; an all-bold one is measured with the bold font."""
    level_size = nested_size(size, level)
    indent = 0.0 if plain else INDENTS[min(level, 2)]
    lines = measure.lines(text, level_size, box.width - 2 * INSET_X - indent, bold)
    return lines * measure.line_height(level_size, text) + SPACE_BEFORE * level_size


def nested_size(size: float, level: int) -> float:
    """The size of a bullet `level` deep in a list set at `size`: LEVEL_STEP smaller a level,
    never below READABLE_SIZE (nor above `size`)."""
    return max(size - LEVEL_STEP * level, min(size, READABLE_SIZE))


Item = tuple[str, int, bool, bool, bool]  # text, level, plain (no bullet mark), keep with the next, all bold


def _height(item: Item, size: float, box: Box, measure: TextMeasure) -> float:
    text, level, plain, _, bold = item
    return bullet_height(text, level, size, box, measure, plain, bold)


def paginate_bullets(items: list[Item], box: Box, measure: TextMeasure,
                     sizes: tuple[float, ...] = BODY_SIZES) -> tuple[list[list[int]], float]:
    """Item indexes per slide and the text size: one slide at the largest of `sizes` that fits,
    else pages. A slide of one statement (the main message) is set larger, as a statement."""
    usable = box.height - 2 * INSET_Y
    for size in (STATEMENT_SIZES if len(items) == 1 else ()) + sizes:
        if sum(_height(item, size, box, measure) for item in items) <= usable:
            return [list(range(len(items)))], size
    return _pages(items, box, measure, SPLIT_SIZE), SPLIT_SIZE


def _pages(items: list[Item], box: Box, measure: TextMeasure, size: float) -> list[list[int]]:
    """Items filled into slides at `size`, each slide broken before a sub-idea where it can: a
    full slide gives its last lead (an item marked keep: a `###` heading, a question) and what
    follows it to the next; a lead never ends a slide."""
    usable = box.height - 2 * INSET_Y
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, item in enumerate(items):
        h = _height(item, size, box, measure)
        if h > usable and _height(item, MIN_SIZE, box, measure) > usable:
            raise TooLong(index)
        if used + h > usable and pages[-1]:
            carried: list[int] = []
            leads = [i for i, at in enumerate(pages[-1]) if items[at][3] and i > 0]
            if leads and sum(_height(items[i], size, box, measure) for i in pages[-1][leads[-1]:]) + h <= usable:
                carried, pages[-1] = pages[-1][leads[-1]:], pages[-1][:leads[-1]]
            while pages[-1] and items[pages[-1][-1]][3] and len(pages[-1]) > 1:
                carried.insert(0, pages[-1].pop())
            pages.append(carried)
            used = sum(_height(items[i], size, box, measure) for i in carried)
        pages[-1].append(index)
        used += h
    return pages


def fit_columns(columns: list[list[Item]], boxes: list[Box], measure: TextMeasure) -> tuple[list[list[list[int]]], float]:
    """Per slide, per column, the item indexes; one slide at the largest size both columns fit, else pages."""
    for size in BODY_SIZES:
        if all(sum(_height(i, size, box, measure) for i in items) <= box.height - 2 * INSET_Y
               for items, box in zip(columns, boxes)):
            return [[list(range(len(items))) for items in columns]], size
    per_column = [_pages(items, box, measure, SPLIT_SIZE) for items, box in zip(columns, boxes)]
    slides = max(len(p) for p in per_column)
    return [[p[i] if i < len(p) else [] for p in per_column] for i in range(slides)], SPLIT_SIZE


# ---- shapes drawn in a content area: stats tiles and process steps --------------------------

TILE_GAP, TILE_PAD, TILE_MAX_HEIGHT = 18.0, 14.0, 210.0
VALUE_SIZES = (48.0, 44.0, 40.0, 36.0, 32.0, 28.0)
LABEL_SIZES = (24.0, 22.0, 20.0, 18.0)
STEP_GAP, STEP_HEADER, STEP_PAD = 20.0, 46.0, 10.0
STEP_TEXT_SIZES = (20.0, 18.0)
MAX_STEP_SHAPES = 5


def tile_boxes(count: int, area: Rect) -> list[Rect]:
    """Where each stats tile goes: one row of up to four, else two rows."""
    per_row = count if count <= 4 else -(-count // 2)
    rows = -(-count // per_row)
    width = (area.width - TILE_GAP * (per_row - 1)) / per_row
    height = min((area.height - TILE_GAP * (rows - 1)) / rows, TILE_MAX_HEIGHT)
    return [Rect(area.left + (i % per_row) * (width + TILE_GAP), area.top + (i // per_row) * (height + TILE_GAP),
                 width, height) for i in range(count)]


def mirrored(boxes: list[Rect], area: Rect) -> list[Rect]:
    """`boxes` flipped left for right inside `area`: a right-to-left language reads a row of tiles
    or steps from the right, so its first one goes there."""
    return [replace(box, left=2 * area.left + area.width - box.left - box.width) for box in boxes]


def tile_sizes(values: list[str], labels: list[str], area: Rect, measure: TextMeasure) -> tuple[float, float] | None:
    """(value size, label size) at which every tile holds its number on one line and its label."""
    tile = tile_boxes(len(values), area)[0]
    inner = tile.width - 2 * TILE_PAD - 2 * INSET_X
    value = next((s for s in VALUE_SIZES if all(measure.width(v, s, bold=True) <= inner for v in values)), None)
    if value is None:
        return None
    room = tile.height - 2 * TILE_PAD - 2 * INSET_Y - max(measure.line_height(value, v) for v in values)
    for size in LABEL_SIZES:
        if all(measure.lines(label, size, inner) * measure.line_height(size, label) <= room for label in labels):
            return value, size
    return None


def step_boxes(count: int, area: Rect) -> list[Rect]:
    """Where each step's column goes: side by side, a chevron header on top of each."""
    width = (area.width - STEP_GAP * (count - 1)) / count
    return [Rect(area.left + i * (width + STEP_GAP), area.top, width, area.height) for i in range(count)]


def steps_sizes(steps: list[tuple[str, str]], area: Rect, measure: TextMeasure) -> tuple[float, float] | None:
    """(title size, text size) at which every step's text fits under its chevron; None if none does."""
    if len(steps) > MAX_STEP_SHAPES:
        return None
    column = step_boxes(len(steps), area)[0]
    inner = column.width - 2 * INSET_X
    room = column.height - STEP_HEADER - STEP_PAD - 2 * INSET_Y
    for size in STEP_TEXT_SIZES:
        title = size + 2
        if all(measure.lines(t, title, inner, bold=True) * measure.line_height(title, t) + SPACE_BEFORE * size
               + (measure.lines(x, size, inner) * measure.line_height(size, x) if x else 0) <= room for t, x in steps):
            return title, size
    return None


def cell_padding(size: float) -> float:
    """Points above and below the text of a table cell set at `size`."""
    return max(INSET_Y, TABLE_PAD * size)


def row_height(cells: tuple[str, ...], size: float, box: Box, measure: TextMeasure) -> float:
    column = box.width / max(len(cells), 1) - 2 * INSET_X
    return max(measure.lines(c, size, column) * measure.line_height(size, c) for c in cells) + 2 * cell_padding(size)


def paginate_rows(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], box: Box,
                  measure: TextMeasure) -> tuple[list[list[int]], float]:
    """Row indexes per slide (the header repeats on each) and the text size."""
    for size in TABLE_SIZES:
        total = row_height(header, size, box, measure) + sum(row_height(r, size, box, measure) for r in rows)
        if total <= box.height:
            return [list(range(len(rows)))], size
    size = TABLE_SIZES[-1]
    head = row_height(header, size, box, measure)
    pages: list[list[int]] = [[]]
    used = head
    for index, row in enumerate(rows):
        h = row_height(row, size, box, measure)
        if head + h > box.height:
            raise TooLong(index)
        if used + h > box.height and pages[-1]:
            pages.append([])
            used = head
        pages[-1].append(index)
        used += h
    return pages, size


class TooLong(Exception):
    """Item `index` cannot fit on a slide even alone at the smallest size."""

    def __init__(self, index: int):
        super().__init__(index)
        self.index = index
