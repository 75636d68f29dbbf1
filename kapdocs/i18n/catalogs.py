"""Translators' catalogs (gettext PO, through polib): templates, merging as msgmerge does, and reading them for a build.

Each source has a template `<folder>/locales/<id>.pot` and a catalog per language,
`<folder>/locales/<lang>/<id>.po` (handouts/ and decks/ each keep their own). Updating a catalog
keeps its header and translators' comments, turns a changed entry fuzzy with its previous text
(`#| msgid`), keeps entries the source no longer has as obsolete (`#~`), and lays the file out
as msgmerge does (po_format), so running it again, or through another gettext tool, changes
nothing. Prose never gets a format flag: `40% of …` is text, not a printf string. The only
module that imports polib.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import polib

from kapdocs.errors import KapdocsError
from kapdocs.i18n.language import locale, plural_forms
from kapdocs.i18n.po_format import WIDTH, catalog_text
from kapdocs.i18n.segments import Segment
from kapdocs.support.files import note_read, per_file_version, write_atomically

#: A catalog in memory: polib's, which other modules name only through this module.
Catalog = polib.POFile
#: Written into every catalog header: machine-checked is not medically reviewed.
REVIEW_NOTE = ("Translation of patient education about ketamine-assisted psychotherapy.\n"
               "NEEDS REVIEW by a qualified medical translator before it is given to patients.")
#: A fixed date in headers, so catalogs do not change when nothing in them did.
HEADER_DATE = "2026-01-01 00:00+0000"
#: How alike an old text must be to a new one to offer its translation as fuzzy (msgmerge's threshold).
FUZZY_SIMILARITY = 0.6
#: Format flags a catalog entry must not carry: segments are prose, and gettext tools would check them as printf.
FORMAT_FLAGS = ("python-format", "c-format", "python-brace-format")


def _template_header(project: str) -> dict[str, str]:
    return {"Project-Id-Version": project, "Report-Msgid-Bugs-To": "", "POT-Creation-Date": HEADER_DATE,
            "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE", "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
            "Language-Team": "LANGUAGE <LL@li.org>", "Language": "", "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}


def new_catalog(header: dict[str, str], comment: str = REVIEW_NOTE, fuzzy: bool = False) -> polib.POFile:
    """An empty catalog with this header."""
    catalog = polib.POFile(wrapwidth=WIDTH)
    catalog.header, catalog.metadata, catalog.metadata_is_fuzzy = comment, dict(header), fuzzy
    return catalog


def make_template(segments: list[Segment], shown: Path, project: str) -> polib.POFile:
    """The template (POT) of a source's segments, each with the source line it comes from."""
    catalog = new_catalog(_template_header(project), fuzzy=True)  # a template's header is fuzzy, as xgettext's
    for segment in segments:
        catalog.append(polib.POEntry(msgid=segment.text, occurrences=[(shown.as_posix(), str(segment.line))]))
    return catalog


def string_template(texts: list[tuple[str, str, str]], project: str) -> polib.POFile:
    """A template of interface strings from (text, note for translators (`#.`), the file it comes from)."""
    catalog = new_catalog(_template_header(project), fuzzy=True)
    for text, note, where in texts:
        catalog.append(polib.POEntry(msgid=text, comment=note, occurrences=[(where, "")]))
    return catalog


def prefilled(catalog: polib.POFile, known: dict[str, str]) -> polib.POFile:
    """The catalog with every untranslated entry that `known` translates filled in."""
    for entry in catalog:
        if entry.msgid and not entry.msgstr and entry.msgid in known:
            entry.msgstr = known[entry.msgid]
    return catalog


def text_of(catalog: polib.POFile) -> str:
    """The catalog as PO text, laid out as msgmerge lays it out."""
    return catalog_text(catalog)


def write_catalog(catalog: polib.POFile, path: Path) -> bool:
    """Write a PO/POT file unless it already holds these bytes; whether it was written."""
    data = text_of(catalog).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data)
    return True


def read_catalog(path: Path, shown: Path, lang: str | None = None) -> polib.POFile:
    """A PO or POT file, or an error naming it and what is wrong."""
    try:
        return polib.pofile(str(path), wrapwidth=WIDTH, check_for_duplicates=True)
    except FileNotFoundError:
        raise KapdocsError("no such catalog", shown, hint="create it with `kapdocs i18n update --locale LANG`") from None
    except (OSError, ValueError) as err:  # polib: "Syntax error in po file (line N)", duplicates, bad encoding
        raise KapdocsError(f"cannot read the catalog: {err}", shown, hint="fix the PO syntax, or recreate it") from None


def _kept(template: polib.POEntry, old: polib.POEntry) -> polib.POEntry:
    """The template's entry with the old translation, translators' comments and fuzziness (exact match)."""
    fuzzy = old.fuzzy and bool(old.msgstr)
    return polib.POEntry(msgid=template.msgid, msgstr=old.msgstr, occurrences=template.occurrences,
                         comment=template.comment, tcomment=old.tcomment, flags=["fuzzy"] if fuzzy else [],
                         previous_msgid=old.previous_msgid if fuzzy else "")


def _guessed(template: polib.POEntry, old: polib.POEntry) -> polib.POEntry:
    """The template's entry offered an old, similar translation: fuzzy, with the old text as `#| msgid`."""
    previous = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
    return polib.POEntry(msgid=template.msgid, msgstr=old.msgstr, occurrences=template.occurrences,
                         comment=template.comment, tcomment=old.tcomment, flags=["fuzzy"], previous_msgid=previous)


def _closest(text: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The translated entry whose text is most like `text`, if one is alike enough."""
    best, best_score = None, FUZZY_SIMILARITY
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, text, candidate.msgid, autojunk=False)
        if matcher.real_quick_ratio() >= best_score and matcher.quick_ratio() >= best_score:
            if (score := matcher.ratio()) >= best_score:
                best, best_score = candidate, score
    return best


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(msgid=old.msgid, msgstr=old.msgstr, tcomment=old.tcomment, obsolete=True,
                         flags=["fuzzy"] if old.fuzzy else [], previous_msgid=old.previous_msgid if old.fuzzy else "")


def merge(template: polib.POFile, old: polib.POFile) -> polib.POFile:
    """`old` brought up to `template` as msgmerge does: header kept, new entries empty, changed ones fuzzy, gone ones `#~`."""
    merged = new_catalog({**old.metadata, "POT-Creation-Date": template.metadata.get("POT-Creation-Date", HEADER_DATE)},
                         old.header, old.metadata_is_fuzzy)
    by_text = {entry.msgid: entry for entry in old if entry.msgid}
    wanted = {entry.msgid for entry in template}
    offered = [entry for entry in old if entry.msgid and entry.msgstr and entry.msgid not in wanted]
    used: set[str] = set()
    for entry in template:
        if (found := by_text.get(entry.msgid)) is not None:
            merged.append(_kept(entry, found))
        elif (similar := _closest(entry.msgid, offered)) is not None:
            merged.append(_guessed(entry, similar))
            used.add(similar.msgid)
        else:
            merged.append(polib.POEntry(msgid=entry.msgid, occurrences=entry.occurrences, comment=entry.comment))
    merged.extend(_obsolete(entry) for entry in offered if entry.msgid not in used)
    return merged


def new_translation(template: polib.POFile, lang: str) -> polib.POFile:
    """A first, empty catalog of `template` in `lang`, its header filled in for the language."""
    header = {**template.metadata, "PO-Revision-Date": HEADER_DATE, "Last-Translator": "",
              "Language-Team": "", "Language": lang, "Plural-Forms": plural_forms(lang)}
    return merge(template, new_catalog(header, template.header))


def update_catalog(template: polib.POFile, path: Path, shown: Path, lang: str) -> polib.POFile:
    """The language's catalog brought up to the template: new entries, changed ones fuzzy."""
    locale(lang)  # an unknown language is an error before any file is written
    if path.is_file():
        return merge(template, read_catalog(path, shown, lang))
    return new_translation(template, lang)


@dataclass(frozen=True)
class Counts:
    """How far a catalog is translated."""

    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int = 0

    @property
    def complete(self) -> bool:
        return not (self.fuzzy or self.untranslated)

    def __str__(self) -> str:
        return f"{self.translated} translated, {self.fuzzy} fuzzy, {self.untranslated} untranslated"


def counts(catalog: polib.POFile) -> Counts:
    """Translated, fuzzy, untranslated and obsolete entries."""
    current = [entry for entry in catalog if entry.msgid and not entry.obsolete]
    fuzzy = sum(1 for entry in current if entry.fuzzy and entry.msgstr)
    untranslated = sum(1 for entry in current if not entry.msgstr)
    obsolete = sum(1 for entry in catalog if entry.obsolete)
    return Counts(len(current) - fuzzy - untranslated, fuzzy, untranslated, obsolete)


@dataclass(frozen=True)
class Entry:
    """A usable translation and the PO line it is on (for errors)."""

    text: str
    line: int


def usable(catalog: polib.POFile) -> dict[str, Entry]:
    """msgid → the finished translation (neither fuzzy, empty nor obsolete) and the line of its msgid."""
    lines = Path(catalog.fpath).read_text(encoding="utf-8").splitlines() if catalog.fpath else []
    return {entry.msgid: Entry(entry.msgstr, _msgid_line(lines, entry.linenum or 0)) for entry in catalog
            if entry.msgid and entry.msgstr and not entry.fuzzy and not entry.obsolete}


def _msgid_line(lines: list[str], start: int) -> int:
    """The line of an entry's msgid (polib gives the line its comments start on)."""
    return next((number for number in range(max(start, 1), len(lines) + 1) if lines[number - 1].startswith("msgid ")),
                start)


@per_file_version(maxsize=128)
def _entries(path: Path, shown: Path, lang: str) -> tuple[dict[str, Entry], Counts]:
    catalog = read_catalog(path, shown, lang)
    return usable(catalog), counts(catalog)


def translations(path: Path, shown: Path, lang: str) -> tuple[dict[str, Entry], Counts]:
    """The translated, non-fuzzy entries of a catalog and its counts (read once per file version)."""
    note_read(path)
    if not path.is_file():
        raise KapdocsError(f"no {lang} translation", shown,
                           hint=f"create it with `kapdocs i18n update --locale {lang}` and have it translated",
                           rule="translation")
    return _entries(path, shown, lang)
