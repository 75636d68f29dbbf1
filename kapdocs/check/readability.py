"""Readability formulas, computed offline: Flesch-Kincaid grade (English), INFLESZ (Spanish).

Syllables are counted by rule, not looked up: English by vowel groups with the usual silent-`e`
and `-ed`/`-es` endings, Spanish by vowel nuclei with its diphthong and hiatus rules. Numbers
count as one word of one syllable per digit group; that is what a reader sees on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: A full stop (or ! ?) and a space: where a sentence may end.
SENTENCE_END = re.compile(r"(?<=[.!?؟。！？])[\"”’)]*\s*")
#: Languages written without spaces between words: words cannot be counted by splitting.
UNSPACED = ("zh", "ja", "th", "lo", "km", "my")


@dataclass(frozen=True)
class Counts:
    """What the formulas need from a text."""

    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def sentences_of(text: str, lang: str = "en") -> list[str]:
    """A text's sentences (a list item or a heading without a full stop is one sentence)."""
    sentences, start = [], 0
    for end in SENTENCE_END.finditer(text):
        following = text[end.end():].lstrip("\"“¿¡(")
        spaced = end.end() > end.start() and text[end.start():end.end()].strip() != text[end.start():end.end()]
        # In a script with capitals, a sentence starts with one ("U.S. Food" is one sentence).
        starts = not following[:1].isalpha() or following[:1].isupper() or following[:1].lower() == following[:1].upper()
        initial = re.search(r"(?:^|[\s.])[A-Z]\.$", text[:end.start()])  # "U.S.", "J. Smith": not an end
        if following and (spaced or text[end.start() - 1] in "。！？") and starts and not initial:
            sentences.append(text[start:end.end()])
            start = end.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if WORD.search(s)]


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def count(texts: list[str], lang: str) -> Counts:
    """Sentences, words and syllables of several texts (paragraphs, list items) together."""
    syllables = syllables_es if lang.startswith("es") else syllables_en
    sentences = [s for text in texts for s in sentences_of(text, lang)]
    words = [w for s in sentences for w in words_of(s)]
    return Counts(len(sentences), len(words), sum(syllables(w) for w in words))


def flesch_kincaid_grade(counts: Counts) -> float:
    """Kincaid et al. (1975): 0.39 × words/sentence + 11.8 × syllables/word − 15.59."""
    return 0.39 * counts.words_per_sentence + 11.8 * counts.syllables_per_word - 15.59


def inflesz(counts: Counts) -> float:
    """Szigriszt-Pazos perspicuity (the INFLESZ scale, Barrio-Cantalejo et al. 2008):
    206.835 − 62.3 × syllables/word − words/sentence; 55 and above is "fairly easy" or easier."""
    return 206.835 - 62.3 * counts.syllables_per_word - counts.words_per_sentence


def syllables_en(word: str) -> int:
    """English syllables by rule: vowel groups, less a silent final e or -ed/-es."""
    w = word.lower().replace("’", "'")
    if w.isdigit():
        return 1
    w = re.sub(r"'s$", "", w)
    if len(w) <= 3:
        return 1
    w = re.sub(r"([^aeiouytd])ed$", r"\1", w)  # "called": a silent -ed (but "needed", "wanted")
    w = re.sub(r"([^laeiouy])e$", r"\1", w)  # "make": a silent e (but "table", "simple")
    w = re.sub(r"([^laeiouysxzcgh])es$", r"\1", w)  # "takes" (but "uses", "boxes", "changes")
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]+", w)))


_STRONG, _WEAK = set("aeoáéó"), set("iuü")
_ACCENTED_WEAK = set("íú")
_VOWELS = _STRONG | _WEAK | _ACCENTED_WEAK


def syllables_es(word: str) -> int:
    """Spanish syllables: one per vowel nucleus; two strong vowels, or an accented í/ú, split."""
    w = word.lower()
    if w.isdigit():
        return 1
    count, previous = 0, ""
    for char in w:
        if char not in _VOWELS:
            previous = ""
            continue
        if not previous:
            count += 1  # a new nucleus; "que", "gui": the silent u joins its vowel, one nucleus
        elif previous in _STRONG and char in _STRONG or char in _ACCENTED_WEAK or previous in _ACCENTED_WEAK:
            count += 1  # hiatus: two syllables (le-er, dí-a)
        previous = char
    return max(1, count)
