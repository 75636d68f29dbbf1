"""kapdocs benchmark: each figure is a ratio of two measurements taken in this one run.

    .venv/bin/pip install -e ".[benchmark]" && .venv/bin/python benchmarks/run.py [--repeat N]

- handout: kapdocs' steady-state time per handout (read, transform, HTML, PDF) against
  WeasyPrint's own render of the identical HTML and CSS in the same process (the floor);
- end to end: `kapdocs handout` as a whole process against `pandoc --pdf-engine=weasyprint` on
  the same Markdown (pandoc from pypandoc-binary);
- deck: kapdocs' time per deck against the same deck written by python-pptx alone, from the
  already planned slide model (what is left is planning and measuring text);
- batch: the sample matrix (every source × both brands × every language × both formats) on all
  cores against one process, as a speed-up (the median of 3 rounds);
- no change: rebuilding that matrix when nothing changed (the median of 5), against building it,
  and the start-up floor under it: the same command line parsed by typer, doing nothing;
- memory: each worker's resident memory over a 200-job batch (the matrix four and a half times):
  after its last job against after the job by which it had done every kind of job it does (the
  first Chinese handout loads a 20 MB font, so memory steps up as kinds of job first arrive); a
  leak would show as growth. Its peak RSS is printed too.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from kapdocs.brand import load_brand
from kapdocs.build import Job, page_options, plan_jobs, render
from kapdocs.project import Project
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.deck import master_path, plan_deck
from kapdocs.writers.handout import readable_folders, renderer, stylesheets
from kapdocs.writers.handout.html import render_handout_html

ROOT = Path(__file__).resolve().parent.parent


def paired(ours, baseline, repeat: int) -> tuple[float, float, float]:
    """Median seconds of each, and the median of per-round ratios, after one warm-up.

    The two run alternately, so a slow spell of the machine hits both alike instead of one."""
    ours(), baseline()
    mine, theirs = [], []
    for _ in range(repeat):
        for action, times in ((ours, mine), (baseline, theirs)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    ratio = statistics.median(a / b for a, b in zip(mine, theirs))
    return statistics.median(mine), statistics.median(theirs), ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21,
                        help="rounds per pair (on a shared machine a round varies by about 10%%)")
    repeat = parser.parse_args().repeat
    # kapdocs as installed: its bytecode compiled, as a wheel install (or any run where Python may
    # write bytecode) leaves it; its dependencies' is compiled by pip.
    compileall.compile_dir(ROOT / "kapdocs", quiet=1)
    project = Project(ROOT)
    brand = load_brand("default", ROOT)
    print(f"{'measure':<34}{'kapdocs':>10}{'baseline':>10}{'ratio':>8}  target")
    for source in project.sources():
        job = Job(source, "default", "pdf")
        document = apply_pipeline(read_source(source), Context(project, "handout", brand))
        options = page_options(project, job, brand, document)
        html = render_handout_html(document, brand, options)
        sheets, allowed = stylesheets(brand, notice=options.notice), readable_folders(ROOT, brand)

        def weasyprint_alone() -> None:
            renderer().render(html, sheets, ROOT, allowed, brand.folder, source)

        ours, floor, ratio = paired(lambda: render(project, job), weasyprint_alone, repeat)
        print(f"handout {source.stem:<26}{ours:>9.3f}s{floor:>9.3f}s{ratio:>8.2f}  ≤ 1.10")

    from kapdocs.writers.deck import powerpoint

    when = dt.datetime(2026, 1, 1)
    for source in project.sources():
        job = Job(source, "default", "pptx")
        deck = plan_deck(apply_pipeline(read_source(source), Context(project, "deck", brand)), brand)
        ours, floor, ratio = paired(lambda: render(project, job),
                                    lambda: powerpoint.write_deck(deck, master_path(brand), ROOT, when, brand), repeat)
        print(f"deck {source.stem:<29}{ours:>9.3f}s{floor:>9.3f}s{ratio:>8.2f}  ≤ 1.5")

    end_to_end(project, max(3, repeat // 3))
    batch(project)
    memory(project)


KAPDOCS = [sys.executable, "-m", "kapdocs"]


def end_to_end(project: Project, repeat: int) -> None:
    """Whole processes, start-up included: `kapdocs handout` against pandoc with WeasyPrint."""
    try:
        import pypandoc
    except ImportError:
        print("end to end: skipped (install the benchmark extra: pip install -e '.[benchmark]')")
        return
    pandoc = pypandoc.get_pandoc_path()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}  # pandoc finds weasyprint
    with tempfile.TemporaryDirectory() as folder:
        for source in project.sources()[:2]:
            ours = [*KAPDOCS, "handout", str(source), "-o", f"{folder}/k.pdf", "--project", str(project.root)]
            theirs = [pandoc, str(source), "--pdf-engine=weasyprint", "-o", f"{folder}/p.pdf"]
            mine, floor, ratio = paired(lambda: subprocess.run(ours, check=True, capture_output=True, env=env),
                                        lambda: subprocess.run(theirs, check=True, capture_output=True, env=env,
                                                               cwd=source.parent), repeat)
            print(f"end to end {source.stem:<23}{mine:>9.3f}s{floor:>9.3f}s{ratio:>8.2f}  < 1.0 (vs pandoc)")


def batch(project: Project, rounds: int = 3) -> None:
    """The sample matrix on all cores against one, and a no-change rebuild against the full build.

    Each round builds the matrix afresh both ways, one after the other; the speed-up is the median
    of the rounds' (one build takes 15-25 s, long enough for a shared machine's other work to land
    in it: single rounds here have ranged from 1.61 to 1.95)."""
    cores = os.cpu_count() or 1
    matrix = ["build", "--brand", "all", "--locale", "all", "--project", str(project.root)]
    with tempfile.TemporaryDirectory() as folder:
        def timed(*extra: str) -> float:
            start = time.perf_counter()
            subprocess.run([*KAPDOCS, *matrix, *extra], check=True, capture_output=True)
            return time.perf_counter() - start

        ones, manys = [], []
        for round_ in range(rounds):
            ones.append(timed("--out", f"{folder}/one{round_}", "--jobs", "1"))
            manys.append(timed("--out", f"{folder}/many{round_}", "--jobs", str(cores)))
        last = f"{folder}/many{rounds - 1}"
        unchanged = statistics.median(timed("--out", last, "--jobs", str(cores)) for _ in range(5))
        floor = statistics.median(_parse_only(matrix) for _ in range(5))
        files = sum(1 for p in Path(last).rglob("*.p*"))
    speedup = statistics.median(one / many for one, many in zip(ones, manys))
    one, many = statistics.median(ones), statistics.median(manys)
    print(f"batch {files} files, {cores} cores vs 1{'':<8}{many:>9.3f}s{one:>9.3f}s{speedup:>8.2f}  ≥ {0.85 * cores:.2f} "
          f"(speed-up, 0.85 × {cores}; median of {rounds} rounds)")
    print(f"no-change rebuild vs full build{'':<3}{unchanged:>9.3f}s{many:>9.3f}s{unchanged / many:>8.3f}  ≤ 0.02")
    print(f"  of which the start-up floor{'':<6}{floor:>9.3f}s{many:>9.3f}s{floor / many:>8.3f}  "
          "(Python and typer parsing the same command, doing nothing)")


#: `kapdocs build`'s own signature on a command that does nothing: what any no-change rebuild pays
#: before kapdocs looks at a single file.
PARSE_ONLY = """
import functools, sys
import typer
from kapdocs import cli

@functools.wraps(cli.build)
def parse_only(*args, **kwargs):
    pass

app = typer.Typer(add_completion=False)
app.command("build")(parse_only)
app.command("version")(lambda: None)
app(sys.argv[1:])
"""


def _parse_only(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", PARSE_ONLY, *arguments], check=True, capture_output=True)
    return time.perf_counter() - start


def memory(project: Project, jobs_wanted: int = 200) -> None:
    """Resident memory of each worker over a 200-job batch: it must not grow as the batch goes on.

    A worker's memory steps up the first time it meets a kind of job (a language's fonts, a brand's
    master); so it is compared from the job after which the worker had done every kind of job it
    would do in the run, to its last job."""
    from kapdocs.executors import run_pool

    planned = plan_jobs(project, brands=("all",), locales=("all",))
    jobs = (planned * (jobs_wanted // len(planned) + 1))[:jobs_wanted]
    seen: dict[int, list] = defaultdict(list)  # worker → its outcomes, in order
    for outcome in run_pool(project.root, jobs, os.cpu_count() or 1):
        seen[outcome.worker].append(outcome)
    for number, (worker, done) in enumerate(sorted(seen.items()), 1):
        warm = _warmed_up(done)
        early, late = done[warm].rss_kb, done[-1].rss_kb
        print(f"memory worker {number}: {len(done)} jobs{'':<10}{late / 1024:>8.0f}MB{early / 1024:>8.0f}MB"
              f"{late / early:>8.2f}  ≤ 1.05 (resident after its last job vs after job {warm + 1}, when it had "
              f"done each of its {len({o.job for o in done})} kinds of job; peak {done[-1].peak_rss_kb / 1024:.0f} MB)")


def _warmed_up(done: list) -> int:
    """The index of the job after which a worker had done every kind of job it did in the run."""
    kinds, met = {outcome.job for outcome in done}, set()
    for index, outcome in enumerate(done):
        met.add(outcome.job)
        if met == kinds:
            return index
    return len(done) - 1

if __name__ == "__main__":
    main()
