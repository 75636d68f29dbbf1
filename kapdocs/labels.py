"""Template strings shared by the handout and the deck ("Main message", "Page 1 of 2", …).

The languages issue moves these into kapdocs' own PO catalogs; until then they are English.
"""

from __future__ import annotations

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
}


def callout_title(block: m.Container) -> str:
    """A callout's own title, or the label of its kind."""
    return block.args[1] if len(block.args) > 1 else LABELS[f"callout_{block.args[0]}"]
