"""New things for a clinic: a project folder, a brand made from a few choices, a copy of a brand,
and a clinic's own Markdown taken in as a source.

`create_project(folder, choices)` → kapdocs.toml, templates/<brand>/ (extends the default brand),
a sample handout and deck and a locales/ folder, copied from the starter project beside this
module (shipped in the wheel), that builds at once. Nothing here prints; each returns what it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kapdocs.brand.kits import brand_folder
from kapdocs.errors import KapdocsError
from kapdocs.support.files import write_atomically
from kapdocs.support.project import SETTINGS_FILE

#: The starter project `kapdocs new` copies: a sample handout, a sample deck and locales/.
STARTER = Path(__file__).resolve().parent / "starter"
BRAND_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
#: A number reserved for fiction, until the clinic gives its own.
PLACEHOLDER_PHONE = "(555) 555-0100"


@dataclass(frozen=True)
class BrandChoices:
    """What a clinic says about itself when it starts; the rest comes from the default brand."""

    key: str = "clinic"
    name: str = "Our Clinic"
    colour: str = ""  # the primary colour (header band, headings); "" keeps the default's
    logo: Path | None = None  # a PNG or SVG; None keeps the default's
    phone: str = ""
    web: str = ""
    page_size: str = ""  # letter | a4; "" keeps the default's


def create_project(folder: Path, choices: BrandChoices = BrandChoices()) -> list[Path]:
    """A complete project in `folder` (new or empty); returns the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise KapdocsError(f"{folder} is not empty", hint="give a new folder name, e.g. `kapdocs new my-clinic`")
    _check_choices(choices)
    written = []
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            target = folder / path.relative_to(STARTER)
            write_atomically(target, path.read_bytes())
            written.append(target)
    settings = (f"# A kapdocs project: sources in handouts/ and decks/, brands in templates/, output in build/.\n"
                f"[project]\nname = {json.dumps(choices.name + ' patient education', ensure_ascii=False)}\n"
                f'brands = ["{choices.key}"]\nlocales = []  # released languages besides each source\'s own\n'
                'formats = ["pdf", "pptx", "html"]\n')
    write_atomically(folder / SETTINGS_FILE, settings.encode("utf-8"))
    return [folder / SETTINGS_FILE, *written, *write_brand(folder / "templates" / choices.key, choices)]


def _check_choices(choices: BrandChoices) -> None:
    if not BRAND_NAME.fullmatch(choices.key):
        raise KapdocsError(f"`{choices.key}` is not a brand name", hint="use lowercase letters, digits and hyphens")
    if choices.colour and not HEX_COLOUR.fullmatch(choices.colour):
        raise KapdocsError(f"colour `{choices.colour}` is not #RRGGBB", hint="give it as six hex digits, e.g. #1F4E79")
    if choices.logo and (choices.logo.suffix.lower() not in (".png", ".svg") or not choices.logo.is_file()):
        raise KapdocsError(f"logo `{choices.logo}` is not a PNG or SVG file", hint="give the path of a .png or .svg")
    if choices.page_size not in ("", "letter", "a4"):
        raise KapdocsError(f"page size `{choices.page_size}` is neither letter nor a4", hint="give letter or a4")


def write_brand(folder: Path, choices: BrandChoices) -> list[Path]:
    """A brand kit in `folder` that extends the default brand with the clinic's own choices."""
    _check_choices(choices)
    default = brand_folder("default", folder)
    logo = choices.logo or default / "logo.png"
    lines = ["# This brand takes everything it does not set from kapdocs' default brand.", "extends: default",
             f"name: {json.dumps(choices.name, ensure_ascii=False)}",
             f"logo: logo{logo.suffix.lower()}", f"logo_alt: {json.dumps(choices.name + ' logo', ensure_ascii=False)}"]
    if logo.suffix.lower() == ".svg":
        lines.append("deck_logo: logo.png  # slides need a PNG of the logo: put one beside this file")
    if choices.colour:
        lines += ["colours:", f'  primary: "{choices.colour}"']
    # All of contact, so that none of the default (fictional) clinic's details is printed.
    lines += ["contact:", f"  phone: {json.dumps(choices.phone or PLACEHOLDER_PHONE)}",
              f"  web: {json.dumps(choices.web, ensure_ascii=False)}", '  email: ""', '  address: ""',
              '  telehealth: ""']
    if choices.page_size:
        lines.append(f"page_size: {choices.page_size}")
    write_atomically(folder / f"logo{logo.suffix.lower()}", logo.read_bytes())
    write_atomically(folder / "brand.yaml", ("\n".join(lines) + "\n").encode("utf-8"))
    return [folder / "brand.yaml", folder / f"logo{logo.suffix.lower()}"]


def copy_brand(project_root: Path, source: str, key: str) -> Path:
    """A copy of brand `source` (the project's or kapdocs' own) as templates/<key>/ to edit."""
    if not BRAND_NAME.fullmatch(key):
        raise KapdocsError(f"`{key}` is not a brand name", hint="use lowercase letters, digits and hyphens")
    target = project_root / "templates" / key
    if target.exists():
        raise KapdocsError(f"templates/{key} already exists", hint="choose another name or edit that brand")
    shutil.copytree(brand_folder(source, project_root), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def take_in_handout(project_root: Path, markdown: Path, lang: str, today: dt.date) -> tuple[Path, list[str]]:
    """A clinic's Markdown with no front matter, given front matter and placed in handouts/:
    its title from its first heading, its language `lang`, and no reviewer, so it builds as a
    draft. Returns the source and what the clinic must still fill in."""
    text = markdown.read_text(encoding="utf-8")
    if text.startswith("---"):
        raise KapdocsError("it already has front matter", markdown, 1, "build it as it is")
    heading = re.search(r"^(#{1,6})\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    title = heading.group(2) if heading else markdown.stem.replace("-", " ").replace("_", " ").capitalize()
    if heading and heading.group(1) == "#":  # the title goes in the page's header, not twice
        text = text[: heading.start()] + text[heading.end():].lstrip("\n")
    doc_id = re.sub(r"[^a-z0-9]+", "-", markdown.stem.lower()).strip("-") or "handout"
    target = project_root / "handouts" / f"{doc_id}.md"
    if target.exists() and target.resolve() != markdown.resolve():
        raise KapdocsError(f"handouts/{doc_id}.md already exists", markdown, hint="rename the file first")
    front = (f"---\nid: {doc_id}\ntitle: {json.dumps(title, ensure_ascii=False)}\naudience: patients\n"
             f"lang: {lang}\nversion: \"0.1\"\nreviewed: {today.isoformat()}\n"
             f'reviewed_by: ""  # the medical reviewer; until then it builds as a draft\n'
             f"next_review: {(today + dt.timedelta(days=365)).isoformat()}\nsummary: \"\"\n---\n\n")
    write_atomically(target, (front + text).encode("utf-8"))
    return target, ["reviewed_by: the medical reviewer who checked it (until then it is a draft)",
                    "summary: the one main message for the reader",
                    "reviewed and next_review: the review's date and the next one's"]
