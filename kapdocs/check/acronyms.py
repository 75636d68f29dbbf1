"""Patient text → acronyms not spelled out at their first use (CDC Clear Communication Index;
PEMAT-P item 4, medical terms defined).

A word is an acronym when the project lists it (`acronyms` in kapdocs.toml: NMDA, KAP, TTY, …)
or it looks like one: two or more capitals that make up most of its letters, in capitals only
(FDA, SSRIs) or mixed with small letters (mRNA, eCRF, PhD). It is not one when it is emphasis: a
common English word written in capitals (DO NOT, CALL, IMPORTANT), any word in capitals of seven
letters or more, or any word in a run of three or more words in capitals (PLEASE READ THIS
FIRST). Roman numerals (Schedule III) and abbreviations every reader knows (OK, TV, U.S.) are
not acronyms either.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kapdocs.check.findings import Finding
from kapdocs.check.texts import Text

#: Letters every patient reads as a word: not acronyms to spell out.
PLAIN_ABBREVIATIONS = {"OK", "TV", "AM", "PM", "US", "USA", "ID", "EE", "UU"}  # EE. UU.: Spanish for U.S.
#: Spanish words patients see in capitals for emphasis (the English list does not have them).
EMPHASIS_ES = {"llame", "importante", "nunca", "pare", "alto", "urgente", "aviso", "atención", "no", "sí"}
#: A word in capitals this long is emphasis ("IMPORTANT", "IMMEDIATELY"), not an acronym.
LONG_WORD = 7
#: This many words in capitals in a row are emphasis ("DO NOT DRIVE TODAY").
EMPHASIS_RUN = 3
WORD = re.compile(r"[^\W_]+")
ROMAN = re.compile(r"^[IVXLC]+$")


@cache
def common_words() -> frozenset[str]:
    """Common English words of 2–6 letters (see common-words.txt for where the list comes from)."""
    lines = (Path(__file__).parent / "common-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def acronyms_in(text: str, known: frozenset[str], lang: str = "en") -> list[tuple[str, int, int]]:
    """The acronyms in `text`: (acronym without a plural s, start, end), in order."""
    words = list(WORD.finditer(text))
    capitals = [w.group(0).isupper() and len(w.group(0)) > 1 for w in words]
    out = []
    for i, found in enumerate(words):
        word = _singular(found.group(0))
        if word in known:
            out.append((word, found.start(), found.end()))
        elif _looks_like_acronym(word, lang) and not _in_emphasis_run(capitals, i):
            out.append((word, found.start(), found.end()))
    return out


def _singular(word: str) -> str:
    """"SSRIs" → "SSRI": the plural of an acronym is the same acronym."""
    return word[:-1] if len(word) > 2 and word.endswith("s") and word[:-1].isupper() else word


def _looks_like_acronym(word: str, lang: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 2 < len(letters) or not word.isascii():
        return False
    if word.isupper():
        lower = word.lower()
        return not (word in PLAIN_ABBREVIATIONS or ROMAN.match(word) or len(word) >= LONG_WORD
                    or lower in common_words() or (lang.startswith("es") and lower in EMPHASIS_ES))
    return True  # mixed case: mRNA, eCRF, PhD


def _in_emphasis_run(capitals: list[bool], i: int) -> bool:
    """Whether word `i` is in a run of EMPHASIS_RUN or more words in capitals."""
    start = i
    while start > 0 and capitals[start - 1]:
        start -= 1
    end = i
    while end + 1 < len(capitals) and capitals[end + 1]:
        end += 1
    return capitals[i] and end - start + 1 >= EMPHASIS_RUN


def acronym_findings(texts: list[Text], glossary: set[str], known: frozenset[str], lang: str) -> list[Finding]:
    """An acronym is spelled out at its first use — “Food and Drug Administration (FDA)” or
    “FDA (Food and Drug Administration)” — or defined in the glossary. Titles and headings are
    labels, not first uses, so the first use looked at is the first in the text."""
    defined = {word for term in glossary for word, *_ in acronyms_in(term, known, lang)}
    seen: set[str] = set()
    out = []
    for piece in texts:
        if piece.kind == "title":
            continue
        for word, start, end in acronyms_in(piece.text, known, lang):
            if word in seen or word in defined:
                continue
            seen.add(word)
            if not _spelled_out(piece.text, start, end):
                out.append(Finding(piece.file, piece.line, "warning", "acronyms",
                                   f"`{word}` is not spelled out at its first use", "not spelled out",
                                   "spell out, as “Words in full (ABC)”, or define it in the glossary"))
    return out


def _spelled_out(text: str, start: int, end: int) -> bool:
    """"Words in full (ABC)", "ABC (words in full)", or inside the parentheses that spell it out:
    "（选择性血清素再摄取抑制剂，即 SSRI）"."""
    before, after = text[:start], text[end:]
    opened = before.count("(") + before.count("（") - before.count(")") - before.count("）")
    return opened > 0 or after.lstrip("s").lstrip().startswith(("(", "（"))
