"""The `audit` command's entry point. Ctrl-C while the command is still importing its
libraries (a second or more on a loaded machine) must end like any other interrupt:
one line and exit 130, not a traceback. The CLI itself handles interrupts once it runs."""

from __future__ import annotations

import sys


def _english(argv: list[str]) -> bool:
    for i, arg in enumerate(argv):
        if arg == "--lang":
            return argv[i + 1 : i + 2] == ["en"]
        if arg.startswith("--lang="):
            return arg == "--lang=en"
    return False


def _interrupted() -> None:
    from auditor.i18n import t  # the CLI's own words (a small module: safe to import here)

    sys.stderr.write(t("run.interrupted", "en" if _english(sys.argv) else "zh") + "\n")
    sys.exit(130)


def run() -> None:
    try:
        from auditor.cli import main
    except KeyboardInterrupt:
        _interrupted()
    try:
        main()
    except KeyboardInterrupt:  # between start-up and the command's own handler
        _interrupted()
