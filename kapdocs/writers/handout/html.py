"""Document (handout branch) + Brand → the HTML page WeasyPrint lays out.

The body is rendered block by block here (every text escaped); the page around it — header
band, main message, running footer — is the brand's Jinja2 template `handout.html.j2`.
The only module that imports jinja2.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from kapdocs import model as m
from kapdocs.brand.schema import Brand
from kapdocs.i18n.language import format_date, has_right_to_left, isolated, text_direction
from kapdocs.brand.kits import builtin_templates
from kapdocs.i18n.labels import callout_title, draft_stamp, labels
from kapdocs.brand.notice import NoticeLine
from kapdocs.writers.handout import PROJECT_SCHEME
from kapdocs.writers.handout.charts import ChartStyle, draw_chart, svg_can_draw
from kapdocs.writers.handout.forms import form_html


@dataclass(frozen=True)
class PageOptions:
    """Choices that change the page but not the content."""

    modified: dt.date | None = None  # the PDF's date; None = the reviewed date
    large_print: bool = False  # the large-print variant (large-print.css after the brand's CSS)
    pdf_ua: bool = False  # write a PDF/UA-1 file
    notice: tuple[NoticeLine, ...] = ()  # the language-assistance notice ending the handout


def render_handout_html(document: m.Document, brand: Brand, options: PageOptions = PageOptions(),
                        footer_only: bool = False) -> str:
    """The whole HTML page for one handout, or with `footer_only` just its running footer (for
    measuring the footer before the page is laid out)."""
    meta = document.meta
    direction = text_direction(meta.lang)
    text = brand.labels or labels(meta.lang)  # the project's own wording, when the brand was localized
    template = _environment(brand.folder, builtin_templates() / "default").get_template("handout.html.j2")
    return template.render(
        meta=meta,
        brand=brand,
        labels=text,
        draft=draft_stamp(meta, text),
        direction=direction,
        # Phone numbers, addresses and names kept whole inside right-to-left text.
        bidi=isolated if direction == "rtl" else str,
        reviewed=_date(meta.reviewed, meta.lang),
        next_review=_date(meta.next_review, meta.lang),
        modified=(options.modified or meta.reviewed).isoformat(),
        body="" if footer_only else _printed_note_marks(Markup("\n").join(_sections(document.blocks, _Writer(
            _chart_style(brand, options.large_print), text)))),
        footnotes=[] if footer_only else [_footnote(f, _Writer(_chart_style(brand), text), direction)
                                          for f in document.footnotes],
        footer_only=footer_only,
        large_print=options.large_print,
        form=m.has_form(document),
        qr=_qr(brand, labels(meta.lang)),
        notice=options.notice,
        patient_header=() if footer_only else _patient_header(document, labels(meta.lang)["required"]),
    )


def _patient_header(document: m.Document, required: str) -> tuple[tuple[Markup, str, str], ...]:
    """The label, field name and tooltip of each `every-page` field: whose a page is if it falls out.
    The tooltip is the field's own (“Full name (required)”): a PDF field has one."""
    return tuple((_inlines(field.label), field.name,
                  m.plain_text(field.label) + (f" {required}" if field.required else ""))
                 for field in m.form_fields(document) if field.every_page)


def _qr(brand: Brand, words) -> Markup | None:
    """The brand's QR code as inline SVG, if it has one (segno is imported only then: 20 ms).
    Its <title> is the Figure's /Alt in the PDF: what it is and where it leads, the site named
    by its host (PDF/UA checkers take an address with slashes in alt text for a file name)."""
    if not brand.qr:
        return None
    from urllib.parse import urlsplit

    from kapdocs.support.qr import qr_svg

    site = urlsplit(brand.qr.target).hostname or brand.qr.target
    return Markup(qr_svg(brand.qr.target, brand.colours.primary, f"{words['qr_code']}: {brand.qr.label} ({site})"))


def _date(date: dt.date, lang: str) -> Markup:
    """A date as the language writes it, marked up with its ISO form (the footer keeps it on one line)."""
    return Markup('<time datetime="{}">{}</time>').format(date.isoformat(), format_date(date, lang))


def _footnote(note: m.Footnote, writer: "_Writer", direction: str) -> tuple[int, Markup, str]:
    """(number, HTML, direction): a reference left in English reads left to right in an Arabic handout."""
    text = " ".join(m.plain_text(inlines) for block in m.walk(note.blocks) for inlines in m.inlines_of(block))
    own = "ltr" if direction == "rtl" and not has_right_to_left(text) else direction
    return note.number, writer.blocks(note.blocks), own


@lru_cache(maxsize=16)
def _environment(brand_folder: Path, default_folder: Path) -> Environment:
    """Templates come from the brand folder first, then from the default brand.

    One environment per brand per process: Jinja2 then compiles each template once (and still
    reloads a template whose file changed)."""
    loader = ChoiceLoader([FileSystemLoader(brand_folder), FileSystemLoader(default_folder)])
    environment = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["words"] = korean_words  # {{ text | words }}: Korean kept whole word by word
    environment.filters["keep_end"] = ending_kept_together  # {{ text | keep_end | words }}
    return environment


def _chart_style(brand: Brand, large_print: bool = False) -> ChartStyle:
    c = brand.colours
    return ChartStyle(colours=(c.primary, c.accent, brand.callout_colour("tip"), brand.callout_colour("warning"),
                               "#5A6673", c.crisis), text=c.text, grid="#9AA5B1",
                      font=brand.fonts.large_print if large_print else brand.fonts.body,
                      width=400.0 if large_print else 600.0)


def _sections(blocks: m.Blocks, writer: "_Writer") -> list[Markup]:
    """Blocks grouped into <section>s, one per `##` heading (blocks before the first stand alone)."""
    out: list[Markup] = []
    current: list[m.Block] = []
    anchor = ""

    def close() -> None:
        if not current:
            return
        inner = writer.blocks(tuple(current))
        if anchor:
            kind = " form-section" if any(isinstance(b, m.Container) and b.kind == "form" for b in current) else ""
            out.append(Markup('<section id="{}" class="section{}">\n{}\n</section>').format(anchor, kind, inner))
        else:
            out.append(Markup('<div class="intro">\n{}\n</div>').format(inner))

    for block in blocks:
        if isinstance(block, m.Heading) and block.level <= 2:
            close()
            current, anchor = [], block.anchor
        current.append(block)
    close()
    return out


#: Lists up to this many items are kept on one page.
SHORT_LIST = 5
#: Tables up to this many rows (under their header) are kept on one page: a comparison split
#: after its first row reads as two tables.
SHORT_TABLE = 6


def _short_class(count: int, limit: int) -> Markup:
    """` class="short"` (kept on one page by the stylesheet) for a list or table of up to `limit` items."""
    return Markup(' class="short"') if count <= limit else Markup("")


@dataclass(frozen=True)
class _Writer:
    """Blocks → HTML; holds the one brand choice the blocks need (chart colours and font)."""

    chart_style: ChartStyle
    labels: dict

    def blocks(self, blocks: m.Blocks) -> Markup:
        return Markup("\n").join(self.block(b) for b in blocks)

    def block(self, block: m.Block) -> Markup:
        if isinstance(block, m.Heading):
            tag = f"h{min(block.level, 4)}"
            return Markup("<{0}>{1}</{0}>").format(Markup(tag), _inlines(block.content))
        if isinstance(block, m.Paragraph):
            return Markup("<p>{}</p>").format(_inlines(block.content))
        if isinstance(block, m.BulletList):
            return self.list(block)
        if isinstance(block, m.Table):
            return _table(block)
        if isinstance(block, m.Figure):
            return _figure(block.image)
        if isinstance(block, m.BlockQuote):
            return Markup("<blockquote>\n{}\n</blockquote>").format(self.blocks(block.blocks))
        if isinstance(block, m.CodeBlock):
            return Markup("<pre>{}</pre>").format(block.text)
        if isinstance(block, m.Break):
            return Markup("")  # a slide break only; the handout reads on
        if isinstance(block, m.DefinitionList):
            return self.glossary(block)
        if isinstance(block, m.Container):
            kind = getattr(self, f"container_{block.kind}", None)
            if kind is not None:
                return kind(block)
            return Markup('<div class="block-{}">\n{}\n</div>').format(block.kind, self.blocks(block.blocks))
        raise TypeError(f"no HTML for {type(block).__name__}")

    def container_callout(self, block: m.Container) -> Markup:
        kind = block.args[0]
        return Markup('<aside class="callout callout-{}" role="note">\n<p class="callout-title">{}</p>\n{}\n</aside>').format(
            kind, callout_title(block, self.labels), self.blocks(block.blocks))

    def container_stats(self, block: m.Container) -> Markup:
        """Big-number tiles, or with {chart=...} an SVG chart with a caption (tiles where SVG
        cannot set the labels' script)."""
        stats = m.stats_of(block)
        title = block.args[0] if block.args else ""
        chart = m.attr(block, "chart")
        if chart and svg_can_draw(stats):
            alt = m.chart_description(chart, title, stats, self.labels)
            caption = Markup('<figcaption class="stats-title">{}</figcaption>\n').format(title) if title else Markup("")
            return Markup('<figure class="chart chart-{}">\n{}{}\n</figure>').format(
                chart, caption, draw_chart(chart, stats, self.chart_style, alt))
        tiles = Markup("\n").join(
            Markup('<li><span class="stat-value">{}</span> <span class="stat-label">{}</span></li>').format(
                s.value, _inlines(s.label)) for s in stats)
        heading = Markup('<p class="stats-title">{}</p>\n').format(title) if title else Markup("")
        return Markup('<div class="stats-block">\n{}<ul class="stats stats-{}">\n{}\n</ul>\n</div>').format(
            heading, len(stats), tiles)

    def container_steps(self, block: m.Container) -> Markup:
        """A numbered timeline: a circle per step on a line, the step's title and text beside it."""
        steps = Markup("\n").join(
            Markup('<li><p class="step-title">{}</p>{}</li>').format(
                _inlines(s.title), Markup('<p class="step-text">{}</p>').format(_inlines(s.text)) if s.text else Markup(""))
            for s in m.steps_of(block))
        return Markup('<ol class="steps">\n{}\n</ol>').format(steps)

    def container_faq(self, block: m.Container) -> Markup:
        """Each question with its answer, kept together on a page."""
        pairs = Markup("\n").join(
            Markup('<div class="qa">\n<h3 class="question">{}</h3>\n{}\n</div>').format(
                _inlines(q.question), self.blocks(q.answer)) for q in m.questions_of(block))
        return Markup('<div class="faq">\n{}\n</div>').format(pairs)

    def container_form(self, block: m.Container) -> Markup:
        return form_html(block, self.labels, _inlines)

    def container_columns(self, block: m.Container) -> Markup:
        columns = Markup("\n").join(Markup('<div class="column">\n{}\n</div>').format(self.blocks(c.blocks))
                                    for c in block.blocks)
        return Markup('<div class="columns">\n{}\n</div>').format(columns)

    def glossary(self, block: m.DefinitionList) -> Markup:
        """A definition list is a glossary: a box of terms, never split across pages."""
        entries = Markup("\n").join(
            Markup("<dt>{}</dt>\n<dd>{}</dd>").format(_inlines(d.term), self.item_body(d.blocks)) for d in block.items)
        return Markup('<aside class="glossary" aria-label="{0}">\n<p class="glossary-title">{0}</p>\n<dl>\n{1}\n</dl>\n</aside>').format(
            self.labels["glossary"], entries)

    def list(self, block: m.BulletList) -> Markup:
        items = Markup("\n").join(Markup("<li>{}</li>").format(self.item_body(item.blocks)) for item in block.items)
        short = _short_class(len(block.items), SHORT_LIST)
        if block.ordered:
            start = Markup(f' start="{block.start}"') if block.start != 1 else Markup("")
            return Markup("<ol{}{}>\n{}\n</ol>").format(short, start, items)
        return Markup("<ul{}>\n{}\n</ul>").format(short, items)

    def item_body(self, blocks: m.Blocks) -> Markup:
        """A tight item's single paragraph goes in without <p>, for even spacing."""
        if blocks and isinstance(blocks[0], m.Paragraph):
            first = _inlines(blocks[0].content)
            return Markup("\n").join([first, *(self.block(b) for b in blocks[1:])])
        return self.blocks(blocks)


def _table(block: m.Table) -> Markup:
    def cell(tag: str, content: m.Inlines, align: str) -> Markup:
        style = Markup(f' class="align-{align}"') if align else Markup("")
        return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), style, _inlines(content))

    head = Markup("").join(cell("th", c, a) for c, a in zip(block.header, block.aligns))
    rows = Markup("\n").join(
        Markup("<tr>{}</tr>").format(Markup("").join(cell("td", c, a) for c, a in zip(row, block.aligns)))
        for row in block.rows
    )
    columns = Markup("").join(Markup('<col style="width: {}%">').format(w) for w in _column_widths(block))
    short = _short_class(len(block.rows), SHORT_TABLE)
    return Markup("<table{}>\n<colgroup>{}</colgroup>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>").format(
        short, columns, head, rows)


#: About how many characters of table text fit across the text block (11.5 pt, Letter or A4).
TABLE_LINE_CHARS = 84


def _column_widths(block: m.Table) -> list[int]:
    """Percent widths: short columns get their natural width, long ones share what is left.

    Water-filling on character counts: find the cap c with sum(min(natural, c)) = line length,
    so "About 41% of sessions" stays on one line and only the long column wraps.
    """
    natural = [2 + max(_printed_chars(m.plain_text(row[i])) if i < len(row) else 0 for row in (block.header, *block.rows))
               for i in range(len(block.header))]
    cap = max(natural)
    if sum(natural) > TABLE_LINE_CHARS:
        fixed, rest = 0, sorted(natural)
        while rest and fixed + rest[0] * len(rest) <= TABLE_LINE_CHARS:
            fixed += rest.pop(0)
        cap = (TABLE_LINE_CHARS - fixed) / len(rest) if rest else cap
    weights = [min(n, cap) for n in natural]
    widths = [round(100 * w / sum(weights)) for w in weights]
    widths[-1] = 100 - sum(widths[:-1])
    return widths


def _printed_chars(text: str) -> int:
    """Characters of table text `text` takes across: a Chinese, Japanese or Korean character is as
    wide as two Latin ones, so counting it as one left their columns half as wide as they need."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _figure(image: m.Image) -> Markup:
    caption = Markup("<figcaption>{}</figcaption>").format(image.title) if image.title else Markup("")
    return Markup('<figure>\n<img src="{}" alt="{}">\n{}\n</figure>').format(PROJECT_SCHEME + image.src, image.alt,
                                                                               caption)


#: A source mark in the text: a link to its note on a web page. A word joiner (U+2060) keeps it
#: on the line of the word it marks: Chinese and Japanese break anywhere, and a stat label in
#: Chinese printed its ¹ alone on a line.
NOTE_MARK = '\u2060<sup class="fn"><a href="#fn-{0}">{0}</a></sup>'
_LINKED_MARK = re.compile(r'<sup class="fn"><a href="#fn-(\d+)">\1</a></sup>')


def _printed_note_marks(body: Markup) -> Markup:
    """The handout's source marks as plain superscript numbers, not links.

    A printed page cannot follow a link, and a link whose whole text is "1" tells a screen reader
    user nothing (PDF/UA checkers warn of it); the number leads to the same number under
    "Sources" at the end. The web handout keeps the links."""
    return Markup(_LINKED_MARK.sub(r'<sup class="fn">\1</sup>', str(body)))


def _inlines(content: m.Inlines) -> Markup:
    return Markup("").join(_inline(node) for node in content)


def _inline(node: m.Inline) -> Markup:
    if isinstance(node, m.Text):
        return korean_words(node.text)
    if isinstance(node, m.Emph):
        return Markup("<em>{}</em>").format(_inlines(node.children))
    if isinstance(node, m.Strong):
        return Markup("<strong>{}</strong>").format(_inlines(node.children))
    if isinstance(node, m.Code):
        return Markup("<code>{}</code>").format(node.text)
    if isinstance(node, m.Link):
        return Markup('<a href="{}">{}</a>').format(node.href, _inlines(node.children))
    if isinstance(node, m.Image):
        return Markup('<img class="inline" src="{}" alt="{}">').format(PROJECT_SCHEME + node.src, node.alt)
    if isinstance(node, m.FootnoteRef):
        return Markup(NOTE_MARK).format(node.number)
    if isinstance(node, m.LineBreak):
        return Markup("<br>")
    raise TypeError(f"no HTML for {type(node).__name__}")


#: Where one sentence ends and the next begins (Latin, CJK and Arabic full stops and marks).
SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？؟])\s+")
#: A last sentence this short is never broken ("Emergency: call 911."); a longer one keeps its
#: last two words together.
SHORT_SENTENCE = 24


def ending_kept_together(text: str) -> str:
    """`text` whose last line can never be a lone word: its last sentence is joined by no-break
    spaces when short, else its last two words are.

    WeasyPrint fills lines greedily; in a narrow footer the crisis line ended “Emergency: call”
    with “911.” alone on the next line, where a reader under stress can miss it."""
    last = SENTENCE_BREAK.split(text)[-1]
    words = last.split(" ")
    keep = len(words) if len(last) <= SHORT_SENTENCE else 2
    ending = " ".join(words[:-keep] + ["\u00a0".join(words[-keep:])])
    return text[: len(text) - len(last)] + ending


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def korean_words(text: str) -> Markup:
    """`text`, escaped, with each word that holds Korean kept on one line.

    Korean is broken between words, at spaces, not between any two syllables (CSS `word-break:
    keep-all`, which WeasyPrint does not have); “555-0142번으로” must not end a line at “번”."""
    if isinstance(text, Markup) or not HANGUL.search(text):
        return escape(text)
    return Markup("").join(Markup('<span class="word">{}</span>').format(part) if HANGUL.search(part) else escape(part)
                           for part in re.split(r"(\S+)", text) if part)


def handout_body(document: m.Document, brand: Brand) -> tuple[Markup, list[tuple[int, Markup, str]]]:
    """The handout's body (its sections) and its footnotes as HTML, for a page other than the PDF's."""
    direction = text_direction(document.meta.lang)
    writer = _Writer(_chart_style(brand), labels(document.meta.lang))
    body = Markup("\n").join(_sections(document.blocks, writer))
    return body, [_footnote(f, writer, direction) for f in document.footnotes]


def render_page(folder: Path, name: str, **context) -> str:
    """Template `name` from `folder` rendered with `context` (autoescaped, the handout's filters)."""
    return _environment(folder, folder).get_template(name).render(**context)
