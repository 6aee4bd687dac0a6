"""Result lists (评价结果清单, 绩效评价结果公示): one evaluated project, unit or policy a
row, with its funds, score and grade, read through the table layer. The tables stay
open to the other extractors (a list may carry totals they read)."""

from __future__ import annotations

from collections import Counter

from auditor.extract.text import cell_quote
from auditor.facts import Breakdown, Facts, Quote, ResultList, ResultRow
from auditor.models import Document
from auditor.tables import reading_of
from auditor.tables.lexicon import label_key, lexicon

# how far above its list (in blocks: a title paragraph, a note) a notice's sentence counting
# the evaluated items per grade may stand and still be about that list
_NOTICE_REACH = 4


def extract_result_lists(doc: Document, facts: Facts) -> None:
    _read_rows(doc, facts)
    _summarise(doc, facts)


def _summarise(doc: Document, facts: Facts) -> None:
    """One summary per list. The per-grade sentence is linked only when the document has
    one graded list and the sentence stands just above it: a notice may count other
    projects elsewhere, and a guess would be a false alarm."""
    tables = sorted({r.table for r in facts.result_rows})
    graded = [t for t in tables if any(r.grade is not None for r in facts.result_rows if r.table == t)]
    blocks = {t.index: t.location.block for t in doc.tables(nested=False)}
    per_grade = [b for b in facts.breakdowns if b.label.endswith("（按评价等级）")]
    for t in tables:
        rows = [r for r in facts.result_rows if r.table == t]
        ungraded = any(r.grade is None for r in rows)
        grades = None if ungraded else dict(Counter(lexicon().grade_key(r.grade or "") for r in rows))
        stated = _notice_above(per_grade, blocks.get(t)) if graded == [t] else None
        facts.result_lists.append(
            ResultList(table=t, rows=len(rows), grades=grades, stated=stated, source=rows[0].sources.get("grade") or rows[0].source)
        )


def _notice_above(candidates: list[Breakdown], block: int | None) -> Breakdown | None:
    near = [
        b for b in candidates
        if block is not None and b.source.location.block is not None and 0 < block - b.source.location.block <= _NOTICE_REACH
    ]
    return near[0] if len(near) == 1 else None


def _read_rows(doc: Document, facts: Facts) -> None:
    for table in doc.tables(nested=False):
        reading = reading_of(table)
        for band in reading.bands:
            roles = set(band.roles)
            if "grade" not in roles or not roles & {"project", "department"} or not roles & {"score", "amount"}:
                continue
            for row in band.rows:
                if row.kind != "data":
                    continue
                name_v = row.values.get("project") or row.values.get("department")
                if name_v is None or name_v.kind != "text":
                    continue
                sources: dict[str, Quote] = {}
                for role in ("amount", "score", "grade"):
                    if role in row.values:
                        sources[role] = cell_quote(row.values[role].cell)
                grade = row.values.get("grade")
                dept = row.values.get("department")
                facts.result_rows.append(
                    ResultRow(
                        table=table.index,
                        name=name_v.text,
                        department=dept.text if dept is not None and dept is not name_v else None,
                        amount=row.num("amount"),
                        score=row.num("score"),
                        grade=label_key(grade.text) if grade is not None and grade.kind == "text" else None,
                        source=cell_quote(name_v.cell),
                        sources=sources,
                    )
                )
