"""Time and peak memory of the real CLI on every hostile case (tests/hostile/make_hostile.py).

    .venv/bin/python bench/bench_hostile.py [CASE ...]     # all cases (and AT_LIMIT) without arguments

One fresh `audit FILE` per case under GNU time (interpreter start-up included, as a user
sees it): exit code, the first stderr line, wall time, CPU time (user + system) and the
CLI's own peak RSS, as a markdown table for docs/robustness.md, with the load average
before the run. Targets (issue 11): every case under 10 s and 500 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.make_hostile import AT_LIMIT, CASES, build  # noqa: E402

TIMEOUT_S = int(os.environ.get("HOSTILE_TIMEOUT_S", "120"))


def run_case(name: str, folder: Path) -> tuple[int, float, float, float, str]:
    """(exit code, wall seconds, CPU seconds, peak RSS MB, first stderr line) of `audit FILE`.

    Measured by /usr/bin/time (GNU time), which forks the CLI from its own small process:
    the child's peak RSS is then the CLI's own, not inherited from this script (which has
    just built the case in memory). CPU time (user + system) is what to compare on a
    shared machine: wall time there includes waiting for a core."""
    path = build(name, folder)
    err_path = folder / ".stderr"
    cmd = ["/usr/bin/time", "-f", "@@TIME %e %U %S %M", sys.executable, "-m", "auditor.cli", path.name]
    with open(os.devnull, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=err, env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = err_path.read_text(errors="replace").splitlines()
    stats = [line for line in text if line.startswith("@@TIME ")]
    wall, user, system, rss_kb = (float(x) for x in stats[-1].split()[1:]) if stats else (TIMEOUT_S, 0, 0, 0)
    code = proc.returncode
    lines = [line for line in text if line.strip() and not line.startswith(("@@TIME ", "Command exited", "Command terminated"))]
    first = lines[0].split(": ", 1)[-1] if lines else ""
    return code, wall, user + system, rss_kb / 1024, first


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
