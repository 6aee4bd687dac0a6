"""Evaluate rule packs over one file's Facts: findings plus coverage.

Each rule runs over its collection; for every item the outcome is one of
- skipped: the `when` guard is false (the rule does not apply),
- not checkable: the table was not understood, a `needs` value (evaluated after `let`)
  or a component of the check is missing (None, a field read from None, a zero divisor), or the check gave None,
- passed / failed: the check gave True / False.
Coverage counts these per rule so silent misses show. A sandbox violation (a hostile or
broken expression) stops the run with a RulePackError naming file, rule and field. A
size or time limit met on this document's values (`SandboxLimit`, or the rule's share of
limits.RULE_SECONDS) stops only that rule on this file: its remaining items count as
not checkable and `RunResult.stopped` says which rule stopped and why.
"""

from __future__ import annotations

import decimal
import time
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import simpleeval
from pydantic import BaseModel, Field

from auditor import limits
from auditor.engine import identity
from auditor.engine.fingerprint import fingerprint
from auditor.engine.pack import Rule, check_overrides, check_severities
from auditor.engine.records import Rec, Record, Where
from auditor.engine.sandbox import EVAL_SECONDS, Evaluator, MissingValue, SandboxError, SandboxLimit
from auditor.engine.template import render as render_template
from auditor.engine.views import Views
from auditor.engine.vocabulary import Vocabulary, fmt
from auditor.errors import RulePackError
from auditor.facts import Facts
from auditor.findings import SEVERITY_ORDER, Coverage, Finding, Place, reading_position

RULE_SECONDS = limits.RULE_SECONDS  # one rule over one file, all items together
RULES_SECONDS = limits.RULES_SECONDS  # every rule over one file


class _RuleStopped(Exception):
    """A SandboxLimit met on this document: the rule stops for this file."""

Outcome = Literal["skipped", "not_checkable", "passed", "failed"]

# Errors that mean "a component is missing or unusable", not "the rule is hostile".
_DATA_ERRORS = (
    MissingValue,
    TypeError,
    ArithmeticError,  # ZeroDivisionError, decimal.InvalidOperation, OverflowError
    KeyError,
    IndexError,
    ValueError,
    simpleeval.AttributeDoesNotExist,
    simpleeval.NameNotDefined,
)


class EngineConfig(BaseModel):
    """What a run selects and overrides. `select`/`ignore` take rule ids, id prefixes
    ('SCORE' for every SCORE rule) or names; `params` overrides rule parameters by id."""

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)
    severity: dict[str, str] = Field(default_factory=dict)  # rule id -> error/warning/info
    lang: Literal["zh", "en"] = "zh"


@dataclass
class RunResult:
    findings: list[Finding]
    coverage: Coverage
    errors: list[str] = field(default_factory=list)  # rule bugs met at run time (counted as not checkable)
    stopped: list[str] = field(default_factory=list)  # rules stopped by a limit on this document


def _matches(rule: Rule, pattern: str) -> bool:
    p = pattern.strip()
    return (
        p.upper() == "ALL"
        or rule.id == p.upper()
        or rule.name == p
        or (p.isalpha() and rule.id.startswith(p.upper()))
    )


def select_rules(rules: Iterable[Rule], config: EngineConfig) -> list[Rule]:
    out = []
    for r in rules:
        if config.select and not any(_matches(r, p) for p in config.select):
            continue
        if any(_matches(r, p) for p in config.ignore):
            continue
        out.append(r)
    return sorted(out, key=lambda r: r.id)


def audit_facts(
    facts: Facts, packs: Iterable[Rule], config: EngineConfig | None = None
) -> tuple[list[Finding], Coverage]:
    result = run_rules(facts, packs, config)
    return result.findings, result.coverage


def run_rules(facts: Facts, packs: Iterable[Rule], config: EngineConfig | None = None) -> RunResult:
    config = config or EngineConfig()
    rules = select_rules(packs, config)
    _check_overrides(rules, config)
    views = Views(facts)
    findings: list[Finding] = []
    coverage = Coverage()
    errors: list[str] = []
    stopped: list[str] = []
    scale = sum(len(v) for v in vars(facts).values() if isinstance(v, list))
    all_deadline = time.monotonic() + RULES_SECONDS
    ctx = decimal.Context(
        prec=28,
        Emax=999999,
        Emin=-999999,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )
    with decimal.localcontext(ctx):
        for rule in rules:
            run = _RuleRun(rule, views, config, scale)
            stats = {"passed": 0, "failed": 0, "not_checkable": 0, "errors": 0}
            deadline = min(time.monotonic() + RULE_SECONDS, all_deadline)
            items = run.items()
            for done, item in enumerate(items):
                # a huge report must not sink the whole run: the rest of this rule's items
                # are counted as not checkable and the run says why
                left = len(items) - done
                if time.monotonic() > deadline:
                    stats["not_checkable"] += left
                    stopped.append(f"{rule.id}: {_stop_reason(config.lang, left)}")
                    break
                try:
                    outcome, finding = run.evaluate(item)
                except _RuleStopped as exc:
                    stats["not_checkable"] += left
                    stopped.append(f"{rule.id}: {_stop_reason(config.lang, left, str(exc))}")
                    break
                if outcome != "skipped":
                    stats[outcome] += 1
                if finding is not None:
                    findings.append(finding)
            stats["errors"] = len(run.errors)
            errors += run.errors
            coverage.by_rule[rule.id] = stats
            coverage.checked += stats["passed"] + stats["failed"]
            coverage.not_checkable += stats["not_checkable"]
    return RunResult(_order(findings), coverage, errors, stopped)


def _stop_reason(lang: str, left: int, limit: str | None = None) -> str:
    if lang == "en":
        why = f"sandbox limit ({limit})" if limit else "time limit"
        return f"stopped at a {why}; {left} items counted as not checkable"
    why = f"表达式资源上限（{limit}）" if limit else "时间上限"
    return f"达到{why}而停止，{left} 项计为无法核对"


def _check_overrides(rules: list[Rule], config: EngineConfig) -> None:
    # a parameter for a rule not selected in this run is checked by the caller that knows
    # every loaded rule (commands.check_command), not here
    check_overrides(rules, config.params, "config", unknown_rules_ok=True)
    check_severities(rules, {k: v for k, v in config.severity.items() if k in {r.id for r in rules}}, "config")


class _Names(dict[str, Any]):
    """Names every expression of one rule sees; collections are built on first use."""

    def __init__(self, views: Views, params: Rec) -> None:
        super().__init__(params=params)
        self._views = views

    def __missing__(self, key: str) -> Any:
        if key == "report":
            value: Any = self._views.report
        elif key in Views.COLLECTIONS:
            value = self._views.collection(key)
        else:
            raise KeyError(key)
        self[key] = value
        return value


class _RuleRun:
    def __init__(self, rule: Rule, views: Views, config: EngineConfig, scale: int = 0) -> None:
        self.rule = rule
        self.views = views
        self.lang = config.lang
        self.severity = config.severity.get(rule.id, rule.severity)
        params = rule.effective_params(config.params.get(rule.id))
        # one evaluation may take longer on a larger document, never longer than the rule
        seconds = min(RULE_SECONDS, EVAL_SECONDS + scale / 2000)
        self.ev = Evaluator(Vocabulary(views, params).functions(), seconds=seconds, scale=scale)
        self.names = _Names(views, params)
        self.errors: list[str] = []
        self.keys_seen: dict[str, int] = {}

    def items(self) -> tuple[Any, ...]:
        """What the rule iterates over: its collection, or for an `agree` rule that
        groups statements itself, the groups of its `of` collection (engine/ruletypes.py)."""
        spec = self.rule.agree
        if spec is None or spec.of is None:
            return self.views.collection(self.rule.over)
        chosen = []
        for it in self.views.collection(spec.of):
            if spec.where is not None:
                try:
                    if not self._eval("agree.where", ChainMap({"item": it}, self.names)):
                        continue
                except _DATA_ERRORS:
                    continue
            chosen.append(it)
        return identity.groups(
            chosen,
            lambda it: identity.statement_key(it, spec.by),
            min_size=spec.min,
            label=lambda m: str(getattr(m, spec.label, "") or ""),
        )

    def _eval(self, fld: str, names: Mapping[str, Any]) -> Any:
        try:
            return self.ev.run(self.rule.expr(fld), names)
        except SandboxLimit as exc:
            raise _RuleStopped(f"{fld}: {exc}") from None
        except SandboxError as exc:
            raise RulePackError(self.rule.file, str(exc), self.rule.id, fld) from None
        except _DATA_ERRORS:
            raise
        except Exception as exc:  # noqa: BLE001 - a vocabulary bug must not end the run
            self.errors.append(f"{self.rule.id} {fld}: {type(exc).__name__}: {exc}")
            raise ValueError(str(exc)) from None

    def evaluate(self, item: Any) -> tuple[Outcome, Finding | None]:
        rule = self.rule
        local: dict[str, Any] = {"item": item}
        names = ChainMap(local, self.names)
        try:
            if rule.when is not None:
                applies = self._eval("when", names)
                if applies is None:
                    return "not_checkable", None
                if not applies:
                    return "skipped", None
            if getattr(item, "understood", True) is False:
                return "not_checkable", None
            for name in rule.let:
                local[name] = self._eval(f"let.{name}", names)
            for i in range(len(rule.needs)):
                if self._eval(f"needs[{i}]", names) is None:
                    return "not_checkable", None
            ok = self._eval("check", names)
        except _DATA_ERRORS:
            return "not_checkable", None
        if ok is None:
            return "not_checkable", None
        if ok:
            return "passed", None
        return "failed", self._finding(item, names)

    def _soft(self, fld: str, names: Mapping[str, Any], default: Any = None) -> Any:
        """Evaluate a reporting expression; a missing component gives `default`."""
        try:
            return self._eval(fld, names)
        except _DATA_ERRORS:
            return default

    def _finding(self, item: Any, names: ChainMap[str, Any]) -> Finding:
        rule = self.rule
        local = names.maps[0]
        for name in rule.values:
            local[name] = self._soft(f"values.{name}", names)
        rendered = {k: fmt(local.get(k)) for k in rule.message_fields()}
        severity = self.severity
        tags = list(rule.tags)
        for i, flag in enumerate(rule.flags):
            if self._soft(f"flags[{i}].when", names, False) is True:
                tags.append(flag.tag)
                if SEVERITY_ORDER[flag.severity] > SEVERITY_ORDER[severity]:
                    severity = flag.severity
        places = self._places(self._soft("places", names), item)
        key = self._soft("key", names)
        key = str(key) if key not in (None, "") else str(getattr(item, "key", "") or rule.id)
        n = self.keys_seen.get(key, 0) + 1
        self.keys_seen[key] = n
        claim_key = key if n == 1 else f"{key}#{n}"
        zh = render_template(rule.message.zh, rendered)
        en = render_template(rule.message.en, rendered)
        return Finding(
            rule_id=rule.id,
            rule_name=rule.name,
            rule_title_zh=rule.title.zh if rule.title else None,
            rule_title_en=rule.title.en if rule.title else None,
            severity=severity,
            message=en if self.lang == "en" else zh,
            message_zh=zh,
            message_en=en,
            places=places,
            expected=rendered.get("expected") if "expected" in rendered else None,
            found=rendered.get("found") if "found" in rendered else None,
            tags=sorted(set(tags)),
            claim_key=claim_key,
            fingerprint=fingerprint(self.views.facts.file, rule.id, claim_key),
        )

    def _places(self, value: Any, item: Any) -> list[Place]:
        pairs: list[tuple[Where, str | None, str | None]] = []
        _flatten_places(value, pairs)
        if not pairs:
            w = getattr(item, "where", None)
            if isinstance(w, Where):
                pairs.append((w, None, None))
        out: list[Place] = []
        seen: set[int] = set()
        for w, role, figure in pairs:
            if w.ref in seen or w.ref < 0:
                continue
            seen.add(w.ref)
            out.append(Place(location=self.views.location(w), quote=w.text, role=role, figure=figure))
        return out


def _flatten_places(value: Any, out: list[tuple[Where, str | None, str | None]], depth: int = 0) -> None:
    if value is None or depth > 8:
        return
    if isinstance(value, Where):
        out.append((value, None, None))
    elif (
        isinstance(value, tuple)
        and len(value) in (2, 3)
        and isinstance(value[0], Where)
        and isinstance(value[1], str)
    ):
        figure = value[2] if len(value) == 3 and isinstance(value[2], str) else None
        out.append((value[0], value[1], figure))
    elif isinstance(value, tuple | list):
        for v in value:
            _flatten_places(v, out, depth + 1)
    elif isinstance(value, Record):
        w = getattr(value, "where", None)
        if isinstance(w, Where):
            out.append((w, None, None))


def _order(findings: list[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[Any, ...]:
        first = reading_position(f.places[0].location) if f.places else (2,)
        return (first, f.rule_id, f.claim_key)

    return sorted(findings, key=key)
