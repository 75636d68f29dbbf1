"""Handout HTML + stylesheets → PDF bytes, with WeasyPrint's public API; all that reaches
further into WeasyPrint (its patches) is in weasyprint_internals, the other module that imports it.

WeasyPrint may read only files inside the project and the brand/template folders: every HTML
and CSS object gets a fetcher that refuses anything else (network, `file://` elsewhere, unknown
schemes), and a refused fetch stops the render instead of leaving a hole on paper.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import zlib
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextvars import ContextVar
from functools import partial
from multiprocessing.util import Finalize, register_after_fork
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kapdocs.writers.handout import weasyprint_internals as internals

internals.load()  # imports WeasyPrint: importing this module is what loads it

import pydyf  # noqa: E402  (WeasyPrint's PDF writer)
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402

from kapdocs.errors import KapdocsError  # noqa: E402
from kapdocs.writers.handout import BRAND_SCHEME, PROJECT_SCHEME, PdfResult  # noqa: E402
from kapdocs.writers.handout.forms import field_tooltips  # noqa: E402
# Named here too, as kapdocs.batch.ahead and the tests know them:
from kapdocs.writers.handout.weasyprint_internals import (  # noqa: E402, F401
    DEFERRED_FONTTOOLS, FIRST_C_TYPES, FIRST_MODULES, warm_up_steps)


class RefusedFetch(Exception):
    """A resource outside what a handout may read."""


class ProjectFetcher(URLFetcher):
    """Serves `file:` URLs inside the allowed folders, the first of which is the project, and
    `brand:` and `project:` files; refuses the rest."""

    def __init__(self, allowed: tuple[Path, ...], brand_folder: Path):
        super().__init__(allowed_protocols=("file", "brand", "project"), allow_redirects=False,
                         fail_on_errors=True)
        self.allowed = tuple(p.resolve() for p in allowed)
        self.brand_folder = brand_folder.resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith(BRAND_SCHEME):
            path = (self.brand_folder / unquote(url[len(BRAND_SCHEME):])).resolve()
        elif url.startswith(PROJECT_SCHEME):
            path = (self.allowed[0] / unquote(url[len(PROJECT_SCHEME):])).resolve()
        elif url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
        else:
            raise RefusedFetch(f"`{url}` is not a file of the project")
        if not any(path.is_relative_to(folder) for folder in self.allowed) or not path.is_file():
            raise RefusedFetch(f"`{url}` is outside the project or missing")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


#: The footer's last line ends at least this far above the paper's edge: office printers leave
#: the outer 4 to 5 mm unprinted, and the crisis line and document control must not be cut.
PRINTABLE_EDGE_MM = 6
PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels


#: Parsed stylesheets a renderer keeps: the sample matrix has about 30 (brand × language ×
#: large print); the default handout.css takes about half a megabyte parsed, the others less.
KEPT_STYLESHEETS = 64

#: Encoded pictures a renderer keeps: the sample matrix has 7 (five translations of the figure,
#: two logos), each 20-300 KB encoded.
KEPT_IMAGES = 32

#: Streams a renderer keeps compressed: those of at least this many bytes (a form's font and its
#: tables), up to this many of them.
KEPT_COMPRESSED_FROM = 32 * 1024
KEPT_COMPRESSED = 16

#: The HandoutRenderer at work, set only while it renders: the speed-ups below (its pictures,
#: its compressed streams; weasyprint_internals' patches 3 to 5) change nothing for plain
#: WeasyPrint in the same process (the benchmark's baseline).
_rendering: ContextVar[HandoutRenderer | None] = ContextVar("rendering", default=None)
_encode_image = internals.encode_picture  # WeasyPrint's own


class EncodedPictures:
    """A renderer's pictures (WeasyPrint's RasterImage) as PDF streams: each encoded once, and
    early (weasyprint_internals' patch 3).

    WeasyPrint decodes a PNG and compresses it again on every write_pdf (its image cache keeps
    the decoded picture, not the stream): 20-40 ms of every handout for the logo, 105-135 ms more
    for the 2400-pixel figure, a third of that handout's render. So a renderer keeps the streams,
    keyed by the picture's bytes, not its URL, so an edited file is encoded again (the file is
    still fetched for every handout, so the manifest still records it as an input).

    Where a core is free (`kapdocs handout`, whose first process only waits for the one laying
    out), a picture is encoded when the layout loads it, in a thread beside the layout, instead
    of when the PDF is written: Pillow lets go of Python's lock while it compresses, so the
    encoding is over before the pages are laid out. It is encoded as most pictures are drawn
    (smoothed, at their own resolution); one drawn otherwise is encoded again when it is drawn.
    A batch worker does not: the other workers have the other cores, and each picture is encoded
    once a worker anyway."""

    def __init__(self, beside_layout: bool) -> None:
        self._streams: dict[tuple, Future] = {}
        self._beside_layout = beside_layout
        self._encoder: ThreadPoolExecutor | None = None  # while a render runs

    def load(self, image) -> None:
        """Start encoding a picture the layout has just loaded, if a core is free for it."""
        if not self._beside_layout:
            return
        key = _picture_key(image, True, 1)
        if key not in self._streams:
            _kept(self._streams, key, KEPT_IMAGES, lambda: self._encoder_here().submit(_encoded, image, True, 1))

    def stream(self, image, interpolate: bool, dpi_ratio: float) -> pydyf.Stream:
        """The picture's stream, for one PDF (each PDF numbers the objects it is given)."""
        key = _picture_key(image, interpolate, dpi_ratio)
        if dpi_ratio != 1 and (early := self._streams.get(_picture_key(image, True, 1))):
            wait([early])  # WeasyPrint swaps the picture for a smaller copy, which that may not read
        future = _kept(self._streams, key, KEPT_IMAGES, lambda: _finished(_encoded(image, interpolate, dpi_ratio)))
        return _unnumbered_copy(future.result())

    def finish(self) -> None:
        """End the thread with the render (waiting for the picture it is encoding, if one was
        loaded but not drawn), so that no thread outlives a render: a process forked between two
        renders (a batch worker) would have the executor but not its thread."""
        if self._encoder is not None:
            self._encoder.shutdown(wait=True, cancel_futures=True)
            self._encoder = None
            self._streams = {key: future for key, future in self._streams.items() if not future.cancelled()}

    def _encoder_here(self) -> ThreadPoolExecutor:
        if self._encoder is None:
            self._encoder = ThreadPoolExecutor(1, thread_name_prefix="kapdocs-pictures")
        return self._encoder


def _picture_key(image, interpolate: bool, dpi_ratio: float) -> tuple:
    return (*internals.picture_identity(image), interpolate, dpi_ratio)


def _encoded(image, interpolate: bool, dpi_ratio: float) -> pydyf.Stream:
    return _unnumbered_copy(_encode_image(image, interpolate, dpi_ratio))


def _finished(value) -> Future:
    future = Future()
    future.set_result(value)
    return future


def _picture_loaded(image) -> None:
    """After WeasyPrint has loaded a picture: the renderer at work starts encoding it."""
    if (renderer := _rendering.get()) is not None:
        renderer._pictures.load(image)


def _picture_stream(image, interpolate: bool, dpi_ratio: float) -> pydyf.Stream:
    """A picture's stream as WeasyPrint asks for it, from the renderer at work's pictures."""
    if (renderer := _rendering.get()) is None:
        return _encode_image(image, interpolate, dpi_ratio)
    return renderer._pictures.stream(image, interpolate, dpi_ratio)


def _at_work() -> bool:
    return _rendering.get() is not None


class KeptCompression:
    """zlib as pydyf (WeasyPrint's PDF writer) sees it (weasyprint_internals' patch 5): while a
    HandoutRenderer renders, a large stream compressed before is not compressed again.

    WeasyPrint embeds a form's font whole, so that a reader can type any letter in a field, and
    pydyf compresses it again for every PDF at zlib's level 9: 512 KB and 40-50 ms for the
    intake form's font, and about 15 ms more for its tables of glyph widths and Unicode names, which
    are the same every time. pydyf compresses a stream in one `compress` call and a `flush`, so
    the same calls on the same bytes give the same bytes: kept, they are given back."""

    def compressobj(self, *args, **kwargs):
        renderer = _rendering.get()
        if renderer is None:
            return zlib.compressobj(*args, **kwargs)
        return _KeptCompressor(renderer._compressed, args, kwargs)

    def __getattr__(self, name: str):
        return getattr(zlib, name)


class _KeptCompressor:
    """One stream's compressor: holds the stream, and compresses it (or finds it kept) at `flush`."""

    def __init__(self, kept: dict, args: tuple, kwargs: dict) -> None:
        self._kept, self._args, self._kwargs = kept, args, kwargs
        self._parts: list[bytes] = []

    def compress(self, data) -> bytes:
        self._parts.append(bytes(data))
        return b""

    def flush(self, mode: int = zlib.Z_FINISH) -> bytes:
        if mode != zlib.Z_FINISH:
            raise ValueError("kapdocs keeps whole streams only: flush with Z_FINISH")
        data = b"".join(self._parts)

        def compressed() -> bytes:
            compressor = zlib.compressobj(*self._args, **self._kwargs)
            return compressor.compress(data) + compressor.flush()

        if len(data) < KEPT_COMPRESSED_FROM:
            return compressed()
        key = (hashlib.sha256(data).digest(), self._args, tuple(sorted(self._kwargs.items())))
        return _kept(self._kept, key, KEPT_COMPRESSED, compressed)


def _kept(store: dict, key, limit: int, make):
    """store[key], made by `make()` the first time; with `limit` kept, the one used longest ago goes."""
    if key in store:
        store[key] = store.pop(key)  # now the one used last
    else:
        if len(store) >= limit:
            del store[next(iter(store))]
        store[key] = make()
    return store[key]


def _unnumbered_copy(value):
    """A copy of a PDF object tree, its streams' data as bytes. Each PDF numbers the objects it
    is given and swaps a stream's mask for a reference, so each gets its own copy."""
    if isinstance(value, pydyf.Stream):
        data = [item.data if isinstance(item, pydyf.Object) else item for item in value.stream]
        return pydyf.Stream(data, _unnumbered_copy(value.extra), value.compress)
    if isinstance(value, pydyf.Dictionary):
        return pydyf.Dictionary({key: _unnumbered_copy(item) for key, item in value.items()})
    if isinstance(value, pydyf.Array):
        return pydyf.Array([_unnumbered_copy(item) for item in value])
    return value


def _font_copies_apart(renderer: HandoutRenderer) -> None:
    """In a worker forked from a process that had rendered: keep font copies in a folder of its own.

    WeasyPrint adds a stylesheet's font only if its copy is not in the folder yet, taking the copy
    for a sign that this font configuration has it. A forked worker shared the folder, so the
    fonts it added were copies there that the first process's configuration had never been
    given: a form rendered there later lost its form font to the body font. The worker starts a
    folder of its own (adding again what it inherited, the same files) and removes it at its end."""
    internals.font_copies_apart(renderer.font_config)
    Finalize(renderer, internals.remove_font_copies, args=(renderer.font_config,), exitpriority=0)


class HandoutRenderer:
    """Lays out handout HTML; one per process, so the font configuration is reused.

    `spare_core`: a core is free while it renders (the process that asked for the PDF only
    waits), so it encodes pictures in a thread beside the layout (see EncodedPictures)."""

    def __init__(self, spare_core: bool = False) -> None:
        internals.apply(at_work=_at_work, picture_loaded=_picture_loaded, picture_stream=_picture_stream,
                        pydyf_zlib=KeptCompression())
        self.font_config = FontConfiguration()
        # WeasyPrint copies a stylesheet's fonts into a temporary folder that only the font
        # configuration's finalizer removes, which a process ended at once never runs: every
        # worker and layout process is (multiprocessing ends them with os._exit), and so is
        # kapdocs itself (cli.main). Removed when the renderer goes, or at the latest when the
        # process ends; multiprocessing runs these in its children too.
        Finalize(self, internals.remove_font_copies, args=(self.font_config,), exitpriority=0)
        register_after_fork(self, _font_copies_apart)
        self._stylesheets: dict[tuple, tuple[CSS, list[str]]] = {}
        self._pictures = EncodedPictures(beside_layout=spare_core)
        self._compressed: dict[tuple, bytes] = {}

    @property
    def fonttools_subsetting(self) -> bool:
        return internals.subsets_with_fonttools()

    def prepare(self, stylesheets: list[tuple[str, Path]], base: Path, allowed: tuple[Path, ...],
                brand_folder: Path) -> None:
        """Parse stylesheets that a coming `render` with the same folders will use, and keep them.
        One that fails is left for the render, which parses it again and says why."""
        fetcher = ProjectFetcher((base, *allowed), brand_folder)
        rendering = _rendering.set(self)
        try:
            for text, folder in stylesheets:
                self._stylesheet(text, folder, fetcher)
        except (Exception, FatalURLFetchingError):
            pass
        finally:
            _rendering.reset(rendering)

    def render(self, html: str, stylesheets: list[tuple[str, Path]], base: Path,
               allowed: tuple[Path, ...], brand_folder: Path, source: Path, pdf_ua: bool = False,
               footer_page: str = "") -> PdfResult:
        """PDF bytes for `html`, whose relative URLs are resolved against folder `base`.

        `footer_page` is the same page holding only its footer: laid out first (about 30 ms
        against 0.4 s for the handout), it tells the bottom margin a long footer needs, so the
        handout is laid out once instead of twice. (A brand template that ignores `footer_only`
        still gives a page without the handout's body, only one slower to lay out.)"""
        fetcher = ProjectFetcher((base, *allowed), brand_folder)
        rendering = _rendering.set(self)
        try:
            parsed = [self._stylesheet(text, folder, fetcher) for text, folder in stylesheets]
            css = [sheet for sheet, _ in parsed]
            with _captured_warnings() as warnings:
                if footer_page:
                    self._fit_footer(css, self._layout(footer_page, base, fetcher, css))
                    warnings.clear()  # the handout's layout repeats any
                document = self._layout(html, base, fetcher, css)
                # A footer longer than the brand's bottom margin (a translation, large print) gets
                # the margin it needs; with more pages its page numbers may widen past what the
                # footer page measured, so check, twice.
                for _ in range(2):
                    if not self._fit_footer(css, document):
                        break
                    warnings.clear()
                    document = self._layout(html, base, fetcher, css)
                else:
                    if _bottom_margin_for_footer(document):
                        raise KapdocsError("the page footer does not fit at the foot of the page", source,
                                           hint="shorten the brand's footer texts or use a larger page size")
                # Tagged always (and DisplayDocTitle with it); PDF/UA-1 adds its identification and checks.
                pdf = document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1" if pdf_ua else None,
                                         finisher=partial(_finish_fields, field_tooltips(html)))
        except FatalURLFetchingError as err:
            cause = err.__cause__ or err
            raise KapdocsError(f"the handout refers to a file it may not read: {cause}", source,
                               hint="only files inside the project and its brand folder can be used") from None
        finally:
            _rendering.reset(rendering)
            self._pictures.finish()
        said_of_css = [message for _, messages in parsed for message in messages]
        return PdfResult(pdf=pdf, pages=len(document.pages), warnings=said_of_css + warnings,
                         body_size=_body_size(document))

    def _stylesheet(self, text: str, folder: Path, fetcher: ProjectFetcher) -> tuple[CSS, list[str]]:
        """A stylesheet parsed, with what WeasyPrint warned of in it, kept for the next handout:
        a batch worker's handouts share their brand's stylesheets, 40-60 ms a handout to parse
        again. (WeasyPrint keeps its own default stylesheets the same way.)"""
        def parse() -> tuple[CSS, list[str]]:
            with _captured_warnings() as warnings:
                sheet = CSS(string=text, base_url=folder.as_uri() + "/", url_fetcher=fetcher,
                            font_config=self.font_config)
            return sheet, warnings

        key = (text, folder, fetcher.allowed, fetcher.brand_folder)
        return _kept(self._stylesheets, key, KEPT_STYLESHEETS, parse)

    def _fit_footer(self, css: list, document) -> bool:
        """Give the pages the bottom margin `document`'s footer needs; False if they have it."""
        margin = _bottom_margin_for_footer(document)
        if margin:
            css.append(CSS(string=f"@page {{ margin-bottom: {margin:.2f}px; }}", font_config=self.font_config))
        return bool(margin)

    def _layout(self, html: str, base: Path, fetcher: ProjectFetcher, css: list):
        return HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher).render(
            font_config=self.font_config, stylesheets=css, pdf_tags=True, pdf_forms=True)


def _bottom_margin_for_footer(document) -> float | None:
    """The bottom margin (px) every page needs for its footer to end inside the printable area,
    or None if each page's margin already holds it."""
    needed = 0.0
    for page in document.pages:
        end = internals.footer_end(page)
        if end is not None:
            overrun = end - (page.height - PRINTABLE_EDGE_MM * PX_PER_MM)
            if overrun > 0.01:
                needed = max(needed, internals.margin_bottom(page) + overrun)
    return needed or None


def _finish_fields(tooltips: dict[str, str], document, pdf) -> None:
    """The form fields as a reader's tools need them: each field's tooltip its whole label, and
    each radio button's name left to its group."""
    form = pdf.catalog.get("AcroForm") if hasattr(pdf.catalog, "get") else None
    for reference in (form or {}).get("Fields", ()):
        field = pdf.objects[int(reference.split()[0])]
        name = getattr(field.get("T"), "string", "")
        if name in tooltips:
            field["TU"] = pydyf.String(tooltips[name])
    _one_field_per_radio_group(document, pdf)


def _one_field_per_radio_group(document, pdf) -> None:
    """Leave each radio button's name to its group.

    WeasyPrint names every button of a yes/no group as well as the group, so PDF readers see a
    field `high_bp.high_bp` beside `high_bp`; without the name, a button is just a widget of its
    group, and the group's value is its answer (`/0` = the first of its `Opt` values)."""
    form = pdf.catalog.get("AcroForm") if hasattr(pdf.catalog, "get") else None
    for reference in (form or {}).get("Fields", ()):
        field = pdf.objects[int(reference.split()[0])]
        for kid in field.get("Kids", ()):
            widget = pdf.objects[int(kid.split()[0])]
            widget.pop("T", None)
            widget.pop("TU", None)


#: Parts of the page that are not running text: set smaller on purpose (footer, notes, help).
NOT_BODY = {"page-footer", "footnotes", "language-assistance", "help", "required", "masthead", "stat-label",
            "step-text", "chart", "qr-label"}


def _body_size(document) -> float:
    """The font size (pt) of most of the running text inside <main>, weighted by its length,
    from WeasyPrint's laid-out boxes (the computed styles)."""
    from collections import Counter

    sizes: Counter = Counter()
    for page in document.pages:
        for text, size in internals.running_text(page, NOT_BODY):
            if text.strip():
                sizes[round(size * 0.75, 1)] += len(text)  # px → pt
    return sizes.most_common(1)[0][0] if sizes else 0.0


class _captured_warnings:
    """Collect WeasyPrint's warnings for the build report instead of printing them."""

    def __enter__(self) -> list[str]:
        self.messages: list[str] = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(record.getMessage())  # type: ignore[method-assign]
        self.logger = logging.getLogger("weasyprint")
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False
        return self.messages

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate
