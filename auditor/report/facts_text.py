"""`audit facts FILE`: the extracted Facts as readable, indented text.

Score trees print as trees, one indicator a line, with the place each figure stands:

    [指标体系评分表] 附件1 绩效评价指标体系及评分表 @表格5
      合计 100 → 85.39 @表格5 第25行第1列
        决策 20（取自表头） → — @表格5 第2行第1列
          项目立项 6（取自表头） → — @…
            立项依据充分性 3 → 3 @…

Section sentences, overall claims and grade bands have their own lines; every other
kind of claim (money, rates, counts …) is rendered generically from its model, so a new
field shows up without touching this module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from auditor.facts import Facts, GradeBand, OverallClaim, Quote, ScoreNode, ScoreTree, SectionScore
from auditor.i18n import Lang, t
from auditor.models import Location
from auditor.numbers import Num

INDENT = "  "
MAX_TEXT = 40
# Facts fields rendered by their own functions; the rest go through `_generic`.
_OWN = ("file", "score_trees", "section_scores", "overall", "grade_bands", "notes")


def render_facts(facts: Facts, lang: str = "zh") -> list[str]:
    lg: Lang = "en" if lang == "en" else "zh"
    lines = [t("facts.title", lg, file=facts.file)]
    before = len(lines)
    if facts.score_trees:
        lines.append(_title("facts.score_trees", len(facts.score_trees), lg))
        for tree in facts.score_trees:
            lines.extend(render_tree(tree, lg, INDENT))
    if facts.section_scores:
        lines.append(_title("facts.section_scores", len(facts.section_scores), lg))
        lines.extend(INDENT + _section(s, lg) for s in facts.section_scores)
    if facts.overall:
        lines.append(_title("facts.overall", len(facts.overall), lg))
        lines.extend(INDENT + _overall(c, lg) for c in facts.overall)
    if facts.grade_bands:
        lines.append(_title("facts.grade_bands", len(facts.grade_bands), lg))
        lines.extend(INDENT + _band(b, lg) for b in facts.grade_bands)
    for name in Facts.model_fields:
        if name in _OWN:
            continue
        items = getattr(facts, name)
        if not items:
            continue
        lines.append(_title(f"facts.{name}", len(items), lg))
        for item in items:
            lines.extend(_generic(item, lg, INDENT))
    if len(lines) == before:
        lines.append(INDENT + t("facts.nothing", lg))
    if facts.notes:
        lines.append(_title("facts.notes", len(facts.notes), lg))
        lines.extend(INDENT + "! " + n.text(lg) for n in facts.notes)
    return lines


def _title(key: str, n: int, lang: Lang) -> str:
    title = t(key, lang)
    if title == key:  # a kind of fact without a catalogue entry
        title = key.split(".", 1)[1]
    return t("facts.section", lang, title=title, n=n)


def _at(loc: Location | Quote | None, lang: Lang) -> str:
    if loc is None:
        return ""
    if isinstance(loc, Quote):
        loc = loc.location
    where = loc.describe(lang)
    return f" @{where}" if where else ""


def _num(n: Num | None) -> str:
    return n.text if n is not None else "—"


def _short(text: str, limit: int = MAX_TEXT) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


# ---------------------------------------------------------------- trees


def render_tree(tree: ScoreTree, lang: Lang = "zh", indent: str = "") -> list[str]:
    """A score tree as indented lines: the table first, then one line per indicator."""
    kind = t(f"facts.tree.{tree.kind}", lang)
    caption = tree.caption or t("facts.untitled", lang)
    table = f" @{Location(file='', table=tree.table).describe(lang)}" if tree.table is not None else ""
    lines = [f"{indent}[{kind}] {caption}{table}"]
    _node_lines(tree.root, lang, indent + INDENT, lines)
    return lines


def _node_lines(node: ScoreNode, lang: Lang, indent: str, out: list[str]) -> None:
    out.append(indent + node_line(node, lang))
    if node.deduction_reason:
        out.append(indent + INDENT + "· " + t("facts.reason", lang, text=_short(node.deduction_reason, 60)))
    for child in node.children:
        _node_lines(child, lang, indent + INDENT, out)


def node_line(node: ScoreNode, lang: Lang = "zh") -> str:
    """'决策 [A] 20 → 15 (75.00%) @表格3 第2行第1列'."""
    parts = [node.name or "—"]
    if node.code:
        parts.append(f"[{node.code}]")
    weight = _num(node.weight) + (t("facts.from_header", lang) if node.weight_from_header else "")
    figures = f"{weight} → {_num(node.score)}"
    if node.rate is not None:
        figures += f" ({node.rate.text})"
    parts.append(figures)
    if node.deduction is not None:
        parts.append(f"{t('facts.deduction', lang)} {node.deduction.text}")
    if node.merged_group:
        parts.append("〔" + t("facts.merged", lang, names="+".join(node.merged_group)) + "〕")
    return " ".join(parts) + _at(node.source, lang)


# ---------------------------------------------------------------- other own kinds


def _section(s: SectionScore, lang: Lang) -> str:
    tags = [x for x in (s.code, t("facts.level", lang, level=s.level) if s.level else None) if x]
    head = (s.indicator or "—") + (f" [{', '.join(tags)}]" if tags else "")
    figures = [
        f"{t(key, lang)} {n.text}"
        for key, n in (
            ("facts.weight", s.weight),
            ("facts.deduction", s.deduction),
            ("facts.score", s.score),
            ("facts.rate", s.rate),
        )
        if n is not None
    ]
    return f"{head}: {' · '.join(figures)}{_at(s.source, lang)}"


def _overall(c: OverallClaim, lang: Lang) -> str:
    value = c.grade if c.grade is not None else _num(c.number)
    kind = t(f"facts.kind.{c.kind}", lang)
    context = t(f"facts.context.{c.context}", lang)
    return f"{kind} {value} ({context}){_at(c.source, lang)}"


def _band(b: GradeBand, lang: Lang) -> str:
    score = t("facts.score_word", lang)
    lower = f"{b.lower} {'≤' if b.lower_inclusive else '<'} " if b.lower is not None else ""
    upper = f" {'≤' if b.upper_inclusive else '<'} {b.upper}" if b.upper is not None else ""
    return f"{b.grade}: {lower}{score}{upper}{_at(b.source, lang)}"


# ---------------------------------------------------------------- everything else


def _generic(item: BaseModel, lang: Lang, indent: str) -> list[str]:
    """One line of 'field=value' pairs (figures as printed, long texts shortened), then
    nested models (a question's options) indented below."""
    pairs: list[str] = []
    nested: list[BaseModel] = []
    source: Quote | None = None
    for name in type(item).model_fields:
        value = getattr(item, name)
        if name == "source" and isinstance(value, Quote):
            source = value
            continue
        if value is None or value == [] or value is False:
            continue
        if isinstance(value, list) and all(isinstance(v, BaseModel) for v in value):
            nested.extend(value)
            continue
        pairs.append(f"{name}={_value(value)}")
    lines = [indent + " ".join(pairs) + _at(source, lang)]
    for child in nested:
        lines.extend(_generic(child, lang, indent + INDENT))
    return lines


def _value(value: object) -> str:
    if isinstance(value, Num):
        return value.text
    if isinstance(value, Quote):
        return _short(value.text)
    if isinstance(value, BaseModel):
        fields = [
            _value(getattr(value, f))
            for f in type(value).model_fields
            if getattr(value, f) is not None and not isinstance(getattr(value, f), Quote)
        ]
        return "(" + " ".join(x for x in fields if x) + ")"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, str):
        return _short(value)
    return str(value)
