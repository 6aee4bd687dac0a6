"""Extraction: Document -> Facts. What the report claims, never a judgement of it.

Each extractor module owns one kind of claim and never raises on odd text: what it
cannot read it leaves out and records in `notes` (shown with --verbose).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from auditor import limits
from auditor.facts import Facts
from auditor.models import Document, Paragraph
from auditor.notes import note

Extractor = Callable[[Document, Facts], None]


@cache
def extractors() -> tuple[Extractor, ...]:
    """Each takes (doc, facts) and appends to facts in place. Order matters only where a
    later extractor reads what an earlier one found (sections and rates read the score
    trees and the money). Imported on first use: the engine imports helpers from this
    package, and `audit --version` or `audit rules` should not pay for every extractor."""
    from auditor.extract.assertions import extract_assertions
    from auditor.extract.breakdowns import extract_breakdowns
    from auditor.extract.column_formulas import extract_column_formulas
    from auditor.extract.counts import extract_counts
    from auditor.extract.dates import extract_dates
    from auditor.extract.money import extract_money
    from auditor.extract.no_problems import extract_no_problems
    from auditor.extract.overall import extract_overall
    from auditor.extract.problems import extract_problems
    from auditor.extract.prose_results import extract_prose_results
    from auditor.extract.rates import extract_rates
    from auditor.extract.result_lists import extract_result_lists
    from auditor.extract.scores import extract_scores
    from auditor.extract.standards import extract_standards
    from auditor.extract.stated_results import extract_stated_results
    from auditor.extract.statements import extract_statements
    from auditor.extract.surveys import extract_surveys
    from auditor.extract.targets import extract_targets

    return (
        extract_scores,
        extract_overall,
        extract_money,
        extract_rates,
        extract_counts,
        extract_targets,
        extract_surveys,
        extract_dates,
        extract_problems,
        extract_breakdowns,
        extract_result_lists,
        extract_column_formulas,
        extract_prose_results,
        extract_statements,
        extract_stated_results,
        extract_standards,
        extract_assertions,
        extract_no_problems,
    )


def extract_facts(doc: Document) -> Facts:
    """Forms are read first, through the table layer; their tables are then left out of
    what the other extractors see, so that each table is read once, by one reader."""
    from auditor.extract.forms import extract_forms, read_forms

    facts = Facts(file=doc.path)
    original = doc
    try:
        forms = read_forms(doc)
        extract_forms(doc, facts, forms)
    except Exception as exc:  # noqa: BLE001 - as below: keep the other extractors' facts
        forms = {}
        facts.notes.append(note("extractor_failed", part="auditor.extract.forms", reason=f"{type(exc).__name__}: {exc}"))
    if forms:
        # an empty paragraph in the form's place keeps every block index (extractors look
        # at the paragraphs just above a table by index)
        doc = doc.model_copy(
            update={
                "blocks": [
                    Paragraph(text="", location=b.location) if b.kind == "table" and b.index in forms else b
                    for b in doc.blocks
                ]
            }
        )
    for fn in extractors():
        limits.check_clock()  # the file's time budget: raises limits.Exceeded, not caught here
        try:
            fn(doc, facts)
        except limits.Exceeded:
            raise
        except Exception as exc:  # noqa: BLE001 - one extractor's bug must not lose the others' facts
            name = f"{fn.__module__}.{fn.__name__}"
            facts.notes.append(note("extractor_failed", part=name, reason=f"{type(exc).__name__}: {exc}"))
    from auditor.extract.coverage import record_table_coverage

    record_table_coverage(original, facts)
    return facts
