"""A longer fuzzing session over the parsers and extractors (hypothesis, many examples).

    .venv/bin/python bench/fuzz_long.py [EXAMPLES]      # default 20000 per property

Runs tests/test_fuzz_parsers.py with a larger example budget; results are recorded in
docs/robustness.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    examples = sys.argv[1] if len(sys.argv) > 1 else "20000"
    env = {**os.environ, "AUDITOR_FUZZ_EXAMPLES": examples}
    cmd = [sys.executable, "-m", "pytest", "-q", "--durations=0", "tests/test_fuzz_parsers.py"]
    sys.exit(subprocess.run(cmd, cwd=ROOT, env=env).returncode)
