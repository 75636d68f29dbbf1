"""Deck (slide model) → PPTX bytes, and a written deck read back. The presentation-level
python-pptx code: each kind of slide's content is drawn by a function of shapes.py or figures.py,
chosen by the slide's type (DRAW); raw XML is written by oxml.py.

Layouts are looked up by name in the brand's master. Text sizes are written explicitly
(the fitter chose them), autofit is off, notes carry the explanation, pictures carry alt text,
and the zip is written with fixed times and order so the same deck gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from kapdocs.brand.schema import Brand
from kapdocs.writers.deck import figures, oxml, shapes
from kapdocs.writers.deck.fit import INDENTS, INSET_X, SPACE_BEFORE
from kapdocs.writers.deck.master import layout_named
from kapdocs.writers.deck.package import normalise_zip
from kapdocs.writers.deck.shapes import EMU_PER_PT, DrawContext
from kapdocs.writers.deck.slides import (FRAMING, AgendaSlide, CalloutSlide, ChartSlide, ClosingSlide, ColumnsSlide,
                                        ContentSlide, Deck, PictureSlide, SectionSlide, Slide, StatsSlide, StepsSlide,
                                        TableSlide, TitleSlide)
from kapdocs.writers.deck.text import add_run, office_lang, set_lang

#: Title sizes written explicitly where the layout's own size is too small for the slide's role.
TITLE_SIZES = {TitleSlide: 44, SectionSlide: 40}

#: What each kind of slide draws besides its title and notes.
DRAW = {
    TitleSlide: shapes.draw_title, SectionSlide: shapes.draw_section, ContentSlide: shapes.draw_content,
    AgendaSlide: shapes.draw_content,
    ClosingSlide: shapes.draw_closing, ColumnsSlide: shapes.draw_columns, CalloutSlide: shapes.draw_callout,
    TableSlide: shapes.draw_table, PictureSlide: shapes.draw_picture, StatsSlide: figures.draw_stats,
    ChartSlide: figures.draw_chart, StepsSlide: figures.draw_steps,
}


# ---- writing a deck ---------------------------------------------------------------------


def write_deck(deck: Deck, master: Path, project_root: Path, when: dt.datetime, brand: Brand) -> bytes:
    """The PPTX file for `deck` on `master`; pictures are read from `project_root`."""
    prs = Presentation(str(master))
    _drop_slides(prs)
    context = DrawContext(deck.meta.lang, brand, project_root)
    for spec in deck.slides:
        slide = prs.slides.add_slide(layout_named(prs, spec.layout, master))
        _fill(slide, spec, context)
        if deck.meta.draft:
            _draft_stamp(slide, deck.meta.draft, deck.meta.lang, on_colour=spec.kind in ON_COLOUR)
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


def _fill(slide, spec: Slide, context: DrawContext) -> None:
    """One slide: its title, its content, its slide number and its speaker notes."""
    if slide.shapes.title is not None:
        slide.shapes.title.text = spec.title
        if type(spec) in TITLE_SIZES:
            slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(TITLE_SIZES[type(spec)])
        set_lang(slide.shapes.title.text_frame, context.lang)
    slide.name = spec.kind  # read back by the audit: framing slides need no notes
    DRAW[type(spec)](slide, spec, context)
    _remove_empty_placeholders(slide)
    _slide_number(slide, on_colour=isinstance(spec, SectionSlide))
    if spec.notes:
        notes = slide.notes_slide.notes_text_frame
        notes.text = "\n".join(spec.notes)
        set_lang(notes, context.lang)


def _remove_empty_placeholders(slide) -> None:
    """Unused placeholders would show "Click to add text" in PowerPoint."""
    for ph in list(slide.placeholders):
        if ph.has_text_frame and not ph.text_frame.text and ph.placeholder_format.idx != 0:
            oxml.remove(ph._element)


def _slide_number(slide, on_colour: bool = False) -> None:
    """python-pptx does not copy footer placeholders; copy the layout's slide-number field.
    On a slide kapdocs paints in the brand's colour (a section divider) the number is white,
    whatever colour the master gives it: grey on the brand's dark colour could not be read."""
    for ph in slide.slide_layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            copied = oxml.append_copy(slide.shapes._spTree, ph.element)
            if on_colour:
                oxml.colour_text(copied, "#FFFFFF")


#: The kinds of slide drawn on the brand's colour, where the red draft stamp could not be read.
ON_COLOUR = ("title", "section")


def _draft_stamp(slide, text: str, lang: str, on_colour: bool = False) -> None:
    """“DRAFT — not reviewed” (or “— translation incomplete”) across the top of a slide: red, or
    white on a slide drawn on the brand's colour."""
    width = slide.part.package.presentation_part.presentation.slide_width
    box = slide.shapes.add_textbox(int(width * 0.55), int(EMU_PER_PT * 4), int(width * 0.43), int(EMU_PER_PT * 30))
    box.name = "Draft stamp"
    paragraph = box.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    add_run(paragraph, text, 14, bold=True, colour="#FFFFFF" if on_colour else "#B00020")
    set_lang(box.text_frame, lang)


def _core_properties(prs, deck: Deck, when: dt.datetime) -> None:
    """The deck's title, author, language and dates in the package's core properties."""
    props = prs.core_properties
    props.title = deck.meta.title
    props.author = deck.meta.author
    props.subject = deck.meta.subject
    props.keywords = deck.meta.keywords
    props.language = office_lang(deck.meta.lang)
    props.last_modified_by = "kapdocs"
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.comments = ""
    props.category = "Staff training"


# ---- reading a written deck back ------------------------------------------------------


def open_deck(data: bytes):
    """A written deck (PPTX bytes) opened with python-pptx, to be read back."""
    return Presentation(io.BytesIO(data))


def slides_without_notes(data) -> list[int]:
    """The numbers of the content slides that carry no speaker notes (from bytes, or an opened
    deck). A slide kapdocs named as framing the deck (title, agenda, section divider, closing)
    needs none; any other slide, a hand-made one too, does."""
    prs = open_deck(data) if isinstance(data, (bytes, bytearray)) else data
    return [number for number, slide in enumerate(prs.slides, 1) if slide.name not in FRAMING
            and not (slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip())]


def overflowing_text(data, measure) -> list[tuple]:
    """Every text shape whose paragraphs, measured at their written sizes, are taller than the shape.

    Read from the PPTX itself (its bytes, or the deck already opened with python-pptx): the box is
    the shape's (or its layout placeholder's) height, the text and sizes are what was written.
    Titles and the slide number, which kapdocs does not size, are left out; tables are checked
    against the slide's bottom edge.
    """
    prs = Presentation(io.BytesIO(data)) if isinstance(data, (bytes, bytearray)) else data
    found = []
    for number, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title  # once a slide: python-pptx finds it by searching every shape
        for shape in slide.shapes:
            if shape.has_table:
                bottom = shape.top + sum(_table_height(shape.table, measure)) * EMU_PER_PT
                if bottom > prs.slide_height:
                    found.append((number, shape.name, bottom, prs.slide_height))
                continue
            if not shape.has_text_frame or shape == title or not shape.text_frame.text:
                continue
            if re.fullmatch(r"Step \d+", shape.name):
                continue  # a chevron holding only its step number, drawn at a fixed size
            needed = _text_height(shape, measure)
            if needed is None:
                continue  # not sized by kapdocs (slide number field)
            frame = shape.text_frame
            available = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
            if needed > available + 0.5:
                found.append((number, shape.name, round(needed, 1), round(available, 1)))
    return found


def small_text(data, minimum: float) -> list[tuple[int, str, float, str]]:
    """(slide number, shape name, size, text) of each run kapdocs sized below `minimum` points, in
    text shapes and table cells. The slide number field and the draft stamp (for the reviewer,
    not the audience) are left out."""
    prs = open_deck(data) if isinstance(data, (bytes, bytearray)) else data
    found = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.name == "Draft stamp" or (shape.is_placeholder and shape.placeholder_format.type in FOOTER_TYPES):
                continue
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            small = [(run.font.size.pt, run.text) for frame in frames for paragraph in frame.paragraphs
                     for run in paragraph.runs if run.font.size is not None and run.font.size.pt < minimum - 0.05
                     and run.text.strip()]
            if small:
                size, text = min(small)
                found.append((number, shape.name, size, text))
    return found


def _text_height(shape, measure) -> float | None:
    """The height (points) of a shape's text at its written sizes; None if kapdocs did not size it."""
    frame = shape.text_frame
    runs = [r for p in frame.paragraphs for r in p.runs]
    if not runs or any(r.font.size is None for r in runs):
        return None
    width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
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
        needed += lines * measure.line_height(size, paragraph.text) + spacing
    return needed


def body_fill(data, measure) -> list[tuple[int, float]]:
    """(slide number, share of its body area its content covers) for each content slide.

    The body area is the slide below its title and above its footer line (slide number, date,
    footer), between the title's margins; the content is the box around everything drawn there,
    text counted as tall as its measured lines (a placeholder's empty lower part is not filled),
    a table as tall as its measured rows."""
    prs = open_deck(data) if isinstance(data, (bytes, bytearray)) else data
    filled = []
    for number, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title
        if slide.name in FRAMING or title is None:
            continue
        footers = [ph.top for ph in slide.slide_layout.placeholders if ph.placeholder_format.type in FOOTER_TYPES]
        body = (title.left, title.top + title.height, title.left + title.width, min(footers, default=prs.slide_height))
        boxes = [box for shape in slide.shapes if (box := _drawn_box(shape, slide, measure)) is not None]
        if not boxes:
            filled.append((number, 0.0))
            continue
        left, top = max(min(b[0] for b in boxes), body[0]), max(min(b[1] for b in boxes), body[1])
        right, bottom = min(max(b[2] for b in boxes), body[2]), min(max(b[3] for b in boxes), body[3])
        covered = max(right - left, 0) * max(bottom - top, 0)
        filled.append((number, round(covered / ((body[2] - body[0]) * (body[3] - body[1])), 3)))
    return filled


FOOTER_TYPES = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER)


def _drawn_box(shape, slide, measure) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) in EMU of what a shape shows; None for the title, the slide
    number and the draft stamp, which are not content."""
    if shape == slide.shapes.title or shape.name == "Draft stamp" or (
            shape.is_placeholder and shape.placeholder_format.type in FOOTER_TYPES):
        return None
    height = shape.height
    if shape.has_table:
        height = sum(_table_height(shape.table, measure)) * EMU_PER_PT
    elif shape.has_text_frame and shape.text_frame.text and shape.shape_type not in (MSO_SHAPE_TYPE.AUTO_SHAPE,):
        text = _text_height(shape, measure)
        if text is not None:
            frame = shape.text_frame
            height = min(shape.height, int(text * EMU_PER_PT) + frame.margin_top + frame.margin_bottom)
    return shape.left, shape.top, shape.left + shape.width, shape.top + height


def _table_height(table, measure):
    """Each row's height as its text needs it, measured at its written size (points)."""
    for row in table.rows:
        cells = list(row.cells)
        width = [table.columns[i].width / EMU_PER_PT - 2 * INSET_X for i in range(len(cells))]
        size = cells[0].text_frame.paragraphs[0].runs[0].font.size.pt if cells[0].text_frame.paragraphs[0].runs else 18
        padding = max(c.margin_top + c.margin_bottom for c in cells) / EMU_PER_PT
        yield max(measure.lines(c.text, size, w) * measure.line_height(size, c.text) for c, w in zip(cells, width)) + padding
