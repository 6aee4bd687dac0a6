"""Forms whose points are stated elsewhere than in the row (fixtures/form_points.py): the
湖北 form with no per-row weights, and a row whose name alone gives its direction. Each
slip must be found, each clean form must read its rows' weights (or direction) and stay
silent, and a form that lost points must leave the weights unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.extract import extract_facts
from auditor.readers import read_document
from fixtures.form_points import render

FORMATS = ("docx", "txt")


def _rows(path: Path) -> dict:
    return {r.name: r for r in extract_facts(read_document(str(path))).form_rows}


def _findings(path: Path) -> list[str]:
    return [f"{f.rule_id} {f.message}" for f in audit_path(str(path)).findings]


@pytest.mark.parametrize("fmt", FORMATS)
def test_hubei_rows_at_full_points_take_their_score_as_weight(tmp_path: Path, fmt: str) -> None:
    path = render("hubei_full", fmt, tmp_path)
    rows = _rows(path)
    assert len(rows) == 4
    for r in rows.values():
        assert r.weight is not None and r.weight.value == r.score.value == 20  # type: ignore[union-attr]
        assert "weight" in r.inferred
        assert r.sources["weight"] == r.sources["score"]
    assert _findings(path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_hubei_missed_target_with_full_points_is_found(tmp_path: Path, fmt: str) -> None:
    findings = _findings(render("hubei_full_slip", fmt, tmp_path))
    assert [f for f in findings if f.startswith("FORM002")] and all("补贴申请受理份数" in f for f in findings), findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_hubei_form_that_lost_points_keeps_weights_unknown(tmp_path: Path, fmt: str) -> None:
    path = render("hubei_lost", fmt, tmp_path)
    rows = _rows(path)
    assert len(rows) == 4 and all(r.weight is None for r in rows.values())
    assert _findings(path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_improvement_named_row_is_met_from_above(tmp_path: Path, fmt: str) -> None:
    path = render("dept_capacity", fmt, tmp_path)
    row = _rows(path)["服务保障能力提升"]
    assert (row.comparator, row.comparator_from) == ("≥", "direction_word")
    assert _findings(path) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_improvement_short_of_target_with_full_points_is_found(tmp_path: Path, fmt: str) -> None:
    findings = _findings(render("dept_capacity_slip", fmt, tmp_path))
    assert len(findings) == 1 and findings[0].startswith("FORM002") and "服务保障能力提升" in findings[0], findings
