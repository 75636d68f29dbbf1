"""Slides placed on the master's layouts (layouts.py) and their text fitted to its boxes (fit.py).

Content that does not fit its placeholder at the smallest body size is split at its sub-ideas
(a `###` heading, a question), each part titled by the part it holds, never "(cont.)"; what
cannot fit at all is an error naming the source line. Pure Python, no PowerPoint.
"""

from __future__ import annotations

from dataclasses import replace

from kapdocs.errors import KapdocsError
from kapdocs.i18n.language import joined, without_end_punctuation
from kapdocs.writers.deck.fit import (BODY_SIZES, INSET_X, MIN_SIZE, READABLE_SIZE, Box, TextMeasure, TooLong, bullet_height, fit_columns,
                                     paginate_bullets, paginate_rows, steps_sizes, tile_sizes)
from kapdocs.writers.deck.layouts import Choice, LayoutInfo, MasterInfo, PlaceholderInfo, Rect, choose
from kapdocs.writers.deck.slides import (CalloutSlide, ClosingSlide, ColumnsSlide, ContentSlide, PictureSlide,
                                        SectionSlide, Slide, StatsSlide, StepsSlide, TableSlide, TitleSlide)

#: Size of the QR code on the closing slide, and its gap from the text (points).
QR_SIDE, QR_GAP = 150.0, 24.0

#: Text size of a picture's caption (points): the audience reads it too.
CAPTION_SIZE = READABLE_SIZE

#: Inner margin of a callout shape (points), subtracted before measuring its text.
CALLOUT_PADDING = 18.0


# ---- placing slides on the master's layouts --------------------------------------------------


class Placer:
    """Chooses each slide's layout and the boxes its content goes in; collects fallback warnings."""

    def __init__(self, master: MasterInfo, right_to_left: bool = False, lang: str = "en"):
        self.master = master
        self.right_to_left = right_to_left  # columns read from the right, the QR code goes left
        self.lang = lang  # whose colon joins a slide's title and its part's name
        self.warnings: list[str] = []
        self._choices: dict[str, Choice] = {}

    def choice(self, role: str) -> Choice:
        """The master's layout for `role`, chosen once per deck."""
        if role not in self._choices:
            self._choices[role] = choose(self.master, role)
            if self._choices[role].warning:
                self.warnings.append(self._choices[role].warning)
        return self._choices[role]

    def place(self, slide: Slide) -> Slide:
        """`slide` with its layout, and the placeholders and boxes its content goes in."""
        layout = self.layout(slide)
        bodies = [p for p in layout.bodies if p.type != "subTitle" or slide.role == "title"]
        match slide:
            case TitleSlide():
                return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in bodies[:1]))
            case SectionSlide():
                return replace(slide, layout=layout.name)
            case ColumnsSlide():
                return self._columns(slide, layout, bodies)
            case ContentSlide() | ClosingSlide():
                return self._text(slide, layout, bodies)
        # Shapes go where the layout's content placeholder is, or where the content layout has it.
        area = bodies[0].box if bodies else self.choice("content").layout.bodies[0].box
        return replace(slide, layout=layout.name, area=area)

    def layout(self, slide: Slide) -> LayoutInfo:
        """The layout the slide asked for, else the one chosen for its role."""
        if not slide.requested_layout:
            return self.choice(slide.role).layout
        layout = self.master.layout(slide.requested_layout)
        if layout is None:
            names = ", ".join(f"“{lay.name}”" for lay in self.master.layouts)
            raise KapdocsError(f"the master has no layout “{slide.requested_layout}”", line=slide.line,
                               hint=f"use one of {names}")
        return layout

    def _columns(self, slide: ColumnsSlide, layout: LayoutInfo, bodies: list[PlaceholderInfo]) -> ColumnsSlide:
        """Two columns in the first two text placeholders, the first where the language starts reading."""
        if len(bodies) < 2:
            raise KapdocsError(f"layout “{layout.name}” has fewer than two text placeholders for the columns of "
                               f"“{slide.title}”", line=slide.line, hint="choose a two-content layout")
        pair = sorted(bodies[:2], key=lambda p: p.box.left, reverse=self.right_to_left)
        return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in pair),
                       column_areas=tuple(p.box for p in pair))

    def _text(self, slide: ContentSlide | ClosingSlide, layout: LayoutInfo,
              bodies: list[PlaceholderInfo]) -> ContentSlide | ClosingSlide:
        """Bullets in the largest text placeholder, beside the QR code on a closing slide that has one."""
        if not bodies and slide.bullets:
            raise KapdocsError(f"layout “{layout.name}” has no text placeholder for the bullets of “{slide.title}”",
                               line=slide.line, hint="choose a layout with a content placeholder")
        area = bodies[0].box if bodies else None
        if isinstance(slide, ClosingSlide) and slide.qr and area:  # the text gives up the side it ends on
            qr_left = area.left if self.right_to_left else area.left + area.width - QR_SIDE
            slide = replace(slide, qr_area=Rect(qr_left, area.top, QR_SIDE, QR_SIDE))
            area = replace(area, width=area.width - QR_SIDE - QR_GAP,
                           left=area.left + (QR_SIDE + QR_GAP if self.right_to_left else 0))
        return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in bodies[:1]), area=area)


# ---- fitting text to its boxes ---------------------------------------------------------------


def fit(slide: Slide, measure: TextMeasure, placer: Placer) -> list[Slide]:
    """The slide, split over as many slides as its content needs, each titled by its part."""
    try:
        return _continue(slide, measure, placer)
    except TooLong as err:
        what = "table row" if isinstance(slide, TableSlide) else "bullet"
        raise KapdocsError(f"slide “{slide.title}”: {what} {err.index + 1} does not fit on a slide even at "
                           f"{MIN_SIZE:g} pt", line=slide.line, hint="shorten it or split it in two") from None


def _continue(slide: Slide, measure: TextMeasure, placer: Placer) -> list[Slide]:
    """The slide with its text sizes chosen, over as many slides as that takes."""
    match slide:
        case CalloutSlide():
            return [_fit_callout(slide, measure)]
        case StatsSlide() if slide.stats:
            return [_fit_stats(slide, measure)]
        case PictureSlide() if slide.picture.caption:
            caption = slide.picture.caption
            lines = measure.lines(caption, CAPTION_SIZE, slide.area.width - 2 * INSET_X)
            return [replace(slide, label_size=CAPTION_SIZE, text_height=lines * measure.line_height(CAPTION_SIZE, caption))]
        case StepsSlide() if slide.steps:
            return _fit_steps(slide, measure, placer)
        case ColumnsSlide() if slide.columns:
            boxes = [Box(a.width, a.height) for a in slide.column_areas]
            pages, size = fit_columns([_items(c) for c in slide.columns], boxes, measure)
            parts = [tuple(tuple(col[j] for j in page) for col, page in zip(slide.columns, pages_i)) for pages_i in pages]
            return _pages(slide, [{"columns": columns} for columns in parts], size,
                          [_lead_of(columns[0]) for columns in parts], placer.lang)
        case ClosingSlide() if len(slide.bullets) > 1 and not slide.bullets[0].runs[0].bold:
            # The key message (not bold, before the clinic's name) stays whenever it fits, down to
            # the readable size; it goes only when the contact lines need its room.
            pages, size = paginate_bullets(_items(slide.bullets), _box(slide), measure, BODY_SIZES + (READABLE_SIZE,))
            if len(pages) > 1:
                return _continue(replace(slide, bullets=slide.bullets[1:]), measure, placer)
            return [replace(slide, size=size)]
        case ContentSlide() | ClosingSlide() if slide.bullets:
            pages, size = paginate_bullets(_items(slide.bullets), _box(slide), measure)
            if len(pages) > 1 and (denser := _in_two_columns(slide, measure, placer)) is not None:
                return [denser]
            parts = [tuple(slide.bullets[i] for i in page) for page in pages]
            names = [_lead_of(part) if len(parts) > 1 else "" for part in parts]
            # A part titled by its lead does not repeat it as its first line.
            parts = [part[1:] if name else part for part, name in zip(parts, names)]
            return _pages(slide, [{"bullets": part} for part in parts], size, names, placer.lang)
        case TableSlide():
            table = slide.table
            pages, size = paginate_rows(table.header, table.rows, _box(slide), measure)
            return _pages(slide, [{"table": replace(table, rows=tuple(table.rows[i] for i in page))} for page in pages],
                          size, [_rows_named(table.rows, page) for page in pages], placer.lang)
    return [slide]


def _in_two_columns(slide: Slide, measure: TextMeasure, placer: Placer) -> ColumnsSlide | None:
    """A content slide too long for its box, set in two columns broken at the sub-idea (a lead:
    a `###` heading, a question) nearest its middle: the denser layout tried before a split.
    None if it has no such break, or does not fit on one slide that way either."""
    if type(slide) is not ContentSlide:
        return None
    breaks = [i for i, b in enumerate(slide.bullets) if b.keep and i > 0]
    if not breaks:
        return None
    at = min(breaks, key=lambda i: abs(i - len(slide.bullets) / 2))
    try:
        placed = placer.place(ColumnsSlide(title=slide.title, line=slide.line, notes=slide.notes,
                                           columns=(slide.bullets[:at], slide.bullets[at:])))
        boxes = [Box(a.width, a.height) for a in placed.column_areas]
        pages, size = fit_columns([_items(c) for c in placed.columns], boxes, measure)
    except (KapdocsError, TooLong):
        return None
    return replace(placed, size=size) if len(pages) == 1 else None


def _box(slide: Slide) -> Box | None:
    """The size of the slide's area, None when it has none."""
    return Box(slide.area.width, slide.area.height) if slide.area else None


def _items(bullets) -> list[tuple[str, int, bool, bool, bool]]:
    """Bullets as the fitter measures them: text, level, plain, kept with the next, bold."""
    return [(b.text, b.level, b.plain, b.keep, all(r.bold for r in b.runs)) for b in bullets]


def _pages(slide: Slide, contents: list[dict], size: float, names: list[str], lang: str = "en") -> list[Slide]:
    """The slide once per page of its content, its notes on the first. With more than one page,
    each is titled by the part it holds, with the language's colon: "Side effects: during the session"."""
    if len(contents) == 1:
        return [replace(slide, size=size, **contents[0])]
    count = len(contents)
    return [replace(slide, title=joined(slide.title, name, lang) if name else f"{slide.title} ({i + 1}/{count})",
                    size=size,
                    notes=slide.notes if i == 0 else (), **content)
            for i, (content, name) in enumerate(zip(contents, names))]


def _lead_of(bullets) -> str:
    """The sub-idea a page of bullets holds: its lead (a `###` heading, a question) when it
    starts with its only one; "" (the page is numbered) when it holds several or none."""
    leads = [b for b in bullets if b.keep]
    return without_end_punctuation(leads[0].text) if len(leads) == 1 and bullets[0].keep else ""


def _rows_named(rows, page: list[int]) -> str:
    """A page of table rows named by its first and last rows' first cells: "Nausea – Dizziness"."""
    first, last = rows[page[0]][0], rows[page[-1]][0]
    return first if first == last else f"{first} – {last}"


def _fit_steps(slide: StepsSlide, measure: TextMeasure, placer: Placer) -> list[Slide]:
    """The steps as chevrons with the largest text they hold; as a numbered list if they hold none."""
    sizes = steps_sizes([(s.title, s.text) for s in slide.steps], slide.area, measure)
    if sizes:
        return [replace(slide, size=sizes[0], label_size=sizes[1])]
    placer.warnings.append(f"line {slide.line}: the steps of “{slide.title}” are too long for process shapes; "
                           "they are shown as a numbered list")
    listed = ContentSlide(title=slide.title, line=slide.line, notes=slide.notes, bullets=slide.bullets)
    return _continue(placer.place(listed), measure, placer)


def _fit_callout(slide: CalloutSlide, measure: TextMeasure) -> CalloutSlide:
    """The callout's text at the largest size that fits its box on one slide, and its height there."""
    box = _box(slide)
    inner = Box(box.width - 2 * CALLOUT_PADDING, box.height - 2 * CALLOUT_PADDING)
    try:
        pages, size = paginate_bullets(_items(slide.bullets), inner, measure)
        fits = len(pages) == 1
    except TooLong:
        fits = False
    if not fits:
        raise KapdocsError(f"callout “{slide.callout.title}” is too long for one slide", line=slide.line,
                           hint="keep a callout to a few short lines; put the rest in the section")
    height = sum(bullet_height(text, level, size, inner, measure, plain, bold)
                 for text, level, plain, _, bold in _items(slide.bullets))
    return replace(slide, size=size, text_height=round(height, 1))


def _fit_stats(slide: StatsSlide, measure: TextMeasure) -> StatsSlide:
    """The tiles' number and label sizes, the largest at which every tile holds its text."""
    sizes = tile_sizes([s.value for s in slide.stats], [s.label for s in slide.stats], slide.area, measure)
    if sizes is None:
        raise KapdocsError(f"slide “{slide.title}”: a number or its label does not fit its tile even at {MIN_SIZE:g} pt",
                           line=slide.line, hint="keep each number short and each label to a few words")
    return replace(slide, size=sizes[0], label_size=sizes[1])
