"""`kapdocs audit`: built outputs (PDF, PPTX) → what a printer or a screen reader would hit.

Each file is read back as it is on disk, not as kapdocs meant it: every printed character with
its box and size (pdf.py), the pages' rules (printed.py), the slides (deck.py). A finding names
the file, the page or slide, the place on it and what to do (what is still found on the
samples: docs/checking.md#the-audit).
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.audit.findings import RULES, Finding, Output

__all__ = ["RULES", "Finding", "Output", "audit", "audit_bytes", "audit_each", "output_of"]


def output_of(path: Path, brands: tuple[str, ...]) -> Output:
    """What a file under a build folder was built as: `<brand>/<lang>/<id>[.large-print].<ext>`."""
    brand = path.parent.parent.name if path.parent.parent.name in brands else "default"
    return Output(path, brand, path.parent.name if brand == path.parent.parent.name else "en",
                  path.name.endswith(".large-print.pdf"))


def audit(outputs: list[Output], project, workers: int = 1) -> list[Finding]:
    """Every finding in every output of `project`, file by file in the order given."""
    return [finding for findings in audit_each(outputs, project, workers) for finding in findings]


def audit_each(outputs: list[Output], project, workers: int = 1) -> list[list[Finding]]:
    """The findings of each output, read from disk, in the order given; on `workers` processes
    when there are enough files to share (a file takes 0.1-0.3 s to read back)."""
    if workers > 1 and len(outputs) >= 2 * workers:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Forked, the workers start with what this process has loaded; each gets a run of files.
        # The readers are loaded first, once, rather than once in each worker (python-pptx and the
        # deck writer take about a second to import).
        import kapdocs.audit.deck  # noqa: F401
        import kapdocs.audit.printed  # noqa: F401

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(audit_one, outputs, [project] * len(outputs),
                                 chunksize=max(1, len(outputs) // (4 * workers))))
    return [audit_one(output, project) for output in outputs]


def audit_one(output: Output, project) -> list[Finding]:
    """Every finding in one output, as it is on disk."""
    if output.path.suffix not in (".pdf", ".pptx"):
        return []
    return audit_bytes(output.path.read_bytes(), output, project.shown(output.path).as_posix(), project.root)


def audit_bytes(data: bytes, output: Output, name: str, project_root: Path) -> list[Finding]:
    """Every finding in the bytes of `output` (build --audit reads them in the worker that made
    them, before they are written), each naming the file as `name`."""
    from kapdocs.audit.deck import deck_findings
    from kapdocs.audit.printed import pdf_findings

    if output.path.suffix == ".pdf":
        return pdf_findings(data, name, output.large_print)
    if output.path.suffix == ".pptx":
        return deck_findings(data, name, output.brand, output.lang, project_root)
    return []
