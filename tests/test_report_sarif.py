"""SARIF 2.1.0 output validates against the official schema and carries what code scanning needs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import AuditOptions, audit_facts_result, load_rules
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult
from auditor.report.sarif import FINGERPRINT_KEY, render_sarif

ROOT = Path(__file__).resolve().parents[1]

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _result_with_findings() -> FileResult:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", "优", "conclusion")
    return audit_facts_result("reports/draft.docx", b.facts, AuditOptions())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_validates_against_the_official_schema(lang: str) -> None:
    result = _result_with_findings()
    assert result.findings, "the facts were built to fire GRADE001"
    bad = FileResult(path="reports/broken.docx", error="reports/broken.docx: 文件已损坏")
    doc = json.loads(render_sarif([result, bad], load_rules(AuditOptions()), lang))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"GRADE001", "SCORE001"}
    first = run["results"][0]
    assert first["ruleId"] == result.findings[0].rule_id
    assert first["partialFingerprints"][FINGERPRINT_KEY] == result.findings[0].fingerprint
    assert first["partialFingerprints"]["primaryLocationLineHash"] == result.findings[0].fingerprint[:16] + ":1"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/draft.docx"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "文件已损坏" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_cli_sarif_output_is_valid_for_a_clean_fixture() -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "generated" / "project_eval.docx"
    out = CliRunner().invoke(main, ["--format", "sarif", str(fixture)])
    assert out.exit_code in (0, 1)
    doc = json.loads(out.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


# ------------------------------------------------------------ a real finding, end to end


# `mutant` (one first-level score raised by a point) comes from conftest.py


def test_cli_sarif_on_a_planted_defect_points_at_every_place(mutant: Path) -> None:
    out = CliRunner().invoke(main, [str(mutant), "--format", "sarif", "--lang", "en", "--jobs", "1"])
    assert out.exit_code == 1
    doc = json.loads(out.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    findings = json.loads(CliRunner().invoke(main, [str(mutant), "--format", "json", "--lang", "en"]).stdout)
    expected = next(f for f in findings["files"][0]["findings"] if f["rule_id"] == "SCORE003")
    run = doc["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "SCORE003")
    assert result["level"] == "error"
    assert "expected: 17.50 + 17.44 + 28.50 + 22.95 = 86.39" in result["message"]["text"]
    assert "found: 85.39" in result["message"]["text"]
    assert result["partialFingerprints"][FINGERPRINT_KEY] == expected["fingerprint"]
    located = [result["locations"][0], *result["relatedLocations"]]
    assert len(located) == len(expected["places"])
    assert all(loc["physicalLocation"]["artifactLocation"]["uri"] == mutant.as_uri() for loc in located)
    snippets = [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in located]
    # the location is the slip the finding shares with three others (the planted 17.50);
    # the printed total and the other parts are related locations
    assert snippets[0] == "17.50" and "85.39" in snippets
    assert 'table "' in located[0]["logicalLocations"][0]["name"]
    # the place as a reader finds it: caption, row label, column header
    assert re.search(r'\nat: [^\n]*table "[^"]+", row 2 "[^"]+", column "[^"]+" \(17\.50\)\n'
                     r'see also: [^\n]*row 6 "合计", column "[^"]+" \(85\.39\); ', result["message"]["text"])
    assert result["properties"]["group"] == expected["group"] and result["properties"]["groupRole"] == "consequence"
    lead = next(r for r in run["results"] if r["properties"]["group"] == expected["group"] and r["properties"]["groupRole"] == "lead")
    assert lead["ruleId"] == "SCORE008"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["helpUri"] == "docs/rules/SCORE003.md"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "SCORE003"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["shortDescription"]["text"] == (
        "First-level scores do not add up to the total")


def test_help_links_follow_the_language_and_the_configured_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.report import sarif

    rules = load_rules(AuditOptions())
    doc = json.loads(render_sarif([_result_with_findings()], rules, lang="zh"))
    by_id = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["SCORE003"]["helpUri"] == "docs/rules/zh/SCORE003.md"
    assert by_id["SCORE003"]["shortDescription"]["text"] == "一级指标得分之和与总分不符"
    assert "informationUri" not in doc["runs"][0]["tool"]["driver"]
    assert all((ROOT / r["helpUri"]).is_file() for r in by_id.values())  # every relative link resolves
    monkeypatch.setattr(sarif, "repository_url", lambda: "https://example.org/acme/auditor")
    doc = json.loads(render_sarif([_result_with_findings()], rules, lang="en"))
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/acme/auditor"
    assert {r["id"]: r for r in driver["rules"]}["SCORE003"]["helpUri"] == (
        "https://example.org/acme/auditor/blob/HEAD/docs/rules/SCORE003.md")


def test_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "reports").mkdir()
    result = _result_with_findings()
    inside = result.model_copy(update={"path": str(repo / "reports" / "draft.docx")})
    outside = result.model_copy(update={"path": str(tmp_path / "elsewhere.docx")})
    here = os.getcwd()
    os.chdir(repo / "reports")  # run from a subfolder: still relative to the root, no '../'
    try:
        doc = json.loads(render_sarif([inside, outside], load_rules(AuditOptions()), "en"))
    finally:
        os.chdir(here)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    run = doc["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "reports/draft.docx", "uriBaseId": "%SRCROOT%"} in uris
    assert {"uri": (tmp_path / "elsewhere.docx").as_uri()} in uris
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
