"""`kapdocs audit`: built outputs (PDF, PPTX) → what a printer or a screen reader would hit.

Each file is read back as it is on disk, not as kapdocs meant it: every printed character with
its box and size (pdf.py), the pages' rules (printed.py), the slides (deck.py). A finding names
the file, the page or slide, the place on it and what to do; the samples build with none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["RULES", "Finding", "Output", "audit", "output_of"]

#: Every rule, by the id its findings carry.
RULES = ("overprint", "off-page", "type-size", "template-marker", "page-fill", "heading-at-foot", "footer-height",
         "figure-alt", "text-lang", "slide-overflow", "slide-notes")


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


def output_of(path: Path, brands: tuple[str, ...]) -> Output:
    """What a file under a build folder was built as: `<brand>/<lang>/<id>[.large-print].<ext>`."""
    brand = path.parent.parent.name if path.parent.parent.name in brands else "default"
    return Output(path, brand, path.parent.name if brand == path.parent.parent.name else "en",
                  path.name.endswith(".large-print.pdf"))


def audit(outputs: list[Output], project, workers: int = 1) -> list[Finding]:
    """Every finding in every output of `project`, file by file in the order given; on `workers`
    processes when there are enough files to share (a file takes 0.1-0.3 s to read back)."""
    if workers > 1 and len(outputs) >= 2 * workers:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked, the workers start with what this process has loaded; each gets a run of files.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            found = pool.map(audit_one, outputs, [project] * len(outputs), chunksize=max(1, len(outputs) // (4 * workers)))
            return [finding for findings in found for finding in findings]
    return [finding for output in outputs for finding in audit_one(output, project)]


def audit_one(output: Output, project) -> list[Finding]:
    """Every finding in one output."""
    from kapdocs.audit.deck import deck_findings
    from kapdocs.audit.printed import pdf_findings

    name = project.shown(output.path).as_posix()
    if output.path.suffix == ".pdf":
        return pdf_findings(output.path.read_bytes(), name, output.large_print)
    if output.path.suffix == ".pptx":
        return deck_findings(output.path.read_bytes(), name, output.brand, output.lang, project.root)
    return []
