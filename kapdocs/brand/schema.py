"""Brand kits: `templates/<brand>/brand.yaml` → a validated Brand, shared by handout and deck.

A brand is looked up in the project's own templates/ first, then in kapdocs' built-in
templates (shipped inside the wheel as package data, or the checkout's templates/ folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kapdocs.errors import KapdocsError
from kapdocs.support.files import per_file_version
from kapdocs.support.pictures import picture_problem
from kapdocs.support.project import SETTINGS_FILE, Limits, Project
from kapdocs.brand.kits import brand_folder, brand_lineage, builtin_templates
from kapdocs.readers.frontmatter import schema_error
from kapdocs.readers.header import load_yaml

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
    # Callout colours (box rule and title); info defaults to primary and danger to crisis.
    info: str | None = Field(default=None, pattern=HEX_COLOUR)
    tip: str = Field(default="#245A2A", pattern=HEX_COLOUR)
    warning: str = Field(default="#7A3B0B", pattern=HEX_COLOUR)
    danger: str | None = Field(default=None, pattern=HEX_COLOUR)


class Fonts(_Strict):
    """Font families: for the PDF (installed or shipped font files) and names for the deck."""

    heading: str
    body: str
    deck_heading: str
    deck_body: str
    large_print: str = "Noto Sans"  # a sans-serif family for every text of large-print handouts
    files: tuple[str, ...] = ()  # font files in the brand folder (TTF/OTF) the clinic may redistribute

    def of(self, output: str, large_print: bool = False) -> tuple[str, ...]:
        """The families an output sets its text in: a deck's, a handout's, or a large-print handout's."""
        if output == "deck":
            return (self.deck_body, self.deck_heading)
        return (self.large_print,) if large_print else (self.body, self.heading)


class Margins(_Strict):
    """Handout page margins in millimetres (the bottom one holds the footer)."""

    top: float = Field(default=17, ge=8, le=40)
    side: float = Field(default=17, ge=8, le=40)
    bottom: float = Field(default=29, ge=20, le=60)


class QrCode(_Strict):
    """A QR code printed on the handout and the closing slide, drawn as vector art."""

    target: str = Field(pattern=r"^https://\S+$")
    label: str


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


class LanguageAssistance(_Strict):
    """The notice of free language assistance printed at the end of every handout (see notice.py)."""

    languages: tuple[str, ...] = Field(min_length=1)
    phone: str = ""  # the number to call; default: the clinic's phone
    tty: str = "711"  # for people who are deaf or hard of hearing; 711 reaches the relay service anywhere in the US
    texts: dict[str, str] = {}  # the clinic's own sentence per language, with {phone}


class Brand(_Strict):
    """One clinic's brand kit."""

    name: str = Field(description="the clinic's name, as printed")
    logo: str = Field(pattern=r"(?i)^[^/\\]+\.(png|svg)$", description="a PNG or SVG file in the brand folder")
    deck_logo: str = Field(default="", pattern=r"(?i)^([^/\\]+\.png)?$")  # PNG for slides when logo is SVG
    logo_alt: str = ""
    colours: Colours
    fonts: Fonts
    contact: Contact
    footer: Footer
    page_size: Literal["letter", "a4"] = "letter"
    margins: Margins = Margins()
    qr: QrCode | None = None
    # Where the clinic publishes each handout, `{lang}` and `{id}` filled in: the QR code on a
    # deck's closing slide leads there (else to `qr`'s target).
    handout_url: str = Field(default="", pattern=r"^(https://\S*\{id\}\S*)?$")
    language_assistance: LanguageAssistance | None = None
    deck_master: str = "deck.pptx"
    folder: Path = Field(default=Path("."), exclude=True)
    key: str = Field(default="default", exclude=True)
    lineage: tuple[str, ...] = Field(default=(), exclude=True)  # it and the brands it extends, nearest first
    # kapdocs' template strings in the brand's language once localized (the project's catalog first); {} in English.
    labels: dict[str, str] = Field(default_factory=dict, exclude=True)

    def callout_colour(self, kind: str) -> str:
        """The colour of a callout box of `kind` (info, tip, warning, danger)."""
        c = self.colours
        return {"info": c.info or c.primary, "tip": c.tip, "warning": c.warning, "danger": c.danger or c.crisis}[kind]

    @property
    def slide_logo(self) -> str:
        """The logo file for slides: PowerPoint cannot place SVG, so an SVG logo needs a PNG twin."""
        return self.deck_logo or self.logo

    def file(self, name: str) -> Path:
        """A file of this brand kit, falling back to the default brand's (e.g. the CSS)."""
        own = self.folder / name
        return own if own.exists() else builtin_templates() / "default" / name

    def assistance(self, project_languages: tuple[str, ...],
                   project_root: Path | None = None) -> tuple[tuple[str, ...], dict[str, str], str, str]:
        """The language-assistance notice's languages, the clinic's own wording, the number to call
        and the TTY number: the brand's own list, else the project's (kapdocs.toml), which is checked here."""
        own = self.language_assistance
        if own is None:
            from kapdocs.brand.notice import check_languages

            check_languages(project_languages, {}, Path("kapdocs.toml"), 0, project_root)
            return project_languages, {}, self.contact.phone, LanguageAssistance.model_fields["tty"].default
        return own.languages, own.texts, own.phone or self.contact.phone, own.tty


HINTS = {
    "colours": "give colours as #RRGGBB",
    "page_size": "use letter or a4",
    "logo": "name a PNG or SVG file in the brand folder",
    "deck_logo": "name a PNG file in the brand folder",
    "margins": "give millimetres: top and side 8 to 40, bottom 20 to 60",
    "qr": "give `target: https://…` and a `label`",
    "fonts": "give font family names, and font files under `files:`",
    "language_assistance": "give `languages: [es, zh-Hans, …]`, and optionally `phone:`, `tty:` and `texts:`",
}


def load_brand(key: str, project_root: Path, large_print: bool = False) -> Brand:
    """Load and validate brand `key`: schema, files, installed fonts and colour contrast.

    Validated once per version of its brand.yaml in this process (a batch loads it per job). Its
    logos are held to the project's picture limit (`[limits] image_megapixels` in kapdocs.toml)."""
    megapixels = (Project(project_root).settings.limits.image_megapixels
                  if (project_root / SETTINGS_FILE).is_file() else Limits.image_megapixels)
    own, *parents = brand_lineage(key, project_root)
    # Cached per version of its brand.yaml and of each one it extends: a parent edited while
    # `kapdocs preview` runs is seen at the next load.
    versions = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in (f / "brand.yaml" for f in parents))
    return _load_brand(own / "brand.yaml", key, project_root, large_print, megapixels, versions)


@per_file_version(maxsize=32)
def _load_brand(path: Path, key: str, project_root: Path, large_print: bool, megapixels: int,
                parent_versions: tuple = ()) -> Brand:
    folder = path.parent
    shown = path.relative_to(project_root) if path.is_relative_to(project_root) else Path("templates") / key / "brand.yaml"
    data, lines = load_yaml(path.read_text(encoding="utf-8-sig"), shown, 1)
    data = _inherited(data, key, project_root, shown, lines.get("extends", 1), (key,))
    try:
        lineage = (key, *(version[0].parent.name for version in parent_versions))
        brand = Brand.model_validate({**data, "folder": folder, "key": key, "lineage": lineage})
    except ValidationError as err:
        raise schema_error(err, shown, lines, 1, HINTS) from None
    _check_files(brand, shown, lines, megapixels)
    _check_fonts(brand, shown, lines)
    _check_contrast(brand, shown, lines, LARGE_PRINT_CONTRAST if large_print else MIN_CONTRAST)
    if notice := brand.language_assistance:
        from kapdocs.brand.notice import check_languages

        check_languages(notice.languages, notice.texts, shown, lines.get("language_assistance", 1), project_root)
    return brand


def _inherited(data: dict, key: str, project_root: Path, shown: Path, line: int, seen: tuple[str, ...]) -> dict:
    """`data` on top of the brand it `extends`, and so on up: what a brand does not set, it inherits.

    Values only: the files a brand names (logo, fonts) must be in its own folder; its templates
    and stylesheets fall back to the default brand's, as every brand's do."""
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str) or (parent in seen and parent != key):
        raise KapdocsError(f"`extends: {parent}` goes round in a circle" if parent in seen else
                           f"`extends: {parent}` is not a brand name", shown, line,
                           "name one other brand, e.g. `extends: default`")
    # A project's own `default` may extend kapdocs' built-in `default`.
    folder = builtin_templates() / parent if parent == key else brand_folder(parent, project_root)
    path = folder / "brand.yaml"
    parent_data, _ = load_yaml(path.read_text(encoding="utf-8-sig"), path, 1)
    inherited = _inherited(parent_data, parent, project_root, path, 1, seen + (parent,))
    return _merged(inherited, data)


def _merged(base: dict, own: dict) -> dict:
    """`own` over `base`, section by section (a brand may change one colour and keep the rest)."""
    merged = dict(base)
    for name, value in own.items():
        merged[name] = _merged(base[name], value) if isinstance(value, dict) and isinstance(base.get(name), dict) else value
    return merged


def _check_files(brand: Brand, shown: Path, lines: dict[str, int], megapixels: int) -> None:
    for field, name in (("logo", brand.logo), ("deck_logo", brand.deck_logo)):
        if name and not (brand.folder / name).is_file():
            raise KapdocsError(f"{field} `{name}` does not exist", shown, lines.get(field, 1),
                               f"put the file in {brand.folder.name}/ or fix the name")
    for field, name in (("logo", brand.logo), ("deck_logo", brand.deck_logo)):
        if name and (problem := picture_problem(brand.folder / name, megapixels)):
            raise KapdocsError(f"{field} `{name}` {problem.text}", shown, lines.get(field, 1),
                               "save the logo again as PNG or JPEG")
    if brand.logo.lower().endswith(".svg") and not brand.deck_logo:
        raise KapdocsError("the logo is SVG, which PowerPoint cannot place", shown, lines.get("logo", 1),
                           "add `deck_logo:` naming a PNG of the same logo for the slides")
    for name in brand.fonts.files:
        if not (brand.folder / name).is_file() or "/" in name or "\\" in name:
            raise KapdocsError(f"font file `{name}` is not in the brand folder", shown, lines.get("fonts", 1),
                               f"put the file in {brand.folder.name}/ and list it by its file name")


def _check_fonts(brand: Brand, shown: Path, lines: dict[str, int]) -> None:
    """Every family the brand names must exist here: a silent substitute would change the page."""
    from kapdocs.support.fonts import METRIC_COMPATIBLE, deck_font_available, families_in, font_file, look_up_fonts

    try:
        shipped = {family for name in brand.fonts.files for family in families_in(brand.folder / name)}
    except KapdocsError as err:
        raise err.at(shown, lines.get("fonts", 1)) from None
    f = brand.fonts
    named = (f.heading, f.body, f.large_print, f.deck_heading, f.deck_body)
    look_up_fonts((family, False) for family in (*named, *(METRIC_COMPATIBLE.get(n, n) for n in named)))
    for field, family in (("heading", f.heading), ("body", f.body), ("large_print", f.large_print)):
        if family not in shipped and not font_file(family):
            raise KapdocsError(f"font `{family}` (fonts.{field}) is not installed", shown, lines.get("fonts", 1),
                               "install it (the default brand's Noto fonts: apt-get install fonts-noto-core), or put "
                               "its font files in the brand folder and list them under fonts.files")
    for field, family in (("deck_heading", f.deck_heading), ("deck_body", f.deck_body)):
        if not deck_font_available(family):
            raise KapdocsError(f"deck font `{family}` (fonts.{field}) is not installed and has no metric-compatible "
                               "stand-in", shown, lines.get("fonts", 1),
                               "install it, or name a font PowerPoint has whose open twin is installed "
                               "(Calibri with fonts-crosextra-carlito, Arial with fonts-liberation2)")


#: WCAG 2.2 contrast minimums: normal text (1.4.3, AA) and the large-print builds (1.4.6, AAA).
MIN_CONTRAST = 4.5
LARGE_PRINT_CONTRAST = 7.0


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(brand: Brand) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every pairing the handout and deck print text in."""
    c = brand.colours
    pairs = [("text on background", c.text, c.background), ("text on tint", c.text, c.tint),
             ("primary (headings) on background", c.primary, c.background),
             ("white on primary (header band, table heads)", "#FFFFFF", c.primary),
             ("crisis line on background", c.crisis, c.background)]
    pairs += [(f"{kind} callout title on its box", brand.callout_colour(kind), c.tint)
              for kind in ("info", "tip", "warning", "danger")]
    return pairs


def _check_contrast(brand: Brand, shown: Path, lines: dict[str, int], minimum: float) -> None:
    for what, fore, back in text_pairs(brand):
        ratio = contrast(fore, back)
        if ratio < minimum:
            raise KapdocsError(f"colour contrast of {what} is {ratio:.2f}:1 ({fore} on {back}), below the "
                               f"WCAG 2.2 minimum of {minimum:g}:1" + (" for large print" if minimum > MIN_CONTRAST else ""),
                               shown, lines.get("colours", 1), "darken the text colour or lighten the background",
                               rule="contrast")


def own_texts(brand: Brand) -> list[str]:
    """The brand's text that is printed and so translated: alt text, telehealth line, disclaimer, crisis line, QR label."""
    return [t for t in (brand.logo_alt, brand.contact.telehealth, brand.footer.disclaimer,
                        brand.footer.crisis_line, brand.qr.label if brand.qr else "") if t]


def localized(brand: Brand, lang: str, project_root: Path | None = None) -> Brand:
    """The brand with its own text in `lang` and kapdocs' template strings in `lang`, each from the
    project's `locales/<lang>.po` first, then the brand kit's and kapdocs' catalogs; English brands
    need nothing for English."""
    if lang.split("-")[0] == "en":
        return brand
    from kapdocs.i18n.labels import labels
    from kapdocs.i18n.strings import brand_strings

    found = brand_strings(brand.folder, Path("templates") / brand.key, lang, own_texts(brand), project_root)

    def tr(text: str) -> str:
        return found[text] if text else text

    return brand.model_copy(update={
        "logo_alt": tr(brand.logo_alt),
        "contact": brand.contact.model_copy(update={"telehealth": tr(brand.contact.telehealth)}),
        "footer": brand.footer.model_copy(update={"disclaimer": tr(brand.footer.disclaimer),
                                                  "crisis_line": tr(brand.footer.crisis_line)}),
        "qr": brand.qr.model_copy(update={"label": tr(brand.qr.label)}) if brand.qr else None,
        "labels": labels(lang, project_root),
    })
