"""Detection benchmark for the prose rules (issue 15): plant one contradiction at a time
in the narrative fixtures (fixtures/narrative.py) and audit.

One class per rule family of issue 15; for each, N seeds (the variant is the seed
modulo 4, so every phrasing and every kind of standard defect comes round) in each
format. A planted report is caught when a finding of the class's rules quotes or names
what was planted. Clean reports (the same seeds, nothing planted) must give no finding
of any rule.

    .venv/bin/python bench/detection_prose.py [--seeds 40] [--formats md,docx] [--misses]
        [--write docs/detection-prose.md]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from auditor.engine.api import audit_path  # noqa: E402
from fixtures.narrative import PLANTS, build, make_spec  # noqa: E402

# class -> (issue 15 item, the rules that may catch it)
CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "problems": ("1 problems vs scores", ("TEXT004", "ZERO001", "TEXT011")),
    "results": ("2 results in prose vs score", ("TEXT005", "TEXT006")),
    "statements": ("3 contradicting statements", ("TEXT001",)),
    "deadline": ("4 durations and deadlines", ("DATE008",)),
    "standards": ("5 scoring standards", ("TEXT007", "TEXT008", "TEXT009", "TEXT010")),
    "reasons": ("6 the same deduction twice", ("TEXT002",)),
    "assertions": ("3 one sentence denies what another asserts", ("TEXT012",)),
    "execution": ("1 no problems, yet execution is low", ("TEXT013",)),
    "set_up": ("4 set up before implementation", ("DATE009",)),
    "publicity": ("4 publicity period", ("DATE010",)),
}
assert set(CLASSES) == set(PLANTS)


def _render(content, fmt: str, path: Path) -> Path:  # type: ignore[no-untyped-def]
    if fmt == "md":
        from fixtures.render_md import render_md

        return render_md(content, path.with_suffix(".md"))
    from fixtures.render_docx import render_docx

    return render_docx(content, path.with_suffix(".docx"))


def _involves(finding, planted: str) -> bool:  # type: ignore[no-untyped-def]
    if not planted:
        return True
    text = " ".join([finding.message_zh] + [p.quote for p in finding.places])
    return planted in text


def run(seeds: int, formats: list[str]) -> dict:
    stats: dict = {"caught": Counter(), "total": Counter(), "by_rule": defaultdict(Counter), "misses": [], "clean": Counter(), "clean_findings": []}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            for seed in range(1, seeds + 1):
                clean = make_spec(seed)
                path = _render(build(clean), fmt, Path(tmp) / f"clean_{seed}")
                found = audit_path(str(path)).findings
                stats["clean"][fmt] += 1
                stats["clean_findings"] += [f"{fmt} seed {seed}: {f.rule_id} {f.message_zh}" for f in found]
                for plant, (_, rules) in CLASSES.items():
                    spec = make_spec(seed, plant)
                    content = build(spec)  # fills spec.notes with what was planted
                    path = _render(content, fmt, Path(tmp) / f"{plant}_{seed}")
                    hits = [f for f in audit_path(str(path)).findings if f.rule_id in rules and _involves(f, spec.notes.get("planted", ""))]
                    stats["total"][(plant, fmt)] += 1
                    if hits:
                        stats["caught"][(plant, fmt)] += 1
                        stats["by_rule"][plant][hits[0].rule_id] += 1
                    else:
                        stats["misses"].append(f"{plant} {fmt} seed {seed} variant {spec.variant}: {spec.notes}")
    return stats


def render_table(stats: dict, formats: list[str], seeds: int) -> list[str]:
    head = "| class (issue 15 item) | rules | " + " | ".join(f"recall {f}" for f in formats) + " | caught by |"
    lines = [head, "|" + "---|" * (3 + len(formats))]
    for plant, (item, rules) in CLASSES.items():
        cells = []
        for fmt in formats:
            n, k = stats["total"][(plant, fmt)], stats["caught"][(plant, fmt)]
            cells.append(f"{k}/{n} ({100 * k / n:.0f} %)" if n else "—")
        by = ", ".join(f"{r} {c}" for r, c in sorted(stats["by_rule"][plant].items()))
        lines.append(f"| {plant} ({item}) | {', '.join(rules)} | " + " | ".join(cells) + f" | {by} |")
    clean = sum(stats["clean"].values())
    lines += ["", f"Clean reports: {clean} ({seeds} seeds × {len(formats)} formats), findings of any rule: {len(stats['clean_findings'])}."]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--formats", default="md,docx")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    formats = args.formats.split(",")
    stats = run(args.seeds, formats)
    lines = render_table(stats, formats, args.seeds)
    print("\n".join(lines))
    if args.misses:
        for m in stats["misses"] + stats["clean_findings"]:
            print("  ", m)
    if args.write:
        from markdown_block import write_block

        write_block(args.write, "detection-prose-table", lines)


if __name__ == "__main__":
    main()
