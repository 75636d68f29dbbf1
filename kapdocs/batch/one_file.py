"""How a `kapdocs` process that makes one file starts and ends: the speed tricks of the process
itself (the layout process it starts is kapdocs.batch.ahead).

Standard library only: kapdocs.__main__ calls `start` before anything else is imported.

- `start` turns the garbage collector off for `kapdocs handout` and `kapdocs deck`: the process
  makes one file and ends, and the collector's passes over everything it imports (typer, Jinja2,
  markdown-it, Babel, pydantic) took 0.07 s of the 0.5 s in which `kapdocs handout` reads its
  source, to free almost nothing. For `kapdocs handout` it also starts the layout process at once
  (kapdocs.batch.ahead.start_rendering_early), so that WeasyPrint loads there while this process
  imports the commands and reads the source.
- `end` ends any command without Python's teardown of every module and object, which took
  0.11-0.19 s of `kapdocs handout`'s 1.7-1.8 s. Safe because every file kapdocs writes is whole
  and closed before (written atomically), the exit handlers still run (the font copies are
  removed, any worker is joined), and the standard streams are flushed.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

ONE_FILE_COMMANDS = ("handout", "deck")


def start(arguments: list[str]) -> None:
    """Prepare the process for the command in `arguments` (sys.argv[1:])."""
    if arguments[:1] and arguments[0] in ONE_FILE_COMMANDS and not {"--help", "-h"} & set(arguments):
        gc.disable()
        if arguments[0] == "handout":
            from kapdocs.batch.ahead import start_rendering_early

            start_rendering_early()


def end(code: int | str | None) -> None:
    """End the process now with `code`, as `sys.exit` would, but without the teardown."""
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's own, as at exit
    if run_exit_handlers is None:
        sys.exit(code)
    run_exit_handlers()
    if isinstance(code, str):  # as sys.exit("message") does
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said there
            pass
    os._exit(code or 0)
