"""`kapdocs handout`'s layout process: a child that imports WeasyPrint while the command reads the
source, then lays out the one handout it is sent.

Apart from kapdocs.batch.executors, and light to import (multiprocessing and the standard library
only), because kapdocs.batch.one_file starts the child before anything else loads: importing the
executors' module, with its process pool, would delay the child by 55-85 ms.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator


#: `kapdocs handout`'s layout process, when kapdocs.batch.one_file started it before the command line
#: was even read; `rendering_ahead` takes it over (or ends it, if the command has no use for it).
_started_early: RendererAhead | None = None


def start_rendering_early() -> None:
    """Start the process that will lay out `kapdocs handout`'s PDF now, before the command line
    is parsed: importing typer and kapdocs' commands took the first 0.1 s of the command, and the
    layout process, which imports WeasyPrint meanwhile, is the later of the two to be ready."""
    global _started_early
    if _started_early is None and _can_render_ahead():
        _started_early = RendererAhead()


def _can_render_ahead() -> bool:
    """On Linux, where fork starts the child at once, with a second core for it, in a process that
    does not have WeasyPrint yet and runs no other thread (a fork copies the locks other threads
    hold)."""
    return (sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1
            and "weasyprint" not in sys.modules and threading.active_count() == 1)


@contextmanager
def rendering_ahead(wanted: bool = True) -> Iterator[None]:
    """Render the handout made inside in a child process started now (or already, by
    `start_rendering_early`), which loads WeasyPrint while this one reads the brand, the source
    and its translation.

    In a fresh process, importing WeasyPrint (0.2-0.3 s) and reading the source into HTML (about
    0.2-0.3 s, most of it importing Jinja2, markdown-it, Babel and pydantic) would otherwise come
    one after the other on one core. The PDF is the same, byte for byte. Only where it can save
    time and is safe (`_can_render_ahead`); batch workers load WeasyPrint once for many jobs
    instead."""
    global _started_early
    child, _started_early = _started_early, None
    if not wanted and child is not None:
        child.close()  # started for a handout, and the command makes a deck
    if not wanted or (child is None and not _can_render_ahead()):
        yield
        return
    child = child or RendererAhead()
    try:
        from kapdocs.writers.handout.writer import rendering_with

        with rendering_with(child):
            yield
    finally:
        child.close()


class RendererAhead:
    """A HandoutRenderer in a child process, started at once, for one handout."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._child = context.Process(target=_render_when_asked, args=(theirs, self._connection),
                                      name="kapdocs-renderer", daemon=True)
        self._child.start()
        theirs.close()
        self.fonttools_subsetting = False
        self._answered = False

    def prepare(self, *args, **kwargs) -> None:
        """HandoutRenderer.prepare, in the child, while this process goes on; nothing comes back."""
        try:
            self._connection.send((PREPARE, args, kwargs))
        except OSError:
            pass  # the child is gone: `render` says so

    def render(self, *args, **kwargs):
        """HandoutRenderer.render, in the child: its PdfResult, or its error raised here."""
        self._connection.send((RENDER, args, kwargs))
        try:
            ok, value, self.fonttools_subsetting = self._connection.recv()
        except EOFError:
            raise RuntimeError(f"the process laying out the PDF ended (exit code {self._child.exitcode})") from None
        self._answered = True
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """End the child: it has answered and is ending, or its work is no longer wanted (the
        source had an error, or Ctrl-C) and it is stopped; it writes no file either way."""
        self._connection.close()
        if not self._answered:
            self._child.terminate()
        self._child.join()


#: What the parent asks of the child: parse the brand's stylesheets ahead (any number of times,
#: nothing sent back), then render the handout (once, answered).
PREPARE, RENDER = "prepare", "render"


def _render_when_asked(connection, parents_end) -> None:
    """The child: load WeasyPrint (and warm up and parse the brand's stylesheets while the HTML has
    not come), render the one handout it is sent and send back the result, or the error, which
    the parent raises as if it had rendered the handout itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    gc.disable()  # one handout, then exit: collecting cycles took about 0.1 s of 1.6 s, to free 1 MB
    parents_end.close()  # the fork copied it: with it open here, a parent killed would never read as gone
    loaded = _outcome_of(_new_renderer)
    try:
        args, kwargs = _wait_for_the_handout(connection, loaded[1] if loaded[0] else None)
    except EOFError:
        return  # not wanted after all
    ok, renderer = loaded
    if ok:
        reply = (*_outcome_of(lambda: renderer.render(*args, **kwargs)), renderer.fonttools_subsetting)
    else:
        reply = (*loaded, False)
    try:
        connection.send(reply)
    except OSError:
        pass  # the parent is gone
    except Exception as err:  # an error that cannot be pickled: send what it said
        connection.send((False, RuntimeError(f"{type(reply[1]).__name__}: {reply[1]} ({err})"), False))


def _wait_for_the_handout(connection, renderer) -> tuple[tuple, dict]:
    """Until the handout comes (the arguments of its render), prepare what the parent sends ahead
    and, between messages, do what the render would do first, a step at a time
    (kapdocs.writers.handout.pdf.warm_up_steps): up to 60 ms that the render then saves, and at
    most one step (about 5 ms) that a message waits for. Without a renderer, only wait."""
    steps = _warm_up_steps() if renderer is not None else iter(())
    while True:
        if connection.poll() or next(steps, None) is None:
            kind, args, kwargs = connection.recv()
            if kind == RENDER:
                return args, kwargs
            if renderer is not None:  # else the render's answer is why it could not load
                renderer.prepare(*args, **kwargs)


def _warm_up_steps() -> Iterator[bool]:
    """The warm-up's steps, each True once done; one that fails ends it and leaves the render as it was."""
    from kapdocs.writers.handout.pdf import warm_up_steps

    try:
        for _ in warm_up_steps():
            yield True
    except Exception:
        return


def _new_renderer():
    """Not writer.renderer(): writer.py brings Jinja2 and the brand schema, which the child never
    uses. The parent only waits while the child lays out, so the child has a core to spare."""
    from kapdocs.writers.handout.pdf import HandoutRenderer

    return HandoutRenderer(spare_core=True)


def _outcome_of(work) -> tuple[bool, object]:
    try:
        return True, work()
    except Exception as err:
        return False, err
