"""Detection benchmark on self-assessment forms: plant one slip at a time into the form
layouts of fixtures/forms.py and audit.

For every spec (fixtures/form_specs.py), layout variant and format, the harness renders
the clean form, then one mutant per place of each slip class, and asks:
- recall: is there a finding from a rule of the class whose places quote the planted text?
- false positives: findings on the clean forms (which carry the traps: template zero
  rows, a shortfall that rounds to full points, a control rate met from below), on the
  unfilled forms other than FORM006, and findings on mutants that do not involve the slip.

    .venv/bin/python bench/detection_forms.py [--formats docx,md,txt] [--layouts ...]
        [--specs ...] [--misses] [--write docs/detection-forms.md]

On a busy machine, shards run in parallel and add up:

    for s in training road meals department; do
        .venv/bin/python bench/detection_forms.py --specs $s --dump /tmp/det-$s.json &
    done; wait
    .venv/bin/python bench/detection_forms.py --misses --merge /tmp/det-*.json --write docs/detection-forms.md
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.engine.api import AuditOptions, audit_path  # noqa: E402
from auditor.normalize import normalize_text  # noqa: E402
from fixtures.form_specs import FORM_SPECS, build_form_spec  # noqa: E402
from fixtures.forms import (  # noqa: E402
    FORMATS,
    LAYOUTS,
    FormSpec,
    Indicator,
    Variant,
    fmt,
    fmt_rate,
    for_layout,
    printable,
    render_form,
    weights_note_text,
)
from fixtures.monitoring import (  # noqa: E402
    MONITOR_LAYOUTS,
    MONITOR_SPECS,
    MonitorSpec,
    MonitorVariant,
    build_monitor_spec,
    met,
    render_monitor,
)

# per layout: the default form, and one with the other cell-level variants at once
VARIANTS: tuple[dict, ...] = (
    {"weights_note": "after"},
    {
        "parents": "blank",
        "label_weights": True,
        "money_unit_at": "header",
        "placeholders": True,
        "operators": "box",
        "weights_note": "row",
        "optional": True,
    },
)
HEADER_TOTAL = {
    "total": "header",
    "parents": "repeated",
    "operators": "fullwidth",
    "drop_empty": False,
    "optional": True,
}
# FORM021 held to the profile's template (as the budget_system, hubei20 … profiles do)
PROFILE_PARAMS = {"FORM021": {"use_profile_weights": True}}
HUBEI_PROFILE_PARAMS = {"FORM021": {"use_profile_weights": True, "level1_weights": {"执行率": 20}}}

# class -> rule id prefixes that catch it
CLASSES: dict[str, tuple[str, ...]] = {
    "funds_score": ("FORM001", "SCORE"),
    "level1_weight": ("SCORE",),
    "total_score": ("SCORE", "SELF", "GRADE"),
    "header_self_score": ("SCORE", "SELF"),
    "target_moved": ("FORM002", "STATUS"),
    "actual_completed": ("FORM", "STATUS", "TARGET"),
    "rate_mismatch": ("RATE", "FORM001", "FORM022"),
    "cost_vs_spent": ("FORM017",),
    "missed_score_above": ("FORM018",),
    "exec_twice": ("FORM020",),
    "level1_note": ("FORM021",),
    "funds_weight_note": ("FORM021",),
    "level1_profile": ("FORM021",),
    # budget_system profile (PROFILED): an actual 50 % above its ≥ target, points kept
    "deviation_kept": ("FORM016",),
    # monitoring forms (MONITOR_CLASSES), layouts "mon-full" and "mon-cut"
    "impossible_but_met": ("FORM031",),
    "likely_but_short": ("FORM008",),
    "shortfall_no_reason": ("FORM009",),
}
PROFILED = {"deviation_kept": "budget_system"}
MONITOR_CLASSES = ("impossible_but_met", "likely_but_short", "shortfall_no_reason")
# classes audited with the profile's template switched on (PROFILE_PARAMS)
PROFILE_CLASSES = ("level1_profile",)
OUT, EFF = "产出指标", "效益指标"

# (class, place key, planted text, further overrides); a key "score:NAME" re-scores the
# indicator NAME in the spec itself, so that every total still adds up
Plant = tuple[str, str, str, dict[str, str]]

# A 湖北 form prints no row weights: a row's full points, a first-level weight's rows and
# the rows' claim to be the whole form are not printed, so these slips plant nothing a
# reader could check on the form itself. They are run and counted apart, not in recall.
UNCHECKABLE = {
    "hubei": ("level1_weight", "header_self_score", "target_moved", "missed_score_above", "exec_twice")
}


def _uncheckable(cls: str, v: Variant, spec: FormSpec) -> bool:
    """First-level blocks a form does not print: the 重庆 form has no level columns, the
    湖北 form no row weights (only its labels' "(50分)" if any); a department's form is
    not held to a project template."""
    if cls not in ("level1_note", "level1_profile"):
        return False
    if v.layout == "chongqing" or v.layout == "hubei" and not v.label_weights:
        return True
    return cls == "level1_profile" and spec.department_form


def _move(s: FormSpec) -> tuple[str, str] | None:
    """An 效益 row and an 产出 row at full points, 5 of whose points move from the first
    to the second (weights and scores both: every total still adds up)."""
    src = [i for i in s.indicators if i.level1 == EFF and i.score == i.weight and i.weight >= 10]
    dst = [i for i in s.indicators if i.level1 == OUT and i.score == i.weight]
    return (src[0].name, dst[0].name) if src and dst else None


def _q(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _moved_target(spec: FormSpec, v: Variant, i: Indicator) -> str | None:
    """A target moved across its comparator, points unchanged: a met target raised (≥) or
    lowered (≤) by half the actual so the actual now misses it with full points (FORM002);
    a missed one moved so the actual meets it with points lost (STATUS004)."""
    if i.comparator not in ("≥", "≤"):
        return None
    a = Decimal(i.actual)
    if i.score == i.weight:
        new = a * Decimal("1.5") if i.comparator == "≥" else a * Decimal("0.5")
    else:
        new = a * Decimal("0.9") if i.comparator == "≥" else a * Decimal("1.1")
    if new <= 0:
        return None
    value = fmt(_q(new))
    ops = {"ascii": {}, "fullwidth": {"≥": "≧", "≤": "≦"}, "box": {"≥": "≧", "≤": "≦"}}[v.operators]
    cmp = ops.get(i.comparator, i.comparator)
    if v.layout in ("yunnan", "sichuan"):
        return value  # comparator and unit stand in their own columns
    if v.layout == "chongqing":
        return cmp + value + ("%" if i.unit == "%" else "")
    return cmp + value + i.unit


def _with_unit(v: Variant, i: Indicator, value: str) -> str:
    """An actual as the layout prints it: the unit in the cell, or in its own column."""
    if v.layout in ("yunnan", "sichuan") or v.layout == "chongqing" and i.unit != "%":
        return value
    return value + i.unit


def _allowed(i: Indicator) -> Decimal:
    """Proportional points of a missed target: 权重 × B/A (A/B from below)."""
    a, t = Decimal(i.actual), Decimal(i.target)
    share = t / a if i.comparator == "≤" else a / t
    return i.weight * min(share, Decimal(1))


def plants(spec: FormSpec, v: Variant) -> Iterator[Plant]:
    v = v.normal()
    s = for_layout(spec, v.layout)
    score = s.funds_score
    new = score - 1 if score >= 1 else score + 1
    yield "funds_score", "funds.score", fmt(new), {}
    yield "rate_mismatch", "funds.rate", fmt_rate(s.rate - 5), {}
    if v.total == "row":
        yield "total_score", "total.score", fmt(s.total_score - 1), {}
    if v.total == "header":
        yield "header_self_score", "total.score", fmt(s.total_score - 1), {}
    if v.label_weights:
        for name, w in s.level1_weights().items():
            yield "level1_weight", f"level1.{name}.weight", fmt(w + 1), {}
    twice = False
    for i in s.indicators:
        moved = _moved_target(s, v, i)
        if moved is not None:
            yield "target_moved", f"row.{i.name}.target", moved, {}
        if Decimal(i.actual) != 0:
            yield "actual_completed", f"row.{i.name}.actual", "完成", {}
        if i.level2 == "成本指标" and i.name == "项目总成本":
            # the total cost 10 % above what the funds block says was spent
            yield "cost_vs_spent", f"row.{i.name}.actual", _with_unit(v, i, fmt(_q(Decimal(i.actual) * Decimal("1.1")))), {}
        if i.comparator in ("≥", "≤") and i.score < i.weight:
            # a missed target re-scored halfway between its proportional points and full
            up = ((_allowed(i) + i.weight) / 2).quantize(Decimal("0.1"), ROUND_HALF_UP)
            yield "missed_score_above", f"score:{i.name}", fmt(up), {}
        if i.comparator == "≥" and i.unit != "%" and i.score == i.weight:
            # an actual 50 % above its target with full points: the budget system's
            # deviation, which costs 2 points (FORM016 under the budget_system profile)
            yield "deviation_kept", f"row.{i.name}.actual", _with_unit(v, i, fmt(_q(Decimal(i.target) * Decimal("1.5")))), {}
        project = not s.department_form and v.layout != "chongqing"
        if project and not twice and i.comparator == "≥" and i.unit == "%" and i.score == i.weight and Decimal(i.target) <= s.rate:
            # an output row renamed as the execution rate, its actual the funds row's rate
            twice = True
            yield "exec_twice", f"row.{i.name}.name", "预算执行率", {
                f"row.{i.name}.actual": _with_unit(v, i, f"{s.rate:.2f}")
            }


def level1_plants(spec: FormSpec, v: Variant) -> Iterator[Plant]:
    """First-level weights against the form's note (or the profile's template): 5 points
    moved from an 效益 row to an 产出 row, the note as before; the funds row's 分值 +5."""
    v = v.normal()
    s = for_layout(spec, v.layout)
    move = _move(spec)
    if v.weights_note:
        note = {"note": weights_note_text(s, v)}
        yield "funds_weight_note", "funds.weight", fmt(s.funds_weight + 5), note
        if move is not None:
            yield "level1_note", f"move:{move[0]}:{move[1]}", OUT, note
    elif move is not None:
        yield "level1_profile", f"move:{move[0]}:{move[1]}", OUT, {}


def mutate(name: str, key: str, planted: str, extra: dict[str, str]) -> FormSpec:
    """The spec with one slip planted (and its further overrides)."""
    spec = build_form_spec(name)
    if key.startswith("move:"):
        _, src, dst = key.split(":")
        five = Decimal(5)
        spec.indicators = tuple(
            replace(i, weight=i.weight - five, score=i.score - five)
            if i.name == src
            else replace(i, weight=i.weight + five, score=i.score + five)
            if i.name == dst
            else i
            for i in spec.indicators
        )
    elif key.startswith("score:"):
        row = key.split(":", 1)[1]
        spec.indicators = tuple(
            replace(i, score=Decimal(planted)) if i.name == row else i for i in spec.indicators
        )
    else:
        spec.overrides[key] = planted
    spec.overrides.update(extra)
    return spec


def involves(finding, planted: str) -> bool:  # type: ignore[no-untyped-def]
    """The finding quotes the planted text (as the readers normalise it: ≧ reads ≥)."""
    text = normalize_text(planted)
    if any(text in normalize_text(p.quote) for p in finding.places) or text in normalize_text(
        finding.found or ""
    ):
        return True
    # a figure named in the message only (STATUS004 quotes the actual, names the target)
    return any(ch.isdigit() for ch in text) and text in normalize_text(finding.message)


def variants_for(layout: str) -> list[Variant]:
    out = [Variant(layout=layout, **kw) for kw in VARIANTS]
    out.append(Variant(layout=layout, **HEADER_TOTAL))
    seen: dict[str, Variant] = {}
    for v in out:
        seen.setdefault(v.name, v)
    return list(seen.values())


def run(formats: list[str], layouts: list[str], specs: list[str], log: Callable[[str], None]) -> dict:
    options = AuditOptions()
    profiled = {name: AuditOptions(profile=name) for name in set(PROFILED.values())}
    stats: dict = {
        "recall": defaultdict(lambda: [0, 0]),  # (class, layout) -> [found, planted]
        "by_format": defaultdict(lambda: [0, 0]),  # (class, fmt)
        "extra": defaultdict(int),  # class -> findings on mutants not involving the slip
        "clean": [],  # findings on clean forms
        "unfilled": [],  # findings other than FORM006 on unfilled forms
        "clean_runs": 0,
        "uncheckable": defaultdict(lambda: [0, 0]),  # (class, layout) -> [found, planted]
        "no_form006": [],  # unfilled forms FORM006 stays silent on
        "misses": [],
    }
    done = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in specs:
            for layout in layouts:
                for v in variants_for(layout):
                    for fmt_ in formats:
                        spec = build_form_spec(name)
                        clean = audit_path(str(render_form(spec, v, fmt_, out / f"clean.{fmt_}")), options)
                        stats["clean_runs"] += 1
                        stats["clean"] += [
                            f"{name} {v.name} {fmt_}: {f.rule_id} {f.message_en}" for f in clean.findings
                        ]
                        clean_ids = {f.fingerprint for f in clean.findings}
                        pv = printable(v, fmt_)
                        template = _profile_options(layout)
                        if not v.weights_note:
                            # the template switched on: a clean form that follows it stays silent
                            pclean = audit_path(str(out / f"clean.{fmt_}"), template)
                            stats["clean_runs"] += 1
                            stats["clean"] += [
                                f"{name} {v.name} {fmt_} (profile): {f.rule_id} {f.message_en}"
                                for f in pclean.findings
                                if f.fingerprint not in clean_ids
                            ]
                        for profile, opts in profiled.items():
                            # the clean form under each benchmark profile stays silent too
                            res = audit_path(str(out / f"clean.{fmt_}"), opts)
                            stats["clean"] += [
                                f"{name} {v.name} {fmt_} [{profile}]: {f.rule_id} {f.message_en}"
                                for f in res.findings
                                if f.fingerprint not in clean_ids
                            ]
                        for cls, key, planted, extra in [*plants(spec, pv), *level1_plants(spec, pv)]:
                            mutant = mutate(name, key, planted, extra)
                            result = audit_path(
                                str(render_form(mutant, v, fmt_, out / f"mutant.{fmt_}")),
                                template if cls in PROFILE_CLASSES
                                else profiled[PROFILED[cls]] if cls in PROFILED else options,
                            )

                            def about(f, cls=cls, planted=planted) -> bool:  # type: ignore[no-untyped-def]
                                # a renamed row is named in the message, not quoted
                                if cls == "exec_twice":
                                    return f.rule_id == "FORM020" and planted in f.message_en
                                if cls in ("level1_note", "level1_profile"):
                                    # moved rows: the two blocks are named, their sums not printed
                                    return f.rule_id == "FORM021" and (OUT in f.message_en or EFF in f.message_en)
                                return involves(f, planted)

                            hit = any(f.rule_id.startswith(CLASSES[cls]) and about(f) for f in result.findings)
                            if cls in UNCHECKABLE.get(layout, ()) or _uncheckable(cls, v.normal(), spec):
                                stats["uncheckable"][(cls, layout)][0] += hit
                                stats["uncheckable"][(cls, layout)][1] += 1
                                continue
                            for k in ((cls, layout),):
                                stats["recall"][k][0] += hit
                                stats["recall"][k][1] += 1
                            stats["by_format"][(cls, fmt_)][0] += hit
                            stats["by_format"][(cls, fmt_)][1] += 1
                            stats["extra"][cls] += sum(
                                1 for f in result.findings if not about(f) and f.fingerprint not in clean_ids
                            )
                            if not hit:
                                stats["misses"].append(f"{name} {v.name} {fmt_} {key} -> {planted}")
                            done += 1
                            if done % 100 == 0:
                                log(f"{done} mutants audited")
                if formats:
                    fmt_ = formats[0]
                    v = Variant(layout=layout, filled=False)
                    res = audit_path(
                        str(render_form(build_form_spec(name), v, fmt_, out / f"unfilled.{fmt_}")), options
                    )
                    # FORM004 is right on an unfilled 四川 form: its budget changed, its reason cell is empty
                    expected = ("FORM006", "FORM004") if layout == "sichuan" else ("FORM006",)
                    stats["unfilled"] += [
                        f"{name} {v.name} {fmt_}: {f.rule_id} {f.message_en}"
                        for f in res.findings
                        if f.rule_id not in expected
                    ]
                    if not any(f.rule_id == "FORM006" for f in res.findings):
                        stats["no_form006"].append(f"{name} {v.name} {fmt_}")
    return stats


def _profile_options(layout: str) -> AuditOptions:
    """FORM021 with the profile's template on: the 湖北 form's own (execution 20 points)."""
    return AuditOptions.make(params=HUBEI_PROFILE_PARAMS if layout == "hubei" else PROFILE_PARAMS)


def monitor_plants(spec: MonitorSpec, v: MonitorVariant) -> Iterator[tuple[str, str, str, str | None]]:
    """(class, place key, planted text, the row named by the finding or None for any)."""
    for i in spec.indicators:
        sure_and_met = i.possibility == "确定能" and met(i, i.forecast)
        if v.layout == "full" and sure_and_met:
            # the forecast meets the target, the likelihood now says it cannot (FORM031)
            word = "完全不可能" if len(i.name) % 2 else "不可能"
            yield "impossible_but_met", f"row.{i.name}.possibility", word, i.name
            # the forecast moved below the target, still rated 确定能 (FORM008)
            t = Decimal(i.target)
            low = t * Decimal("0.8") if i.comparator == "≥" else t * Decimal("1.25")
            if i.comparator != "=":
                yield "likely_but_short", f"row.{i.name}.forecast", fmt(_q(low)) + i.unit, i.name
        if v.layout == "full" and i.reason and not met(i, i.forecast):
            # a forecast shortfall with its reason removed (FORM009)
            yield "shortfall_no_reason", f"row.{i.name}.reason", "", i.name
    if v.layout == "cut":
        # the closing deviation row emptied under rows rated 有可能 / 不可能
        yield "shortfall_no_reason", "closing.reason", "", None


def monitor_variants(layout: str) -> list[MonitorVariant]:
    if layout == "full":
        return [MonitorVariant("full"), MonitorVariant("full", "1-9月", "fullwidth", False), MonitorVariant("full", "截至9月")]
    return [MonitorVariant("cut"), MonitorVariant("cut", operators="fullwidth", drop_empty=False)]


def run_monitoring(formats: list[str], specs: list[str], stats: dict, log: Callable[[str], None]) -> None:
    """Monitoring forms: clean, unfilled and planted, counted into `stats`."""
    options = AuditOptions()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in specs:
            for layout in MONITOR_LAYOUTS:
                key = f"mon-{layout}"
                for v in monitor_variants(layout):
                    for fmt_ in formats:
                        spec = build_monitor_spec(name)
                        clean = audit_path(str(render_monitor(spec, v, fmt_, out / f"clean.{fmt_}")), options)
                        stats["clean_runs"] += 1
                        stats["clean"] += [f"{name} {v.name} {fmt_}: {f.rule_id} {f.message_en}" for f in clean.findings]
                        clean_ids = {f.fingerprint for f in clean.findings}
                        for cls, place, planted, row in monitor_plants(spec, v):
                            mutant = build_monitor_spec(name)
                            mutant.overrides[place] = planted
                            result = audit_path(str(render_monitor(mutant, v, fmt_, out / f"mutant.{fmt_}")), options)

                            def about(f, row=row) -> bool:  # type: ignore[no-untyped-def]
                                return f"'{row}'" in f.message_en if row else f.rule_id == "FORM009"

                            hit = any(f.rule_id.startswith(CLASSES[cls]) and about(f) for f in result.findings)
                            stats["recall"][(cls, key)][0] += hit
                            stats["recall"][(cls, key)][1] += 1
                            stats["by_format"][(cls, fmt_)][0] += hit
                            stats["by_format"][(cls, fmt_)][1] += 1
                            stats["extra"][cls] += sum(
                                1 for f in result.findings if not about(f) and f.fingerprint not in clean_ids
                            )
                            if not hit:
                                stats["misses"].append(f"{name} {v.name} {fmt_} {place} -> {planted!r}")
                if formats:
                    v = MonitorVariant(layout, filled=False)
                    for fmt_ in formats:
                        res = audit_path(str(render_monitor(build_monitor_spec(name), v, fmt_, out / f"unfilled.{fmt_}")), options)
                        stats["unfilled"] += [f"{name} {v.name} {fmt_}: {f.rule_id} {f.message_en}" for f in res.findings]
                log(f"monitoring {name} {layout} done")


def render_table(stats: dict, formats: list[str], layouts: list[str]) -> list[str]:
    def pct(found: int, planted: int) -> str:
        return f"{found}/{planted} ({100 * found / planted:.0f}%)" if planted else "–"

    layouts = layouts + sorted({lay for _, lay in stats["recall"] if lay.startswith("mon-") and lay not in layouts})

    lines = [
        "| class | " + " | ".join(layouts) + " | all | extra findings on mutants |",
        "| --- | " + " | ".join("---:" for _ in layouts) + " | ---: | ---: |",
    ]
    for cls in CLASSES:
        cells = [pct(*stats["recall"].get((cls, lay), [0, 0])) for lay in layouts]
        tot = [sum(stats["recall"].get((cls, lay), [0, 0])[i] for lay in layouts) for i in (0, 1)]
        lines.append(f"| {cls} | " + " | ".join(cells) + f" | {pct(*tot)} | {stats['extra'].get(cls, 0)} |")
    lines += [
        "",
        "By format:",
        "",
        "| class | " + " | ".join(formats) + " |",
        "| --- | " + " | ".join("---:" for _ in formats) + " |",
    ]
    for cls in CLASSES:
        lines.append(
            f"| {cls} | " + " | ".join(pct(*stats["by_format"].get((cls, f), [0, 0])) for f in formats) + " |"
        )
    lines += [
        "",
        f"Findings on clean forms: {len(stats['clean'])} (over {stats['clean_runs']} forms)",
        f"Findings other than FORM006 on unfilled forms: {len(stats['unfilled'])}",
    ]
    lines += [f"- {x}" for x in stats["clean"] + stats["unfilled"]]
    lines += ["", f"Unfilled forms FORM006 stays silent on: {len(stats['no_form006'])}"]
    lines += [f"- {x}" for x in stats["no_form006"]]
    lines += ["", "Not in recall — slips a layout does not print enough to check (see UNCHECKABLE):"]
    lines += [
        f"- {cls} on {lay}: {pct(*fp)} found" for (cls, lay), fp in sorted(stats["uncheckable"].items())
    ]
    return lines


_COUNTS = ("recall", "by_format", "uncheckable")


def to_json(stats: dict) -> dict:
    out = {k: v for k, v in stats.items() if k not in _COUNTS and k != "extra"}
    for k in _COUNTS:
        out[k] = [[list(key), fp] for key, fp in stats[k].items()]
    out["extra"] = dict(stats["extra"])
    return out


def merge(parts: list[dict]) -> dict:
    """The counts of several shards (run on one machine in parallel) added up."""
    stats: dict = {k: defaultdict(lambda: [0, 0]) for k in _COUNTS}
    stats.update(extra=defaultdict(int), clean=[], unfilled=[], clean_runs=0, no_form006=[], misses=[])
    for part in parts:
        for k in _COUNTS:
            for key, (found, planted) in part[k]:
                stats[k][tuple(key)][0] += found
                stats[k][tuple(key)][1] += planted
        for cls, n in part["extra"].items():
            stats["extra"][cls] += n
        for k in ("clean", "unfilled", "no_form006", "misses"):
            stats[k] += part[k]
        stats["clean_runs"] += part["clean_runs"]
    return stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--specs", default=",".join(FORM_SPECS))
    ap.add_argument("--monitor-specs", default=",".join(MONITOR_SPECS), help="monitoring form specs ('' for none)")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--write", type=Path)
    ap.add_argument("--dump", type=Path, help="save this run's counts (a shard, e.g. one spec) as JSON")
    ap.add_argument("--merge", type=Path, nargs="*", help="report on the counts of several --dump files")
    args = ap.parse_args()
    formats, layouts, specs = args.formats.split(","), args.layouts.split(","), args.specs.split(",")
    if args.merge:
        stats = merge([json.loads(p.read_text("utf-8")) for p in args.merge])
    else:
        log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
        stats = run(formats, layouts, [s for s in specs if s], log)
        if args.monitor_specs:
            run_monitoring(formats, args.monitor_specs.split(","), stats, log)
    if args.dump:
        args.dump.write_text(json.dumps(to_json(stats), ensure_ascii=False), "utf-8")
    lines = render_table(stats, formats, layouts)
    print("\n".join(lines))
    if args.misses:
        print("\nMisses:")
        print("\n".join(stats["misses"]))
    if args.write:
        from markdown_block import write_block

        write_block(args.write, "detection-forms-table", lines)


if __name__ == "__main__":
    main()
