"""The PowerPoint master: read into plain values for the placer, and the brand's generated one.

read_master gives layouts.py what it chooses layouts from; make_master builds a 16:9 master
from python-pptx's own default template in a brand's colours, fonts and logo
(`kapdocs template master`). The XML python-pptx has no property for is written by oxml.py.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from kapdocs.brand.schema import Brand
from kapdocs.errors import KapdocsError
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.layouts import LayoutInfo, MasterInfo, PlaceholderInfo, Rect
from kapdocs.writers.deck.package import normalise_zip
from kapdocs.writers.deck.shapes import EMU_PER_PT

WIDE = (Emu(12192000), Emu(6858000))  # 16:9, 13.333 × 7.5 in


# ---- reading a master -------------------------------------------------------------------


def read_master(master: Path) -> MasterInfo:
    """The master's slide size, layouts and placeholders (boxes in points), as plain values."""
    try:
        prs = Presentation(str(master))
    except Exception as err:  # python-pptx raises several kinds for a file that is not a PPTX
        raise KapdocsError(f"cannot open the PowerPoint master: {err}", master,
                           hint="give a .pptx file saved by PowerPoint, LibreOffice or `kapdocs template master`") from None
    layouts = tuple(LayoutInfo(layout.name, oxml.layout_type(layout.element),
                               tuple(_placeholder_info(ph) for ph in layout.placeholders))
                    for layout in prs.slide_layouts)
    return MasterInfo(str(master), prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT, layouts)


def _placeholder_info(ph) -> PlaceholderInfo:
    """One placeholder of a layout, its box in points."""
    kind = oxml.placeholder_type(ph.element)
    box = Rect(*((v or 0) / EMU_PER_PT for v in (ph.left, ph.top, ph.width, ph.height)))
    return PlaceholderInfo(ph.placeholder_format.idx, kind, ph.name, box)


def layout_named(prs, name: str, master: Path | str):
    """The layout called `name` in `prs`, or an error naming the layouts it has."""
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    names = ", ".join(f"“{layout.name}”" for layout in prs.slide_layouts)
    raise KapdocsError(f"the master has no layout named “{name}”", master,
                       hint=f"its layouts are {names}; rename one or use the default master")


# ---- the generated master ----------------------------------------------------------------


def make_master(brand: Brand, when: dt.datetime) -> bytes:
    """A 16:9 master in the brand's colours and fonts, from python-pptx's own default template."""
    prs = Presentation()
    scale = WIDE[0] / prs.slide_width
    prs.slide_width, prs.slide_height = WIDE
    master = prs.slide_master
    # Layouts before the master: a layout placeholder may inherit its box from the master.
    for owner in (*prs.slide_layouts, master):
        for shape in owner.placeholders:
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            shape.left, shape.top = int(left * scale), top
            shape.width, shape.height = int(width * scale), height
    _theme(master, brand)
    oxml.style_master_text(master.element)  # titles bold in the primary colour, bullet marks in the accent
    _master_art(master, brand)
    _title_layout(prs, brand)
    prs.core_properties.title = f"{brand.name} master"
    prs.core_properties.author = brand.name
    prs.core_properties.last_modified_by = "kapdocs"
    prs.core_properties.revision = 1
    prs.core_properties.created = prs.core_properties.modified = when
    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue(), when)


def _theme(master, brand: Brand) -> None:
    """Brand colours and deck fonts into the theme, so new shapes and charts pick them up."""
    part = master.part.part_related_by(RT.THEME)
    colours = {"dk2": brand.colours.primary, "accent1": brand.colours.primary,
               "accent2": brand.colours.accent, "tx2": brand.colours.primary}
    fonts = {"majorFont": brand.fonts.deck_heading, "minorFont": brand.fonts.deck_body}
    part._blob = oxml.branded_theme(part.blob, brand.name, colours, fonts)


def _master_art(master, brand: Brand) -> None:
    """A primary-colour bar along the bottom and the logo bottom-left on every slide."""
    width, height = WIDE
    oxml.add_rect(master.shapes._spTree, "Brand bar", 0, height - Inches(0.12), width, Inches(0.12), brand.colours.primary)
    _add_logo(master, brand, Inches(0.5), height - Inches(0.7), Inches(0.42))


def _title_layout(prs, brand: Brand) -> None:
    """The title slide: a full primary-colour background, white text, logo on a white panel at
    the top left. A right-to-left deck moves the panel and logo (by their names) to the top
    right, on a master that kapdocs saved last (shapes.py)."""
    layout = layout_named(prs, "Title Slide", "default master")
    oxml.hide_master_shapes(layout.element)
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(brand.colours.primary.lstrip("#"))
    width, _ = WIDE
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        if idx in (0, 1):
            ph.left, ph.width = Inches(0.9), width - Inches(1.8)
            oxml.white_text(ph.element, left_aligned=True, size=4400 if idx == 0 else None)
        if idx == 0:
            ph.top, ph.height = Inches(2.2), Inches(1.9)
        elif idx == 1:
            ph.top, ph.height = Inches(4.2), Inches(1.8)
        elif ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            oxml.white_text(ph.element)
    oxml.add_rect(layout.shapes._spTree, "Logo panel", Inches(0.9), Inches(0.7), Inches(3.6), Inches(1.1), "#FFFFFF",
                  rounded=True)
    _add_logo(layout, brand, Inches(1.1), Inches(0.85), Inches(0.8))


def _add_logo(owner, brand: Brand, x: int, y: int, height: int) -> None:
    """The brand logo, with its alt text, at a given height."""
    image_part, rid = owner.part.get_or_add_image_part(str(brand.folder / brand.slide_logo))
    px_w, px_h = image_part.image.size
    width = int(height * px_w / px_h)
    oxml.add_picture(owner.shapes._spTree, "Logo", brand.logo_alt or brand.name, rid, x, y, width, height)

