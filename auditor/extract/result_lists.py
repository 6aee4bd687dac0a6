"""Result lists (评价结果清单, 绩效评价结果公示): one evaluated project, unit or policy a
row, with its funds, score and grade, read through the table layer. The tables stay
open to the other extractors (a list may carry totals they read)."""

from __future__ import annotations

from auditor.extract.text import cell_quote
from auditor.facts import Facts, Quote, ResultRow
from auditor.models import Document
from auditor.tables import reading_of
from auditor.tables.lexicon import label_key


def extract_result_lists(doc: Document, facts: Facts) -> None:
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
