"""Planning a batch: which jobs (source × language × brand × format) a build makes, and shards of them.

Planning reads front matter only (kapdocs.readers.header), so that a no-change rebuild stays cheap.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kapdocs.brand.kits import all_brands, brand_folder
from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Format, Job
from kapdocs.readers.header import read_header
from kapdocs.support.project import Project, catalog_path


def plan_jobs(project: Project, sources: list[Path] | None = None, formats: tuple[Format, ...] | None = None,
              brands: tuple[str, ...] | None = None, large_print: bool = False, pdf_ua: bool = False,
              locales: tuple[str, ...] | None = None, draft: bool = False) -> list[Job]:
    """Jobs for the sources (default: all) in each brand, language and format, in a stable order.

    `brands` may hold "all": every brand kit in the project's templates/ and kapdocs' own.
    Languages: by default (or `all`) each source's own and every released language (kapdocs.toml
    `locales`) it has a catalog for; named languages are built for every source, and a missing
    catalog is that job's error. Large print is a handout variant: only PDF jobs are planned.
    """
    chosen = project.named_sources(sources)
    formats = formats or project.settings.formats  # kapdocs.toml `formats`, by default pdf and pptx
    keys = brands or tuple(project.settings.brands)
    if "all" in keys:
        keys = all_brands(project.root)
    require_known(project, keys, locales)
    if large_print:
        formats = ("pdf",)
    return [Job(source, brand, fmt, lang, draft, large_print, pdf_ua and fmt == "pdf") for source in chosen
            for lang in languages(project, source, locales) for brand in keys for fmt in formats]


def require_known(project: Project, brands: tuple[str, ...], locales: tuple[str, ...] | None) -> None:
    """Stop on a brand or language that does not exist, as one error before any job, not one per
    source, language and format. (A real language with no catalog is each job's own error.)"""
    for key in brands:
        brand_folder(key, project.root)
    if locales and "all" not in locales:
        from kapdocs.i18n.language import locale

        for lang in filter(None, locales):  # "" is each source's own language
            locale(lang)


@dataclass(frozen=True)
class Skip:
    """A source not built in one of the project's languages, and why."""

    source: Path  # as shown
    lang: str
    reason: str


def _why_not(project: Project, source: Path, doc_id: str, lang: str) -> str:
    """Why a source is not built in a language of the project ("" when it is)."""
    if not project.settings.is_released(doc_id, lang):
        return f"not released in {lang} (kapdocs.toml)"
    if not catalog_path(source, doc_id, lang).is_file():
        return f"released in {lang} but has no catalog (kapdocs i18n update --locale {lang})"
    return ""


def _project_languages(project: Project, source: Path) -> list[tuple[str, str]]:
    """(language, why it is not built, or "") for each of the project's languages other than the source's own."""
    header = read_header(source)  # front matter only: planning must stay cheap for a no-change rebuild
    doc_id, own = str(header.get("id", "")), str(header.get("lang", ""))
    if not doc_id:
        return []  # an unreadable source has its own-language job, which reports the error
    return [(lang, _why_not(project, source, doc_id, lang)) for lang in project.settings.languages if lang != own]


def languages(project: Project, source: Path, locales: tuple[str, ...] | None) -> tuple[str, ...]:
    """The languages a source is made in ("" = its own): with none named (or `all`), its own and
    every one it is released in and has a catalog for; otherwise the named ones."""
    if locales and "all" not in locales:
        return locales
    return ("",) + tuple(lang for lang, why in _project_languages(project, source) if not why)


def skipped(project: Project, sources: list[Path] | None, locales: tuple[str, ...] | None) -> list[Skip]:
    """Each source × language of the project that a build of `locales` (none or `all`) leaves out, and why."""
    if locales and "all" not in locales:
        return []
    return [Skip(project.shown(source), lang, why) for source in project.named_sources(sources)
            for lang, why in _project_languages(project, source) if why]


def shard(jobs: list[Job], project: Project, index: int, count: int) -> list[Job]:
    """Shard `index` of `count` (1-based): each job lands in exactly one shard, by a hash of its key,
    so a shard keeps its jobs when other sources are added."""
    if not 1 <= index <= count:
        raise KapdocsError(f"shard {index}/{count} does not exist", hint="give K/N with 1 ≤ K ≤ N, e.g. --shard 2/4")
    return [job for job in jobs
            if int(hashlib.sha256(job.key(project).encode()).hexdigest(), 16) % count == index - 1]
