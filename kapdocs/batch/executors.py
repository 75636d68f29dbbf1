"""Where jobs run: in this process, in a pool of local processes, or on a Dask cluster.
(`kapdocs handout` lays its one PDF out in a process of its own: kapdocs.batch.ahead.)

Every executor runs the same function, `make(project_root, job, audit)`, which returns an Outcome:
the output's bytes and everything the manifest needs, and with `audit` (build --audit) what the
audit found in those bytes, read back in the worker that made them while the others lay theirs out. Only the process that asked for the build
writes files, so a Dask cluster returns bytes and the files land locally.

A worker process keeps what it has loaded across jobs: WeasyPrint's font configuration, parsed
stylesheets and encoded pictures, parsed templates and Jinja environments, brand kits,
PowerPoint masters and parsed sources are cached per process (and per file version), so the
second job on a worker is cheaper than the first.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import os
import resource
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from kapdocs.errors import KapdocsError
from kapdocs.support.files import digest, note_read, recording_reads

if TYPE_CHECKING:
    from kapdocs.pipeline import Job


@dataclass
class Outcome:
    """What one job produced in a worker, or why it failed."""

    job: Job
    data: bytes = b""
    output: str = ""  # where it goes, relative to the output folder
    units: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    inputs: dict[str, str] = field(default_factory=dict)
    slow_subsetting: bool = False  # WeasyPrint fell back to fontTools to subset fonts
    internal: bool = False  # the error is a bug in kapdocs, not the input's fault
    worker: int = 0  # the worker's process id
    peak_rss_kb: int = 0  # the worker's peak memory so far
    rss_kb: int = 0  # the worker's memory after this job (Linux; 0 elsewhere)
    heap_kb: int = 0  # what malloc has handed out and not had back, after this job (glibc; 0 elsewhere)
    findings: list | None = None  # what `audit` found in `data` (None: not audited here)


#: build --audit's reading of one output in the worker that made it: (project root, job, the output's
#: place under the output folder, its bytes) → findings. Passed in by the caller (the CLI), since the
#: audit sits above the batch; a module-level function, so that it reaches the worker processes.
Audit = Callable[[Path, "Job", str, bytes], list]


_one_job_at_a_time = threading.Lock()


def make(project_root: Path, job: Job, audit: Audit | None = None) -> Outcome:
    """Build one job into bytes (in whichever process runs it); a bad input becomes the error.
    With `audit`, the bytes are read back here too, from memory (not in `seconds`).

    A process builds one job at a time, whatever runs it on several threads (a Dask worker has
    one thread a core unless told otherwise): the files a job read are recorded per process,
    and the renderers and their caches are one per process. Side by side, two jobs recorded
    each other's reads, some none at all, and those outputs would never have been rebuilt."""
    with _one_job_at_a_time:
        outcome = _make(project_root, job)
        if audit is not None and not outcome.error:
            outcome.findings = audit(project_root, job, outcome.output, outcome.data)
        _keep_what_is_loaded()
        return outcome


_kept_for_good = False


def _keep_what_is_loaded() -> None:
    """After a process's first job, freeze what it holds: WeasyPrint, python-pptx and the caches
    stay loaded to the end, and Python's garbage collector stops going through them again at
    every full collection: it saves about 0.6 s of the 1.5 s a one-core build of the sample matrix
    spends collecting. Frozen once, not after every job: an object frozen is never collected as part
    of a cycle, so only what the first job left (bounded) can outlive its use. Unfrozen at exit,
    so that objects are finalized while the modules they need are still there.

    Not where the collector is off: `kapdocs handout` and `deck` turn it off for their one job
    (kapdocs.batch.one_file), and the collection before freezing would take 35-50 ms of `kapdocs handout`,
    between the PDF coming back and the file being written."""
    global _kept_for_good
    if not _kept_for_good and gc.isenabled():
        gc.collect()
        gc.freeze()
        atexit.register(gc.unfreeze)
        _kept_for_good = True


def _make(project_root: Path, job: Job) -> Outcome:
    from kapdocs.pipeline import output_path, render
    from kapdocs.support.project import Project

    project = Project(project_root)
    started = time.perf_counter()
    outcome = Outcome(job, worker=os.getpid())
    with recording_reads() as reads:
        try:
            data, units, warnings, document = render(project, job)
            _note_brand_files(project, job)
        except KapdocsError as err:
            outcome.error = str(err)
        else:
            outcome.data, outcome.units, outcome.warnings = data, units, warnings
            outcome.output = output_path(Path("."), job, document).as_posix()
            outcome.inputs = {_name(project, path): digest(path) for path in sorted(reads) if _an_input(project, path)}
            outcome.slow_subsetting = job.format == "pdf" and _slow_subsetting()
    outcome.seconds = time.perf_counter() - started
    outcome.peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome.rss_kb = _resident_kb()
    outcome.heap_kb = _heap_kb()
    return outcome


def _resident_kb() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                     "fsmblks", "uordblks", "fordblks", "keepcost")]


@lru_cache(maxsize=1)
def _mallinfo2():
    try:
        function = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):  # not glibc, or glibc before 2.33
        return None
    function.restype = _MallInfo2
    return function


def _heap_kb() -> int:
    """The bytes malloc has handed out and not had back (glibc's mallinfo2), in KiB. A leak shows
    in it at once; the resident size hides it until malloc's pool of freed memory runs dry (a
    1 MB-per-job leak left it flat for 36 jobs, then it jumped by 38 MB)."""
    mallinfo2 = _mallinfo2()
    if mallinfo2 is None:
        return 0
    info = mallinfo2()
    return (info.uordblks + info.hblkhd) // 1024


def _note_brand_files(project, job: Job) -> None:
    """A brand kit is read piecemeal (brand.yaml, logo, CSS, master, catalogs): record all of it,
    and all of each brand it `extends`, whose values it inherits. Each file of the default kit
    that a kit lacks is recorded as looked for (its stylesheet, template, master or catalog comes
    from the default brand until the kit has its own): adding one later rebuilds its outputs."""
    from kapdocs.brand.kits import brand_lineage, builtin_templates

    default = builtin_templates() / "default"
    kit_files = [path.relative_to(default) for path in default.rglob("*") if path.is_file()]
    for folder in brand_lineage(job.brand, project.root):
        for path in folder.rglob("*"):
            if path.is_file():
                note_read(path)
        for name in kit_files:
            note_read(folder / name)
    note_read(project.root / "kapdocs.toml")


def _an_input(project, path: Path) -> bool:
    """Whether a file read is an input of its own in the manifest: not a file of kapdocs itself
    (its code, catalogs and built-in brands, outside the project), which the code fingerprint
    covers by content. Named by an absolute path, such a file would be absent on another machine
    or in another environment, and every output there would rebuild."""
    from kapdocs.batch.manifest import kapdocs_folders

    return path.is_relative_to(project.root) or not any(path.is_relative_to(folder) for folder in kapdocs_folders())


def _name(project, path: Path) -> str:
    return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)


def _slow_subsetting() -> bool:
    from kapdocs.writers.handout.writer import renderer

    return renderer().fonttools_subsetting  # asked of the process that rendered


def run_here(project_root: Path, jobs: list[Job], audit: Audit | None = None) -> Iterator[Outcome]:
    """One job after another in this process (--jobs 1)."""
    for job in jobs:
        yield make(project_root, job, audit)


def run_pool(project_root: Path, jobs: list[Job], workers: int, audit: Audit | None = None) -> Iterator[Outcome]:
    """Worker processes, each given the jobs most like those it has done; outcomes stream back as
    jobs finish, in any order.

    A worker's first job in a language or brand loads what its next ones reuse: the language's
    fonts, pictures and catalogs, the brand's stylesheets, logo and master. From one shared queue
    every worker met every language and brand of the matrix and loaded each for itself; here each
    keeps to its own while they last (see `Dispatch`). Two workers building the sample matrix
    ran 10% fewer instructions for it (80.6 billion against 89.8, counted by callgrind), for the
    same bytes. So that a job can be sent to a chosen worker, each worker is a pool of one
    process. One that dies fails the jobs it holds, and a new one takes its place.

    One job failing does not stop the others. Stopping the iteration (Ctrl-C) cancels the jobs
    that have not started."""
    dispatch = Dispatch(jobs, workers)
    # Each pool forks its process at its first job, while the pools before it run a thread that
    # watches theirs; a worker uses only its own pool's queues, none of the locks those hold.
    lanes = [_lane() for _ in range(workers)]
    held: dict[Future, tuple[int, Job, ProcessPoolExecutor]] = {}

    def hand_out(lane: int) -> None:
        # Two jobs a worker, so that it starts its next while this process takes in its last.
        while sum(1 for at, *_ in held.values() if at == lane) < 2 and (job := dispatch.next_for(lane)):
            try:
                future = lanes[lane].submit(make, project_root, job, audit)
            except BrokenProcessPool:  # it died between jobs
                replace(lane, lanes[lane])
                future = lanes[lane].submit(make, project_root, job, audit)
            held[future] = (lane, job, lanes[lane])

    def replace(lane: int, pool: ProcessPoolExecutor) -> None:
        if lanes[lane] is pool:  # not yet replaced, for another job it held
            pool.shutdown(wait=False)
            lanes[lane] = _lane()

    try:
        for lane in range(workers):
            hand_out(lane)
        while held:
            done, _ = wait(held, return_when=FIRST_COMPLETED)
            for future in done:
                lane, job, pool = held.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    replace(lane, pool)
                hand_out(lane)
                yield _result_of(future, job)
    finally:
        for future in held:
            future.cancel()
        for lane in lanes:
            lane.shutdown(cancel_futures=True)


def _lane() -> ProcessPoolExecutor:
    """A pool of one worker process that ends when this process does."""
    return ProcessPoolExecutor(max_workers=1, initializer=end_with_parent, initargs=(os.getpid(),))


#: Linux's prctl option that sends the calling process a signal when its parent ends.
PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it ends, however it ends
    (SIGKILL included, when no exit handler runs to stop the workers); elsewhere than Linux, a
    thread checks for the parent every second."""
    import signal

    try:
        ok = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        ok = False
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)
    if not ok:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class Dispatch:
    """Which job a worker takes next.

    Handouts before decks (a handout takes about ten times as long), so that no worker is left
    with a long job at the end while the others wait. Among those, a job in a language the worker
    has had, in a brand it has had if there is one; else in a language no other worker has had;
    else any, taken over from another. Jobs of one language and brand keep their given order."""

    def __init__(self, jobs: list[Job], workers: int) -> None:
        # kind (handouts first) → language → brand → jobs
        self._waiting: dict[bool, dict[str, dict[str, deque[Job]]]] = {}
        for job in jobs:
            kinds = self._waiting.setdefault(job.format != "pdf", {})
            kinds.setdefault(job.locale, {}).setdefault(job.brand, deque()).append(job)
        self._waiting = dict(sorted(self._waiting.items()))
        self._languages: list[dict[str, None]] = [{} for _ in range(workers)]  # in the order met
        self._brands: list[dict[str, None]] = [{} for _ in range(workers)]

    def next_for(self, worker: int) -> Job | None:
        for kind, languages in self._waiting.items():
            if languages:
                language = self._language_for(worker, languages)
                brands = languages[language]
                brand = next((b for b in self._brands[worker] if b in brands), next(iter(brands)))
                return self._take(worker, kind, language, brand)
        return None

    def _language_for(self, worker: int, waiting: dict[str, dict]) -> str:
        own = next((language for language in self._languages[worker] if language in waiting), None)
        if own is not None:
            return own
        others = {language for at, met in enumerate(self._languages) if at != worker for language in met}
        return next((language for language in waiting if language not in others), next(iter(waiting)))

    def _take(self, worker: int, kind: bool, language: str, brand: str) -> Job:
        brands = self._waiting[kind][language]
        job = brands[brand].popleft()
        if not brands[brand]:
            del brands[brand]
            if not brands:
                del self._waiting[kind][language]
        self._languages[worker][language] = None
        self._brands[worker][brand] = None
        return job


def run_dask(project_root: Path, jobs: list[Job], scheduler: str, audit: Audit | None = None) -> Iterator[Outcome]:
    """The same jobs on a Dask distributed cluster (the `kapdocs[dask]` extra).

    The workers must have kapdocs installed and see the project at the same path (a shared
    filesystem); they return bytes, which are written here."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KapdocsError("the Dask executor needs the `distributed` package",
                           hint="install kapdocs[dask] (pip install 'kapdocs[dask]')") from None
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as err:
        raise KapdocsError(f"cannot reach the Dask scheduler at {scheduler}: {err}",
                           hint="give its address as tcp://HOST:8786 and check that it is running") from None
    with client:
        futures = client.map(make, [project_root] * len(jobs), jobs, [audit] * len(jobs), pure=False)
        job_of = dict(zip((f.key for f in futures), jobs))
        for future in as_completed(futures):
            yield _result_of(future, job_of[future.key])


def _result_of(future, job: Job) -> Outcome:
    """A finished future's outcome; a crash in kapdocs itself is that job's error, not the batch's."""
    try:
        return future.result()
    except BrokenProcessPool as err:  # the worker died (killed for memory, say): not a bug to report
        return Outcome(job, error=f"{job.source.name}: the worker building it ended ({type(err).__name__}: {err})")
    except Exception as err:  # a bug in kapdocs: report it against the job, with its traceback kept, and go on
        return Outcome(job, internal=True, error=f"{job.source.name}: internal error ({type(err).__name__}: {err}). "
                                                  f"This is a bug in kapdocs: please report it with {crash_log(err)}")


def crash_log(err: BaseException) -> str:
    """Write `err`'s traceback (a worker's too: it comes as the cause) to a new log file; its path."""
    import tempfile
    import traceback

    from kapdocs import __version__

    with tempfile.NamedTemporaryFile("w", prefix="kapdocs-crash-", suffix=".log", delete=False) as log:
        log.write(f"kapdocs {__version__}\n\n{''.join(traceback.format_exception(err))}")
    return log.name
