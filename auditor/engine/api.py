"""One call from a path to a FileResult: read the document, extract facts, run the rules.

The CLI and batch runners call `audit_path`; tests and other tools may call
`audit_facts` (runner) directly with hand-made Facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from auditor import limits
from auditor.engine.pack import Rule, load_packs
from auditor.engine.runner import EngineConfig, run_rules
from auditor.engine.views import Views
from auditor.engine.vocabulary import fmt
from auditor.errors import InputError
from auditor.facts import Facts
from auditor.findings import FileResult
from auditor.i18n import t
from auditor.names import show_name


@dataclass(frozen=True)
class AuditOptions:
    """What `audit` was asked to do. `rules_dirs` are extra packs (--rules DIR);
    `select`/`ignore` take ids, id prefixes or names; `params` overrides rule parameters
    ({'SELF001': {'threshold': 5}})."""

    rules_dirs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    lang: Literal["zh", "en"] = "zh"
    builtin_rules: bool = True
    severity: tuple[tuple[str, str], ...] = ()  # rule id -> severity, from the config

    @staticmethod
    def make(
        rules_dirs: tuple[str, ...] | list[str] = (),
        select: tuple[str, ...] | list[str] = (),
        ignore: tuple[str, ...] | list[str] = (),
        params: dict[str, dict[str, Any]] | None = None,
        lang: Literal["zh", "en"] = "zh",
        builtin_rules: bool = True,
        severity: dict[str, str] | None = None,
    ) -> AuditOptions:
        frozen = tuple(sorted((rid, tuple(sorted(p.items()))) for rid, p in (params or {}).items()))
        levels = tuple(sorted((rid.upper(), level) for rid, level in (severity or {}).items()))
        return AuditOptions(tuple(rules_dirs), _split(select), _split(ignore), frozen, lang, builtin_rules, levels)

    def config(self) -> EngineConfig:
        return EngineConfig(
            select=list(self.select),
            ignore=list(self.ignore),
            params={rid: dict(p) for rid, p in self.params},
            severity=dict(self.severity),
            lang=self.lang,
        )


def _split(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """'SCORE,RATE001' and repeated options both work."""
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


@lru_cache(maxsize=8)
def _rules(rules_dirs: tuple[str, ...], builtin: bool) -> tuple[Rule, ...]:
    return tuple(load_packs([Path(d) for d in rules_dirs], builtin=builtin))


def load_rules(options: AuditOptions) -> list[Rule]:
    """The rules for a run (cached: a batch loads and vets the packs once).
    Raises RulePackError for a broken pack."""
    return list(_rules(options.rules_dirs, options.builtin_rules))


def audit_facts_result(path: str, facts: Facts, options: AuditOptions) -> FileResult:
    from auditor.extract.coverage import tables_not_understood

    result = run_rules(facts, load_rules(options), options.config())
    coverage = result.coverage.model_copy(update={"tables_not_understood": len(tables_not_understood(facts))})
    summary = report_summary(facts)
    summary["tables_not_understood"] = coverage.tables_not_understood
    return FileResult(path=path, findings=result.findings, coverage=coverage, stopped=result.stopped, summary=summary)


def audit_path(path: str, options: AuditOptions | None = None) -> FileResult:
    """Read, extract and check one file. An unreadable file gives a FileResult with
    `error` set (exit 2); a broken rule pack raises RulePackError (the run cannot go on)."""
    from auditor.extract import extract_facts
    from auditor.readers import read_document

    options = options or AuditOptions()
    load_rules(options)  # a broken pack is reported before any file is read
    limits.start_clock()  # reading + extraction share limits.FILE_SECONDS
    try:
        doc = read_document(path)
        facts = extract_facts(doc)
    except InputError as exc:
        return FileResult(path=path, error=exc.message(options.lang))
    except limits.Exceeded as exc:
        return FileResult(path=path, error=exc.error(path).message(options.lang))
    except Exception as exc:  # noqa: BLE001 - one bad file must not end a batch; no traceback
        return FileResult(
            path=path, error=show_name(f"{path}: {t('input.internal', options.lang, detail=type(exc).__name__)}")
        )
    finally:
        limits.stop_clock()
    result = audit_facts_result(path, facts, options)
    from auditor.report.headline import headline

    result.summary.update(headline(doc, facts))  # project, unit, firm, year, money for bureau summaries
    return result


def report_summary(facts: Facts) -> dict[str, object]:
    """Headline values for batch summaries: total score, grade, self score and grade."""
    r = Views(facts).report
    return {
        "total_score": fmt(r.total) if r.total else None,
        "grade": r.grade,
        "self_score": fmt(r.self_score) if r.self_score else None,
        "self_grade": r.self_grade,
    }
