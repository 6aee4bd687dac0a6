"""The narrative fixture generator (fixtures/narrative.py): a clean report gives no
finding, and each planted contradiction is caught by its rule family, quoting what was
planted. Two seeds, Markdown only (the benchmark runs forty seeds in two formats)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from fixtures.narrative import PLANTS, build, make_spec
from fixtures.render_md import render_md

RULES = {
    "problems": {"TEXT004", "TEXT011"},
    "results": {"TEXT005", "TEXT006"},
    "statements": {"TEXT001"},
    "deadline": {"DATE008"},
    "standards": {"TEXT007", "TEXT008", "TEXT009", "TEXT010"},
    "reasons": {"TEXT002"},
    "assertions": {"TEXT012"},
    "execution": {"TEXT013"},
    "set_up": {"DATE009"},
    "publicity": {"DATE010"},
}


@pytest.mark.parametrize("seed", [5, 6])
def test_clean_report_gives_no_finding(tmp_path: Path, seed: int) -> None:
    path = render_md(build(make_spec(seed)), tmp_path / "clean.md")
    assert audit_path(str(path)).findings == []


@pytest.mark.parametrize("plant", PLANTS)
def test_planted_contradiction_is_caught(tmp_path: Path, plant: str) -> None:
    spec = make_spec(7, plant)
    path = render_md(build(spec), tmp_path / f"{plant}.md")
    found = audit_path(str(path)).findings
    ids = {f.rule_id for f in found}
    assert ids and ids <= RULES[plant]  # caught, and by its own family only
    planted = spec.notes.get("planted", "")
    assert any(planted in f.message_zh + " ".join(p.quote for p in f.places) for f in found)


def test_every_standard_defect_comes_round() -> None:
    # consecutive seeds plant the four kinds of standard defect in turn
    assert {make_spec(s, "standards").variant for s in range(1, 5)} == {0, 1, 2, 3}
