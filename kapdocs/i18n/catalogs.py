"""Translators' catalogs (gettext PO, through Babel): extract, update, status, and reading them for a build.

Each source has a template `<folder>/locales/<id>.pot` and a catalog per language,
`<folder>/locales/<lang>/<id>.po` (handouts/ and decks/ each keep their own). A changed source
segment turns its entry fuzzy, with the previous text kept for the translator.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from kapdocs.errors import KapdocsError
from kapdocs.support.files import note_read, per_file_version, write_atomically
from kapdocs.i18n.language import locale
from kapdocs.i18n.segments import Segment

#: Written into every catalog header: machine-checked is not medically reviewed.
REVIEW_NOTE = ("Translation of patient education about ketamine-assisted psychotherapy.\n"
               "NEEDS REVIEW by a qualified medical translator before it is given to patients.")
#: A fixed date in headers, so catalogs do not change when nothing in them did.
HEADER_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def make_template(segments: list[Segment], shown: Path, doc_id: str) -> Catalog:
    catalog = Catalog(project=doc_id, header_comment="# " + REVIEW_NOTE.replace("\n", "\n# "),
                      creation_date=HEADER_DATE, revision_date=HEADER_DATE, fuzzy=False)
    for segment in segments:
        catalog.add(segment.text, locations=[(shown.as_posix(), segment.line)])
    return catalog


def write_catalog(catalog: Catalog, path: Path, template: bool = False) -> None:
    """Write a PO/POT file (previous msgids kept for fuzzy entries, obsolete ones dropped)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_previous=not template, ignore_obsolete=True, sort_output=False)
    write_atomically(path, out.getvalue())


def read_catalog(path: Path, shown: Path, lang: str | None = None) -> Catalog:
    try:
        with path.open("rb") as stream:
            return read_po(stream, locale=lang.replace("-", "_") if lang else None, abort_invalid=True)
    except FileNotFoundError:
        raise KapdocsError("no such catalog", shown, hint="create it with `kapdocs i18n update --locale LANG`") from None
    except Exception as err:  # Babel's PoFileError and friends: the file is not valid PO
        raise KapdocsError(f"cannot read the catalog: {err}", shown, hint="fix the PO syntax, or recreate it") from None


def update_catalog(template: Catalog, path: Path, shown: Path, lang: str) -> Catalog:
    """The language's catalog brought up to the template: new entries, changed ones fuzzy."""
    locale(lang)  # an unknown language is an error before any file is written
    if path.is_file():
        catalog = read_catalog(path, shown, lang)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=True)
    else:
        catalog = Catalog(locale=lang.replace("-", "_"), project=template.project,
                          header_comment=template.header_comment, creation_date=HEADER_DATE,
                          revision_date=HEADER_DATE, fuzzy=False)
        catalog.update(template)
    catalog.revision_date = HEADER_DATE
    catalog.language_team = f"{lang} <medical translator>"
    return catalog


@dataclass(frozen=True)
class Counts:
    """How far a catalog is translated."""

    translated: int
    fuzzy: int
    untranslated: int

    @property
    def complete(self) -> bool:
        return not (self.fuzzy or self.untranslated)

    def __str__(self) -> str:
        return f"{self.translated} translated, {self.fuzzy} fuzzy, {self.untranslated} untranslated"


def counts(catalog: Catalog) -> Counts:
    messages = [message for message in catalog if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy and message.string)
    untranslated = sum(1 for message in messages if not message.string)
    return Counts(len(messages) - fuzzy - untranslated, fuzzy, untranslated)


@dataclass(frozen=True)
class Entry:
    """A usable translation and the PO line it is on (for errors)."""

    text: str
    line: int


@per_file_version(maxsize=128)
def _entries(path: Path, shown: Path, lang: str) -> tuple[dict[str, Entry], Counts]:
    catalog = read_catalog(path, shown, lang)
    entries = {message.id: Entry(message.string, message.lineno or 0) for message in catalog
               if message.id and message.string and not message.fuzzy}
    return entries, counts(catalog)


def translations(path: Path, shown: Path, lang: str) -> tuple[dict[str, Entry], Counts]:
    """The translated, non-fuzzy entries of a catalog and its counts (read once per file version)."""
    note_read(path)
    if not path.is_file():
        raise KapdocsError(f"no {lang} translation", shown,
                           hint=f"create it with `kapdocs i18n update --locale {lang}` and have it translated",
                           rule="translation")
    return _entries(path, shown, lang)
