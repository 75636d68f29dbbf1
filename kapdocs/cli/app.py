"""The `kapdocs` application: every command group registered on one typer app, and the entry
point that turns errors into one line and an exit code."""

from __future__ import annotations

import os
import sys
import traceback

import typer

from kapdocs import __version__
from kapdocs.cli import audit, build, check, form, i18n, manifest, new, preview, template
from kapdocs.errors import EXIT_CODES, KapdocsError

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
    """Entry point: run the app; user errors become one line, bugs a short note (exit codes: EXIT_CODES)."""
    from kapdocs.batch.one_file import end

    _stop_on_sigterm(os.getpid())
    try:
        _run()
    except SystemExit as done:
        end(done.code)


def _run() -> None:
    try:
        app()  # standalone: click prints usage errors and help, and exits with their codes (2 for usage)
    except SystemExit as done:
        if done.code != SIGINT_EXIT:
            raise
        _interrupted()
    except KeyboardInterrupt:  # outside a command's own handling (a worker's result being taken in)
        _interrupted()
    except KapdocsError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except Exception:  # a bug in kapdocs, not bad input
        sys.exit(_internal_error())


def _stop_on_sigterm(command: int) -> None:
    """SIGTERM (a CI job cancelled, `kill`) stops the command as Ctrl-C does: temporary files are
    removed, the journal kept, exit code 3. A process forked from this one ends as it would have."""
    import signal

    def stop(number, frame) -> None:
        if os.getpid() != command:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


#: What typer exits with on Ctrl-C; kapdocs says so and exits 3 instead, as for a held lock.
SIGINT_EXIT = 130


def _interrupted() -> None:
    typer.echo("interrupted: the outputs already written are whole; run the command again to finish", err=True)
    sys.exit(EXIT_CODES["interrupted"])


def _internal_error() -> int:
    """Say that kapdocs failed, in one line naming a log that holds the traceback; the exit code."""
    import tempfile

    details = traceback.format_exc()
    if os.environ.get("KAPDOCS_DEBUG"):
        typer.echo(details, err=True)
    with tempfile.NamedTemporaryFile("w", prefix="kapdocs-crash-", suffix=".log", delete=False) as log:
        log.write(f"kapdocs {__version__}\n{' '.join(sys.argv)}\n\n{details}")
    kind = details.strip().splitlines()[-1]
    typer.echo(f"internal error: {kind}. This is a bug in kapdocs: please report it with {log.name}", err=True)
    return EXIT_CODES["internal"]
