"""What each kind of slide draws on its slide besides its title and notes, through python-pptx:
text in placeholders, callout boxes, tables and pictures (stats tiles, charts and steps are in
figures.py), where the placer put them and at the sizes the fitter chose. Raw XML is in oxml.py.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from kapdocs.brand.schema import Brand
from kapdocs.support.qr import qr_png
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.fit import INSET_X, INSET_Y, SPACE_BEFORE, cell_padding, deck_measure
from kapdocs.writers.deck.layouts import Rect
from kapdocs.writers.deck.place import CALLOUT_PADDING
from kapdocs.writers.deck.slides import (Bullet, CalloutSlide, ClosingSlide, ColumnsSlide, ContentSlide, PictureSlide,
                                        SectionSlide, TableSlide, TitleSlide)
from kapdocs.writers.deck.text import add_bullet, right_to_left, set_lang

EMU_PER_PT = 12700


@dataclass(frozen=True)
class DrawContext:
    """What drawing a slide needs besides the slide: the deck's language and brand, and the
    folder its pictures are read from."""

    lang: str
    brand: Brand
    project_root: Path


def emu(rect: Rect) -> tuple[int, int, int, int]:
    """A box in points as python-pptx's left, top, width and height (EMU)."""
    return tuple(int(v * EMU_PER_PT) for v in (rect.left, rect.top, rect.width, rect.height))


def tint(colour: str, amount: float) -> RGBColor:
    """`colour` mixed with white (amount 0 = colour, 1 = white)."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return RGBColor(*(round(c + (255 - c) * amount) for c in rgb))


# ---- each kind of slide ------------------------------------------------------------------


def draw_title(slide, spec: TitleSlide, context: DrawContext) -> None:
    """The subtitle lines in the title slide's subtitle placeholder, when it has one; in a
    right-to-left language, the logo kapdocs' own master puts top left moved top right."""
    if right_to_left(context.lang):
        _mirror_own_art(slide)
    lines = spec.subtitle
    placeholder = _placeholder(slide, spec.bodies[0]) if spec.bodies else None
    if placeholder is None or not lines:
        return
    frame = placeholder.text_frame
    for text, size in zip(lines, _subtitle_sizes(lines, placeholder, context)):
        paragraph = frame.paragraphs[0] if not frame.paragraphs[0].runs else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
    set_lang(frame, context.lang)


def _subtitle_sizes(lines: tuple[str, ...], placeholder, context: DrawContext) -> tuple[float, ...]:
    """The subtitle at 24 pt and the version line at 18 (read from the back of the room too); the
    subtitle smaller, down to 18, where a clinic's master gives both less room (Pandoc's title
    slide is 96 pt tall: two lines at 24 and one at 18 need 97)."""
    measure = deck_measure(context.brand.fonts.deck_body, context.lang)
    frame = placeholder.text_frame
    width = (placeholder.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
    room = (placeholder.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
    for first in (24, 22, 20, 18):
        sizes = (first,) + (18,) * (len(lines) - 1)
        needed = sum(measure.lines(text, size, width) * measure.line_height(size, text) + SPACE_BEFORE * size
                     for text, size in zip(lines, sizes))
        if needed <= room:
            break
    return sizes


#: Where a section divider puts its number, rule, title and lead line (points, from the left
#: margin of the slide's title), and their text sizes.
DIVIDER_NUMBER_TOP, DIVIDER_RULE_TOP, DIVIDER_TITLE_TOP, DIVIDER_LEAD_TOP = 86.0, 206.0, 222.0, 336.0
DIVIDER_NUMBER_SIZE, DIVIDER_LEAD_SIZE = 72, 24
DIVIDER_RULE_WIDTH = 96.0
DIVIDER_SLIDE_HEIGHT = 540.0  # points: the height the places above are for


def draw_section(slide, spec: SectionSlide, context: DrawContext) -> None:
    """A divider on the brand's colour: the section's number over an accent rule, its title in
    white, and one line on why the section matters under it."""
    height = slide.part.package.presentation_part.presentation.slide_height
    colours = context.brand.colours
    # The colour is the slide's background, not a shape: a shape under the title would come
    # before it in the reading order.
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor.from_string(colours.primary.lstrip("#"))
    # The master's art (the brand's logo in its colours, the brand bar) would vanish into the
    # brand's colour: the divider hides it, as the title slide does; its slide number is drawn
    # in white (powerpoint.py).
    oxml.hide_master_shapes(slide._element)
    title = slide.shapes.title
    if title is None:
        return
    left, text_width = title.left, title.width
    # Setting one coordinate of an inherited placeholder zeroes the others: set all four.
    title.left, title.width = left, text_width
    # Placed for a 7.5 in high slide; a lower one (Pandoc's 16:9 at 5.625 in) has them closer.
    k = min(1.0, height / EMU_PER_PT / DIVIDER_SLIDE_HEIGHT)
    number_top, rule_top, title_top, lead_top = (k * v for v in (DIVIDER_NUMBER_TOP, DIVIDER_RULE_TOP,
                                                                   DIVIDER_TITLE_TOP, DIVIDER_LEAD_TOP))
    title.top, title.height = Pt(title_top), Pt(lead_top - title_top)
    for run in (r for p in title.text_frame.paragraphs for r in p.runs):
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    # Under the first letter of the title: at its left, or at its right in a right-to-left language.
    inset, rule_width = Pt(INSET_X), Pt(DIVIDER_RULE_WIDTH)
    rule_left = left + text_width - inset - rule_width if right_to_left(context.lang) else left + inset
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, rule_left, Pt(rule_top), rule_width, Pt(6))
    rule.name = "Section rule"
    rule.fill.solid()
    rule.fill.fore_color.rgb = RGBColor.from_string(colours.accent.lstrip("#"))
    rule.line.fill.background()
    rule.shadow.inherit = False
    if spec.number:
        _divider_text(slide, "Section number", f"{spec.number:02d}", left, number_top,
                      text_width, rule_top - number_top, round(DIVIDER_NUMBER_SIZE * k), True, context.lang)
    if spec.lead:
        _divider_text(slide, "Section lead", spec.lead, left, lead_top, text_width,
                      height / EMU_PER_PT - lead_top - 60 * k, DIVIDER_LEAD_SIZE, False, context.lang)


def _divider_text(slide, name: str, text: str, left: int, top: float, width: int, height: float, size: int,
                  bold: bool, lang: str) -> None:
    """White text on a divider, in a box that does not grow."""
    box = slide.shapes.add_textbox(left, Pt(top), width, Pt(height))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM if bold else MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.space_before = Pt(0)
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    set_lang(frame, lang)


def draw_content(slide, spec: ContentSlide, context: DrawContext) -> None:
    """The bullets in the slide's text placeholder."""
    if spec.bullets:
        _body(slide, spec.bodies[0], spec.bullets, spec.size, context.lang)


def draw_closing(slide, spec: ClosingSlide, context: DrawContext) -> None:
    """The contact lines in the text placeholder, and the brand's QR code beside them."""
    if spec.bullets:
        _body(slide, spec.bodies[0], spec.bullets, spec.size, context.lang)
        if spec.qr:
            _qr(slide, spec)


def draw_columns(slide, spec: ColumnsSlide, context: DrawContext) -> None:
    """Each column's bullets in its text placeholder."""
    for idx, bullets in zip(spec.bodies, spec.columns):
        _body(slide, idx, bullets, spec.size, context.lang)


def draw_callout(slide, spec: CalloutSlide, context: DrawContext) -> None:
    """A boxed note: a rounded rectangle in a light tint of the callout colour, text inside."""
    left, top, width, height = emu(spec.area)
    colour = RGBColor.from_string(spec.callout.colour.lstrip("#"))
    fitted = Pt(spec.text_height + 2 * CALLOUT_PADDING + 2 * INSET_Y)
    box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, min(height, fitted))
    box.name = f"Callout {spec.callout.kind}"
    box.adjustments[0] = 0.06
    box.fill.solid()
    box.fill.fore_color.rgb = tint(spec.callout.colour, 0.9)
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
    set_lang(frame, context.lang)


def draw_table(slide, spec: TableSlide, context: DrawContext) -> None:
    """A native table, its header row bold, every cell at the size the fitter chose."""
    table, size = spec.table, spec.size
    left, top, width, _ = emu(spec.area)
    columns = len(table.header)
    shape = slide.shapes.add_table(len(table.rows) + 1, columns, left, top, width, Emu(int(0.4 * 914400)))
    grid = shape.table
    if right_to_left(context.lang):
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
            set_lang(frame, context.lang)


def draw_picture(slide, spec: PictureSlide, context: DrawContext) -> None:
    """The picture as large as its area allows, centred, its caption under it."""
    picture = spec.picture
    left, top, width, height = emu(spec.area)
    caption_height = int((spec.text_height + 2 * INSET_Y) * EMU_PER_PT) if picture.caption else 0
    path = context.project_root / picture.path
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
        set_lang(box.text_frame, context.lang)


# ---- parts of slides ----------------------------------------------------------------------


#: What `kapdocs template master` draws on its title layout (master.py), by shape name.
OWN_TITLE_ART = ("Logo panel", "Logo")


def _mirror_own_art(slide) -> None:
    """The logo and its panel that kapdocs' master draws on the title layout, mirrored left for
    right, so a right-to-left deck's title slide starts at the right as its text does.

    Only on a master kapdocs saved last (`kapdocs template master`, unchanged): a clinic's own
    master, or ours once edited in PowerPoint, keeps its title slide as its designer drew it.
    The deck holds its own copy of the master, so the master file is not changed."""
    package = slide.part.package
    if package.presentation_part.core_properties.last_modified_by != "kapdocs":
        return
    width = package.presentation_part.presentation.slide_width
    for shape in slide.slide_layout.shapes:
        # Only what is still on the left: the layout is shared by every title slide of the deck.
        if shape.name in OWN_TITLE_ART and not shape.is_placeholder and 2 * shape.left + shape.width < width:
            shape.left = width - shape.left - shape.width


def _body(slide, idx: int, bullets: tuple[Bullet, ...], size: float, lang: str) -> None:
    """Bullets in the placeholder `idx`, at `size`, wrapped and not autofitted."""
    frame = _placeholder(slide, idx).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, bullet in enumerate(bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        add_bullet(paragraph, bullet, size)
    set_lang(frame, lang)


def _qr(slide, spec: ClosingSlide) -> None:
    """The brand's QR code where the placer put it, after the text (right of it; left in a
    right-to-left language), which is narrowed to the width the fitter measured."""
    body = _placeholder(slide, spec.bodies[0])
    body.left, body.top, body.width, body.height = emu(spec.area)
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(spec.qr)), *emu(spec.qr_area))
    picture.name = "QR code"
    oxml.set_alt_text(picture._element, spec.qr_alt or f"QR code: {spec.qr}")


def _placeholder(slide, idx: int):
    """The slide's placeholder `idx`, None if its layout has none."""
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)
