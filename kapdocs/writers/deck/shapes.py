"""What each kind of slide draws on its slide, through python-pptx: text in placeholders, boxes,
tiles, charts, chevrons, tables and pictures, where the placer put them and at the sizes the
fitter chose. Raw XML is left to oxml.py.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from kapdocs.brand import Brand
from kapdocs.qr import qr_png
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.fit import INSET_Y, STEP_HEADER, STEP_PAD, TILE_PAD, cell_padding, mirrored, step_boxes, tile_boxes
from kapdocs.writers.deck.layouts import Rect
from kapdocs.writers.deck.place import CALLOUT_PADDING
from kapdocs.writers.deck.slides import Bullet, Slide, TableSpec
from kapdocs.writers.deck.text import add_bullet, add_run, right_to_left, set_lang

EMU_PER_PT = 12700


def draw(slide, spec: Slide, project_root: Path, lang: str, brand: Brand) -> None:
    """The content of `spec` (all but its title and notes) on `slide`."""
    area = emu(spec.area) if spec.area else None
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


def emu(rect: Rect) -> tuple[int, int, int, int]:
    return tuple(int(v * EMU_PER_PT) for v in (rect.left, rect.top, rect.width, rect.height))


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
    set_lang(frame, lang)


def _body(slide, spec: Slide, idx: int, bullets: tuple[Bullet, ...], lang: str) -> None:
    frame = _placeholder(slide, idx).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, bullet in enumerate(bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        add_bullet(paragraph, bullet, spec.size)
    set_lang(frame, lang)


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
        add_bullet(paragraph, bullet, spec.size)
        for run in paragraph.runs:
            run.font.color.rgb = colour if i == 0 else RGBColor(0x1A, 0x1A, 0x1A)
    set_lang(frame, lang)


def _qr(slide, spec: Slide, area) -> None:
    """The brand's QR code where the placer put it, after the text (right of it; left in a
    right-to-left language), which is narrowed to the width the fitter measured."""
    body = _placeholder(slide, spec.bodies[0])
    body.left, body.top, body.width, body.height = area
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(spec.qr)), *emu(spec.qr_area))
    picture.name = "QR code"
    oxml.set_alt_text(picture._element, f"QR code: {spec.qr}")


def _text_box(slide, rect: Rect, name: str):
    """A text box with kapdocs' fixed-size rules: wrapping on, autofit off."""
    box = slide.shapes.add_textbox(*emu(rect))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    return box


def _stats(slide, spec: Slide, brand: Brand, lang: str) -> None:
    """Big-number tiles: a tinted panel with an accent rule, the number large, its label under it."""
    for i, (stat, rect) in enumerate(zip(spec.stats, _in_reading_order(tile_boxes(len(spec.stats), spec.area),
                                                                       spec.area, lang))):
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu(rect))
        tile.name = f"Stat {i + 1}"
        tile.fill.solid()
        tile.fill.fore_color.rgb = RGBColor.from_string(brand.colours.tint.lstrip("#"))
        tile.line.fill.background()
        tile.shadow.inherit = False
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu(Rect(rect.left, rect.top, rect.width, 5)))
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
        add_run(value, stat.value, spec.size, bold=True, colour=brand.colours.primary)
        label = frame.add_paragraph()
        label.alignment = PP_ALIGN.LEFT
        add_run(label, stat.label, spec.label_size, colour=brand.colours.text)
        set_lang(frame, lang)


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
    backwards = right_to_left(lang)
    for i, (step, rect) in enumerate(zip(spec.steps, _in_reading_order(step_boxes(len(spec.steps), spec.area),
                                                                       spec.area, lang))):
        shape = MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON
        head = slide.shapes.add_shape(shape, *emu(Rect(rect.left - 14 if backwards else rect.left, rect.top,
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
        add_run(number, str(i + 1), 24, bold=True, colour="#FFFFFF")
        body = _text_box(slide, Rect(rect.left, rect.top + STEP_HEADER + STEP_PAD, rect.width,
                                     rect.height - STEP_HEADER - STEP_PAD), f"Step {i + 1} text")
        frame = body.text_frame
        add_run(frame.paragraphs[0], step.title, spec.size, bold=True, colour=brand.colours.primary)
        if step.text:
            text = frame.add_paragraph()
            text.space_before = Pt(round(0.4 * spec.label_size))
            add_run(text, step.text, spec.label_size, colour=brand.colours.text)
        set_lang(frame, lang)


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
    if right_to_left(lang):
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
            set_lang(frame, lang)


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
        set_lang(box.text_frame, lang)


def _placeholder(slide, idx: int):
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)




def _in_reading_order(boxes: list[Rect], area: Rect, lang: str) -> list[Rect]:
    """Boxes side by side, the first where the language starts reading."""
    return mirrored(boxes, area) if right_to_left(lang) else boxes
