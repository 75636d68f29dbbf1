"""A project's own catalog of interface text: kapdocs' template strings and its brands' text →
`locales/kapdocs.pot` and `locales/<lang>.po` beside kapdocs.toml.

The project's catalog comes before the brand kits' and kapdocs' own (kapdocs.i18n.strings), so a
clinic can reword a label, translate its brand, or add a language kapdocs does not ship, all
inside its project: `kapdocs i18n init LANG` starts one, filled in from the built-in catalogs
where they have the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kapdocs.brand.schema import load_brand, own_texts
from kapdocs.errors import KapdocsError
from kapdocs.i18n import catalogs
from kapdocs.i18n.labels import LABELS
from kapdocs.i18n.language import locale
from kapdocs.i18n.strings import PACKAGE_CATALOGS, PROJECT_CATALOGS, table
from kapdocs.support.project import Project

TEMPLATE = "kapdocs.pot"


@dataclass(frozen=True)
class Written:
    """A catalog written or checked: where (as shown), its counts, and whether its bytes changed."""

    path: Path
    counts: catalogs.Counts | None
    changed: bool


def _texts(project: Project) -> list[tuple[str, str, str]]:
    """(text, note, where) of every template string and every brand text the project prints."""
    found = {text: (f"template string `{key}`", "kapdocs/i18n/labels.py") for key, text in LABELS.items()}
    for key in project.settings.brands:
        brand = load_brand(key, project.root)
        for text in own_texts(brand):
            found.setdefault(text, (f"text of the brand `{key}`", f"templates/{key}/brand.yaml"))
    return [(text, note, where) for text, (note, where) in found.items()]


def template(project: Project) -> catalogs.Catalog:
    """The project's interface template, as its brands and kapdocs' labels are now."""
    return catalogs.string_template(_texts(project), project.settings.name)


def _built_in(project: Project, lang: str) -> dict[str, str]:
    """What kapdocs' and the brand kits' own catalogs already translate into `lang`."""
    from kapdocs.brand.kits import brand_folder

    known = dict(table(PACKAGE_CATALOGS / f"{lang}.po", lang) or {})
    for key in project.settings.brands:
        known.update(table(brand_folder(key, project.root) / "locales" / f"{lang}.po", lang) or {})
    return known


def extract(project: Project, check: bool = False) -> Written:
    """Write `locales/kapdocs.pot` (with `check`, only say whether it is out of date)."""
    path = project.root / PROJECT_CATALOGS / TEMPLATE
    text = catalogs.text_of(template(project)).encode("utf-8")
    changed = not path.is_file() or path.read_bytes() != text
    if changed and not check:
        catalogs.write_catalog(template(project), path)
    return Written(project.shown(path), None, changed)


def update(project: Project, langs: tuple[str, ...]) -> list[Written]:
    """Bring each language's `locales/<lang>.po` that exists up to the template (as msgmerge would)."""
    done = []
    for lang in langs:
        path = project.root / PROJECT_CATALOGS / f"{lang}.po"
        if path.is_file():
            catalog = catalogs.update_catalog(template(project), path, project.shown(path), lang)
            done.append(Written(project.shown(path), catalogs.counts(catalog), catalogs.write_catalog(catalog, path)))
    return done


def status(project: Project, langs: tuple[str, ...]) -> list[Written]:
    """Each language's `locales/<lang>.po` that exists, counted against the template as it is now
    (in memory: nothing is written)."""
    done = []
    for lang in langs:
        path = project.root / PROJECT_CATALOGS / f"{lang}.po"
        if path.is_file():
            catalog = catalogs.update_catalog(template(project), path, project.shown(path), lang)
            done.append(Written(project.shown(path), catalogs.counts(catalog), False))
    return done


def init(project: Project, lang: str) -> Written:
    """Start `locales/<lang>.po`, filled in from the built-in catalogs where they have the text."""
    locale(lang)  # an unknown language is an error before anything is written
    path = project.root / PROJECT_CATALOGS / f"{lang}.po"
    if path.exists():
        raise KapdocsError(f"the project already has a {lang} catalog", project.shown(path),
                           hint=f"bring it up to date with `kapdocs i18n update --locale {lang}`")
    extract(project)
    catalog = catalogs.prefilled(catalogs.new_translation(template(project), lang), _built_in(project, lang))
    catalogs.write_catalog(catalog, path)
    return Written(project.shown(path), catalogs.counts(catalog), True)
