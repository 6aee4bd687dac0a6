"""The synthetic fixtures: consistent by construction, regenerated identically."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from fixtures.make_fixtures import DEFAULT_OUT, make_all
from fixtures.synth import FORMATS, SPECS, build_spec, places, render
from fixtures.synth.content import build_content
from fixtures.synth.spec import Indicator


def _check_sums(node: Indicator) -> None:
    if node.children:
        assert sum(c.weight for c in node.children) == node.weight, node.name
        for c in node.children:
            _check_sums(c)
    else:
        assert node.score is None or Decimal(0) <= node.score <= node.weight, node.name


@pytest.mark.parametrize("name", sorted(SPECS))
def test_spec_is_consistent(name: str) -> None:
    spec = build_spec(name)
    assert sum(i.weight for i in spec.tree) == 100
    for top in spec.tree:
        _check_sums(top)
    assert spec.total() == sum(i.total_score() for i in spec.tree)
    band = next(b for b in spec.bands if b.grade == spec.grade())
    assert (band.lower is None or spec.total() >= band.lower) and (band.upper is None or spec.total() < band.upper)
    assert spec.budget_wan + spec.addition_wan() == spec.total_wan()
    for q in spec.questions:
        assert sum(n for _, n in q.options) == spec.group_valid(q.group)
    # statuses agree with the targets they label
    for t in spec.targets:
        if t.comparator in ("≥", "=") and t.actual.endswith("%"):
            met = Decimal(t.actual.rstrip("%")) >= Decimal(t.target)
            assert (t.status == "全部完成") == met, t.name


def test_places_are_unique_and_override_one_place_only() -> None:
    spec = build_spec("project_eval")
    keys = [k for k, _, _ in places(spec)]
    assert len(keys) == len(set(keys))
    assert {"cover.total_score", "summary.total_score", "table1.决策.score", "counts.level3"} <= set(keys)
    before = [b for b in build_content(spec).blocks]
    spec.overrides["summary.total_score"] = "99.99"
    after = build_content(spec).blocks
    changed = [i for i, (x, y) in enumerate(zip(before, after, strict=True)) if x != y]
    assert len(changed) == 1
    assert "99.99" in after[changed[0]].text


def _docx_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_committed_fixtures_match_a_fresh_generation(tmp_path: Path) -> None:
    make_all(tmp_path)
    for name in SPECS:
        committed = DEFAULT_OUT / name
        fresh = tmp_path / name
        assert _docx_xml(fresh.with_suffix(".docx")) == _docx_xml(committed.with_suffix(".docx"))
        assert fresh.with_suffix(".md").read_text("utf-8") == committed.with_suffix(".md").read_text("utf-8")
        assert _pdf_text(fresh.with_suffix(".pdf")) == _pdf_text(committed.with_suffix(".pdf"))


def test_pdf_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    spec = build_spec("department_eval")
    a = render(spec, "pdf", tmp_path / "a.pdf").read_bytes()
    b = render(spec, "pdf", tmp_path / "b.pdf").read_bytes()
    assert a == b


def test_every_format_is_written() -> None:
    for name in SPECS:
        for fmt in FORMATS:
            assert (DEFAULT_OUT / f"{name}.{fmt}").stat().st_size > 1000
