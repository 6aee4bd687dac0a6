"""Issue 11 through the real CLI: no option writes onto an input, nothing fails silently,
every failure to run is one line and exit 2, folders read only documents.

Each case checks the exit status, the one-line message, the absence of a traceback and
that every input file is byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "fixtures" / "generated"
DRAFT = GENERATED / "draft_project_eval.docx"  # 11 findings
CLEAN = GENERATED / "project_eval.docx"


def audit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def digests(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def one_line_error(run: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The run failed to run: exit 2, one stderr line holding every needle, no traceback."""
    assert run.returncode == 2, (run.returncode, run.stdout[-500:], run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(DRAFT, tmp_path / "draft.docx")
    shutil.copy(CLEAN, tmp_path / "clean.docx")
    return tmp_path


# ------------------------------------------------------------------ 1. data loss


@pytest.mark.parametrize(
    "args, named",
    [
        (["draft.docx", "-o", "draft.docx"], "draft.docx"),
        (["draft.docx", "-o", "./draft.docx"], "draft.docx"),
        (["draft.docx", "-o", "link.txt"], "link.txt"),  # a symlink to the input
        (["draft.docx", "-o", "hard.txt"], "hard.txt"),  # a hard link to the input
        (["draft.docx", "--write-baseline", "draft.docx"], "draft.docx"),
        (["draft.docx", "--write-baseline", "hard.txt"], "hard.txt"),
        (["draft.docx", "--annotate", "draft.docx"], "draft.docx"),
        ([".", "-o", "notes.md", "--include", "*.md"], "notes.md"),  # an included text input
    ],
)
def test_no_option_writes_onto_an_input(work: Path, args: list[str], named: str) -> None:
    (work / "notes.md").write_text("# 说明\n", "utf-8")
    (work / "link.txt").symlink_to(work / "draft.docx")
    os.link(work / "draft.docx", work / "hard.txt")
    before = digests(work)
    run = audit(*args, "--lang", "en", cwd=work)
    one_line_error(run, named, "refusing to overwrite an input file")
    assert run.stdout == ""
    assert digests(work) == before


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("name", ["summary.docx", "out.pdf", "out.doc", "out.wps", "out.xlsx", "out.xls", "out.et"])
def test_a_report_is_never_written_as_a_document(work: Path, option: str, name: str) -> None:
    before = digests(work)
    run = audit(".", option, name, "--format", "html", "--lang", "en", cwd=work)
    one_line_error(run, name, "document type this tool reads")
    assert digests(work) == before and not (work / name).exists()


def test_the_annotated_copy_is_a_docx_and_not_also_the_report(work: Path) -> None:
    before = digests(work)
    one_line_error(audit("draft.docx", "--annotate", "a.pdf", cwd=work), "a.pdf", "须保存为 .docx")
    one_line_error(audit("draft.docx", "--annotate", "a.docx", "-o", "a.docx", "--lang", "en", cwd=work),
                   "a.docx", "same file as --annotate")
    assert digests(work) == before
    ok = audit("draft.docx", "--annotate", "a.docx", cwd=work)
    assert ok.returncode == 1 and zipfile.is_zipfile(work / "a.docx")
    assert digests(work) == {**before, "a.docx": digests(work)["a.docx"]}


@pytest.mark.parametrize("option", ["-o", "--write-baseline", "--annotate"])
def test_output_into_a_missing_folder_or_onto_a_folder(work: Path, option: str) -> None:
    (work / "out").mkdir()
    before = digests(work)
    suffix = ".docx" if option == "--annotate" else ".json"
    one_line_error(audit("draft.docx", option, f"missing/r{suffix}", "--lang", "en", cwd=work),
                   f"missing/r{suffix}", "folder does not exist")
    if option == "--annotate":  # a folder takes one copy per report, but never among the inputs
        one_line_error(audit("draft.docx", option, ".", "--lang", "en", cwd=work), "holds input reports")
        (work / "note.txt").write_text("x\n", "utf-8")
        one_line_error(audit(".", option, "note.txt", "--lang", "en", cwd=work), "needs a folder")
        (work / "note.txt").unlink()
    else:
        one_line_error(audit("draft.docx", option, "out", "--lang", "en", cwd=work), "out", "is a folder")
    assert digests(work) == before


def test_a_full_disk_is_one_line_and_exit_2(work: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    before = digests(work)
    one_line_error(audit("draft.docx", "-o", "/dev/full", "--lang", "en", cwd=work), "/dev/full", "No space left")
    assert digests(work) == before


def test_a_failed_write_keeps_the_previous_report_whole(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import auditor.outputs

    (work / "report.txt").write_text("yesterday's report\n", "utf-8")
    before = digests(work)

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(work)
    monkeypatch.setattr(auditor.outputs.os, "replace", disk_full)
    run = CliRunner().invoke(main, ["draft.docx", "-o", "report.txt", "--lang", "en"])
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert "report.txt" in run.stderr and "nothing was replaced" in run.stderr
    assert digests(work) == before  # the old report as it was, no temporary file left


def test_an_interrupted_write_keeps_the_previous_report_and_exits_130(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.outputs

    (work / "report.txt").write_text("yesterday's report\n", "utf-8")
    before = digests(work)
    real_fsync = auditor.outputs.os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        raise KeyboardInterrupt

    monkeypatch.chdir(work)
    monkeypatch.setattr(auditor.outputs.os, "fsync", interrupted)
    run = CliRunner().invoke(main, ["draft.docx", "-o", "report.txt", "--lang", "en"])
    assert run.exit_code == 130 and "interrupted" in run.stderr
    assert digests(work) == before


def test_a_report_goes_to_its_file_by_rename(work: Path) -> None:
    (work / "report.json").write_text("old\n", "utf-8")
    old_inode = (work / "report.json").stat().st_ino
    before = {k: v for k, v in digests(work).items() if k != "report.json"}
    run = audit("draft.docx", "--format", "json", "-o", "report.json", "--lang", "en", cwd=work)
    assert run.returncode == 1 and run.stdout == ""
    assert "wrote report.json: 1 files, 11 findings, 0 unreadable, 0 with nothing checkable" in run.stderr
    assert json.loads((work / "report.json").read_text("utf-8"))["totals"]["findings"] == 11
    assert (work / "report.json").stat().st_ino != old_inode  # replaced, not rewritten in place
    assert not [p for p in work.iterdir() if p.name.endswith(".part")]
    assert {k: v for k, v in digests(work).items() if k != "report.json"} == before


# ------------------------------------------------------------------ 2. silent failures


@pytest.mark.parametrize(
    "args, needles",
    [
        (["--select", "SCOER"], ["--select", "'SCOER'", "closest: SCORE"]),
        (["--select", "SCORE,RATE0001"], ["--select", "'RATE0001'", "closest: RATE001"]),
        (["--ignore", "SELF0001"], ["--ignore", "'SELF0001'", "closest: SELF001"]),
    ],
)
def test_unknown_rule_ids_on_the_command_line(work: Path, args: list[str], needles: list[str]) -> None:
    before = digests(work)
    one_line_error(audit("draft.docx", *args, "--lang", "en", cwd=work), *needles)
    assert digests(work) == before


@pytest.mark.parametrize(
    "config, needles",
    [
        ('select = ["SCOER"]\n', ["select", "'SCOER'", "closest: SCORE"]),
        ('ignore = ["DAET"]\n', ["ignore", "'DAET'", "closest: DATE"]),
        ('[per-file-ignores]\n"*.docx" = ["MONY"]\n', ["per-file-ignores", "'MONY'", "closest: MONEY"]),
        ("[params.SELF01]\nthreshold = 5\n", ["params", "'SELF01'", "closest: SELF001"]),
        ("[params.SELF001]\ntolerance = nan\n", ["tolerance", "finite"]),
    ],
)
def test_unknown_rule_ids_and_bad_values_in_the_config(work: Path, config: str, needles: list[str]) -> None:
    (work / ".auditor.toml").write_text(config, "utf-8")
    before = digests(work)
    one_line_error(audit("draft.docx", "--lang", "en", cwd=work), ".auditor.toml", *needles)
    assert digests(work) == before


def test_known_prefixes_and_names_still_select(work: Path) -> None:
    run = audit("draft.docx", "--select", "score,money001", "--ignore", "total-score-agrees", "--lang", "en", cwd=work)
    assert run.returncode == 1 and "SCORE003" in run.stdout and "SCORE004" not in run.stdout


@pytest.mark.parametrize(
    "name, text, needles",
    [
        ("pyproject.toml", "[tool.auditor\nselect = [\n", ["pyproject.toml", "TOML syntax error"]),
        ("pyproject.toml", '[tool]\nauditor = "SCORE"\n', ["pyproject.toml", "must be a table"]),
        (".auditor.toml", "select = [\n", [".auditor.toml", "TOML syntax error"]),
    ],
)
def test_a_broken_config_file_is_one_line(work: Path, name: str, text: str, needles: list[str]) -> None:
    (work / name).write_text(text, "utf-8")
    before = digests(work)
    one_line_error(audit("draft.docx", "--lang", "en", cwd=work), *needles)
    assert digests(work) == before


def test_a_missing_config_file_is_one_line(work: Path) -> None:
    line = one_line_error(audit("draft.docx", "--config", "nope.toml", cwd=work), "nope.toml", "文件不存在")
    assert "Errno" not in line


# ------------------------------------------------------------------ 3. baselines


def _with_total(src: Path, dst: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(item, data)


def test_baseline_round_trip_says_what_it_did(work: Path) -> None:
    (work / "a").mkdir()
    shutil.copy(DRAFT, work / "a" / "报告.docx")
    before = digests(work)
    wrote = audit("a", "--write-baseline", "base.json", "--lang", "en", cwd=work)
    assert wrote.returncode == 0 and wrote.stdout == ""
    assert wrote.stderr.strip() == "wrote 11 entries to the baseline base.json"
    data = json.loads((work / "base.json").read_text("utf-8"))
    assert {e["file"] for e in data["entries"]} == {"a/报告.docx"}
    assert all(e["figures"] for e in data["entries"])
    zh = audit("a", "--write-baseline", "base2.json", cwd=work)
    assert zh.returncode == 0 and zh.stderr.strip() == "已写入基线 base2.json：11 条"
    again = audit("a", "--baseline", "base.json", "--lang", "en", cwd=work)
    assert again.returncode == 0
    assert "the baseline base.json hid 11 accepted findings" in again.stderr
    # from another working folder the same baseline still applies (paths are relative to it)
    (work / "elsewhere").mkdir()
    moved = audit("../a", "--baseline", "../base.json", cwd=work / "elsewhere")
    assert moved.returncode == 0
    new_files = {k for k in digests(work) if k not in before}
    assert new_files == {"base.json", "base2.json"}
    assert {k: v for k, v in digests(work).items() if k in before} == before


def test_a_report_of_the_same_name_in_another_folder_is_not_covered(work: Path) -> None:
    for d in ("a", "b"):
        (work / d).mkdir()
        shutil.copy(DRAFT, work / d / "报告.docx")
    assert audit("a", "--write-baseline", "base.json", cwd=work).returncode == 0
    run = audit("a", "b", "--baseline", "base.json", "--lang", "en", cwd=work)
    assert run.returncode == 1
    assert "b/报告.docx: 11 findings" in run.stdout and "hid 11" in run.stderr


def test_a_changed_figure_is_a_new_finding(work: Path) -> None:
    assert audit("draft.docx", "--write-baseline", "base.json", cwd=work).returncode == 0
    _with_total(DRAFT, work / "draft.docx", "得分85.93分", "得分79.10分")  # the slip gets worse
    before = digests(work)
    run = audit("draft.docx", "--baseline", "base.json", "--lang", "en", cwd=work)
    assert run.returncode == 1 and "SCORE004" in run.stdout and "79.10" in run.stdout
    assert digests(work) == before


@pytest.mark.parametrize(
    "content, needle",
    [
        ('{"bad": 1}\n', "not a baseline file"),
        ("[1, 2]\n", "not a baseline file"),
        ("not json", "not a baseline file"),
        ('{"version": 1, "entries": []}\n', "rewrite it with --write-baseline"),
    ],
)
def test_a_file_that_is_not_a_baseline_is_refused(work: Path, content: str, needle: str) -> None:
    (work / "base.json").write_text(content, "utf-8")
    before = digests(work)
    one_line_error(audit("draft.docx", "--baseline", "base.json", "--lang", "en", cwd=work), "base.json", needle)
    assert digests(work) == before


# ------------------------------------------------------------------ 4. unreadable and nothing checked


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
@pytest.mark.parametrize("to_file", [False, True])
def test_every_format_names_unreadable_files_on_stderr(work: Path, fmt: str, to_file: bool) -> None:
    (work / "broken.docx").write_bytes(b"not a zip")
    before = digests(work)
    out = ["-o", f"report.{fmt}"] if to_file else []
    run = audit(".", "--format", fmt, *out, "--lang", "en", cwd=work)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert any(line.startswith("broken.docx: not a valid .docx") for line in run.stderr.splitlines())
    assert {k: v for k, v in digests(work).items() if k in before} == before


def test_a_run_that_checked_nothing_says_so_in_every_format(work: Path) -> None:
    (work / "notes.md").write_text("# 说明\n\n这里只是说明，没有数字。\n", "utf-8")
    text = audit("notes.md", "--lang", "en", cwd=work)
    assert text.returncode == 0 and "nothing to check" in text.stdout and "no findings" not in text.stdout
    js = json.loads(audit("notes.md", "--format", "json", cwd=work).stdout)
    assert js["files"][0]["status"] == "nothing_checkable" and js["totals"]["nothing_checked"] == 1
    sarif = json.loads(audit("notes.md", "--format", "sarif", "--lang", "en", cwd=work).stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"] and "nothing checkable" in notes[0]["message"]["text"]
    html = audit("notes.md", "--format", "html", cwd=work).stdout
    assert "没有找到可核对的数据" in html and "未发现问题" not in html
    both = json.loads(audit("notes.md", "clean.docx", "--format", "json", cwd=work).stdout)
    assert [f["status"] for f in both["files"]] == ["nothing_checkable", "checked"]


def test_ci_can_fail_on_a_run_that_checked_nothing(work: Path) -> None:
    (work / "notes.md").write_text("# 说明\n", "utf-8")
    run = audit("notes.md", "clean.docx", "--fail-on-nothing-checked", "--lang", "en", cwd=work)
    assert run.returncode == 1 and "1 files with nothing checkable" in run.stderr
    assert audit("clean.docx", "--fail-on-nothing-checked", cwd=work).returncode == 0
    (work / ".auditor.toml").write_text("fail-on-nothing-checked = true\n", "utf-8")
    assert audit("notes.md", cwd=work).returncode == 1


def test_an_empty_folder_is_not_a_clean_run(work: Path) -> None:
    (work / "empty").mkdir()
    one_line_error(audit("empty", "--lang", "en", cwd=work), "empty", "no report files in this folder")


# ------------------------------------------------------------------ 5. encodings


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_a_gbk_stream_never_fails(work: Path, fmt: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "auditor.cli", "draft.docx", "--format", fmt],
        cwd=work, capture_output=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "gbk"},
    )
    assert run.returncode == 1, run.stderr.decode("gbk", "replace")
    out = run.stdout.decode("gbk")  # valid GBK throughout
    assert b"Traceback" not in run.stderr
    if fmt == "text":
        assert "5-1 = 4" in out  # U+2212 has no GBK code: a plain minus stands in


# ------------------------------------------------------------------ 6. exit codes


def test_findings_decide_exit_1_only_at_or_above_fail_on(work: Path) -> None:
    assert audit("draft.docx", cwd=work).returncode == 1
    assert audit("draft.docx", "--fail-on", "never", cwd=work).returncode == 0
    assert audit("clean.docx", cwd=work).returncode == 0


def test_ctrl_c_exits_130_with_one_line(work: Path) -> None:
    batch = work / "batch"
    batch.mkdir()
    for i in range(40):
        shutil.copy(GENERATED / "project_eval.pdf", batch / f"p{i:02}.pdf")
    before = digests(work)
    for jobs in ("1", "2"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor", "batch", "--jobs", jobs, "--lang", "en", "-o", "r.txt"],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        time.sleep(3)  # let the run start: this only sets when the interrupt comes, nothing is timed
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        if proc.returncode in (0, 1):
            pytest.skip("the batch finished before the interrupt")
        assert proc.returncode == 130, err
        assert err.strip().splitlines() == ["interrupted"]
        assert not (work / "r.txt").exists()
    assert digests(work) == before


def test_an_internal_error_is_one_line_and_exit_2(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.engine.commands

    def boom(*_: object) -> None:
        raise RuntimeError("bug in a renderer\nsecond line")

    monkeypatch.chdir(work)
    monkeypatch.setattr(auditor.engine.commands, "render_statistics", boom)
    run = CliRunner().invoke(main, ["draft.docx", "--statistics", "--lang", "en"])
    assert run.exit_code == 2
    assert run.stderr.strip().splitlines()[-1] == (
        "internal error: RuntimeError: bug in a renderer (set AUDITOR_TRACEBACK=1 for details)"
    )


# ------------------------------------------------------------------ 7. folders


def _tree(root: Path) -> None:
    for rel in (
        "r/a.docx", "r/sub/b.docx", "r/~$a.docx", "r/._a.docx", "r/__MACOSX/r/a.docx", "r/.git/x/old.docx",
        "r/.hidden/c.docx", "r/.venv/lib/d.docx", "r/venv/e.docx", "r/env2/f.docx", "r/node_modules/g.docx",
        "r/build/h.docx", "r/old/i.docx", "r/sub/keep.docx",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CLEAN, root / rel)
    (root / "r/env2/pyvenv.cfg").write_text("home = /usr\n", "utf-8")
    (root / "r/README.md").write_text("# 说明\n总分 90 分，等级为优。\n", "utf-8")
    (root / "r/notes.txt").write_text("说明\n", "utf-8")
    (root / "r/.gitignore").write_text("build/\n*.tmp.docx\n", "utf-8")
    (root / "r/sub/.gitignore").write_text("*.docx\n!keep.docx\n", "utf-8")
    (root / "r/legacy.doc").write_bytes(b"plain text, not a Word file")
    (root / "r/sheet.xlsx").write_bytes(b"plain text, not a workbook")


def _read(run: subprocess.CompletedProcess[str]) -> set[str]:
    """Files the run named: readable ones on stdout, unreadable ones on stderr."""
    names = set()
    for line in (run.stdout + run.stderr).splitlines():
        if ": " in line and not line.startswith(("total", " ")):
            names.add(line.split(": ")[0])
    return names


def test_folders_read_documents_and_skip_locks_forks_hidden_and_venvs(tmp_path: Path) -> None:
    _tree(tmp_path)
    before = digests(tmp_path)
    run = audit("r", "--lang", "en", cwd=tmp_path)
    assert "Traceback" not in run.stderr
    assert _read(run) == {"r/a.docx", "r/sub/keep.docx", "r/old/i.docx", "r/legacy.doc", "r/sheet.xlsx"}
    assert run.returncode == 2  # the fake .doc and .xlsx are unreadable, each named on one line
    wide = audit("r", "--include", "*.md", "--no-respect-gitignore", "--extend-exclude", "old", cwd=tmp_path)
    assert _read(wide) == {
        "r/a.docx", "r/sub/b.docx", "r/sub/keep.docx", "r/build/h.docx", "r/README.md", "r/legacy.doc",
        "r/sheet.xlsx",
    }
    # --exclude replaces the defaults (hidden folders are then walked); lock files and forks stay out
    own = audit("r", "--exclude", "sub", "--exclude", "old", "--exclude", "*.doc", "--exclude", "*.xlsx",
                "--no-respect-gitignore", cwd=tmp_path)
    assert "r/.hidden/c.docx" in _read(own) and "r/~$a.docx" not in _read(own) and "r/._a.docx" not in _read(own)
    assert "r/env2/f.docx" not in _read(own)  # a virtualenv is never a folder of reports
    named = audit("r/README.md", "r/notes.txt", cwd=tmp_path)  # named on the command line: read
    assert _read(named) == {"r/README.md", "r/notes.txt"}
    assert digests(tmp_path) == before


def test_a_fifo_a_folder_and_a_vanished_file_are_unreadable_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.engine.commands as commands

    r = tmp_path / "r"
    r.mkdir()
    shutil.copy(CLEAN, r / "a.docx")
    shutil.copy(CLEAN, r / "gone.docx")
    os.mkfifo(r / "pipe.pdf")
    (r / "dir.docx").mkdir()
    real = commands.expand_paths

    def then_vanish(*args: object, **kw: object):  # type: ignore[no-untyped-def]
        found = real(*args, **kw)  # type: ignore[arg-type]
        (r / "gone.docx").unlink()
        return found

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(commands, "expand_paths", then_vanish)
    run = CliRunner().invoke(main, ["r", "--jobs", "1", "--lang", "en"])
    assert run.exit_code == 2 and "Traceback" not in run.output
    err = run.stderr.splitlines()
    assert "r/dir.docx: is a folder, not a file" in err
    assert "r/gone.docx: file not found" in err
    assert "r/pipe.pdf: not a regular file" in err
    assert "r/a.docx: no findings" in run.stdout


# ------------------------------------------------------------------ 8. names


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    evil = "evil\x1b]0;pwned\x07\nline2.docx"
    (tmp_path / evil).write_bytes(b"not a zip")
    shutil.copy(CLEAN, tmp_path / ("ok\x1b[2J.docx"))
    before = digests(tmp_path)
    run = audit(".", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2
    assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stderr
    err = [line for line in run.stderr.splitlines() if line]
    assert err == ["evil\\x1b]0;pwned\\x07\\nline2.docx: not a valid .docx (not a zip archive; the file may be corrupt)"]
    assert "ok\\x1b[2J.docx: no findings" in run.stdout
    concise = audit(".", "--format", "concise", "--lang", "en", cwd=tmp_path)
    assert "\x1b" not in concise.stdout and "ok\\x1b[2J.docx: no findings" in concise.stdout
    out = audit(".", "-o", "r\x1bx.txt", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert "wrote r\\x1bx.txt" in out.stderr and "\x1b" not in out.stderr
    assert {k: v for k, v in digests(tmp_path).items() if k in before} == before


def test_a_name_that_is_not_utf8_is_escaped_everywhere(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("Windows names are always Unicode")
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xff.docx")
    shutil.copy(DRAFT, raw)
    before = digests(tmp_path)
    for fmt in ("text", "json", "sarif", "html"):
        run = audit(".", "--format", fmt, "-o", f"r.{fmt}", "--lang", "en", cwd=tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "bad\\udcff.docx: 11 findings" in (tmp_path / "r.text").read_text("utf-8")
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["files"][0]["path"] == "bad\udcff.docx"
    assert audit(".", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    assert audit(".", "--baseline", "b.json", cwd=tmp_path).returncode == 0
    assert {k: v for k, v in digests(tmp_path).items() if k in before} == before


def test_gitignore_files_above_the_folder_count_up_to_the_repository_top(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("**/drafts/\n", "utf-8")
    for rel in ("reports/a.docx", "reports/drafts/b.docx"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CLEAN, tmp_path / rel)
    before = digests(tmp_path)
    assert _read(audit("reports", cwd=tmp_path)) == {"reports/a.docx"}
    assert _read(audit("reports", "--no-respect-gitignore", cwd=tmp_path)) == {"reports/a.docx", "reports/drafts/b.docx"}
    assert digests(tmp_path) == before


def test_a_ctrl_c_dropped_by_a_finalizer_still_stops_the_run(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KeyboardInterrupt raised inside a __del__ is dropped by Python; the run must stop anyway."""
    import auditor.engine.commands as commands

    class Finalizer:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs here, inside __del__

    real = commands.audit_path

    def audit_path(path: str, options: object) -> object:
        Finalizer()  # dropped at once: its __del__ swallows the interrupt
        return real(path, options)  # type: ignore[arg-type]

    monkeypatch.chdir(work)
    monkeypatch.setattr(commands, "audit_path", audit_path)
    run = CliRunner().invoke(main, [".", "--jobs", "1", "-o", "r.txt", "--lang", "en"])
    assert run.exit_code == 130 and run.stderr.strip() == "interrupted"
    assert not (work / "r.txt").exists()


def test_messages_that_need_no_renderer_are_words_not_keys(work: Path) -> None:
    rules = audit("rules", "SCOER004", cwd=work)
    one_line_error(rules, "未知规则：SCOER004", "最接近的是 SCORE004")
    (work / "broken.docx").write_bytes(b"not a zip")
    unreadable = audit("broken.docx", "--annotate", "a.docx", cwd=work)
    assert unreadable.returncode == 2
    assert unreadable.stderr.splitlines()[-1] == "--annotate 只能用于单个可读的 .docx 文件"


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--baseline", "base.json", "-o", "base.json"], "same file as --baseline"),
        (["--config", "cfg.toml", "--write-baseline", "cfg.toml"], "same file as --config"),
        (["--format", "json", "-o", "r.json", "--write-baseline", "r.json"], "same file as --output"),
    ],
)
def test_files_the_run_reads_are_not_outputs(work: Path, args: list[str], needle: str) -> None:
    assert audit("draft.docx", "--write-baseline", "base.json", cwd=work).returncode == 0
    (work / "cfg.toml").write_text('fail-on = "error"\n', "utf-8")
    before = digests(work)
    one_line_error(audit("draft.docx", *args, "--lang", "en", cwd=work), needle)
    assert digests(work) == before
    refresh = audit("draft.docx", "--baseline", "base.json", "--write-baseline", "base.json", cwd=work)
    assert refresh.returncode == 0  # rewriting the baseline read is what --write-baseline is for


def test_the_workbook_format_may_be_a_xlsx_but_never_an_input(work: Path) -> None:
    before = digests(work)
    ok = audit("draft.docx", "--format", "xlsx", "-o", "summary.xlsx", "--lang", "en", cwd=work)
    assert ok.returncode == 1 and zipfile.is_zipfile(work / "summary.xlsx")
    assert "wrote summary.xlsx" in ok.stderr
    shutil.copy(work / "summary.xlsx", work / "in.xlsx")
    before = digests(work)
    one_line_error(audit("in.xlsx", "--format", "xlsx", "-o", "in.xlsx", "--lang", "en", cwd=work),
                   "in.xlsx", "refusing to overwrite an input file")
    one_line_error(audit("draft.docx", "--format", "xlsx", "--lang", "en", cwd=work), "needs -o")
    assert digests(work) == before


def test_annotated_copies_of_a_folder_go_through_a_rename(work: Path) -> None:
    (work / "in").mkdir()
    for name in ("draft.docx", "clean.docx"):
        shutil.move(work / name, work / "in" / name)
    before = digests(work)
    run = audit("in", "--annotate", "annotated", "--lang", "en", cwd=work)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    out = work / "annotated"
    assert sorted(p.name for p in out.iterdir()) == ["clean.docx", "draft.docx"]  # no temporary file left
    assert {k: v for k, v in digests(work).items() if k in before} == before


@pytest.mark.parametrize(("lang", "line"), [(["--lang", "en"], "interrupted"), ([], "已中断")])
def test_ctrl_c_while_importing_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: list[str], line: str
) -> None:
    """An interrupt that lands while the command still imports its libraries (before the
    CLI's own handler exists) ends the same way: one line, exit 130, no traceback."""
    import builtins

    from auditor import entry

    real_import = builtins.__import__

    def slow_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "auditor.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", slow_import)
    monkeypatch.setattr(sys, "argv", ["audit", "draft.docx", *lang])
    with pytest.raises(SystemExit) as exit_:
        entry.run()
    assert exit_.value.code == 130
    assert capsys.readouterr().err.splitlines() == [line]
