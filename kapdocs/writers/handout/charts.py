"""`::: stats {chart=...}` drawn as SVG for print: bar, column and pie charts.

Hand-written SVG (a few rectangles and paths): the handout needs three plain chart shapes in
the brand's colours, and a plotting library would be a large dependency for that. The chart
is a picture for the eye; its alt text, built from the same numbers, is what a screen
reader reads, and the numbers are also printed on the chart.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup

from kapdocs import model as m

FONT = 15.0  # viewBox units; the chart is scaled to the text column, so text scales with it
LABEL_CHARS = 30  # characters per line under a column


@dataclass(frozen=True)
class ChartStyle:
    """What the brand decides about a chart."""

    colours: tuple[str, ...]  # series colours, first = primary
    text: str
    grid: str
    font: str
    width: float = 600.0  # viewBox width: 600 prints FONT at about 12 pt on a Letter text column; 400 at 18 pt


def draw_chart(kind: str, stats: tuple[m.Stat, ...], style: ChartStyle, alt: str) -> Markup:
    """The `<svg>` for one chart."""
    body, height = {"bar": _bars, "column": _columns, "pie": _pie}[kind](stats, style)
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-art" viewBox="0 0 {w:g} {h:g}" role="img" aria-label="{alt}" '
        'font-family="{font}" font-size="{size:g}" fill="{text}">\n<title>{alt}</title>\n{body}\n</svg>'
    ).format(w=style.width, h=height, alt=alt, font=style.font, size=FONT, text=style.text, body=body)


def svg_can_draw(stats: tuple[m.Stat, ...]) -> bool:
    """Whether the chart's labels can be SVG text. WeasyPrint sets SVG text letter by letter, left
    to right: Arabic or Hebrew letters would print unjoined and reversed, so such a chart is
    left to the stat tiles, whose text Pango shapes."""
    return not any(unicodedata.bidirectional(ch) in ("R", "AL") for s in stats for ch in _label(s))


def _scale(stats: tuple[m.Stat, ...]) -> float:
    """The axis maximum: 100 for percentages, else the largest value with some headroom."""
    top = max(s.number or 0 for s in stats)
    if all(s.value.endswith("%") for s in stats) and top <= 100:
        return 100.0
    return top * 1.1 or 1.0


def _label(stat: m.Stat) -> str:
    return m.plain_text(stat.label).strip()


def _bars(stats, style: ChartStyle) -> tuple[Markup, float]:
    """Horizontal bars, each under its label, the value at the bar's end."""
    row, bar, top = 52.0, 22.0, 4.0
    scale, usable = _scale(stats), style.width - 70
    parts = []
    for i, stat in enumerate(stats):
        y = top + i * row
        length = max(usable * (stat.number or 0) / scale, 2)
        parts.append(Markup(
            '<text x="0" y="{ty:g}">{label}</text>'
            '<rect x="0" y="{by:g}" width="{w:.1f}" height="{h:g}" rx="3" fill="{c}"/>'
            '<text x="{vx:.1f}" y="{vy:g}" font-weight="700">{value}</text>').format(
            ty=y + FONT, label=_label(stat), by=y + 22, w=length, h=bar, c=style.colours[0],
            vx=length + 8, vy=y + 22 + bar - 6, value=stat.value))
    return Markup("\n").join(parts), top + len(stats) * row


def _columns(stats, style: ChartStyle) -> tuple[Markup, float]:
    """Vertical columns on a baseline, values on top, labels (wrapped) underneath."""
    plot, top = 150.0, 24.0
    scale, slot = _scale(stats), style.width / len(stats)
    width = min(slot * 0.55, 90)
    wrapped = [_wrap(_label(s), max(8, int(slot / (FONT * 0.55)))) for s in stats]
    parts = [Markup('<line x1="0" y1="{y:g}" x2="{w:g}" y2="{y:g}" stroke="{c}" stroke-width="1.5"/>').format(
        y=top + plot, w=style.width, c=style.grid)]
    for i, (stat, lines) in enumerate(zip(stats, wrapped)):
        centre = slot * (i + 0.5)
        height = max(plot * (stat.number or 0) / scale, 2)
        parts.append(Markup(
            '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" fill="{c}"/>'
            '<text x="{cx:.1f}" y="{vy:.1f}" text-anchor="middle" font-weight="700">{value}</text>').format(
            x=centre - width / 2, y=top + plot - height, w=width, h=height, c=style.colours[0],
            cx=centre, vy=top + plot - height - 7, value=stat.value))
        for n, text in enumerate(lines):
            parts.append(Markup('<text x="{cx:.1f}" y="{y:.1f}" text-anchor="middle">{t}</text>').format(
                cx=centre, y=top + plot + 22 + n * (FONT * 1.25), t=text))
    tallest = max(len(lines) for lines in wrapped)
    return Markup("\n").join(parts), top + plot + 14 + tallest * FONT * 1.25


def _pie(stats, style: ChartStyle) -> tuple[Markup, float]:
    """Slices clockwise from twelve o'clock, with a legend of labels and values on the right."""
    radius, cx, cy = 80.0, 84.0, 84.0
    total = sum(s.number or 0 for s in stats) or 1.0
    parts, angle = [], -math.pi / 2
    for i, stat in enumerate(stats):
        sweep = 2 * math.pi * (stat.number or 0) / total
        colour = style.colours[i % len(style.colours)]
        end = angle + sweep
        if sweep >= 2 * math.pi - 1e-9:
            parts.append(Markup('<circle cx="{:g}" cy="{:g}" r="{:g}" fill="{}"/>').format(cx, cy, radius, colour))
        else:
            large = 1 if sweep > math.pi else 0
            parts.append(Markup(
                '<path d="M{cx:g},{cy:g} L{x1:.2f},{y1:.2f} A{r:g},{r:g} 0 {large},1 {x2:.2f},{y2:.2f} Z" '
                'fill="{c}" stroke="#FFFFFF" stroke-width="2"/>').format(
                cx=cx, cy=cy, r=radius, large=large, c=colour,
                x1=cx + radius * math.cos(angle), y1=cy + radius * math.sin(angle),
                x2=cx + radius * math.cos(end), y2=cy + radius * math.sin(end)))
        y = 20 + i * 30
        parts.append(Markup(
            '<rect x="200" y="{y:g}" width="18" height="18" rx="3" fill="{c}"/>'
            '<text x="228" y="{ty:g}"><tspan font-weight="700">{value}</tspan> {label}</text>').format(
            y=y, c=colour, ty=y + 14, value=stat.value, label=_label(stat)))
        angle = end
    return Markup("\n").join(parts), max(2 * cy, 30 + len(stats) * 30)


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to at most `width` characters a line (SVG text does not wrap)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
