"""Configuration discovery and baselines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.baseline import apply_baseline, make_baseline, read_baseline, write_baseline
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
    first = _result("drafts/report.docx", "优")
    assert first.findings
    path = tmp_path / "baseline.json"
    assert write_baseline([first], str(path)) == len(first.findings)
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 1 and data["entries"][0]["file"] == "report.docx"
    assert "message" not in data["entries"][0]
    # the next draft: the same accepted finding (moved folder) plus a new one
    again = _result("ci/checkout/report.docx", "优")
    new = _result("ci/checkout/report.docx", "优", summary_total="84.49")
    accepted = {f.fingerprint for f in first.findings}
    fresh = [f for f in new.findings if f.fingerprint not in accepted]
    assert fresh, "a second, different claim must give a new finding"
    dropped = apply_baseline([again, new], read_baseline(str(path)))
    assert dropped == 2 * len(first.findings)
    assert again.findings == []
    assert new.findings == fresh


def test_rewritten_baseline_drops_fixed_entries() -> None:
    fixed = FileResult(path="report.docx")
    assert make_baseline([fixed]).entries == []
