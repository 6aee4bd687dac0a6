"""The same synthetic report read from .docx, .pdf and .md yields the same tables.

Each committed fixture is read back with the project's readers and compared with the
tables the generator built (cell texts after removing whitespace, since a PDF wraps long
cells; merged cells as explicit spans), so the three formats also agree with each other.
Every printed figure must be findable in every format.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from auditor.models import Document, Table
from auditor.normalize import compact
from auditor.readers import read_document
from fixtures.blocks import Table as SpecTable
from fixtures.content import build_content
from fixtures.make_fixtures import DEFAULT_OUT, FORMATS, SPECS, build_spec

NAMES = sorted(SPECS)


@cache
def _read(name: str, fmt: str) -> Document:
    return read_document(str(DEFAULT_OUT / f"{name}.{fmt}"))


@cache
def _expected(name: str) -> list[SpecTable]:
    return build_content(build_spec(name)).tables()


def _grid(table: Table | SpecTable) -> list[list[str]]:
    return [[compact(text) for text in row] for row in table.text_grid()]


def _spans(table: Table) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.row_span, c.col_span) for c in table.iter_cells())


def _spec_spans(table: SpecTable) -> list[tuple[int, int, int, int]]:
    return sorted(
        (r, c, cell.rowspan, cell.colspan)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if cell
    )


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_read_back_as_generated(name: str, fmt: str) -> None:
    expected, got = _expected(name), list(_read(name, fmt).tables())
    assert len(got) == len(expected)
    for i, (want, table) in enumerate(zip(expected, got, strict=True)):
        assert _grid(table) == _grid(want), f"table {i + 1} ({want.caption}) differs"
        assert _spans(table) == _spec_spans(want), f"table {i + 1} ({want.caption}): merged cells differ"
        if want.caption:
            assert compact(table.caption or "") == compact(want.caption), f"table {i + 1} caption"


@pytest.mark.parametrize("name", NAMES)
def test_tables_equal_across_formats(name: str) -> None:
    grids = {fmt: [_grid(t) for t in _read(name, fmt).tables()] for fmt in FORMATS}
    assert grids["pdf"] == grids["docx"]
    assert grids["md"] == grids["docx"]


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_annex_levels_are_real_merged_cells(name: str, fmt: str) -> None:
    annex = next(t for t in _read(name, fmt).tables() if t.caption and "评分表" in t.caption)
    first = annex.rows[1][0]
    spec = build_spec(name)
    assert first.row_span == len(spec.tree[0].leaves())  # 一级 spans all its third-level rows
    second = annex.rows[1][1]
    assert second.row_span == len(spec.tree[0].children[0].children)  # 二级 spans its children
    assert re.search(r"[（(]\d+分[)）]$", compact(first.text))  # the weight in the header: 决策（20分）


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
def test_pdf_joins_tables_continued_on_the_next_page(name: str) -> None:
    doc = _read(name, "pdf")
    continued = [t for t in doc.tables() if t.continued_from_pages]
    assert continued, "the long annex tables run over a page break"
    for t in continued:
        assert len(t.continued_from_pages) >= 2
        header = _grid(t)[0]
        assert sum(1 for row in _grid(t) if row == header) == 1  # the repeated header row was dropped


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_printed_figure_is_read_in_every_format(name: str, fmt: str) -> None:
    doc = _read(name, fmt)
    texts = [compact(p.text) for p in doc.paragraphs()]
    texts += [compact(c.text) for t in doc.tables() for c in t.iter_cells()]
    blob = "\n".join(texts)
    # `problems` stands for the whole section, its default is not printed as one piece
    places = [p for p in build_spec(name).places() if p.default and p.key != "problems"]
    missing = [p.key for p in places if compact(p.default) not in blob]
    assert missing == []
