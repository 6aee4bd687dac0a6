"""SARIF 2.1.0 output validates against the official schema and carries what code scanning needs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import AuditOptions, audit_facts_result, load_rules
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult
from auditor.report.sarif import FINGERPRINT_KEY, render_sarif

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
    assert "expected: 17.50+17.44+28.50+22.95 = 86.39" in result["message"]["text"]
    assert "found: 85.39" in result["message"]["text"]
    assert result["partialFingerprints"][FINGERPRINT_KEY] == expected["fingerprint"]
    located = [result["locations"][0], *result["relatedLocations"]]
    assert len(located) == len(expected["places"])
    assert all(loc["physicalLocation"]["artifactLocation"]["uri"] == mutant.as_uri() for loc in located)
    snippets = [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in located]
    assert snippets[0] == "85.39" and "17.50" in snippets
    assert located[0]["logicalLocations"][0]["name"].startswith("table ")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "SCORE003"
