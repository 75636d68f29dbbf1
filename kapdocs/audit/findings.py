"""What the audit finds: one Finding per fault, in an Output (a built file and what it was built as)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Every rule, by the id its findings carry.
RULES = ("overprint", "off-page", "clipped", "type-size", "template-marker", "page-fill", "heading-at-foot", "footer-height",
         "figure-alt", "text-lang", "reading-order", "slide-overflow", "slide-notes")


@dataclass(frozen=True)
class Output:
    """A built file and what it was built as."""

    path: Path
    brand: str = "default"
    lang: str = "en"
    large_print: bool = False


@dataclass(frozen=True)
class Finding:
    """One fault in one output, where it is on the page or slide."""

    file: str
    where: str  # "page 3 at 25,40 mm" (from the paper's top left) or "slide 2"
    rule: str
    message: str
    measured: str = ""
    threshold: str = ""
    hint: str = ""  # what to do

    def __str__(self) -> str:
        figures = "; ".join(part for part in (self.measured, self.threshold) if part)
        return (f"{self.file}: {self.where}: {self.rule}: {self.message}" + (f" ({figures})" if figures else "")
                + (f". {self.hint}" if self.hint else ""))
