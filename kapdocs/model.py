"""The document model: frozen dataclasses that every stage reads and none changes.

A Document is its front matter (Meta) plus a tuple of blocks. Blocks are the usual Markdown
blocks plus one generic Container for every `:::` block; a new content feature is a new
container kind, not a new node type. Each block keeps the source line it came from, so later
stages can name file and line in their errors.
"""

from __future__ import annotations

import datetime as dt
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


Block = Union[Heading, Paragraph, BulletList, Table, Figure, BlockQuote, CodeBlock, Break, Container]
Blocks = tuple[Block, ...]

# ---- the document -------------------------------------------------------------------------

Audience = Literal["patients", "clinicians"]


@dataclass(frozen=True)
class Meta:
    """Front matter: what the document is and its document control."""

    id: str
    title: str
    lang: str
    version: str
    reviewed: dt.date
    reviewed_by: str
    next_review: dt.date
    audience: Audience = "patients"
    subtitle: str = ""
    summary: str = ""


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
    if isinstance(block, BulletList):
        return tuple(b for item in block.items for b in item.blocks)
    return ()


def walk(blocks: Blocks):
    """Every block, depth first, including those nested in containers and lists."""
    for block in blocks:
        yield block
        yield from walk(child_blocks(block))


def inlines_of(block: Block) -> tuple[Inlines, ...]:
    """The inline runs held directly by `block` (not by its children)."""
    if isinstance(block, (Heading, Paragraph)):
        return (block.content,)
    if isinstance(block, Table):
        return block.header + tuple(cell for row in block.rows for cell in row)
    if isinstance(block, Figure):
        return ((block.image,),)
    return ()


def walk_inlines(content: Inlines):
    """Every inline node, depth first."""
    for node in content:
        yield node
        if isinstance(node, (Emph, Strong, Link)):
            yield from walk_inlines(node.children)
