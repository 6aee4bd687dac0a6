"""Profiles (auditor/profiles): selection by --profile and by the config, the precedence of
rule parameters, refusals of unknown names/keys/values, the budget-system rules switched on,
四川's 90 % threshold, lexicon additions from the config, and --show-config."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import AuditOptions, audit_path, load_rules
from auditor.engine.pack import load_packs
from auditor.profiles import available, check_profile, load_profile, run_layer
from auditor.tables.lexicon import lexicon, use_lexicon
from fixtures.form_specs import build_form_spec
from fixtures.forms import FundsPart, Variant, render_form


def _ids(path: Path, **options: object) -> list[str]:
    return [f.rule_id for f in audit_path(str(path), AuditOptions.make(**options)).findings]  # type: ignore[arg-type]


def _found(out: str) -> list[str]:
    """Rule ids of the findings in a JSON report."""
    return [f["rule_id"] for x in json.loads(out)["files"] for f in x["findings"]]


def _cli(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    here = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, [*args, "--jobs", "1"] if args and args[0] not in ("rules", "profiles", "facts") else args)
    finally:
        os.chdir(here)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small forms from the training spec: execution 70 % with every row at full points
    (total 96.4 above the budget system's cap of 89); execution 85 % with the reason cell
    empty on the 四川 layout; one actual written as an unusual status word."""
    out = tmp_path_factory.mktemp("profile_forms")
    base = build_form_spec("training")
    low = replace(
        base,
        spent="63.00",
        parts=(FundsPart("当年财政拨款", "80.00", "80.00", "56.00"), FundsPart("上年结转资金", "—", "10.00", "7.00")),
    )
    mid = replace(
        base,
        spent="76.50",
        funds_reason="",
        parts=(FundsPart("当年财政拨款", "80.00", "80.00", "68.00"), FundsPart("上年结转资金", "—", "10.00", "8.50")),
    )
    status = replace(base, overrides={"row.培训班期数.actual": "圆满完成"})
    specs = {"low": (low, "national"), "mid": (mid, "sichuan"), "status": (status, "national")}
    paths = {}
    for key, (spec, layout) in specs.items():
        (out / key).mkdir()  # each in its own folder: a test may put a config beside it
        paths[key] = render_form(spec, Variant(layout=layout), "docx", out / key / "form.docx")
    return paths


# ---------------------------------------------------------------- the shipped profiles


def test_every_shipped_profile_loads_and_names_only_known_rules_and_params() -> None:
    rules = load_rules(AuditOptions())
    assert set(available()) >= {"national", "sichuan", "hubei20", "department", "budget_system"}
    for name in available():
        profile = load_profile(name)
        check_profile(profile, rules)  # raises on an unknown rule, parameter or lexicon key
        assert profile.description("zh") and profile.description("en")
    assert load_profile("national").weights == {"产出": 50, "效益": 30, "满意度": 10, "执行率": 10}
    assert load_profile("hubei20").weights == {"执行率": 20}  # replaces the parent's as a whole
    assert load_profile("sichuan").params["FORM005"]["threshold"] == 90
    assert [ly.name for ly in load_profile("budget_system").layers] == ["national", "budget_system"]


def test_weights_go_to_rules_that_declare_level1_weights(tmp_path: Path) -> None:
    pack = tmp_path / "weights.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: BUREAU001\n"
        "    name: bureau-weights\n"
        "    severity: warning\n"
        "    over: forms\n"
        "    check: 'True'\n"
        "    params: {level1_weights: {产出: 0, 效益: 0, 满意度: 0, 执行率: 0}}\n"
        "    message: {zh: 权重, en: weights}\n"
        "    places: '[]'\n"
        "    key: \"'w'\"\n"
        "    docs: {description: weights, passing: a, failing: b}\n",
        encoding="utf-8",
    )
    rules = load_packs([pack])
    assert run_layer(load_profile("hubei20"), rules).params["BUREAU001"]["level1_weights"] == {"执行率": 20}
    assert run_layer(load_profile("national"), rules).params["BUREAU001"]["level1_weights"]["产出"] == 50


# ---------------------------------------------------------------- rules switched on, parameters


def test_budget_system_switches_form015_on(forms: dict[str, Path]) -> None:
    assert "FORM015" not in _ids(forms["low"])  # national (the default): off
    assert "FORM015" not in _ids(forms["low"], profile="national")
    assert _ids(forms["low"], profile="budget_system").count("FORM015") == 1


def test_sichuan_asks_for_a_reason_below_90_the_national_profile_below_80(forms: dict[str, Path]) -> None:
    assert "FORM005" not in _ids(forms["mid"])  # 85 % ≥ the national 80 %
    assert _ids(forms["mid"], profile="sichuan").count("FORM005") == 1


def test_profile_by_flag_and_by_config_flag_wins(forms: dict[str, Path]) -> None:
    folder = forms["low"].parent
    code, out, _ = _cli([str(forms["low"]), "--profile", "budget_system", "--format", "json"])
    assert code == 0 and "FORM015" in _found(out)
    (folder / ".auditor.toml").write_text('profile = "budget_system"\n', encoding="utf-8")
    try:
        code, out, _ = _cli([str(forms["low"]), "--format", "json"])
        assert "FORM015" in _found(out)
        code, out, _ = _cli([str(forms["low"]), "--format", "json", "--profile", "national"])
        assert "FORM015" not in _found(out)
    finally:
        (folder / ".auditor.toml").unlink()


def test_precedence_rule_default_profile_config_command_line(forms: dict[str, Path]) -> None:
    """FORM005 at 85 % execution: sichuan's 90 fires; the config's 85 silences it; the
    command line's 86 fires again; the rule's own default (90) applies without a profile."""
    folder = forms["mid"].parent
    cfg = folder / ".auditor.toml"
    cfg.write_text('profile = "sichuan"\n[params.FORM005]\nthreshold = 85\n', encoding="utf-8")
    try:
        _, out, _ = _cli([str(forms["mid"]), "--format", "json"])
        assert "FORM005" not in _found(out)
        _, out, _ = _cli([str(forms["mid"]), "--format", "json", "--param", "FORM005.threshold=86"])
        assert "FORM005" in _found(out)
        _, shown, _ = _cli([str(forms["mid"]), "--show-config", "--param", "FORM005.threshold=86", "--format", "json"])
        rows = {r["key"]: r for r in json.loads(shown)["settings"]}
        assert rows["profile"]["origin"] == "file" and rows["profile"]["value"] == "sichuan"
        assert rows["params.FORM005.threshold"] == {
            "key": "params.FORM005.threshold", "op": "=", "value": 86, "origin": "command-line", "source": None
        }
    finally:
        cfg.unlink()
    from auditor.engine.runner import run_rules  # the rule alone: its own default
    from auditor.extract import extract_facts
    from auditor.readers import read_document

    rule = [r for r in load_rules(AuditOptions()) if r.id == "FORM005"]
    assert len(run_rules(extract_facts(read_document(str(forms["mid"]))), rule).findings) == 1


def test_a_profile_switching_a_rule_off(tmp_path: Path, forms: dict[str, Path]) -> None:
    mine = tmp_path / "quiet.yaml"
    mine.write_text(
        "description: {zh: 本局方案, en: our bureau}\nextends: budget_system\ndisable: [FORM015, FORM004]\n",
        encoding="utf-8",
    )
    assert "FORM015" not in _ids(forms["low"], profile=str(mine))
    assert "FORM004" not in _ids(forms["mid"], profile=str(mine))
    assert "FORM004" in _ids(forms["mid"], profile="sichuan")
    code, out, _ = _cli(["rules", "--profile", str(mine), "--lang", "en"])
    assert code == 0
    assert "#   switches off: FORM015, FORM004" in out
    assert [ln for ln in out.splitlines() if ln.startswith("FORM004")][0].split()[3] == "[off]"


# ---------------------------------------------------------------- refusals


def test_unknown_profile_names_the_closest(forms: dict[str, Path]) -> None:
    code, out, err = _cli([str(forms["low"]), "--profile", "sichaun", "--lang", "en"])
    assert code == 2 and not out
    assert err.strip().splitlines() == [err.strip()]
    assert "--profile" in err and "unknown profile 'sichaun'" in err and "closest: sichuan" in err


def test_unknown_profile_in_config_names_the_file(tmp_path: Path, forms: dict[str, Path]) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('profile = "hubei"\n', encoding="utf-8")
    code, _, err = _cli([str(forms["low"]), "--config", str(cfg), "--lang", "en"])
    assert code == 2 and "bad.toml: profile" in err and "closest: hubei20" in err


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("description: {zh: a, en: b}\nswitch_on: [FORM015]\n", "switch_on: unknown key"),
        ("description: {zh: a, en: b}\nenable: [FORM099]\n", "enable: unknown rule id 'FORM099'"),
        ("description: {zh: a, en: b}\nparams: {FORM005: {threshold: high}}\n", "params.FORM005.threshold: must be a number"),
        ("description: {zh: a, en: b}\nparams: {FORM005: {limit: 3}}\n", "params.FORM005.limit: rule has no parameter 'limit'"),
        ("description: {zh: a, en: b}\nlexicon: {statuses: {done: [好]}}\n", "lexicon.statuses.done: unknown key"),
        ("description: {zh: a, en: b}\nextends: nowhere\n", "unknown profile 'nowhere'"),
    ],
)
def test_a_broken_profile_file_is_one_line_naming_file_and_key(
    tmp_path: Path, forms: dict[str, Path], body: str, expected: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(body, encoding="utf-8")
    code, out, err = _cli([str(forms["low"]), "--profile", str(mine), "--lang", "en"])
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "mine.yaml" in err and expected in err


def test_bad_param_on_the_command_line(forms: dict[str, Path]) -> None:
    code, _, err = _cli([str(forms["low"]), "--param", "FORM005.threshold=high", "--lang", "en"])
    assert code == 2 and "--param" in err and "threshold" in err
    code, _, err = _cli([str(forms["low"]), "--param", "threshold=3", "--lang", "en"])
    assert code == 2 and "RULE.KEY=VALUE" in err


# ---------------------------------------------------------------- lexicon additions


def test_a_status_word_is_read_only_with_the_lexicon_addition(forms: dict[str, Path]) -> None:
    """FORM013 (an actual that is a status word, not a measurement) needs '圆满完成' read as
    a status word: only the config's addition makes it one."""
    assert "FORM013" not in _ids(forms["status"])
    assert _ids(forms["status"], lexicon={"statuses": {"completed": ["圆满完成"]}}).count("FORM013") == 1
    assert "FORM013" not in _ids(forms["status"])  # nothing left behind
    assert lexicon().status("圆满完成") is None


def test_lexicon_from_the_config_in_a_batch_of_workers(forms: dict[str, Path], tmp_path: Path) -> None:
    cfg = tmp_path / "lex.toml"
    cfg.write_text('[lexicon]\nstatuses = { completed = ["圆满完成"] }\n', encoding="utf-8")
    for jobs in ("1", "2"):
        r = CliRunner().invoke(
            main, [str(forms["status"]), str(forms["low"]), "--config", str(cfg), "--format", "json", "--jobs", jobs]
        )
        files = json.loads(r.stdout)["files"]
        assert [sum(f["rule_id"] == "FORM013" for f in x["findings"]) for x in files] == [1, 0]
    code, out, _ = _cli([str(forms["status"]), "--format", "json"])
    assert "FORM013" not in _found(out)


def test_use_lexicon_restores_the_previous_state_on_error() -> None:
    with pytest.raises(RuntimeError), use_lexicon({"total_rows": ["总得分"]}):
        assert "总得分" in lexicon().total_rows
        raise RuntimeError
    assert "总得分" not in lexicon().total_rows


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[lexicon]\nstatus = ["好"]\n', "lexicon.status: unknown lexicon key"),
        ('[lexicon]\nstatuses = { finished = ["好"] }\n', "lexicon.statuses.finished: unknown key"),
        ('[lexicon]\ntotal_rows = "总得分"\n', "lexicon.total_rows: must be a list"),
    ],
)
def test_unknown_lexicon_key_in_config_is_refused(tmp_path: Path, forms: dict[str, Path], toml: str, expected: str) -> None:
    cfg = tmp_path / "lex.toml"
    cfg.write_text(toml, encoding="utf-8")
    code, out, err = _cli([str(forms["low"]), "--config", str(cfg), "--lang", "en"])
    assert code == 2 and not out and "lex.toml" in err and expected in err


# ---------------------------------------------------------------- showing the configuration


def test_show_config_text_names_each_source(tmp_path: Path) -> None:
    (tmp_path / ".auditor.toml").write_text(
        'profile = "budget_system"\nfail-on = "warning"\n[params.FORM016]\nexcess = 40\n[lexicon]\ntotal_rows = ["总得分"]\n',
        encoding="utf-8",
    )
    code, out, _ = _cli(["--show-config", "--ignore", "DATE", "--lang", "en"], cwd=tmp_path)
    assert code == 0
    lines = {ln.split("  #")[0].strip(): ln.split("# ", 1)[1] for ln in out.splitlines()[1:]}
    assert out.splitlines()[0] == "# config file: .auditor.toml"
    assert lines['profile = "budget_system"'] == ".auditor.toml"
    assert lines['fail-on = "warning"'] == ".auditor.toml"
    assert lines['lang = "en"'] == "command line"
    assert lines['select = []'] == "default"
    assert lines['ignore = ["DATE"]'] == "command line"
    assert lines["params.FORM015.enabled = true"] == "profile budget_system"
    assert lines["params.FORM005.threshold = 80"] == "profile national"
    assert lines["params.FORM016.excess = 40"] == ".auditor.toml"
    assert lines['lexicon.total_rows += ["总得分"]'] == ".auditor.toml"


def test_profiles_command_lists_and_shows() -> None:
    code, out, _ = _cli(["profiles", "--lang", "en"])
    assert code == 0 and [ln.split()[0] for ln in out.splitlines()] == available()
    code, out, _ = _cli(["profiles", "budget_system", "--format", "json"])
    data = json.loads(out)
    assert data["enable"] == ["FORM015", "FORM016"] and data["params"]["FORM015"] == {"enabled": True}
    code, _, err = _cli(["profiles", "budgetsystem", "--lang", "en"])
    assert code == 2 and "closest: budget_system" in err


def test_rules_json_says_which_rules_run() -> None:
    by_id = {r["id"]: r["on"] for r in json.loads(_cli(["rules", "--format", "json"])[1])}
    assert by_id["FORM015"] is False and by_id["FORM001"] is True
    by_id = {r["id"]: r["on"] for r in json.loads(_cli(["rules", "--format", "json", "--profile", "budget_system"])[1])}
    assert by_id["FORM015"] is True


def test_facts_takes_the_profile_and_refuses_an_unknown_one(forms: dict[str, Path], tmp_path: Path) -> None:
    cfg = tmp_path / "lex.toml"
    cfg.write_text('[lexicon]\ntotal_rows = ["总得分"]\n', encoding="utf-8")
    code, out, _ = _cli(["facts", str(forms["low"]), "--config", str(cfg), "--profile", "sichuan"])
    assert code == 0 and "年度资金总额" in out
    code, out, err = _cli(["facts", str(forms["low"]), "--profile", "nope", "--lang", "en"])
    assert code == 2 and not out and "unknown profile 'nope'" in err
    assert "总得分" not in lexicon().total_rows


def test_grade_words_take_new_spellings_of_known_grades_only() -> None:
    from auditor.tables.lexicon import lexicon_problem

    assert lexicon_problem({"grade_words": {"很好": "优"}}) is None
    assert "must stand for one of" in (lexicon_problem({"grade_words": {"很好": "超"}}) or "")
    with use_lexicon({"grade_words": {"很好": "优"}}):
        assert lexicon().grade_key("很好") == "优"
    assert lexicon().grade_key("很好") == "很好"


def test_a_run_without_the_shipped_packs_still_takes_the_profile(tmp_path: Path) -> None:
    """The shipped profiles name shipped rules; a run of a bureau's pack alone passes over them."""
    report = tmp_path / "r.md"
    report.write_text("# 报告\n\n评价得分85分。\n", encoding="utf-8")
    options = AuditOptions.make(builtin_rules=False, rules_dirs=[str(Path(__file__).resolve().parents[1] / "rules" / "scores.yaml")], profile="sichuan")
    result = audit_path(str(report), options)
    assert result.error is None and {f.rule_id[:5] for f in result.findings} <= {"SCORE"}


def test_reports_name_the_profile_they_ran_under(forms: dict[str, Path], tmp_path: Path) -> None:
    """A report read later must say which thresholds its warnings stand on: JSON per file,
    the text head (only when not the default), the HTML line, SARIF's invocation, the workbook."""
    code, out, _ = _cli([str(forms["mid"]), "--profile", "sichuan", "--format", "json"])
    assert json.loads(out)["files"][0]["profile"] == "sichuan"
    code, out, _ = _cli([str(forms["mid"]), "--format", "json"])
    assert json.loads(out)["files"][0]["profile"] == "national"
    _, text, _ = _cli([str(forms["mid"]), "--profile", "sichuan", "--lang", "en"])
    assert text.splitlines()[0].endswith("(profile sichuan)")
    _, text, _ = _cli([str(forms["mid"]), "--lang", "en"])
    assert "(profile" not in text.splitlines()[0]
    _, page, _ = _cli([str(forms["mid"]), "--profile", "sichuan", "--format", "html"])
    assert "评分方案 sichuan" in page
    _, sarif, _ = _cli([str(forms["mid"]), "--profile", "sichuan", "--format", "sarif"])
    assert json.loads(sarif)["runs"][0]["invocations"][0]["properties"]["profiles"] == ["sichuan"]
    book = tmp_path / "s.xlsx"
    _cli([str(forms["mid"]), "--profile", "sichuan", "--format", "xlsx", "-o", str(book)])
    from openpyxl import load_workbook

    sheet = load_workbook(book).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("评分方案") + 1).value == "sichuan"
