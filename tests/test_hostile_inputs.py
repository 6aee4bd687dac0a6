"""Hostile and broken inputs through the real CLI: one clear line naming the file and the
reason, exit 2 (or a normal run when the file is readable), no traceback, bounded memory,
no file written beside the input, the input unchanged. Cases: tests/hostile/make_hostile.py."""

from __future__ import annotations

import hashlib
import os
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


# A small wrapper forks the CLI and reports the child's own peak on its last stderr line.
# Linux counts the pages of the process a child was forked or spawned from in the child's
# peak, and this test process grows large over a full run; the wrapper is small.
_PEAK_WRAPPER = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execv(sys.argv[1], sys.argv[1:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "sys.stderr.write('\\nPEAK_KB=%d\\n' % usage.ru_maxrss)\n"
    "code = os.waitstatus_to_exitcode(status)\n"
    "os._exit(code if code >= 0 else 128 - code)\n"
)


def _run(args: list[str], cwd: Path) -> tuple[int, str, str, int]:
    """Run the CLI; return (exit code, stdout, stderr, peak RSS of the CLI in KB)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _PEAK_WRAPPER, *AUDIT, *args], cwd=cwd, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    try:
        out, err = proc.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"audit {args} did not finish within {HANG_GUARD_S} s")
    err, _, peak = err.rpartition("\nPEAK_KB=")
    return proc.returncode, out, err, int(peak.strip() or 0)


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


# --- limits, batches, side files (issue 11) -----------------------------------------------


def _one_line(err: str, name: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(name + ": "), err
    return lines[0]


def test_over_a_limit_names_the_limit_in_english(tmp_path: Path) -> None:
    path = build("md-10000-columns", tmp_path)
    code, out, err, _ = _run(["--lang", "en", path.name], tmp_path)
    assert code == 2 and "Traceback" not in out + err
    line = _one_line(err, path.name)
    assert line == (
        f"{path.name}: over a processing limit: cells in one table row 10,000 (limit 2,000, see docs/robustness.md)"
    )


def test_a_large_legitimate_document_never_breaks_a_rule_pack(tmp_path: Path) -> None:
    # 6,000 statements of one rate: the rules either finish (limits scale with the document)
    # or stop alone with a line naming the file; never a "broken rule pack".
    path = build("text-6000-percentages", tmp_path)
    code, out, err, _ = _run([path.name], tmp_path)
    assert code in (0, 1), err
    assert "Traceback" not in out + err and "规则包错误" not in err
    assert out.startswith(path.name + ": ")
    for line in err.splitlines():
        assert line.startswith(path.name + ": "), err


def test_the_time_budget_stops_a_file_with_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from auditor import limits
    from auditor.engine.api import AuditOptions, audit_path

    path = tmp_path / "slow.docx"
    path.write_bytes((GENERATED / "project_eval.docx").read_bytes())
    monkeypatch.setattr(limits, "FILE_SECONDS", -1.0)  # already late: stops at the first check
    result = audit_path(str(path), AuditOptions.make(lang="en"))
    assert result.error is not None and result.error.startswith(f"{path}: over a processing limit: processing time")
    assert result.findings == []


SITE = '''
import os
_PARENT = os.getpid()
import auditor.engine.api as _api
_real = _api.audit_path
def audit_path(path, options=None):
    # a worker process that meets a file named crash* dies, as if killed for memory
    if os.getpid() != _PARENT and os.path.basename(path).startswith("crash"):
        os._exit(137)
    return _real(path, options)
_api.audit_path = audit_path
'''


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, "utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["a.docx", "crash.docx", "b.docx", "c.docx"]
    for name in names:
        (folder / name).write_bytes((GENERATED / "project_eval.docx").read_bytes())
    before = {n: _digest(folder / n) for n in names}
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{Path(__file__).resolve().parents[1]}"}
    proc = subprocess.run(
        [*AUDIT, *names, "--jobs", "2"], cwd=folder, capture_output=True, text=True, env=env, timeout=HANG_GUARD_S
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr and "BrokenProcessPool" not in proc.stderr
    line = _one_line(proc.stderr, "crash.docx")
    assert "进程意外终止" in line
    for name in ("a.docx", "b.docx", "c.docx"):
        assert f"{name}: 未发现问题" in proc.stdout
    assert {n: _digest(folder / n) for n in names} == before


def _side(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        os.symlink("/dev/zero", path)
    else:  # 1 GB, sparse: costs no disk
        with open(path, "wb") as fh:
            fh.truncate(1 << 30)


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
@pytest.mark.parametrize(("option", "name"), [("--config", "c.toml"), ("--rules", "p.yaml"), ("--baseline", "b.json")])
def test_side_files_are_read_only_when_regular_and_small(tmp_path: Path, option: str, name: str, kind: str) -> None:
    report = tmp_path / "r.md"
    report.write_text("项目绩效评价得分84.94分。\n", "utf-8")
    _side(kind, tmp_path / name)
    code, out, err, peak_kb = _run(["r.md", option, name], tmp_path)
    assert code == 2 and "Traceback" not in out + err
    line = _one_line(err, name)
    reason = ("not a regular file", "不是普通文件") if kind != "huge" else ("file too large", "文件过大")
    assert any(r in line for r in reason), line
    assert peak_kb < MEMORY_LIMIT_KB


@pytest.mark.parametrize(
    "text",
    [
        'rules:\n  - !!python/object/apply:os.system ["echo hi"]\n',
        "rules: " + "[" * 2000 + "]" * 2000 + "\n",
        "rules:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(1200)),
    ],
    ids=["python-tag", "deep-flow", "deep-block"],
)
def test_a_hostile_rule_pack_gets_one_line(tmp_path: Path, text: str) -> None:
    (tmp_path / "r.md").write_text("项目绩效评价得分84.94分。\n", "utf-8")
    (tmp_path / "evil.yaml").write_text(text, "utf-8")
    code, out, err, _ = _run(["r.md", "--rules", "evil.yaml"], tmp_path)
    assert code == 2 and "Traceback" not in out + err
    assert "YAML error" in _one_line(err, "evil.yaml")


def test_annotate_refuses_non_integer_comment_ids_in_one_line(tmp_path: Path) -> None:
    path = build("bad-comment-ids", tmp_path)
    before = _digest(path)
    code, out, err, _ = _run([path.name, "--annotate", "out.docx"], tmp_path)
    assert code == 2 and "Traceback" not in out + err
    assert "批注的编号不是数字" in _one_line(err, path.name)
    assert not (tmp_path / "out.docx").exists()
    assert _digest(path) == before


def test_annotate_reads_declared_spans_as_the_reader_does() -> None:
    from lxml import etree

    from auditor.models import Location
    from auditor.report.annotate import _cell_paragraph
    from tests.hostile.make_hostile import W_NS, _tc

    def row(before: str, *spans: str) -> str:
        props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>'
        cells = "".join(_tc(f"c{i}", f'<w:gridSpan w:val="{s}"/>') for i, s in enumerate(spans))
        return f"<w:tr>{props}{cells}</w:tr>"

    rows = [row("x", "abc", "-7", "2"), row("-3", "1.5", "1"), row("99999999999", "1"), row("0", "100000000", "1")]
    tbl = etree.fromstring(f'<w:tbl xmlns:w="{W_NS}">{"".join(rows)}</w:tbl>')

    def text_at(r: int, c: int) -> str | None:
        p = _cell_paragraph([tbl], Location(file="f", table=0, row=r, col=c))
        return None if p is None else "".join(p.itertext())

    # garbage offsets are 0, garbage and negative spans 1, a huge offset is clamped
    assert [text_at(0, c) for c in range(4)] == ["c0", "c1", "c2", "c2"]
    assert [text_at(1, c) for c in range(2)] == ["c0", "c1"]
    assert text_at(2, 0) is None and text_at(2, 100) == "c0"
    assert text_at(3, 99) == "c0" and text_at(3, 100) == "c1"  # a span without a grid ends at 100


@pytest.mark.parametrize(
    ("name", "limit", "value", "what"),
    [
        ("project_eval.docx", "MAX_DOCX_XML_BYTES", 1000, "document XML size (inflated)"),
        ("project_eval.docx", "MAX_CELLS", 10, "table cells"),
        ("project_eval.pdf", "MAX_CHARS", 1000, "characters of text"),
        ("project_eval.pdf", "MAX_PAGE_GLYPHS", 50, "characters on one page (page 1)"),
        ("project_eval.md", "MAX_BLOCKS", 5, "paragraphs and tables"),
    ],
)
def test_every_reader_stops_at_the_limits(
    monkeypatch: pytest.MonkeyPatch, name: str, limit: str, value: int, what: str
) -> None:
    # the limits hold in every reader; each is checked before the work it bounds
    from auditor import limits
    from auditor.errors import InputError
    from auditor.readers import read_document

    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(InputError) as info:
        read_document(str(GENERATED / name))
    assert info.value.reason == "over_limit"
    assert info.value.message("en").startswith(f"{GENERATED / name}: over a processing limit: {what} ")
