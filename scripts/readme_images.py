"""Regenerate the README's pictures: a handout page and a slide, from the real samples.

    python scripts/readme_images.py     (needs the test extra, and LibreOffice for the slide)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from kapdocs.pipeline import Job, render
from kapdocs.support.project import Project

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "handouts/how-ketamine-works.md"
SLIDE = 7  # "The brake lifts – New connections": the steps as process shapes


def page_png(pdf: bytes | Path, index: int, target: Path, width: int) -> None:
    document = pdfium.PdfDocument(pdf)
    page = document[index]
    page.render(scale=width / page.get_width()).to_pil().save(target, optimize=True)
    document.close()
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    project = Project(ROOT)
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    pdf, *_ = render(project, Job(ROOT / SOURCE, "default", "pdf"))
    page_png(pdf, 0, docs / "handout-page.png", 850)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        sys.exit("LibreOffice is needed to picture a slide: apt-get install libreoffice-impress")
    deck, *_ = render(project, Job(ROOT / SOURCE, "default", "pptx"))
    with tempfile.TemporaryDirectory() as folder:
        pptx = Path(folder) / "deck.pptx"
        pptx.write_bytes(deck)
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", folder, str(pptx)],
                       check=True, capture_output=True)
        page_png(Path(folder) / "deck.pdf", SLIDE - 1, docs / "slide.png", 960)


if __name__ == "__main__":
    main()
