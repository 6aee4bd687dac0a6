"""Hostile rule expressions: each is refused at load or stopped with a clear error."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.engine import sandbox
from auditor.engine.builder import FactsBuilder
from auditor.engine.pack import load_pack
from auditor.engine.runner import run_rules
from auditor.engine.sandbox import Evaluator, SandboxError, SandboxLimit, check_expression
from auditor.errors import RulePackError

NAMES = {"item", "nodes", "params"}
FUNCS = {"len", "sum", "value"}
ATTRS = {"weight", "score", "name", "children"}


def vet(expr: str) -> None:
    check_expression(expr, NAMES, FUNCS, ATTRS)


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("().__class__.__bases__", "starting with '_'"),
        ("item.__class__", "'__class__'"),
        ("item.weight.__class__.__mro__", "starting with '_'"),
        ("__import__('os')", "'__import__'"),
        ("_secret", "'_secret'"),
        ("9**9**9", "power too large"),
        ("9**4000000", "power too large"),
        ("(-9)**4000000", "power too large"),
        ("2**(2**20)", "power too large"),
        ("[i for i in range(10**9)]", "unknown function 'range'"),
        ("'a'*10**10", "repeating"),
        ("[1]*10**9", "repeating"),
        ("(lambda: 1)()", "lambda"),
        ("f'{item:>999999999}'", "f-string"),
        ("(x := 1)", "assignment"),
        ("{1, 2}", "Set"),
        ("open('/etc/passwd')", "unknown function 'open'"),
        ("item.name.format(1)", "may be called"),
        ("sum(*nodes)", "*args"),
        ("len(**params)", "**"),
        ("import os", "syntax error"),
        ("item; item", "syntax error"),
        ("b'bytes'", "bytes"),
        ("1j", "complex"),
        ("-" * 100 + "1", "nests deeper"),
        ("[" * 50 + "1" + "]" * 50, "nests deeper"),
        ("(" * 300 + "1" + ")" * 300, "syntax error"),
        ("1+" * 1000 + "1", "characters long"),
        ("[" + "1," * 700 + "1]", "syntax nodes"),
        ("x" * 2001, "characters long"),
        ("", "empty"),
    ],
)
def test_hostile_expression_is_refused(expr: str, reason: str) -> None:
    with pytest.raises(SandboxError) as info:
        vet(expr)
    assert reason.lower() in str(info.value).lower()


def test_plain_expression_passes() -> None:
    vet("len(item.children) > 0 and sum(c.score for c in item.children) <= value(item.weight)")


def evaluator(**functions: object) -> Evaluator:
    return Evaluator(functions)  # type: ignore[arg-type]


def run(expr: str, names: dict[str, object] | None = None, **functions: object) -> object:
    node = check_expression(expr, set(names or {}), set(functions), {"value", "lo", "hi", "name"})
    return evaluator(**functions).run(node, names or {})


def test_power_is_capped_by_result_size_at_run_time() -> None:
    # Each operand alone is below simpleeval's MAX_POWER (4,000,000); the result is not.
    with pytest.raises(SandboxError, match="power too large"):
        run("x ** y", {"x": 9, "y": 4_000_000})
    assert run("x ** y", {"x": 2, "y": 10}) == 1024


def test_huge_integers_are_capped() -> None:
    big = 10**4000
    with pytest.raises(SandboxError, match="too large"):
        run("x * x * x * x * x", {"x": big})


def test_string_formatting_with_percent_is_refused() -> None:
    with pytest.raises(TypeError):
        run("'%0999999999d' % 1")


def test_sequence_growth_is_bounded() -> None:
    with pytest.raises(SandboxError, match="too long"):
        run("s + s + s + s", {"s": "x" * 2000})


def test_comprehension_size_is_bounded() -> None:
    xs = tuple(range(30))
    with pytest.raises(SandboxError, match="too many"):
        run("len([a for a in xs for b in xs for c in xs])", {"xs": xs}, len=len)


def test_evaluation_time_is_bounded() -> None:
    node = check_expression("1 + 1", set(), set(), set())
    with pytest.raises(sandbox.EvalTimeout):
        Evaluator({}, seconds=-1).run(node, {})


def test_floats_become_decimals() -> None:
    assert run("0.1 + 0.2") == Decimal("0.3")
    assert run("1 / 3") == Decimal(1) / Decimal(3)


def test_only_record_fields_are_reachable() -> None:
    from auditor.engine.intervals import Interval

    iv = Interval(Decimal(1), Decimal(2))
    assert run("x.lo", {"x": iv}) == Decimal(1)
    # 'name' is a known field of some record, not of Interval: a type mismatch, not a leak.
    with pytest.raises(TypeError):
        run("x.name", {"x": iv})
    # Attribute access on anything that is not a record (here a Decimal) is refused.
    with pytest.raises(SandboxError, match="not allowed"):
        run("x.lo", {"x": Decimal(1)})


def test_no_module_or_builtin_is_reachable_through_functions() -> None:
    # A function value is an opaque callable: no attribute of it can be read.
    with pytest.raises(SandboxError):
        check_expression("len.__self__", set(), {"len"}, set())
    with pytest.raises(SandboxError, match="not allowed"):
        run("f.name", {"f": len})


def test_simpleeval_version_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sandbox._version_tuple(sandbox.SIMPLEEVAL_VERSION) >= (1, 0, 5)
    monkeypatch.setattr(sandbox, "_dist_version", lambda name: "1.0.4")
    with pytest.raises(ImportError, match="CVE-2026-32640"):
        sandbox._assert_simpleeval_version()


RULE = """
rules:
  - id: EVIL001
    name: evil
    severity: error
    over: nodes
    check: "{check}"
    places: "[item]"
    key: "item.name"
    message: {{zh: "x", en: "x"}}
    docs: {{description: d, passing: p, failing: f}}
"""


def write_pack(tmp_path: Path, check: str) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(RULE.format(check=check), encoding="utf-8")
    return path


@pytest.mark.parametrize("check", ["item.__class__", "9**9**9", "'a'*10**10", "[i for i in range(10**9)]"])
def test_hostile_pack_is_rejected_at_load(tmp_path: Path, check: str) -> None:
    with pytest.raises(RulePackError) as info:
        load_pack(write_pack(tmp_path, check))
    assert info.value.rule_id == "EVIL001"
    assert info.value.field == "check"
    assert "evil.yaml" in info.value.message("en")


def facts_with_nodes(n: int) -> FactsBuilder:
    b = FactsBuilder()
    b.tree(*(b.node(f"指标{i}", "9", "9") for i in range(n)), total=(None, None))
    return b


def test_hostile_pack_is_stopped_at_run_time(tmp_path: Path) -> None:
    rules = load_pack(write_pack(tmp_path, "value(item.weight) ** 4000000 > 0"))
    with pytest.raises(RulePackError) as info:
        run_rules(facts_with_nodes(30).facts, rules)
    assert info.value.rule_id == "EVIL001" and info.value.field == "check"
    assert "power too large" in info.value.detail


def test_a_size_limit_stops_the_rule_alone_for_this_document(tmp_path: Path) -> None:
    # Sizes that grow with the document (here a cubic comprehension) stop only this rule on
    # this file: its items count as not checkable and the run says why; no pack error.
    rules = load_pack(write_pack(tmp_path, "len([a for a in nodes for b in nodes for c in nodes]) > 0"))
    result = run_rules(facts_with_nodes(30).facts, rules)
    stats = result.coverage.by_rule["EVIL001"]
    assert stats["passed"] == stats["failed"] == 0 and stats["not_checkable"] > 0
    assert len(result.stopped) == 1 and result.stopped[0].startswith("EVIL001: ")
    assert "Comprehension generates too many elements" in result.stopped[0]


def test_size_limits_scale_with_the_document() -> None:
    from auditor.engine.sandbox import MAX_SEQUENCE

    small, large = Evaluator({"len": len}), Evaluator({"len": len}, scale=6000)
    assert small.max_sequence == MAX_SEQUENCE and large.max_sequence > MAX_SEQUENCE + 6000
    # a comprehension of 20,000 elements is refused for a small document, run for a large one
    node = ast.parse("len([i for i in xs])", mode="eval").body
    with pytest.raises(SandboxLimit):
        small.run(node, {"xs": tuple(range(20_000))})
    assert large.run(node, {"xs": tuple(range(20_000))}) == 20_000


def test_template_cannot_reach_attributes(tmp_path: Path) -> None:
    text = RULE.format(check="True").replace('zh: "x"', 'zh: "{found.__class__}"')
    text = text.replace('    key: "item.name"', '    key: "item.name"\n    values: {found: "item.name"}')
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert info.value.field == "message.zh"


def test_template_cannot_pad_to_a_gigabyte(tmp_path: Path) -> None:
    text = RULE.format(check="True").replace('zh: "x"', 'zh: "{found:>999999999}"')
    text = text.replace('    key: "item.name"', '    key: "item.name"\n    values: {found: "item.name"}')
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match="format spec"):
        load_pack(path)


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\nrules: []\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="aliases"):
        load_pack(path)
