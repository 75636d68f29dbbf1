"""Document (deck branch) + Brand + master → Deck: which slides, which layout, what text, what notes.

Pure Python, no PowerPoint: every decision about the deck is made here and can be tested
without opening a file. `##` starts a slide, `#` a section header slide, `---` a continuation;
lists become bullets, tables native tables, figures pictures, stats tiles or native charts,
steps process shapes, faq question/answer slides, columns the two-content layout and
definition lists a glossary slide; prose and `::: notes` become the speaker notes, so the
presenter holds the whole patient explanation. Each slide's layout is resolved in the master
(layouts.py); content that does not fit its placeholder (measured by fit.py) continues on
"(cont.)" slides, and what cannot fit at all is an error naming the source line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from kapdocs import model as m
from kapdocs.brand.schema import Brand
from kapdocs.errors import KapdocsError
from kapdocs.i18n.language import format_date, text_direction
from kapdocs.i18n.labels import callout_title, labels
from kapdocs.writers.deck.fit import (INSET_X, MIN_SIZE, Box, TextMeasure, TooLong, bullet_height, fit_columns,
                                     paginate_bullets, paginate_rows, steps_sizes, tile_sizes)
from kapdocs.writers.deck.layouts import Choice, MasterInfo, Rect, choose

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


#: Size of the QR code on the closing slide, and its gap from the text (points).
QR_SIDE, QR_GAP = 150.0, 24.0

#: Text size of a picture's caption (points).
CAPTION_SIZE = 16.0

#: Inner margin of a callout shape (points), subtracted before measuring its text.
CALLOUT_PADDING = 18.0


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


def build_deck(document: m.Document, brand: Brand, master: MasterInfo, measure: TextMeasure) -> Deck:
    """Plan every slide of the deck for `document` on `master`."""
    meta = document.meta
    text = labels(meta.lang)
    reviewed = format_date(meta.reviewed, meta.lang)
    intro, sections = _split_sections(document.blocks)
    title = Slide("title", meta.title, 1,
                  subtitle=tuple(t for t in (meta.subtitle,
                                             f"{brand.name} · {text['version']} {meta.version}, {text['reviewed_lower']} {reviewed}") if t),
                  notes=_notes_of(intro))
    slides: list[Slide] = [title]
    if meta.summary:
        slides.append(Slide("content", text["main_message"], 1,
                            bullets=(Bullet((Run(meta.summary, bold=True),), plain=True),)))
    if meta.agenda:
        slides.append(_agenda(sections, text))
    for heading, blocks in sections:
        if heading.level == 1:
            slides.append(Slide("section", _text(heading.content), heading.line, notes=_notes_of(blocks),
                                requested_layout=m.attr(heading, "layout")))
        else:
            slides.extend(_section_slides(heading, blocks, brand, text))
    slides.append(_closing(brand, document.footnotes, text))
    placer = _Placer(master, text["continued"], right_to_left=text_direction(meta.lang) == "rtl")
    fitted = tuple(s for slide in slides for s in _fit(placer.place(slide), measure, placer))
    deck_meta = DeckMeta(title=meta.title, author=brand.name, subject=meta.summary or meta.subtitle,
                         lang=meta.lang, keywords=f"{meta.id}; version {meta.version}",
                         draft=text["draft"] if meta.draft else "")
    return Deck(deck_meta, fitted, tuple(dict.fromkeys(placer.warnings)))


def _split_sections(blocks: m.Blocks) -> tuple[m.Blocks, list[tuple[m.Heading, m.Blocks]]]:
    """Blocks before the first `#`/`##`, then (heading, blocks) per section."""
    intro: list[m.Block] = []
    sections: list[tuple[m.Heading, list[m.Block]]] = []
    for block in blocks:
        if isinstance(block, m.Heading) and block.level <= 2:
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            intro.append(block)
    return tuple(intro), [(h, tuple(b)) for h, b in sections]


def _agenda(sections: list[tuple[m.Heading, m.Blocks]], text: dict[str, str]) -> Slide:
    """The parts of the deck: its `#` sections, or its `##` slides when it has none."""
    top = min((h.level for h, _ in sections), default=2)
    titles = dict.fromkeys(_text(h.content) for h, _ in sections if h.level == top)
    return Slide("content", text["agenda"], 1, bullets=tuple(Bullet((Run(t),), numbered=True) for t in titles))


@dataclass
class _Draft:
    """A slide being filled while a section's blocks are read."""

    kind: SlideKind
    line: int
    bullets: list[Bullet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parts: dict = field(default_factory=dict)  # table, picture, callout, stats, chart, steps, columns

    @property
    def empty(self) -> bool:
        return not (self.bullets or self.parts)


class _Section:
    """Reads one `##` section's blocks into drafts, in source order."""

    def __init__(self, heading: m.Heading, brand: Brand, text: dict[str, str]):
        self.heading = heading
        self.brand = brand
        self.text = text
        self.drafts: list[_Draft] = [_Draft("content", heading.line)]

    def current(self, kind: SlideKind, line: int) -> _Draft:
        """The draft to add to: the last one if it can take `kind`, else a new one."""
        last = self.drafts[-1]
        if last.empty:
            last.kind = kind  # keeps its line: the heading's, for the first slide of a section
            return last
        if kind == "content" and last.kind == "content":
            return last
        self.drafts.append(_Draft(kind, line))
        return self.drafts[-1]

    def alone(self, kind: SlideKind, line: int, **parts) -> _Draft:
        """A slide of its own (a box, a chart, a glossary); what follows starts a new one."""
        draft = self.current(kind, line)
        if not draft.empty and draft.kind == "content" and kind == "content":
            draft = _Draft(kind, line)
            self.drafts.append(draft)
        draft.line = line  # errors about the box or chart point at it
        draft.parts.update(parts)
        self.drafts.append(_Draft("content", line))
        return draft

    def read(self, blocks: m.Blocks) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: m.Block) -> None:
        if isinstance(block, m.BulletList):
            self.current("content", block.line).bullets.extend(_bullets(block, 0))
        elif isinstance(block, m.Heading):
            self.current("content", block.line).bullets.append(_lead(block.content))
        elif isinstance(block, m.Table):
            self.current("table", block.line).parts["table"] = TableSpec(
                tuple(_text(c) for c in block.header), tuple(tuple(_text(c) for c in row) for row in block.rows))
        elif isinstance(block, m.Figure):
            image = block.image
            self.current("picture", block.line).parts["picture"] = PictureSpec(image.src, image.alt, image.title)
        elif isinstance(block, m.DefinitionList):
            self.alone("content", block.line).bullets.extend(
                Bullet((Run(_text(d.term), bold=True), Run(" — "), *_runs(_first_paragraph(d.blocks))), plain=True)
                for d in block.items)
        elif isinstance(block, m.Container) and hasattr(self, f"container_{block.kind}"):
            getattr(self, f"container_{block.kind}")(block)
        elif isinstance(block, m.Break):
            self.drafts.append(_Draft("content", block.line))
        else:
            self.drafts[-1].notes.extend(_notes_of((block,)))

    def container_callout(self, block: m.Container) -> None:
        kind, heading_text = block.args[0], callout_title(block, self.text)
        draft = self.alone("callout", block.line, callout=CalloutSpec(kind, heading_text, self.brand.callout_colour(kind)))
        draft.bullets = [Bullet((Run(heading_text, bold=True),), plain=True), *_callout_text(block.blocks)]

    def container_stats(self, block: m.Container) -> None:
        stats = m.stats_of(block)
        title = block.args[0] if block.args else ""
        chart = m.attr(block, "chart")
        if chart:
            spec = ChartSpec(chart, title, tuple(_text(s.label) for s in stats), tuple(s.number or 0 for s in stats),
                             all(s.value.endswith("%") for s in stats), m.chart_description(chart, title, stats))
            self.alone("chart", block.line, chart=spec)
        else:
            draft = self.alone("stats", block.line, stats=tuple(StatSpec(s.value, _text(s.label)) for s in stats))
            draft.notes.extend(f"{s.value} {_text(s.label)}" for s in stats)

    def container_steps(self, block: m.Container) -> None:
        steps = tuple(StepSpec(_text(s.title), _text(s.text)) for s in m.steps_of(block))
        draft = self.alone("steps", block.line, steps=steps)
        # Kept as numbered bullets too: the fitter falls back to them when the shapes cannot hold the text.
        draft.bullets = [Bullet((Run(s.title, bold=True), Run(" " + s.text if s.text else "")), numbered=True)
                         for s in steps]

    def container_faq(self, block: m.Container) -> None:
        draft = self.current("content", block.line)
        for question in m.questions_of(block):
            draft.bullets.append(_lead(question.question))
            draft.bullets.extend(Bullet(_runs(b.content), plain=True) for b in question.answer
                                 if isinstance(b, m.Paragraph))
            draft.bullets.extend(b for lst in question.answer if isinstance(lst, m.BulletList) for b in _bullets(lst, 0))

    def container_form(self, block: m.Container) -> None:
        """Not fields but a walk-through for staff: each field's label as a bullet, the choices of a
        checkbox list under it, and the help patients read in the speaker notes."""
        draft = self.current("content", block.line)
        if block.args:
            draft.bullets.append(Bullet((Run(block.args[0], bold=True),), plain=True, keep=True))
        for field in m.fields_of(block):
            required = f" {self.text['required']}" if field.required else ""
            draft.bullets.append(Bullet((*_runs(field.label), Run(required))))
            draft.bullets.extend(Bullet(_runs(choice.label), level=1) for choice in field.choices)
            if field.help:
                draft.notes.append(f"{_text(field.label)}: {_text(field.help)}")

    def container_columns(self, block: m.Container) -> None:
        columns, notes = [], []
        for column in block.blocks:
            bullets: list[Bullet] = []
            for child in column.blocks:
                if isinstance(child, m.BulletList):
                    bullets.extend(_bullets(child, 0))
                elif isinstance(child, m.Heading):
                    bullets.append(_lead(child.content))
                else:
                    notes.extend(_notes_of((child,)))
            columns.append(tuple(bullets))
        draft = self.alone("columns", block.line, columns=tuple(columns))
        draft.notes.extend(notes)

    def container_notes(self, block: m.Container) -> None:
        self.drafts[-1].notes.extend(_notes_of(block.blocks))

    def slides(self) -> list[Slide]:
        title = _text(self.heading.content)
        layout = m.attr(self.heading, "layout")
        drafts = _merge_notes_only(self.drafts)
        return [Slide(d.kind, title if i == 0 else f"{title} {self.text['continued']}", d.line, bullets=tuple(d.bullets),
                      notes=tuple(d.notes), requested_layout=layout if i == 0 else "", **d.parts)
                for i, d in enumerate(drafts)]


def _section_slides(heading: m.Heading, blocks: m.Blocks, brand: Brand, text: dict[str, str]) -> list[Slide]:
    """The slides of one `##` section, in source order."""
    section = _Section(heading, brand, text)
    section.read(blocks)
    return section.slides()


def _merge_notes_only(drafts: list[_Draft]) -> list[_Draft]:
    """Drafts holding only notes give them to the slide before; empty drafts go."""
    kept: list[_Draft] = []
    for draft in drafts:
        if not draft.empty:
            kept.append(draft)
        elif draft.notes and kept:
            kept[-1].notes.extend(draft.notes)
        elif draft.notes:
            kept.append(draft)
    return kept or drafts[:1]


def _lead(content: m.Inlines) -> Bullet:
    """A bold line that introduces what follows (a sub-heading, a question): kept with it."""
    return Bullet((Run(_text(content), bold=True),), plain=True, keep=True)


def _first_paragraph(blocks: m.Blocks) -> m.Inlines:
    return next((b.content for b in blocks if isinstance(b, m.Paragraph)), ())


def _callout_text(blocks: m.Blocks) -> list[Bullet]:
    """A callout's text for the slide: paragraphs as plain lines, lists as bullets."""
    out: list[Bullet] = []
    for block in blocks:
        if isinstance(block, m.Paragraph):
            out.append(Bullet(_runs(block.content), plain=True))
        elif isinstance(block, m.BulletList):
            out.extend(_bullets(block, 0))
    return out


def _bullets(block: m.BulletList, level: int) -> list[Bullet]:
    out: list[Bullet] = []
    for item in block.items:
        for child in item.blocks:
            if isinstance(child, m.Paragraph):
                out.append(Bullet(_runs(child.content), level=level, numbered=block.ordered))
            elif isinstance(child, m.BulletList):
                out.extend(_bullets(child, min(level + 1, 2)))
    return out


def _notes_of(blocks: m.Blocks) -> tuple[str, ...]:
    """Speaker notes from prose: paragraphs, quotes, `::: notes` and any text left over."""
    notes: list[str] = []
    for block in blocks:
        if isinstance(block, m.Paragraph):
            notes.append(_text(block.content))
        elif isinstance(block, m.CodeBlock):
            notes.append(block.text)
        elif isinstance(block, (m.Container, m.BlockQuote)):
            notes.extend(_notes_of(block.blocks))
        elif isinstance(block, m.BulletList):
            notes.extend("• " + b.text for b in _bullets(block, 0))
        elif isinstance(block, m.DefinitionList):
            notes.extend(f"{_text(d.term)}: {' '.join(_notes_of(d.blocks))}" for d in block.items)
    return tuple(notes)


def _closing(brand: Brand, footnotes: tuple[m.Footnote, ...], text: dict[str, str]) -> Slide:
    contact = brand.contact
    lines = [contact.phone, contact.web, contact.email, contact.address, contact.telehealth]
    sources = tuple(f"{f.number}. " + " ".join(_notes_of(f.blocks)) for f in footnotes)
    notes = (brand.footer.crisis_line,) + ((text["sources"] + ":",) + sources if sources else ())
    return Slide("closing", text["questions"], 0, notes=notes, qr=brand.qr.target if brand.qr else "",
                 bullets=(Bullet((Run(brand.name, bold=True),), plain=True),)
                 + tuple(Bullet((Run(t),), plain=True) for t in lines if t)
                 + (Bullet((Run(brand.footer.crisis_line, bold=True),), plain=True),))


# ---- placing slides on the master's layouts --------------------------------------------------


class _Placer:
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


def _fit(slide: Slide, measure: TextMeasure, placer: _Placer) -> list[Slide]:
    """The slide, continued over as many "(cont.)" slides as its content needs."""
    try:
        return _continue(slide, measure, placer)
    except TooLong as err:
        what = "table row" if slide.table else "bullet"
        raise KapdocsError(f"slide “{slide.title}”: {what} {err.index + 1} does not fit on a slide even at "
                           f"{MIN_SIZE:g} pt", line=slide.line, hint="shorten it or split it in two") from None


def _items(bullets) -> list[tuple[str, int, bool, bool, bool]]:
    return [(b.text, b.level, b.plain, b.keep, all(r.bold for r in b.runs)) for b in bullets]


def _continue(slide: Slide, measure: TextMeasure, placer: _Placer) -> list[Slide]:
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


def _runs(content: m.Inlines, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    runs: list[Run] = []
    for node in content:
        if isinstance(node, (m.Text, m.Code)):
            runs.append(Run(node.text, bold, italic))
        elif isinstance(node, m.Strong):
            runs.extend(_runs(node.children, True, italic))
        elif isinstance(node, m.Emph):
            runs.extend(_runs(node.children, bold, True))
        elif isinstance(node, m.Link):
            runs.extend(_runs(node.children, bold, italic))
        elif isinstance(node, m.LineBreak):
            runs.append(Run(" ", bold, italic))
    return tuple(runs)


def _text(content: m.Inlines) -> str:
    return m.plain_text(content).strip()
