"""Time and peak memory of the real CLI on every hostile case (tests/hostile/make_hostile.py).

    .venv/bin/python bench/bench_hostile.py [CASE ...]     # all cases without arguments

One fresh `audit FILE` subprocess per case (interpreter start-up included, as a user sees
it); wall time, exit code, the first stderr line and the child's own peak RSS (os.wait4,
not the cumulative RUSAGE_CHILDREN maximum) are printed as a markdown table for
docs/robustness.md. Targets (issue 6): every case under 10 s and 500 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.make_hostile import AT_LIMIT, CASES, build  # noqa: E402

TIMEOUT_S = int(os.environ.get("HOSTILE_TIMEOUT_S", "120"))


def run_case(name: str, folder: Path) -> tuple[int, float, float, float, str]:
    """(exit code, wall seconds, CPU seconds, peak RSS MB, first stderr line) of `audit FILE`.
    CPU time (user + system) is what to compare on a shared machine: wall time there
    includes waiting for a core."""
    path = build(name, folder)
    err_path = folder / ".stderr"
    with open(os.devnull, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor.cli", path.name],
            cwd=folder,
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        timer = threading.Timer(TIMEOUT_S, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    lines = [line for line in err_path.read_text(errors="replace").splitlines() if line.strip()]
    first = lines[0].split(": ", 1)[-1] if lines else ""
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, first


def main(names: list[str]) -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| case | file | exit | message (zh) | wall time | CPU time | peak RSS |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: |")
    worst_t, worst_m = 0.0, 0.0
    for name in names or [*sorted(CASES), *AT_LIMIT]:
        with tempfile.TemporaryDirectory() as tmp:
            code, wall, cpu, rss, msg = run_case(name, Path(tmp))
        worst_t, worst_m = max(worst_t, wall), max(worst_m, rss)
        shown = msg if len(msg) <= 60 else msg[:57] + "…"
        print(
            f"| {name} | {(CASES | AT_LIMIT)[name][0]} | {code} | {shown or '(read)'} | {wall:.2f} s | {cpu:.2f} s "
            f"| {rss:.0f} MB |",
            flush=True,
        )
    print(f"worst: {worst_t:.2f} s, {worst_m:.0f} MB (targets < 10 s, < 500 MB)")


if __name__ == "__main__":
    main(sys.argv[1:])
