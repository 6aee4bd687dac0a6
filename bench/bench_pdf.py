"""Benchmark the PDF reader against pdfplumber's own table extraction.

    .venv/bin/python bench/bench_pdf.py            # 60-page speed, 500-page memory
    .venv/bin/python bench/bench_pdf.py --quick    # fewer repeats, 200-page memory run
    .venv/bin/python bench/bench_pdf.py --pdf a.pdf --pdf b.pdf   # also time real PDFs

Speed: `read_pdf` (paragraphs + tables + everything else) against pdfplumber's
`page.extract_tables()` over the same pages of a generated 60-page report (running header,
page numbers, headings, paragraphs, a ruled 9x4 table on most pages). Both run in the same
process, alternating, several times; the ratio is taken within each repeat and the
medians are reported.

Memory: peak resident set size (ru_maxrss) of a fresh child process that reads a
generated 60-page and a 500-page PDF, and in a second child the Python heap peak
(tracemalloc). pdfium's own allocations show only in the RSS figure. Bounded memory means the 500-page peak exceeds
the 60-page one by little more than the Document that is returned. A third child runs the
whole audit of the 500-page PDF (read -> extract_facts -> rules, as `audit` does per file),
with the extractors imported and the rule packs loaded before the baseline.

Generated PDFs go to bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def make(pages: int) -> Path:
    from tests.pdf_samples import report_pdf

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"report_{pages}p.pdf"
    if not path.exists():
        report_pdf(path, pages=pages)
    return path


def plumber_tables(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_tables())
            page.close()  # flush pdfplumber's per-page caches, as a careful caller would
    return n


def speed(path: Path, repeats: int) -> dict[str, object]:
    from auditor.readers.pdf_reader import read_pdf

    doc = read_pdf(str(path))  # warm-up (imports, font caches)
    plumber_tables(path)
    ours, theirs, ratios = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        doc = read_pdf(str(path))
        t1 = time.perf_counter()
        n_plumber = plumber_tables(path)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
        ratios.append((t1 - t0) / (t2 - t1))
    pages = doc.pages or 1
    return {
        "pages": pages,
        "repeats": repeats,
        "read_pdf_s": round(statistics.median(ours), 3),
        "read_pdf_ms_per_page": round(statistics.median(ours) / pages * 1000, 1),
        "plumber_extract_tables_s": round(statistics.median(theirs), 3),
        "plumber_ms_per_page": round(statistics.median(theirs) / pages * 1000, 1),
        "ratio_median": round(statistics.median(ratios), 3),
        "ratio_max": round(max(ratios), 3),
        "tables_read_pdf": sum(1 for _ in doc.tables()),
        "tables_plumber": n_plumber,
        "summary": doc.summary(),
    }


def audit_e2e(path: str) -> object:
    """The whole audit of one file in process: read -> extract_facts -> rules."""
    from auditor.engine.api import audit_facts_result
    from auditor.extract import extract_facts
    from auditor.readers import read_document

    facts = extract_facts(read_document(path))
    return audit_facts_result(path, facts, _E2E_OPTIONS)


_E2E_OPTIONS: object = None


def load_e2e() -> None:
    """Import the extractors and load the rule packs once, before the memory baseline."""
    global _E2E_OPTIONS
    from auditor.engine.api import AuditOptions, load_rules
    from auditor.extract import extractors

    _E2E_OPTIONS = AuditOptions()
    load_rules(_E2E_OPTIONS)
    extractors()


_CHILD = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
from auditor.readers.pdf_reader import read_pdf
mode = {mode!r}
if mode == "plumber":
    from bench.bench_pdf import plumber_tables as run
elif mode == "e2e":
    from bench.bench_pdf import audit_e2e as run, load_e2e
    load_e2e()
else:
    run = read_pdf
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if {trace}:  # tracemalloc slows Python down and inflates RSS: a separate run
    tracemalloc.start()
t = time.perf_counter()
error = None
try:
    result = run({path!r})
except Exception as exc:  # e.g. a rule over its deadline: the memory figure still counts
    error = f"{{type(exc).__name__}}: {{exc}}"
secs = time.perf_counter() - t
out = {{"seconds": round(secs, 2)}}
if error:
    out["error"] = error[:300]
if {trace}:
    current, peak = tracemalloc.get_traced_memory()
    out.update(py_heap_peak_mb=round(peak / 2**20, 1), py_heap_kept_mb=round(current / 2**20, 1))
else:
    out.update(
        rss_after_imports_mb=round(base / 1024, 1),
        rss_peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
print(json.dumps(out))
"""


def memory(path: Path, mode: str = "read") -> dict[str, object]:
    """mode: 'read' (read_pdf), 'plumber' (extract_tables), 'e2e' (read + extract + rules)."""
    result: dict[str, object] = {}
    for trace in (False, True):
        code = _CHILD.format(root=str(ROOT), path=str(path), mode=mode, trace=trace)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:  # record why instead of losing the other figures
            tail = (out.stderr.strip().splitlines() or ["?"])[-1]
            result["error" + ("_traced" if trace else "")] = f"exit {out.returncode}: {tail}"
            continue
        got = json.loads(out.stdout.strip().splitlines()[-1])
        if trace:
            got["seconds_traced"] = got.pop("seconds")
        result.update(got)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 repeats; memory on 200 pages")
    ap.add_argument("--repeats", type=int, default=None)
    ap.add_argument("--plumber-memory", action="store_true", help="also measure pdfplumber's memory")
    ap.add_argument("--pdf", action="append", default=[], help="also time these PDFs (any number)")
    args = ap.parse_args()
    repeats = args.repeats or (3 if args.quick else 7)
    big = 200 if args.quick else 500
    t = time.perf_counter()
    p60, pbig = make(60), make(big)
    print(f"generated {p60.name}, {pbig.name} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    result = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "speed_60p": speed(p60, repeats),
        "memory_60p": memory(p60),
        f"memory_{big}p": memory(pbig),
        f"memory_{big}p_audit_e2e": memory(pbig, mode="e2e"),
    }
    if args.plumber_memory:
        result[f"plumber_memory_{big}p"] = memory(pbig, mode="plumber")
    for extra in args.pdf:
        result[f"speed {Path(extra).name}"] = speed(Path(extra), repeats)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
