"""Locale services from Babel: dates and text direction. The only module that imports babel."""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date

from kapdocs.errors import KapdocsError


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    """The Babel locale for a language code such as `en`, `es` or `zh-Hans`."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise KapdocsError(f"unknown language `{lang}`", hint="use a code such as en, es, ar or zh-Hans") from None


def format_date(date: dt.date, lang: str) -> str:
    """A date as people of `lang` write it in full (November 1, 2026; 1 de noviembre de 2026)."""
    return _babel_format_date(date, format="long", locale=locale(lang))


def text_direction(lang: str) -> str:
    """`rtl` for right-to-left scripts, else `ltr`."""
    return locale(lang).text_direction


def has_right_to_left(text: str) -> bool:
    """Whether `text` has a right-to-left letter (an English reference in an Arabic handout has none)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def isolated(text: str) -> str:
    """`text` kept whole, in its own direction, inside a sentence of the other direction (a Unicode
    first-strong isolate; text with no letters, like a phone number, reads left to right).
    Without it “(503) 555-0142” prints as “0142-555 (503)” in an Arabic line."""
    return f"\u2068{text}\u2069" if text else text


#: The comma that parts two phrases in a line, per language ("version 1.0, not reviewed yet"):
#: Arabic script's "،" and the full-width Chinese and Japanese "，" and "、". CLDR's list patterns
#: join the items of a list (Arabic "و", "and"), which is not this.
PHRASE_SEPARATORS = {"ar": "، ", "fa": "، ", "ur": "، ", "zh": "，", "ja": "、"}


def phrase_separator(lang: str) -> str:
    """The comma and space that part two phrases of a line in `lang`."""
    return PHRASE_SEPARATORS.get(lang.split("-")[0], ", ")


def plural_forms(lang: str) -> str:
    """The `Plural-Forms` header of a catalog in `lang`, as the CLDR gives it (`nplurals=2; plural=(n != 1);`)."""
    from babel.messages.plurals import get_plural

    return get_plural(locale(lang)).plural_forms


#: Languages that join a heading and its part with a full-width colon and no space (“四个阶段：新的连接”).
FULL_WIDTH_COLON = ("zh", "ja")
#: What ends a heading or a sentence, in every script kapdocs writes: full stops, colons,
#: semicolons and commas (Latin, CJK, Arabic), and ellipses. A question or exclamation mark says
#: something (“Is it addictive?”) and is kept.
_END_PUNCTUATION = ".:;,…。．｡：；，、،؛۔"


def without_end_punctuation(text: str) -> str:
    """`text` without the full stops, colons and the like it ends with, in any script:
    “松开刹车。” → “松开刹车”, “The brake lifts.” → “The brake lifts”."""
    return text.strip().rstrip(_END_PUNCTUATION + " \u3000").strip()


def with_colon(label: str, lang: str) -> str:
    """A label that introduces what follows, with the language's colon: “Agenda:”, “议程：”."""
    return f"{label}：" if lang.split("-")[0] in FULL_WIDTH_COLON else f"{label}:"


def joined(heading: str, part: str, lang: str) -> str:
    """A heading and the part of it a slide holds, with the language's colon: “Side effects:
    After”, “预期反应：员工应对”."""
    if lang.split("-")[0] in FULL_WIDTH_COLON:
        return with_colon(heading, lang) + part
    return f"{with_colon(heading, lang)} {part}"
