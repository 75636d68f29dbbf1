"""A built deck (PPTX bytes) → findings: text that overflows its shape at the master's own font,
text smaller than the audience can read from the back of a room (fit.READABLE_SIZE, 18 pt),
and slides without speaker notes. The deck is read back by the deck writer's PowerPoint module
(the only importer of python-pptx), whose overflow measure the check uses too."""

from __future__ import annotations

from pathlib import Path

from kapdocs.audit.findings import Finding


def deck_findings(pptx: bytes, name: str, brand: str, lang: str, project_root: Path) -> list[Finding]:
    """Overflowing text and missing notes, slide by slide (the deck is opened once: 50 ms)."""
    from kapdocs.writers.deck.powerpoint import open_deck

    deck = open_deck(pptx)
    return (overflowing(deck, name, brand, lang, project_root) + small_type(deck, name)
            + slides_without_notes(deck, name))


def small_type(pptx, name: str, minimum: float | None = None) -> list[Finding]:
    """Text set below `minimum` (the deck writer's READABLE_SIZE) on any slide but the title slide."""
    from kapdocs.writers.deck.fit import READABLE_SIZE
    from kapdocs.writers.deck.powerpoint import small_text

    minimum = READABLE_SIZE if minimum is None else minimum
    return [Finding(name, f"slide {number}", "type-size", f"“{text.strip()[:40]}” in “{shape}” is too small to read "
                    "from the back of a room", f"{size:g} pt", f"≥ {minimum:g} pt",
                    "shorten the slide or split it with `---`, so that its text can be set larger")
            for number, shape, size, text in small_text(pptx, minimum)]


def slides_without_notes(pptx, name: str) -> list[Finding]:
    """Every slide carries speaker notes: the presenter's script and the patient explanation."""
    from kapdocs.writers.deck.powerpoint import slides_without_notes as numbers

    return [Finding(name, f"slide {number}", "slide-notes", "the slide has no speaker notes",
                    hint="write the explanation as paragraphs under the slide's heading, or in `::: notes`")
            for number in numbers(pptx)]


def overflowing(pptx, name: str, brand: str, lang: str, project_root: Path) -> list[Finding]:
    """Text taller than its shape, measured with the brand's deck font at the written sizes."""
    from kapdocs.brand.schema import load_brand
    from kapdocs.writers.deck.fit import deck_measure
    from kapdocs.writers.deck.powerpoint import overflowing_text

    measure = deck_measure(load_brand(brand, project_root).fonts.deck_body, lang)
    return [Finding(name, f"slide {number}", "slide-overflow", f"the text of “{shape}” runs past its box",
                    f"{needed:g} pt of text", f"{available:g} pt of box", "shorten the slide or split it with `---`")
            for number, shape, needed, available in overflowing_text(pptx, measure)]
