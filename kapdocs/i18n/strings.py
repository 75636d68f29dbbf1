"""Text that is not in a source: kapdocs' template strings and a brand's own text, per language.

kapdocs ships catalogs for its template strings ("Main message", "Page 1 of 2", …) in
`kapdocs/i18n/locales/<lang>.po`; a brand kit translates its own text (disclaimer, crisis line,
alt text, …) in `templates/<brand>/locales/<lang>.po`. A project's own catalog,
`locales/<lang>.po` beside kapdocs.toml, comes before both: there a clinic translates or rewords
any of them, or adds a language, without touching the installed package. A string with no
translation is an error: a handout must not mix languages.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.files import note_read, per_file_version
from kapdocs.i18n.catalogs import read_catalog, usable

PACKAGE_CATALOGS = Path(__file__).parent / "locales"
#: The project's own catalogs of interface text, beside kapdocs.toml.
PROJECT_CATALOGS = "locales"


@per_file_version(maxsize=64)
def _table(path: Path, lang: str) -> dict[str, str]:
    return {text: entry.text for text, entry in usable(read_catalog(path, path, lang)).items()}


def table(path: Path, lang: str) -> dict[str, str] | None:
    """msgid → translation of a PO file (None when there is no such file)."""
    return _table(path, lang) if path.is_file() else None


def project_catalog(project_root: Path | None, lang: str) -> Path | None:
    """The project's own catalog of interface text in `lang` (`locales/<lang>.po`), noted as read."""
    if project_root is None:
        return None
    path = project_root / PROJECT_CATALOGS / f"{lang}.po"
    note_read(path)
    return path


def _project_table(project_root: Path | None, lang: str) -> dict[str, str]:
    path = project_catalog(project_root, lang)
    return (table(path, lang) or {}) if path else {}


def template_strings(lang: str, english: dict[str, str], project_root: Path | None = None) -> dict[str, str]:
    """kapdocs' template strings in `lang` (the same keys as `english`): the project's, else kapdocs' own."""
    own = _project_table(project_root, lang)
    found = {**(table(PACKAGE_CATALOGS / f"{lang}.po", lang) or {}), **own}
    if not found:
        shipped = ", ".join(sorted(p.stem for p in PACKAGE_CATALOGS.glob("*.po")))
        raise KapdocsError(f"kapdocs has no template text in `{lang}`",
                           hint=f"it ships {shipped}; for another language run `kapdocs i18n init {lang}` "
                                f"and translate {PROJECT_CATALOGS}/{lang}.po")
    if missing := [text for text in english.values() if text not in found]:
        where = Path(PROJECT_CATALOGS) / f"{lang}.po" if own or lang not in _shipped() else PACKAGE_CATALOGS / f"{lang}.po"
        raise KapdocsError(f"no {lang} translation of the template text “{missing[0]}”", where,
                           hint="add the entry (`kapdocs i18n update` adds every missing one)", rule="translation")
    return {key: found[text] for key, text in english.items()}


def _shipped() -> set[str]:
    return {path.stem for path in PACKAGE_CATALOGS.glob("*.po")}


def brand_strings(folder: Path, shown: Path, lang: str, texts: list[str],
                  project_root: Path | None = None) -> dict[str, str]:
    """A brand's own text in `lang`: the project's `locales/<lang>.po`, else the brand's `locales/<lang>.po`."""
    own_path = project_catalog(project_root, lang)
    own = (table(own_path, lang) or {}) if own_path else {}
    found = {**(table(folder / "locales" / f"{lang}.po", lang) or {}), **own}
    if missing := [text for text in texts if text not in found]:
        # The project's catalog when it has one (that is where the clinic translates), else the kit's.
        where = Path(PROJECT_CATALOGS) / f"{lang}.po" if own_path and own_path.is_file() else shown / "locales" / f"{lang}.po"
        raise KapdocsError(f"no `{lang}` translation of the brand text “{missing[0]}”", where,
                           hint=f"translate it there (msgid: the text as in brand.yaml); `kapdocs i18n init {lang}` "
                                "starts a project catalog with every brand and template text", rule="translation")
    return found
