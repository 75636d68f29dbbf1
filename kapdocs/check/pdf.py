"""Reading PDFs back: a built handout for the check rules, a filled-in intake form's answers, and
whether a file on disk is an output kapdocs made. The only module that imports pypdfium2."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

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


def _language(document) -> str:
    length = raw.FPDFCatalog_GetLanguage(document, None, 0)
    if length <= 2:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()
    raw.FPDFCatalog_GetLanguage(document, buffer, length)
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
