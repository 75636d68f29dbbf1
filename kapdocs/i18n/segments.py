"""Translation segments: the units a translator works on, and the walk that finds them.

A segment is a whole title, paragraph, list item, table cell, term, alt text or caption, with
its inline markup written as Markdown (`*em*`, `**strong**`, `` `code` ``, `[text](url)`,
`[^1]`), so markup stays inside the segment and the translator can move it with the words.
Brand variables (`{{ clinic.phone }}`) stay as they are: they are filled in after translation.
Extraction and translation use the same walk, so they always agree on what a segment is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from kapdocs import model as m

#: Changes one segment: (text, source line) → replacement text. Used both to collect and to translate.
Change = Callable[[str, int], str]
#: Turns translated Markdown text back into inline content: (text, line) → Inlines.
Parse = Callable[[str, int], m.Inlines]


@dataclass(frozen=True)
class Segment:
    """One message for translators: its text and where it comes from."""

    text: str
    line: int


def segments_of(document: m.Document) -> list[Segment]:
    """Every segment of a document (all output branches), in source order, each once."""
    found: dict[str, Segment] = {}

    def collect(text: str, line: int) -> str:
        if text.strip() and text not in found:
            found[text] = Segment(text, line)
        return text

    map_segments(document, collect, lambda text, line: ())
    return list(found.values())


def map_segments(document: m.Document, change: Change, parse: Parse) -> m.Document:
    """The document with `change` applied to every segment; `parse` reads changed inline text back."""

    def inlines(content: m.Inlines, line: int) -> m.Inlines:
        text = to_markdown(content)
        new = change(text, line)
        return content if new == text else parse(new, line)

    def plain(text: str, line: int) -> str:
        return change(text, line) if text.strip() else text

    def blocks(items: m.Blocks) -> m.Blocks:
        return tuple(block(b) for b in items)

    def block(b: m.Block) -> m.Block:
        if isinstance(b, (m.Heading, m.Paragraph)):
            return replace(b, content=inlines(b.content, b.line))
        if isinstance(b, m.BulletList):
            return replace(b, items=tuple(replace(i, blocks=blocks(i.blocks)) for i in b.items))
        if isinstance(b, m.Table):
            return replace(b, header=tuple(inlines(c, b.line) for c in b.header),
                           rows=tuple(tuple(inlines(c, b.line) for c in row) for row in b.rows))
        if isinstance(b, m.Figure):
            image = b.image
            return replace(b, image=replace(image, alt=plain(image.alt, b.line), title=plain(image.title, b.line)))
        if isinstance(b, m.DefinitionList):
            return replace(b, items=tuple(replace(d, term=inlines(d.term, d.line), blocks=blocks(d.blocks))
                                          for d in b.items))
        if isinstance(b, m.Container):
            return replace(b, args=_container_args(b, plain), blocks=blocks(b.blocks))
        if isinstance(b, m.BlockQuote):
            return replace(b, blocks=blocks(b.blocks))
        return b  # code blocks and breaks are not translated

    meta = document.meta
    meta = replace(meta, title=plain(meta.title, 1), subtitle=plain(meta.subtitle, 1), summary=plain(meta.summary, 1))
    body = blocks(document.blocks)
    # A publication keeps the title it was published under; a written note is translated.
    footnotes = tuple(f if f.source else replace(f, blocks=blocks(f.blocks)) for f in document.footnotes)
    return replace(document, meta=meta, blocks=body, footnotes=footnotes)


def _container_args(block: m.Container, plain: Callable[[str, int], str]) -> tuple[str, ...]:
    """A block's visible title: `::: callout KIND "Title"`, `::: stats "Title"`, `::: form "Title"`.
    Paths and kinds are not text."""
    args = block.args
    if block.kind == "callout" and len(args) == 2:
        return (args[0], plain(args[1], block.line))
    if block.kind in ("stats", "form") and args:
        return (plain(args[0], block.line),)
    return args


# ---- inline content ⇄ Markdown text -------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]])")


def to_markdown(content: m.Inlines) -> str:
    """Inline content as the Markdown a translator sees (and writes back)."""
    out = []
    for node in content:
        if isinstance(node, m.Text):
            out.append(_SPECIAL.sub(r"\\\1", node.text))
        elif isinstance(node, m.Emph):
            out.append(f"*{to_markdown(node.children)}*")
        elif isinstance(node, m.Strong):
            out.append(f"**{to_markdown(node.children)}**")
        elif isinstance(node, m.Code):
            out.append(f"`{node.text}`")
        elif isinstance(node, m.Link):
            out.append(f"[{to_markdown(node.children)}]({node.href})")
        elif isinstance(node, m.Image):
            out.append(f"![{node.alt}]({node.src})")
        elif isinstance(node, m.FootnoteRef):
            out.append(f"[^{node.number}]")
        elif isinstance(node, m.LineBreak):
            out.append("\\\n")
    return "".join(out)


VARIABLE = re.compile(r"\{\{\s*[\w.]+\s*\}\}")
_MARKUP = re.compile(r"\*\*|\*|`[^`]*`|\]\([^)]*\)|\[\^\d+\]|\{\{\s*[\w.]+\s*\}\}|\|")


def markup_of(text: str) -> Counter:
    """What must survive translation: emphasis marks, code, link targets, footnotes, variables, `|`."""
    unescaped = re.sub(r"\\.", "", text)
    return Counter(token if not token.startswith("`") else "`code`" for token in _MARKUP.findall(unescaped))


def markup_difference(source: str, translation: str) -> str:
    """A description of how the translation's markup differs from the source's ("" if it does not)."""
    want, got = markup_of(source), markup_of(translation)
    missing, extra = want - got, got - want
    parts = [f"missing {', '.join(f'`{t}`' for t in sorted(missing))}"] if missing else []
    parts += [f"extra {', '.join(f'`{t}`' for t in sorted(extra))}"] if extra else []
    return "; ".join(parts)
