"""What a batch build tells the person running it: a progress bar, a line per problem, a summary.
The only module that imports rich.

The bar (counts, elapsed time, the file just finished) is drawn on a terminal only; in a log,
each built file gets one line instead. Skipped files are counted, not listed: a no-change
rebuild of thousands of files prints its summary and nothing else.
"""

from __future__ import annotations

import json
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kapdocs.build import Result

SLOW_SUBSETTING = ("WeasyPrint is subsetting fonts with fontTools because HarfBuzz's subsetter is not installed; "
                   "PDF builds are about 3× slower. Install it: apt-get install libharfbuzz-subset0")


class BatchReport:
    """Reports results as they arrive; use as a context manager around the build."""

    def __init__(self, project, total: int, as_json: bool = False):
        self.project = project
        self.total = total
        self.as_json = as_json
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.fields[current]}"), console=self.err, transient=True,
                                 disable=as_json or not self.err.is_terminal)
        self.task = self.progress.add_task("build", total=total, current="")
        self.results: list[Result] = []

    def __enter__(self) -> BatchReport:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def add(self, result: Result) -> None:
        """One finished job: advance the bar; print its line (or its error and warnings)."""
        self.results.append(result)
        shown = self.project.shown(result.path) if result.path else self.project.shown(result.job.source)
        self.progress.update(self.task, advance=1, current=str(shown))
        if self.as_json:
            return
        if result.error:
            self.progress.console.print(f"error: {result.error}", markup=False, style="red")
        elif not result.skipped and self.progress.disable:
            unit = "pages" if result.job.format == "pdf" else "slides"
            self.out.print(f"built {shown} ({result.units} {unit}, {result.seconds:.2f} s)", markup=False)
        for warning in result.warnings:
            self.progress.console.print(f"  warning: {shown}: {warning}", markup=False, style="yellow")

    def finish(self, seconds: float) -> None:
        """The summary: a table (or JSON), and the slow-subsetting note once."""
        counts = Counter("failed" if not r.ok else "skipped" if r.skipped else "built" for r in self.results)
        if self.as_json:
            self.out.print_json(json.dumps(self._json(counts, seconds)))
            return
        if any(r.slow_subsetting for r in self.results):
            self.err.print(f"note: {SLOW_SUBSETTING}", markup=False)
        table = Table(title=None, show_edge=False)
        for column in ("built", "skipped", "failed", "time"):
            table.add_column(column, justify="right")
        table.add_row(str(counts["built"]), str(counts["skipped"]), str(counts["failed"]), f"{seconds:.1f} s")
        self.out.print(table)
        self.out.print(f"{counts['built']} built, {counts['skipped']} skipped, {counts['failed']} failed",
                       markup=False)

    def _json(self, counts: Counter, seconds: float) -> dict:
        def one(r: Result) -> dict:
            return {"source": str(self.project.shown(r.job.source)), "brand": r.job.brand, "format": r.job.format,
                    "locale": r.job.locale, "large_print": r.job.large_print,
                    "status": "failed" if not r.ok else "skipped" if r.skipped else "built",
                    "output": str(self.project.shown(r.path)) if r.path else None, "units": r.units,
                    "seconds": round(r.seconds, 3), "error": r.error or None, "warnings": r.warnings}

        return {"summary": {"built": counts["built"], "skipped": counts["skipped"], "failed": counts["failed"],
                            "seconds": round(seconds, 3), "slow_subsetting": any(r.slow_subsetting for r in self.results)},
                "results": [one(r) for r in self.results]}
