"""The same synthetic report read from .docx, .pdf and .md yields the same tables."""

from __future__ import annotations

import pytest

from auditor.models import Document
from auditor.normalize import compact
from auditor.readers import read_document
from fixtures.make_fixtures import DEFAULT_OUT
from fixtures.synth import SPECS


def _tables(doc: Document) -> list[list[list[str]]]:
    # Cell texts compared without whitespace: a PDF wraps long cells onto several lines.
    return [[[compact(text) for text in row] for row in t.text_grid()] for t in doc.tables()]


@pytest.mark.parametrize("name", sorted(SPECS))
@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_tables_equal_across_formats(name: str, fmt: str) -> None:
    reference = _tables(read_document(str(DEFAULT_OUT / f"{name}.docx")))
    other = _tables(read_document(str(DEFAULT_OUT / f"{name}.{fmt}")))
    assert len(other) == len(reference)
    for i, (a, b) in enumerate(zip(reference, other, strict=True)):
        assert b == a, f"table {i + 1} differs"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_merged_cells_are_explicit_in_every_format(name: str) -> None:
    for fmt in ("docx", "pdf", "md"):
        doc = read_document(str(DEFAULT_OUT / f"{name}.{fmt}"))
        annex = next(t for t in doc.tables() if t.caption and "评分表" in t.caption)
        first = annex.rows[1][0]
        assert first.row_span > 1, fmt  # the first-level cell spans its third-level rows
        assert annex.rows[2][0].col != 0 or annex.rows[2][0].text != first.text, fmt
