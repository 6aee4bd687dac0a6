"""Records derived from the Facts models: the field set follows the model, conversion
turns figures into Figs and quotes into Wheres, and no pydantic object reaches a rule."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from auditor.engine import records
from auditor.engine.records import DERIVED_FROM, Fig, Where, derive, derived
from auditor.engine.views import Views
from auditor.extract import extract_facts
from auditor.extract.keys import indicator_name_key, label_key, name_key, subject_key
from auditor.extract.wording import counted_level, is_other_option, names_evaluators, rate_link
from auditor.facts import MoneyClaim, Quote
from auditor.models import Location
from auditor.numbers import parse_number
from auditor.readers import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "generated"


def _quote(text: str, para: int = 1) -> Quote:
    return Quote(location=Location(file="t.md", line=para), text=text)


class _Places:
    """A stand-in for the views' quote table."""

    def __init__(self) -> None:
        self.quotes: list[Quote] = []

    def where(self, q: Quote) -> Where:
        self.quotes.append(q)
        return Where(len(self.quotes) - 1, q.text)

    def fig(self, n: Any, q: Quote | None, unit: str | None = None, exact: bool = False) -> Fig | None:
        if n is None:
            return None
        return Fig(n.value, n.text, n.decimals, n.percent, unit, exact, self.where(q) if q else None)


def test_a_new_model_field_appears_on_the_record_without_an_edit() -> None:
    # MoneyClaim.said_full was never declared in records.py: it is derived
    assert "said_full" in records.Money.field_names()
    assert DERIVED_FROM[records.Money] is MoneyClaim
    # quote fields are used up as the places of their figures, `source` becomes `where`
    node_fields = records.Node.field_names()
    assert {"where", "weight", "stated_gap"} <= node_fields
    assert not node_fields & {"source", "weight_source", "score_source", "gap_source"}


def test_figures_become_figs_placed_at_their_own_quote() -> None:
    from auditor.numbers import Num

    class Claim(BaseModel):
        kind: Literal["a", "b"]
        words: list[str]
        total: Num | None = None
        total_source: Quote | None = None
        part: Num | None = None
        source: Quote

    @derived(Claim)
    class ClaimRec:
        extra: int

    assert [f.name for f in dataclasses.fields(ClaimRec)] == ["kind", "words", "total", "part", "where", "extra"]
    places = _Places()
    claim = Claim(
        kind="a",
        words=["x", "y"],
        total=parse_number("12.5"),
        total_source=_quote("total cell", 2),
        part=parse_number("3"),
        source=_quote("the sentence"),
    )
    rec = derive(ClaimRec, claim, places.fig, places.where, extra=7)
    assert rec.words == ("x", "y") and rec.extra == 7 and rec.kind == "a"  # type: ignore[attr-defined]
    assert rec.total.value == Decimal("12.5") and rec.total.where.text == "total cell"  # type: ignore[attr-defined]
    assert rec.part.where.text == "the sentence"  # type: ignore[attr-defined]
    assert rec.where.text == "the sentence"  # type: ignore[attr-defined]
    # a given field wins over the conversion
    other = derive(ClaimRec, claim, places.fig, places.where, extra=1, kind="b")
    assert other.kind == "b"  # type: ignore[attr-defined]


def test_a_field_of_no_record_type_must_be_declared_or_omitted() -> None:
    class Nested(BaseModel):
        x: int

    class Claim(BaseModel):
        inner: Nested
        source: Quote

    with pytest.raises(TypeError, match="Claim.inner"):

        @derived(Claim)
        class Broken:
            pass

    @derived(Claim, omit=("inner",))
    class Fine:
        pass

    assert Fine.field_names() == {"where"}  # type: ignore[attr-defined]


def test_each_record_type_is_listed_once() -> None:
    names = [c.__name__ for c in records.record_types()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", ["self_assessment.docx", "project_eval.docx", "department_eval.docx"])
def test_no_pydantic_object_reaches_a_rule(name: str) -> None:
    views = Views(extract_facts(read_document(str(FIXTURES / name))))
    seen = 0

    def walk(x: Any, depth: int = 0) -> None:
        nonlocal seen
        assert not isinstance(x, BaseModel), type(x)
        if depth > 12:
            return
        if isinstance(x, records.Record) and dataclasses.is_dataclass(x):
            seen += 1
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name), depth + 1)
        elif isinstance(x, tuple):
            for v in x:
                walk(v, depth + 1)

    for collection in Views.COLLECTIONS:
        walk(views.collection(collection))
    assert seen > 50


# ------------------------------------------------------------------ keys and wording


def test_linking_and_grouping_keys_differ_on_purpose() -> None:
    # a heading links to its row; a heading never groups with a row
    assert name_key("决策部分") == "决策"
    assert indicator_name_key("决策部分") == "决策部分"
    assert name_key("（一）决策情况分析") == indicator_name_key("决策 (20分)") == "决策"
    assert indicator_name_key("A11部门职能明确性指标") == "部门职能明确性"


def test_label_and_subject_keys() -> None:
    assert label_key("资金到位率 98.5%") == label_key("资金到位率：") == "资金到位率"
    assert subject_key("合计") == "" and subject_key(" 财政资金 ") == "财政资金"


def test_wording_the_views_read() -> None:
    assert is_other_option("其他（请说明）") and not is_other_option("其他")
    assert names_evaluators("评价组评价得分88分") and not names_evaluators("自评得分90分")
    assert counted_level("共包含5个三级指标") == 3 and counted_level("5个指标") is None
    assert rate_link("预算执行率") == "execution" and rate_link("结转结余率") == "balance"
    assert rate_link("项目预算执行率") is None


def test_a_declared_field_may_have_a_default() -> None:
    class Claim(BaseModel):
        label: str
        source: Quote

    @derived(Claim)
    class WithDefault:
        flag: bool = False

    places = _Places()
    rec = derive(WithDefault, Claim(label="x", source=_quote("s")), places.fig, places.where)
    assert rec.flag is False and rec.label == "x"  # type: ignore[attr-defined]
    assert derive(WithDefault, Claim(label="y", source=_quote("s")), places.fig, places.where, flag=True).flag  # type: ignore[attr-defined]
