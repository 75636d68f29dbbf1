"""`kapdocs template`: PowerPoint masters for brand kits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from kapdocs.cli.options import ProjectOption, find_project
from kapdocs.errors import KapdocsError

app = typer.Typer(help="Work with brand templates.", no_args_is_help=True)

#: The generated master's fixed date, so regenerating it gives the same bytes.
MASTER_DATE = dt.datetime(2026, 1, 1)



@app.command("master")
def master(brand: str = typer.Argument("default", help="Brand kit whose colours and fonts to use."),
                    output: Path = typer.Option(..., "-o", "--output", help="The .pptx master to write."),
                    project: Optional[Path] = ProjectOption) -> None:
    """Generate a 16:9 PowerPoint master in a brand's colours, fonts and logo."""
    from kapdocs.brand.schema import load_brand
    from kapdocs.support.files import is_replaceable_file, write_atomically
    from kapdocs.writers.deck.master import make_master

    proj = find_project(project)
    is_replaceable_file(output)  # a link, a folder or a FIFO is refused (a brand's own master may be replaced)
    write_atomically(output, make_master(load_brand(brand, proj.root), MASTER_DATE))
    typer.echo(f"wrote {output}")


@app.command("check")
def check(master: Path = typer.Argument(..., help="The .pptx master (or any deck) to check.")) -> None:
    """List a master's layouts and placeholders and which kapdocs slides each can serve."""
    from kapdocs.writers.deck.layouts import describe
    from kapdocs.writers.deck.master import read_master

    if not master.is_file():
        raise KapdocsError("no such file", master, hint="give the path of a .pptx file")
    lines, ok = describe(read_master(master))
    typer.echo("\n".join(lines))
    if not ok:
        raise typer.Exit(1)


