"""Reading PPTX files back for tests, with python-pptx."""

from __future__ import annotations

import io
import re

from pptx import Presentation
from pptx.util import Emu


def deck_facts(data: bytes) -> dict:
    """Per slide: layout name, title, texts, notes, table cells, pictures' alt text."""
    prs = Presentation(io.BytesIO(data))
    slides = []
    for slide in prs.slides:
        facts = {"layout": slide.slide_layout.name, "title": slide.shapes.title.text if slide.shapes.title else None,
                 "texts": [], "tables": [], "pictures": [], "notes": ""}
        for shape in slide.shapes:
            if shape.has_text_frame and shape != slide.shapes.title and shape.text_frame.text:
                facts["texts"].append(shape.text_frame.text)
            if shape.has_table:
                facts["tables"].append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.shape_type == 13:  # picture
                facts["pictures"].append(shape._element.nvPicPr.cNvPr.get("descr"))
        if slide.has_notes_slide:
            facts["notes"] = slide.notes_slide.notes_text_frame.text
        slides.append(facts)
    props = prs.core_properties
    return {
        "size_in": [round(Emu(prs.slide_width).inches, 3), round(Emu(prs.slide_height).inches, 3)],
        "title": props.title, "author": props.author, "language": props.language,
        "modified": str(props.modified), "slides": slides,
    }


def overflowing_text(data: bytes, measure) -> list[tuple]:
    """Every text shape whose paragraphs, measured at their written sizes, are taller than the shape.

    Read from the PPTX itself: the box is the shape's (or its layout placeholder's) height, the
    text and sizes are what was written. Titles and the slide number, which kapdocs does not
    size, are left out; tables are checked against the slide's bottom edge.
    """
    from kapdocs.writers.deck.fit import INDENTS, SPACE_BEFORE

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
                plain = paragraph._p.pPr is not None and paragraph._p.pPr.get("marL") == "0"
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
    from kapdocs.writers.deck.fit import INSET_X, INSET_Y

    for row in table.rows:
        cells = list(row.cells)
        width = [table.columns[i].width / 12700 - 2 * INSET_X for i in range(len(cells))]
        size = cells[0].text_frame.paragraphs[0].runs[0].font.size.pt if cells[0].text_frame.paragraphs[0].runs else 18
        yield max(measure.lines(c.text, size, w) for c, w in zip(cells, width)) * measure.line_height(size) + 2 * INSET_Y
