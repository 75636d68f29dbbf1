"""Build: jobs (source × brand × language × format) → files, written atomically, one failure not
stopping the rest.

A Job is a plain value naming everything one output is made from; `render` turns it into bytes.
`build` skips the jobs whose inputs have not changed since the manifest recorded them, hands the
rest to an executor (this process, a pool of processes, or a Dask cluster), and writes
`<out>/<brand>/<lang>/<id>.pdf|.pptx` as results stream back. The library never prints: it
returns results and raises KapdocsError, and the CLI reports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kapdocs.errors import KapdocsError
from kapdocs.files import write_atomically
from kapdocs.kits import all_brands, brand_folder
from kapdocs.project import Project, catalog_path
from kapdocs.readers.header import read_header

if TYPE_CHECKING:
    from kapdocs.brand import Brand
    from kapdocs.model import Document
    from kapdocs.notice import NoticeLine

# Reading, transforming and writing are imported when a job is rendered: planning a build and
# skipping what is up to date need none of them (nor pydantic, markdown-it or the writers).

Format = Literal["pdf", "pptx"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx")
OUTPUT_OF = {"pdf": "handout", "pptx": "deck"}


@dataclass(frozen=True)
class Job:
    """Everything needed to make one output file."""

    source: Path
    brand: str = "default"
    format: Format = "pdf"
    locale: str = ""  # the language to build in; "" = the source's own
    draft: bool = False  # build an incomplete translation, stamped as a draft
    large_print: bool = False  # handouts only: the large-print variant, `<id>.large-print.pdf`
    pdf_ua: bool = False  # handouts only: a PDF/UA-1 file

    def key(self, project: Project) -> str:
        """The job's name in the manifest, the same on every machine: `handouts/x.md:default:pdf:es`."""
        flags = [name for name, on in (("large-print", self.large_print), ("pdf-ua", self.pdf_ua),
                                       ("draft", self.draft)) if on]
        return ":".join([project.shown(self.source).as_posix(), self.brand, self.format, self.locale or "-", *flags])


@dataclass
class Result:
    """What one job produced, or why it failed."""

    job: Job
    path: Path | None = None
    units: int = 0  # pages or slides
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False  # up to date: its inputs have not changed since it was built
    slow_subsetting: bool = False  # WeasyPrint subset its fonts with fontTools (about 3× slower)

    @property
    def ok(self) -> bool:
        return not self.error


def build_time(document: Document) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else the reviewed date (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
        except ValueError:
            raise KapdocsError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds",
                               hint="unset it or give seconds since 1970, e.g. $(git log -1 --format=%ct)") from None
    return dt.datetime.combine(document.meta.reviewed, dt.time())


def render_handout(project: Project, job: Job):
    """A handout job's full PdfResult (with what the layout measured) and its document."""
    from kapdocs.writers.handout.writer import write_handout

    document, brand = _prepared(project, job)
    return write_handout(document, brand, project.root, page_options(project, job, brand, document)), document


def render(project: Project, job: Job) -> tuple[bytes, int, list[str], Document]:
    """Read, transform and write one job: (bytes, pages or slides, warnings, document)."""
    try:
        return _render(project, job)
    except KapdocsError as err:
        raise err.at(project.shown(job.source)) from None


def _prepared(project: Project, job: Job) -> tuple[Document, Brand]:
    """The job's document, read and transformed, and its brand in the job's language."""
    from kapdocs.brand import load_brand, localized
    from kapdocs.readers import read_source
    from kapdocs.transforms import Context, apply_pipeline

    try:
        brand = load_brand(job.brand, project.root, large_print=job.large_print)
        if job.format == "pdf":  # before the source: a layout process parses its stylesheets meanwhile
            from kapdocs.writers.handout.writer import brand_known

            brand_known(brand, job.large_print, project.root)
        document = read_source(job.source, project.shown(job.source))
        brand = localized(brand, job.locale or document.meta.lang)
        context = Context(project, OUTPUT_OF[job.format], brand, job.locale, job.draft, job.large_print)
        return apply_pipeline(document, context), brand
    except KapdocsError as err:
        raise err.at(project.shown(job.source)) from None


def _render(project: Project, job: Job) -> tuple[bytes, int, list[str], Document]:
    if job.format == "pdf":
        result, document = render_handout(project, job)
        return result.pdf, result.pages, result.warnings, document
    from kapdocs.writers.deck import write_deck

    document, brand = _prepared(project, job)
    data, deck = write_deck(document, brand, project.root, build_time(document))
    return data, len(deck.slides), list(deck.warnings), document


def page_options(project: Project, job: Job, brand: Brand, document: Document):
    """The handout's PageOptions for a job: its date, variant and language-assistance notice."""
    from kapdocs.writers.handout.writer import PageOptions

    return PageOptions(modified=build_time(document).date(), large_print=job.large_print, pdf_ua=job.pdf_ua,
                       notice=_notice(project, brand, document, job.large_print))


def _notice(project: Project, brand: Brand, document: Document, large_print: bool) -> tuple[NoticeLine, ...]:
    """The language-assistance notice, checked against the fonts this handout prints in.

    Patients' handouts only: the notice tells patients about interpreters, not staff."""
    from kapdocs.notice import handout_notice

    if document.meta.audience != "patients":
        return ()
    return handout_notice(brand, project.settings.language_assistance, brand.fonts.of("handout", large_print))


def output_path(out: Path, job: Job, document: Document) -> Path:
    """`<out>/<brand>/<lang>/<id>.<format>`, with `.large-print` before the suffix for that variant."""
    variant = ".large-print" if job.large_print else ""
    return out / job.brand / document.meta.lang / f"{document.meta.id}{variant}.{job.format}"


def run_job(project: Project, job: Job, out: Path | None = None, target: Path | None = None) -> Result:
    """Make one file (no manifest): `target`, or its place under `out`; a KapdocsError becomes the
    result's error, never a half-written file."""
    from kapdocs.executors import make

    outcome = make(project.root, job)
    return _written(outcome, target or (out or project.root / "build") / outcome.output)


def plan_jobs(project: Project, sources: list[Path] | None = None, formats: tuple[Format, ...] = FORMATS,
              brands: tuple[str, ...] | None = None, large_print: bool = False, pdf_ua: bool = False,
              locales: tuple[str, ...] | None = None, draft: bool = False) -> list[Job]:
    """Jobs for the sources (default: all) in each brand, language and format, in a stable order.

    `brands` may hold "all": every brand kit in the project's templates/ and kapdocs' own.
    Languages: by default (or `all`) each source's own and every released language (kapdocs.toml
    `locales`) it has a catalog for; named languages are built for every source, and a missing
    catalog is that job's error. Large print is a handout variant: only PDF jobs are planned.
    """
    chosen = project.named_sources(sources)
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
        from kapdocs.i18n import locale

        for lang in filter(None, locales):  # "" is each source's own language
            locale(lang)


def languages(project: Project, source: Path, locales: tuple[str, ...] | None) -> tuple[str, ...]:
    """The languages a source is made in ("" = its own): with none named (or `all`), its own and
    every released one it has a catalog for; otherwise the named ones."""
    if locales and "all" not in locales:
        return locales
    header = read_header(source)  # front matter only: planning must stay cheap for a no-change rebuild
    doc_id, own = str(header.get("id", "")), str(header.get("lang", ""))
    if not doc_id:
        return ("",)  # an unreadable source has its own-language job, which reports the error
    return ("",) + tuple(lang for lang in project.settings.locales
                         if lang != own and catalog_path(source, doc_id, lang).is_file())


def shard(jobs: list[Job], project: Project, index: int, count: int) -> list[Job]:
    """Shard `index` of `count` (1-based): each job lands in exactly one shard, by a hash of its key,
    so a shard keeps its jobs when other sources are added."""
    if not 1 <= index <= count:
        raise KapdocsError(f"shard {index}/{count} does not exist", hint="give K/N with 1 ≤ K ≤ N, e.g. --shard 2/4")
    return [job for job in jobs
            if int(hashlib.sha256(job.key(project).encode()).hexdigest(), 16) % count == index - 1]


@dataclass
class BuildOptions:
    """How to run a batch: where, on how many processes, and whether to skip what is up to date."""

    out: Path | None = None
    workers: int = 1
    force: bool = False
    executor: Literal["local", "dask"] = "local"
    scheduler: str = ""
    shard: bool = False  # a shard always leaves a manifest, even an empty one, for `manifest merge`


def build(project: Project, jobs: list[Job], options: BuildOptions = BuildOptions(),
          on_result: Callable[[Result], None] = lambda result: None) -> list[Result]:
    """Run every job not up to date; each failure is recorded and the others still run.

    Files are written here as results arrive, each recorded in the manifest's journal as soon as
    it is written, so a stopped build (Ctrl-C, or killed) leaves every output whole and the next
    run goes on from where it stopped."""
    from kapdocs.manifest import FILE_NAME, Manifest, fingerprint

    out = options.out or project.root / "build"
    manifest = Manifest.load(out / FILE_NAME)
    results: list[Result] = []
    todo: list[Job] = []
    for job in jobs:
        key = job.key(project)
        entry = None if options.force else manifest.fresh(key, fingerprint(key), project.root, out)
        if entry is None:
            todo.append(job)
        else:
            results.append(Result(job, out / entry.output, entry.units, warnings=list(entry.warnings), skipped=True))
            on_result(results[-1])
    try:
        for outcome in _outcomes(project, todo, options):
            results.append(_keep(project, outcome, out, manifest))
            on_result(results[-1])
    finally:
        if manifest.journal.is_file() or (options.shard and not manifest.path.is_file()):
            manifest.save()
    return results


def _outcomes(project: Project, jobs: list[Job], options: BuildOptions) -> Iterator:
    if not jobs:
        return iter(())
    from kapdocs import executors

    if options.executor == "dask":
        return executors.run_dask(project.root, jobs, options.scheduler)
    if options.workers <= 1 or len(jobs) == 1:
        return executors.run_here(project.root, jobs)
    return executors.run_pool(project.root, jobs, min(options.workers, len(jobs)))


def _keep(project: Project, outcome, out: Path, manifest) -> Result:
    """Write a finished job's bytes and record it in the manifest."""
    from kapdocs.manifest import Entry, fingerprint

    result = _written(outcome, out / outcome.output)
    if result.path is not None:
        stat = result.path.stat()
        key = outcome.job.key(project)
        manifest.record(key, Entry(outcome.output, fingerprint(key), outcome.inputs,
                                   hashlib.sha256(outcome.data).hexdigest(), (stat.st_size, stat.st_mtime_ns),
                                   outcome.units, outcome.warnings))
    return result


def _written(outcome, path: Path) -> Result:
    """A finished job's result, its bytes written to `path` whole (unless the job failed)."""
    result = Result(outcome.job, units=outcome.units, seconds=outcome.seconds, warnings=outcome.warnings,
                    error=outcome.error, slow_subsetting=outcome.slow_subsetting)
    if result.ok:
        try:
            write_atomically(path, outcome.data)
            result.path = path
        except KapdocsError as err:
            result.error = str(err)
    return result
