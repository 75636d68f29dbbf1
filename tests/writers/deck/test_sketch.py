"""Slide 1 of a written deck read back as a sketch: the layout's background, the logo panel and
logo, and the title and subtitle in the layout's white at their places."""

from __future__ import annotations

import io

from kapdocs.pipeline import Job, render
from kapdocs.support.pictures import Fill, Picture, Words
from kapdocs.writers.deck.powerpoint import open_deck
from kapdocs.writers.deck.sketch import first_slide


def test_slide_one_is_read_back_with_its_layouts_background_shapes_and_text(project):
    deck = render(project, Job(project.root / "decks/training.md", "default", "pptx")).data
    sketch = first_slide(deck)
    assert round(sketch.aspect, 3) == round(16 / 9, 3)
    assert sketch.background == "#1F4E79"  # the title layout's own, over the master's white
    fills = [p for p in sketch.parts if isinstance(p, Fill)]
    assert [(f.colour, f.shape) for f in fills] == [("#FFFFFF", "roundRect")]  # the logo panel
    logo = next(p for p in sketch.parts if isinstance(p, Picture))
    assert logo.data.startswith(b"\x89PNG") and 0 < logo.box.x < 0.5 and logo.box.y < 0.3
    words = [p for p in sketch.parts if isinstance(p, Words)]
    assert [w.paragraphs[0] for w in words] == ["Training deck", words[1].paragraphs[0]]
    title, subtitle = words
    assert title.colour == subtitle.colour == "#FFFFFF" and title.bold and not subtitle.bold
    assert round(title.size * 7.5 * 72) == 44 and title.font_file  # 44 pt of a 7.5 in slide, in the theme font
    assert title.box.y < subtitle.box.y
    assert not any("‹#›" in w.paragraphs[0] for w in words)  # the slide number is left out


def test_a_content_slides_master_shapes_are_drawn_under_it(project):
    """A slide on a layout that shows the master's shapes gets the brand bar at its foot."""
    deck = render(project, Job(project.root / "decks/training.md", "default", "pptx")).data
    opened = open_deck(deck)
    at, second = next((n, s) for n, s in enumerate(opened.slides) if s.slide_layout.name == "Title and Content")
    # Move that slide first: the sketch reads slide 1 of whatever deck it is given.
    order = opened.slides._sldIdLst
    order.insert(0, order[at])
    stream = io.BytesIO()
    opened.save(stream)
    sketch = first_slide(stream.getvalue())
    assert sketch.background == "#FFFFFF"
    bar = [p for p in sketch.parts if isinstance(p, Fill) and p.box.y > 0.95]
    assert bar and bar[0].box.width == 1.0
    assert any(isinstance(p, Words) and p.paragraphs[0] == second.shapes.title.text for p in sketch.parts)
