"""--format html: one self-contained page; checked in a real headless browser when one exists."""

from __future__ import annotations

import json
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
    shutil.copy(shot, ROOT / "docs" / "html-report.png")  # kept from the test run, as documentation


def test_cli_html_over_the_fixture_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditor.cli import main

    out = tmp_path / "summary.html"
    result = CliRunner().invoke(
        main, [str(ROOT / "fixtures" / "generated"), "--format", "html", "--output", str(out), "--jobs", "1"]
    )
    assert result.exit_code in (0, 1), result.output
    page = out.read_text("utf-8")
    for name in ("project_eval.docx", "department_eval.pdf", "self_assessment.md"):
        assert name in page
    assert page.count('<tr><td><a href="#r') == len(list((ROOT / "fixtures" / "generated").glob("*.*")))


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
    assert "SCORE003" in page and "17.50+17.44+28.50+22.95 = 86.39" in page
    assert "expected: 17.50+17.44+28.50+22.95 = 86.39" in page and "found: 85.39" in page
    assert page.count('<div class="place">@ table ') >= 5  # the total and the four parts, at least
