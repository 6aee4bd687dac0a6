"""A longer fuzzing session over the parsers and extractors (hypothesis, many examples).

    .venv/bin/python bench/fuzz_long.py [EXAMPLES]                 # one round, default 20000
    .venv/bin/python bench/fuzz_long.py EXAMPLES --minutes 20      # rounds until 20 min passed
    .venv/bin/python bench/fuzz_long.py 17000 --doc-examples 1000  # >100,000 cases (docs/robustness.md)

Runs tests/test_fuzz_parsers.py with a larger example budget: normalisation, the number
parsers, the date and Chinese-numeral parsers, and `extract_facts` on random documents and
on mutated real ones (the fixtures and, when present, the corpus reports). With --minutes
it repeats rounds, each with a different hypothesis seed, so the session covers new ground
instead of replaying one; any failing example is printed by pytest and kept in
.hypothesis/ (git-ignored). Results are recorded in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_round(examples: str, seed: int | None, doc_examples: str | None = None) -> int:
    env = {**os.environ, "AUDITOR_FUZZ_EXAMPLES": examples, "AUDITOR_FUZZ_DOC_EXAMPLES": doc_examples or examples}
    cmd = [sys.executable, "-m", "pytest", "-q", "--durations=0", "-p", "no:cacheprovider"]
    if seed is not None:
        cmd.append(f"--hypothesis-seed={seed}")
    cmd.append("tests/test_fuzz_parsers.py")
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("examples", nargs="?", default="20000", help="examples per property and round")
    ap.add_argument("--minutes", type=float, default=0.0, help="repeat rounds until this much time passed")
    ap.add_argument(
        "--doc-examples", default=None, help="examples for the whole-document properties (default: EXAMPLES)"
    )
    args = ap.parse_args()
    start = time.monotonic()
    worst, rounds = 0, 0
    while True:
        seed = rounds if args.minutes else None
        code = run_round(args.examples, seed, args.doc_examples)
        rounds += 1
        worst = max(worst, code)
        elapsed = (time.monotonic() - start) / 60
        print(f"== round {rounds} (seed {seed}) exit {code}, {elapsed:.1f} min so far", flush=True)
        if elapsed >= args.minutes:
            break
    print(
        f"== {rounds} round(s) of {args.examples} examples per property in {elapsed:.1f} min, worst exit {worst}"
    )
    return worst


if __name__ == "__main__":
    sys.exit(main())
