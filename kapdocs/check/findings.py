"""What the rules find: one Finding each, gathered per document and language in a DocumentReport."""

from __future__ import annotations

from dataclasses import dataclass, field
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
