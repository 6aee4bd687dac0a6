"""Row tests for the readers that walk a table's grid of texts row by row (the money
tables, their sums): the header test and the label of a row. The form reader
(`reading.py`) has its own, role-based header test; a scoring table's header names its
weight and score columns (`score_tables`)."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.normalize import compact
from auditor.tables.cells import amount_in_cell
from auditor.tables.lexicon import lexicon

MAX_HEADER_CELL = 20  # a header cell names a column; a longer text is a description


def is_label_row(texts: Sequence[str], max_len: int = MAX_HEADER_CELL) -> bool:
    """A header-like row: no figure, and two or more distinct short labels (nil marks
    left aside), so a one-cell note or a row of prose is not a header."""
    if any(amount_in_cell(t) is not None for t in texts):
        return False
    lex = lexicon()
    labels = {c for c in (compact(t) for t in texts) if c and not lex.is_nil(c)}
    return len(labels) >= 2 and max(len(t) for t in labels) <= max_len


def is_filled(text: str) -> bool:
    """A cell that says something: neither blank nor a nil mark."""
    c = compact(text)
    return bool(c) and not lexicon().is_nil(c)
