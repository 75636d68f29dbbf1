"""Template strings shared by the handout and the deck ("Main message", "Page 1 of 2", …).

LABELS holds the English text, which is also the msgid in kapdocs' own catalogs
(kapdocs/i18n/locales/<lang>.po); `labels(lang)` gives them in another language.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs import model as m

LABELS = {
    "main_message": "Main message",
    "version": "Version",
    "reviewed": "Reviewed",
    "reviewed_lower": "reviewed",
    "by": "by",
    "next_review": "Next review",
    "page": "Page",
    "of": "of",
    "references": "Notes and sources",
    "sources": "Sources",
    "contact": "Questions? Call us",
    "questions": "Questions?",
    "callout_info": "Good to know",
    "callout_tip": "Tip",
    "callout_warning": "Important",
    "callout_danger": "Warning",
    "glossary": "Words to know",
    "agenda": "Agenda",
    "qr_code": "QR code",
    # A chart's alt text opens with its kind (model.chart_description).
    "chart_bar": "Bar chart",
    "chart_column": "Column chart",
    "chart_pie": "Pie chart",
    "draft": "DRAFT — translation incomplete",
    "draft_unreviewed": "DRAFT — not reviewed",
    "not_reviewed": "Not reviewed yet",
    "continued": "(cont.)",
    "required": "(required)",
    "yes": "Yes",
    "no": "No",
    "date": "Date",
    "date_hint": "Write it as MM/DD/YYYY.",
    "select_all": "Check all that apply.",
    "language_assistance_title": "Free language assistance",
    # Said in each of the clinic's languages (notice.py); {phone} is the number to call.
    "language_assistance": "If you need help in your language, free interpreters and translated materials "
                           "are available. Call {phone}.",
}


def labels(lang: str, project_root: Path | None = None) -> dict[str, str]:
    """The template strings in `lang` (English for English sources), the project's own catalog first."""
    if lang.split("-")[0] == "en":
        return LABELS
    from kapdocs.i18n.strings import template_strings

    return template_strings(lang, LABELS, project_root)


def callout_title(block: m.Container, table: dict[str, str] = LABELS) -> str:
    """A callout's own title, or the label of its kind."""
    return block.args[1] if len(block.args) > 1 else table[f"callout_{block.args[0]}"]


def draft_stamp(meta: m.Meta, table: dict[str, str] = LABELS) -> str:
    """What every page and slide says across it: an unreviewed source, an incomplete translation,
    or both ("" for a reviewed, complete one)."""
    return " · ".join(table[key] for key, on in (("draft_unreviewed", meta.unreviewed), ("draft", meta.draft)) if on)
