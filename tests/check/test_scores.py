"""PEMAT-P and CDC Clear Communication Index scores: a handout with the judged items passes, a
bare one is scored low and told which items it misses."""

from __future__ import annotations

import shutil

from kapdocs.brand.kits import builtin_templates
from kapdocs.check import check_documents

from checking import check_source

GOOD = """## Before you come

Rest the night before. Your care team will call you a day ahead.

![A calendar with the session day circled](images/calendar.png)

::: callout warning "Plan your ride"
Ask an adult to take you home.
:::

## What to do after

- Go home and rest.
- Drink water.
- Call us if you feel worse.
"""


def scores(project, body: str, summary: str = "Rest before and after your session, and call us if you feel worse."):
    picture = project.root / "handouts/images/calendar.png"  # a real picture: a broken one fails the build
    picture.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(builtin_templates() / "default/logo.png", picture)
    path = check_source(project, body, summary=summary)
    report = check_documents(project, [path], ("",), outputs=False)[0]
    return report.measures, [f for f in report.findings if f.rule == "plain-language-score"]


def test_a_handout_with_the_judged_items_scores_full_marks(project):
    measures, found = scores(project, GOOD)
    assert (measures["PEMAT-P understandability"], measures["PEMAT-P actionability"],
            measures["CDC Clear Communication Index"]) == ("100%", "100%", "100%")
    assert found == []


def test_a_bare_handout_is_scored_low_and_told_what_it_misses(project):
    measures, found = scores(project, "Ketamine is a medicine. It acts on glutamate in the brain.\n", summary="")
    assert measures["PEMAT-P actionability"] == "0%"
    assert [f.level for f in found] == ["warning"] * 3
    actionability = next(f for f in found if "actionability" in f.message)
    assert "20 at least one action the reader can take" in actionability.message
    assert actionability.threshold == "≥ 70%"
