"""The handout writer: a Document and its brand → HTML (html.py, Jinja2) and CSS → PDF (pdf.py).

WeasyPrint is imported only when a PDF is actually made, so `kapdocs --help`, checks and
no-change rebuilds never pay for it.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from kapdocs.brand.schema import Brand
from kapdocs.errors import KapdocsError
from kapdocs.model import CALLOUT_KINDS, Document, has_form
from kapdocs.brand.notice import SHIPPED_FONTS, NoticeLine
from kapdocs.writers.handout import BRAND_SCHEME
from kapdocs.writers.handout.html import PageOptions, render_handout_html


def brand_stylesheet(brand: Brand) -> str:
    """The brand's values as CSS variables, page size and margins, before the template CSS."""
    c, f, margin = brand.colours, brand.fonts, brand.margins
    return (
        _font_faces(brand)
        + f"@page {{ size: {brand.page_size}; margin: {margin.top:g}mm {margin.side:g}mm {margin.bottom:g}mm; }}\n"
        f"@page :first {{ margin-top: 0; }}\n"
        # The header band bleeds into the side margins, whatever their width.
        f".masthead {{ margin-left: -{margin.side:g}mm; margin-right: -{margin.side:g}mm; "
        f"padding-left: {margin.side:g}mm; padding-right: {margin.side:g}mm; }}\n"
        ":root {\n"
        f"  --primary: {c.primary}; --accent: {c.accent}; --text: {c.text};\n"
        f"  --background: {c.background}; --tint: {c.tint}; --crisis: {c.crisis};\n"
        f'  --font-heading: "{f.heading}", serif; --font-body: "{f.body}", sans-serif;\n'
        f"  --clinic-name: {_css_string(brand.name)};\n"
        + "".join(f"  --callout-{k}: {brand.callout_colour(k)};\n" for k in CALLOUT_KINDS)
        +
        "}\n"
        + _script_fonts(brand.fonts.heading, brand.fonts.body)
    )


def _script_fonts(heading: str, body: str, large_print: bool = False) -> str:
    """Per language, the brand's fonts followed by fonts that cover its script (Arabic, CJK); in
    large print its one family too (without, Arabic large print fell to the system's sans-serif,
    DejaVu Sans, beside headings in Noto Sans Arabic).

    On any element, not only the root: the language-assistance notice mixes languages on a page."""
    from kapdocs.support.fonts import SCRIPT_FONTS

    rules = []
    for lang, families in SCRIPT_FONTS.items():
        extra = ", ".join(f'"{family}"' for family in families)
        large = f" --font-large-print: {_css_string(body)}, {extra}, sans-serif;" if large_print else ""
        rules.append(f':lang({lang}) {{ --font-heading: {_css_string(heading)}, {extra}, serif; '
                     f'--font-body: {_css_string(body)}, {extra}, sans-serif;{large} }}\n')
    return "".join(rules)


def _font_faces(brand: Brand) -> str:
    """@font-face rules for the font files a brand ships, served by the `brand:` scheme."""
    from kapdocs.support.fonts import face_of

    rules = []
    for name in brand.fonts.files:
        family, weight, italic = face_of(brand.folder / name)
        rules.append(f'@font-face {{ font-family: {_css_string(family)}; src: url("{BRAND_SCHEME}{name}"); '
                     f'font-weight: {weight}; font-style: {"italic" if italic else "normal"}; }}\n')
    return "".join(rules)


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string (brand text must not break out of it)."""
    escaped = "".join(c if c.isalnum() or c in " .,&'-()" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


#: The font fillable fields are set in (family "kapdocs Form Sans" in handout.css): Noto Sans cut
#: to what a patient may type (kapdocs.support.fonts.FORM_CHARACTERS; scripts/form_font.py), 118 KB.
#: WeasyPrint embeds a field's font whole, so that a reader can type any letter it has; with the
#: body font's 512 KB the English intake form's PDF would be 384 KB instead of about 195 KB, and
#: reading and compressing that font would take about 0.06 s of every render in a fresh process. It names itself apart from the
#: installed Noto Sans (see fonts._rename).
FORM_FONT = SHIPPED_FONTS / "form-sans.ttf"
FORM_FAMILY = "kapdocs Form Sans"
FORM_FONT_FACE = f'@font-face {{ font-family: "{FORM_FAMILY}"; src: url("{FORM_FONT.name}"); }}\n'


def stylesheets(brand: Brand, large_print: bool = False, notice: tuple[NoticeLine, ...] = (),
                form: bool = False) -> list[tuple[str, Path]]:
    """(CSS text, folder its URLs are relative to), in cascade order: the brand's own
    (brand_stylesheets), then the fonts of the language-assistance notice, then the form fields'
    font if the handout has a form (each @font-face costs every handout that carries it a few
    milliseconds)."""
    sheets = brand_stylesheets(brand, large_print)
    if any(line.fonts for line in notice):
        sheets.append((_notice_fonts(notice, brand.fonts.large_print if large_print else brand.fonts.body),
                       SHIPPED_FONTS))
    if form:
        sheets.append((FORM_FONT_FACE, SHIPPED_FONTS))
    return sheets


def brand_stylesheets(brand: Brand, large_print: bool = False) -> list[tuple[str, Path]]:
    """The stylesheets that depend on the brand alone, known before the handout is read: its
    values, its handout.css, and for large print its large-print.css and fonts, which come last."""
    names = ["handout.css"] + (["large-print.css"] if large_print else [])
    sheets = [(brand_stylesheet(brand), brand.folder)]
    for name in names:
        css = brand.file(name)
        sheets.append((css.read_text(encoding="utf-8"), css.parent))
    if large_print:
        large = brand.fonts.large_print
        family = f"{_css_string(large)}, sans-serif"
        sheets.append((f":root {{ --font-large-print: {family}; --font-heading: {family}; --font-body: {family}; }}\n"
                       + _script_fonts(large, large, large_print=True), brand.folder))
    return sheets


def _notice_fonts(notice: tuple[NoticeLine, ...], body: str) -> str:
    """The notice's lines in kapdocs' own sentences use the small fonts kapdocs ships for them
    (after the body font, which sets the phone number, and before the system's script fonts)."""
    from kapdocs.support.fonts import script_fonts

    rules = []
    for line in notice:
        if not line.fonts:
            continue
        system = script_fonts(line.lang)
        # Not the installed family's own name, which WeasyPrint would mix up, and one per language:
        # the Arabic and Persian cuts hold different glyphs of the same font.
        family = f"{system[0]} Notice {line.lang}"
        rules += [f'@font-face {{ font-family: "{family}"; src: url("{path.name}"); font-weight: {weight}; }}\n'
                  for weight, path in line.fonts]
        fallback = "".join(f", {_css_string(f)}" for f in system)
        rules.append(f'.notice-lines p:lang({line.lang}) {{ font-family: {_css_string(body)}, "{family}"{fallback}, '
                     "sans-serif; }\n")
    return "".join(rules)


_elsewhere = None  # a renderer in another process, inside `rendering_with`


def renderer():
    """This process's HandoutRenderer (imports WeasyPrint on first use), or the renderer in
    another process that `rendering_with` put in force."""
    return _elsewhere or _renderer_here()


@lru_cache(maxsize=1)
def _renderer_here():
    from kapdocs.writers.handout.pdf import HandoutRenderer

    return HandoutRenderer()


@contextmanager
def rendering_with(elsewhere) -> Iterator[None]:
    """Handouts made inside are rendered by `elsewhere`, which has HandoutRenderer's `prepare`,
    `render` and `fonttools_subsetting` (kapdocs.batch.ahead.RendererAhead)."""
    global _elsewhere
    _elsewhere = elsewhere
    try:
        yield
    finally:
        _elsewhere = None


def brand_known(brand: Brand, large_print: bool, project_root: Path) -> None:
    """Called as soon as a handout's brand is loaded: a renderer in another process parses the
    brand's stylesheets (40-60 ms in a fresh one) while this one still reads the handout, instead
    of after the HTML has come. A renderer here (a batch worker) would parse them anyway, one
    thing after the other, so nothing is done for it, not even making the stylesheets."""
    if _elsewhere is not None:
        _elsewhere.prepare(brand_stylesheets(brand, large_print), project_root,
                           readable_folders(project_root, brand), brand.folder)


#: The narrowest a table column may be, in characters of table text: narrower, every word breaks.
MIN_COLUMN_CHARS = 7
#: About how many characters of table text fit across the text column: 11.5 pt and 18 pt text.
TABLE_LINE_CHARS = {False: 84, True: 50}


def require_tables_fit(document: Document, large_print: bool, shown: Path) -> None:
    """Every table has room for its columns: cells wrap and hyphenate, but a column narrower than
    a short word would break every word in it. Such a table is an error, never overprint."""
    from kapdocs import model as m

    fits = TABLE_LINE_CHARS[large_print] // MIN_COLUMN_CHARS
    for block in m.walk(document.blocks):
        if isinstance(block, m.Table) and len(block.header) > fits:
            raise KapdocsError(f"a table of {len(block.header)} columns does not fit across the page"
                               + (" in large print" if large_print else "") + f" (at most {fits})", shown, block.line,
                               "make it a list (one item per row, each cell a line), or split it into narrower tables")


def write_handout(document: Document, brand: Brand, project_root: Path, options: PageOptions = PageOptions()):
    """Render a handout: returns the PdfResult (bytes, page count, WeasyPrint warnings)."""
    sheets = stylesheets(brand, options.large_print, options.notice, form=has_form(document))
    allowed = readable_folders(project_root, brand)
    if _elsewhere is not None:  # the notice's and the form's fonts too, parsed while the HTML is made
        _elsewhere.prepare(sheets, project_root, allowed, brand.folder)
    shown = document.source.relative_to(project_root) if document.source.is_relative_to(project_root) else document.source
    require_tables_fit(document, options.large_print, shown)
    html = render_handout_html(document, brand, options)
    footer = render_handout_html(document, brand, options, footer_only=True) if _long_footer(document, options) else ""
    return renderer().render(html, sheets, project_root, allowed, brand.folder, shown, options.pdf_ua,
                             footer_page=footer)


def _long_footer(document: Document, options: PageOptions) -> bool:
    """Whether the footer is likely to need more than the brand's bottom margin, which is set for
    its English footer: translated and large-print ones mostly do (12 of the 22 sample PDFs), and
    are then measured on a page of their own first (30-40 ms). An English one is not: the check
    after laying out the handout still catches one that does."""
    return options.large_print or document.meta.lang.split("-")[0] != "en"


def readable_folders(project_root: Path, brand: Brand) -> tuple[Path, ...]:
    """What a handout may read: the project, the brand kit and its templates, the notice's fonts."""
    return (project_root, brand.folder, brand.file("handout.css").parent, brand.file("large-print.css").parent,
            SHIPPED_FONTS)
