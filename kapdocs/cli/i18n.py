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
    """Write a template catalog (<folder>/locales/<id>.pot) for each source, and locales/kapdocs.pot for the interface text."""
    from kapdocs.brand import interface
    from kapdocs.i18n import translators

    proj = find_project(project)
    done = [(row.template, row.segments, row.stale) for row in translators.extract(proj, proj.named_sources(sources), check=check)]
    own = interface.extract(proj, check=check)
    done.append((own.path, None, own.changed))
    for path, segments, stale in done:
        size = f" ({segments} segments)" if segments is not None else ""
        if check:
            typer.echo(f"{path}: {'out of date' if stale else 'up to date'}{size}")
        else:
            typer.echo(f"{'wrote' if stale else 'unchanged'} {path}{size}")
    if check and (stale := [row for row in done if row[2]]):
        typer.echo(f"{len(stale)} template(s) out of date: run `kapdocs i18n extract` and commit them", err=True)
        raise typer.Exit(1)


@app.command("update")
def update(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; `all`: the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Create or update <folder>/locales/<lang>/<id>.po (and locales/<lang>.po where the project has one); changed source text turns its entry fuzzy."""
    from kapdocs.brand import interface
    from kapdocs.i18n import translators

    proj = find_project(project)
    langs = released(proj, locale)
    for done in translators.update(proj, proj.named_sources(sources), langs):
        typer.echo(f"wrote {done.catalog} ({done.counts})")
    for own in interface.update(proj, langs):
        typer.echo(f"{'wrote' if own.changed else 'unchanged'} {own.path} ({own.counts})")


@app.command("init")
def init(lang: str = typer.Argument(..., help="The language to add, e.g. ko, fr or zh-Hant."),
         project: Optional[Path] = ProjectOption) -> None:
    """Add a language to the project: locales/<lang>.po for the interface text and a catalog for every source."""
    from kapdocs.brand import interface
    from kapdocs.i18n import translators

    proj = find_project(project)
    own = interface.init(proj, lang)
    typer.echo(f"wrote {own.path} ({own.counts})")
    for done in translators.update(proj, proj.sources(), (lang,)):
        typer.echo(f"wrote {done.catalog} ({done.counts})")
    typer.echo(f"translate them, then add \"{lang}\" to `locales` in kapdocs.toml to release it")


@app.command("status")
def status(sources: Optional[List[Path]] = SourcesArgument,
                locale: Optional[List[str]] = typer.Option(None, "--locale", help="Language (repeatable; default: every one with a catalog, and the released ones)."),
                project: Optional[Path] = ProjectOption) -> None:
    """Translated / fuzzy / missing / stale and glossary findings per document and language, then the
    project's interface catalogs; exit 1 if a document released or named is incomplete."""
    from kapdocs.brand import interface
    from kapdocs.i18n import translators

    proj = find_project(project)
    named = bool(locale) and "all" not in locale
    langs = tuple(locale) if named else translators.catalog_languages(proj)
    incomplete = 0
    typer.echo(f"{'document':<36}{'lang':<9}{'translated':>11}{'fuzzy':>7}{'missing':>9}{'stale':>7}{'terms':>7}  released")
    for row in translators.status(proj, proj.named_sources(sources), langs):
        flag = "yes" if row.released else "no"
        if row.counts is None:
            incomplete += row.released or named
            typer.echo(f"{str(row.source):<36}{row.lang:<9}{'no catalog':>41}  {flag}")
            continue
        c = row.counts
        incomplete += (row.released or named) and not c.complete
        typer.echo(f"{str(row.source):<36}{row.lang:<9}{c.translated:>11}{c.fuzzy:>7}{c.untranslated:>9}{c.obsolete:>7}"
                   f"{_glossary_findings(proj, row.catalog, row.lang):>7}  {flag}")
    for own in interface.status(proj, langs):
        # The project's interface text: informative, as what it leaves untranslated comes from
        # kapdocs' and the brand kits' own catalogs (a text none translates stops the build).
        c, lang = own.counts, own.path.stem
        flag = "yes" if lang in proj.settings.languages else "no"
        typer.echo(f"{str(own.path):<36}{lang:<9}{c.translated:>11}{c.fuzzy:>7}{c.untranslated:>9}{c.obsolete:>7}"
                   f"{'':>7}  {flag}")
    if incomplete:
        typer.echo(f"{incomplete} released or named catalog(s) incomplete: those will not build without --draft", err=True)
        raise typer.Exit(1)


def _glossary_findings(proj, catalog: Path, lang: str) -> str:
    """How many of a catalog's entries break the language's glossary ("-" without a glossary)."""
    from kapdocs.check.terms import catalog_terms
    from kapdocs.i18n.glossary import glossary_path

    if not glossary_path(proj.root, lang).is_file():
        return "-"
    return str(len(catalog_terms(proj, proj.root / catalog, lang)))
