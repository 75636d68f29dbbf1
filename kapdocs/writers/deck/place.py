"""Slides placed on the master's layouts (layouts.py) and their text fitted to its boxes (fit.py).

Content that does not fit its placeholder continues on "(cont.)" slides; what cannot fit at all
is an error naming the source line. Pure Python, no PowerPoint.
"""

from __future__ import annotations

from dataclasses import replace

from kapdocs.errors import KapdocsError
from kapdocs.writers.deck.fit import (INSET_X, MIN_SIZE, Box, TextMeasure, TooLong, bullet_height, fit_columns,
                                     paginate_bullets, paginate_rows, steps_sizes, tile_sizes)
from kapdocs.writers.deck.layouts import Choice, MasterInfo, Rect, choose
from kapdocs.writers.deck.slides import ROLE_OF, Slide

#: Size of the QR code on the closing slide, and its gap from the text (points).
QR_SIDE, QR_GAP = 150.0, 24.0

#: Text size of a picture's caption (points).
CAPTION_SIZE = 16.0

#: Inner margin of a callout shape (points), subtracted before measuring its text.
CALLOUT_PADDING = 18.0


# ---- placing slides on the master's layouts --------------------------------------------------


class Placer:
    """Chooses each slide's layout and the boxes its content goes in; collects fallback warnings."""

    def __init__(self, master: MasterInfo, continued: str, right_to_left: bool = False):
        self.master = master
        self.continued = continued  # "(cont.)" in the deck's language
        self.right_to_left = right_to_left  # columns read from the right, the QR code goes left
        self.warnings: list[str] = []
        self._choices: dict[str, Choice] = {}

    def choice(self, role: str) -> Choice:
        if role not in self._choices:
            self._choices[role] = choose(self.master, role)
            if self._choices[role].warning:
                self.warnings.append(self._choices[role].warning)
        return self._choices[role]

    def place(self, slide: Slide) -> Slide:
        role = ROLE_OF[slide.kind]
        if slide.requested_layout:
            layout = self.master.layout(slide.requested_layout)
            if layout is None:
                names = ", ".join(f"“{lay.name}”" for lay in self.master.layouts)
                raise KapdocsError(f"the master has no layout “{slide.requested_layout}”", line=slide.line,
                                   hint=f"use one of {names}")
        else:
            layout = self.choice(role).layout
        bodies = [p for p in layout.bodies if p.type != "subTitle" or role == "title"]
        if role == "title":
            return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in bodies[:1]))
        if role == "columns":
            if len(bodies) < 2:
                raise KapdocsError(f"layout “{layout.name}” has fewer than two text placeholders for the columns of "
                                   f"“{slide.title}”", line=slide.line, hint="choose a two-content layout")
            pair = sorted(bodies[:2], key=lambda p: p.box.left, reverse=self.right_to_left)
            return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in pair),
                           column_areas=tuple(p.box for p in pair))
        if role in ("content", "section"):
            if not bodies and slide.bullets:
                raise KapdocsError(f"layout “{layout.name}” has no text placeholder for the bullets of “{slide.title}”",
                                   line=slide.line, hint="choose a layout with a content placeholder")
            area = bodies[0].box if bodies else None
            if slide.qr and area:  # the text gives up the side it ends on to the QR code
                qr_left = area.left if self.right_to_left else area.left + area.width - QR_SIDE
                slide = replace(slide, qr_area=Rect(qr_left, area.top, QR_SIDE, QR_SIDE))
                area = replace(area, width=area.width - QR_SIDE - QR_GAP,
                               left=area.left + (QR_SIDE + QR_GAP if self.right_to_left else 0))
            return replace(slide, layout=layout.name, bodies=tuple(p.idx for p in bodies[:1]), area=area)
        # Shapes go where the layout's content placeholder is, or where the content layout has it.
        area = bodies[0].box if bodies else self.choice("content").layout.bodies[0].box
        return replace(slide, layout=layout.name, area=area)


# ---- fitting text to its boxes ---------------------------------------------------------------


def fit(slide: Slide, measure: TextMeasure, placer: Placer) -> list[Slide]:
    """The slide, continued over as many "(cont.)" slides as its content needs."""
    try:
        return _continue(slide, measure, placer)
    except TooLong as err:
        what = "table row" if slide.table else "bullet"
        raise KapdocsError(f"slide “{slide.title}”: {what} {err.index + 1} does not fit on a slide even at "
                           f"{MIN_SIZE:g} pt", line=slide.line, hint="shorten it or split it in two") from None


def _items(bullets) -> list[tuple[str, int, bool, bool, bool]]:
    return [(b.text, b.level, b.plain, b.keep, all(r.bold for r in b.runs)) for b in bullets]


def _continue(slide: Slide, measure: TextMeasure, placer: Placer) -> list[Slide]:
    box = Box(slide.area.width, slide.area.height) if slide.area else None
    if slide.callout:
        return [_fit_callout(slide, box, measure)]
    if slide.stats:
        return [_fit_stats(slide, measure)]
    if slide.picture and slide.picture.caption:
        lines = measure.lines(slide.picture.caption, CAPTION_SIZE, slide.area.width - 2 * INSET_X)
        return [replace(slide, label_size=CAPTION_SIZE, text_height=lines * measure.line_height(CAPTION_SIZE))]
    if slide.steps:
        sizes = steps_sizes([(s.title, s.text) for s in slide.steps], slide.area, measure)
        if sizes:
            return [replace(slide, size=sizes[0], label_size=sizes[1])]
        # The shapes cannot hold the text: the same steps as a numbered list, continued as needed.
        placer.warnings.append(f"line {slide.line}: the steps of “{slide.title}” are too long for process shapes; "
                               "they are shown as a numbered list")
        slide = placer.place(replace(slide, kind="content", steps=(), requested_layout=""))
        return _continue(slide, measure, placer)
    if slide.columns:
        boxes = [Box(a.width, a.height) for a in slide.column_areas]
        pages, size = fit_columns([_items(c) for c in slide.columns], boxes, measure)
        return [replace(slide, title=_continued(slide.title, i, placer.continued), size=size, notes=slide.notes if i == 0 else (),
                        columns=tuple(tuple(col[j] for j in page) for col, page in zip(slide.columns, pages_i)))
                for i, pages_i in enumerate(pages)]
    if slide.bullets and slide.kind in ("content", "closing"):
        pages, size = paginate_bullets(_items(slide.bullets), box, measure)
        chunks = [tuple(slide.bullets[i] for i in page) for page in pages]
    elif slide.table:
        pages, size = paginate_rows(slide.table.header, slide.table.rows, box, measure)
        chunks = [replace(slide.table, rows=tuple(slide.table.rows[i] for i in page)) for page in pages]
    else:
        return [slide]
    out = []
    for i, chunk in enumerate(chunks):
        part = replace(slide, title=_continued(slide.title, i, placer.continued), size=size, notes=slide.notes if i == 0 else ())
        out.append(replace(part, table=chunk) if slide.table else replace(part, bullets=chunk))
    return out


def _continued(title: str, index: int, marker: str) -> str:
    return title if index == 0 or title.endswith(marker) else f"{title} {marker}"


def _fit_callout(slide: Slide, box: Box, measure: TextMeasure) -> Slide:
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


def _fit_stats(slide: Slide, measure: TextMeasure) -> Slide:
    sizes = tile_sizes([s.value for s in slide.stats], [s.label for s in slide.stats], slide.area, measure)
    if sizes is None:
        raise KapdocsError(f"slide “{slide.title}”: a number or its label does not fit its tile even at {MIN_SIZE:g} pt",
                           line=slide.line, hint="keep each number short and each label to a few words")
    return replace(slide, size=sizes[0], label_size=sizes[1])
