"""Reading PPTX files back for tests, with python-pptx; the slide model as plain data."""

from __future__ import annotations

import dataclasses
import io

from pptx import Presentation
from pptx.util import Emu

from kapdocs.writers.deck.powerpoint import overflowing_text  # noqa: F401  (the deck writer's own read-back)

from conftest import to_data

#: Every field of a slide when the model was one class with optional fields for all kinds, empty.
FLAT_SLIDE = {"kind": "", "title": "", "line": 0, "subtitle": (), "bullets": (), "columns": (), "table": None,
              "picture": None, "callout": None, "stats": (), "chart": None, "steps": (), "notes": (), "qr": "",
              "requested_layout": "", "layout": "", "bodies": (), "area": None, "qr_area": None, "column_areas": (),
              "size": 0.0, "label_size": 0.0, "text_height": 0.0, "number": 0, "lead": "", "qr_alt": ""}


def flat_model(deck) -> dict:
    """The slide model as plain data, each slide in the one-class form the model snapshot was
    recorded in (its kind's fields, the others empty): the snapshot still pins every decision."""
    return {**to_data(deck), "slides": [_flat(slide) for slide in deck.slides]}


def _flat(slide) -> dict:
    own = {f.name: getattr(slide, f.name) for f in dataclasses.fields(slide)}
    assert own.keys() <= FLAT_SLIDE.keys(), f"{type(slide).__name__} has fields the snapshot does not know"
    flat = {**FLAT_SLIDE, **own, "kind": slide.kind}
    return {"type": "Slide", **{name: to_data(value) for name, value in flat.items()}}


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


def open_xml_errors(deck: bytes, folder) -> str:
    """What openxml-audit (the Open XML SDK's schema and semantic rules, in Python) says of a deck:
    "" when PowerPoint would open it without a repair."""
    import subprocess
    import sys
    from pathlib import Path

    path = folder / "deck.pptx"
    path.write_bytes(deck)
    done = subprocess.run([Path(sys.executable).with_name("openxml-audit"), "-q", "-m", "0", str(path)],
                          capture_output=True, text=True)
    return "" if done.returncode == 0 else done.stdout + done.stderr
