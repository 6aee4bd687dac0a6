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
