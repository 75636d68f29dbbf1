"""Brand kits: `templates/<brand>/brand.yaml` → a validated Brand, shared by handout and deck.

A brand is looked up in the project's own templates/ first, then in kapdocs' built-in
templates (shipped inside the wheel as package data, or the checkout's templates/ folder).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kapdocs.errors import KapdocsError
from kapdocs.readers.frontmatter import load_yaml, schema_error

HEX_COLOUR = r"^#[0-9A-Fa-f]{6}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(_Strict):
    """The brand palette, as #RRGGBB."""

    primary: str = Field(pattern=HEX_COLOUR)
    accent: str = Field(pattern=HEX_COLOUR)
    text: str = Field(default="#1A1A1A", pattern=HEX_COLOUR)
    background: str = Field(default="#FFFFFF", pattern=HEX_COLOUR)
    tint: str = Field(default="#EEF3F8", pattern=HEX_COLOUR)
    crisis: str = Field(default="#9B1C1C", pattern=HEX_COLOUR)


class Fonts(_Strict):
    """Font families: for the PDF (installed or shipped font files) and names for the deck."""

    heading: str
    body: str
    deck_heading: str
    deck_body: str


class Contact(_Strict):
    """How patients reach the clinic."""

    phone: str
    web: str = ""
    email: str = ""
    address: str = ""
    telehealth: str = ""


class Footer(_Strict):
    """Text printed at the foot of every handout page."""

    disclaimer: str
    crisis_line: str


class Brand(_Strict):
    """One clinic's brand kit."""

    name: str = Field(description="the clinic's name, as printed")
    logo: str = Field(description="a PNG file in the brand folder")
    logo_alt: str = ""
    colours: Colours
    fonts: Fonts
    contact: Contact
    footer: Footer
    page_size: Literal["letter", "a4"] = "letter"
    deck_master: str = "deck.pptx"
    folder: Path = Field(default=Path("."), exclude=True)
    key: str = Field(default="default", exclude=True)

    def callout_colour(self, kind: str) -> str:
        """The colour of a callout box of `kind` (info, tip, warning, danger)."""
        return {"info": self.colours.primary, "tip": "#2E6B34", "warning": "#A8500F",
                "danger": self.colours.crisis}[kind]

    def file(self, name: str) -> Path:
        """A file of this brand kit, falling back to the default brand's (e.g. the CSS)."""
        own = self.folder / name
        return own if own.exists() else builtin_templates() / "default" / name


HINTS = {
    "colours": "give colours as #RRGGBB",
    "page_size": "use letter or a4",
    "logo": "name a PNG file in the brand folder",
}


def builtin_templates() -> Path:
    """kapdocs' own templates: package data in a wheel, the checkout's templates/ otherwise."""
    packaged = resources.files("kapdocs") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def brand_folder(key: str, project_root: Path) -> Path:
    """Where brand `key` lives: the project's templates/ first, then the built-in ones."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
        raise KapdocsError(f"`{key}` is not a brand name", hint="brand names are lowercase folder names under templates/")
    for base in (project_root / "templates", builtin_templates()):
        if (base / key / "brand.yaml").is_file():
            return base / key
    raise KapdocsError(f"no brand `{key}`", hint=f"create templates/{key}/brand.yaml in the project")


def load_brand(key: str, project_root: Path) -> Brand:
    """Load and validate brand `key`."""
    folder = brand_folder(key, project_root)
    path = folder / "brand.yaml"
    shown = path.relative_to(project_root) if path.is_relative_to(project_root) else Path("templates") / key / "brand.yaml"
    data, lines = load_yaml(path.read_text(encoding="utf-8"), shown, 1)
    try:
        brand = Brand.model_validate({**data, "folder": folder, "key": key})
    except ValidationError as err:
        raise schema_error(err, shown, lines, 1, HINTS) from None
    if not (folder / brand.logo).is_file():
        raise KapdocsError(f"logo `{brand.logo}` does not exist", shown, lines.get("logo", 1),
                           f"put the file in {folder.name}/ or fix the name")
    return brand
