"""Render the SVG artwork in art/ to the PNG files the project ships (logos, figures).

Both outputs carry PNG (python-pptx cannot place SVG), so the SVG sources stay here and
this script makes the PNGs: `python scripts/render_art.py`. Needs the test extra (pypdfium2),
and for right-to-left artwork librsvg's `rsvg-convert` (Debian: librsvg2-bin): WeasyPrint's SVG
text lays Arabic letters out left to right, librsvg's runs the bidi algorithm, as a page does.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
#: SVG source → (PNG target, width in pixels)
ART = {
    "art/lakeview-logo.svg": ("templates/default/logo.png", 1040),
    "art/cedar-logo.svg": ("templates/cedar/logo.png", 1040),
    "art/ketamine-stages.svg": ("handouts/images/ketamine-stages.png", 2400),
    # Translated pictures: a handout in a language uses `<name>.<lang>.png` when it exists.
    **{f"art/ketamine-stages.{lang}.svg": (f"handouts/images/ketamine-stages.{lang}.png", 2400)
       for lang in ("es", "vi", "zh-Hans", "ar")},
}


#: SVG source → the large-print figure beside the PNG (`<name>.large-print[.<lang>].svg`), drawn
#: by large_print_svg: vector, its text real text at 18 pt or more across a large-print page.
#: Arabic too: kapdocs has WeasyPrint set each SVG text as one shaped line, right to left.
LARGE_PRINT_ART = {"art/ketamine-stages.svg": "handouts/images/ketamine-stages.large-print.svg",
                   **{f"art/ketamine-stages.{lang}.svg": f"handouts/images/ketamine-stages.large-print.{lang}.svg"
                      for lang in ("es", "vi", "zh-Hans", "ar")}}
#: The default brand's palette, which the artwork in art/ is drawn in, by role (brand.yaml `colours`).
PALETTE = {"primary": "#1F4E79", "accent": "#D9822B", "text": "#1A1A1A", "tint": "#EAF1F8"}
#: The brand kits whose figures are redrawn in their own colours: every kit beside the default.
BRANDS = sorted(p.name for p in (ROOT / "templates").iterdir() if (p / "brand.yaml").is_file() and p.name != "default")
#: The figures (not the logos, which are each brand's own) drawn again per brand.
FIGURES = {source: target for source, target in ((s, t) for s, (t, _) in ART.items()) if target.startswith("handouts/")}


def brand_colours(brand: str) -> dict[str, str]:
    """A brand kit's colours by role, as its brand.yaml sets them (the default's where it does not)."""
    import yaml

    data = yaml.safe_load((ROOT / "templates" / brand / "brand.yaml").read_text(encoding="utf-8"))
    return {role: str((data.get("colours") or {}).get(role, colour)).upper() for role, colour in PALETTE.items()}


ON_ACCENT = re.compile(r'(<text class="on-accent"[^>]*fill=")#[0-9A-Fa-f]{6}')


def recoloured(svg: str, colours: dict[str, str]) -> str:
    """The artwork in another brand's colours: each colour of the default palette replaced by the
    colour with the same role (white and the note's grey stay). Text drawn on the accent colour
    (`class="on-accent"`) takes white or the text colour, whichever stands out more from it."""
    from kapdocs.brand.schema import contrast

    for role, colour in PALETTE.items():
        svg = re.sub(re.escape(colour), colours[role], svg, flags=re.I)
    on_accent = max(("#FFFFFF", colours["text"]), key=lambda colour: contrast(colour, colours["accent"]))
    return ON_ACCENT.sub(lambda m: m.group(1) + on_accent, svg)


def branded(target: str, brand: str) -> str:
    """`handouts/images/name[.large-print][.<lang>].ext` → the brand's version, `name[.large-print].<brand>[.<lang>].ext`."""
    folder, name = target.rsplit("/", 1)
    stem, ext = name.rsplit(".", 1)
    parts = stem.split(".")
    lang = [parts.pop()] if len(parts) > 1 and parts[-1] != "large-print" else []
    return f"{folder}/{'.'.join(parts + [brand] + lang)}.{ext}"


#: The large-print figure's width in SVG units: drawn across the narrowest large-print text column
#: (A4, 174 mm = 493 pt), its 20-unit text prints at 18.3 pt.
LARGE_PRINT_WIDTH = 540
STAGE = re.compile(r'<g transform="translate\(\d+ 0\)">(.*?)</g>', re.S)
TITLE = re.compile(r'<text x="0" y="(?!82")\d+" font-size="\d+" font-weight="700"[^>]*>([^<]*)</text>')
NOTE = re.compile(r'<text x="520" y="280" ([^>]*)font-size="18"([^>]*)>([^<]*)</text>')


def large_print_svg(text: str) -> str:
    """The four-stages figure for large print: the four stages across, each its number and its
    name at 20 units (18 pt on paper), and the note under them. The regular figure's lines under
    each name are left out: the steps after the figure say the same at 18 pt, and with them the
    figure took most of a page (and moved its heading and the steps along to the next)."""
    fonts = re.search(r'<g (font-family="[^"]*") text-anchor="middle"', text).group(1)
    right_to_left = 'direction="rtl"' in text  # the stages run from the right, as the reader reads
    if right_to_left:
        fonts += ' direction="rtl"'
    column = (LARGE_PRINT_WIDTH - 40) / 4

    def across(place: float) -> float:
        """A place along the figure from the side the reader starts at."""
        return LARGE_PRINT_WIDTH - place if right_to_left else place

    parts, depth = [], 0
    for n, stage in enumerate(STAGE.findall(text)):
        x = across(20 + column * (n + 0.5))
        fill = re.search(r'<circle [^>]*fill="(#[0-9A-Fa-f]+)"', stage).group(1)
        name = " ".join(TITLE.findall(stage))
        lines = _wrapped(name, 5 if " " not in name else 9 if right_to_left else 11)  # Arabic bold runs wide
        depth = max(depth, len(lines))
        on_accent = fill.upper() == PALETTE["accent"]  # white on the default orange is 2.9:1
        number = f'class="on-accent" fill="{PALETTE["text"]}"' if on_accent else 'fill="#FFFFFF"'
        parts.append(f'<circle cx="{x:g}" cy="44" r="26" fill="{fill}"/>\n'
                     f'<text x="{x:g}" y="54" font-size="28" font-weight="700" {number}>{n + 1}</text>')
        parts += [f'<text x="{x:g}" y="{104 + 24 * k}" font-size="20" font-weight="700" fill="#1F4E79">{line}</text>'
                  for k, line in enumerate(lines)]
    arrows = "\n".join(f'<line x1="{across(20 + column * (n + 0.5) + 30):g}" y1="44" '
                        f'x2="{across(20 + column * (n + 1.5) - 32):g}" y2="44"/>' for n in range(3))
    note = NOTE.search(text)
    top = 104 + 24 * depth + 14
    notes = _wrapped(note.group(3), 22 if " " not in note.group(3) else 44)
    height = top + 24 * len(notes)
    notes_svg = "\n".join(f'<text x="{LARGE_PRINT_WIDTH // 2}" y="{top + 24 * k}" {note.group(1)}font-size="20"'
                           f'{note.group(2)}>{line}</text>' for k, line in enumerate(notes))
    stages = "\n".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{LARGE_PRINT_WIDTH}" height="{height}" '
            f'viewBox="0 0 {LARGE_PRINT_WIDTH} {height}">\n'
            f'<!-- The four stages for large print, drawn by scripts/render_art.py from the regular figure. -->\n'
            f'<defs>\n<marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" '
            f'orient="auto">\n<path d="M0 0 L10 5 L0 10 Z" fill="#D9822B"/>\n</marker>\n</defs>\n'
            f'<rect x="0" y="0" width="{LARGE_PRINT_WIDTH}" height="{height}" rx="14" fill="#EAF1F8"/>\n'
            f'<g {fonts} text-anchor="middle">\n{stages}\n</g>\n'
            f'<g stroke="#D9822B" stroke-width="4" marker-end="url(#arrow)">\n{arrows}\n</g>\n{notes_svg}\n</svg>\n')


def _wrapped(note: str, per_line: int) -> list[str]:
    """`note` in lines of at most `per_line` characters, broken at spaces (Chinese: anywhere)."""
    if " " not in note:  # Chinese: lines of even length, not a last one of two characters
        per_line = -(-len(note) // -(-len(note) // per_line))
        return [note[i:i + per_line] for i in range(0, len(note), per_line)]
    lines = [""]
    for word in note.split(" "):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > per_line:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic and their forms


def picture(svg: Path, width_px: int, colours: dict[str, str] | None = None) -> Image.Image:
    """The SVG drawn `width_px` wide on a transparent background (in a brand's `colours`)."""
    text = svg.read_text(encoding="utf-8")
    if colours:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / svg.name
            copy.write_text(recoloured(text, colours), encoding="utf-8")
            return picture(copy, width_px)
    if RIGHT_TO_LEFT.search(text):
        png = subprocess.run(["rsvg-convert", "--width", str(width_px), "--keep-aspect-ratio", str(svg)],
                             check=True, capture_output=True).stdout
        return Image.open(io.BytesIO(png))
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', text).groups())
    html = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}</style>"
            f'<img src="{svg.as_uri()}" style="width:{width}px;height:{height}px;display:block">')
    pdf = pdfium.PdfDocument(HTML(string=html).write_pdf())
    return pdf[0].render(scale=width_px / (width * 72 / 96), fill_color=(255, 255, 255, 0)).to_pil()


if __name__ == "__main__":
    for source, (target, width) in ART.items():
        image = picture(ROOT / source, width)
        image.save(ROOT / target, optimize=True)
        print(f"{target}: {image.width}×{image.height}")
    for source, target in LARGE_PRINT_ART.items():
        (ROOT / target).write_text(large_print_svg((ROOT / source).read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{target}: large print")
    for brand in BRANDS:
        colours = brand_colours(brand)
        for source, target in FIGURES.items():
            image = picture(ROOT / source, ART[source][1], colours)
            image.save(ROOT / branded(target, brand), optimize=True)
            print(f"{branded(target, brand)}: {image.width}×{image.height}")
        for source, target in LARGE_PRINT_ART.items():
            drawn = recoloured(large_print_svg((ROOT / source).read_text(encoding="utf-8")), colours)
            (ROOT / branded(target, brand)).write_text(drawn, encoding="utf-8")
            print(f"{branded(target, brand)}: large print")
