"""The one exception kapdocs raises for bad input: message, file, line and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: What a `kapdocs` command exits with; scripts may rely on these.
EXIT_CODES = {"done": 0, "input": 1, "usage": 2, "interrupted": 3, "internal": 70}


@dataclass
class KapdocsError(Exception):
    """A problem with the user's input, told as `file:line: message. hint`."""

    message: str
    file: Path | str | None = None
    line: int | None = None
    hint: str = ""
    rule: str = ""  # the `kapdocs check` rule this breaks (translation, glyphs, contrast), if any
    exit_code: int = 1  # what the command exits with (see EXIT_CODES)

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        return f"{text}. {self.hint}" if self.hint else text

    def at(self, file: Path | str, line: int | None = None) -> "KapdocsError":
        """The same error, placed in `file` (when it had no place yet)."""
        if self.file is not None:
            return self
        return KapdocsError(self.message, file, line if line else self.line, self.hint, self.rule, self.exit_code)
