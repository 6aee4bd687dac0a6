"""Baselines: accepted findings, so CI fails only on new ones.

Entries are keyed by (file name, rule id, claim key) through the finding's fingerprint —
never by message text or position, which change between drafts. Rewriting a baseline
keeps only findings that still occur, so fixed entries drop out.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from auditor.errors import PathProblem
from auditor.findings import FileResult

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    file: str
    rule_id: str
    claim_key: str
    fingerprint: str


class Baseline(BaseModel):
    version: int = BASELINE_VERSION
    entries: list[BaselineEntry] = Field(default_factory=list)

    def fingerprints(self) -> set[str]:
        return {e.fingerprint for e in self.entries}


class BaselineError(PathProblem):
    PREFIX = {"zh": "基线文件无法读取", "en": "cannot read baseline"}


def read_baseline(path: str) -> Baseline:
    try:
        return Baseline.model_validate_json(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(path, "not found") from None
    except (OSError, UnicodeDecodeError, ValidationError, ValueError) as exc:
        raise BaselineError(path, type(exc).__name__) from None


def make_baseline(results: list[FileResult]) -> Baseline:
    entries = sorted(
        (
            BaselineEntry(file=Path(r.path).name, rule_id=f.rule_id, claim_key=f.claim_key, fingerprint=f.fingerprint)
            for r in results
            for f in r.findings
        ),
        key=lambda e: (e.file, e.rule_id, e.claim_key),
    )
    return Baseline(entries=entries)


def write_baseline(results: list[FileResult], path: str) -> int:
    baseline = make_baseline(results)
    Path(path).write_text(json.dumps(baseline.model_dump(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return len(baseline.entries)


def apply_baseline(results: list[FileResult], baseline: Baseline) -> int:
    """Drop accepted findings in place; return how many were suppressed."""
    known = baseline.fingerprints()
    dropped = 0
    for r in results:
        kept = [f for f in r.findings if f.fingerprint not in known]
        dropped += len(r.findings) - len(kept)
        r.findings = kept
    return dropped
