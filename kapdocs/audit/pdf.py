"""Reading PDFs back: a built handout for the check rules and the audit (every printed character
with its box, size and structure element; figures and their alt text), and a filled-in intake
form's answers. The only module that imports pypdfium2."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass(frozen=True)
class PdfFacts:
    """What the rules need from a PDF."""

    pages: tuple[str, ...]  # the text of each page
    tagged: bool
    lang: str
    title: str
    body_size: float  # points: the size the running text is set in (measured by the layout)


def read_back(pdf: bytes, body_size: float = 0.0) -> PdfFacts:
    """The text of each page, tags, language and title, read from the PDF itself."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = tuple(document[index].get_textpage().get_text_range() for index in range(len(document)))
        return PdfFacts(pages, bool(raw.FPDFCatalog_IsTagged(document)), _language(document),
                        document.get_metadata_dict().get("Title", ""), body_size)
    finally:
        document.close()


def handout_identity(pdf: bytes) -> tuple[str, str]:
    """A built handout's keywords (`intake, version 1.0`) and language, which name its source."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document.get_metadata_dict().get("Keywords", ""), _language(document)
    finally:
        document.close()


def _language(document) -> str:
    length = raw.FPDFCatalog_GetLanguage(document, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    raw.FPDFCatalog_GetLanguage(document, buffer, length)
    return bytes(buffer)[: length - 2].decode("utf-16-le")


# ---- every printed character, as the audit reads it ------------------------------------------

Box = tuple[float, float, float, float]  # left, bottom, right, top, in points from the page's lower left


class Glyph(NamedTuple):
    """One printed character: where it is, the size it prints at, and what holds it. A named tuple,
    not a frozen dataclass: a page has thousands, and making them as frozen dataclasses took a tenth
    of the time to read the sample matrix's handouts back."""

    char: str
    box: Box
    size: float  # points on paper: the font size times the scale it is drawn at (an SVG's text too)
    kinds: tuple[str, ...]  # the structure elements holding it, outermost first; () for the running
                            # header and footer, which WeasyPrint leaves out of the structure tree
    lang: str  # the nearest /Lang of those elements ("" when none of them has one)
    word: int  # which word of the page's text it belongs to (words part at spaces and line ends)
    upright: bool = True  # False for text set at an angle, such as the DRAFT stamp across a page
    block: int = -1  # which block element (paragraph, heading, list item, cell…) holds it, numbered
                     # in the structure tree's order, which is the order a screen reader reads; -1: none
    clipped: bool = False  # drawn partly outside the clipping path around it: cut off on paper


@dataclass(frozen=True)
class Figure:
    """A Figure element of the structure tree and its alternative text."""

    alt: str


@dataclass(frozen=True)
class PrintedPage:
    """One page as printed."""

    number: int  # from 1
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    pictures: tuple[Box, ...]  # raster images
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class PrintedPdf:
    """A built PDF read back page by page."""

    pages: tuple[PrintedPage, ...]
    title: str
    lang: str


def read_printed(pdf: bytes) -> PrintedPdf:
    """Every page's characters, pictures and figures, with the document's title and language."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = tuple(_printed_page(document[index], index + 1) for index in range(len(document)))
        return PrintedPdf(pages, document.get_metadata_dict().get("Title", ""), _language(document))
    finally:
        document.close()


def _printed_page(page, number: int) -> PrintedPage:
    elements, figures = _structure(page)
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    runs: dict[int, tuple[float, tuple[tuple[str, ...], str, int], Box | None]] = {}  # per text object: size,
    # element, clip
    glyphs = []
    word = 0
    box = _CharBox()
    in_forms: dict[int, int] | None = None
    handle = textpage.raw  # passed as is: the wrapper converts itself at every call (textpage stays, to keep it open)
    for index, char in enumerate(text[: textpage.count_chars()]):
        if not char.strip() or char == "\ufffe":
            word += 1
            continue
        holder = raw.FPDFText_GetTextObject(handle, index)
        key = ctypes.addressof(holder.contents)
        if key not in runs:  # one size and one element for all the characters a text object draws
            mcid = raw.FPDFPageObj_GetMarkedContentID(holder)
            if mcid < 0:  # drawn by a form XObject (an SVG's text): the mark of the Do that drew it
                in_forms = _marks_in_forms(page) if in_forms is None else in_forms
                mcid = in_forms.get(key, -1)
            runs[key] = (_printed_size(handle, index), elements.get(mcid, ((), "", -1)), _clip_box(holder))
        size, (kinds, lang, block), clip = runs[key]
        upright = abs(raw.FPDFText_GetCharAngle(handle, index)) < 0.01
        where = box.of(handle, index)
        glyphs.append(Glyph(char, where, size, kinds, lang, word, upright, block, _cut_off(where, clip)))
    width, height = page.get_size()
    return PrintedPage(number, width, height, tuple(glyphs), _pictures(page), figures)


def _marks_in_forms(page) -> dict[int, int]:
    """Each object drawn inside a form XObject, by address → the marked-content id of the nearest
    form object around it that has one. Marked content around a Do holds all the form draws
    (ISO 32000 14.6), but PDFium gives the objects inside only their own marks: WeasyPrint
    draws an SVG's text in forms, inside the Figure's marked content."""
    marks: dict[int, int] = {}

    def visit(form, mcid: int) -> None:
        mcid = own if (own := raw.FPDFPageObj_GetMarkedContentID(form)) >= 0 else mcid
        for index in range(raw.FPDFFormObj_CountObjects(form)):
            inner = raw.FPDFFormObj_GetObject(form, index)
            if mcid >= 0:
                marks[ctypes.addressof(inner.contents)] = mcid
            if raw.FPDFPageObj_GetType(inner) == raw.FPDF_PAGEOBJ_FORM:
                visit(inner, mcid)

    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        if raw.FPDFPageObj_GetType(item := raw.FPDFPage_GetObject(page.raw, index)) == raw.FPDF_PAGEOBJ_FORM:
            visit(item, -1)
    return marks


class _CharBox:
    """A character's box, asked of PDFium through four doubles made once a page."""

    def __init__(self) -> None:
        self.sides = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        self.refs = [ctypes.byref(side) for side in self.sides]

    def of(self, textpage, index: int) -> Box:
        raw.FPDFText_GetCharBox(textpage, index, *self.refs)
        left, right, bottom, top = self.sides
        return (left.value, bottom.value, right.value, top.value)


def _clip_box(text_object) -> Box | None:
    """The box a text object is clipped to (the intersection of its clipping paths' boxes), or None."""
    clip = raw.FPDFPageObj_GetClipPath(text_object)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    boxes = []
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        points = []
        for segment in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, segment), ctypes.byref(x), ctypes.byref(y))
            points.append((x.value, y.value))
        if points:
            boxes.append((min(p[0] for p in points), min(p[1] for p in points),
                          max(p[0] for p in points), max(p[1] for p in points)))
    if not boxes:
        return None
    return (max(b[0] for b in boxes), max(b[1] for b in boxes), min(b[2] for b in boxes), min(b[3] for b in boxes))


#: A character is cut off when more than this share of its width or height lies outside its clip.
CUT_OFF_SHARE = 0.25


def _cut_off(glyph: Box, clip: Box | None) -> bool:
    if clip is None:
        return False
    width, height = max(glyph[2] - glyph[0], 1e-6), max(glyph[3] - glyph[1], 1e-6)
    outside_x = max(clip[0] - glyph[0], 0) + max(glyph[2] - clip[2], 0)
    outside_y = max(clip[1] - glyph[1], 0) + max(glyph[3] - clip[3], 0)
    return outside_x / width > CUT_OFF_SHARE or outside_y / height > CUT_OFF_SHARE


def _printed_size(textpage, index: int) -> float:
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    return round(raw.FPDFText_GetFontSize(textpage, index) * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)), 1)


def _pictures(page) -> tuple[Box, ...]:
    return tuple(tuple(item.get_bounds()) for item in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=8))


#: Structure elements a reader takes in as one block: the unit of the reading order.
BLOCKS = frozenset({"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TH", "TD", "Caption", "Figure", "Lbl"})


def _structure(page) -> tuple[dict[int, tuple[tuple[str, ...], str, int]], tuple[Figure, ...]]:
    """Each marked-content id on the page → the element kinds holding it, their nearest /Lang and
    the number of its outermost block element in the tree's order; and the page's figures."""
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    by_id: dict[int, tuple[tuple[str, ...], str, int]] = {}
    figures: list[Figure] = []
    if not tree:
        return by_id, ()
    blocks = [-1, -1]
    try:
        for index in range(raw.FPDF_StructTree_CountChildren(tree)):
            _walk(raw.FPDF_StructTree_GetChildAtIndex(tree, index), (), "", by_id, figures, blocks)
    finally:
        raw.FPDF_StructTree_Close(tree)
    return by_id, tuple(figures)


def _walk(element, kinds: tuple[str, ...], lang: str, by_id: dict, figures: list, block: list[int] | None = None) -> None:
    """One element and its children; `block` holds the number of the block element being walked
    (a list shared with the children: the counter of blocks is its first item's)."""
    if not element:
        return
    block = block if block is not None else [-1, -1]  # [blocks seen so far, the current block]
    kind = _element_text(raw.FPDF_StructElement_GetType, element)
    outermost = kind in BLOCKS and not any(k in BLOCKS for k in kinds)
    if outermost:
        block[0] += 1
        block[1] = block[0]
    kinds = kinds + (kind,)
    lang = _element_text(raw.FPDF_StructElement_GetLang, element) or lang
    if kind == "Figure":
        figures.append(Figure(_element_text(raw.FPDF_StructElement_GetAltText, element)))
    current = block[1] if any(k in BLOCKS for k in kinds) else -1
    for index in range(raw.FPDF_StructElement_GetMarkedContentIdCount(element)):
        if (mcid := raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)) >= 0:  # -1: a kid not content
            by_id[mcid] = (kinds, lang, current)
    for index in range(raw.FPDF_StructElement_CountChildren(element)):
        _walk(raw.FPDF_StructElement_GetChildAtIndex(element, index), kinds, lang, by_id, figures, block)


def _element_text(function, element) -> str:
    length = function(element, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    function(element, buffer, length)
    return bytes(buffer)[: length - 2].decode("utf-16-le")


# ---- the answers in a filled-in form ----------------------------------------------------------

def form_values(pdf: bytes) -> dict[str, str | bool | None]:
    """What a patient filled in: text fields as text, check boxes as True/False, a yes/no group as
    the value of the button that is on ("yes", "no") or None when neither is."""
    document = pdfium.PdfDocument(pdf)
    try:
        document.init_forms()
        handle = document.formenv.raw
        values: dict[str, str | bool | None] = {}
        for index in range(len(document)):
            page = document[index]
            for number in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = raw.FPDFPage_GetAnnot(page.raw, number)
                try:
                    if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_WIDGET:
                        _read_widget(handle, annot, values)
                finally:
                    raw.FPDFPage_CloseAnnot(annot)
        return values
    finally:
        document.close()


def _read_widget(handle, annot, values: dict) -> None:
    name = _utf16(raw.FPDFAnnot_GetFormFieldName, handle, annot)
    kind = raw.FPDFAnnot_GetFormFieldType(handle, annot)
    if kind == raw.FPDF_FORMFIELD_CHECKBOX:
        values[name] = bool(raw.FPDFAnnot_IsChecked(handle, annot))
    elif kind == raw.FPDF_FORMFIELD_RADIOBUTTON:
        if raw.FPDFAnnot_IsChecked(handle, annot):
            values[name] = _utf16(raw.FPDFAnnot_GetFormFieldExportValue, handle, annot)
        else:
            values.setdefault(name, None)
    elif kind in (raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX, raw.FPDF_FORMFIELD_LISTBOX):
        values[name] = _utf16(raw.FPDFAnnot_GetFormFieldValue, handle, annot)


def _utf16(function, handle, annot) -> str:
    length = function(handle, annot, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    function(handle, annot, buffer, length)
    return bytes(buffer)[: length - 2].decode("utf-16-le")


def first_page_png(pdf: bytes, width: int = 160) -> bytes:
    """Page 1 of a PDF as a PNG `width` pixels wide (the build's catalog shows it)."""
    return page_pngs(pdf, width, first_only=True)[0]


def page_pngs(pdf: bytes, width: int = 600, first_only: bool = False) -> list[bytes]:
    """Every page of a PDF (or only the first) as a PNG `width` pixels wide (the preview shows them)."""
    import io

    document = pdfium.PdfDocument(pdf)
    try:
        pictures = []
        for index in range(1 if first_only else len(document)):
            page = document[index]
            stream = io.BytesIO()
            page.render(scale=width / page.get_width()).to_pil().save(stream, format="PNG")
            pictures.append(stream.getvalue())
        return pictures
    finally:
        document.close()


# ---- whether a file is one kapdocs made ------------------------------------------------------

def made_by_kapdocs(path) -> bool:
    """Whether `path` is a handout kapdocs wrote (its Creator is kapdocs) or a deck it wrote (last
    modified by kapdocs): such a file may be replaced without --force."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
    except OSError:
        return False
    if head == b"%PDF":
        return _pdf_creator(path) == "kapdocs"
    if head == b"PK\x03\x04":
        return _deck_modified_by(path) == "kapdocs"
    return False


def _pdf_creator(path) -> str:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return ""
    try:
        return document.get_metadata_dict().get("Creator", "")
    finally:
        document.close()


def _deck_modified_by(path) -> str:
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml")[:65536].decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""
    found = re.search(r"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>", core)
    return found.group(1) if found else ""
