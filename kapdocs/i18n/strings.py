"""Text that is not in a source: kapdocs' template strings and a brand's own text, per language.

kapdocs ships catalogs for its template strings ("Main message", "Page 1 of 2", …) in
`kapdocs/i18n/locales/<lang>.po`; a brand kit translates its own text (disclaimer, crisis line,
alt text, …) in `templates/<brand>/locales/<lang>.po`. A string with no translation is an error:
a handout must not mix languages.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.files import per_file_version
from kapdocs.i18n.catalogs import read_catalog, usable

PACKAGE_CATALOGS = Path(__file__).parent / "locales"


@per_file_version(maxsize=64)
def _table(path: Path, lang: str) -> dict[str, str]:
    return {text: entry.text for text, entry in usable(read_catalog(path, path, lang)).items()}


def table(path: Path, lang: str) -> dict[str, str] | None:
    """msgid → translation of a PO file (None when there is no such file)."""
    return _table(path, lang) if path.is_file() else None


def template_strings(lang: str, english: dict[str, str]) -> dict[str, str]:
    """kapdocs' template strings in `lang` (the same keys as `english`)."""
    found = table(PACKAGE_CATALOGS / f"{lang}.po", lang)
    if found is None:
        shipped = ", ".join(sorted(p.stem for p in PACKAGE_CATALOGS.glob("*.po")))
        raise KapdocsError(f"kapdocs has no template text in `{lang}`",
                           hint=f"it ships {shipped}; add kapdocs/i18n/locales/{lang}.po")
    missing = [text for text in english.values() if text not in found]
    if missing:
        raise KapdocsError(f"kapdocs' {lang} catalog has no translation of “{missing[0]}”",
                           PACKAGE_CATALOGS / f"{lang}.po", hint="add the entry", rule="translation")
    return {key: found[text] for key, text in english.items()}


def brand_strings(folder: Path, shown: Path, lang: str, texts: list[str]) -> dict[str, str]:
    """A brand's own text in `lang`, from `<brand>/locales/<lang>.po`."""
    path = folder / "locales" / f"{lang}.po"
    found = table(path, lang)
    if found is None:
        raise KapdocsError(f"brand text has no `{lang}` translation", shown / "locales" / f"{lang}.po",
                           hint="translate the brand's disclaimer, crisis line and other text in this PO file",
                           rule="translation")
    if missing := [text for text in texts if text not in found]:
        raise KapdocsError(f"no `{lang}` translation of the brand text “{missing[0]}”", shown / "locales" / f"{lang}.po",
                           hint="add the entry (msgid: the text as in brand.yaml)", rule="translation")
    return found
