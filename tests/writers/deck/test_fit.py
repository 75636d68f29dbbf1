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
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
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
