"""Hostile and broken inputs through the real CLI: one clear line naming the file and the
reason, exit 2 (or a normal run when the file is readable), no traceback, bounded memory,
no file written beside the input, the input unchanged. Cases: tests/hostile/make_hostile.py."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.make_hostile import CASES, GENERATED, build

AUDIT = [sys.executable, "-m", "auditor.cli"]
MEMORY_LIMIT_KB = 500 * 1024
HANG_GUARD_S = 60  # a hang guard, not a speed assertion: timings are recorded in docs/robustness.md


def _digest(path: Path) -> str:
    if path.is_symlink() or path.is_dir() or not path.exists():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str], cwd: Path) -> tuple[int, str, str, int]:
    """Run the CLI; return (exit code, stdout, stderr, peak RSS of the child in KB)."""
    proc = subprocess.Popen(
        [*AUDIT, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    try:
        out, err = proc.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"audit {args} did not finish within {HANG_GUARD_S} s")
    # ru_maxrss of RUSAGE_CHILDREN is the largest peak among the children reaped so far;
    # cases run one at a time, so a regression in any case shows up here.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc.returncode, out, err, peak


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = build(case, folder)
    listing = sorted(p.name for p in folder.iterdir())
    before = _digest(path)
    code, out, err, peak_kb = _run([path.name], folder)
    expect = CASES[case][2]
    assert "Traceback" not in out + err
    if expect == "error" or (expect == "any" and code == 2):
        assert code == 2, (out, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert lines[0].startswith(path.name + ": ")
        assert len(lines[0]) > len(path.name) + 4  # a reason follows the name
    else:
        assert code in (0, 1), (out, err)
        assert out.startswith(path.name + ": ")
    assert sorted(p.name for p in folder.iterdir()) == listing  # nothing written beside the input
    assert _digest(path) == before
    assert peak_kb < MEMORY_LIMIT_KB, f"peak RSS {peak_kb} KB"


def test_messages_in_english(tmp_path: Path) -> None:
    path = build("encrypted-pdf", tmp_path)
    code, _, err, _ = _run(["--lang", "en", path.name], tmp_path)
    assert code == 2
    assert err.strip() == f"{path.name}: file is encrypted; remove the password first"


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    bad = [build(c, tmp_path) for c in ("zip-bomb", "truncated-pdf", "empty-file")]
    good = tmp_path / "good.docx"
    good.write_bytes((GENERATED / "project_eval.docx").read_bytes())
    code, out, err, _ = _run([*(p.name for p in bad), good.name, "--jobs", "2"], tmp_path)
    assert code == 2
    assert "good.docx: " in out
    for p in bad:
        assert p.name + ": " in err
    assert "Traceback" not in err


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads anything, so the check is exercised by denying access at the OS call.
    from auditor.errors import InputError
    from auditor.readers import read_document

    path = tmp_path / "locked.docx"
    path.write_bytes((GENERATED / "project_eval.docx").read_bytes())
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert info.value.reason == "permission"
    assert "没有读取权限" in info.value.message("zh")


def test_deeply_nested_tables_get_a_plain_message(tmp_path: Path) -> None:
    # libxml2 stops at depth 256; the user gets a sentence about nesting, not the parser's.
    from auditor.errors import InputError
    from auditor.readers import read_document

    path = build("nested-tables", tmp_path)
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert info.value.reason == "too_deep"
    assert info.value.message("zh") == f"{path}: 文档结构嵌套过深（超过 256 层，如表格层层嵌套），无法读取"
    assert "nested too deeply" in info.value.message("en")
    assert "Excessive depth" not in info.value.message("zh")
