"""Markdown source (CommonMark + tables, front matter, footnotes, `:::` containers) → Document.

The only module that imports markdown-it. Raw HTML, unknown containers and images without alt
text are refused here, with the file and line, before anything is written.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.readers.frontmatter import read_front_matter

#: Container kinds this version understands; each is documented in the README.
CONTAINER_KINDS = frozenset({"handout", "deck", "notes", "callout", "stats", "steps", "faq", "columns", "column",
                             "include", "form"})

#: A form field's name, as a clinic system reads it back: lowercase letters, digits and `_`.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: More boxes than this is a list nobody reads to the end (CDC Clear Communication Index: lists of 7 or fewer).
MAX_CHOICES = 7

#: `::: stats {chart=KIND}`: the charts a stats block can be drawn as.
CHART_KINDS = ("bar", "column", "pie")

#: Link targets a handout or deck may carry. Anything else (javascript:, file:) is refused.
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")

#: Levels of bullets a slide shows (the deck writer's levels 0, 1 and 2); a deeper list is refused.
MAX_LIST_DEPTH = 3
#: What a list item may hold: text and lists (a slide's bullet has nowhere to put anything else).
LIST_ITEM_BLOCKS = (m.Paragraph, m.BulletList)


def _kind_name(block: m.Block) -> str:
    """A block's kind in the writer's words: `table`, `block quote`, `::: callout block`."""
    if isinstance(block, m.Container):
        return f"`::: {block.kind}` block"
    return re.sub(r"(?<!^)([A-Z])", r" \1", type(block).__name__).lower()


ATTRS_AT_END = re.compile(r"\s*\{([^{}]*)\}\s*$")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """A markdown-it parser for kapdocs sources (raw HTML is parsed, then refused).

    Built once per process: parsing keeps its state in each call's token stream, not here."""
    # typographer: curly quotes and en dashes, as a printed handout should have them.
    md = MarkdownIt("commonmark", {"html": True, "typographer": True}).enable(["table", "replacements", "smartquotes"])
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin)
    # Let every link and image through the parser, so a refused target is an error naming the
    # line (markdown-it would otherwise leave `![x](file:///...)` as literal text, silently).
    md.validateLink = lambda url: True
    md.block.ruler.before("fence", "include_line", _include_line, {"alt": ["paragraph"]})
    md.use(container_plugin, name="block", validate=lambda params, *_: True)
    return md


ONE_LINE_INCLUDE = re.compile(r"^:{3,}\s*include\s+(\S+)\s*:{3,}\s*$")


def _include_line(state, start: int, end: int, silent: bool) -> bool:
    """`::: include PATH#id :::` on one line (the container rule would look for a closing line)."""
    begin = state.bMarks[start] + state.tShift[start]
    found = ONE_LINE_INCLUDE.match(state.src[begin:state.eMarks[start]])
    if not found or state.sCount[start] - state.blkIndent >= 4:
        return False
    if not silent:
        token = state.push("include_line", "", 0)
        token.info = f"include {found.group(1)}"
        token.map = [start, start + 1]
    state.line = start + 1
    return True


def read_markdown(text: str, file: Path) -> m.Document:
    """Parse one source file's text into a Document; `file` is used in errors."""
    tree = SyntaxTreeNode(parser().parse(text))
    children = list(tree.children)
    if not children or children[0].type != "front_matter":
        raise KapdocsError("the file has no front matter", file, 1,
                           "start it with a `---` block holding id, title, lang, version and the review fields")
    meta = read_front_matter(children[0].content, file, _line(children[0]) + 1)
    _require_defined_notes(text, meta, file)
    if meta.sources:  # read again with a footnote for each source, so `[^key]` numbers it in order of use
        children = list(SyntaxTreeNode(parser().parse(text + _source_notes(meta.sources))).children)
    reader = _Reader(file, {source.key: source for source in meta.sources})
    blocks = reader.blocks(children[1:])
    return m.Document(meta=meta, blocks=blocks, footnotes=tuple(reader.footnotes), source=file)


NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\](:?)")


def _require_defined_notes(text: str, meta: m.Meta, file: Path) -> None:
    """Every `[^label]` is a written footnote or a front matter source: a typo must not print as
    text or lose its source."""
    marks = [(found.group(1), text.count("\n", 0, found.start()) + 1, found.group(2))
             for found in NOTE_MARK.finditer(text)]
    defined = {label for label, _, colon in marks if colon} | {source.key for source in meta.sources}
    for label, line, colon in marks:
        if not colon and label not in defined:
            raise KapdocsError(f"`[^{label}]` cites nothing: there is no `[^{label}]:` note and no source "
                               f"`{label}`", file, line,
                               "add it under `sources:` in the front matter, write the note, or fix the label")


def _source_notes(sources: tuple[m.Source, ...]) -> str:
    """Footnote definitions, one per front matter source, appended after the body."""
    def escaped(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)

    def note(source: m.Source) -> str:
        # A DOI is printed as the short "doi:…" readers know, linked to its resolver.
        shown = f"doi:{source.doi}" if source.doi else source.url
        where = f"https://doi.org/{source.doi}" if source.doi else source.url
        link = f" [{escaped(shown)}]({where})" if where else ""
        return f"[^{source.key}]: {escaped(source.title)}. {escaped(source.publisher)}; {source.year}.{link}"

    return "\n\n" + "\n\n".join(note(source) for source in sources) + "\n"


FOOTNOTE_MARK = re.compile(r"\[\^(\d+)\]")
_HELD = re.compile("\ue000(\\d+)\ue001")


def parse_inline(text: str, file: Path, line: int) -> m.Inlines:
    """Inline Markdown (a translated segment) → inline content, under the same rules as a source.

    Footnote marks `[^1]` are held aside while markdown-it parses (its footnote rule needs the
    whole document) and put back as FootnoteRef nodes."""
    held = FOOTNOTE_MARK.sub(lambda found: f"\ue000{found.group(1)}\ue001", text)
    root = SyntaxTreeNode(parser().parseInline(held))
    content = _Reader(file).inlines(root.children[0], line) if root.children else ()
    return _restore_footnotes(content)


def _restore_footnotes(content: m.Inlines) -> m.Inlines:
    out: list[m.Inline] = []
    for node in content:
        if isinstance(node, m.Text) and "\ue000" in node.text:
            for i, part in enumerate(_HELD.split(node.text)):
                if i % 2:
                    out.append(m.FootnoteRef(int(part)))
                elif part:
                    out.append(m.Text(part))
        elif isinstance(node, (m.Emph, m.Strong, m.Link)):
            out.append(replace(node, children=_restore_footnotes(node.children)))
        else:
            out.append(node)
    return tuple(out)


def _line(node: SyntaxTreeNode) -> int:
    """The 1-based source line where `node` starts."""
    return node.map[0] + 1 if node.map else 0


def _strip_end(content: m.Inlines) -> m.Inlines:
    """Inline content without trailing spaces (and without a Text node left empty)."""
    if content and isinstance(content[-1], m.Text):
        rest = content[-1].text.rstrip()
        return content[:-1] + ((m.Text(rest),) if rest else ())
    return content


def slugify(text: str) -> str:
    """A stable section id from heading text: lowercase words joined by hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "section"


def parse_attrs(text: str, file: Path, line: int) -> tuple[tuple[str, str], ...]:
    """`key="value" key=value #id` → sorted (key, value) pairs; `#id` becomes ("id", id)."""
    pairs: dict[str, str] = {}
    try:
        words = shlex.split(text)
    except ValueError as err:
        raise KapdocsError(f"cannot read the attributes `{{{text}}}`: {err}", file, line,
                           'write them as key="value"') from None
    for word in words:
        if word.startswith("#"):
            pairs["id"] = word[1:]
        elif "=" in word:
            key, value = word.split("=", 1)
            pairs[key] = value
        else:
            raise KapdocsError(f"attribute `{word}` has no value", file, line, 'write it as key="value"')
    return tuple(sorted(pairs.items()))


class _Reader:
    """Walks markdown-it's syntax tree of one file, collecting footnotes as it goes."""

    def __init__(self, file: Path, sources: dict[str, m.Source] | None = None):
        self.file = file
        self.sources = sources or {}  # front matter sources by key: their footnotes point back at them
        self.inside: list[str] = []  # kinds of the containers being read, outermost first
        self.footnotes: list[m.Footnote] = []
        self.anchors: set[str] = set()
        self.field_names: dict[str, int] = {}  # form field name → line, unique in the document
        self.list_depth = 0  # lists being read, one inside another

    def fail(self, message: str, line: int, hint: str = "") -> KapdocsError:
        return KapdocsError(message, self.file, line, hint)

    def list(self, node: SyntaxTreeNode, line: int) -> m.BulletList:
        """A list of at most MAX_LIST_DEPTH levels whose items hold text and lists: what a slide's
        bullets can show (deeper levels or a table in an item would be lost on the slide)."""
        if self.list_depth >= MAX_LIST_DEPTH:
            raise self.fail(f"a list is nested more than {MAX_LIST_DEPTH} levels deep", line,
                            f"slides show {MAX_LIST_DEPTH} levels of bullets: move the deeper items up a level")
        self.list_depth += 1
        try:
            items = tuple(m.ListItem(self.blocks(item.children), _line(item)) for item in node.children)
        finally:
            self.list_depth -= 1
        for item in items:
            if other := next((b for b in item.blocks if not isinstance(b, LIST_ITEM_BLOCKS)), None):
                raise self.fail(f"a list item holds a {_kind_name(other)}", getattr(other, "line", item.line),
                                "a list item holds text and lists only: put it after the list")
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        return m.BulletList(items, node.type == "ordered_list", line, start)

    # -- blocks --

    def blocks(self, nodes) -> m.Blocks:
        out: list[m.Block] = []
        for node in nodes:
            block = self.block(node)
            if block is not None:
                out.append(block)
        return tuple(out)

    def block(self, node: SyntaxTreeNode) -> m.Block | None:
        line = _line(node)
        kind = node.type
        if kind == "heading":
            return self.heading(node, line)
        if kind == "paragraph":
            return self.paragraph(node, line)
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node, line)
        if kind == "table":
            return self.table(node, line)
        if kind == "blockquote":
            return m.BlockQuote(self.blocks(node.children), line)
        if kind in ("fence", "code_block"):
            return m.CodeBlock(node.content.rstrip("\n"), line)
        if kind == "hr":
            return m.Break(line)
        if kind == "container_block":
            return self.container(node, line)
        if kind == "include_line":
            return self.container(node, line)
        if kind == "dl":
            return self.definitions(node, line)
        if kind == "footnote_block":
            for note in node.children:
                number = note.meta["id"] + 1
                blocks = self.blocks(note.children)
                source = self.sources.get(note.meta.get("label") or "")
                if source:
                    blocks = tuple(replace(b, line=source.line) for b in blocks)
                    self.footnotes.append(m.Footnote(number, blocks, source.line, source.key))
                    continue
                where = _line(note) or (blocks[0].line if blocks else line)
                self.footnotes.append(m.Footnote(number, blocks, where))
            return None
        if kind == "html_block":
            raise self.fail("raw HTML is not allowed in a source", line,
                            "use Markdown, or a ::: block for boxes and layout")
        raise self.fail(f"unsupported Markdown element `{kind}`", line, "remove it")

    def heading(self, node: SyntaxTreeNode, line: int) -> m.Heading:
        inline = node.children[0]
        content = self.inlines(inline, line)
        attrs: tuple[tuple[str, str], ...] = ()
        # Attributes are read from the raw text: the typographer has curled the quotes in `content`.
        if (raw := ATTRS_AT_END.search(inline.content)) and isinstance(content[-1], m.Text):
            attrs = parse_attrs(raw.group(1), self.file, line)
            rest = ATTRS_AT_END.sub("", content[-1].text)
            content = content[:-1] + ((m.Text(rest),) if rest else ())
        anchor = dict(attrs).get("id") or self._unique_anchor(slugify(m.plain_text(content)))
        level = int(node.tag[1])
        return m.Heading(level, content, anchor, line, tuple(a for a in attrs if a[0] != "id"))

    def _unique_anchor(self, anchor: str) -> str:
        candidate, n = anchor, 2
        while candidate in self.anchors:
            candidate, n = f"{anchor}-{n}", n + 1
        self.anchors.add(candidate)
        return candidate

    def definitions(self, node: SyntaxTreeNode, line: int) -> m.DefinitionList:
        items: list[m.Definition] = []
        for child in node.children:
            if child.type == "dt":
                items.append(m.Definition(self.inlines(child.children[0], _line(child)), (), _line(child)))
            else:  # dd: a term may have several definitions; they read as one
                items[-1] = m.Definition(items[-1].term, items[-1].blocks + self.blocks(child.children), items[-1].line)
        return m.DefinitionList(tuple(items), line)

    def paragraph(self, node: SyntaxTreeNode, line: int) -> m.Block:
        content = self.inlines(node.children[0], line)
        meaningful = [c for c in content if not (isinstance(c, m.Text) and not c.text.strip())]
        if len(meaningful) == 1 and isinstance(meaningful[0], m.Image):
            return m.Figure(meaningful[0], line)
        return m.Paragraph(content, line)

    def table(self, node: SyntaxTreeNode, line: int) -> m.Table:
        head, *body = node.children
        header_row = head.children[0]
        aligns = tuple(_align(cell) for cell in header_row.children)
        header = tuple(self.cell(cell, line) for cell in header_row.children)
        rows = tuple(
            tuple(self.cell(cell, _line(row) or line) for cell in row.children)
            for section in body for row in section.children
        )
        return m.Table(header, rows, aligns, line)

    def cell(self, cell: SyntaxTreeNode, line: int) -> m.Inlines:
        return self.inlines(cell.children[0], line) if cell.children else ()

    def container(self, node: SyntaxTreeNode, line: int) -> m.Container:
        info = node.info.strip()
        attrs: tuple[tuple[str, str], ...] = ()
        if found := ATTRS_AT_END.search(info):
            attrs = parse_attrs(found.group(1), self.file, line)
            info = info[: found.start()]
        try:
            words = shlex.split(info)
        except ValueError as err:
            raise self.fail(f"cannot read `::: {info}`: {err}", line, "close the quotes") from None
        if not words:
            raise self.fail("a `:::` line opens a block with no kind (if it was meant to close one, that block "
                            "is already closed)", line,
                            f"open blocks with one of: ::: {', ::: '.join(sorted(CONTAINER_KINDS))}; a block holding "
                            "other ::: blocks needs a longer fence, as in `:::: columns` … `::::`")
        kind, *args = words
        if kind not in CONTAINER_KINDS:
            raise self.fail(f"unknown block `::: {kind}`", line,
                            f"use one of: {', '.join(sorted(CONTAINER_KINDS))}")
        if kind == "column" and self.inside[-1:] != ["columns"]:
            raise self.fail("`::: column` is only allowed inside `:::: columns`", line,
                            "wrap the two columns in `:::: columns` … `::::`")
        self.inside.append(kind)
        try:
            container = m.Container(kind, tuple(args), attrs, self.blocks(node.children), line)
        finally:
            self.inside.pop()
        if kind == "form":
            return self.form(container)
        getattr(self, f"check_{kind}", lambda c: None)(container)
        return container

    # -- what each kind of block must hold (checked here, so writers can rely on it) --

    def check_callout(self, block: m.Container) -> None:
        if not block.args or block.args[0] not in m.CALLOUT_KINDS or len(block.args) > 2:
            raise self.fail(f"`::: callout {' '.join(block.args)}` needs a kind and at most a title", block.line,
                            f'write ::: callout KIND "Title", with KIND one of {", ".join(m.CALLOUT_KINDS)}')

    def check_stats(self, block: m.Container) -> None:
        found = m.list_of(block)
        if found is None or len(block.blocks) != 1:
            raise self.fail("`::: stats` holds one list, one item per number", block.line,
                            "write each item as `- 41% | of sessions include dissociation`")
        chart = m.attr(block, "chart")
        if chart and chart not in CHART_KINDS:
            raise self.fail(f"unknown chart `{chart}`", block.line, f"use chart={', chart='.join(CHART_KINDS)}")
        for stat in m.stats_of(block):
            if not stat.value or not stat.label:
                raise self.fail("a stats item needs a number, a `|` and what it counts", stat.line,
                                "write it as `- 41% | of sessions include dissociation`")
            if chart and stat.number is None:
                raise self.fail(f"`{stat.value}` is not a number, so it cannot be charted", stat.line,
                                "give a number such as 41% or 3.5, or drop {chart=...}")

    def check_steps(self, block: m.Container) -> None:
        found = m.list_of(block)
        if found is None or len(block.blocks) != 1 or not 2 <= len(found.items) <= 8:
            raise self.fail("`::: steps` holds one list of 2 to 8 steps", block.line,
                            "write `1. **Step title.** What happens.` for each step")

    def check_faq(self, block: m.Container) -> None:
        if not block.blocks or not isinstance(block.blocks[0], m.Heading):
            raise self.fail("`::: faq` starts with a question heading", block.line,
                            "write each question as `### Question?` followed by its answer")
        for question in m.questions_of(block):
            if not question.answer:
                raise self.fail(f"question “{m.plain_text(question.question)}” has no answer", question.line,
                                "write the answer below the question")

    def check_columns(self, block: m.Container) -> None:
        if len(block.blocks) != 2 or any(not (isinstance(b, m.Container) and b.kind == "column") for b in block.blocks):
            raise self.fail("`:::: columns` holds exactly two `::: column` blocks", block.line,
                            "write `:::: columns`, then two `::: column` … `:::` blocks, then `::::`")

    def check_include(self, block: m.Container) -> None:
        if len(block.args) != 1 or block.blocks:
            raise self.fail("`::: include` names one file (and optionally a section) and holds nothing", block.line,
                            "write `::: include ../handouts/how-ketamine-works.md#the-four-stages` and close it with `:::`")

    # -- forms: each list item is a field, `- Label {kind required name=…}` --

    def form(self, block: m.Container) -> m.Container:
        found = m.list_of(block)
        if found is None or len(block.blocks) != 1 or len(block.args) > 1:
            raise self.fail("`::: form` holds one list, one item per field (and at most a title)", block.line,
                            'write `::: form "Title"`, then items like `- Full name {text required}`')
        items = tuple(self.field(item) for item in found.items)
        return replace(block, blocks=(replace(found, items=items),))

    def field(self, item: m.ListItem) -> m.ListItem:
        first = item.blocks[0] if item.blocks else None
        raw = None
        if isinstance(first, m.Paragraph) and first.content and isinstance(first.content[-1], m.Text):
            raw = ATTRS_AT_END.search(first.content[-1].text)
        if raw is None:
            raise self.fail("a form field needs its kind in braces at the end of its label", item.line,
                            f"end the line with one of {{{'}, {'.join(m.FIELD_KINDS)}}}, "
                            "as in `- Full name {text required}`")
        label = _strip_end(first.content[:-1] + (m.Text(first.content[-1].text[: raw.start()]),))
        attrs = self.field_attrs(raw.group(1), item.line)
        if not label:
            raise self.fail("a form field needs a label before its `{…}`", item.line, "write what to fill in")
        name = attrs.get("name") or self.field_name(m.plain_text(label), item.line)
        attrs["name"] = name
        self.claim_name(name, item.line)
        if attrs["kind"] == "signature":
            self.claim_name(f"{name}_date", item.line)
        rest = item.blocks[1:]
        helps = [b for b in rest if isinstance(b, m.Paragraph)]
        lists = [b for b in rest if isinstance(b, m.BulletList)]
        if len(helps) > 1 or len(helps) + len(lists) != len(rest):
            raise self.fail("a form field holds its label, at most one paragraph of help, and (for checkboxes) "
                            "a list of choices", item.line, "move other text out of the form")
        blocks: m.Blocks = (m.Paragraph(label, first.line), *helps)
        if attrs["kind"] == "checkboxes":
            blocks += (self.choices(lists, name, item.line),)
        elif lists:
            raise self.fail(f"only a {{checkboxes}} field has a list of choices, not {{{attrs['kind']}}}", item.line,
                            "make it {checkboxes}, or remove the list")
        return replace(item, blocks=blocks, attrs=tuple(sorted(attrs.items())))

    def field_attrs(self, text: str, line: int) -> dict[str, str]:
        words = text.replace("“", '"').replace("”", '"').split()
        if not words or words[0] not in m.FIELD_KINDS:
            raise self.fail(f"unknown form field kind `{words[0] if words else ''}`", line,
                            f"use one of: {', '.join(m.FIELD_KINDS)}")
        attrs = {"kind": words[0]}
        for word in words[1:]:
            key, _, value = word.partition("=")
            value = value.strip('"')
            if word == "required":
                attrs["required"] = "yes"
            elif key == "name" and FIELD_NAME.match(value):
                attrs["name"] = value
            elif key == "lines" and attrs["kind"] == "long" and value.isdigit() and 1 <= int(value) <= 12:
                attrs["lines"] = value
            elif word == "every-page" and attrs["kind"] in ("text", "date"):
                attrs["every-page"] = "yes"
            else:
                raise self.fail(f"cannot use `{word}` on a {{{attrs['kind']}}} field", line,
                                "add `required`, `name=lowercase_words` (letters, digits, _), for {long} "
                                "`lines=1` to `lines=12`, and for {text} or {date} `every-page`")
        return attrs

    def field_name(self, label: str, line: int) -> str:
        """A stable field name from the source label: `Date of birth` → `date_of_birth`."""
        ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
        name = ""
        for word in re.findall(r"[a-z0-9]+", ascii_text):
            if len(name) + len(word) + 1 > 40:
                break
            name = f"{name}_{word}" if name else word
        if not FIELD_NAME.match(name):
            raise self.fail(f"cannot make a field name from “{label}”", line, "give one with `name=lowercase_words`")
        return name

    def claim_name(self, name: str, line: int) -> None:
        if name in self.field_names:
            raise self.fail(f"form field name `{name}` is already used on line {self.field_names[name]}", line,
                            "give one of them another name with `name=…`")
        self.field_names[name] = line

    def choices(self, lists: list[m.BulletList], name: str, line: int) -> m.BulletList:
        if len(lists) != 1 or not 2 <= len(lists[0].items) <= MAX_CHOICES:
            raise self.fail(f"a {{checkboxes}} field needs a list of 2 to {MAX_CHOICES} choices", line,
                            "indent the choices under the field as `  - Choice`")
        items = []
        for choice in lists[0].items:
            if len(choice.blocks) != 1 or not isinstance(choice.blocks[0], m.Paragraph):
                raise self.fail("a choice is one line of text", choice.line, "shorten it to one line")
            full = f"{name}-{self.field_name(m.plain_text(choice.blocks[0].content), choice.line)}"
            self.claim_name(full, choice.line)
            items.append(replace(choice, attrs=(("name", full),)))
        return replace(lists[0], items=tuple(items))

    # -- inlines --

    def inlines(self, node: SyntaxTreeNode, line: int) -> m.Inlines:
        out: list[m.Inline] = []
        for child in node.children:
            out.extend(self.inline(child, line))
        return _merge_text(out)

    def inline(self, node: SyntaxTreeNode, line: int) -> list[m.Inline]:
        kind = node.type
        if kind == "text":
            return [m.Text(node.content)]
        if kind == "softbreak":
            return [m.Text(" ")]
        if kind == "hardbreak":
            return [m.LineBreak()]
        if kind == "em":
            return [m.Emph(self.inlines(node, line))]
        if kind == "strong":
            return [m.Strong(self.inlines(node, line))]
        if kind == "code_inline":
            return [m.Code(node.content)]
        if kind == "link":
            href = str(node.attrs.get("href", ""))
            if not href.lower().startswith(LINK_SCHEMES):
                raise self.fail(f"link target `{href}` is not allowed", line,
                                "link to an http(s), mailto: or tel: address")
            return [m.Link(href, self.inlines(node, line))]
        if kind == "image":
            alt = "".join(c.content for c in node.children if c.type == "text").strip()
            src = str(node.attrs.get("src", ""))
            if not alt:
                raise self.fail(f"image `{src}` has no alt text", line,
                                "describe the picture between the brackets: ![what it shows](path)")
            return [m.Image(src, alt, str(node.attrs.get("title") or ""))]
        if kind == "footnote_ref":
            return [m.FootnoteRef(node.meta["id"] + 1)]
        if kind == "footnote_anchor":
            return []
        if kind == "html_inline":
            raise self.fail(f"raw HTML `{node.content}` is not allowed in a source", line,
                            "use Markdown emphasis (*text*, **text**) instead")
        raise self.fail(f"unsupported inline element `{kind}`", line, "remove it")


def _align(cell: SyntaxTreeNode) -> m.Align:
    style = str(cell.attrs.get("style", ""))
    found = re.search(r"text-align:(\w+)", style)
    return found.group(1) if found else ""  # type: ignore[return-value]


def _merge_text(nodes: list[m.Inline]) -> m.Inlines:
    """Join neighbouring Text nodes so snapshots and translations see whole runs."""
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text) and not node.text:
            continue  # markdown-it leaves empty text around emphasis
        if out and isinstance(node, m.Text) and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)
