"""When two statements are statements of the same quantity.

The "stated twice" rules (MONEY001/002/004, RATE005 …) compare every member of a group,
so a group must hold one quantity only. Two statements are grouped only when their
identity is strong:
- the same quantity kind (budget, received …; a rate's kind and name);
- the same subject once only known qualifiers are removed: a rate printed for one row of
  a table (财政资金, 单位资金) is that row's rate, not the project's;
- the same period and fund;
- the same qualifier: a target never with an actual, a planned amount never with a
  completed one; a part (an instalment, one line of a breakdown) or a remainder never
  with anything — it is a different amount from the whole it belongs to.
Placeholders are not statements: a template row of an unused fund source printing
"0.00 | 0.00 | 0.00%" states no rate.

Where identity is uncertain — two tables each print a bare 合计 of the same column
quantity, which may be two different totals — the members are kept in a group marked
not understood, so the claim is counted as not checkable and never reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from auditor.engine.records import Group, Money, Rate
from auditor.extract.keys import label_key, subject_key

# Qualifiers that make a figure a different amount from every other statement.
NEVER_GROUPED = ("part", "remainder")


def money_key(m: Money) -> str | None:
    """The identity of an amount for 'the same amount everywhere', or None when it is
    no statement of a quantity stated once (a part, a remainder)."""
    if m.qualifier in NEVER_GROUPED:
        return None
    key = f"{m.quantity}|{m.period or ''}|{m.fund or ''}"
    return f"{key}|{m.qualifier}" if m.qualifier else key


def rate_key(r: Rate) -> str | None:
    """The identity of a rate for 'the same rate everywhere'."""
    if r.kind == "score_rate" or not label_key(r.label):
        return None
    key = r.key
    subject = subject_key(r.subject)
    if subject:
        key += f"|of:{subject}"
    if r.qualifier:
        key += f"|{r.qualifier}"
    return key


def statement_key(item: Any, by: Iterable[str]) -> str | None:
    """The identity of a statement for a declared `agree` rule: the fields it is grouped
    by, plus its qualifier where it has one; a part or a remainder is never grouped."""
    qualifier = getattr(item, "qualifier", None)
    if qualifier in NEVER_GROUPED:
        return None
    parts = [str(getattr(item, f)) if getattr(item, f) is not None else "" for f in by]
    return "|".join(parts + ([qualifier] if qualifier else []))


def is_placeholder_rate(r: Rate, in_table: bool) -> bool:
    """A template row of an unused line: 0 over 0 printed as 0% in a table."""
    if not in_table or r.numerator is None or r.denominator is None:
        return False
    return r.value.value == 0 and r.numerator.value == 0 and r.denominator.value == 0


def groups(
    items: Iterable[Any],
    key: Callable[[Any], str | None],
    uncertain: Callable[[list[Any]], list[Any]] | None = None,
    min_size: int = 2,
    label: Callable[[Any], str] = lambda m: str(getattr(m, "label", "")),
) -> tuple[Group, ...]:
    """Statements with the same key, in document order, as groups of two or more.
    `uncertain` picks out the members whose identity a group cannot vouch for: they are
    moved to a group of their own marked not understood (counted, never reported)."""
    by_key: dict[str, list[Any]] = {}
    for it in items:
        k = key(it)
        if k is not None:
            by_key.setdefault(k, []).append(it)
    out: list[Group] = []
    for k, members in by_key.items():
        if len(members) < min_size:
            continue
        doubtful = uncertain(members) if uncertain else []
        sure = [m for m in members if not any(m is d for d in doubtful)]
        if len(sure) >= min_size:
            out.append(Group(k, label(sure[0]), tuple(sure)))
        if doubtful:
            out.append(Group(f"{k}|uncertain", label(doubtful[0]), tuple(doubtful), understood=False))
    return tuple(out)
