"""`kapdocs i18n`: translation catalogs (gettext PO) for translators."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kapdocs.cli.options import ProjectOption, SourcesArgument, find_project, released

app = typer.Typer(help="Translation catalogs (gettext PO) for translators.", no_args_is_help=True)


@app.command("extract")
def extract(sources: Optional[List[Path]] = SourcesArgument, project: Optional[Path] = ProjectOption,
            check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a template is not what extraction makes (for CI).")) -> None:
    """Write a template catalog (<folder>/locales/<id>.pot) for each source."""
    from kapdocs.i18n import translators

    proj = find_project(project)
    done = translators.extract(proj, proj.named_sources(sources), check=check)
    for row in done:
        if check:
            typer.echo(f"{row.template}: {'out of date' if row.stale else 'up to date'} ({row.segments} segments)")
        else:
            typer.echo(f"{'wrote' if row.stale else 'unchanged'} {row.template} ({row.segments} segments)")
    if check and (stale := [row for row in done if row.stale]):
        typer.echo(f"{len(stale)} template(s) out of date: run `kapdocs i18n extract` and commit them", err=True)
        raise typer.Exit(1)


@app.command("update")
def update(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; `all`: the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Create or update <folder>/locales/<lang>/<id>.po; changed source text turns its entry fuzzy."""
    from kapdocs.i18n import translators

    proj = find_project(project)
    for done in translators.update(proj, proj.named_sources(sources), released(proj, locale)):
        typer.echo(f"wrote {done.catalog} ({done.counts})")


@app.command("status")
def status(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; default: the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Translated / fuzzy / untranslated per document and language; exit 1 if a released one is incomplete."""
    from kapdocs.i18n import translators

    proj = find_project(project)
    incomplete = 0
    typer.echo(f"{'document':<36}{'lang':<9}{'translated':>11}{'fuzzy':>7}{'untranslated':>14}")
    for row in translators.status(proj, proj.named_sources(sources), released(proj, locale)):
        if row.counts is None:
            typer.echo(f"{str(row.source):<36}{row.lang:<9}{'no catalog':>32}")
            continue
        c = row.counts
        incomplete += not c.complete
        typer.echo(f"{str(row.source):<36}{row.lang:<9}{c.translated:>11}{c.fuzzy:>7}{c.untranslated:>14}")
    if incomplete:
        typer.echo(f"{incomplete} catalog(s) incomplete: those languages will not build without --draft", err=True)
        raise typer.Exit(1)


