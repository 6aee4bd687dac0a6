"""--format json validates against the committed schema, which is current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import AuditOptions, audit_facts_result
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult
from auditor.report.json_out import render_json
from auditor.report.schema import SCHEMA_PATH, schema_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "generated"


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text("utf-8") == schema_text(), "run: python -m auditor.report.schema"


def test_json_output_validates_and_carries_the_arithmetic() -> None:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", "优", "conclusion")
    results = [audit_facts_result("a.docx", b.facts, AuditOptions()), FileResult(path="b.docx", error="b: bad")]
    doc = json.loads(render_json(results))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8"))).validate(doc)
    f = doc["files"][0]["findings"][0]
    assert f["rule_id"] == "GRADE001" and f["expected"] == "良" and f["found"] == "优"
    assert f["places"][0]["quote"]
    assert doc["totals"]["unreadable"] == 1


def test_cli_json_is_deterministic_and_valid() -> None:
    paths = [str(FIXTURES / "project_eval.docx"), str(FIXTURES / "department_eval.pdf")]
    a = CliRunner().invoke(main, ["--format", "json", "--jobs", "1", *paths])
    b = CliRunner().invoke(main, ["--format", "json", "--jobs", "1", *paths])
    assert a.stdout == b.stdout
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8"))).validate(json.loads(a.stdout))


# ------------------------------------------------------------ a real finding, end to end


# `mutant` (one first-level score raised by a point) comes from conftest.py


def test_cli_json_on_a_planted_defect_carries_places_and_arithmetic(mutant: Path) -> None:
    run = CliRunner().invoke(main, [str(mutant), "--format", "json", "--lang", "en", "--jobs", "1"])
    assert run.exit_code == 1
    assert run.stdout == CliRunner().invoke(main, [str(mutant), "--format", "json", "--lang", "en"]).stdout
    doc = json.loads(run.stdout)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8"))).validate(doc)
    findings = doc["files"][0]["findings"]
    assert doc["totals"]["findings"] == len(findings) and doc["totals"]["errors"] >= 1
    total = next(f for f in findings if f["rule_id"] == "SCORE003")
    assert total["expected"] == "17.50+17.44+28.50+22.95 = 86.39" and total["found"] == "85.39"
    assert total["message"].startswith("The indicator scores add up to 17.50+17.44+28.50+22.95 = 86.39")
    roles = {(p["role"], p["figure"]) for p in total["places"]}
    assert {("total", "85.39"), ("part", "17.50"), ("part", "22.95")} <= roles
    for place in total["places"]:
        assert place["figure"] in place["quote"]
        assert place["location"]["file"] == str(mutant) and place["location"]["table"] is not None
    assert len({f["fingerprint"] for f in findings}) == len(findings)
