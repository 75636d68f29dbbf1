"""Languages: catalogs (extract, update, status), translated builds, drafts, scripts and direction."""

from __future__ import annotations

import io
import re
import shutil

import pytest
import polib
from pptx import Presentation
from typer.testing import CliRunner

from kapdocs.pipeline import Job, render
from kapdocs.cli import app
from kapdocs.errors import KapdocsError
from kapdocs.i18n.segments import markup_difference, segments_of, to_markdown
from kapdocs.brand.kits import builtin_templates
from kapdocs.readers import read_source
from kapdocs.readers.markdown import parse_inline

from pdfs import page_texts
from brands import DEFAULT, make_brand

runner = CliRunner()
SAMPLE = "handouts/sample.md"
PO = "handouts/locales/{lang}/sample.po"


def cli(project, *args):
    """The CLI, with source paths given relative to the project."""
    args = [str(project.root / a) if a.endswith(".md") else a for a in args]
    return runner.invoke(app, [*args, "--project", str(project.root)])


def fill(project, lang, translate, only=None):
    """Translate every (or the `only`) entry of a catalog with `translate(msgid)`."""
    path = project.root / PO.format(lang=lang)
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid and (only is None or entry.msgid == only):
            entry.msgstr = translate(entry.msgid)
            entry.fuzzy = False
            entry.previous_msgid = None
    catalog.save()
    return catalog


@pytest.fixture
def translated(project):
    """The basic project with complete Spanish and Arabic catalogs (words marked, markup kept)."""
    assert cli(project, "i18n", "update", "--locale", "es", "--locale", "ar", SAMPLE).exit_code == 0
    fill(project, "es", lambda text: "ES " + text)
    fill(project, "ar", lambda text: "عربي " + text)
    return project


def test_extract_finds_every_segment_of_every_branch_with_markup_inside(project):
    result = cli(project, "i18n", "extract", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "wrote handouts/locales/sample.pot" in result.output
    ids = [entry.msgid for entry in polib.pofile(str(project.root / "handouts/locales/sample.pot"))]
    assert "A paragraph with *emphasis*, **strong text**, `code`, a [link](https://example.org) and a note.[^1]" in ids
    assert "Only on paper." in ids and "Only on the slide" in ids  # handout and deck branches
    assert "Only the presenter sees this." in ids  # speaker notes
    assert "Four stages in a row" in ids and "A caption for the figure." in ids  # alt text and caption
    assert "Dissociation" in ids and "41%" in ids  # table cells
    assert "Do not drive" in ids  # callout title
    assert "No driving for **24 hours**. Call {{ clinic.phone }} with questions." in ids  # variables kept


def test_segments_round_trip_through_markdown(project):
    document = read_source(project.root / SAMPLE)
    for segment in segments_of(document):
        if "|" in segment.text or segment.line == 1:
            continue
        assert to_markdown(parse_inline(segment.text, project.root / "x.po", 1)) == segment.text


def test_a_changed_paragraph_turns_exactly_that_entry_fuzzy_and_the_build_refuses(translated):
    project = translated
    source = project.root / SAMPLE
    source.write_text(source.read_text().replace("A quoted sentence.", "A quoted sentence, changed."))
    result = cli(project, "i18n", "update", "--locale", "es", "--locale", "ar", SAMPLE)
    assert result.exit_code == 0, result.output
    for lang in ("es", "ar"):
        catalog = polib.pofile(str(project.root / PO.format(lang=lang)))
        fuzzy = [entry.msgid for entry in catalog if entry.fuzzy]
        assert fuzzy == ["A quoted sentence, changed."]
        assert "#| msgid \"A quoted sentence.\"" in (project.root / PO.format(lang=lang)).read_text()
    status = cli(project, "i18n", "status", "--locale", "es", SAMPLE)
    assert status.exit_code == 1 and re.search(r"sample.md\s+es\s+\d+\s+1\s+0", status.output)
    with pytest.raises(KapdocsError, match=r"handouts/locales/es/sample.po: the es translation is incomplete: 1 of "
                                           r"\d+ segments .*“A quoted sentence, changed.”.*--draft"):
        render(project, Job(source, "default", "pdf", "es"))
    fill(project, "es", lambda text: "ES " + text, only="A quoted sentence, changed.")
    render(project, Job(source, "default", "pdf", "es"))


def test_a_draft_is_built_and_stamped_on_every_page_and_slide(translated):
    project = translated
    source = project.root / SAMPLE
    source.write_text(source.read_text().replace("A quoted sentence.", "A new sentence."))
    pdf, pages, *_ = render(project, Job(source, "default", "pdf", "es", draft=True))
    texts = page_texts(pdf)
    # Word by word: where the stamp crosses a right-to-left line of the notice, the text read
    # back puts its words in that line's order.
    assert all(word in page for page in texts for word in "BORRADOR — traducción incompleta".split())
    assert "A new sentence." in " ".join(texts)  # the untranslated entry stays in the source language
    deck, *_ = render(project, Job(source, "default", "pptx", "es", draft=True))
    for slide in Presentation(io.BytesIO(deck)).slides:
        assert any(s.name == "Draft stamp" and s.text_frame.text == "BORRADOR — traducción incompleta"
                   for s in slide.shapes)


def test_a_translated_build_uses_the_catalog_and_the_templates_strings(translated):
    project = translated
    pdf, *_ = render(project, Job(project.root / SAMPLE, "default", "pdf", "es"))
    text = " ".join(page_texts(pdf))
    assert "ES Sample handout" in text and "ES First section" in text
    assert re.search(r"Página 1 de \d", text)  # kapdocs' own Spanish strings
    assert "Asistencia lingüística gratuita" in text and "Si necesita ayuda en su idioma" in text
    assert "Revisado 1 de octubre de 2026" in text  # the date in Spanish, by Babel
    assert "¿En crisis? Llame o envíe un mensaje de texto al 988" in text  # the brand's Spanish text
    assert "(503) 555-0142" in text  # variables filled after translation


def test_a_translation_with_different_markup_is_an_error_at_its_po_line(translated):
    project = translated
    target = "A paragraph with *emphasis*, **strong text**, `code`, a [link](https://example.org) and a note.[^1]"
    fill(project, "es", lambda text: "Un párrafo con énfasis, **texto fuerte**, `code`, un [enlace](https://example.org).[^1]",
         only=target)
    po = (project.root / PO.format(lang="es")).read_text().splitlines()
    line = next(i for i, text in enumerate(po, 1) if text.startswith("msgid") and "A paragraph with" in
                "".join(po[i - 1:i + 3]))
    with pytest.raises(KapdocsError, match=rf"handouts/locales/es/sample.po:{line}: the translation's markup or "
                                           r"placeholders differ from the source: missing `\*`"):
        render(project, Job(project.root / SAMPLE, "default", "pdf", "es"))


def test_a_translation_cannot_point_a_picture_elsewhere_or_drop_a_variable(translated):
    project = translated
    assert "missing `{{ clinic.phone }}`" in markup_difference("Call {{ clinic.phone }}.", "Llame a la clínica.")
    fill(project, "es", lambda text: "Lea ![secreto](../../../etc/passwd)", only="A quoted sentence.")
    with pytest.raises(KapdocsError, match=r"sample.po:\d+: .*extra `\]\(\.\./\.\./\.\./etc/passwd\)`"):
        render(project, Job(project.root / SAMPLE, "default", "pdf", "es"))


def test_a_character_no_font_covers_is_an_error_at_its_po_line(translated):
    project = translated
    fill(project, "es", lambda text: "ES 𓀀 sentence.", only="A quoted sentence.")
    with pytest.raises(KapdocsError, match=r"handouts/locales/es/sample.po:\d+: character “𓀀” \(U\+13000\) is not in "
                                           r"any font this handout uses"):
        render(project, Job(project.root / SAMPLE, "default", "pdf", "es"))


def test_a_large_print_handout_is_checked_against_its_own_font(translated):
    """Noto Sans has the non-breaking hyphen (U+2011); Liberation Sans, this clinic's large-print
    family, does not: the regular handout builds, the large-print one is refused."""
    project = translated
    folder = make_brand(project, DEFAULT.replace("  deck_body: Calibri\n",
                                                 "  deck_body: Calibri\n  large_print: Liberation Sans\n"))
    shutil.copytree(builtin_templates() / "default/locales", folder / "locales")
    fill(project, "es", lambda text: "ES no\u2011break sentence.", only="A quoted sentence.")
    assert render(project, Job(project.root / SAMPLE, "clinic", "pdf", "es"))[1] >= 1
    with pytest.raises(KapdocsError, match=r"sample.po:\d+: character “\u2011” \(U\+2011\) is not in any font this "
                                           r"handout uses \(Liberation Sans\)"):
        render(project, Job(project.root / SAMPLE, "clinic", "pdf", "es", large_print=True))


def test_a_phone_number_from_a_variable_keeps_its_order_in_arabic(translated):
    """“{{ clinic.phone }}” inside Arabic text printed as “0142-555 (503)” until it was isolated."""
    from pdfs import line_as_printed

    project = translated
    fill(project, "ar", lambda text: "لا قيادة لمدة **24 ساعة**. للسؤال اتصل على {{ clinic.phone }}.",
         only="No driving for **24 hours**. Call {{ clinic.phone }} with questions.")
    pdf, *_ = render(project, Job(project.root / SAMPLE, "default", "pdf", "ar"))
    page = next(i for i, text in enumerate(page_texts(pdf)) if "للسؤال" in text)
    digits = "".join(c for c in line_as_printed(pdf, page=page, containing="للسؤال") if c.isdigit())
    assert "5035550142" in digits
    deck = Presentation(io.BytesIO(render(project, Job(project.root / SAMPLE, "default", "pptx", "ar"))[0]))
    said = [p.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs if "للسؤال" in p.text]
    assert said and all("\u2068(503) 555-0142\u2069" in text for text in said)


def test_right_to_left_in_both_outputs(translated):
    project = translated
    from kapdocs.transforms import Context, apply_pipeline
    from kapdocs.brand.schema import load_brand, localized
    from kapdocs.writers.handout.html import render_handout_html

    brand = localized(load_brand("default", project.root), "ar")
    document = apply_pipeline(read_source(project.root / SAMPLE), Context(project, "handout", brand, "ar"))
    html = render_handout_html(document, brand)
    assert '<html lang="ar" dir="rtl">' in html
    deck, *_ = render(project, Job(project.root / SAMPLE, "default", "pptx", "ar"))
    slide = Presentation(io.BytesIO(deck)).slides[2]  # First section
    paragraphs = slide.placeholders[1].text_frame.paragraphs
    p_pr = paragraphs[0]._p.pPr
    assert p_pr.get("rtl") == "1" and p_pr.get("algn") == "r"
    runs = [r for p in paragraphs for r in p.runs]
    assert {r._r.rPr.get("lang") for r in runs} == {"ar-SA"}
    assert all(r._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}cs") is not None for r in runs)


def test_chinese_runs_carry_their_language_and_east_asian_font(project):
    assert cli(project, "i18n", "update", "--locale", "zh-Hans", SAMPLE).exit_code == 0
    fill(project, "zh-Hans", lambda text: "中文 " + text)
    deck, *_ = render(project, Job(project.root / SAMPLE, "default", "pptx", "zh-Hans"))
    slide = Presentation(io.BytesIO(deck)).slides[2]
    run = slide.placeholders[1].text_frame.paragraphs[0].runs[0]._r
    assert run.rPr.get("lang") == "zh-CN"
    ea = run.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert ea is not None and ea.get("typeface") == "Microsoft YaHei"
    pdf, *_ = render(project, Job(project.root / SAMPLE, "default", "pdf", "zh-Hans"))
    assert "中文 First section" in " ".join(page_texts(pdf))


def test_a_language_without_a_catalog_is_a_clear_error(project):
    with pytest.raises(KapdocsError, match=r"handouts/locales/vi/sample.po: no vi translation.*i18n update --locale vi"):
        render(project, Job(project.root / SAMPLE, "default", "pdf", "vi"))


def test_brand_text_without_a_translation_is_an_error(translated):
    project = translated
    from kapdocs.brand.kits import builtin_templates

    folder = project.root / "templates/clinic"
    folder.mkdir(parents=True)
    default = (builtin_templates() / "default/brand.yaml").read_text()
    (folder / "brand.yaml").write_text(default.replace("Emergency: call 911.", "Emergency: call 911 or go to the ER."))
    (folder / "logo.png").write_bytes((builtin_templates() / "default/logo.png").read_bytes())
    with pytest.raises(KapdocsError, match=r"templates/clinic/locales/es.po: no `es` translation of the brand text"):
        render(project, Job(project.root / SAMPLE, "clinic", "pdf", "es"))


def test_build_all_locales_builds_each_source_in_its_released_languages(translated):
    project = translated
    (project.root / "kapdocs.toml").write_text('[project]\nname = "t"\nlocales = ["es", "ar", "vi"]\n')
    result = cli(project, "build", "--format", "pdf", "--locale", "all")
    assert result.exit_code == 0, result.output
    built = sorted(p.relative_to(project.root / "build").as_posix() for p in (project.root / "build").rglob("*.pdf"))
    assert built == ["default/ar/sample.pdf", "default/en/sample.pdf", "default/en/training.pdf", "default/es/sample.pdf"]

