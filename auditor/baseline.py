"""Baselines: accepted findings, so CI fails only on new ones.

An entry names the file by its path relative to the baseline file (so `a/报告.docx` and
`b/报告.docx` differ, and the baseline works from any working folder), the rule, the
claim key and the figures involved — never message text or position, which change
between drafts. A changed figure (an accepted 85.93 that became 79.10) is a new finding.
Rewriting a baseline keeps only findings that still occur, so fixed entries drop out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from auditor import limits, safe_read
from auditor.errors import PathProblem
from auditor.findings import FileResult, Finding

BASELINE_KIND = "auditor-baseline"
BASELINE_VERSION = 2
MAX_BASELINE_BYTES = 64 * 1024 * 1024  # ~300,000 entries; a baseline is never near this

Key = tuple[str, str, str, tuple[str, ...]]


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    rule_id: str
    claim_key: str
    figures: list[str]

    def key(self) -> Key:
        return (self.file, self.rule_id, self.claim_key, tuple(self.figures))


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["auditor-baseline"]
    version: Literal[2]
    entries: list[BaselineEntry]

    def keys(self) -> set[Key]:
        return {e.key() for e in self.entries}


class BaselineError(PathProblem):
    PREFIX = {"zh": "基线文件无法使用", "en": "cannot use the baseline"}


def baseline_file_name(result_path: str, baseline_path: str) -> str:
    """The report's path relative to the baseline's folder, '/'-separated."""
    folder = os.path.dirname(os.path.abspath(baseline_path))
    target = os.path.abspath(result_path)
    try:
        rel = os.path.relpath(target, folder)
    except ValueError:  # another drive (Windows)
        rel = target
    return Path(rel).as_posix()


def finding_figures(f: Finding) -> list[str]:
    """The figures the finding is about, as printed; the found value when no place names one."""
    figures = sorted({p.figure for p in f.places if p.figure})
    if not figures and f.found:
        figures = [f.found]
    return figures


def _entry(name: str, f: Finding) -> BaselineEntry:
    return BaselineEntry(file=name, rule_id=f.rule_id, claim_key=f.claim_key, figures=finding_figures(f))


_NOT_BASELINE = {"zh": "不是基线文件（应由 --write-baseline 写出）", "en": "not a baseline file (write one with --write-baseline)"}
_OLD_FORMAT = {
    "zh": "旧版基线（第 1 版，只按文件名记录）不再使用，请用 --write-baseline 重新生成",
    "en": "baseline format 1 (keyed by file name only) is no longer read: rewrite it with --write-baseline",
}


def read_baseline(path: str) -> Baseline:
    p = Path(path)
    if not p.exists():
        raise BaselineError(path, {"zh": "文件不存在", "en": "file not found"})
    if not p.is_file():  # a FIFO would hang the run, /dev/zero fill the memory
        raise BaselineError(path, {"zh": "不是普通文件", "en": "not a regular file"})
    if p.stat().st_size > MAX_BASELINE_BYTES:
        raise BaselineError(path, {"zh": "文件过大", "en": "file too large"})
    try:
        text = safe_read.read_text(p, limits.MAX_BASELINE_BYTES)  # a FIFO, /dev/zero or 1 GB refused unread
    except OSError as exc:
        raise BaselineError(path, exc.strerror or str(exc) or type(exc).__name__) from None
    except UnicodeDecodeError:
        raise BaselineError(path, _NOT_BASELINE) from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BaselineError(path, _NOT_BASELINE) from None
    if not isinstance(data, dict) or data.get("kind") != BASELINE_KIND:
        old = isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("entries"), list)
        raise BaselineError(path, _OLD_FORMAT if old else _NOT_BASELINE)
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        raise BaselineError(path, {"zh": f"基线内容有误：{field}", "en": f"malformed baseline: {field}"}) from None


def make_baseline(results: list[FileResult], baseline_path: str) -> Baseline:
    entries = {
        e.key(): e
        for r in results
        for e in (_entry(baseline_file_name(r.path, baseline_path), f) for f in r.findings)
    }
    ordered = [entries[k] for k in sorted(entries)]
    return Baseline(kind=BASELINE_KIND, version=BASELINE_VERSION, entries=ordered)


def baseline_text(results: list[FileResult], baseline_path: str) -> tuple[str, int]:
    """The baseline file's content and its number of entries."""
    baseline = make_baseline(results, baseline_path)
    return json.dumps(baseline.model_dump(), ensure_ascii=False, indent=2) + "\n", len(baseline.entries)


def apply_baseline(results: list[FileResult], baseline: Baseline, baseline_path: str) -> int:
    """Drop accepted findings in place; return how many were hidden."""
    known = baseline.keys()
    hidden = 0
    for r in results:
        name = baseline_file_name(r.path, baseline_path)
        kept = [f for f in r.findings if _entry(name, f).key() not in known]
        hidden += len(r.findings) - len(kept)
        r.findings = kept
    return hidden
