"""The `kapdocs` application: every command group registered on one typer app, and the entry
point that turns errors into one line and an exit code."""

from __future__ import annotations

import os
import sys
import traceback

import typer

from kapdocs import __version__
from kapdocs.cli import audit, build, check, form, i18n, manifest, new, preview, template
from kapdocs.errors import KapdocsError

app = typer.Typer(help="Build branded patient handouts (PDF) and staff decks (PPTX) from Markdown.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.command()(build.build)
app.command()(check.check)
app.command()(audit.audit)
app.command()(build.handout)
app.command()(build.deck)
app.command()(new.new)
app.command()(preview.preview)
app.add_typer(new.brand_app, name="brand")
app.add_typer(template.app, name="template")
app.add_typer(i18n.app, name="i18n")
app.add_typer(form.app, name="form")
app.add_typer(manifest.app, name="manifest")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kapdocs {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Print the version and exit."),
                 quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and warnings."),
                 verbose: bool = typer.Option(False, "--verbose", "-v",
                                              help="Print what the libraries log too, and a bug's whole traceback.")) -> None:
    """kapdocs: one Markdown source per topic → handouts, decks and web handouts."""
    if quiet:
        sys.stdout = open(os.devnull, "w")  # errors and warnings go to stderr, which stays
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
        os.environ["KAPDOCS_DEBUG"] = "1"


def main() -> None:
    """Entry point: run the app; user errors become one line, bugs a short note."""
    from kapdocs.batch.one_file import end

    try:
        _run()
    except SystemExit as done:
        end(done.code)


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
