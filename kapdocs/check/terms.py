"""Rule `approved-terms`: a translation says a term as the language's glossary approves.

A source's catalog in a language × that language's glossary (`locales/glossaries/<lang>.csv`,
kapdocs.i18n.glossary) → one finding per translated entry and term it breaks, at the entry's
msgid line. Only finished entries are judged: fuzzy and untranslated ones are the `translation`
rule's. Glossaries give English terms, so the rule reads the catalogs of English sources.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.check.findings import Finding, Level
from kapdocs.errors import KapdocsError
from kapdocs.i18n.catalogs import translations
from kapdocs.i18n.glossary import RULE, Glossary, Term, project_glossary
from kapdocs.support.project import catalog_path


def approved_terms(project, source: Path, doc_id: str, source_lang: str, lang: str) -> list[Finding]:
    """The findings of `source`'s catalog in `lang` against the glossary of `lang` (none without one).

    An error where the source is released in `lang` (patients get it), a warning where it is not
    yet (the translator is still at work)."""
    if not lang or lang == source_lang or source_lang.split("-")[0] != "en":
        return []
    level = "error" if project.settings.is_released(doc_id, lang) else "warning"
    return catalog_terms(project, catalog_path(source, doc_id, lang), lang, level)


def catalog_terms(project, path: Path, lang: str, level: Level = "warning") -> list[Finding]:
    """The findings of one catalog in `lang` against the language's glossary (none without one,
    or without the catalog: the `translation` rule says so); a bad glossary or catalog is one error."""
    try:
        glossary = project_glossary(project.root, lang)
        if glossary is None or not path.is_file():
            return []
        entries, _ = translations(path, project.shown(path), lang)
    except KapdocsError as err:
        return [Finding(str(err.file or project.shown(path)), err.line or 1, "error", err.rule or RULE,
                        err.message + (f". {err.hint}" if err.hint else ""))]
    shown = str(project.shown(path))
    return [_finding(shown, entry.line, level, glossary, term, problem)
            for english, entry in entries.items() for term in glossary.terms_in(english)
            if (problem := term.problem(entry.text)) is not None]


def _finding(shown: str, line: int, level, glossary: Glossary, term: Term, problem: tuple[str, str]) -> Finding:
    what, text = problem
    where = f"{glossary.path.as_posix()}:{term.line}"
    if what == "avoided":
        return Finding(shown, line, level, RULE, f"“{term.term}” is translated with “{text}”, which {where} avoids",
                       f"“{text}” used", f"“{term.approved}”")
    return Finding(shown, line, level, RULE, f"“{term.term}” is not translated as {where} approves",
                   f"no “{text}”", f"“{term.approved}”")
