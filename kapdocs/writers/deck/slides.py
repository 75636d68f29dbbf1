"""The slide model: what each slide of a deck holds, before it is PowerPoint.

One frozen dataclass per kind of slide, and `Slide`, their union. plan.py makes slides from a
document, place.py puts them on the master's layouts and fits their text, and powerpoint.py
draws each by its type. Pure Python, no PowerPoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from kapdocs.writers.deck.layouts import Rect

SlideKind = Literal["title", "section", "agenda", "content", "table", "picture", "callout", "closing", "stats",
                    "chart", "steps", "columns"]

#: The kinds that frame the deck rather than teach: they need no speaker notes and are not
#: counted when the deck's body fill is measured.
FRAMING: frozenset[str] = frozenset({"title", "section", "agenda", "closing"})


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


# ---- the kinds of slide ---------------------------------------------------------------------
#
# Each kind holds what it shows and, once placed and fitted (place.py), where and how large:
# `layout` is the master's layout, `bodies` the placeholder idx its text goes in (columns in
# reading order), `area` the box its text or shapes fill (points), `size` its text size.


@dataclass(frozen=True, kw_only=True)
class _Slide:
    """What every kind of slide has: a title, its source line, speaker notes and a layout."""

    kind: ClassVar[SlideKind]  # what the slide is called in messages and tests
    role: ClassVar[str]  # the role (layouts.ROLES) it needs from the master

    title: str
    line: int
    notes: tuple[str, ...] = ()
    requested_layout: str = ""  # `## Title {layout="Comparison"}`
    layout: str = ""


@dataclass(frozen=True, kw_only=True)
class TitleSlide(_Slide):
    """The first slide: the deck's title, and its subtitle and version lines."""

    kind: ClassVar[SlideKind] = "title"
    role: ClassVar[str] = "title"
    subtitle: tuple[str, ...]
    bodies: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SectionSlide(_Slide):
    """A section divider (`#`): its number and title on the brand's colour, and one line on why
    the section matters (its first sentence, or the heading's `lead` attribute)."""

    kind: ClassVar[SlideKind] = "section"
    role: ClassVar[str] = "section"
    number: int = 0
    lead: str = ""


@dataclass(frozen=True, kw_only=True)
class ContentSlide(_Slide):
    """Bullets in the layout's content placeholder: lists, the agenda, FAQ, glossary, forms."""

    kind: ClassVar[SlideKind] = "content"
    role: ClassVar[str] = "content"
    bullets: tuple[Bullet, ...]
    bodies: tuple[int, ...] = ()
    area: Rect | None = None
    size: float = 0.0


@dataclass(frozen=True, kw_only=True)
class AgendaSlide(ContentSlide):
    """The parts of the deck, numbered."""

    kind: ClassVar[SlideKind] = "agenda"


@dataclass(frozen=True, kw_only=True)
class ClosingSlide(_Slide):
    """The last slide: the deck's key message, the clinic's contact and crisis lines, and the
    brand's QR code (where the handout and the clinic are found) beside them."""

    kind: ClassVar[SlideKind] = "closing"
    role: ClassVar[str] = "content"
    bullets: tuple[Bullet, ...]
    qr: str = ""  # where the QR code leads: the handout's address, else the brand's QR target
    qr_alt: str = ""  # its alternative text, in the deck's language
    bodies: tuple[int, ...] = ()
    area: Rect | None = None
    qr_area: Rect | None = None  # where the QR code goes, beside the text's end
    size: float = 0.0


@dataclass(frozen=True, kw_only=True)
class ColumnsSlide(_Slide):
    """Two columns of bullets in a two-content layout."""

    kind: ClassVar[SlideKind] = "columns"
    role: ClassVar[str] = "columns"
    columns: tuple[tuple[Bullet, ...], ...]
    bodies: tuple[int, ...] = ()
    column_areas: tuple[Rect, ...] = ()
    size: float = 0.0


@dataclass(frozen=True, kw_only=True)
class TableSlide(_Slide):
    """A native table."""

    kind: ClassVar[SlideKind] = "table"
    role: ClassVar[str] = "shapes"
    table: TableSpec
    area: Rect | None = None
    size: float = 0.0


@dataclass(frozen=True, kw_only=True)
class PictureSlide(_Slide):
    """A picture, with its caption under it."""

    kind: ClassVar[SlideKind] = "picture"
    role: ClassVar[str] = "shapes"
    picture: PictureSpec
    area: Rect | None = None
    label_size: float = 0.0  # the caption's text size
    text_height: float = 0.0  # the caption's measured height (points)


@dataclass(frozen=True, kw_only=True)
class CalloutSlide(_Slide):
    """A boxed note drawn as a shape, its title as the first bullet."""

    kind: ClassVar[SlideKind] = "callout"
    role: ClassVar[str] = "shapes"
    callout: CalloutSpec
    bullets: tuple[Bullet, ...]
    area: Rect | None = None
    size: float = 0.0
    text_height: float = 0.0  # the text's measured height (points), so the box fits it


@dataclass(frozen=True, kw_only=True)
class StatsSlide(_Slide):
    """Big-number tiles."""

    kind: ClassVar[SlideKind] = "stats"
    role: ClassVar[str] = "shapes"
    stats: tuple[StatSpec, ...]
    area: Rect | None = None
    size: float = 0.0  # the numbers' size
    label_size: float = 0.0


@dataclass(frozen=True, kw_only=True)
class ChartSlide(_Slide):
    """A native, editable chart."""

    kind: ClassVar[SlideKind] = "chart"
    role: ClassVar[str] = "shapes"
    chart: ChartSpec
    area: Rect | None = None


@dataclass(frozen=True, kw_only=True)
class StepsSlide(_Slide):
    """A process as chevrons, each step's title and text under its own."""

    kind: ClassVar[SlideKind] = "steps"
    role: ClassVar[str] = "shapes"
    steps: tuple[StepSpec, ...]
    bullets: tuple[Bullet, ...]  # the same steps as a numbered list, for when the chevrons cannot hold them
    area: Rect | None = None
    size: float = 0.0  # the steps' titles
    label_size: float = 0.0  # the steps' texts


#: One slide, before it is PowerPoint: one of the kinds above.
Slide = (TitleSlide | SectionSlide | AgendaSlide | ContentSlide | ClosingSlide | ColumnsSlide | TableSlide | PictureSlide
         | CalloutSlide | StatsSlide | ChartSlide | StepsSlide)


@dataclass(frozen=True)
class DeckMeta:
    """What goes into the PPTX core properties."""

    title: str
    author: str
    subject: str
    lang: str
    keywords: str
    draft: str = ""  # the stamp for every slide of an unreviewed source or incomplete translation ("" if neither)


@dataclass(frozen=True)
class Deck:
    """The slides of one deck, in order, and what the planner wants the user to know."""

    meta: DeckMeta
    slides: tuple[Slide, ...]
    warnings: tuple[str, ...] = ()
