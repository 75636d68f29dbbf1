"""A checked document → every piece of text a patient or a presenter reads, with its file and line.

The handout branch gives what a patient reads: the title, subtitle and main message, paragraphs,
list items, callouts, steps, questions and answers, glossary entries, table cells, key-number
labels, form labels and their help, and pictures' alt text. The deck branch adds the speaker
notes, which presenters read. A section included from another source keeps that source's file
name (the checker builds with `mark_includes`), so a finding there names where to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kapdocs import model as m

Kind = Literal["title", "summary", "prose", "item", "cell", "label", "alt", "note"]
#: Text that reads as running sentences: what reading scores and sentence lengths are taken on.
RUNNING = ("prose", "item")
#: A list item ends as a sentence does, or it is a fragment ("Talk therapy") the formulas skip.
SENTENCE_END = re.compile(r"[.!?؟。！？][\"”’)]*$")


@dataclass(frozen=True)
class Text:
    """One piece of text a reader sees, and where it is."""

    text: str
    file: str
    line: int
    kind: Kind
    section: str = ""  # the `##` heading it is under ("" before the first)
    section_line: int = 1
    cited: bool = False  # it carries a footnote mark: a source for what it says

    @property
    def is_sentence(self) -> bool:
        """Whether it is written as sentences (paragraphs always; list items when they end as one)."""
        return self.kind == "prose" or bool(SENTENCE_END.search(self.text.strip()))


def front_matter_lines(source: Path) -> dict[str, int]:
    """The line of each top-level front matter key, read from the source text."""
    lines: dict[str, int] = {}
    try:
        text = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return lines
    for number, line in enumerate(text[1:], 2):
        if line.startswith("---"):
            break
        if found := re.match(r"^([a-z_]+):", line):
            lines.setdefault(found.group(1), number)
    return lines


def patient_texts(document: m.Document, shown: str, meta_lines: dict[str, int]) -> list[Text]:
    """Every text of a handout a patient reads, in reading order."""
    meta = document.meta
    out = [Text(value, shown, meta_lines.get(key, 1), kind) for key, value, kind in
           (("title", meta.title, "title"), ("subtitle", meta.subtitle, "title"), ("summary", meta.summary, "summary"))
           if value]
    _Walker(out).blocks(document.blocks, shown)
    return out


def speaker_notes(document: m.Document, shown: str) -> list[Text]:
    """The deck's speaker notes (`::: notes`), paragraph by paragraph, with their files."""
    found: list[Text] = []
    _Walker(found, notes=True).blocks(document.blocks, shown)
    return [t for t in found if t.kind == "note"]


def _cited(content: m.Inlines) -> bool:
    return any(isinstance(node, m.FootnoteRef) for node in m.walk_inlines(content))


class _Walker:
    """Reads blocks into Texts, keeping the file and the `##` section each one is in."""

    def __init__(self, out: list[Text], notes: bool = False):
        self.out = out
        self.notes = notes  # inside the deck branch: collect `::: notes` as notes
        self.section = ("", 1)

    def add(self, content: m.Inlines, file: str, line: int, kind: Kind) -> None:
        text = m.plain_text(content).strip()
        if text:
            self.out.append(Text(text, file, line, kind, *self.section, cited=_cited(content)))

    def blocks(self, blocks: m.Blocks, file: str, kind: Kind = "prose") -> None:
        for block in blocks:
            self.block(block, file, kind)

    def block(self, block: m.Block, file: str, kind: Kind) -> None:
        if isinstance(block, m.Heading):
            if block.level <= 2:
                self.section = (m.plain_text(block.content), block.line)
            self.add(block.content, file, block.line, "title")
        elif isinstance(block, m.Paragraph):
            self.add(block.content, file, block.line, kind)
        elif isinstance(block, m.BulletList):
            for item in block.items:
                self.blocks(item.blocks, file, "note" if kind == "note" else "item")
        elif isinstance(block, m.DefinitionList):
            for entry in block.items:
                self.add(entry.term, file, entry.line, "label")
                self.blocks(entry.blocks, file, kind)
        elif isinstance(block, m.Table):
            for cell in block.header + tuple(c for row in block.rows for c in row):
                self.add(cell, file, block.line, "cell")
        elif isinstance(block, m.Figure):
            self.out.append(Text(block.image.alt, file, block.line, "alt", *self.section))
        elif isinstance(block, m.Container):
            self.container(block, file, kind)
        elif isinstance(block, m.BlockQuote):
            self.blocks(block.blocks, file, kind)

    def container(self, block: m.Container, file: str, kind: Kind) -> None:
        if block.kind == "included":
            self.blocks(block.blocks, block.args[0], kind)
        elif block.kind == "notes":
            if self.notes:
                self.blocks(block.blocks, file, "note")
        elif block.kind == "stats":
            for stat in m.stats_of(block):
                self.add((m.Text(stat.value + " "),) + stat.label, file, stat.line, "label")
        elif block.kind == "form":
            for field in m.fields_of(block):
                self.add(field.label, file, field.line, "label")
                self.add(field.help, file, field.line, "label")
                for choice in field.choices:
                    self.add(choice.label, file, field.line, "label")
        else:
            if block.kind == "callout" and len(block.args) > 1:
                self.out.append(Text(block.args[1], file, block.line, "label", *self.section))
            self.blocks(block.blocks, file, kind)
