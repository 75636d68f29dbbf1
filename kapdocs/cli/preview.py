"""`kapdocs preview SOURCE`: the source's web handout and PDF pages on localhost, reloaded on save."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kapdocs.cli.options import ProjectOption, find_project


def preview(source: Path = typer.Argument(..., help="The Markdown source to show."),
            brand: str = typer.Option("", "--brand", help="Brand kit (default: the project's first brand)."),
            locale: str = typer.Option("", "--locale", help="Language to show it in (default: the source's own)."),
            draft: bool = typer.Option(False, "--draft", help="Show an incomplete translation anyway."),
            large_print: bool = typer.Option(False, "--large-print", help="Show the large-print PDF."),
            port: int = typer.Option(8000, "--port", help="The port on 127.0.0.1 (0: any free one)."),
            project: Optional[Path] = ProjectOption) -> None:
    """Show a handout as a web page and its PDF pages on localhost; the page reloads when a file is saved."""
    from kapdocs.batch.plan import require_known
    from kapdocs.errors import KapdocsError
    from kapdocs.pipeline import Job
    from kapdocs.preview.server import serve

    if not source.is_file():
        raise KapdocsError("no such source file", source, hint="check the path")
    proj = find_project(project or source.resolve().parent)
    brand = brand or proj.settings.brands[0]
    job = Job(source.resolve(), brand, "html", locale, draft, large_print)
    require_known(proj, (brand,), (locale,))
    try:
        serve(proj, job, port, ready=lambda url: typer.echo(f"preview of {proj.shown(job.source)} at {url} "
                                                            "(Ctrl-C to stop)"))
    except KeyboardInterrupt:
        typer.echo("stopped")
    except OSError as err:
        raise KapdocsError(f"cannot listen on 127.0.0.1:{port} ({err.strerror})",
                           hint="give another --port, or --port 0 for any free one") from None
