"""Run the `tests:` a rule carries in its pack: each a Markdown report snippet with the
findings of that rule it must give (or none). One harness for the shipped packs (pytest,
tests/test_rule_yaml_tests.py) and a bureau's own (`audit rules --test DIR`)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.engine.pack import PlaceExpect, Rule, RuleTest
from auditor.engine.runner import EngineConfig, run_rules
from auditor.findings import Finding, Place


@dataclass(frozen=True)
class TestOutcome:
    rule_id: str
    index: int
    name: str
    ok: bool
    detail: str  # what went wrong, empty when ok

    __test__ = False  # not a pytest class


def findings_for(rule: Rule, report: str, params: dict[str, Any] | None = None) -> list[Finding]:
    """The rule's findings on a Markdown report (read and extracted as `audit` does),
    with the test's parameter overrides."""
    from auditor.extract import extract_facts
    from auditor.readers import read_document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{rule.id}.md"
        path.write_text(report, "utf-8")
        facts = extract_facts(read_document(str(path)))
    config = EngineConfig(params={rule.id: params}) if params else None
    return run_rules(facts, [rule], config).findings


def _place_matches(want: PlaceExpect, place: Place) -> bool:
    if want.role is not None and place.role != want.role:
        return False
    if want.quote is not None and want.quote not in place.quote:
        return False
    loc = place.location
    return all(
        getattr(want, fld) is None or getattr(loc, fld) == getattr(want, fld) for fld in ("line", "table", "row", "col")
    )


def _show_places(f: Finding) -> str:
    return ", ".join(
        f"{p.role}:{p.quote[:20]!r}@line {p.location.line} table {p.location.table} row {p.location.row} col {p.location.col}"
        for p in f.places
    )


def _mismatch(test: RuleTest, found: list[Finding]) -> str:
    if len(found) != test.count():
        shown = "; ".join(f"{f.message_en} (found {f.found!r})" for f in found) or "none"
        return f"expected {test.count()} finding(s), got {len(found)}: {shown}"
    for i, (want, f) in enumerate(zip(test.expect, found, strict=False)):
        for fld, text in (("found", want.found), ("expected", want.expected), ("message", want.message)):
            have = f.message_en if fld == "message" else getattr(f, fld)
            if text is not None and text not in (have or ""):
                return f"finding {i + 1}: {fld} {have!r} does not contain {text!r}"
        for place in want.places:
            if not any(_place_matches(place, p) for p in f.places):
                shown = place.model_dump(exclude_none=True)
                return f"finding {i + 1}: no place matches {shown} (places: {_show_places(f)})"
    return ""


def run_rule_tests(rules: list[Rule]) -> list[TestOutcome]:
    out = []
    for rule in rules:
        for i, test in enumerate(rule.tests):
            detail = _mismatch(test, findings_for(rule, test.report, test.params))
            out.append(TestOutcome(rule.id, i + 1, test.name or f"test {i + 1}", not detail, detail))
    return out


def unexplained(rules: list[Rule]) -> list[str]:
    """Expression rules that do not say why they are not typed. Refused in the shipped
    packs (pack.load_packs); in a bureau's pack `audit rules --test` only warns."""
    return [r.id for r in rules if r.typed() is None and not r.reason]
