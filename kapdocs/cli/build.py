"""`kapdocs build`, `kapdocs handout` and `kapdocs deck`: make outputs, many or one."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kapdocs.cli.audit import audit_made, report_build_audit
from kapdocs.cli.check import report_planned_check
from kapdocs.cli.options import BrandOption, ProjectOption, find_project
from kapdocs.errors import EXIT_CODES, KapdocsError


class FormatOption(str, Enum):
    pdf = "pdf"
    pptx = "pptx"
    html = "html"


class ExecutorOption(str, Enum):
    local = "local"
    dask = "dask"


def build(
    sources: Optional[List[Path]] = typer.Argument(None, help="Sources to build (default: every file in handouts/ and decks/)."),
    format: Optional[List[FormatOption]] = typer.Option(None, "--format", "-f", help="pdf, pptx or html (repeatable; default: kapdocs.toml `formats`, else pdf and pptx)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: build/ in the project)."),
    brand: Optional[List[str]] = typer.Option(None, "--brand", help="Brand kit (repeatable; `all` for every one; default: the project's brands)."),
    large_print: bool = typer.Option(False, "--large-print", help="Build the large-print handouts (<id>.large-print.pdf) instead."),
    pdf_ua: bool = typer.Option(False, "--pdf-ua", help="Write handouts as PDF/UA-1."),
    locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; `all`; default: the source's and every released one with a catalog)."),
    draft: bool = typer.Option(False, "--draft", help="Build incomplete translations anyway, stamped DRAFT on every page and slide."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: the number of cores)."),
    force: bool = typer.Option(False, "--force", help="Rebuild everything, even what is up to date."),
    shard: str = typer.Option("", "--shard", help="Build only slice K of N of the jobs, as K/N (for CI matrices)."),
    executor: ExecutorOption = typer.Option(ExecutorOption.local, "--executor", help="local (processes here) or dask."),
    scheduler: str = typer.Option("", "--scheduler", help="The Dask scheduler's address, with --executor dask."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON (for machines)."),
    run_check: bool = typer.Option(False, "--check", help="Run `kapdocs check` first, on exactly the brands, languages "
                                   "and variant to build; build only if it passes."),
    run_audit: bool = typer.Option(False, "--audit", help="Read every output back afterwards (`kapdocs audit`); "
                                   "exit code 1 on any finding."),
    strict: bool = typer.Option(False, "--strict", help="A source left out of one of the project's languages is an error (nothing is built)."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Build handouts, decks and web handouts into build/<brand>/<lang>/<id>.pdf, .pptx and .html; skip what is up to date."""
    import time

    from kapdocs.batch.build import BuildOptions, build as build_all
    from kapdocs.batch.catalog import write_catalog
    from kapdocs.batch.plan import plan_jobs, shard as shard_of, skipped
    from kapdocs.batch.progress import BatchReport

    started = time.perf_counter()
    proj = find_project(project)
    formats = tuple(f.value for f in format) if format else None
    planned = plan_jobs(proj, sources, formats, tuple(brand) if brand else None, large_print, pdf_ua,
                        tuple(locale) if locale else None, draft)
    left_out = skipped(proj, sources, tuple(locale) if locale else None)
    for skip in left_out:
        typer.echo(f"skipped {skip.source} in {skip.lang}: {skip.reason}", err=True)
    if strict and left_out:
        raise KapdocsError(f"{len(left_out)} source × language pair(s) would be left out, so nothing was built",
                           hint="release every source in every language with a complete catalog, or build without --strict")
    if shard:
        planned = shard_of(planned, proj, *_shard(shard))
    if run_check and not report_planned_check(proj, planned):
        raise KapdocsError("the check found errors, so nothing was built", hint="fix them, or waive a rule in the "
                           "source's front matter with a reason (`waive: {rule-id: reason}`)")
    if executor is ExecutorOption.dask and not scheduler:
        raise KapdocsError("--executor dask needs --scheduler ADDRESS", hint="give it as tcp://HOST:8786")
    _check_out(proj, out)
    options = BuildOptions(out, jobs or os.cpu_count() or 1, force, executor.value, scheduler, bool(shard),
                           ours=_made_by_kapdocs, audit=audit_made if run_audit else None)
    with BatchReport(proj, len(planned), as_json) as report:
        results = build_all(proj, planned, options, report.add, report.warn)
    write_catalog(proj, out or proj.root / "build", results, _first_page, first_slide=_first_slide)
    report.finish(time.perf_counter() - started)
    audited = not run_audit or report_build_audit(proj, results)
    if any(r.internal for r in results):
        raise typer.Exit(EXIT_CODES["internal"])
    if any(not r.ok for r in results) or not audited:
        raise typer.Exit(EXIT_CODES["input"])


def _check_out(project, out: Optional[Path]) -> None:
    """The output folder: a folder or nothing yet, and not inside a brand kit."""
    if out is None:
        return
    if out.exists() and not out.is_dir():
        raise KapdocsError("--out must name a folder", out, hint="name a folder for the outputs, e.g. build/")
    if project.holds_input(out):
        raise KapdocsError("--out is inside the project's inputs", out, hint="build into a folder of its own, e.g. build/")


def _made_by_kapdocs(path: Path) -> bool:
    from kapdocs.audit.pdf import made_by_kapdocs  # pypdfium2, loaded only when a file is in the way

    return made_by_kapdocs(path)


def _first_page(pdf: bytes) -> bytes:
    """Page 1 of a handout as a small PNG for the catalog (the PDF reader loads only when one is new)."""
    from kapdocs.audit.pdf import first_page_png

    return first_page_png(pdf)


def _first_slide(pptx: bytes) -> bytes:
    """Slide 1 of a deck as a small PNG for the catalog, drawn from the PPTX without LibreOffice."""
    from kapdocs.support.pictures import slide_png
    from kapdocs.writers.deck.sketch import first_slide

    return slide_png(first_slide(pptx))


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()):
        raise KapdocsError(f"--shard {text} is not K/N", hint="give it as K/N, e.g. --shard 2/4")
    return int(index), int(count)


LocaleOption = typer.Option("", "--locale", help="Language to make it in (default: the source's own).")
DraftOption = typer.Option(False, "--draft", help="Make an incomplete translation anyway, stamped DRAFT.")
ForceOption = typer.Option(False, "--force", help="Replace the file at -o even if kapdocs did not make it.")


def handout(source: Path = typer.Argument(..., help="The Markdown source."),
            output: Path = typer.Option(..., "-o", "--output", help="The PDF file to write."),
            brand: str = BrandOption, locale: str = LocaleOption, draft: bool = DraftOption,
            large_print: bool = typer.Option(False, "--large-print", help="The large-print handout."),
            pdf_ua: bool = typer.Option(False, "--pdf-ua", help="Write it as PDF/UA-1."),
            force: bool = ForceOption, project: Optional[Path] = ProjectOption) -> None:
    """Build one handout PDF, e.g. the Spanish intake form in large print to print at the front desk."""
    _single(source, output, project, force, brand=brand, format="pdf", locale=locale, draft=draft,
            large_print=large_print, pdf_ua=pdf_ua)


def deck(source: Path = typer.Argument(..., help="The Markdown source."),
         output: Path = typer.Option(..., "-o", "--output", help="The PPTX file to write."),
         brand: str = BrandOption, locale: str = LocaleOption, draft: bool = DraftOption,
         force: bool = ForceOption, project: Optional[Path] = ProjectOption) -> None:
    """Build one PowerPoint deck."""
    _single(source, output, project, force, brand=brand, format="pptx", locale=locale, draft=draft)


def _single(source: Path, output: Path, project: Optional[Path], force: bool, **job) -> None:
    from kapdocs.batch.ahead import rendering_ahead
    from kapdocs.batch.build import Replacing, check_target, run_job
    from kapdocs.batch.plan import require_known
    from kapdocs.pipeline import Job

    with rendering_ahead(job["format"] == "pdf"):  # WeasyPrint loads in a child while the source is read
        proj = find_project(project or source.resolve().parent)
        if not source.is_file():
            raise KapdocsError("no such source file", source, hint="check the path")
        replacing = Replacing(force, _made_by_kapdocs)
        check_target(proj, output, replacing, {str(source.resolve()): ""})  # before the work, and again after
        single = Job(source.resolve(), **job)
        require_known(proj, (single.brand,), (single.locale,))
        result = run_job(proj, single, target=output, replacing=replacing)
    _report(proj, [result])
    if not result.ok:
        raise typer.Exit(1)


def _report(project, results) -> None:
    """One line per output made (and its warnings), or its error."""
    from kapdocs.pipeline import UNIT_OF

    for r in results:
        if r.ok:
            unit = UNIT_OF[r.job.format]
            typer.echo(f"built {project.shown(r.path)} ({r.units} {unit}, {r.seconds:.2f} s)")
            for warning in r.warnings:
                typer.echo(f"  warning: {warning}", err=True)
        else:
            typer.echo(f"error: {r.error}", err=True)
    failed = sum(not r.ok for r in results)
    if len(results) > 1:
        typer.echo(f"{len(results) - failed} built, {failed} failed")


