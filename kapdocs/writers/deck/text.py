"""Paragraphs and runs through python-pptx: explicit sizes, bullet marks and language marks.

Every size is written explicitly (the fitter chose it) and every run is tagged with the deck's
language; the XML python-pptx has no property for is written by oxml.py.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Pt

from kapdocs.support.fonts import DECK_SCRIPT_FONTS
from kapdocs.i18n.language import has_right_to_left, text_direction
from kapdocs.writers.deck import oxml
from kapdocs.writers.deck.fit import nested_size
from kapdocs.writers.deck.slides import Bullet

#: PowerPoint's language tags, and the font slot a language's script is drawn from (with the font
#: fonts.DECK_SCRIPT_FONTS names: one a clinic's PowerPoint has).
OFFICE_LANG = {"en": "en-US", "es": "es-US", "ar": "ar-SA", "zh-Hans": "zh-CN", "zh": "zh-CN", "vi": "vi-VN",
               "ko": "ko-KR", "tl": "fil-PH", "ru": "ru-RU"}
SCRIPT_SLOT = {"ar": "a:cs", "zh-Hans": "a:ea", "zh": "a:ea", "ko": "a:ea"}


def office_lang(lang: str) -> str:
    """PowerPoint's tag for a language (`en` → `en-US`)."""
    return OFFICE_LANG.get(lang, OFFICE_LANG.get(lang.split("-")[0], lang))


def right_to_left(lang: str) -> bool:
    """Whether `lang` is read from the right."""
    return text_direction(lang) == "rtl"


def set_lang(frame, lang: str) -> None:
    """Mark every run with the document language (spell-check, screen readers), give its script
    the right font slot, and make right-to-left languages right-to-left paragraphs."""
    tag = office_lang(lang)
    slot = SCRIPT_SLOT.get(lang)
    rtl = right_to_left(lang)
    oxml.mark_runs(frame._txBody, tag, slot, DECK_SCRIPT_FONTS.get(lang, ""))
    for paragraph in frame.paragraphs:
        # Right-to-left where the text is (a phone number or web address stays left-to-right),
        # and every paragraph of the deck aligned to the right, where its reader starts.
        oxml.mark_paragraph(paragraph._p, tag, rtl and has_right_to_left(paragraph.text), rtl)


def add_run(paragraph, text: str, size: float, bold: bool = False, colour: str | None = None) -> None:
    """A run at an explicit size; paragraph spacing is explicit too, as the fitter measured it."""
    if paragraph.space_before is None:
        paragraph.space_before = Pt(0)
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold or None
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def add_bullet(paragraph, bullet: Bullet, size: float) -> None:
    """A bullet's runs in `paragraph`, at its level's size (fit.nested_size), with its mark and spacing."""
    paragraph.level = bullet.level
    level_size = nested_size(size, bullet.level)
    paragraph.space_before = Pt(round(0.3 * level_size))
    oxml.mark_bullet(paragraph._p, bullet.plain, bullet.numbered)
    for part in bullet.runs:
        run = paragraph.add_run()
        run.text = part.text
        run.font.size = Pt(level_size)
        run.font.bold = part.bold or None
        run.font.italic = part.italic or None
