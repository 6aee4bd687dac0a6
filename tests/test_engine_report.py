"""Text and JSON output, the `check` and `rules` commands, and audit_path's API."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.engine import api, commands
from auditor.engine.api import AuditOptions, audit_facts_result
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult
from auditor.report.json_out import render_json
from auditor.report.text import render_results


def facts(grade: str = "良") -> FactsBuilder:
    b = FactsBuilder("draft.docx")
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", grade, "cover")
    b.overall("total_score", "84.94", "summary")
    return b


def result(grade: str = "优", lang: str = "zh") -> FileResult:
    return audit_facts_result("draft.docx", facts(grade).facts, AuditOptions.make(lang=lang))  # type: ignore[arg-type]


def test_text_output_shows_rule_message_arithmetic_and_places() -> None:
    lines = render_results([result()], "en")
    assert lines[0].startswith("draft.docx: 1 finding (1 error);")
    assert "GRADE001 Grade does not match the score [grade-band-change]" in lines[1]
    assert any(line.strip().startswith("expected: 良") for line in lines)
    assert any(line.strip().startswith("found: 优") for line in lines)
    assert sum(1 for line in lines if line.strip().startswith("@ ")) == 2


def test_clean_text_output() -> None:
    lines = render_results([result("良")], "zh")
    assert lines == [lines[0]] and "未发现问题" in lines[0]


def test_json_output_is_stable_and_complete() -> None:
    a = render_json([result()])
    assert a == render_json([result()])
    doc = json.loads(a)
    f = doc["files"][0]["findings"][0]
    assert f["rule_id"] == "GRADE001" and f["severity"] == "error"
    assert f["expected"] == "良" and f["found"] == "优"
    assert f["places"][0]["quote"] and f["places"][0]["location"]["file"] == "draft.docx"
    assert doc["totals"]["errors"] == 1
    assert doc["files"][0]["summary"] == {
        "total_score": "84.94",
        "grade": "优",
        "self_score": None,
        "self_grade": None,
        "tables_not_understood": 0,
    }


def fake_audit(grades: dict[str, str]):  # type: ignore[no-untyped-def]
    def audit(path: str, options: AuditOptions | None = None) -> FileResult:
        if path not in grades:
            return FileResult(path=path, error=f"{path}: 文件不存在")
        return audit_facts_result(path, facts(grades[path]).facts, options or AuditOptions())

    return audit


@pytest.mark.parametrize(
    ("grades", "args", "code"),
    [
        ({"a.docx": "良"}, ["a.docx"], 0),
        ({"a.docx": "优"}, ["a.docx"], 1),
        ({"a.docx": "优"}, ["a.docx", "--fail-on", "never"], 0),
        ({"a.docx": "优"}, ["a.docx", "--ignore", "GRADE"], 0),
        ({"a.docx": "良"}, ["a.docx", "missing.docx"], 2),
    ],
)
def test_check_exit_codes(
    monkeypatch: pytest.MonkeyPatch, grades: dict[str, str], args: list[str], code: int
) -> None:
    monkeypatch.setattr(commands, "audit_path", fake_audit(grades))
    out = CliRunner().invoke(commands.check_command, [*args, "--jobs", "1"])  # fakes do not pickle
    assert out.exit_code == code, out.output


def test_check_json_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "audit_path", fake_audit({"a.docx": "优"}))
    out = CliRunner().invoke(commands.check_command, ["a.docx", "--format", "json", "--lang", "en"])
    doc = json.loads(out.output)
    assert doc["files"][0]["findings"][0]["message"].startswith("The grade is")


def test_check_with_a_broken_rules_dir_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("rules: [{id: X}]\n", encoding="utf-8")
    out = CliRunner().invoke(commands.check_command, ["a.docx", "--rules", str(tmp_path)])
    assert out.exit_code == 2 and "bad.yaml" in out.output


def test_unreadable_input_gives_a_file_result_with_an_error(tmp_path: Path) -> None:
    r = api.audit_path(str(tmp_path / "nothing.docx"))
    assert r.error and "nothing.docx" in r.error and r.findings == []


def test_rules_command_lists_and_documents() -> None:
    runner = CliRunner()
    out = runner.invoke(commands.rules_command, [])
    assert out.exit_code == 0
    catalogue = [line for line in out.output.splitlines() if not line.startswith("#")]  # after the profile's lines
    assert out.output.startswith("# 评分方案: national") and catalogue[0].startswith("COUNT001")
    score = next(line for line in out.output.splitlines() if line.startswith("SCORE004"))
    # the title in the run's language, after the name column (its width follows the longest name)
    assert re.search(r"total-score-agrees +总分前后不一致$", score)
    english = runner.invoke(commands.rules_command, ["--lang", "en"]).output
    assert re.search(r"total-score-agrees +Total score stated differently — ", english)
    page = runner.invoke(commands.rules_command, ["SCORE004"])
    assert page.exit_code == 0 and page.output.startswith("# SCORE004 总分前后不一致\n\n`total-score-agrees` · Total score")
    assert "严重程度：**错误**" in page.output
    page_en = runner.invoke(commands.rules_command, ["SCORE004", "--lang", "en"]).output
    assert page_en.startswith("# SCORE004 Total score stated differently") and "Severity: **error**" in page_en
    by_name = runner.invoke(commands.rules_command, ["total-score-agrees"])
    assert by_name.output == page.output
    assert runner.invoke(commands.rules_command, ["NOPE999"]).exit_code == 2


def test_folders_expand_to_document_files(tmp_path: Path) -> None:
    """Folders give the document formats; Markdown only when --include asks for it."""
    from auditor.discover import Selection, expand_paths

    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"x")
    (tmp_path / "notes.pptx").write_bytes(b"x")
    files, empty = expand_paths((str(tmp_path),))
    assert files == [str(tmp_path / "a.docx"), str(tmp_path / "notes.xlsx")] and not empty
    files, _ = expand_paths((str(tmp_path),), Selection(include=("*.md",)))
    assert str(tmp_path / "sub" / "b.md") in files
