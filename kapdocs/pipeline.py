"""One job → one output's bytes: read the source, run the transforms, hand the document to the
writer registered for the job's format.

A Job is a plain, frozen value naming everything one output is made from. `render(project, job)`
is the one way an output is made: `kapdocs handout`, `kapdocs deck`, `kapdocs check` and every
batch worker call it. Reading, transforming and writing are imported when a job is rendered:
planning a build and skipping what is up to date need none of them (nor pydantic, markdown-it or
the writers).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from kapdocs.errors import KapdocsError
from kapdocs.support.project import Project

if TYPE_CHECKING:
    from kapdocs.brand.notice import NoticeLine
    from kapdocs.brand.schema import Brand
    from kapdocs.model import Document

Format = Literal["pdf", "pptx", "html"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx", "html")
#: The branch of the source each format shows: the web page is the handout's.
OUTPUT_OF = {"pdf": "handout", "pptx": "deck", "html": "handout"}
#: What an output's units are, in messages: "12 pages", "9 slides", "1 web page".
UNIT_OF = {"pdf": "pages", "pptx": "slides", "html": "web page"}


@dataclass(frozen=True)
class Job:
    """Everything needed to make one output file."""

    source: Path
    brand: str = "default"
    format: Format = "pdf"
    locale: str = ""  # the language to build in; "" = the source's own
    draft: bool = False  # build an incomplete translation, stamped as a draft
    large_print: bool = False  # handouts only: the large-print variant, `<id>.large-print.pdf`
    pdf_ua: bool = False  # handouts only: a PDF/UA-1 file

    def key(self, project: Project) -> str:
        """The job's name in the manifest, the same on every machine: `handouts/x.md:default:pdf:es`."""
        flags = [name for name, on in (("large-print", self.large_print), ("pdf-ua", self.pdf_ua),
                                       ("draft", self.draft)) if on]
        return ":".join([project.shown(self.source).as_posix(), self.brand, self.format, self.locale or "-", *flags])


class Rendered(NamedTuple):
    """One job's output: its bytes, its pages or slides, what the writer warned of, and the document."""

    data: bytes
    units: int
    warnings: list[str]
    document: Document


def render(project: Project, job: Job) -> Rendered:
    """Read, transform and write one job with the writer registered for its format."""
    try:
        return WRITERS[job.format](project, job)
    except KapdocsError as err:
        raise err.at(project.shown(job.source)) from None


def _write_handout(project: Project, job: Job) -> Rendered:
    result, document = render_handout(project, job)
    return Rendered(result.pdf, result.pages, list(result.warnings), document)


def _write_deck(project: Project, job: Job) -> Rendered:
    from kapdocs.writers.deck import write_deck

    document, brand = prepared(project, job)
    data, deck = write_deck(document, brand, project.root, build_time(document), project.settings.limits)
    return Rendered(data, len(deck.slides), list(deck.warnings), document)


def _write_web_handout(project: Project, job: Job) -> Rendered:
    from kapdocs.writers.html.page import write_web_handout

    document, brand = prepared(project, job)
    data = write_web_handout(document, brand, project.root, _notice(project, brand, document, False))
    return Rendered(data, 1, [], document)


#: The writer of each output format.
WRITERS: dict[str, Callable[[Project, Job], Rendered]] = {"pdf": _write_handout, "pptx": _write_deck,
                                                          "html": _write_web_handout}


def render_handout(project: Project, job: Job):
    """A handout job's full PdfResult (with what the layout measured) and its document."""
    from kapdocs.writers.handout.writer import write_handout

    document, brand = prepared(project, job)
    return write_handout(document, brand, project.root, page_options(project, job, brand, document)), document


def plan_slides(project: Project, job: Job):
    """A deck job's slide model (what each slide holds), without writing the PPTX: the preview shows it."""
    from kapdocs.writers.deck import plan_deck

    try:
        document, brand = prepared(project, job)
        return plan_deck(document, brand)
    except KapdocsError as err:
        raise err.at(project.shown(job.source)) from None


def prepared(project: Project, job: Job) -> tuple[Document, Brand]:
    """The job's document, read and transformed, and its brand in the job's language."""
    from kapdocs.brand.schema import load_brand, localized
    from kapdocs.readers import read_source
    from kapdocs.transforms import Context, apply_pipeline

    try:
        brand = load_brand(job.brand, project.root, large_print=job.large_print)
        if job.format == "pdf":  # before the source: a layout process parses its stylesheets meanwhile
            from kapdocs.writers.handout.writer import brand_known

            brand_known(brand, job.large_print, project.root)
        document = read_source(job.source, project.shown(job.source), project.settings.limits)
        brand = localized(brand, job.locale or document.meta.lang, project.root)
        context = Context(project, OUTPUT_OF[job.format], brand, job.locale, job.draft, job.large_print)
        return apply_pipeline(document, context), brand
    except KapdocsError as err:
        raise err.at(project.shown(job.source)) from None


def build_time(document: Document) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else the reviewed date (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
        except ValueError:
            raise KapdocsError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds",
                               hint="unset it or give seconds since 1970, e.g. $(git log -1 --format=%ct)") from None
    return dt.datetime.combine(document.meta.reviewed, dt.time())


def page_options(project: Project, job: Job, brand: Brand, document: Document):
    """The handout's PageOptions for a job: its date, variant and language-assistance notice."""
    from kapdocs.writers.handout.writer import PageOptions

    return PageOptions(modified=build_time(document).date(), large_print=job.large_print, pdf_ua=job.pdf_ua,
                       notice=_notice(project, brand, document, job.large_print))


def _notice(project: Project, brand: Brand, document: Document, large_print: bool) -> tuple[NoticeLine, ...]:
    """The language-assistance notice, checked against the fonts this handout prints in.

    Patients' handouts only: the notice tells patients about interpreters, not staff."""
    from kapdocs.brand.notice import handout_notice

    if document.meta.audience != "patients":
        return ()
    return handout_notice(*brand.assistance(project.settings.language_assistance, project.root),
                          brand.fonts.of("handout", large_print), brand.key, project.root)


def output_path(out: Path, job: Job, document: Document) -> Path:
    """`<out>/<brand>/<lang>/<id>.<format>`, with `.large-print` before the suffix for that variant."""
    variant = ".large-print" if job.large_print else ""
    return out / job.brand / document.meta.lang / f"{document.meta.id}{variant}.{job.format}"
