"""Stats tiles, native charts and process steps: the slides drawn as figures, through python-pptx,
where the placer put them and at the sizes the fitter chose. Raw XML is in oxml.py.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.fit import STEP_HEADER, STEP_PAD, TILE_PAD, mirrored, step_boxes, tile_boxes
from kapdocs.writers.deck.layouts import Rect
from kapdocs.writers.deck.shapes import DrawContext, emu, tint
from kapdocs.writers.deck.slides import ChartSlide, StatsSlide, StepsSlide
from kapdocs.writers.deck.text import add_run, right_to_left, set_lang

#: How far (points) a step's chevron reaches past its column, into the gap before the next step.
STEP_REACH = 14.0

CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "pie": XL_CHART_TYPE.PIE}


def draw_stats(slide, spec: StatsSlide, context: DrawContext) -> None:
    """Big-number tiles: a tinted panel with an accent rule, the number large, its label under it."""
    if not spec.stats:
        return
    colours = context.brand.colours
    boxes = _in_reading_order(tile_boxes(len(spec.stats), spec.area), spec.area, context.lang)
    for i, (stat, rect) in enumerate(zip(spec.stats, boxes)):
        tile = _panel(slide, rect, f"Stat {i + 1}", colours.tint)
        _panel(slide, Rect(rect.left, rect.top, rect.width, 5), f"Stat {i + 1} rule", colours.accent)
        frame = tile.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(TILE_PAD)
        value = frame.paragraphs[0]
        value.alignment = PP_ALIGN.LEFT
        add_run(value, stat.value, spec.size, bold=True, colour=colours.primary)
        label = frame.add_paragraph()
        label.alignment = PP_ALIGN.LEFT
        add_run(label, stat.label, spec.label_size, colour=colours.text)
        set_lang(frame, context.lang)


def draw_chart(slide, spec: ChartSlide, context: DrawContext) -> None:
    """A native chart: the numbers stay editable in PowerPoint, with alt text from the same numbers."""
    chart_spec = spec.chart
    data = CategoryChartData(number_format='0"%"' if chart_spec.percent else "General")
    data.categories = chart_spec.categories
    data.add_series(chart_spec.title or spec.title, chart_spec.values)
    frame = slide.shapes.add_chart(CHART_TYPES[chart_spec.kind], *emu(spec.area), data)
    frame.name = f"Chart: {chart_spec.title or spec.title}"
    oxml.set_alt_text(frame._element, chart_spec.alt)
    chart = frame.chart
    oxml.unsigned_axis_ids(chart._chartSpace)
    chart.font.size = Pt(18)
    chart.has_title = bool(chart_spec.title)
    if chart_spec.title:
        chart.chart_title.text_frame.text = chart_spec.title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    labels = _data_labels(chart.plots[0])
    labels.number_format = '0"%"' if chart_spec.percent else "General"
    labels.number_format_is_linked = False
    brand = context.brand
    colours = [brand.colours.primary, brand.colours.accent, brand.callout_colour("tip"),
               brand.callout_colour("warning"), "#5A6673", brand.colours.crisis]
    if chart_spec.kind == "pie":
        _pie(chart, colours)
    else:
        _bars(chart, chart_spec.kind == "bar", chart_spec.percent, colours[0])


def _data_labels(plot):
    """The plot's values written on it, large and bold."""
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(18)
    labels.font.bold = True
    return labels


def _pie(chart, colours: list[str]) -> None:
    """A pie's legend at its right, each slice in the next of `colours`."""
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    for i, point in enumerate(chart.plots[0].series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(colours[i % len(colours)].lstrip("#"))


def _bars(chart, horizontal: bool, percent: bool, colour: str) -> None:
    """Bars or columns in one colour, no legend, gridlines or value axis; bars top to bottom."""
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 60
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    values = chart.value_axis
    values.has_major_gridlines = False
    values.visible = False
    if percent:
        values.maximum_scale = 100
    values.minimum_scale = 0
    if horizontal:
        chart.category_axis.reverse_order = True  # first item on top, as in the source


def draw_steps(slide, spec: StepsSlide, context: DrawContext) -> None:
    """A process: numbered chevrons across the top, each step's title and text under its chevron.
    Each chevron's point reaches into the gap before the next, but the last one's, which has no
    gap after it, stays in its column, inside the margin; in a right-to-left language the steps
    run from the right and the chevrons point left."""
    if not spec.steps:
        return
    colours = context.brand.colours
    backwards = right_to_left(context.lang)
    boxes = _in_reading_order(step_boxes(len(spec.steps), spec.area), spec.area, context.lang)
    for i, (step, rect) in enumerate(zip(spec.steps, boxes)):
        colour = colours.primary if i % 2 == 0 else _mix(colours.primary, 0.25)
        reach = STEP_REACH if i < len(spec.steps) - 1 else 0.0
        _chevron(slide, i, Rect(rect.left - reach if backwards else rect.left, rect.top, rect.width + reach,
                                STEP_HEADER), colour, backwards)
        body = _text_box(slide, Rect(rect.left, rect.top + STEP_HEADER + STEP_PAD, rect.width,
                                     rect.height - STEP_HEADER - STEP_PAD), f"Step {i + 1} text")
        frame = body.text_frame
        add_run(frame.paragraphs[0], step.title, spec.size, bold=True, colour=colours.primary)
        if step.text:
            text = frame.add_paragraph()
            text.space_before = Pt(round(0.4 * spec.label_size))
            add_run(text, step.text, spec.label_size, colour=colours.text)
        set_lang(frame, context.lang)


def _chevron(slide, i: int, rect: Rect, colour: str, backwards: bool) -> None:
    """Step `i`'s header: a chevron (the first a pentagon) holding its number in white."""
    head = slide.shapes.add_shape(MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON, *emu(rect))
    if backwards:
        oxml.flip_horizontally(head._element)  # the text inside is not mirrored
    head.name = f"Step {i + 1}"
    head.fill.solid()
    head.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    head.line.fill.background()
    head.shadow.inherit = False
    number = head.text_frame.paragraphs[0]
    number.alignment = PP_ALIGN.CENTER
    add_run(number, str(i + 1), 24, bold=True, colour="#FFFFFF")


def _panel(slide, rect: Rect, name: str, colour: str):
    """A rectangle filled with `colour`, without outline or shadow."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu(rect))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _text_box(slide, rect: Rect, name: str):
    """A text box with kapdocs' fixed-size rules: wrapping on, autofit off."""
    box = slide.shapes.add_textbox(*emu(rect))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    return box


def _mix(colour: str, amount: float) -> str:
    """`colour` lightened towards white by `amount`, as #RRGGBB."""
    return "#" + str(tint(colour, amount))


def _in_reading_order(boxes: list[Rect], area: Rect, lang: str) -> list[Rect]:
    """Boxes side by side, the first where the language starts reading."""
    return mirrored(boxes, area) if right_to_left(lang) else boxes
