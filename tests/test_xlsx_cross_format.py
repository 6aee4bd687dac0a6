"""The same self-assessment form (项目支出绩效自评表) as .docx and as .xlsx gives the same
tables, the same extracted claims (modulo locations) and the same findings."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import audit_path
from auditor.normalize import compact
from auditor.readers import read_document
from fixtures.content import build_content
from fixtures.make_fixtures import DEFAULT_OUT, build_spec, render

DOCX = DEFAULT_OUT / "self_assessment.docx"
XLSX = DEFAULT_OUT / "self_assessment.xlsx"
_PLACE_KEYS = {"location", "file", "table", "block", "key", "claim_key_location"}


def _facts(path: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _without_places(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _without_places(v) for k, v in obj.items() if k not in _PLACE_KEYS}
    if isinstance(obj, list):
        return [_without_places(v) for v in obj]
    return obj


def _locations(obj: object) -> list[dict]:  # type: ignore[type-arg]
    if isinstance(obj, dict):
        found = [obj["location"]] if isinstance(obj.get("location"), dict) else []
        return found + [loc for k, v in obj.items() if k != "location" for loc in _locations(v)]
    if isinstance(obj, list):
        return [loc for v in obj for loc in _locations(v)]
    return []


def test_the_xlsx_form_reads_back_as_generated() -> None:
    want = build_content(build_spec("self_assessment")).tables()
    got = list(read_document(str(XLSX)).tables())
    assert len(got) == len(want) == 1
    grid = [[compact(t) for t in row] for row in got[0].text_grid()]
    assert grid == [[compact(t) for t in row] for row in want[0].text_grid()]
    spans = sorted((c.row, c.col, c.row_span, c.col_span) for c in got[0].iter_cells() if c.row_span * c.col_span > 1)
    want_spans = sorted(
        (r, c, cell.rowspan, cell.colspan)
        for r, row in enumerate(want[0].rows)
        for c, cell in enumerate(row)
        if cell and cell.rowspan * cell.colspan > 1
    )
    assert spans == want_spans
    assert got[0].caption == want[0].caption


def test_the_fixture_holds_numbers_formats_and_cached_formulas() -> None:
    """Not text cells: the figures are numbers printed through their formats, and the
    年度资金总额 row is SUM formulas whose cached results are read."""
    sheet = zipfile.ZipFile(XLSX).read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<f>SUM(") == 3
    table = next(read_document(str(XLSX)).tables())
    total = next(c for c in table.iter_cells() if c.text == "88.74" and c.location.cell == "E7")
    assert f'<c r="{total.location.cell}"' in sheet and "<f>SUM(E8:E10)</f>" in sheet
    assert any(c.text == "98.05%" for c in table.iter_cells())


def test_same_claims_as_the_docx_modulo_locations() -> None:
    docx, xlsx = _facts(DOCX), _facts(XLSX)
    assert _without_places(xlsx) == _without_places(docx)
    claims = sum(len(v) for k, v in docx.items() if isinstance(v, list) and k != "notes")
    assert claims >= 10  # the comparison is not vacuous
    cells = [loc for loc in _locations(xlsx) if loc.get("table") is not None and loc.get("row") is not None]
    assert cells and all(loc["sheet"] == "Sheet1" and loc["cell"] for loc in cells)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The form with three slips planted: the executed total no longer adds up, the
    execution rate is wrong, the total score is wrong."""
    spec = build_spec("self_assessment")
    spec.overrides.update(
        {"form.money.1.executed": "84.42", "form.money.execution_rate": "95.08%", "form.total.score": "97.50"}
    )
    out = tmp_path_factory.mktemp("drafts")
    return render(spec, "docx", out / "draft.docx"), render(spec, "xlsx", out / "draft.xlsx")


def _found(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    result = audit_path(str(path))
    assert result.error is None
    return sorted((f.rule_id, f.claim_key, f.expected, f.found) for f in result.findings)


def test_same_findings_as_the_docx(drafts: tuple[Path, Path]) -> None:
    docx, xlsx = drafts
    found = _found(docx)
    assert len(found) >= 3
    assert _found(xlsx) == found
    place = audit_path(str(xlsx)).findings[0].places[0]
    assert place.location.sheet == "Sheet1" and place.location.cell
