"""Reading PDFs back for tests: text per page (pypdfium2) and document structure (pypdf)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from pypdf import PdfReader


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    finally:
        document.close()


def pdf_facts(pdf: bytes) -> dict:
    """What a snapshot should pin: pages, metadata, language, tagging, and each page's text."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    info = reader.metadata or {}
    return {
        "pages": len(reader.pages),
        "page_size_pt": [round(float(v)) for v in reader.pages[0].mediabox[2:]],
        "title": info.get("/Title"),
        "author": info.get("/Author"),
        "subject": info.get("/Subject"),
        "keywords": info.get("/Keywords"),
        "modified": info.get("/ModDate"),
        "lang": root.get("/Lang"),
        "tagged": bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root,
        "text": page_texts(pdf),
    } | _form_fields(reader)


def _form_fields(reader: PdfReader) -> dict:
    """A form's fields, name → type and tooltip (only for PDFs that have a form)."""
    fields = reader.get_fields()
    if not fields:
        return {}
    return {"form_fields": {name: f"{field['/FT']} {field.get('/TU', '')}" for name, field in sorted(fields.items())}}


def field_pages(pdf: bytes) -> dict[str, int]:
    """Each form field's name → the page (from 1) its widget is on (a yes/no group: its first button)."""
    pages: dict[str, int] = {}
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue  # a link (a source's address), not a field
            name = widget.get("/T") or widget["/Parent"].get_object()["/T"]
            pages.setdefault(str(name), number)
    return pages


def font_sizes(pdf: bytes) -> list[tuple[int, str, float, str]]:
    """(page, character, size in points, font name) for every visible character, as PDFium reads it back.

    The size is the font size times the scale of the character's effective matrix, so text drawn
    inside a scaled SVG (a chart) counts at the size it is printed.
    """
    import ctypes
    import math

    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf)
    out = []
    try:
        for number in range(len(document)):
            textpage = document[number].get_textpage()
            for index in range(textpage.count_chars()):
                char = chr(raw.FPDFText_GetUnicode(textpage, index))
                if char.strip():
                    matrix = raw.FS_MATRIX()
                    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
                    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
                    name = ctypes.create_string_buffer(128)
                    raw.FPDFText_GetFontInfo(textpage, index, name, 128, None)
                    out.append((number + 1, char, round(raw.FPDFText_GetFontSize(textpage, index) * scale, 1),
                                name.value.decode("latin-1")))
    finally:
        document.close()
    return out


def line_extents(pdf: bytes, page: int) -> list[tuple[float, float, float, float]]:
    """Each printed line of a page as (left, bottom, right, top) in points, from the page's text runs."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[page].get_textpage()
        runs = sorted((text.get_rect(i) for i in range(text.count_rects())), key=lambda run: -run[3])
    finally:
        document.close()
    lines: list[list[float]] = []
    for left, bottom, right, top in runs:
        # The same line: the two overlap by a quarter of the shorter one's height or more (a raised
        # footnote number overlaps its line by about a third; lines one above the other not at all).
        line = next((line for line in lines
                     if min(top, line[3]) - max(bottom, line[1]) >= min(top - bottom, line[3] - line[1]) / 4), None)
        if line is None:
            lines.append([left, bottom, right, top])
        else:
            line[:] = [min(left, line[0]), min(bottom, line[1]), max(right, line[2]), max(top, line[3])]
    return [tuple(line) for line in lines]


def line_texts(pdf: bytes, page: int) -> list[str]:
    """The text of each printed line of a page, top to bottom, spaces collapsed."""
    extents = line_extents(pdf, page)
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[page].get_textpage()
        return [" ".join(text.get_text_bounded(*line).split()) for line in extents]
    finally:
        document.close()


def footer_clearance_mm(pdf: bytes) -> float:
    """How far above the paper's bottom edge the lowest printed text ends, in mm, on the worst page."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return min(min(line[1] for line in line_extents(pdf, page)) for page in range(count)) * 25.4 / 72


def footer_misalignment_pt(pdf: bytes) -> float:
    """How far the footer's edges stray from the running header's, in points, on the worst page
    after the first: both should span the text column, margin to margin."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    worst = 0.0
    for page in range(1, count):
        lines = line_extents(pdf, page)
        header, footer = lines[0], lines[-4:]  # the header line; the footer's lines and the text above
        worst = max(worst, abs(lines[-1][0] - header[0]), abs(max(line[2] for line in footer) - header[2]))
    return worst


def orphaned_headings(pdf: bytes) -> list[tuple[str, int]]:
    """Headings left at the foot of a page: (tag, page) for each heading whose next element, in
    the PDF's structure tree, starts on a later page."""
    reader = PdfReader(io.BytesIO(pdf))
    page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, 1)}
    elements: list[tuple[int, str, int]] = []  # (depth, tag, page), in reading order

    def walk(node, depth: int) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return  # a marked-content id: text, not an element
        if "/S" in node:
            page = node.get("/Pg")
            elements.append((depth, str(node["/S"]), page_of.get(page.idnum, 0) if page is not None else 0))
            depth += 1
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid, depth)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], 0)
    orphans = []
    for index, (depth, tag, page) in enumerate(elements):
        if tag in ("/H1", "/H2", "/H3", "/H4"):
            following = next((later for d, _, later in elements[index + 1:] if d <= depth and later), None)
            if following is not None and following > page:
                orphans.append((tag[1:], page))
    return orphans


def embedded_fonts(pdf: bytes) -> dict[str, int]:
    """Each embedded font (its name without the subset tag) → the size of its font program, unpacked."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = next(descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in descriptor)
            sizes[str(font["/BaseFont"]).split("+", 1)[-1]] = len(program.get_object().get_data())
    return sizes


def page_pixels(pdf: bytes, page: int = 0, scale: float = 2.0) -> bytes:
    """One page rendered in grey, as raw bytes (a picture to compare, not to look at)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=scale, grayscale=True).to_pil().tobytes()
    finally:
        document.close()


def line_as_printed(pdf: bytes, page: int, containing: str) -> str:
    """The characters of the first line holding `containing`, ordered left to right on the page."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[page].get_textpage()
        chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    finally:
        document.close()
    text = "".join(char for char, _ in chars)
    first = chars[text.index(containing)][1]  # the first character of the first place it is
    line = [(box[0], char) for char, box in chars if abs(box[1] - first[1]) < 2 and char.strip()]
    return " ".join("".join(char for x, char in sorted(line)).split())
