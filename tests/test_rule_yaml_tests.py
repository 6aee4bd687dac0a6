"""The `tests:` of every shipped rule (report snippets in the packs) run here, and by
`audit rules --test DIR` for a bureau's own pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.pack import load_packs
from auditor.engine.ruletests import run_rule_tests

RULES = load_packs()
TESTED = [r for r in RULES if r.tests]


@pytest.mark.parametrize("rule", TESTED, ids=[r.id for r in TESTED])
def test_rule_yaml_tests_pass(rule) -> None:  # type: ignore[no-untyped-def]
    failed = [f"{o.name}: {o.detail}" for o in run_rule_tests([rule]) if not o.ok]
    assert not failed, "\n".join(failed)


# Rules merged from the prose branch after the rule tests were written; their tests are
# Python tests (tests/test_statements.py and others) still to be moved into the pack.
# The list may only shrink: a listed rule that gains YAML tests fails until it is removed.
_NO_YAML_TESTS_YET: set[str] = set()


def test_the_rules_without_yaml_tests_are_only_the_listed_ones() -> None:
    assert {r.id for r in RULES if not r.tests} == _NO_YAML_TESTS_YET


@pytest.mark.parametrize("rule", [r for r in RULES if r.id not in _NO_YAML_TESTS_YET], ids=lambda r: r.id)
def test_every_shipped_rule_has_a_firing_and_a_silent_test(rule) -> None:  # type: ignore[no-untyped-def]
    counts = [t.count() for t in rule.tests]
    assert any(c > 0 for c in counts), f"{rule.id}: no test where the rule fires"
    assert 0 in counts, f"{rule.id}: no test where the rule stays silent"
    # a firing test says what it expects of each finding (found, expected, message, places)
    vague = [t.name for t in rule.tests if t.count() > 0 and len(t.expect) != t.count()]
    assert not vague, f"{rule.id}: firing tests without an expect entry per finding: {vague}"


_BUREAU = """rules:
  - id: BUREAU001
    name: bureau-budget-stated
    severity: warning
    over: money
    when: "item.quantity == 'budget'"
    check: "item.amount.value < 1000"
    places: "[place(item.amount, 'budget')]"
    key: "'bureau:' + item.label"
    message: {zh: "预算超过1000万元", en: "a budget over 1000万元"}
    docs: {description: d, passing: p, failing: f}
    tests:
      - report: "项目年初预算1200万元。"
        findings: 1
      - report: "项目年初预算120万元。"
        findings: %s
"""


def test_audit_rules_test_runs_a_bureau_pack(tmp_path: Path) -> None:
    (tmp_path / "bureau.yaml").write_text(_BUREAU % "0", "utf-8")
    result = CliRunner().invoke(main, ["rules", "--test", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 tests, 0 failed; 1 rules" in result.output
    broken = tmp_path / "broken"  # another folder: loaded packs are cached by folder
    broken.mkdir()
    (broken / "bureau.yaml").write_text(_BUREAU % "1", "utf-8")
    result = CliRunner().invoke(main, ["rules", "--test", str(broken)])
    assert result.exit_code == 1
    assert "FAIL BUREAU001 test 2: expected 1 finding(s), got 0" in result.output


def test_a_malformed_test_is_a_pack_error(tmp_path: Path) -> None:
    (tmp_path / "bureau.yaml").write_text(_BUREAU.replace("findings: 1", "findings: many") % "0", "utf-8")
    result = CliRunner().invoke(main, ["rules", "--test", str(tmp_path)])
    assert result.exit_code == 2 and "BUREAU001" in result.output and "tests[0].findings" in result.output


EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "stated_twice"


def test_a_new_stated_twice_check_is_yaml_only() -> None:
    """docs/examples/stated_twice: an `agree` rule grouping the target tally (a count no
    shipped rule groups) by its declared fields, with its own tests."""
    (rule,) = load_packs([EXAMPLE], builtin=False)
    assert rule.agree is not None and rule.agree.of == "counts" and rule.agree.by == ["kind", "group"]
    result = CliRunner().invoke(main, ["rules", "--test", str(EXAMPLE)])
    assert result.exit_code == 0 and "2 tests, 0 failed" in result.output


DEV_DOC = Path(__file__).resolve().parents[1] / "docs" / "dev" / "rules.md"


def test_the_developer_doc_example_is_the_tested_pack() -> None:
    """docs/dev/rules.md shows the stated-twice example in full: it must be the pack the
    test above runs, so the doc cannot drift from what is tested."""
    text = DEV_DOC.read_text("utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]
    shown = [b for b in blocks if "pack: stated-twice-example" in b]
    assert shown == [(EXAMPLE / "targets.yaml").read_text("utf-8")]
