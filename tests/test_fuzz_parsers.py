"""Property tests: any string in, no exception out; numbers round-trip; normalisation idempotent."""

from __future__ import annotations

import os
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import extract_facts
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.numbers import find_numbers, parse_number

# Text drawn from what reports contain: CJK, full-width forms, digits, separators, spaces.
REPORT_CHARS = st.sampled_from(
    list("0123456789.,%-+ 　\n\t０１２３４５６７８９．，％＋－（）()：:；。≥≤<>=万元分得率合计决策年月日")
    + ["\u00a0", "\u200b", "$", "\\geq", "良", "优", "扣", "满分"]
)
REPORTISH = st.lists(REPORT_CHARS, max_size=80).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), REPORTISH)
# CI keeps the run short; bench/fuzz_long.py raises the budget through the environment.
EXAMPLES = int(os.environ.get("AUDITOR_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None)


@FUZZ
@given(ANY_TEXT)
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any("０" <= ch <= "９" for ch in once)


@FUZZ
@given(ANY_TEXT)
def test_number_parsers_never_raise_and_spans_point_at_the_text(text: str) -> None:
    parse_number(text)
    for num, start, end in find_numbers(text):
        assert text[start:end] == num.text


@FUZZ
@given(
    st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False, places=4),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
)
def test_printed_numbers_reparse_to_themselves(value: Decimal, decimals: int, percent: bool) -> None:
    printed = format(value, f".{decimals}f") + ("%" if percent else "")
    parsed = parse_number(printed)
    assert parsed is not None
    assert parsed.value == Decimal(printed.rstrip("%"))
    assert parsed.decimals == decimals
    assert parsed.percent is percent


def _doc(paragraphs: list[str], cells: list[list[str]]) -> Document:
    blocks: list = [
        Paragraph(text=normalize_text(t), location=Location(file="f", block=i, paragraph=i))
        for i, t in enumerate(paragraphs)
    ]
    if cells:
        n_cols = max(len(r) for r in cells) or 1
        rows = [
            [Cell(text=normalize_text(t), row=r, col=c, location=Location(file="f", table=0, row=r, col=c))
             for c, t in enumerate(row)]
            for r, row in enumerate(cells)
        ]
        blocks.append(Table(index=0, rows=rows, n_cols=n_cols, location=Location(file="f", block=len(blocks), table=0)))
    return Document(path="f", format="txt", blocks=blocks)


@FUZZ
@given(st.lists(REPORTISH, max_size=6), st.lists(st.lists(REPORTISH, min_size=1, max_size=5), max_size=6))
def test_extraction_never_raises(paragraphs: list[str], cells: list[list[str]]) -> None:
    facts = extract_facts(_doc(paragraphs, cells))
    # an extractor that raised is recorded as a note by extract_facts; none may raise
    assert not [n for n in facts.notes if " failed: " in n]
