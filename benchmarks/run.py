"""kapdocs benchmark: each figure is a ratio of two measurements taken in this one run.

    .venv/bin/python benchmarks/run.py [--repeat N]

- handout: kapdocs' steady-state time per handout (read, transform, HTML, PDF) against
  WeasyPrint's own render of the identical HTML and CSS in the same process (the floor);
- deck: kapdocs' time per deck against the same deck written by python-pptx alone, from the
  already planned slide model (what is left is planning and measuring text).
Batch-on-all-cores and no-change-rebuild ratios arrive with parallel, incremental builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from kapdocs.brand import load_brand
from kapdocs.build import Job, render
from kapdocs.project import Project
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.deck import master_path, plan_deck
from kapdocs.writers.handout import renderer, stylesheets
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
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    project = Project(ROOT)
    brand = load_brand("default", ROOT)
    print(f"{'measure':<34}{'kapdocs':>10}{'baseline':>10}{'ratio':>8}  target")
    for source in project.sources():
        job = Job(source, "default", "pdf")
        document = apply_pipeline(read_source(source), Context(project, "handout", brand))
        html = render_handout_html(document, brand)
        allowed = (ROOT, brand.folder, brand.file("handout.css").parent)

        def weasyprint_alone() -> None:
            renderer().render(html, stylesheets(brand), ROOT, allowed, brand.folder, source)

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


if __name__ == "__main__":
    main()
