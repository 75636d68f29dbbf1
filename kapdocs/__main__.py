"""The `kapdocs` command (and `python -m kapdocs`): kapdocs.cli, with the process prepared first
for the command it runs (kapdocs.batch.one_file)."""

import sys


def main() -> None:
    from kapdocs.batch.one_file import start

    start(sys.argv[1:])
    from kapdocs.cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
