"""Catalog entries → PO text laid out as GNU msgmerge and msgcat lay it out (79 columns).

Translators' tools (msgmerge, Weblate, Poedit) wrap long strings at spaces and between CJK
characters, counting wide characters as two columns and keeping `\\n` at a line's end. Writing
the same layout means a catalog passed through any of them and back through `kapdocs i18n
update` comes back byte for byte. Entries are duck-typed polib entries (msgid, msgstr, flags,
comment, tcomment, occurrences, previous_msgid, obsolete); this module imports nothing outside
the standard library.
"""

from __future__ import annotations

import unicodedata

#: GNU gettext's page width.
WIDTH = 79
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
#: Line-breaking classes of UAX #14 that catalogs meet, by character (the rest: letters, digits, wide).
_CLASSES = {**dict.fromkeys("([{（「『《〈【〔｛", "OP"), **dict.fromkeys(")]", "CP"),
            **dict.fromkeys("}）」』》〉】〕｝，。、", "CL"), **dict.fromkeys("!?：；！？", "EX"),
            **dict.fromkeys(",.:;", "IS"), **dict.fromkeys("・ー々〜ぁぃぅぇぉゃゅょっァィゥェォャュョッ", "NS"),
            **dict.fromkeys("“”‘’\"'", "QU"), "/": "SY", "-": "HY", "—": "B2", "|": "BA", " ": "SP", "\n": "NL"}
#: No line starts with these (a quote may, after a space).
_NO_START = {"SP", "NL", "CL", "CP", "EX", "IS", "SY", "NS"}


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and full-width characters two, combining marks none."""
    return sum(_columns(c) for c in text)


def _columns(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if _wide(char) else 1


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _pieces(text: str) -> list[str]:
    """`text` escaped, cut where a line may break: after spaces, between wide characters, after `\\n`."""
    pieces: list[str] = []
    current = ""
    held = ""  # the class before these spaces, when it holds them to what follows
    for index, char in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else ""
        current += _ESCAPES.get(char, char)
        held = _class(char) if _class(char) in ("OP", "QU", "B2") else held if char == " " else ""
        if following and _may_break(char, following, held):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _class(char: str) -> str:
    """The character's line-breaking class (UAX #14, reduced to the classes catalogs meet)."""
    if char in _CLASSES:
        return _CLASSES[char]
    if char.isdigit():
        return "NU"
    return "ID" if _wide(char) else "AL"


def _may_break(char: str, following: str, held: str) -> bool:
    """Whether a line may break here, given the class before the spaces that precede it."""
    if held == "OP" or (held, _class(following)) in (("QU", "OP"), ("B2", "B2")):
        return False  # `{{ clinic.phone }}`, `“quoted” (note)`, `— —` stay whole (UAX #14 LB14, LB15, LB17)
    return _breaks_between(char, following)


def _breaks_between(char: str, following: str) -> bool:
    """Whether a line may break between two characters (UAX #14's pair rules, as GNU gettext applies them)."""
    before, after = _class(char), _class(following)
    if before == "NL":
        return True
    if after in _NO_START or before in ("OP", "QU"):
        return False
    if before in ("SP", "BA"):
        return True
    if after == "QU":
        return False
    if "B2" in (before, after):
        return before != after
    if before in ("HY", "IS", "EX", "SY"):
        return after != "NU"
    if before == "CP":
        return after not in ("AL", "NU")
    if after == "OP":
        return before not in ("AL", "NU") or _wide(following)
    return "ID" in (before, after) or before == "CL"


def _lines(text: str, first_column: int, column: int) -> list[str]:
    """The escaped text in lines: the first starting at `first_column`, the rest at `column`."""
    lines: list[str] = [""]
    start = first_column
    for piece in _pieces(text):
        fits = start + _width(lines[-1]) + _width(piece) + 1 <= WIDTH  # +1: the closing quote
        if lines[-1] and (not fits or lines[-1].endswith("\\n")):
            lines.append("")
            start = column
        lines[-1] += piece
    return lines


def quoted(keyword: str, text: str, prefix: str = "") -> list[str]:
    """`keyword "text"` as PO lines, wrapped as msgmerge wraps: `keyword ""` first when it takes more than one line."""
    head = f"{prefix}{keyword} "
    lines = _lines(text, len(head) + 1, len(prefix) + 1)
    if len(lines) == 1 and "\n" not in text[:-1]:
        return [f'{head}"{lines[0]}"']
    return [f'{head}""'] + [f'{prefix}"{line}"' for line in _lines(text, len(prefix) + 1, len(prefix) + 1)]


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """`#: file:line` lines, as many references on a line as fit."""
    lines: list[str] = []
    for path, line in occurrences:
        word = f"{path}:{line}" if line else path
        if lines and len(lines[-1]) + 1 + len(word) <= WIDTH:
            lines[-1] += " " + word
        else:
            lines.append("#: " + word)
    return lines


def _comments(mark: str, text: str) -> list[str]:
    return [f"{mark} {line}".rstrip() if line else mark for line in text.split("\n")] if text else []


def entry_lines(entry) -> list[str]:
    """One entry as PO lines: comments, references, flags, previous text, msgid and msgstr."""
    out = _comments("#", entry.tcomment)
    prefix = "#~ " if entry.obsolete else ""
    if not entry.obsolete:
        out += _comments("#.", entry.comment) + _references(entry.occurrences)
    flags = sorted(entry.flags, key=lambda flag: (flag != "fuzzy", flag))
    if flags:
        out.append("#, " + ", ".join(flags))
    if entry.previous_msgid:
        out += quoted("msgid", entry.previous_msgid, "#~| " if entry.obsolete else "#| ")
    return out + quoted("msgid", entry.msgid, prefix) + quoted("msgstr", entry.msgstr, prefix)


def header_lines(header: str, metadata: dict[str, str], fuzzy: bool) -> list[str]:
    """The header entry: its comment, `msgid ""` and the metadata as `"Key: value\\n"` lines."""
    out = _comments("#", header)
    if fuzzy:
        out.append("#, fuzzy")
    fields = "".join(f"{key}: {value}\n" for key, value in metadata.items())
    return out + ['msgid ""'] + quoted("msgstr", fields)


def catalog_text(catalog) -> str:
    """A polib catalog as PO text: the header, the entries in order, then the obsolete ones (`#~`)."""
    blocks = [header_lines(catalog.header, catalog.metadata, catalog.metadata_is_fuzzy)]
    blocks += [entry_lines(e) for e in catalog if not e.obsolete and e.msgid]
    blocks += [entry_lines(e) for e in catalog if e.obsolete]
    return "\n".join("\n".join(block) + "\n" for block in blocks)
