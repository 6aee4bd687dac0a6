"""--format html: one self-contained page; checked in a real headless browser when one exists."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.engine.api import AuditOptions, audit_facts_result
from auditor.engine.builder import FactsBuilder
from auditor.findings import FileResult
from auditor.report.html_out import render_html

ROOT = Path(__file__).resolve().parents[1]


def _results() -> list[FileResult]:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", "优", "conclusion")
    bad = FactsBuilder()
    bad.overall("total_score", "72", "cover")
    bad.overall("grade", "<script>alert(1)</script>", "cover")
    return [
        audit_facts_result("reports/a.docx", b.facts, AuditOptions()),
        audit_facts_result("reports/b.docx", bad.facts, AuditOptions()),
        FileResult(path="reports/c.docx", error="reports/c.docx: 文件已损坏"),
    ]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.srcs += [v or "" for k, v in attrs if k in ("src", "href") and v and "://" in v]


def test_page_is_self_contained_and_escapes_report_text() -> None:
    page = render_html(_results(), "zh")
    parser = _Collect()
    parser.feed(page)
    assert parser.srcs == []  # no network resources
    assert page.count("<script>") == 1  # only the page's own sorter
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "reports/c.docx: 文件已损坏" in page
    assert "GRADE001" in page and "84.94" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine (Debian package 'chromium')")
def test_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(_results(), "en"), "utf-8")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert 'id="summary"' in dom.stdout
    assert "reports/a.docx" in dom.stdout and "GRADE001" in dom.stdout
    shot = tmp_path / "html-report.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1280,900", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000


def test_cli_html_over_the_fixture_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditor.cli import main

    out = tmp_path / "summary.html"
    result = CliRunner().invoke(
        main, [str(ROOT / "fixtures" / "generated"), "--format", "html", "--output", str(out), "--jobs", "1",
               "--include", "*.md"]
    )
    assert result.exit_code in (0, 1), result.output
    page = out.read_text("utf-8")
    for name in ("project_eval.docx", "department_eval.pdf", "self_assessment.md"):
        assert name in page
    assert len(re.findall(r'<tr( class="\w+")?><td><a href="#r', page)) == len(
        list((ROOT / "fixtures" / "generated").glob("*.*"))
    )


# ------------------------------------------------------------ a real finding, end to end


# `mutant` (one first-level score raised by a point) comes from conftest.py


def test_cli_html_on_a_planted_defect_shows_the_finding(mutant: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditor.cli import main

    out = tmp_path / "report.html"
    run = CliRunner().invoke(main, [str(mutant), "--format", "html", "--output", str(out), "--lang", "en"])
    assert run.exit_code == 1, run.output
    page = out.read_text("utf-8")
    doc = json.loads(CliRunner().invoke(main, [str(mutant), "--format", "json", "--lang", "en"]).stdout)
    findings = doc["files"][0]["findings"]
    assert page.count('<div class="finding">') == len(findings)
    parser = _Collect()
    parser.feed(page)
    assert parser.srcs == []
    # arithmetic as a reviewer writes it: spaced sums, rounding in words, no intervals
    assert "SCORE003" in page and "17.50 + 17.44 + 28.50 + 22.95 = 86.39" in page
    assert "expected: 17.50 + 17.44 + 28.50 + 22.95 = 86.39" in page and "found: 85.39" in page
    assert "(still differs after rounding)" in page and "interval [" not in page
    # the total and the four parts at least, each named by its table's caption and row label
    assert page.count('table &quot;表1 绩效评价得分情况表&quot;, row ') >= 5


def _row_cells(page: str) -> list[int]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [row.count("<td") for row in body.split("</tr>") if row.strip()]


def test_every_summary_row_has_every_column_so_sorting_never_breaks() -> None:
    from auditor.report.summary_rows import COLUMNS

    page = render_html(_results(), "zh")
    assert _row_cells(page) == [len(COLUMNS)] * 3  # the unreadable row too (it had one colspan cell)
    head = page.split("<thead>")[1].split("</thead>")[0]
    for title in ("项目名称", "评价机构", "预算（万元）", "错误", "警告", "疑点", "未核对任何数据"):
        assert f"<th>{title}</th>" in head
    assert "function key(r){ var c = r.cells[col]; return c ? " in page  # a short row cannot throw


def test_nothing_checked_is_not_shown_as_clean() -> None:
    empty = audit_facts_result("reports/empty.docx", FactsBuilder().facts, AuditOptions())
    page = render_html([empty], "zh")
    assert '<tr class="nothing">' in page and "<td>是</td>" in page and "无可核对数据" in page
    assert "没有找到可核对的数据" in page and "未发现问题</p>" not in page


def test_cli_html_groups_the_draft_by_slip_and_marks_each_figure(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditor.cli import main

    draft = ROOT / "fixtures" / "generated" / "draft_project_eval.docx"
    out = tmp_path / "draft.html"
    CliRunner().invoke(main, [str(draft), "--format", "html", "-o", str(out), "--jobs", "1"])
    page = out.read_text("utf-8")
    assert page.count('<div class="finding">') == 11
    assert page.count('<div class="sub">涉及同一处的其他问题：</div>') == 3  # the three slips read by several rules
    assert "疑点：「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列的 21.95" in page
    assert "<mark>85.93</mark>" in page and "<mark>21.95</mark>" in page
    assert "11 个问题（6 处疑点；错误 11，警告 0）" in page
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "<td>便民服务点智能终端运维经费项目</td>" in row and '<td class="num" data-v="42.65">42.65</td>' in row


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine (Debian package 'chromium')")
def test_sorting_works_in_chromium_with_an_unreadable_file(tmp_path: Path) -> None:
    from auditor.report.summary_rows import COLUMNS

    page = render_html(_results(), "zh")
    col = [c.key for c in COLUMNS].index("total_score")
    probe = (
        "<script>window.onerror=function(m){document.body.setAttribute('data-error', m)};"
        "function order(){return Array.from(document.querySelectorAll('#summary tbody tr'))"
        ".map(function(r){return r.cells[0].firstChild.textContent}).join('|')}"
        f"var th=document.querySelectorAll('#summary th')[{col}]; th.click();"
        "document.body.setAttribute('data-up', order()); th.click();"
        "document.body.setAttribute('data-order', order());</script></body>"
    )
    path = tmp_path / "sort.html"
    path.write_text(page.replace("</body>", probe), "utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert 'data-error="' not in dom.stdout
    order = re.search(r'data-order="([^"]*)"', dom.stdout)
    assert order, dom.stdout[-500:]
    up = re.search(r'data-up="([^"]*)"', dom.stdout)
    # one click: ascending by score (72, 84.94); two: descending; the unreadable file (blank) stays last
    assert up and up[1].split("|") == ["reports/b.docx", "reports/a.docx", "reports/c.docx"]
    assert order[1].split("|") == ["reports/a.docx", "reports/b.docx", "reports/c.docx"]


def test_chart_of_findings_by_family_and_a_link_to_each_file() -> None:
    from auditor.engine.api import audit_path

    draft = audit_path(str(ROOT / "fixtures" / "generated" / "draft_project_eval.docx"))
    page = render_html([draft], "zh")
    svg = page.split('<svg class="chart"')[1].split("</svg>")[0]
    # SCORE 5 (003, 004, 005 ×2, 008), MONEY 2, then one each; most frequent first
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', svg)
    assert labels[:2] == ["得分 SCORE", "金额 MONEY"]
    counts = re.findall(r'<text x="\d+" y="\d+">(\d+)</text>', svg)
    assert [int(n) for n in counts] == [5, 2, 1, 1, 1, 1]
    assert f'href="{Path(draft.path).as_posix()}"' in page
