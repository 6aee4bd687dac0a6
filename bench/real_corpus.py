"""Real-corpus measure: per annotated document, what the auditor checks and finds.

For every NAME.docx of the study corpus that has annotations/NAME.yaml, prints the claims
checked and not checkable, the findings, the annotated defects found, and the findings
that match no annotated defect (possible false alarms: on these documents every check
that is not a listed defect is one of the reviewer's verified-OK traps or unannotated).

A finding matches a defect when its quotes, figures, message or found text contain:
- one of the defect's `match_nums` (a number, commas ignored, not part of a longer number), or
- for `match` (a list of groups), an item of every group, or
- without either key (the two long reports): a place quote and a claim fragment of which one
  contains the other (whitespace ignored), or a distinctive number of the claims (a decimal,
  a percentage other than 100 %, four or more digits). Best effort.

    .venv/bin/python bench/real_corpus.py [--corpus DIR] [--format docx|txt] [--write docs/real-corpus.md] [-v]

Skips (exit 0) when the corpus directory is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.engine.api import AuditOptions, audit_path  # noqa: E402
from auditor.findings import Finding  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
_DISTINCT = re.compile(r"\d+\.\d+%?|\d+%|\d{4,}")


@dataclass
class Row:
    name: str
    checked: int = 0
    not_checkable: int = 0
    findings: int = 0
    defects: int = 0
    found: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    error: str | None = None


def _haystack(f: Finding) -> str:
    parts = [f.message_zh, f.message_en, f.found or "", f.expected or ""]
    for p in f.places:
        parts += [p.quote, p.figure or ""]
    return re.sub(r"(?<=\d),(?=\d{3})", "", " ".join(parts))


def _has_number(text: str, number: str) -> bool:
    n = str(number).replace(",", "")
    return re.search(r"(?<![\d.])" + re.escape(n) + r"(?!\.?\d)", text) is not None


def matches(defect: dict, f: Finding) -> bool:
    text = _haystack(f)
    if "match_nums" in defect:
        return any(_has_number(text, str(n)) for n in defect["match_nums"])
    if "match" in defect:
        return all(any(str(item) in text for item in group) for group in defect["match"])
    claims = [_squash(str(c)) for c in defect.get("claims", [])]
    quotes = [_squash(p.quote) for p in f.places]
    if any(len(q) >= 6 and len(c) >= 6 and (q in c or c in q) for q in quotes for c in claims):
        return True
    # a short claim ("D很不满意") inside a short quote (its table row)
    if any(4 <= len(c) <= len(q) <= 20 and c in q for q in quotes for c in claims):
        return True
    # distinctive numbers only: decimals, percentages (not 100 %) and four or more digits
    nums = {n for c in claims for n in _DISTINCT.findall(c.replace(",", ""))}
    nums = {n for n in nums if n.rstrip("%") not in ("100", "100.00", "0", "0.00")}
    return any(_has_number(text, n.rstrip("%")) for n in nums)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def measure(corpus: Path, ext: str) -> list[Row]:
    rows = []
    for ann_path in sorted((corpus / "annotations").glob("*.yaml")):
        name = ann_path.stem
        doc = corpus / f"{name}.{ext}"
        if not doc.exists():
            continue
        ann = yaml.safe_load(ann_path.read_text(encoding="utf-8")) or {}
        defects = ann.get("defects") or []
        result = audit_path(str(doc), AuditOptions.make(lang="en"))
        row = Row(name, defects=len(defects))
        if result.error:
            row.error = result.error
            rows.append(row)
            continue
        row.checked, row.not_checkable = result.coverage.checked, result.coverage.not_checkable
        row.findings = len(result.findings)
        hit: set[str] = set()
        for f in result.findings:
            ids = [d.get("id", "?") for d in defects if matches(d, f)]
            hit.update(ids)
            if not ids:
                row.unmatched.append(f"{f.rule_id}: {f.message_en}")
        row.found = sorted(hit)
        rows.append(row)
    return rows


def table(rows: list[Row]) -> str:
    head = "| document | claims checked | not checkable | findings | defects found | possible false alarms |\n"
    head += "|---|---:|---:|---:|---:|---:|\n"
    lines = []
    tot = [0, 0, 0, 0, 0, 0]
    for r in rows:
        if r.error:
            lines.append(f"| {r.name} | unreadable | | | | |")
            continue
        lines.append(
            f"| {r.name} | {r.checked} | {r.not_checkable} | {r.findings} | "
            f"{len(r.found)} / {r.defects} | {len(r.unmatched)} |"
        )
        for i, v in enumerate((r.checked, r.not_checkable, r.findings, len(r.found), r.defects, len(r.unmatched))):
            tot[i] += v
    lines.append(f"| **total** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} / {tot[4]} | {tot[5]} |")
    return head + "\n".join(lines) + "\n"


def details(rows: list[Row]) -> str:
    out = []
    for r in rows:
        if r.found or r.unmatched:
            out.append(f"- **{r.name}**: found {', '.join(r.found) or '—'}")
            out += [f"  - unmatched: {u}" for u in r.unmatched]
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--format", default="docx", choices=["docx", "txt"])
    ap.add_argument("--write", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not (args.corpus / "annotations").is_dir():
        print(f"corpus not found at {args.corpus}: skipped")
        return 0
    rows = measure(args.corpus, args.format)
    out = table(rows)
    print(out)
    if args.verbose:
        print(details(rows))
    if args.write:
        args.write.write_text(
            "# Real corpus: claims checked, annotated defects found, possible false alarms\n\n"
            f"Measured with `.venv/bin/python bench/real_corpus.py --format {args.format} --write {args.write}`"
            " on the study corpus (/work/shared/corpus). A finding that matches no annotated defect"
            " is counted as a possible false alarm. Defects are matched by their `match_nums` /"
            " `match` items, else by the numbers of their claim fragments (see the script).\n\n"
            + out
            + "\nPer document:\n\n"
            + details(rows),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
