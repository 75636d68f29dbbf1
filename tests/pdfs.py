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
    }
