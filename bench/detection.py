"""Detection benchmark: plant one defect at a time in the synthetic fixtures and audit.

For every spec, every place of a mutable kind, and every format, the harness renders a
mutant (one printed figure changed through `spec.overrides`), runs the auditor, and asks:
- recall: is there a finding from a rule of the defect's class whose places include the
  mutated place (a quoted text containing the planted value)?
- false positives: findings on the clean originals, and findings on a mutant that do not
  involve the mutated place.

    .venv/bin/python bench/detection.py [--formats docx,md,pdf] [--every N] [--misses]
        [--match KEY-TEXT] [--specs project_eval,...] [--write docs/detection.md]

Deterministic: places are taken in print order; `--every N` keeps every N-th place per
class; `--match` keeps place keys containing the text (to iterate on one miss).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.engine.api import AuditOptions, audit_path  # noqa: E402
from fixtures.make_fixtures import SPECS, build_spec, places, render  # noqa: E402

# defect class -> (figure kinds it mutates, rule id prefixes that may catch it)
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "score": (("score",), ("SCORE", "DED", "RATE", "GRADE", "ZERO", "SELF")),
    "weight": (("weight",), ("SCORE", "DED", "RATE")),
    "rate": (("rate",), ("RATE", "SCORE", "SURVEY", "STATUS")),  # a target's actual is a rate too
    "money": (("money",), ("MONEY",)),
    "count": (("count",), ("COUNT", "SURVEY", "STATUS")),
    "grade": (("grade",), ("GRADE", "SELF")),
    "date": (("date",), ("DATE",)),
    "status": (("status",), ("STATUS", "COUNT")),  # a flipped status also breaks the stated tally
    "blank": (("section_text",), ("ZERO",)),  # a problem list or a deduction reason emptied to 无
}

# Traps: text a careful reader knows is consistent, planted at a free-text place of a clean
# spec (appended to a deduction reason, or printed in an empty cell of the self-assessment
# form). Each must give no finding: they test the identity of statements (same quantity,
# same subject, same qualifier; placeholders are not statements), not recall.
_REASON = "narrative.决策/绩效目标/绩效目标合理性.reason"
TRAPS: dict[str, tuple[str, dict[str, str]]] = {
    # a payment total, its instalments and the remainder listed after them
    "remainder-after-breakdown": (
        "project_eval",
        {_REASON: "{reason}；资金已拨付{received}万元，其中一期拨付20.00万元、二期拨付{received_rest}万元，剩余尾款5.00万元待拨付"},
    ),
    # an amount requested and an amount completed are not the budget
    "requested-vs-completed": (
        "project_eval",
        {_REASON: "{reason}；项目申请预算资金50.00万元，完成预算资金{spent}万元"},
    ),
    # the part of an amount not yet carried out, next to the budget it is part of
    "remainder-of-estimate": (
        "project_eval",
        {_REASON: "{reason}；调整后预算{adjusted}万元中，已实施部分20.00万元，剩余未实施部分预算{adjusted_rest}万元"},
    ),
    # a target rate next to the achieved rate of one indicator
    "target-next-to-actual": (
        "project_eval",
        {_REASON: "{reason}；预算执行率指标值为100%，实际完成{execution_rate}"},
    ),
    # template rows of unused fund sources, and the rate of one fund line beside the total's
    "template-zero-rows": (
        "self_assessment",
        {"form.money.3.rate": "0.00%", "form.money.1.rate": "{line1_rate}"},
    ),
}


def _trap_values(spec) -> dict[str, str]:  # type: ignore[no-untyped-def]
    d = {key: default for key, _, default in places(spec)}
    out: dict[str, str] = {}
    if "money.body.received" in d:
        out["received"] = d["money.body.received"]
        out["received_rest"] = f"{Decimal(d['money.body.received']) - Decimal('20.00'):.2f}"
        out["adjusted"] = d["money.body.adjusted"]
        out["adjusted_rest"] = f"{Decimal(d['money.body.adjusted']) - Decimal('20.00'):.2f}"
        out["spent"] = d["money.body.spent"]
        out["execution_rate"] = d["money.body.execution_rate"]
        out["reason"] = d[_REASON]
    if "form.money.1.executed" in d:
        rate = Decimal(d["form.money.1.executed"]) / Decimal(d["form.money.1.full_year"]) * 100
        out["line1_rate"] = f"{rate:.2f}%"
    return out


def run_traps(formats: list[str]) -> dict[str, list[str]]:
    """Findings on each trap mutant that are not on its clean original (must be none)."""
    options = AuditOptions()
    out: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (spec_name, plants) in TRAPS.items():
            for fmt in formats:
                clean = audit_path(str(render(build_spec(spec_name), fmt, Path(tmp) / f"clean.{fmt}")), options)
                seen = {f.fingerprint for f in clean.findings}
                mutant = build_spec(spec_name)
                values = _trap_values(mutant)
                for key, text in plants.items():
                    mutant.overrides[key] = text.format(**values)
                result = audit_path(str(render(mutant, fmt, Path(tmp) / f"trap.{fmt}")), options)
                out[f"{name} {fmt}"] = [
                    f"{f.rule_id} {f.message_en}" for f in result.findings if f.fingerprint not in seen
                ]
    return out


# which section texts the "blank" class empties: the problem list, and deduction reasons
BLANKABLE = (".deduction_text", ".reason")


def blankable(key: str) -> bool:
    return key == "problems" or (key.startswith("annex.") and key.endswith(BLANKABLE))


def mutate(kind: str, text: str, key: str = "") -> str | None:
    """A plausible typo that changes the figure: numbers +1 in the last place (+5 for
    percentages), grades shifted one band, statuses flipped, dates moved by about a year —
    a start later, any other date earlier, the direction in which the slip shows as an
    inconsistency (a start moved earlier contradicts nothing a reader could check)."""
    if kind == "section_text":
        return "无" if blankable(key) else None
    if kind == "grade":
        return {"优": "良", "良": "中", "中": "良", "差": "中"}.get(text)
    if kind == "status":
        return {"全部完成": "未完成", "部分完成": "全部完成", "未完成": "全部完成"}.get(text)
    if kind == "date":
        import re

        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
        if not m:
            return None
        shift = timedelta(days=400)
        d = date(int(m[1]), int(m[2]), int(m[3]))
        d = d + shift if key.endswith("_start") else d - shift
        return f"{d.year}年{d.month}月{d.day}日"
    percent = text.endswith("%")
    body = text.rstrip("%").replace(",", "")
    try:
        value = Decimal(body)
    except InvalidOperation:
        return None
    step = Decimal(5) if percent else Decimal(1)
    new = value + step
    decimals = len(body.split(".")[1]) if "." in body else 0
    printed = f"{new:,.{decimals}f}" if "," in text else f"{new:.{decimals}f}"
    return printed + ("%" if percent else "")


def _target_of(spec, key: str):  # type: ignore[no-untyped-def]
    """The spec's target row a `targets.N.actual` / `form.…/leaf.actual` place prints."""
    if not key.endswith(".actual"):
        return None
    head = key[: -len(".actual")]
    if head.startswith("targets."):
        n = int(head.split(".")[1])
        return spec.targets[n - 1] if 0 < n <= len(spec.targets) else None
    if head.startswith("form."):
        leaf = head.split("/")[-1]
        return next((t for t in spec.targets if t.name == leaf), None)
    return None


def inert(spec, key: str, planted: str) -> bool:  # type: ignore[no-untyped-def]
    """A target's actual moved within its own side of the target (100% -> 105% against
    ≥100%): the figure is printed once and every relation it takes part in still holds,
    so no consistency check can see it unless the report repeats it. Such mutants are
    run and listed apart, not counted in recall."""
    t = _target_of(spec, key)
    if t is None or t.comparator not in ("≥", "≤") or t.value is None:
        return False
    try:
        new = Decimal(planted.rstrip("%" + t.unit).replace(",", ""))
    except InvalidOperation:
        return False
    old = spec.target_actual(t)
    met = {"≥": lambda a: a >= t.value, "≤": lambda a: a <= t.value}[t.comparator]
    return met(old) == met(new)


def involves(finding, planted: str) -> bool:  # type: ignore[no-untyped-def]
    return any(planted in p.quote for p in finding.places) or planted in (finding.found or "")


def run(formats: list[str], every: int, match: str = "", specs: tuple[str, ...] = ()) -> dict:
    options = AuditOptions()
    stats: dict = {
        "recall": defaultdict(lambda: [0, 0]),  # (class, fmt) -> [found, planted]
        "extra": defaultdict(int),  # (class, fmt) -> findings on mutants not involving the place
        "clean": {},  # (spec, fmt) -> findings on clean originals
        "misses": [],
        "inert": [],  # mutants that plant no inconsistency (see `inert`)
    }
    clean_ids: dict[tuple[str, str], set[str]] = {}
    done = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in SPECS:
            if specs and name not in specs:
                continue
            for fmt in formats:
                clean_path = render(build_spec(name), fmt, out / f"{name}.{fmt}")
                clean = audit_path(str(clean_path), options)
                stats["clean"][(name, fmt)] = [f"{f.rule_id} {f.message_en}" for f in clean.findings]
                clean_ids[(name, fmt)] = {f.fingerprint for f in clean.findings}
            spec = build_spec(name)
            by_class: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            for key, kind, default in places(spec):
                for cls, (kinds, _) in CLASSES.items():
                    if kind in kinds and (cls != "blank" or blankable(key)):
                        by_class[cls].append((key, kind, default))
            for cls, plist in by_class.items():
                prefixes = CLASSES[cls][1]
                for key, kind, default in plist[::every]:
                    if match and match not in key:
                        continue
                    planted = mutate(kind, default, key)
                    if planted is None:
                        continue
                    quiet = inert(spec, key, planted)
                    mutant = build_spec(name)
                    mutant.overrides[key] = planted
                    for fmt in formats:
                        path = render(mutant, fmt, out / f"mutant.{fmt}")
                        result = audit_path(str(path), options)
                        clean = clean_ids[(name, fmt)]

                        def relevant(f, planted=planted, clean=clean, cls=cls):  # type: ignore[no-untyped-def]
                            # an emptied text has no figure to point at: a new finding of the class counts
                            if cls == "blank":
                                return f.rule_id.startswith(CLASSES["blank"][1]) and f.fingerprint not in clean
                            return involves(f, planted)

                        hit = any(f.rule_id.startswith(prefixes) and relevant(f) for f in result.findings)
                        if quiet:
                            stats["inert"].append(
                                f"{name} {fmt} {key}: {default} -> {planted} ({'found' if hit else 'not found'})"
                            )
                            continue
                        cell = stats["recall"][(cls, fmt)]
                        cell[1] += 1
                        cell[0] += hit
                        done += 1
                        if done % 50 == 0:
                            print(f"{done} mutants audited", file=sys.stderr, flush=True)
                        if not hit:
                            stats["misses"].append(f"{name} {fmt} {key}: {default} -> {planted}")
                        stats["extra"][(cls, fmt)] += sum(
                            1 for f in result.findings if not relevant(f) and f.fingerprint not in clean
                        )
    return stats


def render_table(stats: dict, formats: list[str]) -> list[str]:
    lines = ["| class | " + " | ".join(f"{f} recall" for f in formats) + " | extra findings on mutants |",
             "| --- | " + " | ".join("---:" for _ in formats) + " | ---: |"]
    for cls in CLASSES:
        cells = []
        extra = 0
        for fmt in formats:
            found, planted = stats["recall"].get((cls, fmt), [0, 0])
            cells.append(f"{found}/{planted} ({100 * found / planted:.0f}%)" if planted else "–")
            extra += stats["extra"].get((cls, fmt), 0)
        lines.append(f"| {cls} | " + " | ".join(cells) + f" | {extra} |")
    clean_total = sum(len(v) for v in stats["clean"].values())
    lines.append("")
    lines.append(f"Findings on clean originals: {clean_total}")
    lines.append("")
    found_anyway = sum(1 for x in stats["inert"] if x.endswith("(found)"))
    lines.append(
        "Not in recall — a target's actual moved within its own side of the target, which plants "
        f"no inconsistency unless the figure is repeated elsewhere: {len(stats['inert'])} "
        f"({found_anyway} found anyway, through a repeated statement)"
    )
    lines += [f"- {x}" for x in stats["inert"]]
    for (name, fmt), found in sorted(stats["clean"].items()):
        for f in found:
            lines.append(f"- {name}.{fmt}: {f}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", default="docx,md,pdf")
    ap.add_argument("--every", type=int, default=1, help="take every N-th place per class")
    ap.add_argument("--write", type=Path)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--match", default="", help="only place keys containing this text")
    ap.add_argument("--specs", default="", help="comma-separated spec names (default: all)")
    ap.add_argument("--traps-only", action="store_true", help="audit only the trap mutants")
    args = ap.parse_args()
    if args.traps_only:
        traps = run_traps(args.formats.split(","))
        for k, v in traps.items():
            print(f"{k}: {len(v)} findings" + "".join(f"\n  {f}" for f in v))
        sys.exit(1 if any(traps.values()) else 0)
    formats = args.formats.split(",")
    specs = tuple(s for s in args.specs.split(",") if s)
    stats = run(formats, args.every, args.match, specs)
    lines = render_table(stats, formats)
    traps = run_traps(formats)
    lines.append("")
    lines.append(
        f"Trap mutants (consistent text that must give no finding): {len(traps)} audited, "
        f"{sum(len(v) for v in traps.values())} findings"
    )
    lines += [f"- trap {k}: {f}" for k, v in traps.items() for f in v]
    print("\n".join(lines))
    if args.misses:
        print("\nMisses:")
        print("\n".join(stats["misses"]))
    if args.write:
        from markdown_block import write_block

        write_block(args.write, "detection-table", lines)


if __name__ == "__main__":
    main()
