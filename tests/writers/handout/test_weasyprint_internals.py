"""kapdocs' patches of WeasyPrint (kapdocs.writers.handout.weasyprint_internals) rely on the shape
of WeasyPrint's internals; these tests say which patch a new WeasyPrint breaks, before a handout does."""

from __future__ import annotations

import collections
import importlib
import json
import subprocess
import sys
import types

import pytest

from kapdocs.brand.schema import load_brand
from kapdocs.writers.handout import weasyprint_internals as internals
from kapdocs.writers.handout.writer import renderer

from pdfs import page_texts


def _said(problems: list[str]) -> str:
    import weasyprint

    return (f"WeasyPrint {weasyprint.__version__} no longer has the internals that "
            "kapdocs.writers.handout.weasyprint_internals patches or reads. Adapt or drop each patch named "
            "(its docstring says what it saves) before widening the weasyprint bound in pyproject.toml:\n  "
            + "\n  ".join(problems))


def test_weasyprint_has_the_internals_the_patches_rely_on():
    """As patched (a renderer has been made in this process), the internals look as expected."""
    from kapdocs.writers.handout.pdf import HandoutRenderer

    HandoutRenderer()
    problems = internals.shape_problems()
    assert not problems, _said(problems)


#: In a fresh interpreter: importing the internals module loads nothing of WeasyPrint; importing
#: pdf.py loads it unpatched, and the shape is checked there; a renderer's start patches it.
FRESH = """
import json, sys
from kapdocs.writers.handout import weasyprint_internals as internals
found = {"weasyprint at import": "weasyprint" in sys.modules}
from kapdocs.writers.handout.pdf import HandoutRenderer
from weasyprint.images import RasterImage
found["problems unpatched"] = internals.shape_problems()
found["patched at import"] = hasattr(RasterImage.get_x_object, "__wrapped__")
HandoutRenderer()
found["patched by a renderer"] = hasattr(RasterImage.get_x_object, "__wrapped__")
print(json.dumps(found))
"""


def test_the_patches_wait_for_a_renderer_and_the_unpatched_shape_passes_too():
    result = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    assert not found["problems unpatched"], _said(found["problems unpatched"])
    assert found == {"weasyprint at import": False, "problems unpatched": [], "patched at import": False,
                     "patched by a renderer": True}


def _copy_of(name: str, **changed) -> types.ModuleType:
    """A stand-in for module `name`: its namespace, with `changed` names set (None: removed)."""
    module = types.ModuleType(name)
    module.__dict__.update(vars(importlib.import_module(name)))
    for key, value in changed.items():
        if value is None:
            del module.__dict__[key]
        else:
            module.__dict__[key] = value
    return module


def _with_source(tmp_path, name: str, source: str, relative: str = "module.py") -> types.ModuleType:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return _copy_of(name, __file__=str(path))


def _broken_pictures(tmp_path):
    from weasyprint.images import RasterImage

    class Renamed(RasterImage):
        def get_x_object(self, interpolate):  # the dpi ratio gone
            return None

    return _copy_of("weasyprint.images", RasterImage=Renamed)


def _broken_compression(tmp_path):
    import pydyf

    class Stream(pydyf.Stream):
        data = property(lambda self: b"")  # no longer compressed through pydyf.zlib

    return _copy_of("pydyf", Stream=Stream)


def _broken_gradients(tmp_path):
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS

    computers = {name: f for name, f in COMPUTER_FUNCTIONS.items() if name != "border_image_source"}
    return _copy_of("weasyprint.css.computed_values", COMPUTER_FUNCTIONS=computers)


def _broken_font_copies(tmp_path):
    from weasyprint.text.fonts import FontConfiguration

    class Elsewhere(FontConfiguration):
        def add_font_face(self, rule_descriptors, url_fetcher):
            return None

    return _copy_of("weasyprint.text.fonts", FontConfiguration=Elsewhere)


def _broken_warm_up(tmp_path):
    import cffi

    return _copy_of("weasyprint.text.ffi", ffi=cffi.FFI())  # declares none of WeasyPrint's C types


def _broken_fonttools(tmp_path):
    import weasyprint

    stand_in = _with_source(tmp_path, "weasyprint", "", "weasyprint/__init__.py")
    (tmp_path / "weasyprint/fonts.py").write_text("from fontTools.subset import Options, Subsetter\n"
                                                  "from fontTools.varLib.instancer import instantiateVariableFont\n")
    assert stand_in.__version__ == weasyprint.__version__
    return stand_in


#: Module → a stand-in that breaks what one patch relies on, and the patch's label.
BROKEN = {
    "weasyprint.text.ffi (libraries)": (
        "weasyprint.text.ffi", lambda tmp: _with_source(tmp, "weasyprint.text.ffi", "pango = 'libpango-1.0-0'\n"),
        "patch 1, no library search"),
    "weasyprint": ("weasyprint", _broken_fonttools, "patch 2, fontTools deferred"),
    "weasyprint.images": ("weasyprint.images", _broken_pictures, "patch 3, pictures encoded once"),
    "weasyprint.pdf.fonts": (
        "weasyprint.pdf.fonts",
        lambda tmp: _with_source(tmp, "weasyprint.pdf.fonts", "array = ffi.new('hb_codepoint_t[]', keep)\n"),
        "patch 4, one glyph array type"),
    "pydyf": ("pydyf", _broken_compression, "patch 5, large streams compressed once"),
    "weasyprint.css.computed_values": ("weasyprint.css.computed_values", _broken_gradients,
                                       "patch 6, gradients computed on a copy"),
    "weasyprint.draw.text": (
        "weasyprint.draw.text",
        lambda tmp: _copy_of("weasyprint.draw.text", draw_first_line=lambda stream, textbox, matrix: None),
        "patch 6c, the text behind each glyph"),
    "weasyprint.text.ffi (ffi)": ("weasyprint.text.ffi", _broken_warm_up, "7, the warm-up"),
    "weasyprint.text.fonts": ("weasyprint.text.fonts", _broken_font_copies, "8, font copies"),
    "weasyprint.formatting_structure.boxes": (
        "weasyprint.formatting_structure.boxes",
        lambda tmp: _copy_of("weasyprint.formatting_structure.boxes", MarginBox=None), "9, laid-out boxes"),
    "weasyprint.text.ffi (subsetter)": (
        "weasyprint.text.ffi", lambda tmp: _copy_of("weasyprint.text.ffi", harfbuzz_subset=None),
        "10, HarfBuzz's subsetter"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_changed_internal_is_reported_with_its_patch_and_the_version(case, tmp_path):
    """Each check fails on a WeasyPrint broken where its patch relies on it, and only that one."""
    import weasyprint

    name, broken, label = BROKEN[case]
    stand_in = broken(tmp_path)
    problems = internals.shape_problems(lambda module: stand_in if module == name else importlib.import_module(module))
    assert problems, f"a broken {name} went unnoticed"
    assert all(problem.startswith(f"{label} (WeasyPrint {weasyprint.__version__}): ") for problem in problems), problems


#: Noto Sans Arabic (Debian's fonts-noto-core) draws لًا as two glyphs, the fathatan mark and the
#: lam-alef ligature; and لا alone as that ligature. First the pair, then the ligature alone, then
#: words where the ligature joins (علاج), in both weights.
ARABIC = "لًا ثم لا وعلاج"
ARABIC_PAGE = (f'<html lang="ar" dir="rtl"><body style="font-family: Noto Sans Arabic">'
               f'<p>{ARABIC}</p><p><b>{ARABIC}</b></p></body></html>')


def _letters(pdf: bytes) -> collections.Counter:
    return collections.Counter("".join(page_texts(pdf)).replace(" ", ""))


def test_each_glyph_reads_back_as_the_letters_it_was_drawn_for(project):
    """Patch 6c: the PDF's text has the same letters as the page's, so a screen reader or a copy
    gets the words; WeasyPrint alone gives the ligature no text (it reads back as U+02C0) and the
    mark all three letters. Compared as counts of letters: a reader orders right-to-left text its own way."""
    import weasyprint

    brand = load_brand("default", project.root)
    expected = collections.Counter((ARABIC * 2).replace(" ", ""))
    patched = renderer().render(ARABIC_PAGE, [], project.root, (project.root,), brand.folder, "handouts/x.md").pdf
    assert _letters(patched) == expected
    unpatched = weasyprint.HTML(string=ARABIC_PAGE).write_pdf()  # no renderer at work: as shipped
    assert _letters(unpatched) != expected, "WeasyPrint now maps these glyphs itself: patch 6c may go"


@pytest.mark.parametrize(("glyphs", "text", "shares"), [
    ([7], "a", [(7, "a", internals.OWN)]),
    ([9], "fi", [(9, "fi", internals.ALONE)]),
    ([5, 9], "لًا", [(5, "\u064b", internals.OWN), (9, "لا", internals.SHARED)]),  # the mark, the ligature
    ([9, 8], "xy", [(9, "xy", internals.SHARED), (8, "", internals.NOTHING)]),
])
def test_a_cluster_is_shared_out_by_the_fonts_own_glyphs(glyphs, text, shares):
    own_glyph = {"a": 7, "b": 8, "\u064b": 5}.get
    assert internals._cluster_shares(glyphs, text, own_glyph) == shares


#: An SVG text in Arabic: set as one line it runs right to left, its first letter (س) rightmost.
SVG_ARABIC = ('<html><body><svg width="300" height="80" font-family="Noto Sans Arabic"><text x="150" y="50" '
              'font-size="30" text-anchor="middle" direction="rtl">سلام عليكم</text></svg></body></html>')


def _first_letter_rightmost(pdf: bytes) -> bool:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(pdf)[0].get_textpage()
    boxes = {page.get_text_range(i, 1): page.get_charbox(i) for i in range(page.count_chars())}
    return boxes["س"][0] > boxes["م"][0]


def test_svg_text_is_set_as_a_line_right_to_left(project):
    """Patch 6d: WeasyPrint 70 places SVG text one letter at a time, left to right."""
    import weasyprint

    brand = load_brand("default", project.root)
    patched = renderer().render(SVG_ARABIC, [], project.root, (project.root,), brand.folder, "handouts/x.md").pdf
    assert _first_letter_rightmost(patched)
    assert _letters(patched) == collections.Counter("سلام عليكم".replace(" ", ""))
    unpatched = weasyprint.HTML(string=SVG_ARABIC).write_pdf()  # no renderer at work: as shipped
    assert not _first_letter_rightmost(unpatched), "WeasyPrint now sets SVG text as lines: patch 6d may go"


@pytest.mark.parametrize(("attributes", "as_a_line"), [
    ('x="10" y="20"', True), ("", True), ('x="10 20 30" y="20"', False), ('x="10" dx="2"', False),
    ('x="1" rotate="30"', False), ('x="1" letter-spacing="2"', False), ('x="1" textLength="90"', False),
])
def test_only_text_that_places_no_letter_of_its_own_is_set_as_a_line(attributes, as_a_line):
    from xml.etree import ElementTree

    element = ElementTree.fromstring(f"<text {attributes}>abc</text>")  # as WeasyPrint's svg.Node reads it
    assert internals._set_as_a_line(types.SimpleNamespace(text=element.text, attrib=element.attrib,
                                                          get=element.attrib.get)) is as_a_line

