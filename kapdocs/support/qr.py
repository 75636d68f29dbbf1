"""QR codes for a brand's web page or intake form (segno, the only module that imports it).

The handout gets vector art (SVG, sharp at any print size); the deck gets a PNG, because
PowerPoint pictures cannot be SVG here. Both come from the same target, so they scan alike.
"""

from __future__ import annotations

import io

import segno


def qr_svg(target: str, colour: str, title: str) -> str:
    """An inline <svg> of the code, in `colour` on white, sized by its container, with `title`
    (what a screen reader says of it)."""
    code = segno.make(target, error="m")
    return code.svg_inline(scale=4, dark=colour, light="#FFFFFF", border=2, svgclass="qr-art", omitsize=True,
                           title=title)


def qr_png(target: str) -> bytes:
    """The code as a black-on-white PNG, 10 px a module."""
    out = io.BytesIO()
    segno.make(target, error="m").save(out, kind="png", scale=10, border=2)
    return out.getvalue()
