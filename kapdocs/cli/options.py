"""Options and helpers shared by the command groups."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

ProjectOption = typer.Option(None, "--project", help="The project folder (default: the one containing the working folder).")
BrandOption = typer.Option("default", "--brand", help="Brand kit under templates/.")
SourcesArgument = typer.Argument(None, help="Sources (default: every file in handouts/ and decks/).")


def find_project(folder: Optional[Path]):
    """The project at `folder`, or the one containing the working folder."""
    from kapdocs.support.project import Project

    return Project.find(folder)


def released(project, locale: Optional[List[str]]) -> tuple[str, ...]:
    """The languages named, or (none, or `all`) every one the project releases anything in."""
    if not locale or "all" in locale:
        return project.settings.languages
    return tuple(locale)
