"""Run a batch: jobs → files, written atomically as results stream back, one failure not
stopping the rest.

`build` skips the jobs whose inputs have not changed since the manifest recorded them, hands the
rest to an executor (this process, a pool of processes, or a Dask cluster), and writes
`<out>/<brand>/<lang>/<id>.pdf|.pptx` as results stream back. The library never prints: it
returns results and raises KapdocsError, and the CLI reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Job
from kapdocs.support.files import is_replaceable_file, write_atomically
from kapdocs.support.project import Project


@dataclass
class Result:
    """What one job produced, or why it failed."""

    job: Job
    path: Path | None = None
    units: int = 0  # pages or slides
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False  # up to date: its inputs have not changed since it was built
    slow_subsetting: bool = False  # WeasyPrint subset its fonts with fontTools (about 3× slower)
    internal: bool = False  # the error is a bug in kapdocs (the command exits 70)
    findings: list | None = None  # what BuildOptions.audit found in the bytes written (None: not audited)

    @property
    def ok(self) -> bool:
        return not self.error


def run_job(project: Project, job: Job, out: Path | None = None, target: Path | None = None,
            replacing: Replacing | None = None) -> Result:
    """Make one file (no manifest): `target`, or its place under `out`; a KapdocsError becomes the
    result's error, never a half-written file."""
    from kapdocs.batch.executors import make

    outcome = make(project.root, job)
    return _written(project, outcome, target or (out or project.root / "build") / outcome.output,
                    replacing or Replacing())


def _nothing_is_ours(path: Path) -> bool:
    return False


@dataclass(frozen=True)
class Replacing:
    """Which existing files an output may replace: those kapdocs made (`ours` tells a PDF or PPTX
    it wrote), those the manifest names, and any regular file with `force`."""

    force: bool = False
    ours: Callable[[Path], bool] = _nothing_is_ours
    known: frozenset[Path] = frozenset()  # outputs the manifest records


def check_target(project: Project, path: Path, replacing: Replacing, inputs: dict[str, str] | None = None) -> None:
    """Refuse to write an output to `path` when that would replace a link, a FIFO, a device, an
    input of the project (or of this job: `inputs`, as the manifest names them) or, without
    --force, a file kapdocs did not make."""
    exists = is_replaceable_file(path)
    target = path.resolve()
    named = {(project.root / name).resolve() for name in inputs or {}}
    if project.holds_input(path) or target in named:
        raise KapdocsError("the output would replace an input of the project", project.shown(path),
                           hint="write it somewhere else, e.g. under build/")
    if exists and not replacing.force and target not in replacing.known and not replacing.ours(path):
        raise KapdocsError("a file kapdocs did not make is already there", project.shown(path),
                           hint="name another file, or pass --force to replace it")


@dataclass
class BuildOptions:
    """How to run a batch: where, on how many processes, and whether to skip what is up to date."""

    out: Path | None = None
    workers: int = 1
    force: bool = False
    executor: Literal["local", "dask"] = "local"
    scheduler: str = ""
    shard: bool = False  # a shard always leaves a manifest, even an empty one, for `manifest merge`
    ours: Callable[[Path], bool] = _nothing_is_ours  # tells an output kapdocs wrote (audit.pdf.made_by_kapdocs)
    audit: Callable | None = None  # reads each new output back in its worker (executors.Audit; build --audit)


def build(project: Project, jobs: list[Job], options: BuildOptions = BuildOptions(),
          on_result: Callable[[Result], None] = lambda result: None,
          on_warning: Callable[[str], None] = lambda text: None) -> list[Result]:
    """Run every job not up to date; each failure is recorded and the others still run.

    Files are written here as results arrive, each recorded in the manifest's journal as soon as
    it is written, so a stopped build (Ctrl-C, or killed) leaves every output whole and the next
    run goes on from where it stopped. One build at a time writes into a folder."""
    from kapdocs.batch.manifest import output_lock

    out = options.out or project.root / "build"
    with output_lock(out):
        return _build(project, jobs, options, out, on_result, on_warning)


def _build(project: Project, jobs: list[Job], options: BuildOptions, out: Path,
           on_result: Callable[[Result], None], on_warning: Callable[[str], None]) -> list[Result]:
    from kapdocs.batch.manifest import FILE_NAME, Manifest, fingerprint

    manifest = Manifest.load(out / FILE_NAME)
    if manifest.set_aside:
        on_warning(manifest.set_aside)
    force = options.force or bool(manifest.set_aside)
    results: list[Result] = []
    todo: list[Job] = []
    for job in jobs:
        key = job.key(project)
        entry = None if force else manifest.fresh(key, fingerprint(key, out), project.root, out)
        if entry is None:
            todo.append(job)
        else:
            results.append(Result(job, out / entry.output, entry.units, warnings=list(entry.warnings), skipped=True))
            on_result(results[-1])
    # The outputs the manifest names may be replaced; gathered only when something is to be built
    # (a no-change rebuild of 60,000 outputs would spend a tenth of its time on it).
    known = frozenset(out / e.output for e in manifest.entries.values()) if todo else frozenset()
    replacing = Replacing(force, options.ours, known)
    try:
        for outcome in _outcomes(project, todo, options):
            results.append(_keep(project, outcome, out, manifest, replacing))
            on_result(results[-1])
    finally:
        if manifest.journal.is_file() or (options.shard and not manifest.path.is_file()):
            manifest.save()
    return results


def _outcomes(project: Project, jobs: list[Job], options: BuildOptions) -> Iterator:
    if not jobs:
        return iter(())
    from kapdocs.batch import executors

    if options.executor == "dask":
        return executors.run_dask(project.root, jobs, options.scheduler, options.audit)
    if options.workers <= 1 or len(jobs) == 1:
        return executors.run_here(project.root, jobs, options.audit)
    return executors.run_pool(project.root, jobs, min(options.workers, len(jobs)), options.audit)


def _keep(project: Project, outcome, out: Path, manifest, replacing: Replacing) -> Result:
    """Write a finished job's bytes and record it in the manifest."""
    from kapdocs.batch.manifest import Entry, fingerprint

    result = _written(project, outcome, out / outcome.output, replacing)
    if result.path is not None:
        stat = result.path.stat()
        key = outcome.job.key(project)
        manifest.record(key, Entry(outcome.output, fingerprint(key, out), outcome.inputs,
                                   hashlib.sha256(outcome.data).hexdigest(), (stat.st_size, stat.st_mtime_ns),
                                   outcome.units, outcome.warnings))
    return result


def _written(project: Project, outcome, path: Path, replacing: Replacing) -> Result:
    """A finished job's result, its bytes written to `path` whole (unless the job failed, or the
    file there may not be replaced)."""
    result = Result(outcome.job, units=outcome.units, seconds=outcome.seconds, warnings=outcome.warnings,
                    error=outcome.error, slow_subsetting=outcome.slow_subsetting, internal=outcome.internal)
    if result.ok:
        try:
            check_target(project, path, replacing, outcome.inputs)
            write_atomically(path, outcome.data)
            result.path, result.findings = path, outcome.findings
        except KapdocsError as err:
            result.error = str(err)
    return result
