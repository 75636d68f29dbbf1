"""The deck fitter's line widths: shaped by HarfBuzz, and held to what LibreOffice draws."""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest
from pptx import Presentation
from pypdf import PdfReader

from kapdocs.pipeline import Job, render
from kapdocs.support.fonts import font_file, font_metrics
from kapdocs.writers.deck.fit import TextMeasure, deck_measure

from conftest import FRONT, write

ARABIC = ("تهدئة الحلقات التي تبقيك عالقًا", "تنشط شبكة الوضع الافتراضي عندما يشرد الذهن",
          "الكيتامين يساعد الدماغ على بناء روابط جديدة")
CHINESE = ("氯胺酮可以在几小时内缓解抑郁", "大脑在治疗后建立新的连接", "每次治疗后二十四小时内不要开车")


def test_arabic_is_measured_joined_not_letter_by_letter():
    """Letter by letter (each character's own advance) Arabic came out 20–67 % wider than drawn."""
    measure = deck_measure("Calibri", "ar")
    arabic = font_metrics(font_file("Noto Sans Arabic"))
    for line in ARABIC:
        shaped = measure.width(line, 28)
        letters = sum(arabic.char(c) or 0.0 for c in line) * 28
        assert letters > 1.2 * shaped, line


def slide_lines(pdf: bytes) -> list[tuple[str, float]]:
    """Each text line on the second page of LibreOffice's PDF: its letters and its drawn width (pt)."""
    page = pdfium.PdfDocument(pdf)[1]
    text = page.get_textpage()
    lines: list[list[tuple[str, float, float]]] = [[]]
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char in "\r\n":
            lines.append([]) if lines[-1] else None
        elif char.strip() and char != "•":
            left, _, right, _ = text.get_charbox(index)
            lines[-1].append((char, left, right))
    return [("".join(c for c, *_ in line), max(r for *_, r in line) - min(l for _, l, _ in line))
            for line in lines if line]


def drawn_family(pdf: bytes, candidates: tuple[str, ...]) -> str:
    """Which of `candidates` LibreOffice drew the script with (it names its fonts in the PDF)."""
    fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for f in page["/Resources"].get("/Font", {}).values()}
    return next(family for family in candidates if any(family.replace(" ", "") in name for name in fonts))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (scripts/setup.sh --test)")
def test_the_fitter_measures_what_libreoffice_draws(project, tmp_path):
    """One slide of short Arabic and one of Chinese lines, each drawn by LibreOffice: measured
    with the font LibreOffice drew them in, the fitter's width of every line is within 3 % of the
    drawn one (its extent, glyph edge to glyph edge)."""
    decks = {}
    for lang, lines in (("ar", ARABIC), ("zh-Hans", CHINESE)):
        source = FRONT.replace("lang: en", f"lang: {lang}") + "\n## 1\n\n" + "".join(f"- {line}\n" for line in lines)
        data, *_ = render(project, Job(write(project, f"decks/{lang}.md", source), "default", "pptx"))
        (tmp_path / f"{lang}.pptx").write_bytes(data)
        decks[lang] = data
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",  # a profile of its own
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{lang}.pptx") for lang in decks)], check=True, capture_output=True, timeout=120)
    for lang, families in (("ar", ("DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic")),
                           ("zh-Hans", ("Noto Sans CJK",))):
        pdf = (tmp_path / f"{lang}.pdf").read_bytes()
        family = drawn_family(pdf, families)
        measure = TextMeasure("Calibri", (family if family != "Noto Sans CJK" else "Noto Sans CJK SC",))
        body = Presentation(io.BytesIO(decks[lang])).slides[1].placeholders[1].text_frame.paragraphs
        # The lines after the title, in order (LibreOffice's text of a lam-alef ligature is not the source's).
        drawn = slide_lines(pdf)[1:1 + len(body)]
        assert len(drawn) == len(body) == 3
        for paragraph, (letters, width) in zip(body, drawn):
            assert abs(len(letters) - len(paragraph.text.replace(" ", ""))) <= 2, (paragraph.text, letters)
            size = paragraph.runs[0].font.size.pt
            assert measure.width(paragraph.text, size) == pytest.approx(width, rel=0.03), (lang, paragraph.text)


def test_a_line_is_as_tall_as_the_font_that_draws_it():
    """Vietnamese is drawn in the deck's Latin font: measured at its fallback Noto Sans's 1.36 em,
    a 20 pt line came out 27.2 pt, not Calibri's 24.4, and split slides that fit. Chinese is
    drawn in the CJK font, and its lines are as tall as that font sets them; a line of Latin
    letters and digits in a Chinese deck is the deck font's."""
    english, vietnamese, chinese = (deck_measure("Calibri", lang) for lang in ("en", "vi", "zh-Hans"))
    calibri = english.line_height(20, "Your mental health history")
    assert calibri == pytest.approx(24.41, abs=0.01)
    assert vietnamese.line_height(20, "Tiền sử sức khỏe tâm thần, ỹ Ữ đ") == calibri
    assert chinese.line_height(20, "(503) 555-0142") == calibri
    cjk = font_metrics(font_file("Noto Sans CJK SC")).line_gap
    assert chinese.line_height(20, "您的心理健康史 (PHQ-9)") == pytest.approx(cjk * 20)
    assert cjk * 20 > calibri


def test_a_vietnamese_section_that_fits_is_not_split(repo):
    """Read back: the Vietnamese intake's mental-health questions are one slide, as in English,
    not "(1/2)" and a "(2/2)" holding one bullet."""
    from kapdocs.pipeline import Job, render

    data, *_ = render(repo, Job(repo.root / "handouts/intake.md", "default", "pptx", "vi"))
    titles = [s.shapes.title.text for s in Presentation(io.BytesIO(data)).slides if s.shapes.title]
    assert "Tiền sử sức khỏe tâm thần" in titles and not [t for t in titles if t.endswith("/2)")]
