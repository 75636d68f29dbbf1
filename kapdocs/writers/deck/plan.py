"""Document (deck branch) + Brand + master → Deck: which slides, which layout, what text, what notes.

Pure Python, no PowerPoint: every decision about the deck is made here and can be tested
without opening a file. `##` starts a slide, `#` a section header slide, `---` a continuation;
lists become bullets, tables native tables, figures pictures, stats tiles or native charts,
steps process shapes, faq question/answer slides, columns the two-content layout and
definition lists a glossary slide; prose and `::: notes` become the speaker notes, so the
presenter holds the whole patient explanation. Each slide is then placed on a layout of the
master and its text fitted (place.py): content that does not fit its placeholder is set denser,
then split at its sub-ideas, each part titled by what it holds (never "(cont.)"), and what
cannot fit at all is an error naming the source line. Every content slide gets speaker notes:
its prose (a sentence leading into a list with the list), else what it shows written out; the
title slide and the agenda get the deck's parts read out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kapdocs import model as m
from kapdocs.brand.schema import Brand
from kapdocs.i18n.language import format_date, joined, phrase_separator, text_direction, with_colon, without_end_punctuation
from kapdocs.i18n.labels import callout_title, draft_stamp, labels
from kapdocs.errors import KapdocsError
from kapdocs.writers.deck.fit import INSET_X, TextMeasure, deck_measure
from kapdocs.writers.deck.layouts import MasterInfo
from kapdocs.writers.deck.place import Placer, fit
from kapdocs.writers.deck.slides import (FRAMING, AgendaSlide, Bullet, CalloutSlide, CalloutSpec, ChartSlide, ChartSpec,
                                        ClosingSlide, ColumnsSlide, ContentSlide, Deck, DeckMeta, PictureSlide,
                                        PictureSpec, Run, SectionSlide, Slide, StatSpec, StatsSlide, StepSpec,
                                        StepsSlide, TableSlide, TableSpec, TitleSlide)


def build_deck(document: m.Document, brand: Brand, master: MasterInfo, measure: TextMeasure) -> Deck:
    """Plan every slide of the deck for `document` on `master`."""
    meta = document.meta
    text = brand.labels or labels(meta.lang)
    reviewed = text["not_reviewed"].lower() if meta.unreviewed else \
        f"{text['reviewed_lower']} {format_date(meta.reviewed, meta.lang)}"
    intro, sections = _split_sections(document.blocks)
    if sections and sections[0][0].level == 1 and _same_words(_text(sections[0][0].content), meta.title):
        # An article's leading `# Title` restates the front matter's: it is the title slide, not a section.
        intro, sections = intro + sections[0][1], sections[1:]
    version = f"{brand.name} · {text['version']} {meta.version}{phrase_separator(meta.lang)}{reviewed}"
    title = TitleSlide(title=meta.title, line=1, notes=_title_notes(meta, intro, sections, text),
                       subtitle=tuple(t for t in (meta.subtitle, version) if t))
    placer = Placer(master, right_to_left=text_direction(meta.lang) == "rtl", lang=meta.lang)
    line = _title_line(brand, meta.lang, measure, placer)
    slides: list[Slide] = [title]
    if meta.summary:
        slides.append(ContentSlide(title=text["main_message"], line=1, notes=(meta.summary,),
                                   bullets=(Bullet((Run(meta.summary, bold=True),), plain=True),)))
    if meta.agenda:
        slides.append(_agenda(sections, text, meta.lang))
    number = 0
    for heading, blocks in sections:
        if heading.level == 1:
            number += 1
            slides.append(SectionSlide(title=_text(heading.content), line=heading.line, notes=_notes_of(blocks),
                                       requested_layout=m.attr(heading, "layout"), number=number,
                                       lead=_lead_line(blocks)))
        else:
            slides.extend(_section_slides(heading, blocks, brand, text, line))
    slides.append(_closing(brand, meta, document.footnotes, text))
    fitted = tuple(_spoken(s) for slide in slides for s in fit(placer.place(slide), measure, placer))
    deck_meta = DeckMeta(title=meta.title, author=brand.name, subject=meta.summary or meta.subtitle,
                         lang=meta.lang, keywords=f"{meta.id}; version {meta.version}",
                         draft=draft_stamp(meta, text))
    return Deck(deck_meta, fitted, tuple(dict.fromkeys(placer.warnings)))


#: The size the generated master sets slide titles at (bold, in the deck's heading font); a
#: part's title is measured at it to keep it to one line.
TITLE_SIZE = 36.0


@dataclass(frozen=True)
class _TitleLine:
    """Whether a title fits on one line of the content layout's title box, and the language that
    joins a section's title and its part's name."""

    measure: TextMeasure
    width: float
    lang: str

    def fits(self, title: str) -> bool:
        return self.measure.lines(title, TITLE_SIZE, self.width - 2 * INSET_X, bold=True) == 1


def _title_line(brand: Brand, lang: str, body: TextMeasure, placer: Placer) -> _TitleLine:
    """Titles measured in the deck's heading font (in its body font where the heading font is
    not installed) across the content layout's title box (the slide, less margins, without one)."""
    try:
        measure = deck_measure(brand.fonts.deck_heading, lang)
    except KapdocsError:
        measure = body
    box = placer.choice("content").layout.title
    return _TitleLine(measure, box.box.width if box else placer.master.width * 0.9, lang)


def _lead_line(blocks: m.Blocks) -> str:
    """Why a `#` section matters, in one line: the first sentence of the section's own first
    paragraph (under the `#`, before its first `##`), "" when it has none. A sentence taken from
    one of its slides would be a detail, not the point of the section."""
    paragraph = next(_paragraphs(blocks), None)
    return _first_sentence(_text(paragraph.content)) if paragraph is not None else ""


def _paragraphs(blocks: m.Blocks):
    """The paragraphs of `blocks` in reading order, inside containers too (not in `::: notes`)."""
    for block in blocks:
        if isinstance(block, m.Paragraph):
            yield block
        elif isinstance(block, m.Container) and block.kind != "notes":
            yield from _paragraphs(block.blocks)


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


def _parts(sections: list[tuple[m.Heading, m.Blocks]]) -> dict[str, str]:
    """The parts of the deck, each with why it matters (a `#` section's first sentence, or ""):
    its `#` sections, or its `##` slides when it has none."""
    top = min((h.level for h, _ in sections), default=2)
    parts: dict[str, str] = {}
    for heading, blocks in sections:
        if heading.level == top:
            parts.setdefault(_text(heading.content), _lead_line(blocks) if top == 1 else "")
    return parts


def _read_out(parts: dict[str, str]) -> tuple[str, ...]:
    """The parts as a presenter reads them out: numbered, each with why it matters."""
    return tuple(f"{n}. {title}" + (f" — {lead}" if lead else "") for n, (title, lead) in enumerate(parts.items(), 1))


def _agenda(sections: list[tuple[m.Heading, m.Blocks]], text: dict[str, str], lang: str) -> AgendaSlide:
    """The parts of the deck, numbered; its notes read them out, each with why it matters."""
    parts = _parts(sections)
    return AgendaSlide(title=text["agenda"], line=1, notes=(with_colon(text["agenda"], lang),) + _read_out(parts),
                       bullets=tuple(Bullet((Run(t),), numbered=True) for t in parts))


def _title_notes(meta: m.Meta, intro: m.Blocks, sections: list[tuple[m.Heading, m.Blocks]],
                 text: dict[str, str]) -> tuple[str, ...]:
    """What the presenter says over the title slide: the source's opening prose, else the deck's
    title, subtitle and key message; then what the session covers, its parts read out."""
    opening = _notes_of(intro) or (" — ".join(t for t in (meta.title, meta.subtitle) if t),) + (
        (joined(text["main_message"], meta.summary, meta.lang),) if meta.summary else ())
    parts = _read_out(_parts(sections))
    return opening + ((with_colon(text["agenda"], meta.lang),) + parts if parts else ())


@dataclass
class _Draft:
    """A slide being filled while a section's blocks are read."""

    kind: type[Slide]  # the kind of slide it becomes
    line: int
    bullets: list[Bullet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parts: dict = field(default_factory=dict)  # table, picture, callout, stats, chart, steps, columns
    key_points: list[Bullet] = field(default_factory=list)  # each paragraph's lead-in, for prose-only slides

    @property
    def empty(self) -> bool:
        return not (self.bullets or self.parts)


class _Section:
    """Reads one `##` section's blocks into drafts, in source order."""

    def __init__(self, heading: m.Heading, brand: Brand, text: dict[str, str], line: _TitleLine):
        self.heading = heading
        self.line = line
        self.brand = brand
        self.text = text
        self.drafts: list[_Draft] = [_Draft(ContentSlide, heading.line)]

    def current(self, kind: type[Slide], line: int) -> _Draft:
        """The draft to add to: the last one if it can take `kind`, else a new one."""
        last = self.drafts[-1]
        if last.empty:
            last.kind = kind  # keeps its line: the heading's, for the first slide of a section
            return last
        if kind is ContentSlide and last.kind is ContentSlide:
            return last
        self.drafts.append(_Draft(kind, line))
        return self.drafts[-1]

    def alone(self, kind: type[Slide], line: int, **parts) -> _Draft:
        """A slide of its own (a box, a chart, a glossary); what follows starts a new one."""
        draft = self.current(kind, line)
        if not draft.empty and draft.kind is ContentSlide and kind is ContentSlide:
            draft = _Draft(kind, line)
            self.drafts.append(draft)
        draft.line = line  # errors about the box or chart point at it
        draft.parts.update(parts)
        self.drafts.append(_Draft(ContentSlide, line))
        return draft

    def read(self, blocks: m.Blocks) -> None:
        """Each block into the drafts. A paragraph that leads into a list (“To make the most of
        the window:”) keeps the list after it in the notes: the list is on a slide, but the
        presenter reads the sentence with it."""
        lead_in: _Draft | None = None
        for block in blocks:
            if lead_in is not None and isinstance(block, m.BulletList):
                lead_in.notes.extend(_notes_of((block,)))
            self.block(block)
            lead_in = self.drafts[-1] if isinstance(block, m.Paragraph) and _leads_in(block) else None

    def block(self, block: m.Block) -> None:
        if isinstance(block, m.BulletList):
            self.current(ContentSlide, block.line).bullets.extend(_bullets(block, 0))
        elif isinstance(block, m.Heading):
            self.current(ContentSlide, block.line).bullets.append(_lead(block.content))
        elif isinstance(block, m.Table):
            self.current(TableSlide, block.line).parts["table"] = TableSpec(
                tuple(_text(c) for c in block.header), tuple(tuple(_text(c) for c in row) for row in block.rows))
        elif isinstance(block, m.Figure):
            image = block.image
            self.current(PictureSlide, block.line).parts["picture"] = PictureSpec(image.src, image.alt, image.title)
        elif isinstance(block, m.DefinitionList):
            self.alone(ContentSlide, block.line).bullets.extend(
                Bullet((Run(_text(d.term), bold=True), Run(" — "), *_runs(_first_paragraph(d.blocks))), plain=True)
                for d in block.items)
        elif isinstance(block, m.Container) and hasattr(self, f"container_{block.kind}"):
            getattr(self, f"container_{block.kind}")(block)
        elif isinstance(block, m.Break):
            self.drafts.append(_Draft(ContentSlide, block.line))
        else:
            self.drafts[-1].notes.extend(_notes_of((block,)))
            if isinstance(block, m.Paragraph):
                self.drafts[-1].key_points.append(_key_point(block.content))

    def container_callout(self, block: m.Container) -> None:
        kind, heading_text = block.args[0], callout_title(block, self.text)
        draft = self.alone(CalloutSlide, block.line, callout=CalloutSpec(kind, heading_text, self.brand.callout_colour(kind)))
        draft.bullets = [Bullet((Run(heading_text, bold=True),), plain=True), *_callout_text(block.blocks)]

    def container_stats(self, block: m.Container) -> None:
        stats = m.stats_of(block)
        title = block.args[0] if block.args else ""
        chart = m.attr(block, "chart")
        if chart:
            spec = ChartSpec(chart, title, tuple(_text(s.label) for s in stats), tuple(s.number or 0 for s in stats),
                             all(s.value.endswith("%") for s in stats), m.chart_description(chart, title, stats, self.text))
            self.alone(ChartSlide, block.line, chart=spec)
        else:
            draft = self.alone(StatsSlide, block.line, stats=tuple(StatSpec(s.value, _text(s.label)) for s in stats))
            draft.notes.extend(f"{s.value} {_text(s.label)}" for s in stats)

    def container_steps(self, block: m.Container) -> None:
        steps = tuple(StepSpec(_text(s.title), _text(s.text)) for s in m.steps_of(block))
        draft = self.alone(StepsSlide, block.line, steps=steps)
        # Kept as numbered bullets too: the fitter falls back to them when the shapes cannot hold the text.
        draft.bullets = [Bullet((Run(s.title, bold=True), Run(" " + s.text if s.text else "")), numbered=True)
                         for s in steps]

    def container_faq(self, block: m.Container) -> None:
        draft = self.current(ContentSlide, block.line)
        for question in m.questions_of(block):
            draft.bullets.append(_lead(question.question))
            draft.bullets.extend(Bullet(_runs(b.content), plain=True) for b in question.answer
                                 if isinstance(b, m.Paragraph))
            draft.bullets.extend(b for lst in question.answer if isinstance(lst, m.BulletList) for b in _bullets(lst, 0))

    def container_form(self, block: m.Container) -> None:
        """Not fields but a walk-through for staff: each field's label as a bullet, the choices of a
        checkbox list under it, and the help patients read in the speaker notes."""
        draft = self.current(ContentSlide, block.line)
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
        draft = self.alone(ColumnsSlide, block.line, columns=tuple(columns))
        draft.notes.extend(notes)

    def container_notes(self, block: m.Container) -> None:
        self.drafts[-1].notes.extend(_notes_of(block.blocks))

    def slides(self) -> list[Slide]:
        title = _text(self.heading.content)
        layout = m.attr(self.heading, "layout")
        drafts = _merge_notes_only(self.drafts)
        for draft in drafts:
            if draft.kind is ContentSlide and draft.empty:  # prose only: its key points go on the slide
                draft.bullets.extend(draft.key_points[:MAX_KEY_POINTS])
        return [_slide_of(d, title if i == 0 else _part_title(title, d, self.line, self.text["required"]),
                          layout if i == 0 else "") for i, d in enumerate(drafts)]


def _part_title(title: str, draft: _Draft, line: _TitleLine, required: str = "") -> str:
    """The title of a section's second and later slides (never "(cont.)"): the section's and the
    sub-idea the slide shows, joined with the language's colon (“预期反应：员工应对”), its
    name without the full stop or colon it ends with in any script; the part's name alone where
    both would not fit on one line of the title box (measured, not counted: a Chinese character
    is twice as wide as a Latin letter), the section's alone where the part has no short name."""
    name = without_end_punctuation(_part_name(draft, required))
    if not name:
        return title
    full = joined(title, name, line.lang)
    if line.fits(full):
        return full
    return next((short for short in (name, _without_asides(name)) if short and line.fits(short)), title)


def _without_asides(name: str) -> str:
    """A name without what it says in brackets: “Standard antidepressants (SSRIs) · Ketamine” →
    “Standard antidepressants · Ketamine”."""
    return re.sub(r"\s*[(（][^()（）]*[)）]", "", name).strip()


def _part_name(draft: _Draft, required: str = "") -> str:
    """What a later slide of a section shows: a `###` heading it starts with (taken out of its
    body, as it becomes the title), a box's or chart's title, a picture's caption, a table's
    columns, the steps' first and last, its first point where it fits on the title's line
    (a form's first question, without its "(required)" mark)."""
    parts = draft.parts
    name = ""
    if draft.kind is ContentSlide and len(draft.bullets) > 1 and draft.bullets[0].keep:
        name = draft.bullets.pop(0).text
    elif "callout" in parts:
        name = parts["callout"].title
    elif "chart" in parts:
        name = parts["chart"].title
    elif "picture" in parts:
        name = parts["picture"].caption or parts["picture"].alt
    elif "table" in parts:
        header = parts["table"].header
        name = " · ".join(h for h in header[1:] if h) or header[0]
    elif "steps" in parts:
        steps = parts["steps"]
        first, last = (without_end_punctuation(s.title) for s in (steps[0], steps[-1]))
        name = f"{first} – {last}" if len(steps) > 1 else first
    elif draft.kind is ColumnsSlide:
        name = " · ".join(c[0].text for c in parts["columns"] if c and c[0].keep)
    elif draft.bullets:
        # A form's question is named without its "(required)" mark.
        first = "".join(r.text for r in draft.bullets[0].runs if not required or r.text.strip() != required.strip())
        name = first  # named by it only where it fits on the title's line (_part_title)
    return name


#: The kinds of slide whose bullets a draft fills (the others hold one table, picture, chart, …).
BULLETED = (ContentSlide, CalloutSlide, StepsSlide)


def _slide_of(draft: _Draft, title: str, requested_layout: str) -> Slide:
    """The slide a draft becomes."""
    bullets = {"bullets": tuple(draft.bullets)} if draft.kind in BULLETED else {}
    return draft.kind(title=title, line=draft.line, notes=tuple(draft.notes), requested_layout=requested_layout,
                      **bullets, **draft.parts)


def _section_slides(heading: m.Heading, blocks: m.Blocks, brand: Brand, text: dict[str, str],
                    line: _TitleLine) -> list[Slide]:
    """The slides of one `##` section, in source order."""
    section = _Section(heading, brand, text, line)
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


#: A prose-only slide shows at most this many key points (the rest stay in the notes).
MAX_KEY_POINTS = 4
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def _key_point(content: m.Inlines) -> Bullet:
    """A paragraph's point on a slide: its bold lead-in if it opens with one, else its first sentence."""
    if content and isinstance(content[0], m.Strong):
        return Bullet((Run(_text(content[0].children).strip().rstrip(":.").strip(), bold=True),))
    return Bullet((Run(_first_sentence(_text(content))),))


def _leads_in(paragraph: m.Paragraph) -> bool:
    """Whether a paragraph introduces what follows it: it ends with a colon, in any script."""
    return _text(paragraph.content).endswith((":", "：", "؛"))


def _first_sentence(text: str) -> str:
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _spoken(slide: Slide) -> Slide:
    """A content slide without notes from its source gets what it shows, written out: its
    points, a table's rows, a picture's or chart's description. The deck's framing slides
    (title, agenda, dividers, closing) are given theirs where they are made: the title slide
    and the agenda read the deck's parts out, the closing slide has the crisis line."""
    if slide.kind in FRAMING or slide.notes:
        return slide
    return replace(slide, notes=_shown(slide))


def _shown(slide: Slide) -> tuple[str, ...]:
    """What a slide shows, as lines of text for its speaker notes."""
    match slide:
        case TableSlide(table=table):
            return tuple("; ".join(f"{h}: {c}" if h else c for h, c in zip(table.header, row)) for row in table.rows)
        case PictureSlide(picture=picture):
            return tuple(t for t in (picture.alt, picture.caption) if t)
        case ChartSlide(chart=chart):
            return (chart.alt,)
        case StatsSlide(stats=stats):
            return tuple(f"{s.value} {s.label}" for s in stats)
        case ColumnsSlide(columns=columns):
            return tuple(_said(b) for column in columns for b in column)
    return tuple(_said(b) for b in getattr(slide, "bullets", ()))


def _said(bullet: Bullet) -> str:
    return bullet.text if bullet.plain else "• " + bullet.text


def _same_words(one: str, other: str) -> bool:
    """Whether two titles say the same, whatever their case and spacing."""
    return one.casefold().split() == other.casefold().split()


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


def _closing(brand: Brand, meta: m.Meta, footnotes: tuple[m.Footnote, ...], text: dict[str, str]) -> ClosingSlide:
    """Questions?, the deck's key message, the clinic's contact lines and crisis line, the
    sources in the notes; the QR code beside them leads to the handout where the brand says
    where handouts are published (`handout_url`), else to the brand's QR target."""
    summary = meta.summary
    qr = brand.handout_url.replace("{id}", meta.id).replace("{lang}", meta.lang) if brand.handout_url else (
        brand.qr.target if brand.qr else "")
    contact = brand.contact
    lines = [contact.phone, contact.web, contact.email, contact.address, contact.telehealth]
    sources = tuple(f"{f.number}. " + " ".join(_notes_of(f.blocks)) for f in footnotes)
    notes = (brand.footer.crisis_line,) + ((text["sources"] + ":",) + sources if sources else ())
    return ClosingSlide(title=text["questions"], line=0, notes=notes, qr=qr, qr_alt=f"{text['qr_code']}: {qr}" if qr else "",
                        bullets=((Bullet((Run(summary),), plain=True),) if summary else ())
                        + (Bullet((Run(brand.name, bold=True),), plain=True),)
                        + tuple(Bullet((Run(t),), plain=True) for t in lines if t)
                        + (Bullet((Run(brand.footer.crisis_line, bold=True),), plain=True),))


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
