"""Reading a built PDF back for the check rules. The only module that imports pypdfium2."""

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
