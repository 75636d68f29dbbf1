"""Intake forms: `::: form` → fillable PDF fields that print as write-on lines, and a slide for staff."""

from __future__ import annotations

import io
import json

import pypdfium2 as pdfium
import pytest
from pptx import Presentation
from pypdf import PdfReader, PdfWriter

from kapdocs import model as m
from kapdocs.pipeline import Job, render
from kapdocs.errors import KapdocsError
from kapdocs.i18n.segments import segments_of
from kapdocs.readers import read_source

from conftest import FRONT, write
from pdfs import field_pages, line_extents, line_texts, page_texts

INTAKE = "handouts/intake.md"
#: The sample intake on Letter paper (issue 34): at most four pages, every page but the last at least
#: half full, every page after the first headed with whose it is.
INTAKE_PAGES = 4
HALF_FULL = 0.5
HEADER = {"": ("Full name", "Date of birth", "Page {} of {}"), "es": ("Nombre completo", "Fecha de nacimiento", "Página {} de {}")}
RADIO, MULTILINE = 1 << 15, 1 << 12  # PDF field flags (ISO 32000-1, 12.7.4)


def intake_fields(repo) -> tuple[m.Field, ...]:
    document = read_source(repo.root / INTAKE, INTAKE)
    return tuple(f for block in m.walk(document.blocks)
                 if isinstance(block, m.Container) and block.kind == "form" for f in m.fields_of(block))


def expected_names(fields) -> dict[str, str]:
    """Field name → what the PDF must hold: Tx (text), Tx-multiline, radio or checkbox."""
    out: dict[str, str] = {}
    for f in fields:
        if f.kind in ("text", "date", "phone"):
            out[f.name] = "Tx"
        elif f.kind == "long":
            out[f.name] = "Tx-multiline"
        elif f.kind == "signature":
            out[f.name] = out[f"{f.name}_date"] = "Tx"
        elif f.kind == "yesno":
            out[f.name] = "radio"
        elif f.kind == "ack":
            out[f.name] = "checkbox"
        else:
            out.update({choice.name: "checkbox" for choice in f.choices})
    return out


def kind_of(field) -> str:
    flags = int(field.get("/Ff", 0))
    if field["/FT"] == "/Tx":
        return "Tx-multiline" if flags & MULTILINE else "Tx"
    return "radio" if flags & RADIO else "checkbox"


@pytest.fixture(scope="module")
def intake_pdf(request):
    from kapdocs.support.project import Project
    from conftest import REPO

    project = Project(REPO)
    return {lang: render(project, Job(project.root / INTAKE, "default", "pdf", lang))[0] for lang in ("", "es")}


def test_every_field_is_in_the_pdf_with_its_name_and_kind(repo, intake_pdf):
    fields = intake_fields(repo)
    expected = expected_names(fields)
    found = PdfReader(io.BytesIO(intake_pdf[""])).get_fields()
    assert {name: kind_of(field) for name, field in found.items()} == expected
    assert len(expected) == 52
    # Every kind the issue names is there, and yes/no answers read back as words.
    assert {f.kind for f in fields} == set(m.FIELD_KINDS)
    assert found["high_blood_pressure"]["/Opt"] == ["yes", "no"]
    assert found["full_name"]["/TU"] == "Full name (required)"  # the label, for screen readers and tooltips


def _field_fonts(pdf: bytes) -> dict[str, tuple[str, bytes]]:
    """Each text field's name → (its font's name, the font file embedded for it)."""
    form = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/AcroForm"]
    fonts = {}
    for field in (reference.get_object() for reference in form["/Fields"]):
        if field.get("/FT") == "/Tx":
            key = field["/DA"].split(" Tf")[0].split()[-2]  # "… /FONT 12 Tf"
            font = form["/DR"]["/Font"][key].get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(field["/T"])] = (str(font["/BaseFont"]), descriptor["/FontFile2"].get_object().get_data())
    return fonts


def test_a_field_takes_any_letter_of_latin_greek_or_cyrillic_from_a_small_font(repo, intake_pdf):
    """What a patient types is set in the form font kapdocs ships, embedded whole: a Vietnamese,
    Russian or Greek name has its letters, and the body font is cut to what the page prints, as
    everywhere else, instead of riding along whole (the English intake was 384 KB)."""
    from fontTools.ttLib import TTFont

    from kapdocs.writers.handout.writer import FORM_FONT

    text_fields = [name for name, kind in expected_names(intake_fields(repo)).items() if kind.startswith("Tx")]
    for lang, pdf in intake_pdf.items():
        fonts = _field_fonts(pdf)
        assert sorted(fonts) == sorted(text_fields) and len({font for _, font in fonts.values()}) == 1
        name, data = next(iter(fonts.values()))
        assert name.endswith("+kapdocs-Form-Sans")
        embedded = TTFont(io.BytesIO(data))
        assert embedded["name"].getDebugName(1) == "kapdocs Form Sans"  # never mistaken for the page's Noto Sans
        cmap = embedded.getBestCmap()
        assert set(map(ord, "Nguyễn Thị Ánh · Жанна Ёлкина · Ωμέγα · № 42 €")) <= cmap.keys()
        with TTFont(FORM_FONT) as shipped:
            assert len(cmap) == len(shipped.getBestCmap())  # whole, not cut to a page's letters
        assert len(pdf) < 250_000, lang


def test_the_shipped_form_font_covers_what_a_patient_may_type():
    """The form font holds every character of FORM_CHARACTERS that Noto Sans has, and nothing a
    viewer does not draw typed text with: run scripts/form_font.py after changing them."""
    from fontTools.ttLib import TTFont

    from kapdocs.support.fonts import font_file, form_characters
    from kapdocs.writers.handout.writer import FORM_FONT

    with TTFont(font_file("Noto Sans"), lazy=True) as noto, TTFont(FORM_FONT) as form:
        wanted = {code for code in form_characters() if code in noto.getBestCmap()}
        assert set(form.getBestCmap()) == wanted and len(wanted) > 1500
        assert not {"GSUB", "GPOS", "fpgm", "prep"} & set(form.keys())


def test_the_spanish_form_has_the_same_names_with_spanish_labels(intake_pdf):
    english = PdfReader(io.BytesIO(intake_pdf[""])).get_fields()
    spanish = PdfReader(io.BytesIO(intake_pdf["es"])).get_fields()
    assert spanish.keys() == english.keys()
    assert spanish["full_name"]["/TU"] == "Nombre completo (obligatorio)"
    assert spanish["high_blood_pressure"]["/TU"] == "¿Alguna vez le dijeron que tiene la presión alta?"


def test_filled_values_read_back(intake_pdf):
    values = {"full_name": "Ana Ruiz", "date_of_birth": "04/12/1980", "high_blood_pressure": "/1",
              "treatments_tried-talk_therapy": "/on", "ack_no_driving": "/on",
              "current_medications": "Sertraline 50 mg daily. Vitamin D.", "patient_signature_date": "11/22/2026"}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(intake_pdf[""])))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = io.BytesIO()
    writer.write(filled)
    fields = PdfReader(io.BytesIO(filled.getvalue())).get_fields()
    assert {name: fields[name]["/V"] for name in values} == values
    answer = fields["high_blood_pressure"]
    assert answer["/Opt"][int(answer["/V"][1:])] == "no"  # how a clinic system turns /1 into an answer
    assert fields["treatments_tried-antidepressant_pills"]["/V"] == "/Off"  # what was not ticked stays off


def test_a_form_breaks_between_fields_never_leaving_one_alone(project):
    """Where a page ends inside a form, at least two fields stand on each side of the break, and
    the first two with the heading. Kept whole, the Spanish intake's first form (five fields)
    missed the end of page 1 by a line and left half of it empty. The text before the form grows
    a line at a time, so the page ends at every place in it. (The fields are questions, each a block
    of its own: short answers stand up to three to a row, and a row already holds two or more.)"""
    fields = "".join(f"- Field {i} {{yesno name=f{i}}}\n" for i in range(5))
    seen = set()
    for filler in range(13, 25):
        lines = "".join(f"Line {i} of the text before the form.\n\n" for i in range(filler))
        path = write(project, "handouts/f.md", FRONT + "\n" + lines + "## The form\n\n::: form\n" + fields + ":::\n")
        pdf, *_ = render(project, Job(path, "default", "pdf"))
        pages = tuple(field_pages(pdf)[f"f{i}"] for i in range(5))
        heading = next(n for n, text in enumerate(page_texts(pdf), start=1) if "The form" in text)
        assert heading == pages[0] == pages[1] and pages[3] == pages[4], (filler, pages)
        seen.add(pages)
    assert seen == {(1, 1, 1, 1, 1), (1, 1, 1, 2, 2), (1, 1, 2, 2, 2), (2, 2, 2, 2, 2)}


def test_what_a_patient_signs_is_on_the_page_they_sign(intake_pdf):
    """A form with a signature is kept whole: each statement ticked is on the signed page."""
    for lang, pdf in intake_pdf.items():
        pages = field_pages(pdf)
        signed = {pages[name] for name in pages if name.startswith("ack_") and name != "ack_no_driving"}
        assert signed == {pages["patient_signature"]}, lang


def test_the_spanish_intake_starts_its_first_form_on_page_1(intake_pdf):
    pages = field_pages(intake_pdf["es"])
    assert pages["full_name"] == pages["date_of_birth"] == 1
    # The fields end on page 4 of 4: the sources and the language notice share it (issue 34).
    assert max(pages.values()) == 4


def test_printed_blank_each_line_field_has_a_write_on_line_and_each_box_a_border(intake_pdf):
    """Look at the picture: under every one-line field's box the page has a dark rule, and the
    edges of every check box are dark, so a pen has somewhere to write."""
    reader = PdfReader(io.BytesIO(intake_pdf[""]))
    document = pdfium.PdfDocument(intake_pdf[""])
    scale = 2  # 144 dpi
    checked = {"Tx": 0, "box": 0}
    for index, page in enumerate(reader.pages):
        image = document[index].render(scale=scale).to_pil().convert("L")
        height = image.height
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue  # a link (a source's address), not a field
            field = widget if "/FT" in widget else widget["/Parent"].get_object()
            x0, y0, x1, y1 = (float(v) * scale for v in widget["/Rect"])
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            if field["/FT"] == "/Tx" and not int(field.get("/Ff", 0)) & MULTILINE:
                rows = [[image.getpixel((int(x), int(y))) for x in range(int(x0) + 2, int(x1) - 2, 3)]
                        for y in range(int(bottom) - 3, int(bottom) + 3)]
                assert any(sum(p < 200 for p in row) > 0.9 * len(row) for row in rows), field["/T"]
                checked["Tx"] += 1
            elif field["/FT"] == "/Btn":
                # The border is drawn round the widget, just outside its rectangle.
                left = [image.getpixel((int(x0) + d, int((top + bottom) / 2))) for d in range(-8, 4)]
                assert min(left) < 200, field.get("/T")
                checked["box"] += 1
    document.close()
    # every one-line field (14, and the name and date of birth atop pages 2 to 4) and every button
    # (11 yes/no × 2, 17 choices, 5 statements)
    assert checked == {"Tx": 20, "box": 44}
    assert min(abs(float(f["/Rect"][3]) - float(f["/Rect"][1])) for page in reader.pages
               for f in (a.get_object() for a in page.get("/Annots", [])) if f.get("/FT") == "/Btn") >= 12  # pt: pen-sized


@pytest.mark.parametrize("lang", ["", "es"])
def test_a_ruled_box_keeps_clear_of_the_text_above_it(intake_pdf, lang):
    """Every box for a longer answer starts at least 1 mm below the last printed line above it
    (its label or help): the medicines box's top edge was 0.6 mm under its help's last line."""
    pdf = intake_pdf[lang]
    gaps = []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        lines = line_extents(pdf, index)
        for widget in (a.get_object() for a in page.get("/Annots", [])):
            if widget.get("/FT") == "/Tx" and int(widget.get("/Ff", 0)) & MULTILINE:
                top = max(float(widget["/Rect"][1]), float(widget["/Rect"][3]))
                gaps.append(min(bottom - top for _, bottom, _, _ in lines if bottom > top - 2))
    assert len(gaps) == 5  # address, medicines, heart, mental health, treatments tried
    assert min(gaps) >= 1 * 72 / 25.4, gaps  # points


def test_the_deck_walks_staff_through_the_form(repo):
    deck, *_ = render(repo, Job(repo.root / INTAKE, "default", "pptx"))
    slides = {}
    for slide in Presentation(io.BytesIO(deck)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        slides[texts[0]] = texts
    heart = "\n".join(slides["Heart and blood pressure"])
    assert "Have you ever been told you have high blood pressure? (required)" in heart
    assert "If you answered yes, tell us more" in heart
    treatments = "\n".join(slides["Treatments you have tried for depression"])
    assert "Antidepressant pills" in treatments and "Electroconvulsive therapy (ECT)" in treatments


def test_translators_never_see_the_field_kinds(repo):
    document = read_source(repo.root / INTAKE, INTAKE)
    texts = [s.text for s in segments_of(document)]
    assert "Full name" in texts and "Antidepressant pills" in texts
    assert not [t for t in texts if "{" in t or "required" in t.split()]


@pytest.mark.parametrize("form, message", [
    ("- Full name\n", r"a form field needs its kind in braces.*\{text\}, \{long\}"),
    ("- Full name {textbox}\n", r"unknown form field kind `textbox`. use one of: text, long"),
    ("- Full name {text lines=3}\n", r"cannot use `lines=3` on a \{text\} field"),
    ("- Full name {text name=Full-Name}\n", r"cannot use `name=Full-Name`"),
    ("- Allergies {long every-page}\n", r"cannot use `every-page` on a \{long\} field.*for \{text\} or \{date\} `every-page`"),
    ("- Name {text}\n- Name {phone}\n", r"form field name `name` is already used on line \d+.*another name"),
    ("- Tried {checkboxes}\n", r"a \{checkboxes\} field needs a list of 2 to 7 choices"),
    ("- Tried {checkboxes}\n" + "".join(f"  - Choice {i}\n" for i in range(8)), r"needs a list of 2 to 7 choices"),
    ("- Age {text}\n  - 18\n  - 19\n", r"only a \{checkboxes\} field has a list of choices, not \{text\}"),
    ("- {text}\n", r"needs a label before its `\{…\}`"),
    ("- 名前 {text}\n", r"cannot make a field name from “名前”. give one with `name=lowercase_words`"),
])
def test_bad_forms_are_errors_naming_the_line(project, form, message):
    path = write(project, "handouts/bad.md", FRONT + "\n::: form\n" + form + ":::\n")
    with pytest.raises(KapdocsError, match=r"handouts/bad.md:\d+: .*" + message):
        read_source(path, "handouts/bad.md")


def test_an_every_page_field_heads_every_page_after_the_first(project):
    """A field marked `every-page` is repeated, under its own name, atop pages 2 onwards; a form
    without one keeps the running title there."""
    long_text = "".join(f"Line {i} of a long introduction.\n\n" for i in range(60))
    form = "::: form\n- Full name {text every-page}\n- Notes {long}\n:::\n"
    for marked in (True, False):
        path = write(project, "handouts/f.md", FRONT + "\n" + (form if marked else form.replace(" every-page", ""))
                     + long_text)
        pdf, pages, *_ = render(project, Job(path, "default", "pdf"))
        named = [n for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1)
                 if any(a.get_object().get("/T") == "full_name" for a in page.get("/Annots", []))]
        assert pages >= 2 and named == (list(range(1, pages + 1)) if marked else [1])


def test_a_field_name_is_stable_when_its_label_is_reworded_with_a_name(project):
    path = write(project, "handouts/f.md", FRONT + "\n::: form\n- Your date of birth {date name=date_of_birth}\n:::\n")
    block = next(b for b in read_source(path, "f.md").blocks if isinstance(b, m.Container))
    assert [f.name for f in m.fields_of(block)] == ["date_of_birth"]


def test_a_clinic_reads_the_answers_back_with_form_read(intake_pdf, tmp_path):
    from typer.testing import CliRunner

    from kapdocs.cli import app

    values = {"full_name": "Ana Ruiz", "high_blood_pressure": "/1", "pregnant": "/0",
              "treatments_tried-talk_therapy": "/on", "ack_no_driving": "/on"}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(intake_pdf["es"])))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    with filled.open("wb") as stream:
        writer.write(stream)
    result = CliRunner().invoke(app, ["form", "read", str(filled), "--json"])
    assert result.exit_code == 0, result.output
    answers = json.loads(result.output)
    assert len(answers) == 52  # every field; a yes/no group is one answer
    assert {k: answers[k] for k in values} == {"full_name": "Ana Ruiz", "high_blood_pressure": "no", "pregnant": "yes",
                                               "treatments_tried-talk_therapy": True, "ack_no_driving": True}
    assert answers["mania_history"] is None and answers["treatments_tried-antidepressant_pills"] is False
    plain = CliRunner().invoke(app, ["form", "read", str(filled)])
    assert "high_blood_pressure: no" in plain.output and "ack_no_driving: yes" in plain.output
    bad = CliRunner().invoke(app, ["form", "read", str(tmp_path / "missing.pdf")])
    assert bad.exit_code == 1


def test_in_arabic_each_box_keeps_clear_of_its_label_on_its_left():
    """Right to left, a check box or radio button stands at the right of its label: the gap
    between them is on the box's left (it was on its right, and the label touched the box)."""
    from kapdocs.support.project import Project
    from conftest import REPO

    project = Project(REPO)
    pdf = render(project, Job(project.root / INTAKE, "default", "pdf", "ar"))[0]
    document, gaps = pdfium.PdfDocument(pdf), []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        text = document[index].get_textpage()
        chars = [text.get_charbox(i) for i in range(text.count_chars())]
        for widget in (a.get_object() for a in page.get("/Annots", [])):
            field = widget["/Parent"].get_object() if "/Parent" in widget else widget
            if field.get("/FT") != "/Btn":
                continue
            xs, ys = sorted(float(v) for v in widget["/Rect"][::2]), sorted(float(v) for v in widget["/Rect"][1::2])
            beside = [xs[0] - right for left, bottom, right, top in chars
                      if right <= xs[0] + 1 and xs[0] - right < 30 and min(top, ys[1]) - max(bottom, ys[0]) > 2]
            if beside:
                gaps.append(min(beside))
    document.close()
    assert len(gaps) >= 30  # 11 yes/no × 2, 17 choices, 5 statements: nearly every box has its label there
    assert min(gaps) >= 5, sorted(gaps)[:5]  # points: about 6 with the box's margin on its left, 3.4 without


def _widget_lefts(pdf: bytes) -> dict[str, list[float]]:
    """Each field's widgets' left edges (points), by field name."""
    lefts: dict[str, list[float]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for widget in (a.get_object() for a in page.get("/Annots", [])):
            field = widget["/Parent"].get_object() if "/Parent" in widget else widget
            if "/T" in field:  # not a link
                lefts.setdefault(str(field["/T"]), []).append(min(float(v) for v in widget["/Rect"][::2]))
    return lefts


@pytest.mark.parametrize("lang, reads_from_the_right", [("", False), ("ar", True)])
def test_a_row_of_answers_and_a_yes_no_question_read_in_the_handouts_direction(lang, reads_from_the_right):
    """Right to left, a row's first answer is at the right, and a yes/no question at the right of
    its buttons, Yes before No: WeasyPrint places grid columns left to right whatever the direction,
    and the Arabic form read from the left (date of birth before full name; answers before questions)."""
    from kapdocs.support.project import Project
    from conftest import REPO

    project = Project(REPO)
    pdf = render(project, Job(project.root / INTAKE, "default", "pdf", lang))[0]
    lefts = _widget_lefts(pdf)
    name, birth, phone, email = (lefts[n][0] for n in ("full_name", "date_of_birth", "phone", "email"))
    yes, no = lefts["high_blood_pressure"]
    assert (name > birth and phone > email and yes > no) is reads_from_the_right
    assert (name < birth and phone < email and yes < no) is not reads_from_the_right
    question = next(box for box in _line_boxes(pdf, "blood pressure" if not lang else "ضغط الدم؟"))
    assert (no > question[2]) is not reads_from_the_right and (yes < question[0]) is reads_from_the_right


def _line_boxes(pdf: bytes, words: str):
    """(left, bottom, right, top) of each line on which `words` are printed."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            for rect in range(text.count_rects()):
                if words in text.get_text_bounded(*text.get_rect(rect)):
                    yield text.get_rect(rect)
    finally:
        document.close()


@pytest.mark.parametrize("lang", ["", "es"])
def test_the_intake_takes_four_pages_each_after_the_first_headed_with_whose_it_is(intake_pdf, lang):
    """Six pages before, half of some of them empty and the notice alone on the last. The header
    (the patient's name and date of birth, filled once, and "page N of M") is read back from the page."""
    pdf = intake_pdf[lang]
    pages = len(page_texts(pdf))
    assert pages <= INTAKE_PAGES
    name, birth, number = HEADER[lang]
    for page in range(1, pages):
        header = line_texts(pdf, page)[0]
        assert header.startswith(name) and birth in header and header.endswith(number.format(page + 1, pages)), header
    # The language-assistance notice, whole, shares the last page with the signature: each of its
    # 16 lines gives the clinic's number.
    assert page_texts(pdf)[-1].count("555-0142") == 16
    assert field_pages(pdf)["patient_signature"] == pages


@pytest.mark.parametrize("lang", ["", "es"])
def test_no_intake_page_but_the_last_is_less_than_half_full(intake_pdf, lang):
    """Measured as the audit's page-fill rule measures it (content down the text frame)."""
    from kapdocs.audit.pdf import read_printed
    from kapdocs.audit.printed import filled_share

    shares = [round(filled_share(page), 2) for page in read_printed(intake_pdf[lang]).pages[:-1]]
    assert min(shares) >= HALF_FULL, shares


@pytest.mark.parametrize("lang", ["", "es"])
def test_every_intake_section_starts_on_the_page_of_its_first_question(repo, intake_pdf, lang):
    from kapdocs.pipeline import prepared

    document, _ = prepared(repo, Job(repo.root / INTAKE, "default", "pdf", lang))
    pages, texts = field_pages(intake_pdf[lang]), page_texts(intake_pdf[lang])
    heading = None
    for block in m.walk(document.blocks):
        if isinstance(block, m.Heading):
            heading = m.plain_text(block.content)
        elif isinstance(block, m.Container) and block.kind == "form":
            first = m.fields_of(block)[0]
            name = first.choices[0].name if first.choices else first.name  # a choice is a field of its own
            assert heading in texts[pages[name] - 1], (heading, name)


#: The pages the language-assistance notice adds at 18 pt: its 16 lines take two and a half Letter
#: pages (against a third of a page at 9 pt in regular print), whatever the form does. In Spanish
#: the sources and the document control before it no longer share the signature's page since the
#: patient header takes two lines (room to write a name and a date by hand): one page more.
NOTICE_PAGES_AT_18_PT = 3
NOTICE_PAGES_AFTER_SIGNATURE = {"es": 4}


@pytest.mark.parametrize("brand, lang", [("default", ""), ("default", "es"), ("cedar", ""), ("cedar", "es")])
def test_large_print_intake_is_at_most_twice_as_long_and_no_page_but_the_last_half_empty(repo, brand, lang):
    """At 18 pt each field stood on its own line, the English intake took 12 pages against 4 in
    regular print, and some pages were half empty. Laid out as a paper form (short answers and
    short choices two to a row, a yes/no question's buttons at its side), the form takes at most
    twice the regular pages: the whole handout for Cedar, whose handouts carry no notice; the
    form, to its signature, for the default brand, whose 16-line notice then adds its own pages."""
    from kapdocs.audit.pdf import read_printed
    from kapdocs.audit.printed import filled_share

    regular = render(repo, Job(repo.root / INTAKE, brand, "pdf", lang))[1]
    pdf, pages, *_ = render(repo, Job(repo.root / INTAKE, brand, "pdf", lang, large_print=True))
    shares = [round(filled_share(page), 2) for page in read_printed(pdf).pages[:-1]]
    assert min(shares) >= HALF_FULL, shares
    signed = field_pages(pdf)["patient_signature"]
    assert signed <= 2 * regular, (signed, regular)
    if brand == "cedar":
        assert pages <= 2 * regular, (pages, regular)
    else:
        assert pages <= 2 * regular + NOTICE_PAGES_AFTER_SIGNATURE.get(lang, NOTICE_PAGES_AT_18_PT), (pages, regular)


def test_short_answers_share_rows_as_evenly_as_they_can():
    from kapdocs.writers.handout.forms import _rows

    def field(kind: str, name: str) -> m.Field:
        return m.Field(kind, name, (), (), False, 2, (), 1)

    def shape(kinds: str) -> list[str]:
        fields = tuple(field({"t": "text", "d": "date", "p": "phone", "l": "long", "y": "yesno"}[k], f"f{i}")
                       for i, k in enumerate(kinds))
        return ["".join(f.kind[0] for f in row) for row in _rows(fields)]

    assert shape("tdpt") == ["td", "pt"]  # four: two and two, not three and one
    assert shape("ttp") == ["ttp"]
    assert shape("tttpp") == ["ttt", "pp"]
    assert shape("tltyt") == ["t", "l", "t", "y", "t"]  # a longer answer or a question ends a run
    assert shape("") == []


@pytest.mark.parametrize("lang", ["", "es"])
def test_each_fields_tooltip_is_its_whole_label_as_written(repo, intake_pdf, lang):
    """The tooltip (/TU) is what a screen reader announces for a field. WeasyPrint took it from the
    label as laid out, joining the words at a line break (“related toyou”) and stopping a wrapped
    choice at its first line."""
    from kapdocs.pipeline import prepared

    document, _ = prepared(repo, Job(repo.root / INTAKE, "default", "pdf", lang))
    written = {}
    for field in m.form_fields(document):
        for choice in field.choices:
            written[choice.name] = m.plain_text(choice.label)
        if not field.choices:
            written[field.name] = m.plain_text(field.label)
    fields = PdfReader(io.BytesIO(intake_pdf[lang])).trailer["/Root"]["/AcroForm"]["/Fields"]
    tooltips = {f["/T"]: f["/TU"] for f in (x.get_object() for x in fields) if "/T" in f and "/TU" in f}
    checked = [name for name in written if name in tooltips and "yes" not in name]
    assert len(checked) >= 25
    for name in checked:
        assert tooltips[name].startswith(" ".join(written[name].split())), (name, tooltips[name])


def _yes_no_pairs(pdf: bytes):
    """Per page, per yes/no question: its Yes and No widgets' /Rect, the circles drawn on the page
    nearest them, the row's box (the path of the question's ruled row), and the question's text
    level with Yes.
    Boxes are (left, bottom, right, top) in points."""
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
            pairs: dict[str, list[tuple[float, ...]]] = {}
            for widget in (a.get_object() for a in page.get("/Annots", [])):
                field = widget["/Parent"].get_object() if "/Parent" in widget else widget
                if field.get("/FT") == "/Btn" and int(field.get("/Ff", 0)) & RADIO:
                    r = [float(v) for v in widget["/Rect"]]
                    pairs.setdefault(str(field["/T"]), []).append((min(r[::2]), min(r[1::2]), max(r[::2]), max(r[1::2])))
            if not pairs:
                continue
            drawn = document[index]
            paths = [o.get_bounds() for o in drawn.get_objects(max_depth=5) if o.type == raw.FPDF_PAGEOBJ_PATH]
            text = drawn.get_textpage()
            for name, (yes, no) in pairs.items():
                circles = [min(paths, key=lambda p: max(abs(p[i] - r[i]) for i in range(4))) for r in (yes, no)]
                rows = [p for p in paths if p[2] - p[0] > 300 and p[0] <= min(yes[0], no[0]) and p[2] >= max(yes[2], no[2])
                        and p[1] - 1 <= (yes[1] + yes[3]) / 2 <= p[3] + 1]
                row = min(rows, key=lambda p: p[3] - p[1])
                beside = (0, max(yes[0], no[0]) + 60) if yes[0] > drawn.get_width() / 2 else (max(yes[2], no[2]) + 60, drawn.get_width())
                yield index + 1, name, yes, no, circles, row, text.get_text_bounded(beside[0], yes[1] + 4, beside[1], yes[3] - 4)
    finally:
        document.close()


@pytest.mark.parametrize("lang", ["", "ar"])
def test_large_print_yes_and_no_are_each_questions_own(repo, lang):
    """In large print a question's Yes and No stood in a column beside it, each button touching the
    other, and No crossed the rule into the next question's row, touching its Yes (in Arabic they
    overlapped the words and drifted from their question). Now they stand side by side beside the
    question's first line: a clear gap between them, both inside the question's row, the circle
    drawn where the field is (what a reader fills in)."""
    pdf = render(repo, Job(repo.root / INTAKE, "default", "pdf", lang, large_print=True))[0]
    pairs = list(_yes_no_pairs(pdf))
    assert len({name for _, name, *_ in pairs}) == 11
    for page, name, yes, no, circles, row, first_line in pairs:
        where = (page, name)
        assert abs(yes[1] - no[1]) < 0.5, where  # side by side
        assert max(no[0] - yes[2], yes[0] - no[2]) >= 30, where  # the first one's word and a gap between
        assert (yes[0] > no[0]) is (lang == "ar"), where  # Yes first in the reading direction
        assert row[1] + 1 <= min(yes[1], no[1]) and max(yes[3], no[3]) <= row[3] - 1, (where, row, yes)
        for circle, rect in zip(circles, (yes, no)):
            assert max(abs(circle[i] - rect[i]) for i in range(4)) <= 1.5, (where, circle, rect)
        # Level with the question's first line, which is not broken after its first word.
        assert len(first_line.split()) >= 3, (where, first_line)


@pytest.mark.parametrize("lang", ["vi", "zh-Hans"])
def test_the_opening_lines_keep_to_their_column_beside_the_main_message(repo, lang):
    """Flowed round the floated main message, the last line of the Vietnamese and Chinese opening
    paragraph ran on under the box across the page. Every line of it now starts right of the box."""
    from kapdocs.pipeline import prepared

    document, _ = prepared(repo, Job(repo.root / INTAKE, "cedar", "pdf", lang))
    opening = m.plain_text(next(b for b in document.blocks if isinstance(b, m.Paragraph)).content)
    pdf = render(repo, Job(repo.root / INTAKE, "cedar", "pdf", lang))[0]
    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    chars = [(char, box) for char, box in chars if char.strip()]
    printed, written = "".join(char for char, _ in chars), "".join(opening.split())
    start = printed.find(written)
    assert start >= 0, printed[:200]
    lefts = [box[0] for _, box in chars[start:start + len(written)]]
    assert min(lefts) > page.get_width() * 0.45, (min(lefts), page.get_width())


@pytest.mark.parametrize("lang", ["vi", "zh-Hans"])
def test_required_is_never_broken_inside_its_brackets(repo, lang):
    """“(bắt / buộc)”, “（必 / 填）”: the tag broke across two lines."""
    from kapdocs.i18n.labels import labels

    tag = labels(lang)["required"].strip()
    for large_print in (False, True):
        pdf = render(repo, Job(repo.root / INTAKE, "cedar", "pdf", lang, large_print=large_print))[0]
        for page in range(len(page_texts(pdf))):
            for line in line_texts(pdf, page):
                squeezed = line.replace(" ", "")
                head, tail = tag[: len(tag) // 2].replace(" ", ""), tag[len(tag) // 2:].replace(" ", "")
                if squeezed.endswith(head) or squeezed.startswith(tail):
                    assert tag.replace(" ", "") in squeezed, (large_print, page + 1, line)


def test_the_header_bands_phone_number_is_whole_and_no_separator_at_a_lines_edge(repo):
    """“(604) / 555-0187” broke in the Vietnamese header band, and “·” was left at a line's end in
    the large-print and Chinese ones: the web address now has a line of its own."""
    for source, lang, large_print in (("handouts/how-ketamine-works.md", "vi", False), (INTAKE, "vi", False),
                                      (INTAKE, "zh-Hans", False), (INTAKE, "", True), (INTAKE, "zh-Hans", True)):
        pdf = render(repo, Job(repo.root / source, "cedar", "pdf", lang, large_print=large_print))[0]
        lines = line_texts(pdf, 0)
        assert any("(604) 555-0187" in line for line in lines), (source, lang, large_print, lines[:6])
        assert not any(line.endswith("·") or line.startswith("·") for line in lines), (source, lang, large_print, lines[:6])


@pytest.mark.parametrize("lang", ["", "ar"])
def test_the_large_print_patient_header_has_room_to_write_in(repo, lang):
    """On one line with the page number, the large-print header's write-on lines were 23 mm for the
    name and 15 mm for the date of birth (less in Arabic), and the first field sat against them.
    Now the name has its line beside the page number and the date a line of its own: each at least
    60 and 35 mm, a gap of 3 mm or more below them, and the header still inside the printable area."""
    pdf = render(repo, Job(repo.root / INTAKE, "default", "pdf", lang, large_print=True))[0]
    mm = 72 / 25.4
    reader, document = PdfReader(io.BytesIO(pdf)), pdfium.PdfDocument(pdf)
    for index in (1, len(reader.pages) - 1):
        page = reader.pages[index]
        height = float(page.mediabox[3])
        header = {}
        for widget in (a.get_object() for a in page.get("/Annots", [])):
            name = str(widget.get("/T") or widget.get("/Parent", {}).get("/T", ""))
            if name in ("full_name", "date_of_birth"):
                r = [float(v) for v in widget["/Rect"]]
                header[name] = (min(r[::2]), min(r[1::2]), max(r[::2]), max(r[1::2]))
        assert set(header) == {"full_name", "date_of_birth"}, (index + 1, header)
        name, birth = header["full_name"], header["date_of_birth"]
        assert name[2] - name[0] >= 60 * mm and birth[2] - birth[0] >= 35 * mm, (index + 1, name, birth)
        assert birth[3] <= name[1] + 0.5  # the date on the line under the name
        text = document[index].get_textpage()
        tops = [text.get_charbox(i) for i in range(text.count_chars()) if text.get_text_range(i, 1).strip()]
        below = max(box[3] for box in tops if box[3] < birth[1] - 0.5 and box[1] > height / 2)
        assert birth[1] - below >= 3 * mm, (index + 1, birth[1] - below)
        assert height - max(box[3] for box in tops) >= 6 * mm  # printable: 6 mm from the paper's edge
    document.close()
