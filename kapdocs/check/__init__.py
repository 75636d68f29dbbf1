"""`kapdocs check`: the health-literacy and print review a clinic does by hand, as rules.

Each rule looks at one document (its handout text, its slides, or the PDF it builds) and returns
findings: `file:line: level rule-id: message (measured; threshold)`. A source may waive a rule
in its front matter (`waive: {rule-id: reason}`); the waiver and its reason are reported. Every
rule runs offline.

Rules and their sources are in rules.py (one docstring each), with families of their own beside
it (acronyms.py, sources.py, terms.py), and in docs/checking.md.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.check.findings import DocumentReport, Finding, Level

__all__ = ["DocumentReport", "Finding", "Level", "check_documents"]


def check_documents(project, sources: list[Path], locales: tuple[str, ...] = ("",), brand: str = "default",
                    outputs: bool = True, large_print: bool = False) -> list[DocumentReport]:
    """Run every rule on each source in each language ("" = its own; `all`: the languages a build
    makes it in); with `large_print`, on the large-print handout (18 pt text, 7:1 contrast)."""
    from kapdocs.batch.plan import languages
    from kapdocs.check.rules import check_one

    return [check_one(project, source, lang, brand, outputs, large_print) for source in sources
            for lang in (languages(project, source, None) if "all" in locales else locales)]
