"""Extraction: Document -> Facts. What the report claims, never a judgement of it.

Each extractor module owns one kind of claim and never raises on odd text: what it
cannot read it leaves out and records in `notes` (shown with --verbose).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from auditor.facts import Facts
from auditor.models import Document
from auditor.notes import note

# (module, function): each function takes (doc, facts) and appends to facts in place.
# Order matters only where a later extractor reads what an earlier one found.
EXTRACTORS: list[tuple[str, str]] = [
    ("auditor.extract.scores", "extract_scores"),
    ("auditor.extract.overall", "extract_overall"),
    ("auditor.extract.money", "extract_money"),
    ("auditor.extract.rates", "extract_rates"),
    ("auditor.extract.counts", "extract_counts"),
    ("auditor.extract.targets", "extract_targets"),
    ("auditor.extract.surveys", "extract_surveys"),
    ("auditor.extract.dates", "extract_dates"),
    ("auditor.extract.problems", "extract_problems"),
]


def _load(module: str, func: str) -> Callable[[Document, Facts], None] | None:
    try:
        return getattr(import_module(module), func)
    except (ImportError, AttributeError):
        return None


def extract_facts(doc: Document) -> Facts:
    facts = Facts(file=doc.path)
    for module, func in EXTRACTORS:
        fn = _load(module, func)
        if fn is None:
            continue
        try:
            fn(doc, facts)
        except Exception as exc:  # noqa: BLE001 - one extractor's bug must not lose the others' facts
            facts.notes.append(note("extractor_failed", part=f"{module}.{func}", reason=f"{type(exc).__name__}: {exc}"))
    return facts
