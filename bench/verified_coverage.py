"""Verified-OK coverage: how many of a careful reviewer's passing checks the auditor performs.

Each annotation of the study corpus lists under `verified_ok` checks that hold. The
hand-made mapping bench/verified_ok_checks.yaml says, per item, which rule should make the
check and on which figures. This script audits each document while recording every item
each rule evaluated (outcome passed or failed: what the engine counts as "claims checked",
see auditor/engine/runner.py) with the figures and words that item and its `let` values
carry, and reports per verified_ok item:
- checked: every check of the item was evaluated by one of its rules on its figures;
- flagged: one of those rules FAILED on its figures (a false alarm on a verified trap);
- not checked; or no check to perform (trap / no rule / another helper's area).

    .venv/bin/python bench/verified_coverage.py [--corpus DIR] [--format docx|txt] [-v]

Skips (exit 0) when the corpus directory is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.engine import runner  # noqa: E402
from auditor.engine.api import AuditOptions, audit_path  # noqa: E402
from auditor.engine.records import Fig, Rec, Where  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
MAPPING = ROOT / "bench" / "verified_ok_checks.yaml"
_NUM = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Evaluated:
    """One item a rule evaluated: its outcome and what it carried."""

    rule: str
    outcome: str  # passed / failed
    numbers: set[Decimal]
    texts: list[str]


@contextmanager
def recording() -> Iterator[list[Evaluated]]:
    """Record every passed/failed item of every rule run inside the block."""
    log: list[Evaluated] = []
    values: list[Any] = []
    orig_eval, orig_evaluate = runner._RuleRun._eval, runner._RuleRun.evaluate

    def _eval(self: Any, fld: str, names: Any) -> Any:
        value = orig_eval(self, fld, names)
        values.append(value)
        return value

    def evaluate(self: Any, item: Any) -> Any:
        values.clear()
        outcome, finding = orig_evaluate(self, item)
        if outcome in ("passed", "failed"):
            texts: list[str] = []
            _walk([item, *values], texts)
            numbers = {n for t in texts for n in _numbers(t)}
            log.append(Evaluated(self.rule.id, outcome, numbers, texts))
        return outcome, finding

    runner._RuleRun._eval, runner._RuleRun.evaluate = _eval, evaluate  # type: ignore[method-assign]
    try:
        yield log
    finally:
        runner._RuleRun._eval, runner._RuleRun.evaluate = orig_eval, orig_evaluate  # type: ignore[method-assign]


def _walk(value: Any, out: list[str], depth: int = 0) -> None:
    if depth > 12 or value is None or isinstance(value, (Where, Rec, bool)):
        return
    if isinstance(value, Fig):
        out.append(value.text)
    elif isinstance(value, (Decimal, int, float)):
        out.append(str(value))
    elif isinstance(value, str):
        out.append(value)
    elif isinstance(value, (tuple, list)):
        for v in value[:200]:
            _walk(v, out, depth + 1)
    elif is_dataclass(value):
        for f in fields(value):
            _walk(getattr(value, f.name), out, depth + 1)


def _numbers(text: str) -> set[Decimal]:
    out = set()
    for m in _NUM.findall(re.sub(r"(?<=\d),(?=\d{3})", "", text)):
        try:
            out.add(Decimal(m).normalize())
        except InvalidOperation:
            continue
    return out


def _dec(x: Any) -> Decimal:
    return Decimal(str(x).replace(",", "")).normalize()


def _meets(check: dict, ev: Evaluated) -> bool:
    if ev.rule not in check["rules"]:
        return False
    if not all(_dec(f) in ev.numbers for f in check.get("figures", [])):
        return False
    return all(any(str(w) in t for t in ev.texts) for w in check.get("words", []))


@dataclass
class Item:
    doc: str
    ok: int
    text: str
    state: str  # checked / flagged / not checked / trap / no-rule / other
    missing: list[str] = field(default_factory=list)


def measure(corpus: Path, ext: str, mapping: list[dict]) -> list[Item]:
    items: list[Item] = []
    by_doc: dict[str, list[dict]] = {}
    for entry in mapping:
        by_doc.setdefault(entry["doc"], []).append(entry)
    for doc, entries in by_doc.items():
        ann = yaml.safe_load((corpus / "annotations" / f"{doc}.yaml").read_text(encoding="utf-8")) or {}
        oks = ann.get("verified_ok") or []
        with recording() as log:
            result = audit_path(str(corpus / f"{doc}.{ext}"), AuditOptions.make(lang="en"))
        if result.error:
            raise SystemExit(f"{doc}: {result.error}")
        for entry in sorted(entries, key=lambda e: e["ok"]):
            text = str(oks[entry["ok"]])
            if "none" in entry:
                items.append(Item(doc, entry["ok"], text, entry["none"]))
                continue
            missing = []
            flagged = False
            for check in entry["checks"]:
                hits = [ev for ev in log if _meets(check, ev)]
                if not hits:
                    missing.append(_describe(check))
                flagged |= any(ev.outcome == "failed" for ev in hits)
            state = "flagged" if flagged else "not checked" if missing else "checked"
            items.append(Item(doc, entry["ok"], text, state, missing))
    return items


def _describe(check: dict) -> str:
    what = " ".join(str(f) for f in check.get("figures", []))
    words = " ".join(str(w) for w in check.get("words", []))
    return f"{'/'.join(check['rules'])} on {what}{' [' + words + ']' if words else ''}"


def table(items: list[Item]) -> str:
    states = ["checked", "not checked", "flagged", "trap", "no-rule", "other"]
    docs: dict[str, dict[str, int]] = {}
    for it in items:
        docs.setdefault(it.doc, dict.fromkeys(states, 0))[it.state] += 1
    head = "| document | verified_ok | " + " | ".join(states) + " |\n|---|---:|" + "---:|" * len(states) + "\n"
    lines, tot = [], dict.fromkeys(states, 0)
    for doc, counts in docs.items():
        lines.append(f"| {doc} | {sum(counts.values())} | " + " | ".join(str(counts[s]) for s in states) + " |")
        for s in states:
            tot[s] += counts[s]
    lines.append(f"| **total** | {sum(tot.values())} | " + " | ".join(str(tot[s]) for s in states) + " |")
    checks = tot["checked"] + tot["not checked"] + tot["flagged"]
    return head + "\n".join(lines) + f"\n\nChecks a rule should make: {checks}; performed: {tot['checked']}; flagged: {tot['flagged']}.\n"


def details(items: list[Item]) -> str:
    out = []
    for it in items:
        if it.state in ("not checked", "flagged"):
            out.append(f"- {it.doc}[{it.ok}] {it.state}: {it.text[:90]}")
            out += [f"  - missing: {m}" for m in it.missing]
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--format", default="docx", choices=["docx", "txt"])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "annotations").is_dir():
        print(f"corpus not found at {args.corpus}: skipped")
        return 0
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    items = measure(args.corpus, args.format, mapping)
    print(table(items))
    if args.verbose:
        print(details(items))
    return 1 if any(it.state == "flagged" for it in items) else 0


if __name__ == "__main__":
    sys.exit(main())
