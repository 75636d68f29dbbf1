"""The `kapdocs` command: parse options, call one library function, report.

Thin on purpose: the work is in build.py and the writers. Bad input ends as one line,
`error: file:line: message. what to do`, and exit code 1, never a traceback. Heavy
libraries are imported inside the commands, so `kapdocs --help` starts fast.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kapdocs import __version__
from kapdocs.errors import KapdocsError

app = typer.Typer(help="Build branded patient handouts (PDF) and staff decks (PPTX) from Markdown.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
template_app = typer.Typer(help="Work with brand templates.", no_args_is_help=True)
app.add_typer(template_app, name="template")
i18n_app = typer.Typer(help="Translation catalogs (gettext PO) for translators.", no_args_is_help=True)
app.add_typer(i18n_app, name="i18n")
form_app = typer.Typer(help="Intake forms: read the answers back from a filled-in PDF.", no_args_is_help=True)
app.add_typer(form_app, name="form")
manifest_app = typer.Typer(help="Build manifests (what each output was made from).", no_args_is_help=True)
app.add_typer(manifest_app, name="manifest")


class FormatOption(str, Enum):
    pdf = "pdf"
    pptx = "pptx"


class ExecutorOption(str, Enum):
    local = "local"
    dask = "dask"


ProjectOption = typer.Option(None, "--project", help="The project folder (default: the one containing the working folder).")
BrandOption = typer.Option("default", "--brand", help="Brand kit under templates/.")


def _project(folder: Optional[Path]):
    from kapdocs.project import Project

    return Project.find(folder)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kapdocs {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Print the version and exit.")) -> None:
    """kapdocs: one Markdown source per topic → handouts and decks."""


@app.command()
def build(
    sources: Optional[List[Path]] = typer.Argument(None, help="Sources to build (default: every file in handouts/ and decks/)."),
    format: Optional[List[FormatOption]] = typer.Option(None, "--format", "-f", help="pdf or pptx (repeatable; default both)."),
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
    run_check: bool = typer.Option(False, "--check", help="Run `kapdocs check` first; build only if it passes."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Build handouts and decks into build/<brand>/<lang>/<id>.pdf and .pptx; skip what is up to date."""
    import time

    from kapdocs import build as builder
    from kapdocs.progress import BatchReport

    started = time.perf_counter()
    proj = _project(project)
    formats = tuple(f.value for f in format) if format else builder.FORMATS
    planned = builder.plan_jobs(proj, sources, formats, tuple(brand) if brand else None, large_print, pdf_ua,
                                tuple(locale) if locale else None, draft)
    if shard:
        planned = builder.shard(planned, proj, *_shard(shard))
    if run_check and not _run_check(proj, proj.named_sources(sources), _check_languages(proj, locale or ["all"]),
                                    (brand or ["default"])[0], False, False):
        raise KapdocsError("the check found errors, so nothing was built", hint="fix them, or waive a rule in the "
                           "source's front matter with a reason (`waive: {rule-id: reason}`)")
    if executor is ExecutorOption.dask and not scheduler:
        raise KapdocsError("--executor dask needs --scheduler ADDRESS", hint="give it as tcp://HOST:8786")
    options = builder.BuildOptions(out, jobs or os.cpu_count() or 1, force, executor.value, scheduler, bool(shard))
    with BatchReport(proj, len(planned), as_json) as report:
        results = builder.build(proj, planned, options, report.add)
    report.finish(time.perf_counter() - started)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()):
        raise KapdocsError(f"--shard {text} is not K/N", hint="give it as K/N, e.g. --shard 2/4")
    return int(index), int(count)


@app.command()
def check(
    sources: Optional[List[Path]] = typer.Argument(None, help="Sources to check (default: every file in handouts/ and decks/)."),
    locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; `all`: each source's own and every released one)."),
    brand: str = BrandOption,
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    large_print: bool = typer.Option(False, "--large-print", help="Check the large-print handouts (18 pt, 7:1)."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Review handouts as a clinic does by hand: reading level, clarity, accessibility, document control."""
    proj = _project(project)
    if not _run_check(proj, proj.named_sources(sources), _check_languages(proj, locale), brand, strict, as_json,
                      large_print):
        raise typer.Exit(1)


def _check_languages(proj, locale: Optional[List[str]]) -> tuple[str, ...]:
    """Each source's own language by default; `all` as a build plans it (see build.languages)."""
    return tuple(locale) if locale else ("",)


def _run_check(proj, sources, languages, brand: str, strict: bool, as_json: bool, large_print: bool = False) -> bool:
    """Run the checks and report them; True when they pass (no errors; no warnings if strict)."""
    import json

    from kapdocs.build import require_known
    from kapdocs.check import check_documents

    require_known(proj, (brand,), languages)
    reports = check_documents(proj, sources, languages, brand, large_print=large_print)
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    if as_json:
        typer.echo(json.dumps({"documents": [
            {"source": r.source, "lang": r.lang, "measures": r.measures,
             "findings": [vars(f) for f in r.findings],
             "waived": [{**vars(f), "reason": reason} for f, reason in r.waived]} for r in reports],
            "errors": errors, "warnings": warnings}, ensure_ascii=False, indent=1))
    else:
        for r in reports:
            measures = ", ".join(f"{k}: {v}" for k, v in r.measures.items())
            typer.echo(f"{r.source} [{r.lang}]" + (f"  {measures}" if measures else ""))
            for finding in r.findings:
                typer.echo(f"  {finding}")
            for finding, reason in r.waived:
                typer.echo(f"  waived {finding.rule}: {reason} (was: {finding.message})")
        typer.echo(f"{len(reports)} documents checked: {errors} errors, {warnings} warnings")
    return errors == 0 and (not strict or warnings == 0)


@form_app.command("read")
def form_read(filled: Path = typer.Argument(..., help="A filled-in handout PDF."),
              as_json: bool = typer.Option(False, "--json", help="Print the answers as JSON.")) -> None:
    """The answers in a filled-in form: text as typed, check boxes true/false, yes/no as yes, no or empty."""
    import json

    from kapdocs.check.pdf import form_values

    if not filled.is_file():
        raise KapdocsError("no such file", filled, hint="give the path of the filled-in PDF")
    try:
        values = form_values(filled.read_bytes())
    except Exception as err:  # pdfium's own error for a file that is not a PDF
        raise KapdocsError(f"cannot read the PDF ({err})", filled, hint="check that it is the PDF the patient returned") from None
    if not values:
        raise KapdocsError("the PDF has no form fields", filled, hint="give a handout built from a source with ::: form")
    if as_json:
        typer.echo(json.dumps(values, ensure_ascii=False, indent=1))
        return
    for name, value in values.items():
        shown = "yes" if value is True else "no" if value is False else "" if value is None else value
        typer.echo(f"{name}: {shown}")


@manifest_app.command("merge")
def manifest_merge(manifests: List[Path] = typer.Argument(..., help="Shard manifests to join."),
                   output: Path = typer.Option(..., "-o", "--output", help="The merged manifest (e.g. build/manifest.json).")) -> None:
    """Join the manifests of sharded builds into one, so the next build skips what any shard built."""
    from kapdocs.manifest import Manifest

    merged = Manifest(output)
    for path in manifests:
        if not path.is_file():
            raise KapdocsError("no such manifest", path, hint="give the manifest.json of each shard's output folder")
        merged.merge(Manifest.load(path))
    merged.save()
    typer.echo(f"wrote {output} ({len(merged.entries)} outputs)")


LocaleOption = typer.Option("", "--locale", help="Language to make it in (default: the source's own).")
DraftOption = typer.Option(False, "--draft", help="Make an incomplete translation anyway, stamped DRAFT.")


@app.command()
def handout(source: Path = typer.Argument(..., help="The Markdown source."),
            output: Path = typer.Option(..., "-o", "--output", help="The PDF file to write."),
            brand: str = BrandOption, locale: str = LocaleOption, draft: bool = DraftOption,
            large_print: bool = typer.Option(False, "--large-print", help="The large-print handout."),
            pdf_ua: bool = typer.Option(False, "--pdf-ua", help="Write it as PDF/UA-1."),
            project: Optional[Path] = ProjectOption) -> None:
    """Build one handout PDF, e.g. the Spanish intake form in large print to print at the front desk."""
    _single(source, output, project, brand=brand, format="pdf", locale=locale, draft=draft,
            large_print=large_print, pdf_ua=pdf_ua)


@app.command()
def deck(source: Path = typer.Argument(..., help="The Markdown source."),
         output: Path = typer.Option(..., "-o", "--output", help="The PPTX file to write."),
         brand: str = BrandOption, locale: str = LocaleOption, draft: bool = DraftOption,
         project: Optional[Path] = ProjectOption) -> None:
    """Build one PowerPoint deck."""
    _single(source, output, project, brand=brand, format="pptx", locale=locale, draft=draft)


def _single(source: Path, output: Path, project: Optional[Path], **job) -> None:
    from kapdocs import build as builder
    from kapdocs.ahead import rendering_ahead

    with rendering_ahead(job["format"] == "pdf"):  # WeasyPrint loads in a child while the source is read
        proj = _project(project or source.resolve().parent)
        if not source.is_file():
            raise KapdocsError("no such source file", source, hint="check the path")
        single = builder.Job(source.resolve(), **job)
        builder.require_known(proj, (single.brand,), (single.locale,))
        result = builder.run_job(proj, single, target=output)
    _report(proj, [result])
    if not result.ok:
        raise typer.Exit(1)


@template_app.command("master")
def template_master(brand: str = typer.Argument("default", help="Brand kit whose colours and fonts to use."),
                    output: Path = typer.Option(..., "-o", "--output", help="The .pptx master to write."),
                    project: Optional[Path] = ProjectOption) -> None:
    """Generate a 16:9 PowerPoint master in a brand's colours, fonts and logo."""
    from kapdocs.brand import load_brand
    from kapdocs.build import write_atomically
    from kapdocs.writers.deck.powerpoint import make_master

    proj = _project(project)
    write_atomically(output, make_master(load_brand(brand, proj.root), MASTER_DATE))
    typer.echo(f"wrote {output}")


@template_app.command("check")
def template_check(master: Path = typer.Argument(..., help="The .pptx master (or any deck) to check.")) -> None:
    """List a master's layouts and placeholders and which kapdocs slides each can serve."""
    from kapdocs.writers.deck.layouts import describe
    from kapdocs.writers.deck.powerpoint import read_master

    if not master.is_file():
        raise KapdocsError("no such file", master, hint="give the path of a .pptx file")
    lines, ok = describe(read_master(master))
    typer.echo("\n".join(lines))
    if not ok:
        raise typer.Exit(1)


def _languages(proj, locale: Optional[List[str]]) -> tuple[str, ...]:
    if not locale or "all" in locale:
        return tuple(proj.settings.locales)
    return tuple(locale)


SourcesArgument = typer.Argument(None, help="Sources (default: every file in handouts/ and decks/).")


@i18n_app.command("extract")
def i18n_extract(sources: Optional[List[Path]] = SourcesArgument, project: Optional[Path] = ProjectOption) -> None:
    """Write a template catalog (<folder>/locales/<id>.pot) for each source."""
    from kapdocs.translations import extract

    proj = _project(project)
    for path, count in extract(proj, proj.named_sources(sources)):
        typer.echo(f"wrote {path} ({count} segments)")


@i18n_app.command("update")
def i18n_update(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; `all`: the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Create or update <folder>/locales/<lang>/<id>.po; changed source text turns its entry fuzzy."""
    from kapdocs.translations import update

    proj = _project(project)
    for done in update(proj, proj.named_sources(sources), _languages(proj, locale)):
        typer.echo(f"wrote {done.catalog} ({done.counts})")


@i18n_app.command("status")
def i18n_status(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; default: the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Translated / fuzzy / untranslated per document and language; exit 1 if a released one is incomplete."""
    from kapdocs.translations import status

    proj = _project(project)
    incomplete = 0
    typer.echo(f"{'document':<36}{'lang':<9}{'translated':>11}{'fuzzy':>7}{'untranslated':>14}")
    for row in status(proj, proj.named_sources(sources), _languages(proj, locale)):
        if row.counts is None:
            typer.echo(f"{str(row.source):<36}{row.lang:<9}{'no catalog':>32}")
            continue
        c = row.counts
        incomplete += not c.complete
        typer.echo(f"{str(row.source):<36}{row.lang:<9}{c.translated:>11}{c.fuzzy:>7}{c.untranslated:>14}")
    if incomplete:
        typer.echo(f"{incomplete} catalog(s) incomplete: those languages will not build without --draft", err=True)
        raise typer.Exit(1)


#: The generated master's fixed date, so regenerating it gives the same bytes.
MASTER_DATE = dt.datetime(2026, 1, 1)


def _report(project, results) -> None:
    for r in results:
        if r.ok:
            unit = "pages" if r.job.format == "pdf" else "slides"
            typer.echo(f"built {project.shown(r.path)} ({r.units} {unit}, {r.seconds:.2f} s)")
            for warning in r.warnings:
                typer.echo(f"  warning: {warning}", err=True)
        else:
            typer.echo(f"error: {r.error}", err=True)
    failed = sum(not r.ok for r in results)
    if len(results) > 1:
        typer.echo(f"{len(results) - failed} built, {failed} failed")


def main() -> None:
    """Entry point: run the app; user errors become one line, bugs a short note."""
    try:
        _run()
    except SystemExit as done:
        _end(done.code)


def _end(code: int | str | None) -> None:
    """End the process as soon as its work is done, skipping Python's teardown of every module
    and object: after `kapdocs handout` had written its file and printed its line, that took
    0.11-0.19 s of its 1.7-1.8 s. The exit handlers still run (the font copies are removed, any
    worker is joined) and the standard streams are flushed; every file kapdocs writes is whole
    and closed before this."""
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's own, as at exit
    if run_exit_handlers is None:
        sys.exit(code)
    run_exit_handlers()
    if isinstance(code, str):  # as sys.exit("message") does
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            pass
    os._exit(code or 0)


def _run() -> None:
    try:
        app()  # standalone: click prints usage errors and help, and exits with their codes
    except KapdocsError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug in kapdocs, not bad input
        if os.environ.get("KAPDOCS_DEBUG"):
            traceback.print_exc()
        typer.echo(f"internal error: {type(err).__name__}: {err} (set KAPDOCS_DEBUG=1 for details, "
                   "and please report it)", err=True)
        sys.exit(2)
