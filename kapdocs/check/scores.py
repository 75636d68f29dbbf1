"""A patient handout → the PEMAT-P and CDC Clear Communication Index items a program can judge,
and their scores.

PEMAT-P (AHRQ, Shoemaker et al. 2014) scores understandability and actionability as the share of
applicable items met; 70 % is its usual bar. The CDC Clear Communication Index scores the share
of its items met; 90 is passing. Items that need a person (active voice, logical order, whether
a picture is clear) are not judged here, so the scores are over the judged items only, and each
report lists which items those were. An item that does not apply (numbers explained, in a text
with no numbers) is left out, as both instruments do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kapdocs import model as m
from kapdocs.check.findings import Finding
from kapdocs.check.readability import sentences_of, words_of
from kapdocs.check.sources import figures_in
from kapdocs.check.texts import RUNNING, Text

#: PEMAT-P: materials scoring 70 % or more are understandable / actionable (Shoemaker et al. 2014).
PEMAT_MIN = 70.0
#: CDC Clear Communication Index: 90 or more passes.
CCI_MIN = 90.0
#: A section a reader takes in at once: at most this many words of running text (PEMAT-P item 11).
SECTION_WORDS_MAX = 200


@dataclass(frozen=True)
class Handout:
    """What the items look at: the document, its texts, and what the other rules found."""

    document: m.Document
    texts: list[Text]
    instructions: list[Text]  # texts that start with an instruction ("Call us", "Do not drive")
    plain_language: bool | None  # the reading-grade rule passed (None: not assessed)
    terms_defined: bool  # the acronyms rule found nothing


Item = tuple[str, Callable[[Handout], "bool | None"]]


def _summary(h: Handout) -> bool:
    return bool(h.document.meta.summary)


def _visual(h: Handout) -> bool:
    return any(isinstance(b, m.Figure) or (isinstance(b, m.Container) and b.kind == "stats")
               for b in m.walk(h.document.blocks))


def _cue(h: Handout) -> bool:
    return any(isinstance(b, (m.BulletList, m.Table)) or (isinstance(b, m.Container) and b.kind == "callout")
               for b in m.walk(h.document.blocks))


def _action(h: Handout) -> bool:
    return bool(h.instructions) or m.has_form(h.document)


def _steps(h: Handout) -> bool:
    """At least one list of two or more instructions, or numbered steps, or a form to fill in."""
    items = [t for t in h.instructions if t.kind == "item"]
    by_section: dict[tuple[str, int], int] = {}
    for item in items:
        by_section[(item.section, item.section_line)] = by_section.get((item.section, item.section_line), 0) + 1
    return any(n >= 2 for n in by_section.values()) or m.has_form(h.document) or any(
        isinstance(b, m.Container) and b.kind == "steps" for b in m.walk(h.document.blocks))


def _you(h: Handout) -> bool:
    return _action(h) and any(w.lower() in ("you", "your", "usted", "su") for t in h.texts for w in words_of(t.text))


def _numbers_explained(h: Handout) -> bool | None:
    """Numbers as counts and times a reader uses ("4 in 10", "24 hours"), not bare percentages."""
    figures = [f for t in h.texts if t.kind != "alt" for f in figures_in(t.text)]
    if not figures:
        return None
    return not any(f.endswith(("%", "percent")) for f in figures)


def _short_sections(h: Handout) -> bool:
    words: dict[tuple[str, int], int] = {}
    for t in h.texts:
        if t.kind in RUNNING:
            words[(t.section, t.section_line)] = words.get((t.section, t.section_line), 0) + len(words_of(t.text))
    return all(n <= SECTION_WORDS_MAX for n in words.values())


def _headings(h: Handout) -> bool:
    return sum(isinstance(b, m.Heading) and b.level == 2 for b in m.walk(h.document.blocks)) >= 2


def _table_headers(h: Handout) -> bool | None:
    tables = [b for b in m.walk(h.document.blocks) if isinstance(b, m.Table)]
    if not tables:
        return None
    return all(len(words_of(m.plain_text(cell))) <= 5 for t in tables for cell in t.header)


def _callout_action(h: Handout) -> bool:
    """A box or a form puts an instruction where the eye goes (PEMAT-P item 26)."""
    boxed = [b for b in m.walk(h.document.blocks) if isinstance(b, m.Container) and b.kind == "callout"]
    lines = {t.line for t in h.instructions}
    return m.has_form(h.document) or any(inner.line in lines for box in boxed for inner in m.walk(box.blocks))


UNDERSTANDABILITY: tuple[Item, ...] = (
    ("1 the purpose is evident (a main message)", _summary),
    ("3 common, everyday language (reading grade)", lambda h: h.plain_language),
    ("4 medical terms and acronyms defined", lambda h: h.terms_defined),
    ("8 numbers are clear (counts and times, not percentages)", _numbers_explained),
    ("11 information in short sections", _short_sections),
    ("12 sections with headers", _headings),
    ("14 a summary", _summary),
    ("15 visual cues draw attention to key points", _cue),
    ("18 visual aids", _visual),
    ("22 tables have short, clear headers", _table_headers),
)
ACTIONABILITY: tuple[Item, ...] = (
    ("20 at least one action the reader can take", _action),
    ("21 the reader is addressed directly", _you),
    ("22 actions broken into explicit steps", _steps),
    ("23 a tangible tool (a checklist of steps or a form)", _steps),
    ("26 a visual aid (a box or a form) for acting", _callout_action),
)
CLEAR_COMMUNICATION: tuple[Item, ...] = (
    ("1 one main message", _summary),
    ("2 the main message at the top", _summary),
    ("3 the main message set off by a visual cue (the main-message box)", _summary),
    ("4 a visual that supports the main message", _visual),
    ("5 a call to action", _action),
    ("8 behavioural recommendations with steps", _steps),
    ("11 numbers the audience uses, explained", _numbers_explained),
    ("15 everyday words (reading grade)", lambda h: h.plain_language),
    ("16 technical terms and acronyms explained", lambda h: h.terms_defined),
)


def score(items: tuple[Item, ...], handout: Handout) -> tuple[float, list[str]]:
    """The share of judged items met, in percent, and the items not met."""
    judged = [(name, judge(handout)) for name, judge in items]
    judged = [(name, met) for name, met in judged if met is not None]
    missed = [name for name, met in judged if not met]
    return (100.0 * (len(judged) - len(missed)) / len(judged) if judged else 100.0), missed


def score_findings(handout: Handout, shown: str, measures: dict[str, str]) -> list[Finding]:
    """Each instrument's score as a measure, and a warning for a score under its bar naming the
    items missed."""
    out = []
    for name, items, bar in (("PEMAT-P understandability", UNDERSTANDABILITY, PEMAT_MIN),
                             ("PEMAT-P actionability", ACTIONABILITY, PEMAT_MIN),
                             ("CDC Clear Communication Index", CLEAR_COMMUNICATION, CCI_MIN)):
        value, missed = score(items, handout)
        measures[name] = f"{value:.0f}%"
        if value < bar:
            out.append(Finding(shown, 1, "warning", "plain-language-score", f"{name} is under its bar; not met: "
                               + "; ".join(missed), f"{value:.0f}%", f"≥ {bar:g}%"))
    return out


def instruction_texts(texts: list[Text], is_instruction: Callable[[str], bool], lang: str) -> list[Text]:
    """The running texts with a sentence that tells the reader what to do."""
    return [t for t in texts if t.kind in RUNNING + ("label",) and any(is_instruction(s) for s in sentences_of(t.text, lang))]
