"""`kapdocs preview`: a source → a page on localhost showing its web handout, its PDF's pages, a
sketch of its deck's first slide and an outline of its slides, made again and reloaded in the browser as soon as a file of the
project is saved.

Standard library http.server on 127.0.0.1 only; watchfiles (the only importer) watches the
project in a thread. Each save bumps a version number and makes the new web page at once; a page
asks `/changes?after=N`, which waits until the version passes N, and then reloads itself. Each
output is made once per version, one of a kind at a time (WeasyPrint never lays out two PDFs at
once), and the web page never waits for the PDF. A bad source shows its error, with file and
line, in the page; the server keeps running.
"""

from __future__ import annotations

import dataclasses
import html
import threading
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from kapdocs.audit.pdf import page_pngs
from kapdocs.errors import KapdocsError
from kapdocs.pipeline import Job, plan_slides, render
from kapdocs.support.project import Project

LOCALHOST = "127.0.0.1"
#: How long a browser's question for changes is held open before it asks again (seconds).
WAIT = 20.0
#: The preview's own part, added before </body>: the PDF's pages, the slides and the reload.
PREVIEW_PART = """
<section aria-label="PDF pages" style="border-top:4px dashed #888;margin-top:2rem;padding-top:1rem">
<h2>PDF</h2><div id="kapdocs-pdf">…</div>
</section>
<section aria-label="Slides" style="border-top:4px dashed #888;margin-top:2rem;padding-top:1rem">
<h2>Slides</h2><div id="kapdocs-slides">…</div>
</section>
<script>
(async function pdfPages() {{
  const answer = await (await fetch("/pdf/pages?v={version}")).text();
  const box = document.getElementById("kapdocs-pdf");
  if (!/^[0-9]+$/.test(answer)) {{ box.innerHTML = "<pre></pre>"; box.firstChild.textContent = answer; return; }}
  box.innerHTML = "";
  for (let n = 1; n <= Number(answer); n++) {{
    const img = new Image(600); img.src = `/pdf/${{n}}.png?v={version}`; img.alt = `PDF page ${{n}}`;
    img.style.border = "1px solid #888"; box.append(img);
  }}
}})();
(async function slides() {{
  const box = document.getElementById("kapdocs-slides");
  box.innerHTML = await (await fetch("/slides?v={version}")).text();
  const img = new Image(600); img.alt = "Slide 1, sketched from the deck"; img.style.border = "1px solid #888";
  img.onerror = () => img.remove(); img.src = "/slides/1.png?v={version}"; box.prepend(img);
}})();
(async function wait() {{
  try {{
    const answer = await fetch("/changes?after={version}");
    if ((await answer.text()) !== "{version}") {{ location.reload(); return; }}
  }} catch (e) {{ await new Promise(r => setTimeout(r, 500)); }}
  wait();
}})();
</script>
"""


@dataclass
class Preview:
    """One source previewed: the job it is shown as, the project's version, and what was made of it."""

    project: Project
    job: Job
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    #: One lock per format: the web page of a new version need not wait for the last one's PDF.
    making: dict[str, threading.Lock] = field(default_factory=lambda: {"html": threading.Lock(),
                                                                        "pdf": threading.Lock(),
                                                                        "slides": threading.Lock(),
                                                                        "slide1": threading.Lock()})
    made: dict[tuple[int, str], list[bytes] | bytes | str] = field(default_factory=dict)

    def saved(self) -> None:
        """A file of the project changed: a new version, and every waiting page reloads."""
        with self.changed:
            self.version += 1
            self.made = {key: value for key, value in self.made.items() if key[0] == self.version}
            self.changed.notify_all()

    def wait(self, after: int, timeout: float = WAIT) -> int:
        """The version, once it is past `after` (or the timeout has passed)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > after, timeout)
            return self.version

    def output(self, fmt: str):
        """This version's output in `fmt` ("html"; "pdf" as page pictures; "slides" as an outline;
        "slide1" as a picture of the deck's first slide); an error's text."""
        with self.making[fmt]:
            key = (self.version, fmt)
            if key not in self.made:
                self.made[key] = self._make(fmt)
            return self.made[key]

    def _make(self, fmt: str):
        job = Job(self.job.source, self.job.brand, "pptx" if fmt.startswith("slide") else fmt, self.job.locale,
                  self.job.draft, self.job.large_print and fmt == "pdf")
        try:
            if fmt == "slides":
                return slides_outline(plan_slides(self.project, job))
            data = render(self.project, job).data
        except KapdocsError as err:
            return f"error: {err}" if fmt == "slides" else f"{err}"
        if fmt == "slide1":  # the catalog's sketch, larger: no LibreOffice
            from kapdocs.support.pictures import slide_png
            from kapdocs.writers.deck.sketch import first_slide

            return slide_png(first_slide(data), 600)
        return data.decode("utf-8") if fmt == "html" else page_pngs(data)

    def page(self) -> str:
        """The web handout with the reload script and a place for the PDF's pages, or the error."""
        version, shown = self.version, self.output("html")
        if not shown.lstrip().startswith("<!DOCTYPE"):
            shown = error_page(shown)
        return shown.replace("</body>", PREVIEW_PART.format(version=version) + "</body>")


#: A slide's fields that are not text it shows.
NOT_SHOWN = {"title", "notes", "line", "layout", "requested_layout", "bodies", "area", "size", "qr", "qr_area", "path"}


def slides_outline(deck) -> str:
    """Each slide as a 16:9 box: its number, title and text, and its speaker notes under it."""
    boxes = []
    for number, slide in enumerate(deck.slides, 1):
        texts = "".join(f"<li>{html.escape(text)}</li>" for text in shown_texts(slide))
        notes = " ".join(slide.notes)
        boxes.append('<div style="aspect-ratio:16/9;max-width:600px;border:1px solid #888;padding:.5rem 1rem;'
                     f'margin:.5rem 0;overflow:auto"><h3>{number}. {html.escape(slide.title)}</h3><ul>{texts}</ul></div>'
                     + (f"<p><small>Notes: {html.escape(notes)}</small></p>" if notes else ""))
    return f"<p>{len(deck.slides)} slides (an outline; the PPTX has the master's design)</p>" + "".join(boxes)


def shown_texts(value) -> list[str]:
    """The pieces of text a slide (or a part of one) shows, in order."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if hasattr(value, "runs"):  # a bullet: its runs as one line
        return shown_texts(value.text)
    if isinstance(value, (tuple, list)):
        return [text for part in value for text in shown_texts(part)]
    if dataclasses.is_dataclass(value):
        return [text for f in dataclasses.fields(value) if f.name not in NOT_SHOWN
                for text in shown_texts(getattr(value, f.name))]
    return []


def error_page(message: str) -> str:
    """A page that shows a build error (file, line, what to do) instead of the handout."""
    return ('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Error</title></head>\n<body>\n'
            f'<main><h1>The source cannot be built</h1><pre class="error" style="white-space:pre-wrap">'
            f"error: {html.escape(message)}</pre><p>Fix it and save: this page reloads.</p></main>\n</body>\n</html>\n")


class Handler(BaseHTTPRequestHandler):
    """The preview's pages: `/`, `/pdf/pages` (how many, or the error), `/pdf/N.png`, `/slides` (the
    deck's outline), `/slides/1.png` (its first slide) and `/changes?after=N`."""

    preview: Preview

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        if url.path == "/":
            self._send(self.preview.page().encode("utf-8"), "text/html; charset=utf-8")
        elif url.path == "/changes":
            after = int(parse_qs(url.query).get("after", ["0"])[0])
            self._send(str(self.preview.wait(after)).encode(), "text/plain")
        elif url.path == "/slides":
            outline = self.preview.output("slides")
            shown = outline if not outline.startswith("error: ") else f"<pre>{html.escape(outline)}</pre>"
            self._send(shown.encode("utf-8"), "text/html; charset=utf-8")
        elif url.path == "/slides/1.png":
            picture = self.preview.output("slide1")
            if isinstance(picture, bytes):
                self._send(picture, "image/png")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)  # the deck failed: the outline says why
        elif url.path == "/pdf/pages":
            pages = self.preview.output("pdf")
            self._send((str(len(pages)) if isinstance(pages, list) else f"error: {pages}").encode(), "text/plain")
        elif url.path.startswith("/pdf/") and url.path.endswith(".png"):
            pages = self.preview.output("pdf")
            number = url.path[len("/pdf/"):-len(".png")]
            if isinstance(pages, list) and number.isdigit() and 1 <= int(number) <= len(pages):
                self._send(pages[int(number) - 1], "image/png")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the preview prints only its address and errors."""


def serve(project: Project, job: Job, port: int = 8000, ready=lambda url: None) -> None:
    """Serve the preview on localhost until interrupted; `ready(url)` is called once it listens."""
    preview = Preview(project, job)
    server = ThreadingHTTPServer((LOCALHOST, port), type("PreviewHandler", (Handler,), {"preview": preview}))
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=partial(_watch, project.root, preview, stop), daemon=True)
    watcher.start()
    ready(f"http://{LOCALHOST}:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()


def _watch(root: Path, preview: Preview, stop: threading.Event) -> None:
    """Bump the preview's version on every save in the project (not in build/ or hidden folders)."""
    from watchfiles import watch

    def wanted(change, path: str) -> bool:
        parts = Path(path).relative_to(root).parts
        return not any(p == "build" or p.startswith(".") or p == "__pycache__" for p in parts)

    for _ in watch(root, watch_filter=wanted, stop_event=stop, step=30, debounce=400):
        preview.saved()
        preview.output("html")  # made now, so that the reloading page finds it ready
