"""Deck (slide model) → PPTX bytes, and the generated default master. The only module that imports pptx.

Layouts are looked up by name in the brand's master. Text sizes are written explicitly
(the fitter chose them), autofit is off, notes carry the explanation, pictures carry alt text,
and the zip is written with fixed times and order so the same deck gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

from kapdocs.brand import Brand
from kapdocs.errors import KapdocsError
from kapdocs.fonts import DECK_SCRIPT_FONTS
from kapdocs.i18n import has_right_to_left, text_direction
from kapdocs.writers.deck.fit import (INDENTS, INSET_X, INSET_Y, SPACE_BEFORE, STEP_HEADER, STEP_PAD, TILE_PAD,
                                      cell_padding, mirrored, step_boxes, tile_boxes)
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.layouts import LayoutInfo, MasterInfo, PlaceholderInfo, Rect
from kapdocs.qr import qr_png
from kapdocs.writers.deck.slides import CALLOUT_PADDING, Bullet, Deck, Slide, TableSpec

WIDE = (Emu(12192000), Emu(6858000))  # 16:9, 13.333 × 7.5 in
EMU_PER_PT = 12700
#: Title sizes written explicitly where the layout's own size is too small for the slide's role.
TITLE_SIZES = {"title": 44, "section": 40}


# ---- reading the master ----------------------------------------------------------------


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
    kind = oxml.placeholder_type(ph.element)
    box = Rect(*((v or 0) / EMU_PER_PT for v in (ph.left, ph.top, ph.width, ph.height)))
    return PlaceholderInfo(ph.placeholder_format.idx, kind, ph.name, box)


def _layout(prs, name: str, master: Path | str):
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    names = ", ".join(f"“{layout.name}”" for layout in prs.slide_layouts)
    raise KapdocsError(f"the master has no layout named “{name}”", master,
                       hint=f"its layouts are {names}; rename one or use the default master")


# ---- writing a deck ---------------------------------------------------------------------


def write_deck(deck: Deck, master: Path, project_root: Path, when: dt.datetime, brand: Brand) -> bytes:
    """The PPTX file for `deck` on `master`; pictures are read from `project_root`."""
    prs = Presentation(str(master))
    _drop_slides(prs)
    for spec in deck.slides:
        slide = prs.slides.add_slide(_layout(prs, spec.layout, master))
        _fill(slide, spec, project_root, deck.meta.lang, brand)
        if deck.meta.draft:
            _draft_stamp(slide, deck.meta.draft, deck.meta.lang)
    _core_properties(prs, deck, when)
    out = io.BytesIO()
    prs.save(out)
    return normalise_zip(out.getvalue(), when)


def _drop_slides(prs) -> None:
    """Slides that came with the master are examples, not part of this deck."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        oxml.remove(sld_id)


def _emu(rect: Rect) -> tuple[int, int, int, int]:
    return tuple(int(v * EMU_PER_PT) for v in (rect.left, rect.top, rect.width, rect.height))


def _fill(slide, spec: Slide, project_root: Path, lang: str, brand: Brand) -> None:
    if slide.shapes.title is not None:
        slide.shapes.title.text = spec.title
        if spec.kind in TITLE_SIZES:
            slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(TITLE_SIZES[spec.kind])
        _set_lang(slide.shapes.title.text_frame, lang)
    area = _emu(spec.area) if spec.area else None
    if spec.kind == "title":
        _subtitle(slide, spec, lang)
    elif spec.callout:
        _callout(slide, spec, area, lang)
    elif spec.stats:
        _stats(slide, spec, brand, lang)
    elif spec.chart:
        _chart(slide, spec, area, brand)
    elif spec.steps:
        _steps(slide, spec, brand, lang)
    elif spec.columns:
        for idx, bullets in zip(spec.bodies, spec.columns):
            _body(slide, spec, idx, bullets, lang)
    elif spec.bullets:
        _body(slide, spec, spec.bodies[0], spec.bullets, lang)
        if spec.qr:
            _qr(slide, spec, area)
    elif spec.table:
        _table(slide, spec.table, spec.size, area, lang)
    elif spec.picture:
        _picture(slide, spec, area, project_root, lang)
    _remove_empty_placeholders(slide)
    _slide_number(slide)
    if spec.notes:
        notes = slide.notes_slide.notes_text_frame
        notes.text = "\n".join(spec.notes)
        _set_lang(notes, lang)


def _subtitle(slide, spec: Slide, lang: str) -> None:
    lines = spec.subtitle
    placeholder = _placeholder(slide, spec.bodies[0]) if spec.bodies else None
    if placeholder is None or not lines:
        return
    frame = placeholder.text_frame
    for i, text in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(24 if i == 0 else 16)
    _set_lang(frame, lang)


def _body(slide, spec: Slide, idx: int, bullets: tuple[Bullet, ...], lang: str) -> None:
    frame = _placeholder(slide, idx).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, bullet in enumerate(bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _bullet(paragraph, bullet, spec.size)
    _set_lang(frame, lang)


def _bullet(paragraph, bullet: Bullet, size: float) -> None:
    paragraph.level = bullet.level
    level_size = size - 3 * bullet.level
    paragraph.space_before = Pt(round(0.3 * level_size))
    oxml.mark_bullet(paragraph._p, bullet.plain, bullet.numbered)
    for part in bullet.runs:
        run = paragraph.add_run()
        run.text = part.text
        run.font.size = Pt(level_size)
        run.font.bold = part.bold or None
        run.font.italic = part.italic or None


def _callout(slide, spec: Slide, area, lang: str) -> None:
    """A boxed note: a rounded rectangle in a light tint of the callout colour, text inside."""
    left, top, width, height = area
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


def _qr(slide, spec: Slide, area) -> None:
    """The brand's QR code where the placer put it, after the text (right of it; left in a
    right-to-left language), which is narrowed to the width the fitter measured."""
    body = _placeholder(slide, spec.bodies[0])
    body.left, body.top, body.width, body.height = area
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(spec.qr)), *_emu(spec.qr_area))
    picture.name = "QR code"
    oxml.set_alt_text(picture._element, f"QR code: {spec.qr}")


def _text_box(slide, rect: Rect, name: str):
    """A text box with kapdocs' fixed-size rules: wrapping on, autofit off."""
    box = slide.shapes.add_textbox(*_emu(rect))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    return box


def _run(paragraph, text: str, size: float, bold: bool = False, colour: str | None = None) -> None:
    """A run at an explicit size; paragraph spacing is explicit too, as the fitter measured it."""
    if paragraph.space_before is None:
        paragraph.space_before = Pt(0)
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold or None
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _stats(slide, spec: Slide, brand: Brand, lang: str) -> None:
    """Big-number tiles: a tinted panel with an accent rule, the number large, its label under it."""
    for i, (stat, rect) in enumerate(zip(spec.stats, _in_reading_order(tile_boxes(len(spec.stats), spec.area),
                                                                       spec.area, lang))):
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(rect))
        tile.name = f"Stat {i + 1}"
        tile.fill.solid()
        tile.fill.fore_color.rgb = RGBColor.from_string(brand.colours.tint.lstrip("#"))
        tile.line.fill.background()
        tile.shadow.inherit = False
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(Rect(rect.left, rect.top, rect.width, 5)))
        rule.name = f"Stat {i + 1} rule"
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor.from_string(brand.colours.accent.lstrip("#"))
        rule.line.fill.background()
        rule.shadow.inherit = False
        frame = tile.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(TILE_PAD)
        value = frame.paragraphs[0]
        value.alignment = PP_ALIGN.LEFT
        _run(value, stat.value, spec.size, bold=True, colour=brand.colours.primary)
        label = frame.add_paragraph()
        label.alignment = PP_ALIGN.LEFT
        _run(label, stat.label, spec.label_size, colour=brand.colours.text)
        _set_lang(frame, lang)


CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "pie": XL_CHART_TYPE.PIE}


def _chart(slide, spec: Slide, area, brand: Brand) -> None:
    """A native chart: the numbers stay editable in PowerPoint, with alt text from the same numbers."""
    chart_spec = spec.chart
    data = CategoryChartData(number_format='0"%"' if chart_spec.percent else "General")
    data.categories = chart_spec.categories
    data.add_series(chart_spec.title or spec.title, chart_spec.values)
    frame = slide.shapes.add_chart(CHART_TYPES[chart_spec.kind], *area, data)
    frame.name = f"Chart: {chart_spec.title or spec.title}"
    oxml.set_alt_text(frame._element, chart_spec.alt)
    chart = frame.chart
    chart.font.size = Pt(18)
    chart.has_title = bool(chart_spec.title)
    if chart_spec.title:
        chart.chart_title.text_frame.text = chart_spec.title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(18)
    labels.font.bold = True
    labels.number_format = '0"%"' if chart_spec.percent else "General"
    labels.number_format_is_linked = False
    colours = [brand.colours.primary, brand.colours.accent, brand.callout_colour("tip"),
               brand.callout_colour("warning"), "#5A6673", brand.colours.crisis]
    if chart_spec.kind == "pie":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(colours[i % len(colours)].lstrip("#"))
        return
    chart.has_legend = False
    plot.gap_width = 60
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string(colours[0].lstrip("#"))
    values = chart.value_axis
    values.has_major_gridlines = False
    values.visible = False
    if chart_spec.percent:
        values.maximum_scale = 100
    values.minimum_scale = 0
    if chart_spec.kind == "bar":
        chart.category_axis.reverse_order = True  # first item on top, as in the source


def _steps(slide, spec: Slide, brand: Brand, lang: str) -> None:
    """A process: numbered chevrons across the top, each step's title and text under its chevron.
    Each chevron's point reaches into the gap before the next; in a right-to-left language the
    steps run from the right and the chevrons point left."""
    backwards = _right_to_left(lang)
    for i, (step, rect) in enumerate(zip(spec.steps, _in_reading_order(step_boxes(len(spec.steps), spec.area),
                                                                       spec.area, lang))):
        shape = MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON
        head = slide.shapes.add_shape(shape, *_emu(Rect(rect.left - 14 if backwards else rect.left, rect.top,
                                                        rect.width + 14, STEP_HEADER)))
        if backwards:
            oxml.flip_horizontally(head._element)  # the text inside is not mirrored
        head.name = f"Step {i + 1}"
        head.fill.solid()
        head.fill.fore_color.rgb = RGBColor.from_string(
            (brand.colours.primary if i % 2 == 0 else _mix(brand.colours.primary, 0.25)).lstrip("#"))
        head.line.fill.background()
        head.shadow.inherit = False
        number = head.text_frame.paragraphs[0]
        number.alignment = PP_ALIGN.CENTER
        _run(number, str(i + 1), 24, bold=True, colour="#FFFFFF")
        body = _text_box(slide, Rect(rect.left, rect.top + STEP_HEADER + STEP_PAD, rect.width,
                                     rect.height - STEP_HEADER - STEP_PAD), f"Step {i + 1} text")
        frame = body.text_frame
        _run(frame.paragraphs[0], step.title, spec.size, bold=True, colour=brand.colours.primary)
        if step.text:
            text = frame.add_paragraph()
            text.space_before = Pt(round(0.4 * spec.label_size))
            _run(text, step.text, spec.label_size, colour=brand.colours.text)
        _set_lang(frame, lang)


def _mix(colour: str, amount: float) -> str:
    """`colour` lightened towards white by `amount`, as #RRGGBB."""
    return "#" + str(_tint(colour, amount))


def _tint(colour: str, amount: float) -> RGBColor:
    """`colour` mixed with white (amount 0 = colour, 1 = white)."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return RGBColor(*(round(c + (255 - c) * amount) for c in rgb))


def _table(slide, table: TableSpec, size: float, area, lang: str) -> None:
    left, top, width, _ = area
    columns = len(table.header)
    shape = slide.shapes.add_table(len(table.rows) + 1, columns, left, top, width, Emu(int(0.4 * 914400)))
    grid = shape.table
    if _right_to_left(lang):
        oxml.right_to_left_table(grid._tbl)  # the first column at the right, as in the handout
    for c in range(columns):
        grid.columns[c].width = Emu(width // columns)
    for r, row in enumerate((table.header, *table.rows)):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.margin_top = cell.margin_bottom = Pt(cell_padding(size))
            frame = cell.text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = True if r == 0 else None
            _set_lang(frame, lang)


def _picture(slide, spec: Slide, area, project_root: Path, lang: str) -> None:
    picture = spec.picture
    left, top, width, height = area
    caption_height = int((spec.text_height + 2 * INSET_Y) * EMU_PER_PT) if picture.caption else 0
    path = project_root / picture.path
    pic = slide.shapes.add_picture(str(path), left, top)
    scale = min(width / pic.width, (height - caption_height) / pic.height)
    pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
    pic.left = left + (width - pic.width) // 2
    pic.top = top
    oxml.set_alt_text(pic._element, picture.alt)
    if picture.caption:
        box = slide.shapes.add_textbox(left, top + pic.height + EMU_PER_PT * 6, width, caption_height)
        paragraph = box.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = picture.caption
        run.font.size = Pt(spec.label_size)
        paragraph.space_before = Pt(0)
        box.text_frame.word_wrap = True
        _set_lang(box.text_frame, lang)


def _placeholder(slide, idx: int):
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)


def _remove_empty_placeholders(slide) -> None:
    """Unused placeholders would show "Click to add text" in PowerPoint."""
    for ph in list(slide.placeholders):
        if ph.has_text_frame and not ph.text_frame.text and ph.placeholder_format.idx != 0:
            oxml.remove(ph._element)


def _slide_number(slide) -> None:
    """python-pptx does not copy footer placeholders; copy the layout's slide-number field."""
    for ph in slide.slide_layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            oxml.append_copy(slide.shapes._spTree, ph.element)


#: PowerPoint's language tags, and the font slot a language's script is drawn from (with the font
#: fonts.DECK_SCRIPT_FONTS names: one a clinic's PowerPoint has).
OFFICE_LANG = {"en": "en-US", "es": "es-US", "ar": "ar-SA", "zh-Hans": "zh-CN", "zh": "zh-CN", "vi": "vi-VN",
               "ko": "ko-KR", "tl": "fil-PH", "ru": "ru-RU"}
SCRIPT_SLOT = {"ar": "a:cs", "zh-Hans": "a:ea", "zh": "a:ea", "ko": "a:ea"}


def _right_to_left(lang: str) -> bool:
    return text_direction(lang) == "rtl"


def _in_reading_order(boxes: list[Rect], area: Rect, lang: str) -> list[Rect]:
    """Boxes side by side, the first where the language starts reading."""
    return mirrored(boxes, area) if _right_to_left(lang) else boxes


def _set_lang(frame, lang: str) -> None:
    """Mark every run with the document language (spell-check, screen readers), give its script
    the right font slot, and make right-to-left languages right-to-left paragraphs."""
    tag = _office_lang(lang)
    slot = SCRIPT_SLOT.get(lang)
    rtl = _right_to_left(lang)
    oxml.mark_runs(frame._txBody, tag, slot, DECK_SCRIPT_FONTS.get(lang, ""))
    for paragraph in frame.paragraphs:
        # Right-to-left where the text is (a phone number or web address stays left-to-right),
        # and every paragraph of the deck aligned to the right, where its reader starts.
        oxml.mark_paragraph(paragraph._p, tag, rtl and has_right_to_left(paragraph.text), rtl)


def _office_lang(lang: str) -> str:
    return OFFICE_LANG.get(lang, OFFICE_LANG.get(lang.split("-")[0], lang))


def _draft_stamp(slide, text: str, lang: str) -> None:
    """“DRAFT — translation incomplete” across the top of a slide from an incomplete translation."""
    width = slide.part.package.presentation_part.presentation.slide_width
    box = slide.shapes.add_textbox(int(width * 0.55), int(EMU_PER_PT * 4), int(width * 0.43), int(EMU_PER_PT * 26))
    box.name = "Draft stamp"
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    _run(paragraph, text, 14, bold=True, colour="#B00020")
    _set_lang(box.text_frame, lang)


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
    """The same package with fixed entry times and attributes, [Content_Types].xml first, and
    `when` as the date it was created and changed.

    A chart's workbook, a package inside the package, gets the same: XlsxWriter stamps its core
    properties with the time it is written, so a deck with a chart came out different from one
    second to the next. (The deck's own already say `when`.)"""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = source.read(name)
            if name == "docProps/core.xml":
                content = oxml.dated_core(content, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
            elif name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                content = normalise_zip(content, when)
            target.writestr(info, content)
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
    colours = {"dk2": brand.colours.primary, "accent1": brand.colours.primary,
               "accent2": brand.colours.accent, "tx2": brand.colours.primary}
    fonts = {"majorFont": brand.fonts.deck_heading, "minorFont": brand.fonts.deck_body}
    part._blob = oxml.branded_theme(part.blob, brand.name, colours, fonts)


def _text_styles(master) -> None:
    """Titles bold in the primary colour; bullets in the accent colour."""
    oxml.style_master_text(master.element)


def _master_art(master, brand: Brand) -> None:
    """A primary-colour bar along the bottom and the logo bottom-left on every slide."""
    width, height = WIDE
    _add_rect(master, "Brand bar", 0, height - Inches(0.12), width, Inches(0.12), brand.colours.primary)
    _add_logo(master, brand, Inches(0.5), height - Inches(0.7), Inches(0.42))


def _title_layout(prs, brand: Brand) -> None:
    """The title slide: a full primary-colour background, white text, logo on a white panel."""
    layout = _layout(prs, "Title Slide", "default master")
    oxml.hide_master_shapes(layout.element)
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
        elif ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            _white_text(ph)
    _add_rect(layout, "Logo panel", Inches(0.9), Inches(0.7), Inches(3.6), Inches(1.1), "#FFFFFF", rounded=True)
    _add_logo(layout, brand, Inches(1.1), Inches(0.85), Inches(0.8))


def _add_rect(owner, name: str, x: int, y: int, cx: int, cy: int, colour: str, rounded: bool = False) -> None:
    """A filled, borderless rectangle drawn under the placeholders of a master or layout."""
    oxml.add_rect(owner.shapes._spTree, name, x, y, cx, cy, colour, rounded)


def _add_logo(owner, brand: Brand, x: int, y: int, height: int) -> None:
    """The brand logo, with its alt text, at a given height."""
    image_part, rid = owner.part.get_or_add_image_part(str(brand.folder / brand.slide_logo))
    px_w, px_h = image_part.image.size
    width = int(height * px_w / px_h)
    oxml.add_picture(owner.shapes._spTree, "Logo", brand.logo_alt or brand.name, rid, x, y, width, height)


def _white_text(placeholder, left_aligned: bool = False, size: int | None = None) -> None:
    """White text for a layout placeholder, through its list style (which slides inherit)."""
    oxml.white_text(placeholder.element, left_aligned, size)


# ---- reading a written deck back ------------------------------------------------------

def overflowing_text(data: bytes, measure) -> list[tuple]:
    """Every text shape whose paragraphs, measured at their written sizes, are taller than the shape.

    Read from the PPTX itself: the box is the shape's (or its layout placeholder's) height, the
    text and sizes are what was written. Titles and the slide number, which kapdocs does not
    size, are left out; tables are checked against the slide's bottom edge.
    """
    prs = Presentation(io.BytesIO(data))
    found = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_table:
                bottom = shape.top + sum(_table_height(shape.table, measure)) * 12700
                if bottom > prs.slide_height:
                    found.append((number, shape.name, bottom, prs.slide_height))
                continue
            if not shape.has_text_frame or shape == slide.shapes.title or not shape.text_frame.text:
                continue
            if re.fullmatch(r"Step \d+", shape.name):
                continue  # a chevron holding only its step number, drawn at a fixed size
            frame = shape.text_frame
            runs = [r for p in frame.paragraphs for r in p.runs]
            if not runs or any(r.font.size is None for r in runs):
                continue  # not sized by kapdocs (slide number field)
            width = (shape.width - frame.margin_left - frame.margin_right) / 12700
            needed = 0.0
            for paragraph in frame.paragraphs:
                if not paragraph.runs:
                    continue
                size = paragraph.runs[0].font.size.pt
                plain = oxml.is_plain(paragraph._p)
                bulleted = shape.is_placeholder and not plain
                indent = INDENTS[min(paragraph.level, 2)] if bulleted else 0.0
                bold = all(r.font.bold for r in paragraph.runs)
                lines = measure.lines(paragraph.text, size, width - indent, bold)
                spacing = paragraph.space_before.pt if paragraph.space_before is not None else SPACE_BEFORE * size
                needed += lines * measure.line_height(size) + spacing
            available = (shape.height - frame.margin_top - frame.margin_bottom) / 12700
            if needed > available + 0.5:
                found.append((number, shape.name, round(needed, 1), round(available, 1)))
    return found


def _table_height(table, measure):
    for row in table.rows:
        cells = list(row.cells)
        width = [table.columns[i].width / 12700 - 2 * INSET_X for i in range(len(cells))]
        size = cells[0].text_frame.paragraphs[0].runs[0].font.size.pt if cells[0].text_frame.paragraphs[0].runs else 18
        padding = max(c.margin_top + c.margin_bottom for c in cells) / 12700
        yield max(measure.lines(c.text, size, w) for c, w in zip(cells, width)) * measure.line_height(size) + padding
