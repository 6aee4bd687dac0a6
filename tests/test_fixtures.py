"""The synthetic fixtures: consistent by construction, one place per override, regenerated
identically.

Consistency is checked on the *printed* texts (the places' default texts), recomputed
here independently of the spec's own arithmetic: what a reader of the clean fixture sees
must add up.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pytest
from pydantic import ValidationError

from auditor.normalize import compact
from auditor.readers import read_document
from fixtures.content import build_content
from fixtures.make_fixtures import (
    DEFAULT_OUT,
    FORMATS,
    SPECS,
    build_spec,
    long_report,
    make_all,
    places,
    render,
)
from fixtures.render_pdf import PRODUCER, MissingGlyphs
from fixtures.spec import Indicator, PlaceInfo, ReportSpec, infer_kind

NAMES = sorted(SPECS)


def _printed(spec: ReportSpec) -> dict[str, str]:
    return {p.key: p.default for p in places(spec)}


def _num(text: str) -> Decimal:
    return Decimal(re.sub(r"[,%≥≤=]|[^\d.\-]+$", "", text))


def _q2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _pct(num: Decimal, den: Decimal) -> str:
    return f"{_q2(num / den * 100)}%"


# ---------------------------------------------------------------- specs are clean


@pytest.mark.parametrize("name", NAMES)
def test_spec_has_no_consistency_problems(name: str) -> None:
    assert build_spec(name).consistency_problems() == []


@pytest.mark.parametrize("name", NAMES)
def test_tree_sums_and_grade(name: str) -> None:
    spec = build_spec(name)

    def check(node: Indicator) -> None:
        if node.children:
            assert spec.weight(node) == sum(spec.weight(c) for c in node.children), node.name
            assert spec.score(node) == sum(spec.score(c) for c in node.children), node.name
            for c in node.children:
                check(c)
        else:
            assert 0 <= spec.score(node) <= spec.weight(node), node.name

    for top in spec.tree:
        check(top)
    assert spec.total_weight() == 100
    assert spec.total() == sum(spec.score(t) for t in spec.tree)
    band = next(b for b in spec.bands if b.grade == spec.grade())
    assert band.lower is None or spec.total() >= band.lower
    assert band.upper is None or spec.total() < band.upper


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
def test_printed_scores_add_up(name: str) -> None:
    spec = build_spec(name)
    pr = _printed(spec)
    total = _num(pr["annex.total.score"])
    assert sum(_num(pr[f"table1.{t.name}.score"]) for t in spec.tree) == total
    assert (
        _num(pr["table1.total.score"])
        == total
        == _num(pr["summary.total_score"])
        == _num(pr["conclusion.total_score"])
    )
    for top in spec.tree:
        leaves = [(top, mid, leaf) for mid in top.children for leaf in mid.children]
        leaf_scores = [_num(pr[f"annex.{spec.key(*p)}.score"]) for p in leaves]
        leaf_weights = [_num(pr[f"annex.{spec.key(*p)}.weight"]) for p in leaves]
        assert (
            sum(leaf_weights) == _num(pr[f"annex.{top.name}.weight"]) == _num(pr[f"table1.{top.name}.weight"])
        )
        assert sum(leaf_scores) == _num(pr[f"section.{top.name}.score"])
        assert pr[f"section.{top.name}.rate"] == _pct(sum(leaf_scores), sum(leaf_weights))
        for p in leaves:
            k = f"narrative.{spec.key(*p)}"
            if k + ".deduction" in pr:  # 扣x分，得y分 with y = weight - x
                assert _num(pr[k + ".weight"]) - _num(pr[k + ".deduction"]) == _num(pr[k + ".score"])
            else:
                assert pr[k + ".score"] == pr[k + ".weight"]
    grade_of = spec.grade_of(total)
    assert pr["summary.grade"] == pr["conclusion.grade"] == grade_of


@pytest.mark.parametrize("name", NAMES)
def test_counts_sentences_match_the_tree_and_the_target_table(name: str) -> None:
    spec = build_spec(name)
    pr = _printed(spec)
    if "counts.level3" in pr:
        annex_leaves = [
            k for k in pr if k.startswith("annex.") and k.count("/") == 2 and k.endswith(".score")
        ]
        assert int(pr["counts.level3"]) == len(annex_leaves)
        assert int(pr["counts.level1"]) == len(spec.tree)
        assert int(pr["counts.level2"]) == len({k.split("/")[1] for k in annex_leaves})
    if "counts.targets_total" in pr:
        statuses = [v for k, v in pr.items() if re.fullmatch(r"targets\.\d+\.status", k)]
        assert int(pr["counts.targets_total"]) == len(statuses)
        assert int(pr["counts.targets_completed"]) == statuses.count("全部完成")
        assert int(pr["counts.targets_partial"]) == statuses.count("部分完成")


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
def test_target_status_agrees_with_target_and_actual(name: str) -> None:
    pr = _printed(build_spec(name))
    n = 1
    while f"targets.{n}.status" in pr:
        target, actual, status = (
            pr[f"targets.{n}.target"],
            pr[f"targets.{n}.actual"],
            pr[f"targets.{n}.status"],
        )
        if target[0] in "≥≤=":
            t, a = _num(target), _num(actual)
            met = {"≥": a >= t, "≤": a <= t, "=": a == t}[target[0]]
            assert (status == "全部完成") == met, (target, actual, status)
        n += 1
    assert n > 5


def test_project_money_adds_up_in_both_units() -> None:
    spec = build_spec("project_eval")
    pr = _printed(spec)
    lines = [_num(v) for k, v in pr.items() if re.fullmatch(r"money\.detail\.\d+\.amount", k)]
    assert sum(lines) == _num(pr["money.detail.total"]) == _num(pr["money.detail.header.spent"])
    h = {k.rsplit(".", 1)[1]: _num(v) for k, v in pr.items() if k.startswith("money.detail.header.")}
    assert h["carryover"] + h["budget"] + h["addition"] == h["adjusted"]
    assert h["received"] - h["spent"] == h["balance"]
    # 万元 in the body are the 元 figures rounded half-up at two decimals
    for body, yuan in [
        ("budget", "budget"),
        ("addition", "addition"),
        ("adjusted", "adjusted"),
        ("received", "received"),
        ("spent", "spent"),
        ("balance", "balance"),
    ]:
        assert _num(pr[f"money.body.{body}"]) == _q2(h[yuan] / 10000), body
        assert pr[f"money.table.{body}"] == pr[f"money.body.{body}"]
    assert pr["money.body.funding_rate"] == _pct(h["received"], h["adjusted"])
    assert pr["money.body.execution_rate"] == _pct(h["spent"], h["received"])
    # the built-in rounding trap: 42.645 万元 is 42.65 half-up (42.64 half-even)
    assert h["adjusted"] == Decimal("426450.00") and pr["money.body.adjusted"] == "42.65"


def test_department_budget_tables_add_up() -> None:
    pr = _printed(build_spec("department_eval"))
    exp = {
        k.removeprefix("money.exp."): _num(v)
        for k, v in pr.items()
        if k.startswith("money.exp.") and "%" not in v
    }
    for row in ("initial", "adjusted", "spent"):
        # in 万元 rounded per cell: a sum may be off by a few 0.01 without being wrong
        assert abs(exp[f"{row}.personnel"] + exp[f"{row}.public"] - exp[f"{row}.basic"]) <= Decimal("0.02")
        assert abs(exp[f"{row}.basic"] + exp[f"{row}.project"] - exp[f"{row}.total"]) <= Decimal("0.02")
    assert exp["spent.total"] + exp["spent.balance"] == exp["spent.grand"] == exp["adjusted.grand"]
    assert pr["money.income.table.grand_adjusted"] == pr["money.exp.adjusted.grand"]


@pytest.mark.parametrize("name", ["project_eval", "department_eval"])
def test_questionnaire_percentages_are_count_over_valid(name: str) -> None:
    spec = build_spec(name)
    pr = _printed(spec)
    assert spec.survey is not None
    checked = 0
    for g in spec.survey.groups:
        for n, q in enumerate(g.questions, 1):
            valid = Decimal(pr[f"survey.{g.name}.q{n}.valid"])
            assert valid == g.valid
            for i in range(len(q.options)):
                k = f"survey.{g.name}.q{n}.{chr(65 + i)}"
                assert pr[k + ".percent"] == _pct(Decimal(pr[k + ".count"]), valid)
                checked += 1
            if not q.multiple:
                assert sum(o.count for o in q.options) == g.valid
    assert checked > 20
    weighted = [g for g in spec.survey.groups if g.weight is not None]
    combined = sum(_num(pr[f"survey.{g.name}.satisfaction"]) * g.weight / 100 for g in weighted if g.weight)
    assert pr["survey.combined"] == f"{_q2(combined)}%"


def test_self_form_money_and_total() -> None:
    spec = build_spec("self_assessment")
    pr = _printed(spec)
    # computed from the exact 元 figures (887,350/905,000 = 98.05%); recomputed from the
    # printed 万元 (88.74/90.50) it is 98.06%: within the printed precision, not a defect
    rate = _num(pr["form.money.executed"]) / _num(pr["form.money.full_year"]) * 100
    assert abs(_num(pr["form.money.execution_rate"]) - rate) <= Decimal("0.02")
    leaf_scores = [
        _num(v) for k, v in pr.items() if k.startswith("form.") and k.count("/") == 2 and k.endswith(".score")
    ]
    assert _q2(sum(leaf_scores) + _num(pr["form.money.score"])) == _num(pr["form.total.score"])
    assert pr["form.self_grade"] == spec.grade_of(_num(pr["form.total.score"]))


def _date(text: str) -> date:
    y, m, d = map(int, re.findall(r"\d+", text))
    return date(y, m, d)


def test_dates_are_in_order() -> None:
    for name in NAMES:
        pr = _printed(build_spec(name))

        def d(key: str, pr: dict[str, str] = pr) -> date:
            return _date(pr[key])

        if "dates.feedback_signature" in pr:
            assert d("dates.eval_start") <= d("dates.fieldwork_start") <= d("dates.fieldwork_end")
            assert (
                d("dates.fieldwork_end")
                <= d("dates.feedback_signature")
                <= d("dates.report")
                <= d("dates.eval_end")
            )


# ---------------------------------------------------------------- spec validation


def test_spec_models_reject_inconsistent_base_data() -> None:
    with pytest.raises(ValidationError):
        Indicator(name="决策", weight=Decimal(20), children=[Indicator(name="x", weight=Decimal(20))])
    with pytest.raises(ValidationError):
        Indicator(name="x", weight=Decimal(3), score=Decimal(4))
    data = build_spec("project_eval").model_dump()
    data["tree"][1]["children"][0]["children"][0]["name"] = "立项依据充分性"  # a duplicate name
    with pytest.raises(ValidationError, match="unique"):
        ReportSpec.model_validate(data)
    spec = build_spec("project_eval")
    spec.dates.feedback_signature = date(2024, 1, 1)
    assert any("dates" in p for p in spec.consistency_problems())


# ---------------------------------------------------------------- places and overrides


BRIEF_KEYS = [
    "cover.total_score",
    "summary.total_score",
    "conclusion.grade",
    "table1.决策.score",
    "section.决策.score",
    "section.决策.rate",
    "annex.决策/项目立项/立项依据充分性.score",
    "annex.决策/绩效目标/绩效目标合理性.deduction_text",
    "money.body.addition",
    "money.detail.3.amount",
    "targets.3.status",
    "survey.社会公众.q2.A.count",
    "dates.feedback_signature",
    "counts.level3",
    "problems",
    "annex.决策.weight",
]


@pytest.mark.parametrize("name", NAMES)
def test_place_keys_are_unique_and_typed(name: str) -> None:
    pl = places(build_spec(name))
    keys = [p.key for p in pl]
    assert len(keys) == len(set(keys))
    assert all(isinstance(p, PlaceInfo) and p.default for p in pl if p.kind != "section_text")
    assert {p.kind for p in pl} >= {"score", "weight", "money"}


def test_expected_place_keys_exist() -> None:
    keys = {p.key for p in places(build_spec("project_eval"))}
    assert set(BRIEF_KEYS) <= keys
    dept = {p.key for p in places(build_spec("department_eval"))}
    assert {
        "section.部门决策/部门职能.rate",
        "table5.部门决策/部门职能/职能设置明确性.score",
        "summary_table.total.score",
    } <= dept


OVERRIDE_KEYS = [
    "summary.total_score",
    "annex.决策/项目立项/立项依据充分性.score",
    "money.detail.3.amount",
    "survey.社会公众.q2.A.count",
    "annex.决策.weight",
    "dates.feedback_signature",
]


@pytest.mark.parametrize("key", OVERRIDE_KEYS)
def test_an_override_changes_exactly_one_place(key: str, tmp_path: Path) -> None:
    clean = build_spec("project_eval")
    mutant = build_spec("project_eval")
    mutant.overrides[key] = planted = "777.77"
    a = render(clean, "md", tmp_path / "a.md").read_text("utf-8").splitlines()
    b = render(mutant, "md", tmp_path / "b.md").read_text("utf-8").splitlines()
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    assert len(changed) == 1 and planted in changed[0][1] and planted not in changed[0][0]
    assert b.count(changed[0][1]) == 1
    # nothing else moved: the builder recorded the same places
    assert [p.key for p in places(mutant)] == [p.key for p in places(clean)]


def test_overrides_reach_every_format(tmp_path: Path) -> None:
    mutant = build_spec("project_eval")
    planted = {key: f"{n}77.7{n}" for n, key in enumerate(OVERRIDE_KEYS, 1)}
    mutant.overrides.update(planted)
    docx_xml = _docx_xml(render(mutant, "docx", tmp_path / "m.docx")).decode("utf-8")
    pdf = read_document(str(render(mutant, "pdf", tmp_path / "m.pdf")))
    pdf_texts = [compact(p.text) for p in pdf.paragraphs()] + [
        compact(c.text) for t in pdf.tables() for c in t.iter_cells()
    ]
    for key, value in planted.items():
        assert docx_xml.count(value) == 1, key
        assert sum(value in text for text in pdf_texts) == 1, key


def test_problems_override_empties_the_section(tmp_path: Path) -> None:
    spec = build_spec("project_eval")
    spec.overrides["problems"] = "无。"
    text = render(spec, "md", tmp_path / "p.md").read_text("utf-8")
    section = text.split("## 五、存在问题")[1].split("## 六、建议")[0]
    assert section.strip() == "无。"


def test_unknown_override_key_is_refused() -> None:
    spec = build_spec("project_eval")
    spec.overrides["summary.totl_score"] = "1"
    with pytest.raises(KeyError, match="totl"):
        build_content(spec)


def test_build_spec_returns_fresh_specs() -> None:
    a = build_spec("department_eval")
    a.overrides["summary.grade"] = "差"
    assert build_spec("department_eval").overrides == {}
    with pytest.raises(KeyError):
        build_spec("no_such_report")


# ---------------------------------------------------------------- generation


def _docx_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")


def _docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _read_texts(path: Path) -> list[str]:
    doc = read_document(str(path))
    return [compact(p.text) for p in doc.paragraphs()] + [
        compact(c.text) for t in doc.tables() for c in t.iter_cells()
    ]


def test_committed_fixtures_match_a_fresh_generation(tmp_path: Path) -> None:
    make_all(tmp_path)
    for name in NAMES:
        committed, fresh = DEFAULT_OUT / name, tmp_path / name
        assert _docx_parts(fresh.with_suffix(".docx")) == _docx_parts(committed.with_suffix(".docx")), name
        md = [p.with_suffix(".md").read_text("utf-8") for p in (fresh, committed)]
        assert md[0] == md[1], name
        with pdfplumber.open(committed.with_suffix(".pdf")) as pdf:
            producer = pdf.metadata.get("Producer")
        if producer == PRODUCER:  # same fpdf2: the same text, line for line
            assert _pdf_text(fresh.with_suffix(".pdf")) == _pdf_text(committed.with_suffix(".pdf")), name
        else:  # another fpdf2 may wrap lines and break pages elsewhere: compare what a reader sees
            assert _read_texts(fresh.with_suffix(".pdf")) == _read_texts(committed.with_suffix(".pdf")), name


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_twice_gives_identical_bytes(fmt: str, tmp_path: Path) -> None:
    spec = build_spec("department_eval")
    a = render(spec, fmt, tmp_path / f"a.{fmt}").read_bytes()
    b = render(build_spec("department_eval"), fmt, tmp_path / f"b.{fmt}").read_bytes()
    assert a == b


def test_every_committed_fixture_exists() -> None:
    for name in NAMES:
        for fmt in FORMATS:
            assert (DEFAULT_OUT / f"{name}.{fmt}").stat().st_size > 1000, (name, fmt)


def test_pdf_refuses_characters_the_font_lacks(tmp_path: Path) -> None:
    spec = build_spec("self_assessment")
    spec.unit = "临沣市松溪区水库管理所㵘"  # U+3D58, outside GB2312
    with pytest.raises(MissingGlyphs, match="㵘"):
        render(spec, "pdf", tmp_path / "x.pdf")


def test_long_report_is_about_the_requested_length(tmp_path: Path) -> None:
    spec = long_report(40)
    assert spec.consistency_problems() == []
    with pdfplumber.open(render(spec, "pdf", tmp_path / "long.pdf")) as pdf:
        assert 36 <= len(pdf.pages) <= 46
    assert long_report(10).padding == 0


def test_place_kind_is_inferred_from_the_key() -> None:
    assert infer_kind("section.决策.rate") == "rate"
    assert infer_kind("money.detail.3.amount") == "money"
    assert infer_kind("money.body.execution_rate") == "rate"
    assert infer_kind("dates.feedback_signature") == "date"
    assert infer_kind("targets.3.status") == "status"
    assert infer_kind("counts.level3") == "count"
    spec = build_spec("project_eval")
    assert spec.printed("anything.score", "1") == "1"
    spec.overrides["anything.score"] = "2"
    assert spec.printed("anything.score", "1") == "2"
