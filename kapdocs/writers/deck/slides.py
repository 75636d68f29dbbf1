"""Document (deck branch) + Brand → Deck: which slides, which layout, what text, what notes.

Pure Python, no PowerPoint: every decision about the deck is made here and can be tested
without opening a file. `##` starts a slide, `#` a section header slide, `---` a continuation;
lists become bullets, tables native tables, figures pictures; prose and `::: notes` become the
speaker notes, so the presenter holds the whole patient explanation. Content that does not fit
its placeholder (measured by fit.py) continues on "(cont.)" slides.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from kapdocs import model as m
from kapdocs.brand import Brand
from kapdocs.errors import KapdocsError
from kapdocs.i18n import format_date
from kapdocs.labels import LABELS, callout_title
from kapdocs.writers.deck.fit import (MIN_SIZE, Box, TextMeasure, TooLong, bullet_height, paginate_bullets,
                                     paginate_rows)

SlideKind = Literal["title", "section", "content", "table", "picture", "callout", "closing"]

#: Layout names looked up in the master, per slide kind (PowerPoint's standard names).
LAYOUTS: dict[str, str] = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "table": "Title Only",
    "picture": "Title Only",
    "callout": "Title Only",
    "closing": "Title and Content",
}

CONTINUED = "(cont.)"


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
    table: TableSpec | None = None
    picture: PictureSpec | None = None
    callout: CalloutSpec | None = None
    notes: tuple[str, ...] = ()
    size: float = 0.0  # body text size in points, chosen by the fitter
    text_height: float = 0.0  # measured height of a callout's text (points), so its box fits it

    @property
    def layout(self) -> str:
        return LAYOUTS[self.kind]


@dataclass(frozen=True)
class DeckMeta:
    """What goes into the PPTX core properties."""

    title: str
    author: str
    subject: str
    lang: str
    keywords: str


@dataclass(frozen=True)
class Deck:
    """The slides of one deck, in order."""

    meta: DeckMeta
    slides: tuple[Slide, ...]


@dataclass(frozen=True)
class Geometry:
    """Sizes the fitter needs, read from the master's layouts (points)."""

    body: Box
    table: Box


def build_deck(document: m.Document, brand: Brand, geometry: Geometry, measure: TextMeasure) -> Deck:
    """Plan every slide of the deck for `document`."""
    meta = document.meta
    reviewed = format_date(meta.reviewed, meta.lang)
    intro, sections = _split_sections(document.blocks)
    title = Slide("title", meta.title, 1,
                  subtitle=tuple(t for t in (meta.subtitle,
                                             f"{brand.name} · {LABELS['version']} {meta.version}, {LABELS['reviewed_lower']} {reviewed}") if t),
                  notes=_notes_of(intro))
    slides: list[Slide] = [title]
    if meta.summary:
        slides.append(Slide("content", LABELS["main_message"], 1,
                            bullets=(Bullet((Run(meta.summary, bold=True),), plain=True),)))
    for heading, blocks in sections:
        if heading.level == 1:
            slides.append(Slide("section", _text(heading.content), heading.line, notes=_notes_of(blocks)))
        else:
            slides.extend(_section_slides(heading, blocks, brand))
    slides.append(_closing(brand, document.footnotes))
    fitted = tuple(s for slide in slides for s in _fit(slide, geometry, measure))
    deck_meta = DeckMeta(title=meta.title, author=brand.name, subject=meta.summary or meta.subtitle,
                         lang=meta.lang, keywords=f"{meta.id}; version {meta.version}")
    return Deck(deck_meta, fitted)


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


@dataclass
class _Draft:
    """A slide being filled while a section's blocks are read."""

    kind: SlideKind
    line: int
    bullets: list[Bullet] = field(default_factory=list)
    table: TableSpec | None = None
    picture: PictureSpec | None = None
    callout: CalloutSpec | None = None
    notes: list[str] = field(default_factory=list)


def _section_slides(heading: m.Heading, blocks: m.Blocks, brand: Brand) -> list[Slide]:
    """The slides of one `##` section, in source order."""
    title = _text(heading.content)
    drafts: list[_Draft] = [_Draft("content", heading.line)]

    def current(kind: SlideKind, line: int) -> _Draft:
        last = drafts[-1]
        empty = not (last.bullets or last.table or last.picture or last.callout)
        if empty or (kind == "content" and last.kind == "content"):
            last.kind = kind if empty else last.kind
            return last
        drafts.append(_Draft(kind, line))
        return drafts[-1]

    for block in blocks:
        if isinstance(block, m.BulletList):
            current("content", block.line).bullets.extend(_bullets(block, 0))
        elif isinstance(block, m.Heading):
            current("content", block.line).bullets.append(Bullet((Run(_text(block.content), bold=True),), plain=True))
        elif isinstance(block, m.Table):
            current("table", block.line).table = TableSpec(
                tuple(_text(c) for c in block.header), tuple(tuple(_text(c) for c in row) for row in block.rows))
        elif isinstance(block, m.Figure):
            image = block.image
            current("picture", block.line).picture = PictureSpec(image.src, image.alt, image.title)
        elif isinstance(block, m.Container) and block.kind == "callout":
            draft = current("callout", block.line)
            if draft.kind != "callout":  # bullets came first: the callout gets its own slide
                draft = _Draft("callout", block.line)
                drafts.append(draft)
            kind, heading_text = block.args[0], callout_title(block)
            draft.line = block.line  # errors about the box point at the box
            draft.callout = CalloutSpec(kind, heading_text, brand.callout_colour(kind))
            draft.bullets = [Bullet((Run(heading_text, bold=True),), plain=True), *_callout_text(block.blocks)]
            drafts.append(_Draft("content", block.line))
        elif isinstance(block, m.Break):
            drafts.append(_Draft("content", block.line))
        else:
            drafts[-1].notes.extend(_notes_of((block,)))
    drafts = _merge_notes_only(drafts)
    return [
        Slide(d.kind, title if i == 0 else f"{title} {CONTINUED}", d.line, bullets=tuple(d.bullets),
              table=d.table, picture=d.picture, callout=d.callout, notes=tuple(d.notes))
        for i, d in enumerate(drafts)
    ]


def _merge_notes_only(drafts: list[_Draft]) -> list[_Draft]:
    """Drafts holding only notes give them to the slide before; empty drafts go."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.bullets or draft.table or draft.picture:
            kept.append(draft)
        elif draft.notes and kept:
            kept[-1].notes.extend(draft.notes)
        elif draft.notes:
            kept.append(draft)
    return kept or drafts[:1]


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
    return tuple(notes)


def _closing(brand: Brand, footnotes: tuple[m.Footnote, ...]) -> Slide:
    contact = brand.contact
    lines = [contact.phone, contact.web, contact.email, contact.address, contact.telehealth]
    sources = tuple(f"{f.number}. " + " ".join(_notes_of(f.blocks)) for f in footnotes)
    notes = (brand.footer.crisis_line,) + ((LABELS["sources"] + ":",) + sources if sources else ())
    return Slide("closing", LABELS["questions"], 0, notes=notes,
                 bullets=(Bullet((Run(brand.name, bold=True),), plain=True),)
                 + tuple(Bullet((Run(t),), plain=True) for t in lines if t)
                 + (Bullet((Run(brand.footer.crisis_line, bold=True),), plain=True),))


def _fit(slide: Slide, geometry: Geometry, measure: TextMeasure) -> list[Slide]:
    """The slide, continued over as many "(cont.)" slides as its content needs."""
    try:
        return _continue(slide, geometry, measure)
    except TooLong as err:
        what = "bullet" if slide.bullets else "table row"
        raise KapdocsError(f"slide “{slide.title}”: {what} {err.index + 1} does not fit on a slide even at "
                           f"{MIN_SIZE:g} pt", line=slide.line, hint="shorten it or split it in two") from None


def _continue(slide: Slide, geometry: Geometry, measure: TextMeasure) -> list[Slide]:
    if slide.callout:
        inner = Box(geometry.body.width - 2 * CALLOUT_PADDING, geometry.body.height - 2 * CALLOUT_PADDING)
        try:
            pages, size = paginate_bullets([(b.text, b.level, b.plain) for b in slide.bullets], inner, measure)
            fits = len(pages) == 1
        except TooLong:
            fits = False
        if not fits:
            raise KapdocsError(f"callout “{slide.callout.title}” is too long for one slide", line=slide.line,
                               hint="keep a callout to a few short lines; put the rest in the section")
        height = sum(bullet_height(b.text, b.level, size, inner, measure, b.plain) for b in slide.bullets)
        return [replace(slide, size=size, text_height=round(height, 1))]
    if slide.bullets and slide.kind in ("content", "closing"):
        pages, size = paginate_bullets([(b.text, b.level, b.plain) for b in slide.bullets], geometry.body, measure)
        chunks = [tuple(slide.bullets[i] for i in page) for page in pages]
    elif slide.table:
        pages, size = paginate_rows(slide.table.header, slide.table.rows, geometry.table, measure)
        chunks = [replace(slide.table, rows=tuple(slide.table.rows[i] for i in page)) for page in pages]
    else:
        return [slide]
    out = []
    for i, chunk in enumerate(chunks):
        title = slide.title if i == 0 or slide.title.endswith(CONTINUED) else f"{slide.title} {CONTINUED}"
        part = replace(slide, title=title, size=size, notes=slide.notes if i == 0 else ())
        out.append(replace(part, table=chunk) if slide.table else replace(part, bullets=chunk))
    return out


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
