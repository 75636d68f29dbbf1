"""The notice of free language assistance (Section 1557 of the US Affordable Care Act).

A US clinic that receives federal funds must tell patients, in the languages most spoken in its
state, that interpreters and translated materials are free. A clinic lists those languages (up to
15, in its order) under `language_assistance:` in brand.yaml, or for every brand in kapdocs.toml;
each handout then ends with a box holding one line per language, each in its own language and
script. kapdocs ships the sentence in English and in its template languages; a brand can add a
language kapdocs does not ship, or use its own wording, under `texts:`, and a project can do the
same for all its brands in its own catalog of that language (`locales/<lang>.po`, msgid: the
English sentence).

The notice is for patients, so it is printed on handouts for patients (`audience: patients`) only:
not on handouts for clinicians, and not on staff-training slides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kapdocs.errors import KapdocsError
from kapdocs.i18n.labels import LABELS

#: Federal guidance asks for the top 15 languages of a state; more would crowd the last page.
MAX_LANGUAGES = 15
#: Names people use for their language where Babel's own name differs.
NAMES = {"tl": "Tagalog", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", "ht": "Kreyòl ayisyen"}
#: Said in English under the English line, with the brand's TTY number: the notice also tells
#: patients with disabilities that aids and services are free (Section 1557).
DISABILITY_AIDS = ("Free aids and services for people with disabilities, such as sign language interpreters "
                   "and large print, are also available. TTY: {tty}.")
#: The languages kapdocs ships the sentence in (kapdocs/i18n/locales): each one's name in itself
#: and its direction, as NAMES and Babel give them (a test holds them to it). Babel reads a
#: language's whole locale data for either, about 3 ms a language: 20 ms of every patient
#: handout, on the way to its HTML. Any other language is asked of Babel.
SHIPPED_LANGUAGES = {"ar": ("العربية", "rtl"), "de": ("Deutsch", "ltr"), "en": ("English", "ltr"),
                     "es": ("Español", "ltr"), "fa": ("فارسی", "rtl"), "fr": ("Français", "ltr"),
                     "ht": ("Kreyòl ayisyen", "ltr"), "it": ("Italiano", "ltr"), "ja": ("日本語", "ltr"),
                     "ko": ("한국어", "ltr"), "pl": ("Polski", "ltr"), "pt": ("Português", "ltr"),
                     "ru": ("Русский", "ltr"), "tl": ("Tagalog", "ltr"), "vi": ("Tiếng Việt", "ltr"),
                     "zh-Hans": ("简体中文", "ltr")}

#: Small fonts kapdocs ships (see the README beside them): for its own sentences in Chinese,
#: Korean and Arabic, cut from Noto by scripts/notice_fonts.py, and for fillable form fields
#: (scripts/form_font.py). WeasyPrint keeps every glyph number up to the highest one a page uses,
#: so a handful of Chinese characters from the system's Noto Sans CJK embeds some 650 KB per font
#: and weight, and subsetting it took a third of a handout's build.
SHIPPED_FONTS = Path(__file__).parent.parent / "shipped_fonts"


@dataclass(frozen=True)
class NoticeLine:
    """One language's line: its name and the sentence, both in that language."""

    lang: str
    name: str
    text: str
    direction: str  # ltr | rtl
    shipped: bool = False  # kapdocs' own sentence (not the brand's): its shipped fonts cover it

    @property
    def label(self) -> str:
        """The language name as a run-in label: “Español: ”, “简体中文：” (a full-width colon has its space)."""
        return self.name + ("：" if self.lang.split("-")[0] in ("zh", "ja") else ": ")

    @property
    def fonts(self) -> tuple[tuple[int, Path], ...]:
        """(weight, file) of the fonts kapdocs ships for this line, if any: only for its own sentence."""
        if not self.shipped:
            return ()
        return tuple((int(path.stem.rsplit("-", 1)[1]), path)
                     for path in sorted(SHIPPED_FONTS.glob(f"{self.lang}-[0-9]*.[ot]tf")))


def language_name(lang: str) -> str:
    """A language's name in itself (Español, Tiếng Việt, العربية)."""
    from kapdocs.i18n.language import locale

    if lang in SHIPPED_LANGUAGES:
        return SHIPPED_LANGUAGES[lang][0]
    name = NAMES.get(lang) or locale(lang).display_name
    return name[:1].upper() + name[1:]  # a label in a list: Español, Русский


def language_direction(lang: str) -> str:
    """`rtl` or `ltr`, as kapdocs.i18n.text_direction gives it."""
    from kapdocs.i18n.language import text_direction

    return SHIPPED_LANGUAGES[lang][1] if lang in SHIPPED_LANGUAGES else text_direction(lang)


def notice_text(lang: str, own: dict[str, str], project_root: Path | None = None) -> str | None:
    """The notice sentence in `lang`: the brand's own text, else the project's catalog of `lang`,
    else kapdocs' (None if none has it)."""
    if lang in own:
        return own[lang]
    if lang.split("-")[0] == "en":
        return LABELS["language_assistance"]
    from kapdocs.i18n.strings import PACKAGE_CATALOGS, project_catalog, table

    if (path := project_catalog(project_root, lang)) is not None:
        if text := (table(path, lang) or {}).get(LABELS["language_assistance"]):
            if "{phone}" not in text:
                raise KapdocsError(f"the {lang} language-assistance sentence has no {{phone}}", Path("locales") / path.name,
                                   hint="put {phone} where the number to call goes, as in its msgid")
            return text
    return (table(PACKAGE_CATALOGS / f"{lang}.po", lang) or {}).get(LABELS["language_assistance"])


def _no_sentence(lang: str) -> KapdocsError:
    return KapdocsError(f"kapdocs has no language-assistance notice in `{lang}`",
                        hint=f"add it under `language_assistance: texts: {lang}: …` in brand.yaml, or translate it in "
                             f"the project's locales/{lang}.po, with {{phone}} where the number goes")


def check_languages(languages: tuple[str, ...], own: dict[str, str], shown: Path, line: int,
                    project_root: Path | None = None) -> None:
    """Every listed language is known and has a notice sentence; at most MAX_LANGUAGES."""
    from kapdocs.i18n.language import locale

    if len(languages) > MAX_LANGUAGES:
        raise KapdocsError(f"language_assistance lists {len(languages)} languages; the notice holds at most "
                           f"{MAX_LANGUAGES}", shown, line, "list the languages most spoken by your patients")
    for lang in languages:
        try:
            locale(lang)
        except KapdocsError as err:
            raise KapdocsError(err.message, shown, line, err.hint) from None
        if notice_text(lang, own, project_root) is None:
            raise _no_sentence(lang).at(shown, line)
    if unused := sorted(set(own) - set(languages)):
        raise KapdocsError(f"language_assistance has a text for `{unused[0]}`, which is not in its languages",
                           shown, line, "add the language to `languages:` or remove the text")


def notice_lines(languages: tuple[str, ...], own: dict[str, str], phone: str, tty: str = "711",
                 project_root: Path | None = None) -> tuple[NoticeLine, ...]:
    """The notice: an English line first (with the free aids for people with disabilities and the
    TTY number), then one line per language, with the numbers filled in. A line is kapdocs' own
    (`shipped`, set in its small fonts) when its sentence is kapdocs' word for word."""
    from kapdocs.i18n.language import isolated

    def whole(number: str) -> str:
        return isolated(number.replace(" ", "\u00a0"))  # one unit: never split over two lines

    def sentence(lang: str) -> str:
        if (text := notice_text(lang, own, project_root)) is None:
            raise _no_sentence(lang)  # the brand was checked with a project catalog since removed
        return text

    sentences = [(lang, sentence(lang)) for lang in ("en", *(lang for lang in languages if lang != "en"))]
    aids = " " + DISABILITY_AIDS.replace("{tty}", whole(tty))
    return tuple(NoticeLine(lang, language_name(lang), (text + (aids if lang == "en" else "")).replace(
        "{phone}", whole(phone)), language_direction(lang), shipped=lang not in own and text == notice_text(lang, {}))
        for lang, text in sentences)


def handout_notice(languages: tuple[str, ...], texts: dict[str, str], phone: str, tty: str, fonts: tuple[str, ...],
                   brand_key: str, project_root: Path | None = None) -> tuple[NoticeLine, ...]:
    """The notice a brand's handouts end with (Brand.assistance gives its languages, the clinic's
    own texts, the number and the TTY number), none if no languages are listed.

    `fonts` are the families the handout prints in; every character of the notice must be in one
    of them or in its language's script fonts, or the patient would see empty boxes. A clinic's
    own text is checked character by character. kapdocs' own sentences are checked against the
    fonts by its tests: their Chinese, Korean and Arabic come with their own small fonts, and for
    the rest it is enough that their script fonts are installed (reading a CJK font's character
    map takes half a second)."""
    from kapdocs.support.fonts import font_file, script_fonts, uncovered

    if not languages:
        return ()
    lines = notice_lines(languages, texts, phone, tty, project_root)
    for line in lines:
        if line.shipped:
            if line.fonts:
                continue
            if missing := [family for family in script_fonts(line.lang) if font_file(family) is None]:
                raise KapdocsError(f"the {line.lang} language-assistance notice needs the font {missing[0]}, "
                                   "which is not installed",
                                   hint="install it (Chinese, Japanese, Korean: fonts-noto-cjk; Arabic: fonts-noto-core)")
            continue
        families = fonts + script_fonts(line.lang)
        if (char := uncovered(line.name + line.text, families)) is not None:
            where = f"templates/{brand_key}/brand.yaml" if line.lang in texts else f"locales/{line.lang}.po"
            raise KapdocsError(f"character “{char}” (U+{ord(char):04X}) of the {line.lang} language-assistance "
                               f"notice ({where}) is not in any font the handout uses ({', '.join(families)})",
                               hint="install a font that covers it (for Chinese, Japanese and Korean: fonts-noto-cjk)",
                               rule="glyphs")
    return lines
