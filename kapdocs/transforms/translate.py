"""Translation: a document's segments replaced by its language catalog's, before anything else.

A catalog with fuzzy or untranslated entries is refused with its counts, unless the build is a
draft, which keeps the source text for those entries and is stamped as a draft on every page
and slide. A translation whose markup or `{{ variables }}` differ from its source, or that holds
a character no font of the output covers, is an error naming the PO file and line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kapdocs import model as m
from kapdocs.errors import KapdocsError
from kapdocs.i18n.catalogs import translations
from kapdocs.i18n.segments import map_segments, markup_difference, segments_of
from kapdocs.support.project import catalog_path
from kapdocs.readers.markdown import parse_inline

if TYPE_CHECKING:
    from kapdocs.transforms.context import Context


def translate(document: m.Document, context: "Context") -> m.Document:
    """The document in `context.locale` (unchanged when that is its own language)."""
    lang = context.locale
    if not lang or lang == document.meta.lang:
        return document
    path = catalog_path(document.source, document.meta.id, lang)
    shown = context.project.shown(path)
    entries, counts = translations(path, shown, lang)
    # Completeness is judged against the source as it is now, not the catalog as it was.
    segments = segments_of(document)
    missing = [segment for segment in segments if segment.text not in entries]
    if missing and not context.draft:
        first = missing[0]
        raise KapdocsError(f"the {lang} translation is incomplete: {len(missing)} of {len(segments)} segments have no "
                           f"finished translation ({counts} in the catalog); the first is line {first.line} "
                           f"“{first.text[:60]}”", shown,
                           hint=f"run `kapdocs i18n update --locale {lang}`, translate the fuzzy and untranslated "
                                "entries, or build a marked draft with --draft", rule="translation")
    from kapdocs.support.fonts import uncovered  # fontTools: only when a translation is actually built

    fonts = output_fonts(context, lang)
    lines = {entry.text: entry.line for entry in entries.values()}

    def change(text: str, line: int) -> str:
        entry = entries.get(text)
        if entry is None:
            return text  # a draft keeps the source text of what is not translated yet
        if difference := markup_difference(text, entry.text):
            raise KapdocsError(f"the translation's markup or placeholders differ from the source: {difference}",
                               shown, entry.line, "keep **bold**, *emphasis*, `code`, links, [^n] notes, "
                               "{{ variables }} and | exactly as in the source, moved wherever the sentence needs them",
                               rule="translation")
        if (char := uncovered(entry.text, fonts)) is not None:
            raise KapdocsError(f"character “{char}” (U+{ord(char):04X}) is not in any font this {context.output} uses "
                               f"({', '.join(fonts)})", shown, entry.line,
                               "install a font that covers it (for Chinese, Japanese and Korean: fonts-noto-cjk), "
                               "or fix the character", rule="glyphs")
        return entry.text

    def parse(text: str, line: int) -> m.Inlines:
        return parse_inline(text, shown, lines.get(text, line))

    translated = map_segments(document, change, parse)
    return replace(translated, meta=replace(translated.meta, lang=lang, draft=bool(missing)))


def output_fonts(context: "Context", lang: str) -> tuple[str, ...]:
    """The families the output prints text in, its language's script fonts last."""
    from kapdocs.support.fonts import script_fonts

    return context.brand.fonts.of(context.output, context.large_print) + script_fonts(lang)
