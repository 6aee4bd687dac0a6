"""`python -m auditor …` is the `audit` command."""

from auditor.entry import run

run()
