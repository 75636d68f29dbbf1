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


RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic and their forms


def picture(svg: Path, width_px: int) -> Image.Image:
    """The SVG drawn `width_px` wide on a transparent background."""
    text = svg.read_text(encoding="utf-8")
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
