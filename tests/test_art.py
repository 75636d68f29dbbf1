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


# ---- figures in each brand's colours ---------------------------------------------------------

BRANDED = [(brand, source) for brand in render_art.BRANDS for source in sorted(render_art.FIGURES)]


@pytest.mark.parametrize("brand, source", BRANDED)
def test_each_brand_ships_its_figures_drawn_in_its_colours(brand, source):
    target = REPO / render_art.branded(render_art.FIGURES[source], brand)
    assert target.is_file(), f"{target.name}: run `python scripts/render_art.py`"
    drawn = render_art.picture(REPO / source, render_art.ART[source][1], render_art.brand_colours(brand))
    assert changed_share(drawn, Image.open(target)) <= ALLOWED_SHARE, \
        f"{target.name} is not {source} in {brand}'s colours: run `python scripts/render_art.py`"


@pytest.mark.parametrize("brand, source", [(b, s) for b in render_art.BRANDS for s in sorted(render_art.LARGE_PRINT_ART)])
def test_each_brand_ships_its_large_print_figures_in_its_colours(brand, source):
    target = REPO / render_art.branded(render_art.LARGE_PRINT_ART[source], brand)
    expected = render_art.recoloured(render_art.large_print_svg((REPO / source).read_text(encoding="utf-8")),
                                     render_art.brand_colours(brand))
    assert target.read_text(encoding="utf-8") == expected


def test_a_brands_figure_has_its_colours_and_none_of_the_defaults():
    """The second brand's figure uses the second brand's colours (issue 34)."""
    for brand in render_art.BRANDS:
        colours = render_art.brand_colours(brand)
        picture = Image.open(REPO / render_art.branded("handouts/images/ketamine-stages.png", brand)).convert("RGB")
        counts = {f"#{r:02X}{g:02X}{b:02X}": n for n, (r, g, b) in picture.getcolors(1 << 20)}
        assert counts.get(colours["primary"], 0) > 1000 and counts.get(colours["tint"], 0) > 100000
        for role, colour in render_art.PALETTE.items():
            if colour != colours[role]:
                assert counts.get(colour, 0) == 0, (brand, role)


@pytest.mark.parametrize("brand", ["default", *render_art.BRANDS])
def test_every_text_colour_of_a_figure_stands_out_from_what_it_is_drawn_on(brand):
    """The figure's text pairs in each brand's palette: numbers in white on the primary circles and
    in white or the text colour on the accent one, whichever stands out more, names in the primary and text in the text colour and the note's grey on the tint
    panel. Large text (the numbers, the names) is held to 3:1, the rest to 4.5:1 (WCAG 1.4.3)."""
    from kapdocs.brand.schema import contrast

    import re

    c = render_art.brand_colours(brand) if brand != "default" else render_art.PALETTE
    svg = render_art.recoloured((REPO / "art/ketamine-stages.svg").read_text(encoding="utf-8"), c)
    on_accent = re.search(r'<text class="on-accent"[^>]*fill="(#[0-9A-F]{6})"', svg, re.I).group(1)
    large = [("#FFFFFF", c["primary"]), (on_accent, c["accent"]), (c["primary"], c["tint"])]
    small = [(c["text"], c["tint"]), ("#4A5561", c["tint"])]
    assert min(contrast(a, b) for a, b in large) >= 3.0
    assert min(contrast(a, b) for a, b in small) >= 4.5


@pytest.mark.parametrize("large_print, expected", [(False, "ketamine-stages.cedar.es.png"),
                                                   (True, "ketamine-stages.large-print.cedar.es.svg")])
def test_a_handout_in_a_brand_uses_that_brands_figure(large_print, expected):
    from kapdocs import model as m
    from kapdocs.pipeline import Job, prepared
    from kapdocs.support.project import Project

    project = Project(REPO)
    for fmt in ("pdf", "pptx") if not large_print else ("pdf",):
        document, _ = prepared(project, Job(REPO / "handouts/how-ketamine-works.md", "cedar", fmt, "es", large_print=large_print))
        figures = [b.image.src for b in m.walk(document.blocks) if isinstance(b, m.Figure)]
        assert figures and all(src.endswith(expected) for src in figures), figures
