"""Fixtures shared by several test files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.findings import Finding
from fixtures.make_fixtures import build_spec, places, render


@pytest.fixture(scope="module")
def mutant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """project_eval with one first-level score raised by a point: 17.50+17.44+28.50+22.95
    no longer adds up to the printed total 85.39 (planted as bench/detection.py does).
    A test file that plants other slips defines its own `mutant`."""
    spec = build_spec("project_eval")
    assert "table1.决策.score" in {key for key, _, _ in places(spec)}
    spec.overrides["table1.决策.score"] = "17.50"
    return render(spec, "docx", tmp_path_factory.mktemp("mutant") / "draft.docx")


@pytest.fixture
def rule_findings(tmp_path: Path) -> Callable[[str, str], list[Finding]]:
    """`rule_findings(markdown, "SELF005")`: audit the text as a .md report and return
    the findings of that rule."""

    def run(text: str, rule_id: str) -> list[Finding]:
        path = tmp_path / "report.md"
        path.write_text(text, encoding="utf-8")
        return [f for f in audit_path(str(path)).findings if f.rule_id == rule_id]

    return run
