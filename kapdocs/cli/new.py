"""`kapdocs new DIR` (a clinic's project), `kapdocs new handout FILE.md` (a clinic's own Markdown
taken in) and `kapdocs brand new NAME --from BRAND` (a brand copied to edit)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kapdocs.cli.options import ProjectOption, find_project

brand_app = typer.Typer(help="Work with brand kits.", no_args_is_help=True)


def new(what: str = typer.Argument(..., help="The new project's folder, or `handout` to take in FILE."),
        file: Optional[Path] = typer.Argument(None, help="With `handout`: a Markdown file with no front matter."),
        name: str = typer.Option("Our Clinic", "--name", help="The clinic's name, as printed."),
        colour: str = typer.Option("", "--colour", help="The brand's main colour, #RRGGBB (default: the default brand's blue)."),
        logo: Optional[Path] = typer.Option(None, "--logo", help="The clinic's logo, PNG or SVG."),
        phone: str = typer.Option("", "--phone", help="The clinic's phone number."),
        web: str = typer.Option("", "--web", help="The clinic's web address."),
        page_size: str = typer.Option("", "--page-size", help="letter or a4."),
        brand: str = typer.Option("clinic", "--brand", help="The brand's folder name under templates/."),
        lang: str = typer.Option("en", "--lang", help="With `handout`: the language it is written in."),
        project: Optional[Path] = ProjectOption) -> None:
    """Start a clinic's project that builds at once, or take in a clinic's own Markdown as a handout."""
    from kapdocs.brand.starter import BrandChoices, create_project

    if what == "handout" and file is not None:
        return _take_in(file, lang, project)
    folder = Path(what)
    written = create_project(folder, BrandChoices(brand, name, colour, logo, phone, web, page_size))
    typer.echo(f"created {folder}/ ({len(written)} files): kapdocs.toml, templates/{brand}/, a sample handout "
               "and deck, handouts/locales/")
    typer.echo(f"next: cd {folder} && kapdocs build    (or: kapdocs preview handouts/first-visit.md)")


def _take_in(file: Path, lang: str, project: Optional[Path]) -> None:
    import datetime as dt

    from kapdocs.brand.starter import take_in_handout
    from kapdocs.errors import KapdocsError

    if not file.is_file():
        raise KapdocsError("no such file", file, hint="check the path")
    proj = find_project(project)
    source, to_fill = take_in_handout(proj.root, file, lang, dt.date.today())
    typer.echo(f"wrote {proj.shown(source)}; it builds as a draft until you fill in:")
    for line in to_fill:
        typer.echo(f"  {line}")


@brand_app.command("new")
def brand_new(key: str = typer.Argument(..., help="The new brand's folder name, e.g. north-clinic."),
              source: str = typer.Option("default", "--from", help="The brand to copy."),
              project: Optional[Path] = ProjectOption) -> None:
    """Copy a brand kit into templates/NAME to edit (or write `extends: BRAND` to inherit instead)."""
    from kapdocs.brand.starter import copy_brand

    proj = find_project(project)
    target = copy_brand(proj.root, source, key)
    typer.echo(f"created {proj.shown(target)}/ from `{source}`: edit its brand.yaml, and add `{key}` to brands "
               "in kapdocs.toml")
