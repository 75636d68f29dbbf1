"""Reading PPTX files back for tests, with python-pptx."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu

from kapdocs.writers.deck.powerpoint import overflowing_text  # noqa: F401  (the deck writer's own read-back)


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
