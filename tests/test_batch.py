"""Folders of reports: recursion by extension, parallel workers, broken files reported, the rest go on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

GENERATED = Path(__file__).resolve().parents[1] / "fixtures" / "generated"


def _batch(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    for i in range(3):
        shutil.copy(GENERATED / "project_eval.docx", root / f"p{i}.docx")
        shutil.copy(GENERATED / "department_eval.pdf", root / "sub" / f"d{i}.pdf")
    (root / "broken.docx").write_bytes(b"not a zip at all")
    (root / "sub" / "truncated.pdf").write_bytes((GENERATED / "project_eval.pdf").read_bytes()[:900])
    (root / "notes.pptx").write_bytes(b"ignored: not a report extension")
    (root / "notes.md").write_text("# 说明\n总分 90 分。\n", "utf-8")  # folders read documents, not notes
    return root


def test_folder_batch_with_two_jobs_reports_broken_files_and_finishes(tmp_path: Path) -> None:
    root = _batch(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "auditor.cli", str(root), "--jobs", "2", "--lang", "en", "--statistics"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 2  # some inputs could not be read
    assert "Traceback" not in run.stderr
    err_lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert any("broken.docx" in line and "not a valid .docx" in line for line in err_lines)
    assert any("truncated.pdf" in line for line in err_lines)
    out = run.stdout
    for i in range(3):
        assert f"p{i}.docx:" in out and f"d{i}.pdf:" in out
    assert "notes.pptx" not in out + run.stderr and "notes.md" not in out + run.stderr
    assert "in 8 reports, 2 unreadable" in out


def test_batch_output_is_in_input_order_whatever_the_job_count(tmp_path: Path) -> None:
    root = _batch(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-m", "auditor.cli", str(root), "--jobs", jobs, "--format", "json"],
            capture_output=True, text=True, timeout=300,
        )
        outs.append(run.stdout)
    assert outs[0] == outs[1]
