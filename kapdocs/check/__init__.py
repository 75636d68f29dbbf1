"""`kapdocs check`: the health-literacy and print review a clinic does by hand, as rules.

Each rule looks at one document (its handout text, its slides, or the PDF it builds) and returns
findings: `file:line: level rule-id: message (measured; threshold)`. A source may waive a rule
in its front matter (`waive: {rule-id: reason}`); the waiver and its reason are reported. Every
rule runs offline.

Rules and their sources are in rules.py (one docstring each) and in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One thing a rule found."""

    file: str
    line: int
    level: Level
    rule: str
    message: str
    measured: str = ""
    threshold: str = ""

    def __str__(self) -> str:
        figures = "; ".join(part for part in (self.measured, self.threshold) if part)
        return f"{self.file}:{self.line}: {self.level} {self.rule}: {self.message}" + (f" ({figures})" if figures else "")


@dataclass
class DocumentReport:
    """The findings of one document in one language, and the ones its front matter waived."""

    source: str
    lang: str
    findings: list[Finding] = field(default_factory=list)
    waived: list[tuple[Finding, str]] = field(default_factory=list)
    measures: dict[str, str] = field(default_factory=dict)  # e.g. the reading grade, for the summary

    def count(self, level: Level) -> int:
        return sum(f.level == level for f in self.findings)


def check_documents(project, sources: list[Path], locales: tuple[str, ...] = ("",), brand: str = "default",
                    outputs: bool = True, large_print: bool = False) -> list[DocumentReport]:
    """Run every rule on each source in each language ("" = its own; `all`: the languages a build
    makes it in); with `large_print`, on the large-print handout (18 pt text, 7:1 contrast)."""
    from kapdocs.batch.plan import languages
    from kapdocs.check.rules import check_one

    return [check_one(project, source, lang, brand, outputs, large_print) for source in sources
            for lang in (languages(project, source, None) if "all" in locales else locales)]
