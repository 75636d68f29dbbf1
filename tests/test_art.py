"""The shipped PNG artwork is what its SVG source draws today.

Handouts and decks place the PNGs (python-pptx cannot place SVG); scripts/render_art.py makes
them from art/*.svg. A figure's labels are patient-facing facts ("grow over 1 to 3 days"), so an
SVG corrected without re-running the script would leave the old fact on paper and on slides.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("render_art", REPO / "scripts" / "render_art.py")
render_art = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_art)

#: A pixel counts as changed when a channel moves by more than this (of 255): anti-aliasing
#: drift between library versions stays below it, a changed glyph does not.
STRONG = 96
#: Changed pixels allowed, as a share of the picture. One changed digit in the stages figure
#: changes 0.02 %; the same sources drawn twice here change none.
ALLOWED_SHARE = 0.00005


def changed_share(a: Image.Image, b: Image.Image) -> float:
    difference = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))
    strongest = ImageChops.lighter(ImageChops.lighter(*difference.split()[:2]),
                                   ImageChops.lighter(*difference.split()[2:]))
    changed = strongest.point(lambda v: 255 if v > STRONG else 0).histogram()[255]
    return changed / (a.width * a.height)


def test_every_svg_has_a_png_and_every_png_a_svg():
    sources = {p.relative_to(REPO).as_posix() for p in (REPO / "art").glob("*.svg")}
    assert sources == set(render_art.ART)
    for target, _ in render_art.ART.values():
        assert (REPO / target).is_file(), f"{target}: run `python scripts/render_art.py`"


@pytest.mark.parametrize("source", sorted(render_art.ART))
def test_shipped_png_is_its_svg_drawn_now(source):
    if render_art.RIGHT_TO_LEFT.search((REPO / source).read_text(encoding="utf-8")):
        assert shutil.which("rsvg-convert"), "right-to-left artwork needs librsvg2-bin (scripts/setup.sh --test)"
    target, width = render_art.ART[source]
    shipped = Image.open(REPO / target)
    drawn = render_art.picture(REPO / source, width)
    assert drawn.size == shipped.size
    assert changed_share(drawn, shipped) <= ALLOWED_SHARE, \
        f"{target} is not what {source} draws: run `python scripts/render_art.py` and look at it"


def test_a_changed_label_is_caught(tmp_path):
    """The comparison above is not blind to a one-character edit of a figure's label."""
    source = "art/ketamine-stages.svg"
    text = (REPO / source).read_text(encoding="utf-8")
    assert "begin to grow" in text
    edited = tmp_path / "ketamine-stages.svg"
    edited.write_text(text.replace("begin to grow", "begin to grew"), encoding="utf-8")
    target, width = render_art.ART[source]
    assert changed_share(render_art.picture(edited, width), Image.open(REPO / target)) > ALLOWED_SHARE


@pytest.mark.parametrize("source", sorted(render_art.LARGE_PRINT_ART))
def test_shipped_large_print_figure_is_what_its_svg_gives_now(source):
    """The large-print figures are drawn from the regular SVGs: a label corrected there must
    reach large print too."""
    target = REPO / render_art.LARGE_PRINT_ART[source]
    assert target.read_text(encoding="utf-8") == render_art.large_print_svg((REPO / source).read_text(encoding="utf-8")), \
        f"{target.name} is not what {source} gives: run `python scripts/render_art.py` and look at it"


def test_the_large_print_figure_names_every_stage_and_keeps_the_note():
    drawn = render_art.large_print_svg((REPO / "art/ketamine-stages.svg").read_text(encoding="utf-8"))
    for name in ("The brake", "Glutamate", "Growth", "New", "connections", "Simplified picture for patients;"):
        assert name in drawn
    assert 'viewBox="0 0 540 ' in drawn and 'font-size="18"' not in drawn  # nothing under 20 units
