"""Patient text and front matter → numbers without a source, and sources that are wrong.

A number a patient reads (a percentage, a count such as "1 in 3", a duration such as "24 hours")
is a claim a reviewer must be able to check, so the text that states it cites a source
(`[^key]`, listed under `sources:` in the front matter, or a written note). A figure cited once
is sourced wherever else the document repeats it ("24 hours" in the summary and the warning box).
Phone numbers, such as the crisis line, are not claims.
"""

from __future__ import annotations

import re

from kapdocs import model as m
from kapdocs.check.findings import Finding
from kapdocs.check.texts import Text

UNIT = r"(?:%|percent|per cent|minutes?|hours?|days?|weeks?|months?|years?|times?)"
NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)"
#: A figure: digits (with a range, a unit or "in N") or a number written as a word before a unit.
FIGURE = re.compile(
    rf"\b\d+(?:[.,]\d+)?(?:\s*(?:–|-|to)\s*\d+(?:[.,]\d+)?)?(?:\s*{UNIT}\b|%|\s+in\s+\d+)?"
    rf"|\b{NUMBER_WORD}\s+{UNIT}\b", re.IGNORECASE)
#: Phone numbers and the short numbers to call (911, 988): where to call, not a claim.
PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\b(?:911|988|112|999)\b")


def figures_in(text: str) -> list[str]:
    """The figures in a text, as written and lower-cased ("24 hours", "1 in 3", "41%")."""
    without_phones = PHONE.sub(" ", text)
    return [" ".join(found.group(0).lower().split()) for found in FIGURE.finditer(without_phones)]


def unsourced_figures(texts: list[Text]) -> list[Finding]:
    """Every figure in patient text comes with a source: its own text cites one, or the same
    figure is cited elsewhere in the document."""
    cited = {figure for piece in texts if piece.cited for figure in figures_in(piece.text)}
    out = []
    for piece in texts:
        if piece.cited or piece.kind == "alt":
            continue
        for figure in figures_in(piece.text):
            if figure not in cited:
                out.append(Finding(piece.file, piece.line, "warning", "sources",
                                   f"“{figure}” has no source", "no source",
                                   "cite one with [^key] (listed under `sources:`), or remove the figure"))
                cited.add(figure)  # named once per document
    return out


def source_list_findings(document: m.Document, shown: str) -> list[Finding]:
    """Every listed source is cited somewhere: a source nobody cites is a leftover or a typo."""
    used = {note.source for note in document.footnotes}
    return [Finding(shown, source.line, "warning", "sources", f"source `{source.key}` is never cited",
                    "not cited", f"cite it with [^{source.key}] or remove it")
            for source in document.meta.sources if source.key not in used]
