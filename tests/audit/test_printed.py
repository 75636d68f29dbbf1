"""The audit's page rules, each on a real PDF (plain WeasyPrint) made to pass and one made to fail."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import weasyprint

from kapdocs.audit.printed import (clipped, figures_without_alt, footer_height, heading_at_foot, markers,
                                   markers_in_title, off_page, overprint, page_fill, pdf_findings,
                                   reading_order, second_script_without_lang, type_size)
from kapdocs.audit.pdf import read_printed

PAGE = "@page { size: letter; margin: 20mm; }"
TEXT = "Ketamine can ease depression within hours for many people who did not get better with other medicines. " * 3


def printed(body: str, css: str = PAGE, lang: str = "en", title: str = "A handout"):
    """The pages of a tagged PDF made from `body` by WeasyPrint."""
    html = f"<html lang='{lang}'><head><title>{title}</title><style>{css}</style></head><body>{body}</body></html>"
    return read_printed(weasyprint.HTML(string=html).write_pdf(pdf_tags=True))


def test_text_run_into_the_next_cell_is_overprint():
    fixed = "table { table-layout: fixed; width: 60mm; } td { width: 20mm; font-size: 14pt; }"
    bad = printed("<table><tr><td>Electroencephalography</td><td>Hyperventilation</td><td>x</td></tr></table>",
                  PAGE + fixed)
    good = printed(f"<p>{TEXT}</p>")
    assert overprint(bad.pages[0], "t.pdf") and overprint(bad.pages[0], "t.pdf")[0].rule == "overprint"
    assert not overprint(good.pages[0], "t.pdf")


@pytest.mark.parametrize("overflow, found", [("hidden", True), ("visible", False)])
def test_text_cut_off_by_its_cell_is_found(overflow, found):
    cell = f"<td style='overflow: {overflow}; white-space: nowrap'>Pneumonoultramicroscopic silicovolcanoconiosis</td>"
    table = f"<table style='table-layout: fixed; width: 200px'><tr>{cell}<td>Dust</td></tr></table>"
    findings = clipped(printed(table + f"<p>{TEXT}</p>").pages[0], "t.pdf")
    assert bool(findings) is found
    if found:
        assert findings[0].rule == "clipped" and "Pneumono" in findings[0].message


def test_text_past_the_paper_edge_is_found():
    bad = printed("<p style='position: absolute; left: -30mm; top: 0'>Call the clinic</p>")
    assert off_page(bad.pages[0], "t.pdf")
    assert not off_page(printed(f"<p>{TEXT}</p>").pages[0], "t.pdf")


@pytest.mark.parametrize("size, minimum, found", [(17, 18, True), (18, 18, False), (7.5, 8, True), (9, 8, False)])
def test_the_smallest_text_against_the_variant(size, minimum, found):
    page = printed(f"<p style='font-size: {size}pt'>{TEXT}</p>").pages[0]
    findings = type_size(page, "t.pdf", minimum)
    assert bool(findings) is found
    if found:
        assert findings[0].measured == f"{size:g} pt"


def test_text_inside_a_figure_counts_at_its_printed_size():
    # A chart drawn at 20 units in a 1000-unit-wide drawing printed 200 pt wide: 4 pt on paper.
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1000 100' width='200pt' height='20pt'>"
           "<text x='10' y='50' font-size='20'>Hours</text></svg>")
    page = printed(f"<p style='font-size: 20pt'>Big text</p><figure>{svg}</figure>").pages[0]
    findings = type_size(page, "t.pdf", 18)
    assert findings and findings[0].measured == "4 pt"


@pytest.mark.parametrize("anchor", ["start", "middle"])  # WeasyPrint draws anchored SVG text in a form XObject
def test_text_an_svg_draws_belongs_to_its_figure(anchor):
    """The marked content around a form XObject holds what it draws; PDFium marks only the form.
    Read back, the picture's text was held by no element, or by whichever one had no content id."""
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='200' height='40'><text x='100' y='30' "
           f"text-anchor='{anchor}'>Glutamate</text></svg>")
    page = printed(f"<p>Before.</p><img alt='A picture' src='data:image/svg+xml,{quote(svg)}'><p>After.</p>").pages[0]
    held = {glyph.char: glyph.kinds[-1] for glyph in page.glyphs}
    assert held["G"] == "Figure" and held["B"] != "Figure" and held["A"] != "Figure"


def test_an_unfilled_variable_is_found_on_the_page_and_in_the_title():
    bad = printed("<p>Questions? Call {{ clinic.phone }}.</p>", title="Call {{ clinic.phone }}")
    assert markers(bad.pages[0], "t.pdf")[0].rule == "template-marker"
    assert markers_in_title(bad, "t.pdf")
    good = printed("<p>Questions? Call (503) 555-0142.</p>")
    assert not markers(good.pages[0], "t.pdf") and not markers_in_title(good, "t.pdf")


def test_a_page_left_mostly_empty_is_found_but_a_full_one_is_not():
    document = printed(f"<p>Two lines only.</p><p style='break-before: page'>{TEXT * 12}</p><p>{TEXT * 12}</p>")
    assert page_fill(document.pages[0], "t.pdf")[0].rule == "page-fill"
    assert not page_fill(document.pages[1], "t.pdf")


def test_a_stamp_across_the_page_does_not_fill_it_or_overprint_it():
    """The DRAFT stamp lies at an angle across every page of an unreviewed handout: a page holding
    two lines under it is still mostly empty, and the words it crosses are not overprinted."""
    stamp = ("<p style='position: fixed; top: 45%; left: 0; right: 0; transform: rotate(-28deg); "
             "font-size: 40pt; text-align: center'>DRAFT — not reviewed</p>")
    document = printed(f"{stamp}<p>Two lines only.</p><p style='break-before: page'>{TEXT * 12}</p><p>{TEXT * 12}</p>")
    assert page_fill(document.pages[0], "t.pdf")[0].rule == "page-fill"
    assert not overprint(document.pages[1], "t.pdf")


def test_a_heading_as_the_last_line_of_a_page_is_found():
    bad = printed("<div style='height: 200mm'></div><h2>What to expect</h2>"
                  "<p style='break-before: page'>The session lasts two hours.</p>")
    good = printed(f"<h2>What to expect</h2><p>{TEXT}</p><p style='break-before: page'>More.</p>")
    assert heading_at_foot(bad.pages[0], "t.pdf")[0].rule == "heading-at-foot"
    assert not heading_at_foot(good.pages[0], "t.pdf")


@pytest.mark.parametrize("margin, found", [("90mm", True), ("20mm", False)])
def test_a_tall_footer_is_found(margin, found):
    css = (f"@page {{ size: letter; margin: 20mm 20mm {margin};"
           " @bottom-center { content: 'In crisis? Call or text 988'; vertical-align: top; } }")
    assert bool(footer_height(printed(f"<p>{TEXT}</p>", css).pages[0], "t.pdf")) is found


PICTURE = ("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40'>"
           "<rect width='40' height='40' fill='black'/></svg>")


def test_a_figure_without_alt_text_is_found():
    assert figures_without_alt(printed(f"<img src=\"{PICTURE}\">").pages[0], "t.pdf")
    assert not figures_without_alt(printed(f"<img src=\"{PICTURE}\" alt='Scan to call the clinic'>").pages[0], "t.pdf")


def test_text_in_a_second_script_needs_its_language():
    bad = printed("<p>简体中文：如果您需要帮助</p>")
    good = printed("<p>简体中文：如果您需要帮助</p><p>NMDA and (503) 555-0142</p>", lang="zh-Hans")
    assert second_script_without_lang(bad.pages[0], "t.pdf", "en")[0].rule == "text-lang"
    assert not second_script_without_lang(good.pages[0], "t.pdf", "zh-Hans")


GRID = "<div style='display: grid; grid-template-columns: 1fr 1fr'>{}</div>"
PLACED = "<p style='grid-column: {}; grid-row: {}'>{}</p>"


@pytest.mark.parametrize("lang, dir_, placed, found", [
    ("en", "ltr", [(1, 1), (2, 1), (1, 2), (2, 2)], False),  # row by row, as written
    ("en", "ltr", [(2, 1), (1, 1), (1, 2), (2, 2)], True),   # the second item moved left of the first
    ("en", "ltr", [(1, 2), (2, 2), (1, 1), (2, 1)], True),   # the last row printed first
    # An Arabic page reads a row from the right (the grid is set left to right: column 1 at the left)
    ("ar", "ltr", [(2, 1), (1, 1), (2, 2), (1, 2)], False),
    ("ar", "ltr", [(1, 1), (2, 1), (1, 2), (2, 2)], True),
])
def test_blocks_printed_out_of_their_reading_order_are_found(lang, dir_, placed, found):
    items = "".join(PLACED.format(column, row, f"Item {n}: {TEXT[:40]}") for n, (column, row) in enumerate(placed, 1))
    body = f"<div dir='{dir_}'>" + GRID.format(items) + "</div>"
    pages = printed(f"<h2>Heading</h2><p>{TEXT}</p>{body}<p>{TEXT}</p>", lang=lang).pages
    findings = reading_order(pages[0], "t.pdf", lang)
    assert bool(findings) is found, findings
    if found:
        assert findings[0].rule == "reading-order" and "is read after" in findings[0].message


def test_a_clean_page_has_no_findings_at_all():
    css = PAGE + " body { font-size: 12pt; }"
    pdf = weasyprint.HTML(string=f"<html lang='en'><head><title>Ok</title><style>{css}</style></head>"
                                 f"<body><h2>Why</h2><p>{TEXT}</p></body></html>").write_pdf(pdf_tags=True)
    assert pdf_findings(pdf, "t.pdf", large_print=False) == []
