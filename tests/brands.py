"""Brand kits for tests: the default brand's brand.yaml as text, and a brand kit made from a variant of it."""

from __future__ import annotations

import shutil

from kapdocs.brand.kits import builtin_templates

DEFAULT = (builtin_templates() / "default/brand.yaml").read_text(encoding="utf-8")


def make_brand(project, text: str, name: str = "clinic", files=("logo.png",)):
    folder = project.root / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    for file in files:
        shutil.copy(builtin_templates() / "default" / file, folder / file)
    return folder
