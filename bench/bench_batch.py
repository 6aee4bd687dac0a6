"""Batch throughput: N generated reports (mixed formats, a few corrupt), --jobs 1 vs --jobs 2.

    .venv/bin/python bench/bench_batch.py [N] [REPEATS]    # default 200 reports, 3 repeats

Runs the real CLI as a subprocess over one folder, alternating job counts, and reports
reports/second and the speed-up of --jobs 2 over --jobs 1 (a ratio within one run: the
machine is noisy). Results are written down in docs/benchmarks.md by hand.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "fixtures" / "generated"


def build_batch(folder: Path, n: int) -> int:
    sources = sorted(p for p in GENERATED.iterdir() if p.suffix in {".docx", ".pdf", ".md"})
    corrupt = 0
    for i in range(n):
        if i % 50 == 49:  # a few corrupt files among them
            (folder / f"r{i:04d}.docx").write_bytes(b"PK\x03\x04 truncated")
            corrupt += 1
            continue
        src = sources[i % len(sources)]
        shutil.copy(src, folder / f"r{i:04d}{src.suffix}")
    return corrupt


def timed(folder: Path, jobs: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "audit"), str(folder), "--jobs", str(jobs), "--format", "json"],
        capture_output=True, text=True,
    )
    return time.perf_counter() - t0, run.returncode


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corrupt = build_batch(folder, n)
        runs: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(repeats):
            for jobs in (1, 2):
                seconds, code = timed(folder, jobs)
                assert code == 2, "the corrupt files must give exit 2"
                runs[jobs].append(seconds)
                print(f"  --jobs {jobs}: {seconds:.2f} s", flush=True)
        one, two = statistics.median(runs[1]), statistics.median(runs[2])
        ratios = [a / b for a, b in zip(runs[1], runs[2], strict=True)]
        print(f"{n} reports ({corrupt} corrupt), median of {repeats} run(s) each")
        print(f"--jobs 1: {one:.2f} s, {n / one:.1f} reports/s")
        print(f"--jobs 2: {two:.2f} s, {n / two:.1f} reports/s")
        print(f"speed-up: {one / two:.2f}x (per pair: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
