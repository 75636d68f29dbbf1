"""The `kapdocs` command: one thin typer module per command group, each parsing options, calling
one library function and printing what it returns. Bad input ends as one line,
`error: file:line: message. what to do`, and exit code 1, never a traceback. Libraries are
imported inside the commands, so `kapdocs --help` starts fast."""

from kapdocs.cli.app import app, main

__all__ = ["app", "main"]
