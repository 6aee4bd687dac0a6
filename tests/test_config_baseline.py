"""Configuration discovery and baselines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.baseline import apply_baseline, baseline_text, make_baseline, read_baseline
from auditor.cli import main
from auditor.config import discover_config
from auditor.engine.api import AuditOptions, audit_facts_result
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult


def _result(path: str, grade: str, summary_total: str | None = None) -> FileResult:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    if summary_total:
        b.overall("total_score", summary_total, "summary")
    b.overall("grade", grade, "conclusion")
    return audit_facts_result(path, b.facts, AuditOptions())


def test_config_is_discovered_upward_from_the_input(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.auditor]\nselect = ["SCORE"]\nfail-on = "warning"\n'
        '[tool.auditor.params.SELF001]\nthreshold = 5\n'
        '[tool.auditor.per-file-ignores]\n"drafts/*.docx" = ["DATE"]\n',
        "utf-8",
    )
    sub = tmp_path / "drafts"
    sub.mkdir()
    report = sub / "a.docx"
    config = discover_config(str(report))
    assert config.select == ["SCORE"]
    assert config.fail_on == "warning"
    assert config.params == {"SELF001": {"threshold": 5}}
    assert config.ignores_for(str(report)) == ["DATE"]
    assert config.ignores_for(str(tmp_path / "other.docx")) == []


def test_auditor_toml_wins_over_a_pyproject_without_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n", "utf-8")
    assert discover_config(str(tmp_path / "r.docx")).select == []
    (tmp_path / ".auditor.toml").write_text('ignore = ["SELF"]\n', "utf-8")
    assert discover_config(str(tmp_path / "r.docx")).ignore == ["SELF"]


def test_broken_config_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / ".auditor.toml"
    bad.write_text('fail-on = "sometimes"\n', "utf-8")
    report = tmp_path / "r.md"
    report.write_text("# 报告\n", "utf-8")
    out = CliRunner().invoke(main, [str(report)])
    assert out.exit_code == 2
    assert str(bad) in out.stderr and "fail-on" in out.stderr
    assert "Traceback" not in out.output


def test_baseline_suppresses_accepted_findings_only(tmp_path: Path) -> None:
    first = _result(str(tmp_path / "drafts" / "report.docx"), "优")
    assert first.findings
    path = tmp_path / "baseline.json"
    text, n = baseline_text([first], str(path))
    path.write_text(text, "utf-8")
    assert n == len(first.findings)
    data = json.loads(path.read_text("utf-8"))
    assert data["kind"] == "auditor-baseline" and data["version"] == 2
    assert data["entries"][0]["file"] == "drafts/report.docx"  # relative to the baseline's folder
    assert "message" not in data["entries"][0]
    # the next draft in the same place: the accepted finding plus a new one
    again = _result(str(tmp_path / "drafts" / "report.docx"), "优")
    new = _result(str(tmp_path / "drafts" / "report.docx"), "优", summary_total="84.49")
    accepted = {(f.rule_id, f.claim_key) for f in first.findings}
    fresh = [f for f in new.findings if (f.rule_id, f.claim_key) not in accepted]
    assert fresh, "a second, different claim must give a new finding"
    before = len(new.findings)
    hidden = apply_baseline([again, new], read_baseline(str(path)), str(path))
    assert again.findings == []
    assert all(f in new.findings for f in fresh)
    assert hidden == len(first.findings) + before - len(new.findings)


def test_baseline_does_not_cover_a_report_of_the_same_name_elsewhere(tmp_path: Path) -> None:
    first = _result(str(tmp_path / "a" / "report.docx"), "优")
    path = tmp_path / "baseline.json"
    path.write_text(baseline_text([first], str(path))[0], "utf-8")
    other = _result(str(tmp_path / "b" / "report.docx"), "优")
    assert apply_baseline([other], read_baseline(str(path)), str(path)) == 0
    assert other.findings


def test_rewritten_baseline_drops_fixed_entries() -> None:
    fixed = FileResult(path="report.docx")
    assert make_baseline([fixed], "baseline.json").entries == []
