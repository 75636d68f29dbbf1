"""Where brand kits live: the project's templates/ folder, then kapdocs' built-in templates.

Kept apart from brand.py (the schema, with pydantic) so that planning a build and checking what
is up to date can find brand kits without loading the schema.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.support.files import per_file_version


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


def brand_lineage(key: str, project_root: Path) -> tuple[Path, ...]:
    """Brand `key`'s folder and the folders of the brands it `extends`, nearest first.

    A brand inherits its parent's values, so its outputs depend on the parent's files as much as
    on its own. The chain is followed as the schema follows it (a project's `default` may extend
    the built-in one) and stops quietly at a circle or a missing parent: loading the brand
    reports those."""
    folders = [brand_folder(key, project_root)]
    while (parent := _parent(folders[-1] / "brand.yaml")) is not None:
        folder = builtin_templates() / parent if parent == folders[-1].name else _folder_or_none(parent, project_root)
        if folder is None or folder in folders or not (folder / "brand.yaml").is_file():
            break
        folders.append(folder)
    return tuple(folders)


@per_file_version(maxsize=64)
def _parent(path: Path) -> str | None:
    """The brand a brand.yaml `extends`, or None (also when it cannot be read: loading it says why)."""
    from kapdocs.readers.header import load_yaml

    try:
        data, _ = load_yaml(path.read_text(encoding="utf-8-sig"), path, 1)
    except (KapdocsError, OSError, UnicodeDecodeError):
        return None
    parent = data.get("extends") if isinstance(data, dict) else None
    return parent if isinstance(parent, str) else None


def _folder_or_none(key: str, project_root: Path) -> Path | None:
    try:
        return brand_folder(key, project_root)
    except KapdocsError:
        return None
