"""Rewrite the README's sample outputs from real runs (tests/test_readme_samples.py
fails when they drift):

    python tools/readme_samples.py

Each block marked `<!-- sample: ARGS -->` gets the stdout of `audit ARGS --jobs 1`, run
from the repository root.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = re.compile(r"(<!-- sample: (?P<args>[^\n]*?) -->\n```text\n)(?P<body>.*?)(\n```)", re.S)


def run(args: str) -> str:
    cmd = [sys.executable, "-m", "auditor.cli", *shlex.split(args), "--jobs", "1"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False).stdout.rstrip("\n")


if __name__ == "__main__":
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    readme.write_text(SAMPLE.sub(lambda m: m[1] + run(m["args"]) + m[4], text), "utf-8")
    print(f"rewrote {len(SAMPLE.findall(text))} samples in {readme}")
