"""Brand kits: the schema and its errors, fonts, contrast, both example brands, large print, accessibility."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader
from typer.testing import CliRunner

from kapdocs.brand.schema import contrast, load_brand
from kapdocs.pipeline import Job, render
from kapdocs.cli import app
from kapdocs.cli.template import MASTER_DATE
from kapdocs.errors import KapdocsError
from kapdocs.brand.kits import all_brands
from kapdocs.writers.deck.master import make_master

from brands import DEFAULT, make_brand
from pdfs import font_sizes, footer_clearance_mm, orphaned_headings, pdf_facts

@pytest.mark.parametrize("change, message", [
    (("name: Lakeview Mind & Body Clinic\n", ""), r":1: `name` is missing.*add a `name:` line"),
    (('primary: "#1F4E79"', 'primary: "blue"'), r":7: `colours.primary`: String should match pattern .*give colours as #RRGGBB"),
    (("page_size: letter", "page_size: legal"), r":\d+: `page_size`: Input should be 'letter' or 'a4'. use letter or a4"),
    (("page_size: letter", "page_size: letter\npaper: a4"), r":\d+: unknown field `paper`. remove it or fix its spelling"),
    (("logo: logo.png", "logo: logo.gif"), r":4: `logo`: String should match pattern .*PNG or SVG"),
    (("logo: logo.png", "logo: other.png"), r":4: logo `other.png` does not exist"),
    (("logo: logo.png", "logo: logo.svg"), r":4: the logo is SVG, which PowerPoint cannot place.*deck_logo"),
    (("page_size: letter", "page_size: letter\nmargins:\n  side: 3"), r":\d+: `margins.side`: Input should be greater than or equal to 8"),
    (("page_size: letter", "page_size: letter\nqr:\n  target: http://x.example.org\n  label: Scan"),
     r":\d+: `qr.target`: String should match pattern"),
    (("  deck_body: Calibri", "  deck_body: Calibri\n  files: [missing.ttf]"), r":\d+: font file `missing.ttf` is not in the brand folder"),
])
def test_each_schema_error_names_the_field_and_the_fix(project, change, message):
    old, new = change
    assert old in DEFAULT
    files = ("logo.png",) if "logo.svg" not in new else ("logo.png",)
    if "logo.svg" in new:
        (make_brand(project, "", files=()) / "logo.svg").write_text("<svg/>")
    make_brand(project, DEFAULT.replace(old, new), files=files)
    with pytest.raises(KapdocsError, match=r"templates/clinic/brand.yaml" + message):
        load_brand("clinic", project.root)


def test_low_contrast_is_rejected_with_the_measured_ratio(project):
    make_brand(project, DEFAULT.replace('text: "#1A1A1A"', 'text: "#8A8A8A"'))
    with pytest.raises(KapdocsError, match=r"brand.yaml:6: colour contrast of text on background is 3.45:1 "
                                           r"\(#8A8A8A on #FFFFFF\), below the WCAG 2.2 minimum of 4.5:1"):
        load_brand("clinic", project.root)


def test_large_print_asks_for_7_to_1(project):
    make_brand(project, DEFAULT.replace('text: "#1A1A1A"', 'text: "#595959"').replace('tint: "#EAF1F8"', 'tint: "#FFFFFF"'))
    assert round(contrast("#595959", "#FFFFFF"), 2) == 7.0
    load_brand("clinic", project.root, large_print=True)  # exactly 7.00:1 passes
    make_brand(project, DEFAULT.replace('primary: "#1F4E79"', 'primary: "#2F6A9F"'))
    load_brand("clinic", project.root)  # 5.8:1 is enough for normal print
    with pytest.raises(KapdocsError, match=r"contrast of primary \(headings\) on background is 5.70:1 .* 7:1 for large print"):
        load_brand("clinic", project.root, large_print=True)


@pytest.mark.parametrize("field, family, message", [
    ("  heading: Noto Serif", "  heading: Garamond Premier", r"font `Garamond Premier` \(fonts.heading\) is not installed"),
    ("  deck_body: Calibri", "  deck_body: Segoe UI", r"deck font `Segoe UI` \(fonts.deck_body\) is not installed and has no metric"),
])
def test_a_font_the_machine_lacks_is_an_error_not_a_fallback(project, field, family, message):
    make_brand(project, DEFAULT.replace(field, family))
    with pytest.raises(KapdocsError, match=message):
        load_brand("clinic", project.root)


def test_a_brands_fonts_are_looked_up_side_by_side(project, monkeypatch):
    """Loading a brand asks fontconfig for all its families at once: one `fc-match` each took
    8-23 ms, mostly starting the program, one after the other 60-80 ms of every command."""
    from kapdocs.support import fonts

    monkeypatch.setattr(fonts, "_found", {})
    started, running_at_first_answer = [], []
    real_start, real_answer = fonts._fc_match, fonts._matched

    def start(family, bold):
        started.append(family)
        return real_start(family, bold)

    def answer(family, process):
        running_at_first_answer.append(len(started))
        return real_answer(family, process)

    monkeypatch.setattr(fonts, "_fc_match", start)
    monkeypatch.setattr(fonts, "_matched", answer)
    load_brand("default", project.root)
    assert sorted(started) == ["Calibri", "Carlito", "Noto Sans", "Noto Serif"]
    assert running_at_first_answer[0] == 4
    assert fonts.font_file("Noto Sans").endswith("NotoSans-Regular.ttf") and fonts.font_file("Calibri") is None
    assert len(started) == 4  # the answers are kept


def test_a_brand_can_ship_its_own_font_files(project):
    """A font not installed on the machine, shipped in the brand folder, is embedded in the PDF."""
    from fontTools.ttLib import TTFont

    from kapdocs.support.fonts import font_file

    folder = make_brand(project, DEFAULT.replace("  heading: Noto Serif", "  heading: Kapdocs Test Sans")
                        .replace("  deck_body: Calibri", "  deck_body: Calibri\n  files: [test-sans.ttf]"))
    font = TTFont(font_file("Carlito", True))
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "KapdocsTestSans" if record.nameID == 6 else "Kapdocs Test Sans"
    font.save(folder / "test-sans.ttf")
    brand = load_brand("clinic", project.root)
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "clinic", "pdf"))
    fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("Kapdocs-Test-Sans" in name for name in fonts), fonts
    assert brand.fonts.files == ("test-sans.ttf",)


def test_both_example_brands_build_every_sample(repo, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--brand", "all", "--locale", "en", "--out", str(out), "--project", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert all_brands(repo.root) == ("cedar", "default")
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.p*") if ".thumbnails" not in p.parts)
    assert len(built) == 2 * 2 * len(repo.sources()) and "cedar/en/how-ketamine-works.pptx" in built
    cedar = pdf_facts((out / "cedar/en/your-kap-session.pdf").read_bytes())
    assert cedar["page_size_pt"] == [595, 842] and cedar["author"] == "Cedar Ridge Wellness Centre"
    assert "(604) 555-0187" in cedar["text"][0]
    deck = Presentation(str(out / "cedar/en/your-kap-session.pptx"))
    closing = deck.slides[-1]
    qr = [s for s in closing.shapes if s.name == "QR code"]
    assert qr and qr[0]._element.nvPicPr.cNvPr.get("descr") == "QR code: https://cedar-ridge.example.org/handouts/en/your-kap-session"  # the handout, not the brand QR


def test_each_brand_reaches_both_outputs(repo):
    """Brand colours and fonts as CSS variables, and in the generated master's theme."""
    from kapdocs.writers.handout.writer import brand_stylesheet

    cedar = load_brand("cedar", repo.root)
    css = brand_stylesheet(cedar)
    assert "--primary: #0B4F4D" in css and '--font-heading: "Noto Sans Display"' in css and "size: a4" in css
    assert "margin: 15mm 20mm 30mm" in css
    committed = (repo.root / "templates/cedar/deck.pptx").read_bytes()
    assert committed == make_master(cedar, MASTER_DATE), "regenerate: kapdocs template master cedar -o templates/cedar/deck.pptx"
    theme = next(p.blob for p in Presentation(io.BytesIO(committed)).part.package.iter_parts()
                 if p.partname.endswith("theme1.xml")).decode()
    assert '<a:accent1><a:srgbClr val="0B4F4D"/>' in theme and 'typeface="Arial"' in theme


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_large_print_reads_back_at_18_pt_or_more(repo, brand):
    for source in repo.sources():
        job = Job(source, brand, "pdf", large_print=True)
        pdf, pages, *_ = render(repo, job)
        sizes = font_sizes(pdf)
        assert min(size for _, _, size, _ in sizes) >= 18.0, source.name
        # Fonts after page 1: page 1 also holds the logo, artwork whose wordmark has its own fonts.
        names = {font for page, _, _, font in sizes if page > 1}
        assert not [n for n in names if re.search("Italic|Oblique", n)], names  # no italics
        # One sans family, with its own script companions for the language-assistance notice
        # (kapdocs' own sentences in the small "Notice" cuts of them it ships).
        assert names and all(re.fullmatch(r"[A-Z]{6}\+Noto-Sans(-Arabic|-CJK-[A-Z]{2})?(-Notice-[a-zA-Z-]+?)?(-Bold)?", n)
                             for n in names), names
        assert orphaned_headings(pdf) == [], source.name
        assert footer_clearance_mm(pdf) >= 5.5, source.name


def test_a_long_footer_gets_the_bottom_margin_it_needs(project):
    """The brand's bottom margin is a minimum: a footer that needs more gets it, and still ends
    6 mm above the paper's edge, where office printers can print."""
    long = "This handout gives general information only. " * 6
    make_brand(project, DEFAULT.replace(
        "disclaimer: General information, not medical advice for you. Ask your care team about your own treatment.",
        f"disclaimer: {long.strip()}"))
    pdf, pages, *_ = render(project, Job(project.root / "handouts/sample.md", "clinic", "pdf"))
    assert long.strip()[:60] in " ".join(pdf_facts(pdf)["text"])
    assert footer_clearance_mm(pdf) >= 5.5


def test_large_print_has_its_own_file_name(project, tmp_path):
    result = CliRunner().invoke(app, ["build", "--large-print", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (project.root / "build").rglob("*.pdf"))
    assert built == ["sample.large-print.pdf", "training.large-print.pdf"]


def test_the_pdf_is_tagged_with_language_title_and_alt_text(project):
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # the window shows the title, not the file name
    assert reader.metadata["/Title"] == "Sample handout"
    figures = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
            if hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert "Four stages in a row" in figures


def test_pdf_ua_is_written_when_asked(project):
    pdf, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf", pdf_ua=True))
    def metadata(data):
        return PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data().decode()

    assert 'pdfuaid:part="1"' in metadata(pdf)
    plain, *_ = render(project, Job(project.root / "handouts/sample.md", "default", "pdf"))
    assert "/Metadata" not in PdfReader(io.BytesIO(plain)).trailer["/Root"]


@pytest.mark.parametrize("brand", ["default", "cedar"])
def test_every_picture_and_chart_on_a_slide_has_alt_text_and_every_slide_a_title(repo, brand):
    for source in repo.sources():
        data, *_ = render(repo, Job(source, brand, "pptx"))
        for slide in Presentation(io.BytesIO(data)).slides:
            assert slide.shapes.title is not None and slide.shapes.title.text
            first = next(iter(slide.shapes))
            assert first == slide.shapes.title, "screen readers read the title first"
            for shape in slide.shapes:
                if shape.shape_type in (13,) or getattr(shape, "has_chart", False):
                    element = shape._element
                    c_nv_pr = element.xpath("./*[1]/p:cNvPr")[0]
                    assert c_nv_pr.get("descr"), (source.name, slide.shapes.title.text, shape.name)


def test_a_logo_is_held_to_the_projects_picture_limit(project):
    """`[limits] image_megapixels` in kapdocs.toml bounds the brand's logo as it bounds content pictures."""
    from PIL import Image

    folder = make_brand(project, DEFAULT, files=())
    Image.new("RGB", (1500, 1000), "white").save(folder / "logo.png")  # 1.5 megapixels
    assert load_brand("clinic", project.root).logo == "logo.png"  # under the default 40
    settings = project.root / "kapdocs.toml"
    settings.write_text(settings.read_text() + "\n[limits]\nimage_megapixels = 1\n")
    with pytest.raises(KapdocsError, match=r"logo `logo.png`.*megapixel"):
        load_brand("clinic", project.root)


def test_a_parent_brand_edited_while_kapdocs_runs_is_seen_by_the_brands_that_extend_it(project):
    import os
    import shutil

    from kapdocs.brand.kits import brand_lineage, builtin_templates

    for key, parent in (("family", "default"), ("clinic", "family")):
        folder = project.root / "templates" / key
        folder.mkdir(parents=True)
        shutil.copy(builtin_templates() / "default" / "logo.png", folder / "logo.png")
        (folder / "brand.yaml").write_text(f"extends: {parent}\nname: {key}\n")
    family = project.root / "templates/family/brand.yaml"
    assert brand_lineage("clinic", project.root) == (family.parent.parent / "clinic", family.parent,
                                                     builtin_templates() / "default")
    assert load_brand("clinic", project.root).colours.primary == "#1F4E79"
    family.write_text('extends: default\nname: family\ncolours:\n  primary: "#2B5D34"\n')
    os.utime(family, ns=(1, 1))  # a new version even on a file system with coarse times
    assert load_brand("clinic", project.root).colours.primary == "#2B5D34"
