"""One call from a path to a FileResult: read the document, extract facts, run the rules.

The CLI and batch runners call `audit_path`; tests and other tools may call
`audit_facts` (runner) directly with hand-made Facts.
"""

from __future__ import annotations

import json
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
from auditor.profiles import DEFAULT_PROFILE, RunLayer, check_profile, load_profile, merge_params, run_layer
from auditor.tables.lexicon import extension_key, merge_extensions, use_lexicon


@dataclass(frozen=True)
class AuditOptions:
    """What `audit` was asked to do. `rules_dirs` are extra packs (--rules DIR);
    `select`/`ignore` take ids, id prefixes or names; `params` overrides rule parameters
    ({'SELF001': {'threshold': 5}}: the configuration's and the command line's, merged
    over the profile's in `config()`); `profile` is a shipped profile name or a profile
    file (auditor.profiles); `lexicon` the configuration's lexicon additions
    (auditor.tables.lexicon.extension_key), added to the profile's for the run."""

    rules_dirs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    lang: Literal["zh", "en"] = "zh"
    builtin_rules: bool = True
    severity: tuple[tuple[str, str], ...] = ()  # rule id -> severity, from the config
    profile: str = DEFAULT_PROFILE
    lexicon: str = ""
    pages: bool = False  # .docx page numbers from a LibreOffice layout (--pages; seconds per file)

    @staticmethod
    def make(
        rules_dirs: tuple[str, ...] | list[str] = (),
        select: tuple[str, ...] | list[str] = (),
        ignore: tuple[str, ...] | list[str] = (),
        params: dict[str, dict[str, Any]] | None = None,
        lang: Literal["zh", "en"] = "zh",
        builtin_rules: bool = True,
        severity: dict[str, str] | None = None,
        profile: str = DEFAULT_PROFILE,
        lexicon: dict[str, Any] | None = None,
        pages: bool = False,
    ) -> AuditOptions:
        frozen = tuple(sorted((rid, tuple(sorted(p.items()))) for rid, p in (params or {}).items()))
        levels = tuple(sorted((rid.upper(), level) for rid, level in (severity or {}).items()))
        return AuditOptions(
            tuple(rules_dirs), _split(select), _split(ignore), frozen, lang, builtin_rules, levels, profile,
            extension_key(lexicon), pages=pages,
        )

    def config(self) -> EngineConfig:
        layer = profile_layer(self)
        explicit = set(self.select)
        return EngineConfig(
            select=list(self.select),
            ignore=[*self.ignore, *(rid for rid in layer.ignore if rid not in explicit)],
            params=merge_params(layer.params, {rid: dict(p) for rid, p in self.params}),
            severity=dict(self.severity),
            lang=self.lang,
        )

    def lexicon_extension(self) -> str:
        """The run's lexicon additions: the profile's, then the configuration's."""
        extra = profile_layer(self).lexicon
        if not extra:
            return self.lexicon
        return extension_key(merge_extensions(extra, json.loads(self.lexicon) if self.lexicon else {}))


def profile_layer(options: AuditOptions) -> RunLayer:
    """What the options' profile does to the run (cached per profile and rule set)."""
    return _profile_layer(options.profile, options.rules_dirs, options.builtin_rules)


@lru_cache(maxsize=8)
def _profile_layer(profile: str, rules_dirs: tuple[str, ...], builtin: bool) -> RunLayer:
    rules = _rules(rules_dirs, builtin)
    loaded = load_profile(profile)
    check_profile(loaded, rules, partial=not builtin)
    return run_layer(loaded, rules)


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

    with use_lexicon(options.lexicon_extension()):
        result = run_rules(facts, load_rules(options), options.config())
    coverage = result.coverage.model_copy(update={"tables_not_understood": len(tables_not_understood(facts))})
    summary = report_summary(facts)
    summary["tables_not_understood"] = coverage.tables_not_understood
    return FileResult(
        path=path, findings=result.findings, coverage=coverage, stopped=result.stopped, summary=summary,
        profile=options.profile,
    )


def audit_path(path: str, options: AuditOptions | None = None) -> FileResult:
    """Read, extract and check one file. An unreadable file gives a FileResult with
    `error` set (exit 2); a broken rule pack raises RulePackError (the run cannot go on)."""

    options = options or AuditOptions()
    load_rules(options)  # a broken pack is reported before any file is read
    with use_lexicon(options.lexicon_extension()):  # this run's words only, restored after
        return _audit_path(path, options)


def _audit_path(path: str, options: AuditOptions) -> FileResult:
    from auditor.extract import extract_facts
    from auditor.readers import read_document

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
    from auditor.places import situate
    from auditor.report.headline import headline

    situate(doc, result.findings, _layout(path, doc, options) if result.findings else None)

    result.summary.update(headline(doc, facts))  # project, unit, firm, year, money for bureau summaries
    return result


def _layout(path: str, doc: Any, options: AuditOptions) -> Any:
    """LibreOffice's pages of a .docx when asked (--pages) and Word saved none."""
    if not options.pages or doc.format != "docx" or any(b.location.page for b in doc.blocks):
        return None
    from auditor.readers.layout_pages import layout_pages

    return layout_pages(path, doc)


def report_summary(facts: Facts) -> dict[str, object]:
    """Headline values for batch summaries: total score, grade, self score and grade."""
    r = Views(facts).report
    return {
        "total_score": fmt(r.total) if r.total else None,
        "grade": r.grade,
        "self_score": fmt(r.self_score) if r.self_score else None,
        "self_grade": r.self_grade,
    }
