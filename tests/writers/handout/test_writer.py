"""Handout writer: the HTML sent to WeasyPrint, the PDF read back, determinism, the fetcher."""

from __future__ import annotations

import re
import sys
import threading

import pytest

from kapdocs.brand.schema import load_brand
from kapdocs.pipeline import Job, render
from kapdocs.errors import KapdocsError
from kapdocs.support.project import Project
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.handout.writer import renderer
from kapdocs.writers.handout.html import render_handout_html

from conftest import FRONT, write
from pdfs import footer_clearance_mm, line_texts, page_texts, pdf_facts


def handout_document(project, relative="handouts/sample.md"):
    return apply_pipeline(read_source(project.root / relative), Context(project, "handout", load_brand("default", project.root)))


def test_html_snapshot(project, snapshot):
    html = render_handout_html(handout_document(project), load_brand("default", project.root))
    assert html == snapshot


def test_html_escapes_text(project):
    from conftest import FRONT, write

    write(project, "handouts/esc.md", FRONT + "\nFish & chips < 5 > 3 \"quoted\" {{ clinic.name }}\n")
    html = render_handout_html(handout_document(project, "handouts/esc.md"), load_brand("default", project.root))
    assert "Fish &amp; chips &lt; 5 &gt; 3" in html
    assert "Lakeview Mind &amp; Body Clinic" in html  # brand values are escaped like any text


@pytest.mark.parametrize("cell, widths", [("Higher blood pressure", [48, 52]), ("血压升高", [29, 71])],
                         ids=["latin", "chinese"])
def test_a_table_column_is_as_wide_as_its_text_prints(project, cell, widths):
    """A Chinese character prints as wide as two Latin ones: "血压升高" needs the room of eight."""
    write(project, "handouts/table.md", FRONT + f"\n| Effect | How often |\n|---|---|\n| {cell} | Often, for a short time |\n")
    html = render_handout_html(handout_document(project, "handouts/table.md"), load_brand("default", project.root))
    assert [int(w) for w in re.findall(r'<col style="width: (\d+)%">', html)] == widths


def test_pdf_snapshot(project, snapshot):
    pdf, pages, warnings, _ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    assert warnings == []  # WeasyPrint warnings (bad CSS, missing fonts) fail the test
    facts = pdf_facts(pdf)
    assert facts["pages"] == pages
    assert facts == snapshot


def test_a_source_mark_is_a_number_in_print_and_a_link_on_the_web(project):
    """A link whose whole text is "1" tells a screen reader nothing: the PDF's marks are plain numbers."""
    brand, document = load_brand("default", project.root), handout_document(project)
    printed = render_handout_html(document, brand)
    assert '<sup class="fn">1</sup>' in printed and 'href="#fn-1"' not in printed
    assert '<li id="fn-1"' in printed  # the note itself, under the same number
    web = render(project, Job(project.root / "handouts/sample.md", "default", "html")).data.decode()
    assert '<sup class="fn"><a href="#fn-1">1</a></sup>' in web


def test_every_page_has_crisis_line_disclaimer_and_document_control(repo):
    for source in repo.sources():
        pdf, pages, _, _ = render(repo, Job(source, "default", "pdf"))
        texts = page_texts(pdf)
        assert len(texts) == pages >= 1
        for number, text in enumerate(texts, start=1):
            assert "Call or text 988" in text, (source.name, number)
            assert "General information, not medical advice" in text
            assert f"Page {number} of {pages}" in text
            # The samples have not been reviewed by a named person: the footer says so.
            assert re.search(r"Version \d", text) and "Next review" in text and "Not reviewed yet" in text
            assert "DRAFT — not reviewed" in text and "Reviewed" not in text


@pytest.mark.parametrize("lang, large_print, dates", [
    ("en", False, ("November 1, 2027",)),
    ("es", True, ("1 de noviembre de 2027",)),
    ("zh-Hans", False, ("2027年11月1日",)),
])
def test_the_review_dates_are_never_broken_over_two_lines(repo, lang, large_print, dates):
    """“Next review November 1, / 2027” reads as two items: each date stays on one line, and
    the dot between two items ends a line rather than starting the next. (The samples are not
    reviewed yet, so the next review is their one date.)"""
    job = Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", "" if lang == "en" else lang,
              large_print=large_print)
    pdf, pages, *_ = render(repo, job)
    # Large print prints the document control once, at the end (docs/brands.md#large-print).
    every_page = [line_texts(pdf, page) for page in range(pages)]
    for page, lines in enumerate(every_page if not large_print else [sum(every_page, [])]):
        for date in dates:
            assert any(date in line for line in lines), (page + 1, date, lines[-4:])
        assert not any(line.startswith("·") for line in lines), (page + 1, lines[-4:])


@pytest.mark.parametrize("source, lang, large_print", [
    ("intake", "", False),  # wider form margins: the line used to end “Emergency: call”, then “911.”
    ("your-kap-session", "", True),
    ("how-ketamine-works", "vi", True),
])
def test_the_crisis_line_never_ends_on_a_lone_word(repo, source, lang, large_print):
    """The number to call is never left alone on a line, nor a label split from its value
    (“Next review / November 1, 2027”)."""
    pdf, pages, *_ = render(repo, Job(repo.root / f"handouts/{source}.md", "default", "pdf", lang,
                                      large_print=large_print))
    for page in range(pages):
        lines = line_texts(pdf, page)
        last = next(line for line in lines if "911" in line)
        assert len(last.split()) >= 2, (page + 1, lines[-6:])
        assert not any(line.endswith(("Next", "Next review", "Version", "Phiên bản", "Lần xem xét tới"))
                       for line in lines), (page + 1, lines[-6:])


@pytest.mark.parametrize("text, expected", [
    ("In crisis? Call or text 988, any time. Emergency: call 911.",
     "In crisis? Call or text 988, any time. Emergency:\u00a0call\u00a0911."),
    ("Trường hợp khẩn cấp: gọi 911.", "Trường hợp khẩn cấp: gọi\u00a0911."),  # long: its last two words
    ("如遇危机，请拨打 988。紧急情况请拨打 911。", "如遇危机，请拨打 988。紧急情况请拨打\u00a0911。"),
    ("988", "988"),
])
def test_the_end_of_a_line_of_text_is_kept_together(text, expected):
    from kapdocs.writers.handout.html import ending_kept_together

    assert ending_kept_together(text) == expected


def test_same_input_gives_identical_pdf_bytes(project):
    job = Job(project.root / "handouts/sample.md", "default", "pdf")
    first, *_ = render(project, job)
    second, *_ = render(project, job)
    assert first == second


def test_the_same_project_in_another_folder_gives_identical_pdf_bytes(project, tmp_path):
    """WeasyPrint names each image after a digest of its URL; with `file:` URLs the handout
    changed with the folder the project was checked out in."""
    import shutil

    elsewhere = Project(shutil.copytree(project.root, tmp_path / "another" / "checkout").resolve())
    here, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    there, *_ = render(elsewhere, Job(elsewhere.root / "handouts/sample.md", "default", "pdf"))
    assert b"/Subtype /Image" in here and here == there


def test_source_date_epoch_sets_the_date_not_the_clock(project, monkeypatch):
    job = Job(project.root / "handouts/sample.md", "default", "pdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    stamped, *_ = render(project, job)
    assert pdf_facts(stamped)["modified"].startswith("D:20260101")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(KapdocsError, match="SOURCE_DATE_EPOCH='soon' is not a whole number"):
        render(project, job)


def test_a4_brand(project):
    brand_dir = project.root / "templates/a4"
    brand_dir.mkdir(parents=True)
    from kapdocs.brand.kits import builtin_templates

    default = (builtin_templates() / "default/brand.yaml").read_text()
    (brand_dir / "brand.yaml").write_text(default.replace("page_size: letter", "page_size: a4"))
    (brand_dir / "logo.png").write_bytes((builtin_templates() / "default/logo.png").read_bytes())
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "a4", "pdf"))
    assert pdf_facts(pdf)["page_size_pt"] == [595, 842]


@pytest.mark.parametrize("url", ["file:///etc/hostname", "https://example.org/x.png", "brand:../../../etc/hostname"])
def test_fetcher_refuses_anything_outside_the_project(project, url):
    html = f'<html><body><img src="{url}" alt="x"></body></html>'
    brand = load_brand("default", project.root)
    with pytest.raises(KapdocsError, match="may not read"):
        renderer().render(html, [], project.root, (project.root,), brand.folder, "handouts/x.md")


def test_fetcher_refuses_css_reaching_outside(project):
    brand = load_brand("default", project.root)
    css = [("body { background: url(file:///etc/hostname) }", project.root)]
    with pytest.raises(KapdocsError, match="may not read"):
        renderer().render("<p>x</p>", css, project.root, (project.root,), brand.folder, "handouts/x.md")


def test_what_weasyprint_says_of_a_stylesheet_reaches_every_handout_using_it(project):
    """A renderer parses a stylesheet once and keeps it for the next handout; its warnings are
    still in each handout's report, also when a long footer is measured first (they were lost
    there before: the footer page's warnings are cleared, the handout's layout repeating them)."""
    brand = load_brand("default", project.root)
    css = [("body { colour: #333 }", project.root)]  # a typo WeasyPrint ignores, with a warning
    for footer_page in ("", "<p>A footer</p>", ""):
        result = renderer().render("<p>x</p>", css, project.root, (project.root,), brand.folder, "handouts/x.md",
                                   footer_page=footer_page)
        assert [w for w in result.warnings if "colour" in w] == ["Ignored `colour: #333 ` at 1:8, unknown property."]


def _paint_a_corner(picture) -> None:
    """Edit a picture in place: the same size, one corner painted."""
    from PIL import Image

    with Image.open(picture) as image:
        image.paste((200, 30, 30, 255), (0, 0, 40, 40))
        image.save(picture)


def test_a_renderer_encodes_each_picture_once_and_again_when_its_file_changes(project):
    """WeasyPrint compresses every picture again on each write; a renderer keeps the result,
    keyed by the picture's bytes: the same bytes as encoding it afresh, and an edited picture
    is not served from what was kept for the old one. (The same bytes under another name share
    what was kept.)"""
    from kapdocs.writers.handout.pdf import HandoutRenderer
    from kapdocs.writers.handout.writer import rendering_with

    job = Job(project.root / "handouts/sample.md", "default", "pdf")
    kept_by = HandoutRenderer()
    with rendering_with(kept_by):
        first, *_ = render(project, job)
        encoded = list(kept_by._pictures._streams)
        again, *_ = render(project, job)
    assert len(encoded) == 2  # the logo and the figure
    assert list(kept_by._pictures._streams) == encoded and again == first

    _paint_a_corner(project.root / "handouts/images/stages.png")
    with rendering_with(kept_by):
        edited, *_ = render(project, job)
    with rendering_with(HandoutRenderer()):
        afresh, *_ = render(project, job)
    assert edited != first and edited == afresh
    assert len(kept_by._pictures._streams) == 3


#: A fresh interpreter renders the intake form and says which of the warm-up's C types and
#: modules were parsed and loaded by then.
FIRST_RENDER = """
import json, sys
from pathlib import Path
from kapdocs.pipeline import Job, render
from kapdocs.support.project import Project
from kapdocs.writers.handout.pdf import FIRST_C_TYPES, FIRST_MODULES
from weasyprint.text.ffi import ffi
before = {"types": [t for t in FIRST_C_TYPES if t in ffi._parsed_types], "modules": [m for m in FIRST_MODULES if m in sys.modules]}
project = Project(Path(sys.argv[1]))
render(project, Job(project.root / "handouts/intake.md", "default", "pdf"))
after = {"types": [t for t in FIRST_C_TYPES if t in ffi._parsed_types], "modules": [m for m in FIRST_MODULES if m in sys.modules]}
print(json.dumps([before, after]))
"""


def test_the_warm_up_does_what_a_first_render_does_first(repo):
    """What a layout process does while it waits for its HTML is what a fresh process's first render
    would do anyway, so the render saves it: each C type and module is met by the render, none
    before it (a WeasyPrint that changes them leaves the list stale, and this fails)."""
    import json
    import subprocess

    from kapdocs.writers.handout import pdf
    from weasyprint.text.ffi import ffi

    result = subprocess.run([sys.executable, "-c", FIRST_RENDER, str(repo.root)], capture_output=True, text=True, check=True)
    before, after = json.loads(result.stdout)
    assert before == {"types": [], "modules": []}
    assert after == {"types": list(pdf.FIRST_C_TYPES), "modules": list(pdf.FIRST_MODULES)}
    steps = list(pdf.warm_up_steps())
    assert len(steps) == len(pdf.FIRST_C_TYPES) + len(pdf.FIRST_MODULES)
    assert all(cdecl in ffi._parsed_types for cdecl in pdf.FIRST_C_TYPES)


def _render_in_a_forked_worker(kept_by, project, job) -> int:
    import multiprocessing

    from kapdocs.writers.handout.writer import rendering_with

    def work():
        with rendering_with(kept_by):
            render(project, job)

    worker = multiprocessing.get_context("fork").Process(target=work)
    worker.start()
    worker.join(60)
    return worker.exitcode


def test_a_worker_forked_from_a_renderer_adds_its_fonts_apart(project):
    """A batch worker forked from a process that had rendered adds its stylesheets' fonts in a
    folder of its own: in the one they shared, its copy of the form font told the first process
    it had the font already, and that process's form came out in the body font."""
    import io

    from pypdf import PdfReader

    from weasyprint import CSS

    from kapdocs.brand.notice import SHIPPED_FONTS
    from kapdocs.writers.handout.pdf import HandoutRenderer
    from kapdocs.writers.handout.writer import rendering_with

    form = Job(write(project, "handouts/f.md", FRONT + "\n::: form\n- Your name {text}\n:::\n"), "default", "pdf")
    kept_by = HandoutRenderer()
    # Another stylesheet's font, added before the fork: the renderer has its folder now.
    CSS(string=f'@font-face {{ font-family: A; src: url("{(SHIPPED_FONTS / "ar-400.ttf").as_uri()}"); }}',
        font_config=kept_by.font_config)
    folder = kept_by.font_config._folder
    assert folder and _render_in_a_forked_worker(kept_by, project, form) == 0
    with rendering_with(kept_by):
        pdf, *_ = render(project, form)
    fonts = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    assert "kapdocs-Form-Sans" in {str(f.get_object()["/BaseFont"]).split("+")[1] for f in fonts.values()}
    assert kept_by.font_config._folder == folder


def test_a_renderer_compresses_a_forms_whole_font_once(project, monkeypatch):
    """WeasyPrint embeds a form's font whole and compresses it again for every PDF (the intake
    form's: 118 KB since it has a font of its own, 512 KB and 40-50 ms at level 9 before). A renderer keeps large streams compressed and gives
    back the same bytes; outside a render, pydyf gets zlib's own compressor."""
    import zlib

    import pydyf

    from kapdocs.writers.handout.pdf import KEPT_COMPRESSED_FROM, HandoutRenderer
    from kapdocs.writers.handout.writer import FORM_FONT, rendering_with

    sizes: list[int] = []
    real = zlib.compressobj

    class Counted:
        def __init__(self, *args, **kwargs):
            self._compressor = real(*args, **kwargs)

        def compress(self, data):
            sizes.append(len(data))
            return self._compressor.compress(data)

        def flush(self, *args):
            return self._compressor.flush(*args)

    monkeypatch.setattr(zlib, "compressobj", Counted)
    path = write(project, "handouts/f.md", FRONT + "\n::: form\n- Your name {text}\n:::\n")
    job = Job(path, "default", "pdf")
    kept_by = HandoutRenderer()
    with rendering_with(kept_by):
        first, *_ = render(project, job)
        large = [size for size in sizes if size >= KEPT_COMPRESSED_FROM]
        sizes.clear()
        again, *_ = render(project, job)
    assert max(large) == FORM_FONT.stat().st_size  # the form's font, whole
    assert sizes and max(sizes) < KEPT_COMPRESSED_FROM and again == first
    with rendering_with(HandoutRenderer()):
        afresh, *_ = render(project, job)
    assert afresh == first
    assert isinstance(pydyf.zlib.compressobj(level=9), Counted)


def test_a_renderer_with_a_core_to_spare_encodes_pictures_beside_the_layout(project, monkeypatch):
    """With a core to spare (`kapdocs handout`'s second process), a picture is encoded when the
    layout loads it, in the renderer's own thread, which ends with the render. A batch worker's
    renderer encodes them as the PDF is written, and plain WeasyPrint in the same process (the
    benchmark's baseline) still encodes each picture as it writes, every time."""
    from weasyprint import HTML
    from weasyprint.document import Document

    from kapdocs.writers.handout import pdf
    from kapdocs.writers.handout.writer import rendering_with

    encoded_in, kept_when_writing = [], []
    encode, write = pdf._encode_image, Document.write_pdf

    def encoding(image, *args):
        encoded_in.append(threading.current_thread().name)
        return encode(image, *args)

    def writing(document, *args, **kwargs):
        kept_when_writing.append(len(renderer._pictures._streams))
        return write(document, *args, **kwargs)

    monkeypatch.setattr(pdf, "_encode_image", encoding)
    monkeypatch.setattr(Document, "write_pdf", writing)
    job = Job(project.root / "handouts/sample.md", "default", "pdf")
    for renderer in (pdf.HandoutRenderer(spare_core=True), pdf.HandoutRenderer()):
        with rendering_with(renderer):
            render(project, job)
    assert kept_when_writing == [2, 0]  # the logo and the figure, before writing began; or none
    assert len(encoded_in) == 4
    assert all(name.startswith("kapdocs-pictures") for name in encoded_in[:2])
    assert encoded_in[2:] == ["MainThread", "MainThread"]
    assert not [t for t in threading.enumerate() if t.name.startswith("kapdocs-pictures")]  # ended with the render

    encoded_in.clear()
    picture = (project.root / "handouts/images/stages.png").as_uri()
    for _ in range(2):
        assert b"/Subtype /Image" in HTML(string=f'<img src="{picture}" alt="x">').write_pdf()
    assert encoded_in == ["MainThread", "MainThread"]
    assert pdf._rendering.get() is None


def test_a_renderer_forked_into_another_process_encodes_pictures_there(project):
    """A process forked from one whose renderer has encoded pictures in its thread (a batch worker
    forked after a handout was made in the parent) has that renderer, but a fork copies no
    thread: it encodes in a thread of its own instead of waiting for ever on one that is not there."""
    import multiprocessing

    from kapdocs.writers.handout.pdf import HandoutRenderer
    from kapdocs.writers.handout.writer import rendering_with

    job = Job(project.root / "handouts/sample.md", "default", "pdf")
    forked = HandoutRenderer(spare_core=True)
    with rendering_with(forked):
        render(project, job)  # its thread has encoded the pictures
    _paint_a_corner(project.root / "handouts/images/stages.png")  # so there is one to encode

    def in_the_fork(connection) -> None:
        with rendering_with(forked):
            connection.send(render(project, job)[0])

    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("fork").Process(target=in_the_fork, args=(theirs,))
    child.start()
    try:
        assert ours.poll(60), "the forked renderer did not finish"
        from_the_fork = ours.recv()
    finally:
        child.kill()
        child.join()
    with rendering_with(HandoutRenderer()):
        assert from_the_fork == render(project, job)[0]


def test_a_renderer_asks_cffi_for_one_glyph_array_type_not_one_per_glyph_count(project, monkeypatch):
    """WeasyPrint names each font's glyph count in a C type (`hb_codepoint_t[71]`), which cffi
    parses anew for every count (4-6 ms each); a HandoutRenderer asks for the open array, parsed
    once. Plain WeasyPrint in the same process still names its counts."""
    from weasyprint import HTML
    from weasyprint.text.ffi import ffi

    monkeypatch.setattr(ffi, "_parsed_types", {})  # cffi's cache of the types it has parsed

    def glyph_array_types() -> set[str]:
        return {name for name in ffi._parsed_types if name.startswith("hb_codepoint_t[")}

    render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    assert glyph_array_types() == {"hb_codepoint_t[]"}
    HTML(string="<p>Plain WeasyPrint</p>").write_pdf()
    assert glyph_array_types() - {"hb_codepoint_t[]"}


def test_callout_is_a_box_that_does_not_split(project):
    html = render_handout_html(handout_document(project), load_brand("default", project.root))
    assert '<aside class="callout callout-warning" role="note">\n<p class="callout-title">Do not drive</p>' in html
    css = (load_brand("default", project.root).file("handout.css")).read_text()
    assert re.search(r"\.callout \{[^}]*break-inside: avoid", css)


def test_a_long_footer_is_measured_on_its_own_page_and_the_handout_laid_out_once(repo, monkeypatch):
    """The Spanish footer needs more than the brand's bottom margin. Measured on a page holding
    only the footer (about 30 ms), the handout is laid out once, not twice (about 0.4 s each)."""
    from kapdocs.writers.handout.pdf import HandoutRenderer

    laid_out = []
    layout = HandoutRenderer._layout

    def counting(self, html, *args):
        document = layout(self, html, *args)
        laid_out.append(len(document.pages))
        return document

    monkeypatch.setattr(HandoutRenderer, "_layout", counting)
    pdf, pages, *_ = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", "es"))
    assert laid_out == [1, pages]  # the footer's page, then the handout
    assert footer_clearance_mm(pdf) >= 5.5


LIBRARIES = ("gobject", "pango", "harfbuzz", "fontconfig")
#: Prints how many library searches the import made and the libraries it mapped. `ready` runs first.
LOADED = """
import ctypes.util, sys
searches = []
search = ctypes.util.find_library
ctypes.util.find_library = lambda name: searches.append(name) or search(name)
{ready}
{importing}
with open("/proc/self/maps") as maps:
    files = sorted({{line.split()[-1] for line in maps if ".so" in line and any(f"lib{{n}}" in line for n in {names})}})
print(len(searches), files)
"""


def _loaded(importing: str, ready: str = "") -> tuple[int, str]:
    import subprocess
    import sys

    script = LOADED.format(ready=ready, importing=importing, names=LIBRARIES)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    searches, files = result.stdout.strip().split(" ", 1)
    return int(searches), files


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the search is skipped on Linux only")
def test_weasyprint_opens_the_same_libraries_without_searching_for_them():
    """Importing WeasyPrint through kapdocs maps the very files WeasyPrint's own import maps,
    without the 0.21-0.46 s of ctypes searches for names no Linux has."""
    searches, files = _loaded("import weasyprint")
    searches_kapdocs, files_kapdocs = _loaded("import kapdocs.writers.handout.pdf")
    assert searches > 0, "WeasyPrint no longer searches: kapdocs can import it plainly again"
    assert searches_kapdocs == 0
    assert files_kapdocs == files and all(name in files for name in LIBRARIES)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the search is skipped on Linux only")
def test_a_weasyprint_that_needs_the_search_still_loads():
    """Were WeasyPrint to name its libraries so that only ctypes' search found them, the import
    is made again with the search, and WeasyPrint's advice for a broken install is not printed."""
    refuse_until_searching = """
import cffi
dlopen, searching = cffi.FFI.dlopen, ctypes.util.find_library
def fussy(self, name, *args):
    if ctypes.util.find_library is not searching:  # kapdocs' first attempt, without the search
        raise OSError(f"cannot open {name}")
    return dlopen(self, name, *args)
cffi.FFI.dlopen = fussy
"""
    searches, files = _loaded("import kapdocs.writers.handout.pdf", ready=refuse_until_searching)
    assert searches > 0  # the second attempt searched (and nothing was printed before the count)
    assert all(name in files for name in LIBRARIES)


#: Renders a handout with WeasyPrint's fontTools subsetting (its fallback where HarfBuzz cannot
#: subset) in a fresh interpreter and prints what it found of the deferred fontTools modules.
FONTTOOLS_ON_FIRST_USE = """
import json, sys
from pathlib import Path
from kapdocs.writers.handout import pdf
import weasyprint.pdf.fonts as fonts
loaded = lambda: sorted(m for m in pdf.DEFERRED_FONTTOOLS if m in sys.modules)
at_import = loaded()
fonts.harfbuzz_subset = None
from kapdocs.pipeline import Job, render
from kapdocs.support.project import Project
project = Project(Path(sys.argv[1]))
data, pages, warnings, _ = render(project, Job(project.root / "handouts/how-ketamine-works.md", "default", "pdf"))
after_render = loaded()
from fontTools.subset import Subsetter
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont
from kapdocs.writers.handout.writer import FORM_FONT
said = []
for instancer in (fonts.instantiateVariableFont, instantiateVariableFont):
    try:
        instancer(TTFont(FORM_FONT), {"wght": 700})
    except Exception as err:
        said.append(f"{type(err).__name__}: {err}")
print(json.dumps({"at import": at_import, "after render": after_render, "pages": pages, "warnings": warnings,
                  "subsetter": fonts.subset.Subsetter is Subsetter, "said": said}))
"""


def test_fonttools_subsetter_is_imported_only_when_weasyprint_uses_it(repo):
    """WeasyPrint's fontTools subsetter and instancer (0.1 s of its import) load when it first
    uses them: a handout subset by fontTools, as WeasyPrint does without HarfBuzz's subsetter,
    still renders, and the instancer WeasyPrint holds is the real one."""
    import json
    import subprocess

    result = subprocess.run([sys.executable, "-c", FONTTOOLS_ON_FIRST_USE, str(repo.root)], capture_output=True,
                            text=True, check=True)
    found = json.loads(result.stdout)
    assert found["at import"] == []
    assert found["after render"] == ["fontTools.subset"]
    assert found["pages"] == 5 and found["subsetter"]
    assert any("Using fontTools instead of HarfBuzz-Subset" in w for w in found["warnings"])
    assert not any("Unable to subset" in w for w in found["warnings"])
    assert len(found["said"]) == 2 and found["said"][0] == found["said"][1]


def test_stylesheets_parsed_ahead_are_the_ones_the_render_uses(project):
    """A layout process parses the brand's stylesheets while the handout is still being read:
    what the parent sends ahead is parsed by the time the handout comes, and the render then
    parses nothing again (the PDF is the one a fresh renderer makes)."""
    import multiprocessing

    from kapdocs.batch.ahead import PREPARE, RENDER, _wait_for_the_handout
    from kapdocs.writers.handout.pdf import HandoutRenderer
    from kapdocs.writers.handout.writer import brand_stylesheets, readable_folders

    brand = load_brand("default", project.root)
    sheets = brand_stylesheets(brand)
    place = (project.root, readable_folders(project.root, brand), brand.folder)
    html = '<html lang="en"><body><p>Hello</p></body></html>'
    ahead = HandoutRenderer()
    ours, theirs = multiprocessing.Pipe()
    ours.send((PREPARE, (sheets, *place), {}))
    ours.send((RENDER, (html, sheets, *place, "handouts/x.md"), {}))
    args, kwargs = _wait_for_the_handout(theirs, ahead)
    assert [text for text, *_ in ahead._stylesheets] == [text for text, _ in sheets]
    kept = dict(ahead._stylesheets)
    result = ahead.render(*args, **kwargs)
    assert ahead._stylesheets == kept
    assert result.pdf == HandoutRenderer().render(*args, **kwargs).pdf


def test_a_layout_process_that_could_not_load_still_answers_the_handout():
    """Without a renderer (WeasyPrint failed to load), what is sent ahead is passed over, and the
    handout's arguments still come back, so the child can answer with why it could not load."""
    import multiprocessing

    from kapdocs.batch.ahead import PREPARE, RENDER, _wait_for_the_handout

    ours, theirs = multiprocessing.Pipe()
    ours.send((PREPARE, ([("p { color: red }", ".")], ".", (), "."), {}))
    ours.send((RENDER, ("<p>x</p>",), {"pdf_ua": False}))
    assert _wait_for_the_handout(theirs, None) == (("<p>x</p>",), {"pdf_ua": False})


def test_a_stylesheet_that_fails_ahead_fails_the_render_as_it_would_have(project):
    """Parsing ahead keeps quiet about a stylesheet that reaches outside the project; the render
    parses it again and refuses it with the usual error."""
    from kapdocs.writers.handout.pdf import HandoutRenderer

    brand = load_brand("default", project.root)
    css = [("@import url(file:///etc/hostname);", project.root)]
    ahead = HandoutRenderer()
    ahead.prepare(css, project.root, (project.root,), brand.folder)
    assert not ahead._stylesheets
    with pytest.raises(KapdocsError, match="may not read"):
        ahead.render("<p>x</p>", css, project.root, (project.root,), brand.folder, "handouts/x.md")


def test_a_large_print_form_leaves_the_next_forms_ruled_boxes_as_they_were(repo):
    """A renderer keeps parsed stylesheets for the next handout; the answer boxes' ruling, a
    gradient sized in em, must be worked out afresh for each (WeasyPrint wrote the first
    handout's lengths into the stylesheet: after a large-print form, the next regular form's
    boxes had no lines)."""
    from kapdocs.writers.handout.pdf import HandoutRenderer
    from kapdocs.writers.handout.writer import rendering_with

    regular, large = (Job(repo.root / "handouts/intake.md", "default", "pdf", large_print=flag) for flag in (False, True))
    with rendering_with(HandoutRenderer()):
        fresh = render(repo, regular)[0]
    kept_by = HandoutRenderer()
    with rendering_with(kept_by):
        render(repo, large)
        after_large = render(repo, regular)[0]
    assert after_large == fresh


def test_an_unreviewed_handout_says_draft_on_every_page_and_a_reviewed_one_does_not(project):
    reviewed = FRONT.replace("reviewed_by: R", "reviewed_by: Dana Reyes, MD")
    unreviewed = FRONT.replace("reviewed_by: R\n", "")
    body = "\n## What to do\n\nCall us if you feel worse.\n"
    for front, draft in ((reviewed, False), (unreviewed, True)):
        path = write(project, "handouts/bad.md", front + body)
        pdf, pages, *_ = render(project, Job(path, "default", "pdf"))
        for text in page_texts(pdf):
            assert ("DRAFT — not reviewed" in text) is draft
            assert ("Not reviewed yet" in text) is draft and ("by Dana Reyes, MD" in text) is not draft


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_arabic_large_print_is_set_in_the_brands_family_and_the_scripts_font_only(repo, brand):
    """Large print sets everything in one family; Arabic fell to the system's sans-serif (DejaVu
    Sans) for running text beside headings in Noto Sans Arabic: two typefaces on one page."""
    import io

    from pypdf import PdfReader

    from kapdocs.support.fonts import script_fonts

    pdf = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", brand, "pdf", "ar", large_print=True)).data
    embedded = {str(font.get_object()["/BaseFont"]).split("+", 1)[1]
                for page in PdfReader(io.BytesIO(pdf)).pages for font in page["/Resources"]["/Font"].values()}
    fonts = load_brand(brand, repo.root, large_print=True).fonts
    # The brand's heading and body fonts draw only its logo's wordmark; the language-assistance
    # notice's lines have fonts of their own ("…-Notice-<lang>").
    chosen = [family.replace(" ", "-") for family in (fonts.large_print, fonts.heading, fonts.body, *script_fonts("ar"))]
    assert all(any(name.startswith(family) for family in chosen) for name in embedded), sorted(embedded)
    assert any(name.startswith("Noto-Sans-Arabic") and "Notice" not in name for name in embedded)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_stat_tiles_span_the_measure_in_either_direction(repo, lang):
    """Right to left, the tiles (a list) took a list's 7 mm indent at the right: 20 pt short of
    the table and the main message beside them."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", lang)).data
    page = pdfium.PdfDocument(pdf)[0]
    boxes = [obj.get_bounds() for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4)]
    under_masthead = page.get_height() * 0.75
    tiles = [box for box in boxes if 150 < box[2] - box[0] < 300 and 60 < box[3] - box[1] < 150 and box[3] < under_masthead]
    wide = [box for box in boxes if box[2] - box[0] > 400 and box[3] < under_masthead]  # the message, the table's rows
    assert len(tiles) >= 2 and wide
    assert abs(min(t[0] for t in tiles) - min(w[0] for w in wide)) < 1
    assert abs(max(t[2] for t in tiles) - max(w[2] for w in wide)) < 1


@pytest.mark.parametrize("large_print", [False, True])
def test_a_part_heading_is_set_as_a_heading_between_the_title_and_its_sections(repo, large_print):
    """`# Part` in a source (the staff training's three parts) printed in the browser's default
    black sans-serif, in large print larger than the handout's title."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = render(repo, Job(repo.root / "decks/staff-training.md", "default", "pdf", large_print=large_print)).data
    document = pdfium.PdfDocument(pdf)

    def look(words: str) -> tuple[str, tuple[int, ...], float]:
        """The font, fill colour and size of the first character of `words` where it first prints."""
        for page in document:
            text = page.get_textpage()
            if (at := text.get_text_range().find(words)) >= 0:
                name = ctypes.create_string_buffer(128)
                raw.FPDFText_GetFontInfo(text, at, name, 128, None)
                rgba = [ctypes.c_uint() for _ in range(4)]
                raw.FPDFText_GetFillColor(text, at, *(ctypes.byref(c) for c in rgba))
                return name.value.decode().split("+")[-1], tuple(c.value for c in rgba), raw.FPDFText_GetFontSize(text, at)
        raise AssertionError(f"{words!r} is not printed")

    title, part, section = (look(words) for words in ("Ketamine-assisted", "How ketamine works", "Why ketamine is"))
    assert part[:2] == section[:2]  # the headings' font and colour
    assert section[2] < part[2] < title[2]


def test_a_source_mark_in_large_print_leaves_its_lines_evenly_spaced(repo):
    """An 18 pt raised source mark with a line height of its own pushed its line down: the
    paragraph's lines stood 27 pt apart but 31 pt where the mark was."""
    from kapdocs.audit.pdf import read_printed

    pdf = render(repo, Job(repo.root / "handouts/how-ketamine-works.md", "default", "pdf", large_print=True)).data
    page = next(page for page in read_printed(pdf).pages if "About1in3people" in "".join(g.char for g in page.glyphs))
    first = next(i for i in range(len(page.glyphs)) if "".join(g.char for g in page.glyphs[i:i + 5]) == "About")
    top = page.glyphs[first].box[1]
    sitting = [g for g in page.glyphs if g.char in "acemnorsuvwxz" and g.size == 18 and g.box[1] <= top + 1]
    baselines: list[float] = []  # letters on the baseline, line by line from "About"
    for bottom in sorted((g.box[1] for g in sitting), reverse=True):
        if not baselines or baselines[-1] - bottom > 3:
            baselines.append(bottom)
    paragraph = baselines[:3]  # "About 1 in 3 … / relief from standard antidepressants.¹ … / of them …"
    gaps = [upper - lower for upper, lower in zip(paragraph, paragraph[1:])]
    assert max(gaps) - min(gaps) <= 1, gaps


def test_a_source_mark_stays_on_the_line_of_the_word_it_marks():
    """Chinese breaks between any two characters, so a line filled to its end sent the mark alone
    to the next line; a word joiner keeps it with the character before it."""
    import weasyprint

    from kapdocs import model as m
    from kapdocs.writers.handout.html import _inline

    mark = str(_inline(m.FootnoteRef(1)))
    html = (f'<html lang="zh-Hans"><body style="font: 10pt \'Noto Sans CJK SC\'; margin: 0">'
            f'<p style="width: 5em">抑郁症患者{mark}</p></body></html>')
    lines = line_texts(weasyprint.HTML(string=html).write_pdf(), 0)
    assert lines == ["抑郁症患", "者1"], lines
