"""The slide model: what each slide of a deck holds, before it is PowerPoint.

Pure Python, no PowerPoint: plan.py makes it from a document, place.py puts it on the master's
layouts and fits its text, and powerpoint.py writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kapdocs.writers.deck.layouts import Rect

SlideKind = Literal["title", "section", "content", "table", "picture", "callout", "closing", "stats", "chart",
                    "steps", "columns"]

#: The role (layouts.ROLES) each kind of slide needs from the master.
ROLE_OF: dict[str, str] = {
    "title": "title", "section": "section", "content": "content", "closing": "content", "columns": "columns",
    "table": "shapes", "picture": "shapes", "callout": "shapes", "stats": "shapes", "chart": "shapes",
    "steps": "shapes",
}


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Bullet:
    """One paragraph in a body placeholder; level 0 is the outermost."""

    runs: tuple[Run, ...]
    level: int = 0
    numbered: bool = False
    plain: bool = False  # no bullet mark (statements, contact lines)
    keep: bool = False  # stays on the same slide as the next paragraph (a question, a heading)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TableSpec:
    """A native table: header row and body rows of plain text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PictureSpec:
    """A picture (project-relative path) with its alt text and caption."""

    path: str
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class CalloutSpec:
    """A boxed note drawn as a shape: its kind, title and colour (#RRGGBB)."""

    kind: str
    title: str
    colour: str


@dataclass(frozen=True)
class StatSpec:
    """One big-number tile."""

    value: str
    label: str


@dataclass(frozen=True)
class ChartSpec:
    """A native, editable chart: kind (bar, column, pie), categories and values."""

    kind: str
    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    percent: bool
    alt: str


@dataclass(frozen=True)
class StepSpec:
    """One stage of a process."""

    title: str
    text: str


@dataclass(frozen=True)
class Slide:
    """One slide, before it is PowerPoint."""

    kind: SlideKind
    title: str
    line: int
    subtitle: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    columns: tuple[tuple[Bullet, ...], ...] = ()
    table: TableSpec | None = None
    picture: PictureSpec | None = None
    callout: CalloutSpec | None = None
    stats: tuple[StatSpec, ...] = ()
    chart: ChartSpec | None = None
    steps: tuple[StepSpec, ...] = ()
    notes: tuple[str, ...] = ()
    qr: str = ""  # the brand's QR target, drawn beside the closing slide's text
    requested_layout: str = ""  # `## Title {layout="Comparison"}`
    # Chosen when the slide is placed on the master:
    layout: str = ""  # the master's layout name
    bodies: tuple[int, ...] = ()  # placeholder idx for the text, in order (columns in reading order)
    area: Rect | None = None  # where text or shapes go (points)
    qr_area: Rect | None = None  # where the QR code goes, beside the text's end
    column_areas: tuple[Rect, ...] = ()
    size: float = 0.0  # body text size in points, chosen by the fitter
    label_size: float = 0.0  # stats labels and step texts, chosen by the fitter
    text_height: float = 0.0  # measured height of a callout's text (points), so its box fits it


@dataclass(frozen=True)
class DeckMeta:
    """What goes into the PPTX core properties."""

    title: str
    author: str
    subject: str
    lang: str
    keywords: str
    draft: str = ""  # the stamp for every slide of an incomplete translation ("" when complete)


@dataclass(frozen=True)
class Deck:
    """The slides of one deck, in order, and what the planner wants the user to know."""

    meta: DeckMeta
    slides: tuple[Slide, ...]
    warnings: tuple[str, ...] = ()
