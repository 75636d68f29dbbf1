"""What a batch build tells the person running it: a progress bar, a line per problem, a summary.
The only module that imports rich.

On a terminal: a bar (counts, elapsed time, the file just finished) and a summary table, drawn
with rich. In a log (CI, a pipe, a file): one line per built file and one summary line, written
plainly, since a log has no use for a bar or a box-drawn table and rich would only add start-up
time. `--json` prints one JSON document instead. Skipped files are counted, not listed: a
no-change rebuild of thousands of files prints its summary and nothing else.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from kapdocs.batch.build import Result
from kapdocs.pipeline import UNIT_OF

SLOW_SUBSETTING = ("WeasyPrint is subsetting fonts with fontTools because HarfBuzz's subsetter is not installed; "
                   "PDF builds are about 3× slower. Install it: apt-get install libharfbuzz-subset0")


class BatchReport:
    """Reports results as they arrive; use as a context manager around the build."""

    def __init__(self, project, total: int, as_json: bool = False):
        self.project = project
        self.total = total
        self.as_json = as_json
        self.screen = None if as_json or not sys.stderr.isatty() else _Screen(total)
        self.results: list[Result] = []

    def __enter__(self) -> BatchReport:
        if self.screen:
            self.screen.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.screen:
            self.screen.progress.stop()

    def add(self, result: Result) -> None:
        """One finished job: advance the bar; print its line (or its error and warnings)."""
        self.results.append(result)
        if result.skipped:  # counted, not named: a no-change rebuild of 60,000 files has nothing to say
            if self.screen:
                self.screen.advance()
            if not self.as_json:  # but what was wrong with a file when it was built still is
                for warning in result.warnings:
                    self._problem(f"  warning: {self.project.shown(result.path)}: {warning}", "yellow")
            return
        shown = self.project.shown(result.path) if result.path else self.project.shown(result.job.source)
        if self.screen:
            self.screen.advance(str(shown))
        if self.as_json:
            return
        if result.error:
            self._problem(f"error: {result.error}", "red")
        elif not self.screen:
            unit = UNIT_OF[result.job.format]
            print(f"built {shown} ({result.units} {unit}, {result.seconds:.2f} s)", flush=True)
        for warning in result.warnings:
            self._problem(f"  warning: {shown}: {warning}", "yellow")

    def warn(self, text: str) -> None:
        """A warning about the build as a whole (to stderr, so even --json output stays JSON)."""
        if self.screen:
            self._problem(f"warning: {text}", "yellow")
        else:
            print(f"warning: {text}", file=sys.stderr, flush=True)

    def finish(self, seconds: float) -> None:
        """The summary: a table on a terminal, a line in a log, or JSON; the slow-subsetting note once."""
        counts = Counter("failed" if not r.ok else "skipped" if r.skipped else "built" for r in self.results)
        if self.as_json:
            print(json.dumps(self._json(counts, seconds), indent=2, ensure_ascii=False))
            return
        if any(r.slow_subsetting for r in self.results):
            print(f"note: {SLOW_SUBSETTING}", file=sys.stderr)
        line = f"{counts['built']} built, {counts['skipped']} skipped, {counts['failed']} failed"
        if self.screen:
            self.screen.summary(counts, seconds)
            print(line)
        else:
            print(f"{line} in {seconds:.1f} s")

    def _problem(self, text: str, colour: str) -> None:
        if self.screen:
            self.screen.progress.console.print(text, markup=False, style=colour)
        else:
            print(text, file=sys.stderr, flush=True)

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


class _Screen:
    """The terminal view: rich's progress bar, then the summary table."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.fields[current]}"), console=self.console, transient=True)
        self.task = self.progress.add_task("build", total=total, current="")

    def advance(self, current: str | None = None) -> None:
        """One more job done; `current` names it (None: the last name stays)."""
        if current is None:
            self.progress.update(self.task, advance=1)
        else:
            self.progress.update(self.task, advance=1, current=current)

    def summary(self, counts: Counter, seconds: float) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=None, show_edge=False)
        for column in ("built", "skipped", "failed", "time"):
            table.add_column(column, justify="right")
        table.add_row(str(counts["built"]), str(counts["skipped"]), str(counts["failed"]), f"{seconds:.1f} s")
        Console(highlight=False).print(table)
