"""End-to-end speed: read -> extract -> rules, per stage, for .docx/.md/.pdf inputs.

Targets (issues 2, 3, 6): a 40-page .docx read in < 0.2 s after start-up, extraction adding
< 0.1 s, the whole audit < 0.3 s beyond interpreter start-up. Times are in-process medians
over repeats, so interpreter start-up and imports are excluded (measured separately).

    .venv/bin/python bench/bench_e2e.py [FILE ...]

Without arguments it times the shipped fixtures and, when present, the two corpus reports.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REPEATS = 7


def long_docx() -> Path:
    """A 40-page report rendered from the fixture generator (about 42 pages in Word)."""
    sys.path.insert(0, str(ROOT))
    from fixtures.make_fixtures import long_report, render

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    return render(long_report(40), "docx", out / "long_40_pages.docx")


def default_inputs() -> list[Path]:
    found = [long_docx()]
    found += sorted((ROOT / "fixtures" / "generated").glob("*.*")) if (ROOT / "fixtures" / "generated").is_dir() else []
    if CORPUS.is_dir():
        found += sorted(CORPUS.glob("*.docx")) + sorted(CORPUS.glob("*.txt"))
    return [p for p in found if p.suffix in {".docx", ".pdf", ".md", ".txt"}]


def time_stages(path: Path) -> dict[str, float]:
    from auditor.engine.api import AuditOptions, audit_facts_result, load_rules
    from auditor.extract import extract_facts
    from auditor.readers import read_document

    options = AuditOptions()
    load_rules(options)  # packs are loaded once per run, not per file
    samples: dict[str, list[float]] = {"read": [], "extract": [], "rules": [], "total": []}
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        doc = read_document(str(path))
        t1 = time.perf_counter()
        facts = extract_facts(doc)
        t2 = time.perf_counter()
        audit_facts_result(str(path), facts, options)
        t3 = time.perf_counter()
        samples["read"].append(t1 - t0)
        samples["extract"].append(t2 - t1)
        samples["rules"].append(t3 - t2)
        samples["total"].append(t3 - t0)
    # The minimum is the least disturbed run on a shared machine; medians are shown too.
    out = {k: statistics.median(v) for k, v in samples.items()}
    out["total_min"] = min(samples["total"])
    return out


def startup_seconds() -> float:
    """Wall time of `audit --version` (interpreter + click import), for context."""
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditor.cli", "--version"], capture_output=True, check=True)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str]) -> None:
    inputs = [Path(a) for a in argv] or default_inputs()
    print(f"start-up (audit --version): {startup_seconds() * 1000:.0f} ms")
    print("| file | read ms | extract ms | rules ms | total ms (median) | total ms (min) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path in inputs:
        s = time_stages(path)
        print(
            f"| {path.name} | {s['read'] * 1000:.0f} | {s['extract'] * 1000:.0f} | "
            f"{s['rules'] * 1000:.0f} | {s['total'] * 1000:.0f} | {s['total_min'] * 1000:.0f} |",
            flush=True,
        )
    print(f"start-up again (audit --version): {startup_seconds() * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
