"""Deck writer: what the sample decks draw, read back from the PPTX (and, for the chart, from
LibreOffice's rendering): charts, section dividers, steps and the title slide, in both
directions of reading."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from kapdocs.brand.schema import contrast, load_brand
from kapdocs.pipeline import Job, render

from conftest import FRONT, write

STAFF = "decks/staff-training.md"
STEPS = "handouts/how-ketamine-works.md"


def deck(repo, source, brand="default", lang=""):
    data = render(repo, Job(repo.root / source, brand, "pptx", lang)).data
    return data, Presentation(io.BytesIO(data))


def named(slide, name):
    return [shape for shape in slide.shapes if shape.name == name]


# ---- the bar chart ------------------------------------------------------------------------


def test_a_charts_axes_are_linked_by_ids_every_reader_takes(repo):
    """Axis ids are unsigned for the schema and below 2³¹ for LibreOffice, which reads them as
    signed: at 2³¹ or more it lost the axes, and the bar chart drew no category labels and its
    bars in reverse. Each axis crosses the other by a matching id; the categories keep the
    source's order, and the bar chart's category axis runs top down to draw the first on top."""
    _, prs = deck(repo, STAFF)
    chart = next(shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart)
    space = chart._chartSpace
    ids = {int(v) for v in space.xpath(".//c:plotArea/c:*[self::c:catAx or self::c:valAx]/c:axId/@val")}
    crossed = {int(v) for v in space.xpath(".//c:crossAx/@val")}
    assert len(ids) == 2 and crossed == ids and all(0 <= i < 2**31 for i in ids)
    assert list(chart.plots[0].categories) == ["Dissociation", "Sedation"]
    assert list(chart.plots[0].series[0].values) == [41, 23]
    assert chart.category_axis.reverse_order


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (scripts/setup.sh --test)")
def test_libreoffice_draws_the_bar_charts_labels_with_the_first_on_top(repo, tmp_path):
    import pypdfium2

    data, prs = deck(repo, STAFF)
    number = next(n for n, slide in enumerate(prs.slides) if any(s.has_chart for s in slide.shapes))
    (tmp_path / "deck.pptx").write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")], check=True, capture_output=True,
                   timeout=180)
    text = pypdfium2.PdfDocument(tmp_path / "deck.pdf")[number].get_textpage()
    heights = {}
    for word in ("Dissociation", "Sedation"):
        found = text.search(word).get_next()
        assert found is not None, f"no “{word}” beside its bar"
        heights[word] = text.get_charbox(found[0])[3]  # its top, in PDF units (up is higher)
    assert heights["Dissociation"] > heights["Sedation"]  # 41 %, first in the source, on top


# ---- section dividers -----------------------------------------------------------------------


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_a_divider_hides_the_masters_logo_and_shows_a_white_slide_number(repo, brand):
    """On the brand's colour the master's logo (in the brand's colours) would vanish and its grey
    slide number could not be read: the divider hides the master's art, and its number is white,
    at WCAG AA contrast or better against the brand's colour."""
    _, prs = deck(repo, STAFF, brand)
    primary = load_brand(brand, repo.root).colours.primary
    dividers = [slide for slide in prs.slides if slide.name == "section"]
    assert len(dividers) == 3
    for slide in dividers:
        assert slide._element.get("showMasterSp") == "0"
        number = next(s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        colours = {v.upper() for v in number._element.xpath(".//a:fld/a:rPr/a:solidFill/a:srgbClr/@val")}
        assert colours == {"FFFFFF"} and contrast("#FFFFFF", primary) >= 4.5
    content = next(slide for slide in prs.slides if slide.name == "content")
    assert content._element.get("showMasterSp") is None  # other slides keep the logo


def test_a_dividers_accent_rule_sits_under_the_first_letter_in_either_direction(repo):
    from kapdocs.writers.deck.fit import INSET_X

    inset = round(INSET_X * 12700)
    for lang in ("en", "ar"):
        _, prs = deck(repo, STAFF, lang=lang)
        for slide in (s for s in prs.slides if s.name == "section"):
            title, (rule,) = slide.shapes.title, named(slide, "Section rule")
            if lang == "ar":
                assert rule.left + rule.width == title.left + title.width - inset
            else:
                assert rule.left == title.left + inset


# ---- steps --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [STEPS, STAFF])
def test_every_step_chevron_stays_inside_the_margins(repo, source):
    """Each chevron reaches into the gap before the next step; the last has none, and stays in
    its column: inside the title's margins, at the right or (Arabic) the left."""
    for lang in ("en", "ar"):
        _, prs = deck(repo, source, lang=lang)
        slide = next(s for s in prs.slides if named(s, "Step 1"))
        title = slide.shapes.title
        chevrons = [shape for shape in slide.shapes if shape.name.startswith("Step ") and shape.name[5:].isdigit()]
        assert len(chevrons) == 4
        assert min(c.left for c in chevrons) >= title.left
        assert max(c.left + c.width for c in chevrons) <= title.left + title.width
        last = chevrons[-1]
        assert (last.left == title.left) if lang == "ar" else (last.left + last.width == title.left + title.width)


# ---- the title slide ----------------------------------------------------------------------


def logo_sides(prs):
    """Where the title layout's logo and its panel are: "left" or "right" of the slide's middle."""
    layout = prs.slides[0].slide_layout
    middle = prs.slide_width / 2
    return {shape.name: "left" if shape.left + shape.width / 2 < middle else "right"
            for shape in layout.shapes if shape.name in ("Logo", "Logo panel")}


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_an_arabic_title_slide_has_its_logo_at_the_right_as_its_text(repo, brand):
    assert logo_sides(deck(repo, STAFF, brand)[1]) == {"Logo": "left", "Logo panel": "left"}
    arabic = deck(repo, STAFF, brand, "ar")[1]
    assert logo_sides(arabic) == {"Logo": "right", "Logo panel": "right"}
    layout = arabic.slides[0].slide_layout
    panel, logo = (next(s for s in layout.shapes if s.name == name) for name in ("Logo panel", "Logo"))
    assert panel.left <= logo.left and logo.left + logo.width <= panel.left + panel.width  # still on its panel
    assert panel.left + panel.width < arabic.slide_width


@pytest.mark.parametrize("saved_by", ["kapdocs", "Lakeview design team"])
def test_a_clinics_own_master_keeps_its_title_slide_as_drawn(project, saved_by):
    """Only what `kapdocs template master` drew is mirrored: a master someone else saved last (a
    clinic's own, or ours edited in PowerPoint) is its designer's, and an Arabic deck on it moves
    nothing of its title layout."""
    from kapdocs.brand.kits import builtin_templates

    folder = project.root / "templates/default"
    shutil.copytree(builtin_templates() / "default", folder, dirs_exist_ok=True)
    master = Presentation(str(builtin_templates() / "default/deck.pptx"))
    master.core_properties.last_modified_by = saved_by
    master.save(str(folder / "deck.pptx"))
    source = write(project, "decks/ar.md", FRONT.replace("lang: en", "lang: ar") + "\n## الراحة\n\n- الراحة\n")
    data = render(project, Job(source, "default", "pptx")).data
    side = "right" if saved_by == "kapdocs" else "left"
    assert logo_sides(Presentation(io.BytesIO(data))) == {"Logo": side, "Logo panel": side}
