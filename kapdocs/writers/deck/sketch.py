"""A written deck (PPTX bytes) → a sketch of its first slide (support.pictures draws it), for the
build's catalog: no LibreOffice on the build path (seconds per deck), a tenth of a second here.

The slide is read back as PowerPoint layers it: the background of the slide, else its layout's,
else the master's; the master's own shapes (when the layout shows them), the layout's, then the
slide's. Of each: a solid fill, a picture, or the text of a title, subtitle or body with its size,
bold and colour taken from the run, else the shape's, the layout placeholder's or the master's
text styles, in the theme's heading or body font. Charts, tables and gradients are left out.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from kapdocs.support.fonts import METRIC_COMPATIBLE, font_file
from kapdocs.support.pictures import Box, Fill, Picture, SlideSketch, Words
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.powerpoint import open_deck

#: Placeholders whose text the sketch leaves out: a date, footer and slide number are too small to read.
SMALL_PRINT = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}


class _Theme:
    """The master's colours (through its colour map) and fonts, to name what a slide's XML refers to."""

    def __init__(self, master):
        colours, self.heading, self.body = oxml.theme_facts(master.part.part_related_by(RT.THEME).blob)
        mapped = oxml.colour_map(master._element)
        self.colours = {**colours, **{name: colours.get(slot, "#000000") for name, slot in mapped.items()}}

    def colour(self, named: str | None, otherwise: str = "#000000") -> str:
        if not named:
            return otherwise
        return named if named.startswith("#") else self.colours.get(named, otherwise)


def first_slide(pptx: bytes) -> SlideSketch:
    """Slide 1 of a deck as a sketch (a blank white slide when the deck has none)."""
    deck = open_deck(pptx)
    width, height = deck.slide_width, deck.slide_height
    if not len(deck.slides):
        return SlideSketch(width / height, "#FFFFFF")
    slide = deck.slides[0]
    layout, master = slide.slide_layout, slide.slide_layout.slide_master
    theme = _Theme(master)
    background = next(filter(None, (oxml.background_colour(o._element) for o in (slide, layout, master))), "bg1")
    layers = ([master] if oxml.shows_master_shapes(layout._element) else []) + [layout, slide]
    parts = [part for owner in layers for shape in owner.shapes
             if owner is slide or not shape.is_placeholder
             for part in _parts(shape, (width, height), theme, layout, master)]
    return SlideSketch(width / height, theme.colour(background, "#FFFFFF"), tuple(parts))


def _parts(shape, size, theme: _Theme, layout, master) -> list:
    """What one shape shows: its fill, its picture, its text (or nothing)."""
    if shape.left is None or shape.width is None:
        return []
    box = Box(shape.left / size[0], shape.top / size[1], shape.width / size[0], shape.height / size[1])
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return [Picture(box, shape.image.blob)]
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [part for inner in shape.shapes for part in _parts(inner, size, theme, layout, master)]
    parts = []
    if fill := oxml.fill_colour(shape._element):
        parts.append(Fill(box, theme.colour(fill), oxml.geometry(shape._element)))
    if shape.has_text_frame and shape.text_frame.text.strip() and not _small_print(shape):
        parts.append(_words(shape, box, size, theme, layout, master))
    return parts


def _small_print(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in SMALL_PRINT


def _words(shape, box: Box, size, theme: _Theme, layout, master) -> Words:
    """A shape's text with the look it inherits: its run, its own list style, the layout's
    placeholder of the same kind, the master's text style."""
    title = shape.is_placeholder and shape.placeholder_format.type in TITLES
    chain = [oxml.first_run_props(shape._element), oxml.list_defaults(shape._element)]
    inherited = _layout_placeholder(shape, layout) if shape.is_placeholder else None
    if inherited is not None:
        chain.append(oxml.list_defaults(inherited._element))
    kind = "titleStyle" if title else "bodyStyle" if shape.is_placeholder else "otherStyle"
    chain.append(oxml.master_text_defaults(master._element, kind))
    look: dict = {}
    for r_pr in reversed(chain):  # nearest last, so it wins
        look.update(oxml.run_look(r_pr))
    anchor = oxml.text_anchor(shape._element) or (oxml.text_anchor(inherited._element) if inherited is not None else None)
    family = theme.heading if title else theme.body
    paragraphs = tuple(p.text for p in shape.text_frame.paragraphs if p.text.strip())
    bold = look.get("bold", False)
    return Words(box, paragraphs, look.get("size", 18) * 12700 / size[1], theme.colour(look.get("colour"), "#000000"),
                 bold, _font_file(family, bold), anchor or ("ctr" if title else "t"))


def _font_file(family: str, bold: bool) -> str | None:
    """The theme font's file, else its metric-compatible twin's (Calibri → Carlito), as the deck is measured."""
    if not family:
        return None
    return font_file(family, bold) or (font_file(METRIC_COMPATIBLE[family], bold) if family in METRIC_COMPATIBLE else None)


def _layout_placeholder(shape, layout):
    """The layout's placeholder a slide's placeholder takes its place and look from."""
    idx = shape.placeholder_format.idx
    for candidate in layout.placeholders:
        if candidate.placeholder_format.idx == idx:
            return candidate
    return None
