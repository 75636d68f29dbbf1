"""Raw PresentationML and DrawingML: every piece of the deck writer that builds or edits XML.

As python-pptx keeps its `pptx/oxml` package apart from its proxies, these functions take and
return XML elements (python-pptx's oxml classes, which are lxml elements) and bytes of XML; the
proxy modules (powerpoint.py, master.py, shapes.py, figures.py, text.py) hand them the elements
of the shapes they hold and write no XML themselves. Nothing here knows about slides or brands.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.shapes.picture import CT_Picture

#: DrawingML's namespace, for the theme part (read with plain lxml, not python-pptx's classes).
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

#: The created and modified dates in docProps/core.xml.
CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*")


# ---- reading ----------------------------------------------------------------------------


def layout_type(sld_layout) -> str:
    """A layout's type as PowerPoint records it (`cust` when it records none)."""
    return sld_layout.get("type", "cust")


def placeholder_type(sp) -> str:
    """A placeholder shape's type (`obj` when it names none)."""
    return sp.ph.get("type", "obj") if sp.ph is not None else "obj"


def is_plain(p) -> bool:
    """Whether a paragraph has no indent for a bullet mark (set by `mark_bullet`)."""
    return p.pPr is not None and p.pPr.get("marL") == "0"


def next_shape_id(element) -> int:
    """A shape id not yet used in `element`'s document."""
    ids = [int(v) for v in element.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1


# ---- reading a slide back, for its picture (sketch.py) ------------------------------------


def shows_master_shapes(sld_layout) -> bool:
    """Whether a layout shows its master's own shapes (the brand bar, the corner logo)."""
    return sld_layout.get("showMasterSp", "1") not in ("0", "false")


def background_colour(owner) -> str | None:
    """The solid colour of a slide's, layout's or master's background ("#RRGGBB" or a scheme
    slot's name), or None when it sets none."""
    background = owner.find(qn("p:cSld")).find(qn("p:bg"))
    return _colour_in(background) if background is not None else None


def fill_colour(sp) -> str | None:
    """A shape's own solid fill ("#RRGGBB" or a scheme slot's name), or None (no fill, or another kind)."""
    sp_pr = sp.find(qn("p:spPr"))
    fill = sp_pr.find(qn("a:solidFill")) if sp_pr is not None else None
    return _colour_in(fill) if fill is not None else None


def geometry(sp) -> str:
    """A shape's preset geometry (`rect`, `roundRect`, `ellipse`, …); `rect` when it names none."""
    found = sp.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
    return found.get("prst", "rect") if found is not None else "rect"


def text_anchor(sp) -> str | None:
    """Where a shape's text sits in its box (`t`, `ctr`, `b`), or None when the shape does not say."""
    body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    return body.get("anchor") if body is not None else None


def run_look(r_pr) -> dict:
    """What an `a:rPr` or `a:defRPr` sets of size (pt), bold and colour; nothing for None."""
    if r_pr is None:
        return {}
    look: dict = {}
    if r_pr.get("sz"):
        look["size"] = int(r_pr.get("sz")) / 100
    if r_pr.get("b") is not None:
        look["bold"] = r_pr.get("b") in ("1", "true")
    fill = r_pr.find(qn("a:solidFill"))
    if fill is not None and (colour := _colour_in(fill)):
        look["colour"] = colour
    return look


def first_run_props(sp):
    """The `a:rPr` of a shape's first run (None when it has none)."""
    return sp.find(f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}/{qn('a:rPr')}")


def list_defaults(sp):
    """The first level's run defaults in a shape's own list style (None when it sets none)."""
    return sp.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")


def master_text_defaults(sld_master, kind: str):
    """The master's first-level run defaults for `kind`: titleStyle, bodyStyle or otherStyle."""
    return sld_master.find(f"{qn('p:txStyles')}/{qn('p:' + kind)}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")


def colour_map(sld_master) -> dict[str, str]:
    """The master's map from the slots text names (bg1, tx1, …) to the theme's (lt1, dk1, …)."""
    found = sld_master.find(qn("p:clrMap"))
    return dict(found.attrib) if found is not None else {}


def theme_facts(blob: bytes) -> tuple[dict[str, str], str, str]:
    """A theme part's colour slots (name → "#RRGGBB") and its heading and body fonts."""
    theme = etree.fromstring(blob)
    scheme = theme.find(f".//{{{A}}}clrScheme")
    colours = {}
    for slot in (scheme if scheme is not None else ()):
        for child in slot:
            value = child.get("lastClr") if child.tag == f"{{{A}}}sysClr" else child.get("val")
            if value:
                colours[etree.QName(slot).localname] = "#" + value.upper()
    fonts = [theme.find(f".//{{{A}}}{kind}/{{{A}}}latin") for kind in ("majorFont", "minorFont")]
    heading, body = (font.get("typeface", "") if font is not None else "" for font in fonts)
    return colours, heading, body


def _colour_in(element) -> str | None:
    """The first colour named inside `element`: "#RRGGBB", or a scheme slot's name."""
    for found in element.iter(qn("a:srgbClr"), qn("a:schemeClr"), qn("a:sysClr")):
        if found.tag == qn("a:srgbClr"):
            return "#" + found.get("val", "000000").upper()
        if found.tag == qn("a:sysClr"):
            return "#" + found.get("lastClr", "000000").upper()
        return found.get("val")
    return None


# ---- slides -----------------------------------------------------------------------------


def mark_bullet(p, plain: bool, numbered: bool) -> None:
    """A paragraph's bullet: none and no indent (plain), an arabic number, or the layout's own."""
    p_pr = p.get_or_add_pPr()
    if plain:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))
    elif numbered:
        etree.SubElement(p_pr, qn("a:buAutoNum")).set("type", "arabicPeriod")


def mark_runs(tx_body, tag: str, slot: str | None, typeface: str) -> None:
    """Every run of a text body tagged with language `tag`, its script's font `slot` given `typeface`."""
    for r_pr in tx_body.iter(qn("a:rPr")):
        r_pr.set("lang", tag)
        if slot is not None and r_pr.find(qn(slot)) is None:
            etree.SubElement(r_pr, qn(slot)).set("typeface", typeface)


def mark_paragraph(p, tag: str, right_to_left: bool, right_aligned: bool) -> None:
    """A paragraph made right-to-left and right-aligned as asked, its end mark tagged `tag`."""
    p_pr = p.get_or_add_pPr()
    if right_to_left:
        p_pr.set("rtl", "1")
    if right_aligned and p_pr.get("algn") in (None, "l"):
        p_pr.set("algn", "r")
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.set("lang", tag)


def set_alt_text(shape, text: str) -> None:
    """A picture's or graphic frame's description (alt text), which python-pptx does not set."""
    shape.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def flip_horizontally(sp) -> None:
    """A shape mirrored left to right (its text is not)."""
    sp.spPr.get_or_add_xfrm().set("flipH", "1")


def right_to_left_table(tbl) -> None:
    """A table whose first column is at the right."""
    tbl.tblPr.set("rtl", "1")


def remove(element) -> None:
    """`element` taken out of its parent."""
    element.getparent().remove(element)


def append_copy(sp_tree, element):
    """A copy of `element` (a layout's shape) at the end of `sp_tree`, with an id unused there;
    the copy is returned."""
    shape = copy.deepcopy(element)
    # Shape ids must be unique on a slide, or PowerPoint offers to repair the file.
    shape.find(f".//{qn('p:cNvPr')}").set("id", str(next_shape_id(sp_tree)))
    sp_tree.append(shape)
    return shape


def colour_text(sp, colour: str) -> None:
    """Every run of a shape's text (fields too) in `colour` ("#RRGGBB"), whatever its own,
    its layout's or its master's colour."""
    body = sp.find(qn("p:txBody"))
    for run in [*body.iter(qn("a:r")), *body.iter(qn("a:fld"))]:
        if run.find(qn("a:rPr")) is None:
            run.insert(0, etree.Element(qn("a:rPr")))
    for p in body.iter(qn("a:p")):
        for r_pr in [*p.iter(qn("a:rPr")), *p.iter(qn("a:endParaRPr"))]:
            for fill in [c for c in r_pr if etree.QName(c).localname in FILLS]:
                r_pr.remove(fill)
            fill = etree.Element(qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
            line = r_pr.find(qn("a:ln"))  # the fill comes after the outline, before all else
            (line.addnext(fill) if line is not None else r_pr.insert(0, fill))


#: DrawingML's kinds of fill, one of which a run's properties may hold.
FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


# ---- the generated master ---------------------------------------------------------------


def branded_theme(blob: bytes, name: str, colours: dict[str, str], fonts: dict[str, str]) -> bytes:
    """A theme part with colour slots (`dk2`, `accent1`, …) and font kinds (`majorFont`, …) replaced."""
    theme = etree.fromstring(blob)
    scheme = theme.find(f".//{{{A}}}clrScheme")
    scheme.set("name", name)
    for slot, value in colours.items():
        node = scheme.find(f"{{{A}}}{slot}")
        if node is None:
            continue
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}srgbClr").set("val", value.lstrip("#").upper())
    for kind, family in fonts.items():
        theme.find(f".//{{{A}}}{kind}/{{{A}}}latin").set("typeface", family)
    return etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def style_master_text(sld_master) -> None:
    """Titles left-aligned, 36 pt, bold in the accent1 colour; bullet marks of three levels in accent2."""
    styles = sld_master.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    rpr = title.find(qn("a:defRPr"))
    rpr.set("sz", "3600")
    rpr.set("b", "1")
    for child in rpr.findall(qn("a:solidFill")):
        rpr.remove(child)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", "accent1")
    rpr.insert(0, fill)
    body = styles.find(qn("p:bodyStyle"))
    for level in ("a:lvl1pPr", "a:lvl2pPr", "a:lvl3pPr"):
        ppr = body.find(qn(level))
        colour = etree.Element(qn("a:buClr"))
        etree.SubElement(colour, qn("a:schemeClr")).set("val", "accent2")
        anchor = ppr.find(qn("a:buFont"))
        (anchor.addprevious(colour) if anchor is not None else ppr.insert(0, colour))


def add_rect(sp_tree, name: str, x: int, y: int, cx: int, cy: int, colour: str, rounded: bool = False) -> None:
    """A filled, borderless rectangle drawn under the placeholders of a master or layout."""
    shape = parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{next_shape_id(sp_tree)}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'</a:xfrm><a:prstGeom prst="{"roundRect" if rounded else "rect"}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f"</p:spPr></p:sp>")
    sp_tree.insert(2, shape)


def add_picture(sp_tree, name: str, alt: str, rid: str, x: int, y: int, cx: int, cy: int) -> None:
    """A picture of an image part already related as `rid`, with its alt text, on top of `sp_tree`."""
    sp_tree.append(CT_Picture.new_pic(next_shape_id(sp_tree), name, alt, rid, x, y, cx, cy))


def unsigned_axis_ids(chart_space) -> None:
    """Axis ids as the schema types them, unsigned: python-pptx writes fixed negative ones
    (`<c:axId val="-2068027336"/>`), which PowerPoint reads but an Open XML validator rejects.
    Each id is taken modulo 2³¹, so an axis and the references to it keep matching, and each
    also fits a signed 32-bit number: LibreOffice, which reads ids as signed, lost the axes of
    ids of 2³¹ or more, and a bar chart drew no category labels and its categories reversed."""
    for element in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(int(element.get("val")) % 2**31))


def hide_master_shapes(sld_layout) -> None:
    """A layout, or a slide, that does not show its master's shapes (a slide: nor its layout's)."""
    sld_layout.set("showMasterSp", "0")


def white_text(sp, left_aligned: bool = False, size: int | None = None) -> None:
    """White text for a layout placeholder, through its list style (which slides inherit)."""
    body = sp.find(qn("p:txBody"))
    lst = body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        body.insert(1, lst)
    for child in list(lst):
        lst.remove(child)
    ppr = etree.SubElement(lst, qn("a:lvl1pPr"))
    if left_aligned:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        ppr.set("algn", "l")
        etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    if size:
        rpr.set("sz", str(size))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", "FFFFFF")


# ---- the package ------------------------------------------------------------------------


def dated_core(xml: bytes, stamp: str) -> bytes:
    """docProps/core.xml with `stamp` (W3CDTF) as its created and modified dates."""
    return CORE_DATES.sub(rb"\g<1>" + stamp.encode(), xml)
