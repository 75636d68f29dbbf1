"""Handout writer: Document → HTML (html.py, Jinja2) → PDF (pdf.py, WeasyPrint), joined in writer.py.

Nothing heavy is imported here: the child process `kapdocs handout` starts to lay out its PDF
(kapdocs.batch.ahead.rendering_ahead) imports pdf.py, and with it this package, while the parent
reads the source; it needs WeasyPrint, not Jinja2, pydantic and the brand schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: URL schemes the handout's HTML uses instead of file paths, which the PDF fetcher serves:
#: `brand:NAME` is NAME in the brand folder, `project:PATH` is PATH in the project. The HTML
#: then holds no machine paths, and neither does the PDF: WeasyPrint names each image after a
#: digest of its URL, so a `file:` URL made the same handout differ from one checkout to another.
BRAND_SCHEME = "brand:"
PROJECT_SCHEME = "project:"


@dataclass
class PdfResult:
    """The PDF and what WeasyPrint warned about while making it."""

    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    body_size: float = 0.0  # points: the size most of the running text is set in, from the laid-out boxes
