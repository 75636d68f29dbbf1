"""A language's glossary of approved terms: `locales/glossaries/<lang>.csv` → Glossary.

Translators agree how a term is said in their language ("side effect" → "efecto secundario") and
which wordings to avoid; `kapdocs check` holds every translated entry to it (rule
`approved-terms`). The file is UTF-8 CSV (a spreadsheet's BOM is fine) with the header
`term,approved,avoid,note`:

- `term`: the English term, found at the start of a word of the English text, in any case
  ("side effect" is found in "Side effects"; "IV" is not found in "give");
- `approved`: what every translation of such a text must contain, in any case;
- `avoid`: wordings, separated by `;`, that such a translation must not contain;
- `note`: for translators, not read.

Both sides are compared in Unicode normal form C, so a translation typed with combining accents
(Vietnamese input methods) matches a glossary typed with precomposed ones. Translations are
searched as plain text, not by words: Chinese and Japanese have no spaces between words.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.files import per_file_version

#: Where glossaries live, beside kapdocs.toml (in the project's own `locales/`).
GLOSSARY_FOLDER = Path("locales") / "glossaries"
COLUMNS = ("term", "approved", "avoid", "note")
REQUIRED = ("term", "approved")
RULE = "approved-terms"
HINT = "the header is `term,approved,avoid,note`; quote a value that holds a comma"


def normal(text: str) -> str:
    """`text` as compared: Unicode normal form C, case folded."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class Term:
    """One row of a glossary: an English term, how it is translated, and how not."""

    term: str
    approved: str
    avoid: tuple[str, ...]
    note: str
    line: int  # in the glossary file

    def found_in(self, english: str) -> bool:
        """Whether the term starts a word of `english` ("side effect" in "side effects", not "IV" in "give")."""
        return re.search(r"(?<!\w)" + re.escape(normal(self.term)), normal(english)) is not None

    def problem(self, translation: str) -> tuple[str, str] | None:
        """(what is wrong, the text at fault) with a translation of a text holding the term; None if it complies."""
        text = normal(translation)
        if avoided := next((v for v in self.avoid if normal(v) in text), None):
            return "avoided", avoided
        if normal(self.approved) not in text:
            return "missing", self.approved
        return None


@dataclass(frozen=True)
class Glossary:
    """A language's approved terms, and the file they come from (as shown)."""

    path: Path
    terms: tuple[Term, ...]

    def terms_in(self, english: str) -> tuple[Term, ...]:
        """The glossary's terms an English text holds."""
        return tuple(term for term in self.terms if term.found_in(english))


def glossary_path(project_root: Path, lang: str) -> Path:
    """A language's glossary: `locales/glossaries/<lang>.csv` beside kapdocs.toml."""
    return project_root / GLOSSARY_FOLDER / f"{lang}.csv"


def project_glossary(project_root: Path, lang: str) -> Glossary | None:
    """The project's glossary for `lang`, or None if it has none."""
    path = glossary_path(project_root, lang)
    if not path.is_file():
        return None
    return _read(path, GLOSSARY_FOLDER / path.name)


@per_file_version(maxsize=32)
def _read(path: Path, shown: Path) -> Glossary:
    return read_glossary(path, shown)


def read_glossary(path: Path, shown: Path) -> Glossary:
    """A glossary file, or an error naming the file, the line and what to fix."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        raise KapdocsError("the glossary is not UTF-8 text", shown, line,
                           "save it as CSV UTF-8 (a spreadsheet's “CSV UTF-8” format)", rule=RULE) from None
    rows = _rows(text, shown)
    if not rows:
        raise KapdocsError("the glossary is empty", shown, 1, HINT, rule=RULE)
    header_line, header = rows[0]
    columns = _columns(header, shown, header_line)
    terms: dict[str, Term] = {}
    for line, row in rows[1:]:
        term = _term(row, columns, shown, line)
        if (earlier := terms.get(normal(term.term))) is not None:
            raise KapdocsError(f"the term “{term.term}” is already on line {earlier.line}", shown, line,
                               "keep one row per term", rule=RULE)
        terms[normal(term.term)] = term
    return Glossary(shown, tuple(terms.values()))


def _rows(text: str, shown: Path) -> list[tuple[int, list[str]]]:
    """(the line a record starts on, its fields) for each record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # lines end only at \n, \r\n or \r
    rows, end = [], 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if any(field.strip() for field in row):
                rows.append((start, row))
    except csv.Error as err:  # e.g. a quote never closed: the record it opens starts after the last one read
        raise KapdocsError(f"the glossary is not valid CSV: {err}", shown, end + 1, HINT, rule=RULE) from None
    return rows


def _columns(header: list[str], shown: Path, line: int) -> dict[str, int]:
    """Column name → index, from the header row."""
    names = [name.strip().lower() for name in header]
    if not set(REQUIRED) & set(names):
        raise KapdocsError("the glossary has no header row", shown, line, f"make its first line `{','.join(COLUMNS)}`",
                           rule=RULE)
    for name in names:
        if name not in COLUMNS:
            raise KapdocsError(f"unknown glossary column `{name}`", shown, line, HINT, rule=RULE)
    for name in REQUIRED:
        if name not in names:
            raise KapdocsError(f"the glossary has no `{name}` column", shown, line, HINT, rule=RULE)
    return {name: index for index, name in enumerate(names)}


def _term(row: list[str], columns: dict[str, int], shown: Path, line: int) -> Term:
    """One glossary row, checked."""
    if len(row) > len(columns):
        raise KapdocsError(f"the row has {len(row)} values and the header {len(columns)} columns", shown, line,
                           HINT, rule=RULE)
    value = {name: row[index].strip() if index < len(row) else "" for name, index in columns.items()}
    for name in REQUIRED:
        if not value[name]:
            raise KapdocsError(f"the row has no `{name}`", shown, line,
                               "give the English term and the approved translation", rule=RULE)
    avoid = tuple(variant.strip() for variant in value.get("avoid", "").split(";") if variant.strip())
    if clash := next((v for v in avoid if normal(v) in normal(value["approved"])), None):
        raise KapdocsError(f"the avoided “{clash}” is part of the approved “{value['approved']}”", shown, line,
                           "every approved translation would break the rule: remove it from `avoid`", rule=RULE)
    return Term(value["term"], value["approved"], avoid, value.get("note", ""), line)
