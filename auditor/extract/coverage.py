"""Which tables extraction read, and which tables with figures it could not.

A table counts as read when some extracted claim quotes one of its cells. A table that
prints figures (four or more numeric cells) that no claim quotes was not understood:
the run says so, so that "nothing found" in it is never taken for "clean".
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from auditor.facts import Facts, TableCoverage
from auditor.models import Document, Location, Table
from auditor.numbers import parse_number

MIN_FIGURES = 4  # a table with fewer numeric cells is a layout or a list of names


def _locations(obj: object) -> Iterator[Location]:
    if isinstance(obj, Location):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _locations(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from _locations(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _locations(x)


def _figures(table: Table) -> int:
    return sum(1 for c in table.iter_cells() if parse_number(c.text.strip()) is not None)


def record_table_coverage(doc: Document, facts: Facts) -> None:
    """Add a TableCoverage for every table the form reader did not already describe."""
    quoted = {
        loc.table
        for name in type(facts).model_fields
        if name not in ("tables", "notes", "file")
        for loc in _locations(getattr(facts, name))
        if loc.table is not None
    }
    described = {t.table: t for t in facts.tables}
    described.update({i: t for t in facts.tables for i in t.continued_in})
    for table in doc.tables():
        if table.index in described:
            described[table.index].figures += _figures(table)
            continue
        figures = _figures(table)
        facts.tables.append(
            TableCoverage(
                table=table.index,
                family=None,
                read=table.index in quoted,
                figures=figures,
            )
        )


def tables_not_understood(facts: Facts) -> list[int]:
    return [t.table for t in facts.tables if not t.read and t.figures >= MIN_FIGURES]
