"""The document model: frozen dataclasses that every stage reads and none changes.

A Document is its front matter (Meta) plus a tuple of blocks. Blocks are the usual Markdown
blocks plus one generic Container for every `:::` block; a new content feature is a new
container kind, not a new node type. Each block keeps the source line it came from, so later
stages can name file and line in their errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Union

# ---- inline content ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasised (italic) inline content."""

    children: Inlines


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised (bold) inline content."""

    children: Inlines


@dataclass(frozen=True)
class Code:
    """Inline code."""

    text: str


@dataclass(frozen=True)
class Link:
    """A hyperlink around inline content."""

    href: str
    children: Inlines


@dataclass(frozen=True)
class Image:
    """An image; `src` is relative to the source file until transforms resolve it."""

    src: str
    alt: str
    title: str = ""


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to footnote number `number` (1-based, in order of first use)."""

    number: int


@dataclass(frozen=True)
class LineBreak:
    """A hard line break."""


Inline = Union[Text, Emph, Strong, Code, Link, Image, FootnoteRef, LineBreak]
Inlines = tuple[Inline, ...]

# ---- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading; `anchor` is the section id used by includes and HTML ids."""

    level: int
    content: Inlines
    anchor: str
    line: int
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content."""

    content: Inlines
    line: int


@dataclass(frozen=True)
class ListItem:
    """One list item: blocks (paragraphs, nested lists)."""

    blocks: Blocks
    line: int
    # A form field's `{kind required name=…}`, read off its text so translators never see it.
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BulletList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    ordered: bool
    line: int
    start: int = 1


Align = Literal["left", "center", "right", ""]


@dataclass(frozen=True)
class Table:
    """A table with one header row; `aligns` gives each column's alignment."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    aligns: tuple[Align, ...]
    line: int


@dataclass(frozen=True)
class Figure:
    """A paragraph holding only an image: a figure, captioned by the image's title."""

    image: Image
    line: int


@dataclass(frozen=True)
class BlockQuote:
    """A block quote."""

    blocks: Blocks
    line: int


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text."""

    text: str
    line: int


@dataclass(frozen=True)
class Break:
    """`---` inside a section: in a deck, starts a continuation slide."""

    line: int


@dataclass(frozen=True)
class Definition:
    """One glossary entry: a term and its definition."""

    term: Inlines
    blocks: Blocks
    line: int


@dataclass(frozen=True)
class DefinitionList:
    """Terms and definitions (`Term` / `: definition`): a glossary box or slide."""

    items: tuple[Definition, ...]
    line: int


#: Kinds of `::: callout KIND "Title"`, from least to most urgent.
CALLOUT_KINDS = ("info", "tip", "warning", "danger")


@dataclass(frozen=True)
class Container:
    """Any `::: kind args {attrs}` block: handout, deck, notes, and later kinds."""

    kind: str
    args: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...]
    blocks: Blocks
    line: int


@dataclass(frozen=True)
class Footnote:
    """A numbered footnote's text."""

    number: int
    blocks: Blocks
    line: int
    source: str = ""  # the key of the front matter's `sources` entry it prints ("" for a written note)


Block = Union[Heading, Paragraph, BulletList, Table, Figure, BlockQuote, CodeBlock, Break, Container,
              DefinitionList]
Blocks = tuple[Block, ...]

# ---- the document -------------------------------------------------------------------------

Audience = Literal["patients", "clinicians"]


@dataclass(frozen=True)
class Source:
    """A publication a claim cites: one entry of the front matter's `sources`."""

    key: str
    title: str
    publisher: str
    year: int
    url: str = ""
    doi: str = ""
    line: int = 1


@dataclass(frozen=True)
class Meta:
    """Front matter: what the document is and its document control."""

    id: str
    title: str
    lang: str
    version: str
    reviewed: dt.date
    reviewed_by: str  # "" until a named person has reviewed it: the outputs say DRAFT
    next_review: dt.date
    audience: Audience = "patients"
    subtitle: str = ""
    summary: str = ""
    agenda: bool = False
    waive: tuple[tuple[str, str], ...] = ()  # check rules waived, with the reason (rule id, reason)
    draft: bool = False  # set by translation: an incomplete translation built with --draft
    sources: tuple[Source, ...] = ()  # the publications its claims cite, by key

    @property
    def unreviewed(self) -> bool:
        """Whether no named person has reviewed this version yet."""
        return not self.reviewed_by


@dataclass(frozen=True)
class Document:
    """One source file, read: front matter, blocks, footnotes and where it came from."""

    meta: Meta
    blocks: Blocks
    footnotes: tuple[Footnote, ...] = ()
    source: Path = field(default=Path("."))

    def with_blocks(self, blocks: Blocks) -> Document:
        """A copy of this document with other blocks."""
        return replace(self, blocks=blocks)


def plain_text(content: Inlines) -> str:
    """The text of inline content, without markup (footnote marks and images dropped)."""
    parts: list[str] = []
    for node in content:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)


def child_blocks(block: Block) -> Blocks:
    """The blocks nested directly inside `block` (list items flattened)."""
    if isinstance(block, (Container, BlockQuote)):
        return block.blocks
    if isinstance(block, (BulletList, DefinitionList)):
        return tuple(b for item in block.items for b in item.blocks)
    return ()


def walk(blocks: Blocks):
    """Every block, depth first, including those nested in containers and lists."""
    for block in blocks:
        yield block
        yield from walk(child_blocks(block))


def has_form(document: Document) -> bool:
    """Whether a `::: form` stands anywhere in the document (includes resolved)."""
    return any(isinstance(block, Container) and block.kind == "form" for block in walk(document.blocks))


def inlines_of(block: Block) -> tuple[Inlines, ...]:
    """The inline runs held directly by `block` (not by its children)."""
    if isinstance(block, (Heading, Paragraph)):
        return (block.content,)
    if isinstance(block, Table):
        return block.header + tuple(cell for row in block.rows for cell in row)
    if isinstance(block, Figure):
        return ((block.image,),)
    if isinstance(block, DefinitionList):
        return tuple(item.term for item in block.items)
    return ()


def walk_inlines(content: Inlines):
    """Every inline node, depth first."""
    for node in content:
        yield node
        if isinstance(node, (Emph, Strong, Link)):
            yield from walk_inlines(node.children)


# ---- reading the content blocks -----------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """One big-number tile of `::: stats`: "41% | of sessions include dissociation"."""

    value: str  # as printed: "41%", "1 in 3"
    label: Inlines
    number: float | None  # the value as a number, for charts ("41%" → 41.0)
    line: int


@dataclass(frozen=True)
class Step:
    """One stage of `::: steps`: a bold lead-in as its title, the rest as its text."""

    title: Inlines
    text: Inlines
    line: int


@dataclass(frozen=True)
class Question:
    """One `### question` of `::: faq` and the blocks that answer it."""

    question: Inlines
    answer: Blocks
    line: int


STAT_NUMBER = re.compile(r"^[^\d+-]*([+-]?\d+(?:\.\d+)?)\s*%?\s*$")


def attr(block: Container | Heading, name: str, default: str = "") -> str:
    """The value of attribute `name` on a block, or `default`."""
    return dict(block.attrs).get(name, default)


def list_of(container: Container) -> BulletList | None:
    """The one list a stats or steps block is made of (None if it has none)."""
    return next((b for b in container.blocks if isinstance(b, BulletList)), None)


def stats_of(container: Container) -> tuple[Stat, ...]:
    """The tiles of a `::: stats` block (the reader has checked each item has a `|`)."""
    out = []
    for item in list_of(container).items:
        value, label = _split_at_bar(item.blocks[0].content)
        found = STAT_NUMBER.match(value)
        out.append(Stat(value, label, float(found.group(1)) if found else None, item.line))
    return tuple(out)


def _split_at_bar(content: Inlines) -> tuple[str, Inlines]:
    """`41% | label` → ("41%", label inlines); the value is plain text before the first `|`."""
    for i, node in enumerate(content):
        if isinstance(node, Text) and "|" in node.text:
            before, after = node.text.split("|", 1)
            value = (plain_text(content[:i]) + before).strip()
            rest = ((Text(after.lstrip()),) if after.strip() else ()) + content[i + 1:]
            return value, rest
    return "", content


def steps_of(container: Container) -> tuple[Step, ...]:
    """The stages of a `::: steps` block: each list item, its leading **bold** text as title."""
    out = []
    for item in list_of(container).items:
        content = item.blocks[0].content if item.blocks and isinstance(item.blocks[0], Paragraph) else ()
        if content and isinstance(content[0], Strong):
            title, text = content[0].children, content[1:]
            if text and isinstance(text[0], Text):
                text = ((Text(text[0].text.lstrip()),) if text[0].text.strip() else ()) + text[1:]
        else:
            title, text = content, ()
        out.append(Step(title, text, item.line))
    return tuple(out)


def questions_of(container: Container) -> tuple[Question, ...]:
    """The question/answer pairs of a `::: faq` block: each heading and the blocks up to the next."""
    out: list[Question] = []
    for block in container.blocks:
        if isinstance(block, Heading):
            out.append(Question(block.content, (), block.line))
        elif out:
            out[-1] = replace(out[-1], answer=out[-1].answer + (block,))
    return tuple(out)


def chart_description(kind: str, title: str, stats: tuple[Stat, ...], names: dict[str, str] | None = None) -> str:
    """The alt text of a stats chart, from its numbers: what a screen reader reads instead.
    `names`: the template strings of the document's language (kapdocs.i18n.labels), which name
    the kind of chart; English without them."""
    values = "; ".join(f"{plain_text(s.label).strip()}: {s.value}" for s in stats)
    name = (names or {}).get(f"chart_{kind}") or {"bar": "Bar chart", "column": "Column chart", "pie": "Pie chart"}[kind]
    return f"{name}{f' — {title}' if title else ''}. {values}."


# ---- forms ----------------------------------------------------------------------------------

#: `::: form` field kinds: what a patient fills in, and how the PDF field is made.
FIELD_KINDS = ("text", "long", "date", "phone", "yesno", "checkboxes", "signature", "ack")


@dataclass(frozen=True)
class Choice:
    """One box of a "select all that apply" list; its field is `<list name>-<choice name>`."""

    label: Inlines
    name: str


@dataclass(frozen=True)
class Field:
    """One field of a `::: form`: what the reader checked and named (the name never changes with
    the language, so a clinic system reads the same names from every translation)."""

    kind: str
    name: str
    label: Inlines
    help: Inlines
    required: bool
    lines: int  # write-on lines of a long answer
    choices: tuple[Choice, ...]
    line: int
    every_page: bool = False  # repeated in the header of every page after the first (name, date of birth)


def fields_of(container: Container) -> tuple[Field, ...]:
    """The fields of a `::: form` block: one per list item, as the reader named them."""
    out = []
    for item in list_of(container).items:
        attrs = dict(item.attrs)
        paragraphs = [b.content for b in item.blocks if isinstance(b, Paragraph)]
        nested = next((b for b in item.blocks if isinstance(b, BulletList)), None)
        choices = tuple(Choice(choice.blocks[0].content, dict(choice.attrs)["name"]) for choice in nested.items) \
            if nested else ()
        out.append(Field(attrs["kind"], attrs["name"], paragraphs[0], paragraphs[1] if len(paragraphs) > 1 else (),
                         "required" in attrs, int(attrs.get("lines", "4")), choices, item.line,
                         "every-page" in attrs))
    return tuple(out)


def form_fields(document: Document) -> tuple[Field, ...]:
    """Every field of every `::: form` in the document, in reading order."""
    return tuple(field for block in walk(document.blocks) if isinstance(block, Container) and block.kind == "form"
                 for field in fields_of(block))
