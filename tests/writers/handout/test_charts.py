"""Handout charts: which labels SVG can set, and what a chart in a right-to-left script prints as."""

from __future__ import annotations

from kapdocs import model as m
from kapdocs.brand.schema import load_brand
from kapdocs.readers import read_source
from kapdocs.transforms import Context, apply_pipeline
from kapdocs.writers.handout.charts import svg_can_draw
from kapdocs.writers.handout.html import render_handout_html

from conftest import FRONT, write


def stats(*labels: str) -> tuple[m.Stat, ...]:
    return tuple(m.Stat("41%", (m.Text(label),), 41.0, 1) for label in labels)


def test_latin_chinese_and_cyrillic_labels_are_drawn_as_svg():
    assert svg_can_draw(stats("Dissociation", "解离", "Диссоциация", "Phân ly"))


def test_arabic_or_hebrew_labels_are_not_drawn_as_svg():
    assert not svg_can_draw(stats("Dissociation", "الانفصال"))
    assert not svg_can_draw(stats("דיסוציאציה"))


def chart_html(project, lang: str, label: str) -> str:
    source = FRONT.replace("lang: en", f"lang: {lang}") + f'\n::: stats "Title" {{chart=bar}}\n- 41% | {label}\n:::\n'
    path = write(project, f"handouts/chart-{lang}.md", source)
    document = apply_pipeline(read_source(path), Context(project, "handout", load_brand("default", project.root)))
    return render_handout_html(document, load_brand("default", project.root))


def test_an_arabic_chart_prints_as_stat_tiles_whose_text_is_shaped(project):
    html = chart_html(project, "ar", "الانفصال")
    assert "<svg" not in html.split("<main")[-1]
    assert '<span class="stat-value">41%</span> <span class="stat-label">الانفصال</span>' in html


def test_an_english_chart_stays_svg(project):
    html = chart_html(project, "en", "Dissociation")
    assert 'class="chart-art"' in html and 'class="stat-label"' not in html
