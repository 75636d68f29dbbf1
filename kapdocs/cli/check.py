"""`kapdocs check`: review handouts as a clinic does by hand, and report the findings."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kapdocs.cli.options import BrandOption, ProjectOption, find_project


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
    proj = find_project(project)
    # Each source's own language by default; `all` as a build plans it (kapdocs.batch.plan.languages).
    if not report_check(proj, proj.named_sources(sources), tuple(locale) if locale else ("",), brand,
                        strict=strict, as_json=as_json, large_print=large_print):
        raise typer.Exit(1)


def report_check(proj, sources, languages: tuple[str, ...], brand: str, *, strict: bool, as_json: bool,
                 large_print: bool = False) -> bool:
    """Run the checks and print them; True when they pass (no errors; no warnings if strict)."""
    from kapdocs.batch.plan import require_known
    from kapdocs.check import check_documents

    require_known(proj, (brand,), languages)
    reports = check_documents(proj, sources, languages, brand, large_print=large_print)
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    if as_json:
        _print_json(reports, errors, warnings)
    else:
        _print_lines(reports, errors, warnings)
    return errors == 0 and (not strict or warnings == 0)


def report_planned_check(proj, jobs) -> bool:
    """Check exactly what a build is about to make: each source in each brand, language and
    variant of its jobs (a deck and a handout of one source are checked once); True when it passes."""
    from kapdocs.check.rules import check_one

    planned = dict.fromkeys((job.source, job.locale, job.brand, job.large_print) for job in jobs)
    reports = [check_one(proj, source, lang, brand, True, large_print) for source, lang, brand, large_print in planned]
    errors = sum(r.count("error") for r in reports)
    _print_lines(reports, errors, sum(r.count("warning") for r in reports))
    return errors == 0


def _print_json(reports, errors: int, warnings: int) -> None:
    import json

    typer.echo(json.dumps({"documents": [
        {"source": r.source, "lang": r.lang, "measures": r.measures,
         "findings": [vars(f) for f in r.findings],
         "waived": [{**vars(f), "reason": reason} for f, reason in r.waived]} for r in reports],
        "errors": errors, "warnings": warnings}, ensure_ascii=False, indent=1))


def _print_lines(reports, errors: int, warnings: int) -> None:
    for r in reports:
        measures = ", ".join(f"{k}: {v}" for k, v in r.measures.items())
        typer.echo(f"{r.source} [{r.lang}]" + (f"  {measures}" if measures else ""))
        for finding in r.findings:
            typer.echo(f"  {finding}")
        for finding, reason in r.waived:
            typer.echo(f"  waived {finding.rule}: {reason} (was: {finding.message})")
    typer.echo(f"{len(reports)} documents checked: {errors} errors, {warnings} warnings")
