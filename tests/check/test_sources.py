"""Figures a patient reads need a source; a listed source must be cited."""

from __future__ import annotations

from kapdocs.check import check_documents
from kapdocs.check.sources import figures_in

from checking import check_source


#: The front matter's list of sources the fixture cites.
SOURCES = """sources:
  label:
    title: A drug label
    publisher: A maker
    year: 2024
    url: https://example.org/label
"""


def source_findings(project, body: str):
    path = check_source(project, body, summary="Do not drive for 24 hours after a session.", extra=SOURCES)
    report = check_documents(project, [path], ("",), outputs=False)[0]
    return [(f.line, f.message) for f in report.findings if f.rule == "sources"]


def test_figures_are_percentages_counts_and_durations_not_phone_numbers():
    assert figures_in("About 1 in 3 people; 41% of them; 4–6 weeks; two hours; at least 24 hours.") == \
        ["1 in 3", "41%", "4–6 weeks", "two hours", "24 hours"]
    assert figures_in("Call 988 or 911, or (503) 555-0142. Schedule III. A few days.") == []


def test_a_cited_figure_passes_and_is_sourced_wherever_it_is_repeated(project):
    body = "## What to do\n\nDo not drive for at least 24 hours.[^label] Rest.\n\n### The first 24 hours\n\nCall us.\n"
    assert source_findings(project, body) == []  # the summary and the heading repeat the cited figure


def test_a_figure_without_a_source_is_named_once_at_its_line(project):
    body = ("## What to do\n\nDo not drive for 24 hours.[^label]\n\n"
            "It carries about 40% of all signals. Again, 40% of them.\n\n| Effect | How often |\n|---|---|\n"
            "| Sleepiness | 35% |\n")
    assert source_findings(project, body) == [(22, "“40%” has no source"), (24, "“35%” has no source")]


def test_a_listed_source_nobody_cites_is_named_at_its_line(project):
    assert source_findings(project, "## What to do\n\nCall us if you feel worse.\n") == [
        (9, "“24 hours” has no source"), (11, "source `label` is never cited")]
