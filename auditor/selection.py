"""Rule selectors (--select, --ignore, per-file-ignores, params) checked against the rules
loaded: a misspelt id must stop the run (exit 2) rather than select nothing and pass."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from auditor.engine.pack import Rule
from auditor.i18n import t
from auditor.names import show_name


class UnknownRuleError(Exception):
    def __init__(self, where: str, token: str, closest: str | None) -> None:
        self.where, self.token, self.closest = where, token, closest
        super().__init__(f"{where}: unknown rule {token!r}")

    def message(self, lang: str = "zh") -> str:
        hint = t("run.closest", lang, close=self.closest) if self.closest else ""
        return show_name(t("run.unknown_selector", lang, where=self.where, token=self.token, hint=hint))


def engine_match(rule: Rule, token: str) -> bool:
    """The engine's own selector semantics (auditor.engine.runner): ALL, an id, a name, or
    an alphabetic id prefix ('SCORE')."""
    p = token.strip()
    return p.upper() == "ALL" or rule.id == p.upper() or rule.name == p or (p.isalpha() and rule.id.startswith(p.upper()))


def prefix_match(rule_id: str, rule_name: str, token: str) -> bool:
    """per-file-ignores: ALL, an id prefix of any length ('SELF00', 'DATE') or a name."""
    p = token.strip()
    return p.upper() == "ALL" or rule_id.startswith(p.upper()) or rule_name == p


def closest(token: str, rules: Iterable[Rule]) -> str | None:
    known: dict[str, str] = {}
    for r in rules:
        known[r.id.lower()] = r.id
        known[r.name.lower()] = r.name
        family = r.id.rstrip("0123456789")
        known[family.lower()] = family
    hit = difflib.get_close_matches(token.strip().lower(), sorted(known), n=1, cutoff=0.5)
    return known[hit[0]] if hit else None


def check_selectors(tokens: Iterable[str], rules: list[Rule], where: str, per_file: bool = False) -> None:
    """Raise UnknownRuleError for the first token no rule answers to."""
    for token in tokens:
        if not token.strip():
            continue
        if per_file:
            ok = any(prefix_match(r.id, r.name, token) for r in rules)
        else:
            ok = any(engine_match(r, token) for r in rules)
        if not ok:
            raise UnknownRuleError(where, token.strip(), closest(token, rules))


def check_param_ids(ids: Iterable[str], rules: list[Rule], where: str) -> None:
    known = {r.id for r in rules}
    for rid in ids:
        if rid not in known:
            raise UnknownRuleError(where, rid, closest(rid, rules))
