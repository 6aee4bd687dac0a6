"""The bureau's workbook and the CI formats (concise, github, junit) and --quiet, end to
end through the CLI on the shipped draft (6 planted slips, 11 findings) and the clean
fixtures."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from auditor.cli import main

GENERATED = Path(__file__).resolve().parents[1] / "fixtures" / "generated"
DRAFT = GENERATED / "draft_project_eval.docx"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--jobs", "1"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def _findings(path: Path) -> list[dict]:
    return json.loads(_run(str(path), "--format", "json")[1])["files"][0]["findings"]


def _folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(DRAFT, reports / "a_draft.docx")
    shutil.copy(GENERATED / "project_eval.docx", reports / "b_clean.docx")
    shutil.copy(GENERATED / "self_assessment.pdf", reports / "c_self.pdf")
    (reports / "d_empty.md").write_text("这是一段没有任何数字的说明文字。\n", "utf-8")
    (reports / "e_broken.docx").write_bytes(b"not a zip")
    return reports


# ------------------------------------------------------------------ xlsx


def test_xlsx_summary_and_findings_sheets(tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    code, stdout, _ = _run(str(_folder(tmp_path)), "--include", "*.md", "--format", "xlsx", "--output", str(out))
    assert code == 2  # one unreadable file; the workbook is written all the same
    assert stdout == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题"]
    summary, findings = wb["汇总"], wb["问题"]
    for ws in (summary, findings):
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
    header = [c.value for c in summary[1]]
    assert header[:5] == ["报告文件", "项目名称", "预算部门（单位）", "评价机构", "评价年度"]
    rows = {Path(r[0]).name: dict(zip(header, r, strict=True)) for r in summary.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["a_draft.docx", "b_clean.docx", "c_self.pdf", "d_empty.md", "e_broken.docx"]
    draft = rows["a_draft.docx"]
    assert draft["项目名称"] == "便民服务点智能终端运维经费项目"
    assert draft["评价机构"] == "临沣正衡会计师事务所（普通合伙）"
    assert draft["评价年度"] == "2023"
    assert (draft["评价得分"], draft["等级"], draft["自评得分"]) == (85.39, "良", 94)
    assert (draft["预算（万元）"], draft["支出（万元）"], draft["预算执行率"]) == (42.65, 41.82, "98.07%")
    assert (draft["疑点"], draft["错误"], draft["警告"]) == (6, 11, 0)
    assert draft["已核对"] > 300 and draft["未核对任何数据"] is None and draft["状态"] == "有问题"
    assert rows["b_clean.docx"]["错误"] == 0 and rows["b_clean.docx"]["状态"] == "未发现问题"
    assert rows["d_empty.md"]["未核对任何数据"] == "是" and rows["d_empty.md"]["状态"] == "无可核对数据"
    assert rows["e_broken.docx"]["状态"] == "无法读取" and rows["e_broken.docx"]["错误"] is None
    # one row per finding, each with its places, slips numbered per report
    lines = list(findings.iter_rows(min_row=2, values_only=True))
    assert len(lines) == 11 and {Path(r[0]).name for r in lines} == {"a_draft.docx"}
    head = [c.value for c in findings[1]]
    by_rule = [dict(zip(head, r, strict=True)) for r in lines]
    assert sorted({r["疑点序号"] for r in by_rule}) == [1, 2, 3, 4, 5, 6]
    rate = next(r for r in by_rule if r["规则"] == "RATE001")
    lead = next(r for r in by_rule if r["疑点序号"] == rate["疑点序号"] and r["角色"] == "疑点")
    assert lead["规则"] == "SCORE008" and rate["角色"] == "同一处" and rate["级别"] == "错误"
    assert "「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列：21.95" in rate["位置"].split("\n")


def test_xlsx_refuses_stdout() -> None:
    code, stdout, stderr = _run(str(DRAFT), "--format", "xlsx")
    assert code == 2 and stdout == ""
    assert "--format xlsx 需要用 -o/--output 指定输出文件" in stderr


# ------------------------------------------------------------------ CI formats


def test_concise_one_line_per_finding_at_its_odd_place() -> None:
    code, out, _ = _run(str(DRAFT), "--format", "concise")
    assert code == 1
    lines = out.splitlines()
    findings = _findings(DRAFT)
    assert len(lines) == len(findings) + 1  # and the summary line
    assert f"{DRAFT}:「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列: SCORE008 指标“效益”在不同表格中的得分不一致：21.95 ×1; 22.95 ×1" in lines
    assert f"{DRAFT}:「（一）绩效评价综合结论」下第1段: SCORE004 总分在不同位置的表述不一致：85.39 ×7; 85.93 ×1" in lines
    assert all(re.match(rf"{re.escape(str(DRAFT))}:[^:]*: [A-Z]+\d{{3}} ", line) for line in lines[:-1])
    assert lines[-1].startswith(f"{DRAFT}: 11 个问题（11 个错误），出自 6 处疑点")
    quiet = _run(str(DRAFT), "--format", "concise", "--quiet")[1].splitlines()
    assert quiet == lines[:-1]


def test_github_annotations() -> None:
    code, out, _ = _run(str(DRAFT), "--format", "github", "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 11 and all(line.startswith("::error file=") for line in lines)
    score = next(line for line in lines if "title=SCORE004" in line)
    assert score == (
        f"::error file={DRAFT},title=SCORE004 Total score stated differently::"
        'The overall score is stated differently in different places: 85.39 ×7; 85.93 ×1 '
        '(at paragraph 1 under "（一）绩效评价综合结论")'
    )
    assert _run(str(GENERATED / "project_eval.md"), "--format", "github")[1] == ""  # clean: no annotation


def test_github_gives_the_line_of_a_text_report(tmp_path: Path) -> None:
    text = (GENERATED / "project_eval.md").read_text("utf-8")
    assert text.count("85.39分") >= 2
    draft = tmp_path / "draft.md"
    draft.write_text(text.replace("85.39分", "85.93分", 1), "utf-8")
    lines = _run(str(draft), "--format", "github")[1].splitlines()
    score = next(line for line in lines if "title=SCORE004" in line)
    line_no = int(re.search(r",line=(\d+),", score)[1])
    assert "85.93分" in draft.read_text("utf-8").splitlines()[line_no - 1]


def test_github_escapes_what_the_runner_would_misread(tmp_path: Path) -> None:
    from auditor.report.github import escape_data, escape_property

    assert escape_data("a%b\nc") == "a%25b%0Ac"
    assert escape_property("x:y,z") == "x%3Ay%2Cz"


def test_junit_one_suite_per_file(tmp_path: Path) -> None:
    out = _run(str(_folder(tmp_path)), "--include", "*.md", "--format", "junit")[1]
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [Path(s.get("name")).name for s in suites] == [
        "a_draft.docx", "b_clean.docx", "c_self.pdf", "d_empty.md", "e_broken.docx"
    ]
    draft, clean = suites[0], suites[1]
    failures = draft.findall("testcase/failure")
    assert len(failures) == int(draft.get("failures")) == 11
    assert {c.get("name").split()[0] for c in draft.findall("testcase") if c.find("failure") is not None} >= {
        "SCORE008", "RATE001", "DATE001"
    }
    assert clean.get("failures") == "0" and int(clean.get("tests")) > 10  # one passing case per rule that checked
    assert suites[4].find("testcase/error") is not None and suites[4].get("errors") == "1"
    assert root.get("failures") == "11" and root.get("errors") == "1"


def test_quiet_batch_prints_only_reports_with_findings(tmp_path: Path) -> None:
    reports = _folder(tmp_path)
    loud = _run(str(reports))[1]
    quiet = _run(str(reports), "--quiet")[1]
    assert "b_clean.docx" in loud and "b_clean.docx" not in quiet
    assert "合计：" in loud and "合计：" not in quiet
    assert quiet.splitlines()[0].startswith(str(reports / "a_draft.docx"))
    assert quiet.count("\n  1. ") == 6  # one numbered lead per slip


def test_xlsx_in_english(tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    _run(str(DRAFT), "--format", "xlsx", "-o", str(out), "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["summary", "findings"]
    assert [c.value for c in wb["summary"][1]][:3] == ["file", "project", "unit"]
    roles = {r[2] for r in wb["findings"].iter_rows(min_row=2, values_only=True)}
    assert roles == {"slip", "same place"}


def test_headline_names_come_from_labelled_fields_only(tmp_path: Path) -> None:
    from auditor.readers import read_document
    from auditor.report.headline import names

    report = tmp_path / "r.md"
    report.write_text(
        "# 某项目绩效评价报告\n\n评价机构：某某咨询有限公司\n\n"
        "| 序号 | 被评价单位 | 问题分类 |\n|---|---|---|\n| 1 | 甲单位 | 管理 |\n\n"
        "| 项目名称 | 资金量（万元） |\n|---|---|\n\n"
        "主管部门负责组织实施，评价组通过查阅资料等方式开展评价。\n",
        "utf-8",
    )
    found = names(read_document(str(report)))
    # a firm named on its own line; column headers and sentences are not names
    assert found == {"evaluator": "某某咨询有限公司"}
