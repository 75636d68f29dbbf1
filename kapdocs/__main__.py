"""The `kapdocs` command (and `python -m kapdocs`): kapdocs.cli, with two things done first for
the commands that make one file, `kapdocs handout` and `kapdocs deck`.

- The garbage collector is turned off: the process makes one file and ends, and the collector's
  passes over everything it imports (typer, Jinja2, markdown-it, Babel, pydantic) took 0.07 s of
  the 0.5 s in which `kapdocs handout` reads its source, to free almost nothing.
- For `kapdocs handout`, the process that lays out the PDF is started before anything else is
  imported (kapdocs.ahead.start_rendering_early): it imports WeasyPrint while this one
  imports the commands and reads the source, and the sooner it starts, the sooner the PDF is
  done: it started 0.04-0.07 s after the command instead of 0.12-0.18 s.
"""

import gc
import sys

ONE_FILE_COMMANDS = ("handout", "deck")


def main() -> None:
    if sys.argv[1:2] and sys.argv[1] in ONE_FILE_COMMANDS and not {"--help", "-h"} & set(sys.argv):
        gc.disable()
        if sys.argv[1] == "handout":
            from kapdocs.ahead import start_rendering_early

            start_rendering_early()
    from kapdocs.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
