"""Where brand kits live: the project's templates/ folder, then kapdocs' built-in templates.

Kept apart from brand.py (the schema, with pydantic) so that planning a build and checking what
is up to date can find brand kits without loading the schema.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from kapdocs.errors import KapdocsError


def builtin_templates() -> Path:
    """kapdocs' own templates: package data in a wheel, the checkout's templates/ otherwise."""
    packaged = resources.files("kapdocs") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def brand_folder(key: str, project_root: Path) -> Path:
    """Where brand `key` lives: the project's templates/ first, then the built-in ones."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
        raise KapdocsError(f"`{key}` is not a brand name", hint="brand names are lowercase folder names under templates/")
    for base in (project_root / "templates", builtin_templates()):
        if (base / key / "brand.yaml").is_file():
            return base / key
    raise KapdocsError(f"no brand `{key}`", hint=f"the brands are {', '.join(all_brands(project_root))}; "
                       f"for a new one, create templates/{key}/brand.yaml in the project")


def all_brands(project_root: Path) -> tuple[str, ...]:
    """Every brand kit: the project's templates/ and kapdocs' own, each name once, sorted."""
    found = {folder.name for base in (project_root / "templates", builtin_templates())
             for folder in (base.iterdir() if base.is_dir() else ()) if (folder / "brand.yaml").is_file()}
    return tuple(sorted(found))
