"""The typed contract of rules: item fields per collection, typed parameters, severity
overrides from the config. A broken pack or config is refused at load, naming the file,
the rule and the field (exit 2), instead of leaving every item silently not checkable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine import docs
from auditor.engine.pack import (
    ConfigOverrideError,
    check_overrides,
    check_severities,
    load_packs,
    param_type,
    param_value_error,
    rule_description,
)
from auditor.engine.views import Views
from auditor.errors import RulePackError

_RULE = """rules:
  - id: BUREAU001
    name: bureau-check
    severity: warning
    over: {over}
    check: "{check}"
    places: "[]"
    key: "'k'"
    message: {{zh: "x", en: "x"}}
    docs: {{description: d, passing: p, failing: f}}
"""


def _pack(tmp_path: Path, over: str, check: str) -> Path:
    path = tmp_path / "bureau.yaml"
    path.write_text(_RULE.format(over=over, check=check), "utf-8")
    return path


def test_every_collection_declares_its_record_type() -> None:
    assert all(Views.record_type(name) is not None for name in Views.COLLECTIONS)


def test_a_field_of_another_collection_is_refused_at_load(tmp_path: Path) -> None:
    path = _pack(tmp_path, "dates", "item.score is not None")
    with pytest.raises(RulePackError) as err:
        load_packs([path], builtin=False)
    e = err.value
    assert (e.path, e.rule_id, e.field) == (str(path), "BUREAU001", "check")
    assert "item.score" in e.detail and "DateRec" in e.detail


def test_a_field_of_the_collection_loads(tmp_path: Path) -> None:
    path = _pack(tmp_path, "dates", "item.date is not None")
    assert [r.id for r in load_packs([path], builtin=False)] == ["BUREAU001"]


def test_an_unknown_report_field_is_refused(tmp_path: Path) -> None:
    path = _pack(tmp_path, "nodes", "report.no_such_thing is None")
    with pytest.raises(RulePackError, match="no_such_thing"):
        load_packs([path], builtin=False)


@pytest.mark.parametrize(
    ("default", "value", "ok"),
    [
        (5, 7, True),
        (5, 2.5, True),
        (5, "5", False),
        (5, True, False),
        ("half_up", "truncate", True),
        ("x", 3, False),
        (["调查对象"], ["受访者", "填写人"], True),
        (["调查对象"], [1], False),
        ({"满意": 100, "不满意": 0}, {"满意": 95}, True),
        ({"满意": 100}, {"很满意": 100}, False),
        ({"满意": 100}, 5, False),
        (True, False, True),
        (True, 1, False),
    ],
)
def test_parameter_values_must_have_the_default_type(default: object, value: object, ok: bool) -> None:
    assert (param_value_error(default, value) is None) is ok


def test_parameter_types_are_named() -> None:
    assert [param_type(x) for x in (3, "a", True, ["a"], {"a": 1})] == [
        "a number",
        "text",
        "true/false",
        "a list of text",
        "a table",
    ]


def test_overrides_name_the_config_file_rule_and_key() -> None:
    rules = load_packs()
    with pytest.raises(ConfigOverrideError) as err:
        check_overrides(rules, {"SURVEY003": {"scale": 5}}, "pyproject.toml")
    assert (err.value.path, err.value.rule_id, err.value.field) == ("pyproject.toml", "SURVEY003", "params.scale")
    with pytest.raises(ConfigOverrideError, match="no parameter 'colour'"):
        check_overrides(rules, {"SURVEY003": {"colour": "red"}}, "c.toml")
    with pytest.raises(ConfigOverrideError, match="unknown rule id"):
        check_overrides(rules, {"NOPE001": {"x": 1}}, "c.toml")
    check_overrides(rules, {"RATE006": {"share_words": ["受访者"]}, "MONEY001": {"tolerance": 0.01}}, "c.toml")


def test_severities_must_name_a_rule_and_a_level() -> None:
    rules = load_packs()
    check_severities(rules, {"RATE005": "error"}, "c.toml")
    with pytest.raises(ConfigOverrideError, match="unknown severity"):
        check_severities(rules, {"RATE005": "fatal"}, "c.toml")
    with pytest.raises(ConfigOverrideError, match="unknown rule id"):
        check_severities(rules, {"RATE999": "error"}, "c.toml")


_REPORT = "经测算，设备完好率为96.40%。\n\n经核查，设备完好率为94.60%。\n"


def _cli(tmp_path: Path, config: str, *args: str) -> tuple[int, str]:
    (tmp_path / ".auditor.toml").write_text(config, "utf-8")
    (tmp_path / "r.md").write_text(_REPORT, "utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "r.md"), "--lang", "en", *args])
    return result.exit_code, result.output


def test_config_severity_changes_a_rules_severity(tmp_path: Path) -> None:
    code, out = _cli(tmp_path, "", "--format", "json")
    assert code == 0 and {f["severity"] for f in json.loads(out)["files"][0]["findings"]} == {"warning"}
    code, out = _cli(tmp_path, '[severity]\nRATE005 = "error"\n', "--format", "json")
    assert code == 1 and {f["severity"] for f in json.loads(out)["files"][0]["findings"]} == {"error"}


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('[params.SELF001]\nthreshold = "5"\n', "[SELF001] params.threshold"),
        ("[params.SURVEY003]\ncolour = 1\n", "[SURVEY003] params.colour"),
        ('[severity]\nRATE005 = "fatal"\n', "[RATE005] severity"),
    ],
)
def test_a_bad_override_exits_2_naming_file_rule_and_key(tmp_path: Path, config: str, named: str) -> None:
    code, out = _cli(tmp_path, config)
    assert code == 2
    assert out.startswith(str(tmp_path / ".auditor.toml")) and named in out and "broken configuration" in out


# ---------------------------------------------------------------- rule types

_TYPED = """rules:
  - id: BUREAU002
    name: bureau-typed
    severity: warning
{body}
    message: {{zh: "x {{found}}", en: "x {{found}}"}}
    docs: {{description: d, passing: p, failing: f}}
"""


def _typed(tmp_path: Path, body: str) -> list:  # type: ignore[type-arg]
    path = tmp_path / "typed.yaml"
    path.write_text(_TYPED.format(body=body), "utf-8")
    return load_packs([path], builtin=False)


def test_a_typed_rule_is_expanded_into_the_general_form(tmp_path: Path) -> None:
    (rule,) = _typed(tmp_path, "    sums_to: {total: item.total, parts: item.lines}\n    over: detail_tables")
    assert rule.check == "overlaps(computed, item.total)"
    assert rule.let == {"computed": "sum_interval(item.lines)"}
    assert rule.places == "[place(item.total, 'total')] + [place(m, 'part') for m in item.lines]"
    assert rule.key == "'bureau-typed:' + item.key"
    (rule,) = _typed(tmp_path, "    agree: {of: money, by: [quantity, period, fund], value: amount}")
    assert rule.over == "money" and rule.check == "agree((m.amount for m in item.members))"


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ("    agree: {of: money, by: [colour]}", "agree.by", "no field 'colour'"),
        ("    agree: {of: money}", "agree.by", "name the fields"),
        ("    agree: {over: money_groups, of: money, by: [quantity]}", "agree", "either"),
        ("    agree: {over: money}", "agree.over", "not a collection of groups"),
        ("    agree: {of: money, by: [quantity], where: 'item.score > 1'}", "agree.where", "item.score"),
    ],
)
def test_a_broken_typed_rule_is_refused(tmp_path: Path, body: str, field: str, detail: str) -> None:
    with pytest.raises(RulePackError) as err:
        _typed(tmp_path, body)
    assert err.value.rule_id == "BUREAU002" and err.value.field == field and detail in err.value.detail


def test_two_types_in_one_rule_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="at most one type"):
        _typed(tmp_path, "    agree: {over: money_groups}\n    ratio: {value: a, numerator: b, denominator: c}")


def test_shipped_typed_rules_keep_their_fingerprint_keys() -> None:
    rules = {r.id: r for r in load_packs()}
    assert rules["MONEY001"].agree is not None and rules["MONEY001"].key == "'amount:' + item.key"
    assert rules["MONEY006"].sums_to is not None and rules["RATE001"].ratio is not None


def test_order_and_meets_types(tmp_path: Path) -> None:
    (rule,) = _typed(
        tmp_path,
        "    over: report\n    order: {first: item.evaluation_start, then: item.evaluation_end, roles: [start, end]}",
    )
    assert rule.check == "not precedes(item.evaluation_end, item.evaluation_start)"
    assert rule.when == "known(item.evaluation_start, item.evaluation_end)"
    findings = [f for f in _run_md(rule, "本次评价时间为2024年12月18日至2024年6月2日。\n")]
    assert len(findings) == 1 and [p.role for p in findings[0].places] == ["start", "end"]
    assert _run_md(rule, "本次评价时间为2024年6月2日至2024年12月18日。\n") == []
    (rule,) = _typed(tmp_path, "    over: targets\n    meets: {target: item}")
    assert rule.check == "meets(item)" and rule.when == "meets(item) is not None"


def _run_md(rule, text: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    from auditor.engine.ruletests import findings_for

    return findings_for(rule, text)


# ---------------------------------------------------------------- typed or explained


def test_every_shipped_rule_is_typed_or_says_why_not() -> None:
    from auditor.engine.ruletypes import TYPES

    for rule in load_packs():
        kinds = [t for t in TYPES if getattr(rule, t) is not None]
        assert len(kinds) <= 1, rule.id
        if not kinds:
            # a sentence, not a placeholder: it names what the typed forms cannot say
            assert rule.reason and len(rule.reason.split()) >= 6, f"{rule.id}: expression rule without a reason"


def test_a_shipped_expression_rule_without_a_reason_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import auditor.engine.pack as pack

    _pack(tmp_path, "dates", "item.date is not None")
    monkeypatch.setattr(pack, "builtin_rules_dir", lambda: tmp_path)
    with pytest.raises(RulePackError) as err:
        load_packs()
    assert (err.value.rule_id, err.value.field) == ("BUREAU001", "reason")
    (tmp_path / "bureau.yaml").write_text(
        _RULE.format(over="dates", check="item.date is not None") + '    reason: "a check on one date, no shape"\n', "utf-8"
    )
    assert [r.id for r in load_packs()] == ["BUREAU001"]


def test_a_bureau_expression_rule_without_a_reason_loads_with_a_note(tmp_path: Path) -> None:
    path = _pack(tmp_path, "dates", "item.date is not None")
    (rule,) = load_packs([path], builtin=False)
    assert rule.typed() is None and rule.reason is None
    result = CliRunner().invoke(main, ["rules", "--test", str(tmp_path)])
    assert "note BUREAU001: an expression rule without a reason" in result.output


def test_a_rule_tests_parameters_are_checked_at_load(tmp_path: Path) -> None:
    text = _RULE.format(over="dates", check="item.date is not None") + (
        "    params: {limit: 3}\n    tests:\n      - report: x\n        findings: 0\n        params: {limit: \"3\"}\n"
    )
    (tmp_path / "bureau.yaml").write_text(text, "utf-8")
    with pytest.raises(RulePackError) as err:
        load_packs([tmp_path / "bureau.yaml"], builtin=False)
    assert err.value.field == "tests[0].params.limit" and "a number" in err.value.detail
    (tmp_path / "bureau.yaml").write_text(text.replace('limit: "3"}', "colour: 1}"), "utf-8")
    with pytest.raises(RulePackError, match="no parameter 'colour'"):
        load_packs([tmp_path / "bureau.yaml"], builtin=False)


def test_a_rule_test_names_the_places_of_its_finding() -> None:
    from auditor.engine.pack import RuleTest
    from auditor.engine.ruletests import run_rule_tests

    rules = {r.id: r for r in load_packs()}
    report = "本次评价时间为2024年12月18日至2024年6月2日。\n"
    right = {"found": "2024-12-18", "places": [{"role": "start", "line": 1}, {"role": "end", "quote": "2024年"}]}
    wrong = {"found": "2024-12-18", "places": [{"role": "start", "line": 3}]}
    for expect, ok in ((right, True), (wrong, False)):
        rule = rules["DATE005"].model_copy(update={"tests": [RuleTest(report=report, expect=[expect])]})
        (outcome,) = run_rule_tests([rule])
        assert outcome.ok is ok, outcome.detail
        if not ok:
            assert "no place matches {'role': 'start', 'line': 3}" in outcome.detail


# ---------------------------------------------------------------- Chinese descriptions

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_shipped_rule_has_a_chinese_description_on_its_chinese_page() -> None:
    pages = docs.pages(load_packs())
    for rule in load_packs():
        zh = rule.docs.description_zh
        assert zh and zh.strip() and len(_CJK.findall(zh)) >= 10, f"{rule.id}: no Chinese description"
        shown = rule_description(rule, "zh")
        assert shown in pages[f"zh/{rule.id}.md"], rule.id
        assert " ".join(rule.docs.description.split()) not in pages[f"zh/{rule.id}.md"], rule.id
        assert " ".join(rule.docs.description.split()) in pages[f"{rule.id}.md"], rule.id
        # a folded line break between Chinese characters leaves no space behind
        assert not re.search(r"[，。；：、（）“”] |[\u4e00-\u9fff] [\u4e00-\u9fff]", shown), rule.id
        if rule.reason:  # an expression rule says in Chinese too why it is not typed
            assert rule.reason_zh and _CJK.search(rule.reason_zh), f"{rule.id}: no Chinese reason"
            assert rule.reason_zh in pages[f"zh/{rule.id}.md"] and rule.reason not in pages[f"zh/{rule.id}.md"]
            assert rule.reason in pages[f"{rule.id}.md"] and rule.reason_zh not in pages[f"{rule.id}.md"]


_BUREAU_EN = """rules:
  - id: BUREAU002
    name: bureau-dates
    severity: warning
    reason: "a bureau check on one date, with no typed shape"
    over: dates
    check: "item.date is not None"
    places: "[]"
    key: "'k'"
    message: {zh: "日期缺失", en: "date missing"}
    docs:
      description: >
        Every stated date carries
        a day.
"""


def test_a_bureau_rule_without_a_chinese_description_shows_the_english_one(tmp_path: Path) -> None:
    path = tmp_path / "bureau.yaml"
    path.write_text(_BUREAU_EN + "      passing: p\n      failing: f\n", "utf-8")
    (rule,) = load_packs([path], builtin=False)
    assert rule.docs.description_zh is None
    assert rule_description(rule, "zh") == "Every stated date carries a day."
    page = docs.render_rule(rule, "zh")
    assert "Every stated date carries a day." in page and "a bureau check on one date, with no typed shape" in page
    result = CliRunner().invoke(main, ["rules", "BUREAU002", "--rules", str(tmp_path), "--lang", "zh"])
    assert result.exit_code == 0 and "Every stated date carries a day." in result.output


def test_a_bureau_rule_with_a_chinese_description_shows_it_folded(tmp_path: Path) -> None:
    path = tmp_path / "bureau.yaml"
    zh = "      description_zh: >\n        每个日期都应写到日，\n        按 day 精度核对。\n"
    path.write_text(_BUREAU_EN + zh + "      passing: p\n      failing: f\n", "utf-8")
    (rule,) = load_packs([path], builtin=False)
    assert rule_description(rule, "zh") == "每个日期都应写到日，按 day 精度核对。"
    assert rule_description(rule, "en") == "Every stated date carries a day."
    zh_run = CliRunner().invoke(main, ["rules", "BUREAU002", "--rules", str(tmp_path), "--lang", "zh"])
    assert "每个日期都应写到日，按 day 精度核对。" in zh_run.output and "carries a day" not in zh_run.output
    en_run = CliRunner().invoke(main, ["rules", "BUREAU002", "--rules", str(tmp_path), "--lang", "en"])
    assert "Every stated date carries a day." in en_run.output and "每个日期" not in en_run.output


def test_an_empty_chinese_description_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bureau.yaml"
    path.write_text(_BUREAU_EN + '      description_zh: ""\n      passing: p\n      failing: f\n', "utf-8")
    with pytest.raises(RulePackError, match="description_zh"):
        load_packs([path], builtin=False)


def test_every_collection_is_described_in_chinese_on_the_chinese_pages() -> None:
    assert set(Views.COLLECTIONS_ZH) == set(Views.COLLECTIONS)
    assert all(_CJK.search(text) for text in Views.COLLECTIONS_ZH.values())
    pages = docs.pages(load_packs())
    for rule in load_packs():
        head = pages[f"zh/{rule.id}.md"]
        assert f"`{rule.over}`（{Views.COLLECTIONS_ZH[rule.over]}）" in head, rule.id
        assert Views.COLLECTIONS[rule.over] in pages[f"{rule.id}.md"], rule.id


def test_the_chinese_pages_carry_no_english_labels() -> None:
    pages = docs.pages(load_packs())
    english = ("finding(s)", "no finding", "Set by the profiles", "- profile `", "` when `", "contains “")
    for name, text in pages.items():
        if name.startswith("zh/"):
            assert not [w for w in english if w in text], name
