"""Deck (slide model) → PPTX bytes, and the generated default master. The only module that imports pptx.

Layouts are looked up by name in the brand's master. Text sizes are written explicitly
(the fitter chose them), autofit is off, notes carry the explanation, pictures carry alt text,
and the zip is written with fixed times and order so the same deck gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

from kapdocs.brand import Brand
from kapdocs.errors import KapdocsError
from kapdocs.writers.deck.fit import INSET_Y, Box
from kapdocs.writers.deck.slides import CALLOUT_PADDING, Bullet, Deck, Geometry, PictureSpec, Slide, TableSpec

WIDE = (Emu(12192000), Emu(6858000))  # 16:9, 13.333 × 7.5 in
EMU_PER_PT = 12700
CAPTION_SIZE = 16.0
#: Title sizes written explicitly where the layout's own size is too small for the slide's role.
TITLE_SIZES = {"title": 44, "section": 40}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


# ---- reading the master ----------------------------------------------------------------


def read_geometry(master: Path) -> Geometry:
    """Body and table areas of the master's "Title and Content" layout, in points."""
    body = _body_placeholder(Presentation(str(master)), master)
    box = Box(body.width / EMU_PER_PT, body.height / EMU_PER_PT)
    return Geometry(body=box, table=box)


def _body_placeholder(prs, master: Path):
    """The content placeholder of "Title and Content": where bullets, tables and pictures go."""
    layout = _layout(prs, "Title and Content", master)
    body = next((ph for ph in layout.placeholders if ph.placeholder_format.idx == 1), None)
    if body is None:
        raise KapdocsError("layout “Title and Content” has no body placeholder", master,
                           hint="give the layout a content placeholder")
    return body


def _layout(prs, name: str, master: Path | str):
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    names = ", ".join(f"“{layout.name}”" for layout in prs.slide_layouts)
    raise KapdocsError(f"the master has no layout named “{name}”", master,
                       hint=f"its layouts are {names}; rename one or use the default master")


# ---- writing a deck ---------------------------------------------------------------------


def write_deck(deck: Deck, master: Path, project_root: Path, when: dt.datetime) -> bytes:
    """The PPTX file for `deck` on `master`; pictures are read from `project_root`."""
    prs = Presentation(str(master))
    _drop_slides(prs)
    body_box = _body_area(prs, master)
    for spec in deck.slides:
        slide = prs.slides.add_slide(_layout(prs, spec.layout, master))
        _fill(slide, spec, body_box, project_root, deck.meta.lang)
    _core_properties(prs, deck, when)
    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue(), when)


def _drop_slides(prs) -> None:
    """Slides that came with the master are examples, not part of this deck."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def _body_area(prs, master: Path) -> tuple[int, int, int, int]:
    body = _body_placeholder(prs, master)
    return body.left, body.top, body.width, body.height


def _fill(slide, spec: Slide, body_box, project_root: Path, lang: str) -> None:
    if slide.shapes.title is not None:
        slide.shapes.title.text = spec.title
        if spec.kind in TITLE_SIZES:
            slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(TITLE_SIZES[spec.kind])
        _set_lang(slide.shapes.title.text_frame, lang)
    if spec.kind == "title":
        _subtitle(slide, spec.subtitle, lang)
    elif spec.callout:
        _callout(slide, spec, body_box, lang)
    elif spec.bullets:
        _body(slide, spec, lang)
    elif spec.table:
        _table(slide, spec.table, spec.size, body_box, lang)
    elif spec.picture:
        _picture(slide, spec.picture, body_box, project_root, lang)
    _remove_empty_placeholders(slide)
    _slide_number(slide)
    if spec.notes:
        notes = slide.notes_slide.notes_text_frame
        notes.text = "\n".join(spec.notes)
        _set_lang(notes, lang)


def _subtitle(slide, lines: tuple[str, ...], lang: str) -> None:
    placeholder = _placeholder(slide, 1)
    if placeholder is None or not lines:
        return
    frame = placeholder.text_frame
    for i, text in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(24 if i == 0 else 16)
    _set_lang(frame, lang)


def _body(slide, spec: Slide, lang: str) -> None:
    placeholder = _placeholder(slide, 1)
    if placeholder is None:
        raise KapdocsError(f"layout “{spec.layout}” has no body placeholder for the bullets of “{spec.title}”",
                           line=spec.line)
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, bullet in enumerate(spec.bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _bullet(paragraph, bullet, spec.size)
    _set_lang(frame, lang)


def _bullet(paragraph, bullet: Bullet, size: float) -> None:
    paragraph.level = bullet.level
    level_size = size - 3 * bullet.level
    paragraph.space_before = Pt(round(0.3 * level_size))
    p_pr = paragraph._p.get_or_add_pPr()
    if bullet.plain:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))
    elif bullet.numbered:
        etree.SubElement(p_pr, qn("a:buAutoNum")).set("type", "arabicPeriod")
    for part in bullet.runs:
        run = paragraph.add_run()
        run.text = part.text
        run.font.size = Pt(level_size)
        run.font.bold = part.bold or None
        run.font.italic = part.italic or None


def _callout(slide, spec: Slide, body_box, lang: str) -> None:
    """A boxed note: a rounded rectangle in a light tint of the callout colour, text inside."""
    left, top, width, height = body_box
    colour = RGBColor.from_string(spec.callout.colour.lstrip("#"))
    fitted = Pt(spec.text_height + 2 * CALLOUT_PADDING + 2 * INSET_Y)
    box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, min(height, fitted))
    box.name = f"Callout {spec.callout.kind}"
    box.adjustments[0] = 0.06
    box.fill.solid()
    box.fill.fore_color.rgb = _tint(spec.callout.colour, 0.9)
    box.line.color.rgb = colour
    box.line.width = Pt(2.25)
    box.shadow.inherit = False
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    inset = Pt(CALLOUT_PADDING)
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = inset
    for i, bullet in enumerate(spec.bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        _bullet(paragraph, bullet, spec.size)
        for run in paragraph.runs:
            run.font.color.rgb = colour if i == 0 else RGBColor(0x1A, 0x1A, 0x1A)
    _set_lang(frame, lang)


def _tint(colour: str, amount: float) -> RGBColor:
    """`colour` mixed with white (amount 0 = colour, 1 = white)."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return RGBColor(*(round(c + (255 - c) * amount) for c in rgb))


def _table(slide, table: TableSpec, size: float, body_box, lang: str) -> None:
    left, top, width, _ = body_box
    columns = len(table.header)
    shape = slide.shapes.add_table(len(table.rows) + 1, columns, left, top, width, Emu(int(0.4 * 914400)))
    grid = shape.table
    for c in range(columns):
        grid.columns[c].width = Emu(width // columns)
    for r, row in enumerate((table.header, *table.rows)):
        for c, text in enumerate(row):
            frame = grid.cell(r, c).text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = True if r == 0 else None
            _set_lang(frame, lang)


def _picture(slide, picture: PictureSpec, body_box, project_root: Path, lang: str) -> None:
    left, top, width, height = body_box
    caption_height = int(CAPTION_SIZE * 1.6 * EMU_PER_PT) if picture.caption else 0
    path = project_root / picture.path
    pic = slide.shapes.add_picture(str(path), left, top)
    scale = min(width / pic.width, (height - caption_height) / pic.height)
    pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
    pic.left = left + (width - pic.width) // 2
    pic.top = top
    pic._element.nvPicPr.cNvPr.set("descr", picture.alt)
    if picture.caption:
        box = slide.shapes.add_textbox(left, top + pic.height + EMU_PER_PT * 6, width, caption_height)
        paragraph = box.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = picture.caption
        run.font.size = Pt(CAPTION_SIZE)
        box.text_frame.word_wrap = True
        _set_lang(box.text_frame, lang)


def _placeholder(slide, idx: int):
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)


def _remove_empty_placeholders(slide) -> None:
    """Unused placeholders would show "Click to add text" in PowerPoint."""
    for ph in list(slide.placeholders):
        if ph.has_text_frame and not ph.text_frame.text and ph.placeholder_format.idx != 0:
            ph._element.getparent().remove(ph._element)


def _slide_number(slide) -> None:
    """python-pptx does not copy footer placeholders; copy the layout's slide-number field."""
    for ph in slide.slide_layout.placeholders:
        if ph.element.ph_type == 13:  # PP_PLACEHOLDER.SLIDE_NUMBER
            number = copy.deepcopy(ph.element)
            # Shape ids must be unique on a slide, or PowerPoint offers to repair the file.
            number.find(f".//{qn('p:cNvPr')}").set("id", str(_next_id(slide)))
            slide.shapes._spTree.append(number)


def _set_lang(frame, lang: str) -> None:
    """Mark every run with the document language (spell-check, screen readers)."""
    tag = _office_lang(lang)
    for run in frame._txBody.iter(qn("a:rPr")):
        run.set("lang", tag)
    for paragraph in frame.paragraphs:
        paragraph._p.get_or_add_pPr()
        end = paragraph._p.find(qn("a:endParaRPr"))
        if end is not None:
            end.set("lang", tag)


def _office_lang(lang: str) -> str:
    return {"en": "en-US", "es": "es-US"}.get(lang, lang)


def _core_properties(prs, deck: Deck, when: dt.datetime) -> None:
    props = prs.core_properties
    props.title = deck.meta.title
    props.author = deck.meta.author
    props.subject = deck.meta.subject
    props.keywords = deck.meta.keywords
    props.language = _office_lang(deck.meta.lang)
    props.last_modified_by = "kapdocs"
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.comments = ""
    props.category = "Staff training"


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with fixed entry times and attributes, [Content_Types].xml first."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


# ---- the generated master -----------------------------------------------------------------


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
    _text_styles(master)
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
    theme = etree.fromstring(part.blob)
    colours = {"dk2": brand.colours.primary, "accent1": brand.colours.primary,
               "accent2": brand.colours.accent, "tx2": brand.colours.primary}
    scheme = theme.find(f".//{{{A}}}clrScheme")
    scheme.set("name", brand.name)
    for slot, value in colours.items():
        node = scheme.find(f"{{{A}}}{slot}")
        if node is None:
            continue
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}srgbClr").set("val", value.lstrip("#").upper())
    for kind, family in (("majorFont", brand.fonts.deck_heading), ("minorFont", brand.fonts.deck_body)):
        theme.find(f".//{{{A}}}{kind}/{{{A}}}latin").set("typeface", family)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_styles(master) -> None:
    """Titles bold in the primary colour; bullets in the accent colour."""
    styles = master.element.find(qn("p:txStyles"))
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


def _master_art(master, brand: Brand) -> None:
    """A primary-colour bar along the bottom and the logo bottom-left on every slide."""
    width, height = WIDE
    _add_rect(master, "Brand bar", 0, height - Inches(0.12), width, Inches(0.12), brand.colours.primary)
    _add_logo(master, brand, Inches(0.5), height - Inches(0.7), Inches(0.42))


def _title_layout(prs, brand: Brand) -> None:
    """The title slide: a full primary-colour background, white text, logo on a white panel."""
    layout = _layout(prs, "Title Slide", "default master")
    layout.element.set("showMasterSp", "0")
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(brand.colours.primary.lstrip("#"))
    width, _ = WIDE
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        if idx in (0, 1):
            ph.left, ph.width = Inches(0.9), width - Inches(1.8)
            _white_text(ph, left_aligned=True, size=4400 if idx == 0 else None)
        if idx == 0:
            ph.top, ph.height = Inches(2.2), Inches(1.9)
        elif idx == 1:
            ph.top, ph.height = Inches(4.2), Inches(1.8)
        elif ph.element.ph_type == 13:  # slide number
            _white_text(ph)
    _add_rect(layout, "Logo panel", Inches(0.9), Inches(0.7), Inches(3.6), Inches(1.1), "#FFFFFF", rounded=True)
    _add_logo(layout, brand, Inches(1.1), Inches(0.85), Inches(0.8))


def _add_rect(owner, name: str, x: int, y: int, cx: int, cy: int, colour: str, rounded: bool = False) -> None:
    """A filled, borderless rectangle drawn under the placeholders of a master or layout."""
    shape = parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{_next_id(owner)}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'</a:xfrm><a:prstGeom prst="{"roundRect" if rounded else "rect"}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f"</p:spPr></p:sp>")
    owner.shapes._spTree.insert(2, shape)


def _add_logo(owner, brand: Brand, x: int, y: int, height: int) -> None:
    """The brand logo, with its alt text, at a given height."""
    image_part, rid = owner.part.get_or_add_image_part(str(brand.folder / brand.logo))
    px_w, px_h = image_part.image.size
    width = int(height * px_w / px_h)
    pic = CT_Picture.new_pic(_next_id(owner), "Logo", brand.logo_alt or brand.name, rid, x, y, width, height)
    owner.shapes._spTree.append(pic)


def _next_id(owner) -> int:
    ids = [int(v) for v in owner.element.xpath("//p:cNvPr/@id")]
    return max(ids, default=1) + 1


def _white_text(placeholder, left_aligned: bool = False, size: int | None = None) -> None:
    """White text for a layout placeholder, through its list style (which slides inherit)."""
    body = placeholder.element.find(qn("p:txBody"))
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
