"""The translators' workflow on a project: extract templates, update catalogs, report status.

Library functions for `kapdocs i18n …`; they return what they did and raise KapdocsError, and
the CLI reports. Segments are read from each source's own text (all output branches, not its
includes: an included section is translated in its own file's catalog).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kapdocs.i18n import catalogs
from kapdocs.i18n.segments import segments_of
from kapdocs.model import Document
from kapdocs.support.project import Project, catalog_path, template_path
from kapdocs.readers import read_source


@dataclass(frozen=True)
class CatalogStatus:
    """One document in one language."""

    source: Path  # as shown to the user
    lang: str
    catalog: Path | None  # None: the document has no catalog in this language
    counts: catalogs.Counts | None  # against the source as it is now; obsolete = stale entries
    released: bool = False  # kapdocs.toml releases this language


def _template(project: Project, source: Path) -> tuple[Document, catalogs.Catalog]:
    """The source, read, and its template catalog as the source is now."""
    document = read_source(source, project.shown(source), project.settings.limits)
    return document, catalogs.make_template(segments_of(document), project.shown(source), document.meta.id)


def _catalogs(project: Project, sources: list[Path], langs: tuple[str, ...]):
    """(source, its id, template, language, catalog path) for each source in each language other than its own."""
    for source in sources:
        document, template = _template(project, source)
        for lang in langs:
            if lang != document.meta.lang:
                yield source, document.meta.id, template, lang, catalog_path(source, document.meta.id, lang)


@dataclass(frozen=True)
class Extracted:
    """One template: where it is (as shown), how many segments, and whether the file was out of date."""

    template: Path
    segments: int
    stale: bool


def extract(project: Project, sources: list[Path], check: bool = False) -> list[Extracted]:
    """Write `<folder>/locales/<id>.pot` for each source; with `check`, write nothing and only say which differ."""
    done = []
    for source in sources:
        document, template = _template(project, source)
        path = template_path(source, document.meta.id)
        text = catalogs.text_of(template).encode("utf-8")
        stale = not path.is_file() or path.read_bytes() != text
        if stale and not check:
            catalogs.write_catalog(template, path)
        done.append(Extracted(project.shown(path), len(template), stale))
    return done


def update(project: Project, sources: list[Path], langs: tuple[str, ...]) -> list[CatalogStatus]:
    """Create or update `<folder>/locales/<lang>/<id>.po` for each source and language."""
    done = []
    for source, _, template, lang, path in _catalogs(project, sources, langs):
        catalog = catalogs.update_catalog(template, path, project.shown(path), lang)
        catalogs.write_catalog(catalog, path)
        done.append(CatalogStatus(project.shown(source), lang, project.shown(path), catalogs.counts(catalog)))
    return done


def status(project: Project, sources: list[Path], langs: tuple[str, ...]) -> list[CatalogStatus]:
    """Translated, fuzzy, missing and stale entries per document and language, against the source as it is now."""
    out = []
    for source, doc_id, template, lang, path in _catalogs(project, sources, langs):
        released = project.settings.is_released(doc_id, lang)
        if not path.is_file():
            out.append(CatalogStatus(project.shown(source), lang, None, None, released))
            continue
        catalog = catalogs.update_catalog(template, path, project.shown(path), lang)  # in memory only
        out.append(CatalogStatus(project.shown(source), lang, project.shown(path), catalogs.counts(catalog), released))
    return out


def catalog_languages(project: Project) -> tuple[str, ...]:
    """Every language the project has a catalog in (`<folder>/locales/<lang>/`, `locales/<lang>.po`), and every released one."""
    found = set(project.settings.languages)
    for folder in (project.root / name / "locales" for name in ("handouts", "decks")):
        found.update(child.name for child in folder.iterdir() if child.is_dir()) if folder.is_dir() else None
    found.update(path.stem for path in (project.root / "locales").glob("*.po"))
    return tuple(sorted(found))
