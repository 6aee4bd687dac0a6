"""The two corpus reports' key facts through the whole extraction (`extract_facts`), in
both formats (.docx and .txt): total score, grade, self score, grade bands, the
first-level tables, the annex tree (every third-level indicator with its weight and
score), the section tables, count claims, money figures and the questionnaire tables.

The figures are the reports' own, as the reviewers verified them
(/work/shared/corpus/annotations/*.yaml, "verified_ok"). Where a report prints a wrong
figure (000 says 22 third-level indicators and lists 23) the test pins what the report
says, since extraction reports claims, not judgements.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from auditor.extract import extract_facts
from auditor.facts import Facts, ScoreNode, ScoreTree
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
pytestmark = needs_corpus

R000 = "000_d151785e31374ea4"
R004 = "004_9702beb4dfdda539"
EXTS = ("docx", "txt")
D = Decimal


@cache
def facts(stem: str, ext: str) -> Facts:
    path = CORPUS / f"{stem}.{ext}"
    if not path.exists():
        pytest.skip(f"{path.name} not in the corpus")
    return extract_facts(read_document(str(path)))


def walk(node: ScoreNode):  # type: ignore[no-untyped-def]
    yield node
    for c in node.children:
        yield from walk(c)


def text(n) -> str | None:  # type: ignore[no-untyped-def]
    return None if n is None else n.text


def rows(tree: ScoreTree, level: int) -> list[tuple[str | None, str, str | None, str | None]]:
    """(code, name, weight, score) as printed, for every node of one level."""
    return [(n.code, n.name, text(n.weight), text(n.score)) for n in walk(tree.root) if n.level == level]


def the(f: Facts, kind: str, caption: str = "") -> ScoreTree:
    found = [t for t in f.score_trees if t.kind == kind and caption in (t.caption or "").replace(" ", "")]
    assert len(found) == 1, [(t.kind, t.caption) for t in f.score_trees]
    return found[0]


def values(f: Facts, kind: str) -> list[str]:
    return [(c.number.text if c.number is not None else c.grade) or "" for c in f.overall if c.kind == kind]


STANDARD_BANDS = [
    ("优", D(90), True, None),
    ("良", D(80), True, D(90)),
    ("中", D(60), True, D(80)),
    ("差", None, True, D(60)),
]


# ================================================================ 000: project evaluation

ANNEX_000 = [  # (二级, weight, [(三级, weight, score)])
    ("项目立项", "6", [("立项依据充分性", "3", "3"), ("立项程序规范性", "3", "3")]),
    ("绩效目标", "6", [("绩效目标合理性", "3", "1"), ("绩效指标明确性", "3", "1")]),
    ("资金投入", "8", [("预算编制科学性", "4", "3"), ("资金分配合理性", "4", "4")]),
    ("资金管理", "8", [("资金到位率", "2", "2"), ("预算执行率", "3", "3"), ("资金使用合规性", "3", "3")]),
    (
        "组织实施",
        "12",
        [("管理制度健全性", "4", "4"), ("制度执行有效性", "5", "5"), ("绩效自评开展情况", "3", "1")],
    ),
    (
        "产出数量",
        "10",
        [
            ("呈贡区政务服务中心大厅、局办公室网络、大屏、统一信息发布终端业务内容维护维护率", "3", "3"),
            ("呈贡区“好差评”业务维护率", "4", "4"),
            ("业务办理量达标率", "3", "3"),
        ],
    ),
    ("产出质量", "10", [("验收合格率", "5", "5"), ("设备或网络正常运转", "5", "5")]),
    ("产出时效", "10", [("“差评”事项的整改、反馈及时性", "5", "5"), ("设备故障维护及时性", "5", "5")]),
    (
        "社会效益",
        "12",
        [("推动呈贡区政务服务标准化、规范化和便利化", "6", "5.42"), ("保障公众信息安全防护", "6", "5.52")],
    ),
    ("可持续影响", "8", [("项目可持续性", "8", "5")]),
    ("满意度", "10", [("综合满意度", "10", "6")]),
]


@pytest.mark.parametrize("ext", EXTS)
def test_000_total_grade_and_self_score(ext: str) -> None:
    f = facts(R000, ext)
    assert set(values(f, "total_score")) == {"84.94"}
    assert {c.context for c in f.overall if c.kind == "total_score"} == {"cover", "summary", "conclusion"}
    assert len(values(f, "total_score")) == 4  # cover line, cover table, 摘要, 结论
    assert set(values(f, "grade")) == {"良"} and len(values(f, "grade")) == 4
    assert values(f, "self_score") == ["100"]
    assert values(f, "self_grade") == ["优"]
    got = [(b.grade, b.lower, b.lower_inclusive, b.upper) for b in f.grade_bands]
    assert got == STANDARD_BANDS
    assert all(not b.upper_inclusive for b in f.grade_bands)


@pytest.mark.parametrize("ext", EXTS)
def test_000_first_level_table(ext: str) -> None:
    tree = the(facts(R000, ext), "summary", "表1")
    assert [(n, w, s) for _, n, w, s in rows(tree, 1)] == [
        ("决策", "20", "15.00"),
        ("过程", "20", "18.00"),
        ("产出", "30", "30.00"),
        ("效益", "30", "21.94"),
    ]
    assert [text(c.rate) for c in tree.root.children] == ["75.00%", "90.00%", "100.00%", "73.13%"]
    root = tree.root
    assert (root.name, text(root.weight), text(root.score), text(root.rate)) == (
        "合计",
        "100",
        "84.94",
        "84.94%",
    )


@pytest.mark.parametrize("ext", EXTS)
def test_000_annex_tree(ext: str) -> None:
    tree = the(facts(R000, ext), "annex")
    assert (text(tree.root.weight), text(tree.root.score)) == ("100", "84.94")
    assert [(n, w) for _, n, w, _ in rows(tree, 1)] == [
        ("决策", "20"),
        ("过程", "20"),
        ("产出", "30"),
        ("效益", "30"),
    ]
    level2 = [n for n in walk(tree.root) if n.level == 2]
    got = [
        (m.name, text(m.weight), [(x.name, text(x.weight), text(x.score)) for x in m.children])
        for m in level2
    ]
    assert got == ANNEX_000
    leaves = [n for n in walk(tree.root) if n.level == 3]
    assert len(leaves) == 23  # the text says 22 (COUNT001)
    assert sum(n.weight.value for n in leaves if n.weight) == 100
    assert sum(n.score.value for n in leaves if n.score) == D("84.94")
    for top in tree.root.children:  # header weights add up level by level
        assert top.weight is not None and top.weight_from_header
        assert sum(m.weight.value for m in top.children if m.weight) == top.weight.value


@pytest.mark.parametrize("ext", EXTS)
def test_000_section_sentences(ext: str) -> None:
    first = [
        (s.indicator, text(s.weight), text(s.score), text(s.rate))
        for s in facts(R000, ext).section_scores
        if s.level == 1
    ]
    assert first == [
        ("决策", "20", "15", "75%"),
        ("过程", "20", "18", "90%"),
        ("产出", "30", "30", "100%"),
        ("效益", "30", "21.94", "73.13%"),
    ]


@pytest.mark.parametrize("ext", EXTS)
def test_000_counts(ext: str) -> None:
    f = facts(R000, ext)
    got: dict[tuple[str, str | None], set[int]] = {}
    for c in f.counts:
        if c.kind != "other":
            got.setdefault((c.kind, c.group), set()).add(c.value)
    assert got[("indicators_level1", None)] == {4}
    assert got[("indicators_level2", None)] == {11}
    assert got[("indicators_level3", None)] == {22}
    assert got[("targets_total", None)] == {11}
    assert got[("targets_completed", None)] == {7}
    assert got[("targets_partial", None)] == {4}
    assert got[("questionnaires_issued", None)] == {70}
    assert got[("questionnaires_valid", None)] == {70}
    assert got[("questionnaires_group", "工作人员")] == {20}
    assert got[("questionnaires_group", "社会公众")] == {50}


@pytest.mark.parametrize("ext", EXTS)
def test_000_money(ext: str) -> None:
    f = facts(R000, ext)
    body = [m for m in f.money if m.fund is None]

    def amounts(quantity: str, unit: str) -> set[Decimal]:
        return {m.amount.value for m in body if m.quantity == quantity and m.unit == unit}

    assert amounts("budget", "万元") == {D(17)}
    assert amounts("budget", "元") == {D(170000)}
    assert amounts("addition", "万元") == {D("24.36"), D("24.35")}  # 24.355 rounded both ways (MONEY002)
    assert amounts("addition", "元") == {D(243550)}
    assert amounts("adjusted_budget", "万元") == {D("41.36")}
    assert amounts("spent", "万元") == {D("41.36")}
    assert amounts("spent", "元") == {D(413550)}
    lines = [m for m in f.money if m.quantity == "detail"]
    groups: dict[str | None, list[Decimal]] = {}
    for m in lines:
        groups.setdefault(m.group, []).append(m.amount.value)
    group, detail = max(groups.items(), key=lambda kv: len(kv[1]))
    assert len(detail) == 41 and sum(detail) == D(413550)
    assert [m.amount.value for m in f.money if m.quantity == "total" and m.group == group] == [D(413550)]


@pytest.mark.parametrize("ext", EXTS)
def test_000_questionnaires(ext: str) -> None:
    f = facts(R000, ext)
    staff = [q for q in f.surveys if q.group == "工作人员"]
    public = [q for q in f.surveys if q.group == "社会公众"]
    assert (len(staff), len(public)) == (10, 9)
    assert {q.valid_total.value for q in staff if q.valid_total} == {20}
    assert {q.valid_total.value for q in public if q.valid_total} == {50}
    assert all(q.valid_total is not None for q in f.surveys)
    for q in staff + public:  # single-choice answers add up to the valid questionnaires
        counts = [o.count.value for o in q.options if o.count is not None]
        assert len(counts) == len(q.options) >= 2
        if not q.multiple_choice:
            assert sum(counts) == q.valid_total.value  # type: ignore[union-attr]


# ================================================================ 004: department evaluation

ANNEX_004 = [  # (code, 二级 weight, [(code, weight, score)])
    ("A1", "4", [("A11", "2", "2"), ("A12", "2", "2")]),
    ("A2", "6", [("A21", "2", "0.5"), ("A22", "2", "2"), ("A23", "2", "1")]),
    ("B1", "5", [("B11", "2", "2"), ("B12", "2", "2"), ("B13", "1", "1")]),
    ("B2", "5", [("B21", "2", "2"), ("B22", "2", "2"), ("B23", "1", "1")]),
    ("B3", "4", [("B31", "2", "2"), ("B32", "2", "0")]),
    ("B4", "4", [("B41", "2", "2"), ("B42", "2", "2")]),
    ("B5", "2", [("B51", "2", "2")]),
    ("B6", "2", [("B61", "2", "1")]),
    ("B7", "3", [("B71", "1", "1"), ("B72", "1", "1"), ("B73", "1", "1")]),
    ("C1", "20", [("C11", "5", "5"), ("C12", "5", "2.5"), ("C13", "5", "2.5"), ("C14", "5", "5")]),
    ("C2", "20", [("C21", "10", "10"), ("C22", "10", "6.5")]),
    ("D1", "8", [("D11", "8", "8")]),
    ("D2", "6", [("D21", "6", "6")]),
    ("D3", "11", [("D31", "6", "6"), ("D32", "5", "5")]),
]
FIRST_004 = [
    ("部门决策", "10", "7.5"),
    ("部门管理", "25", "22"),
    ("部门产出", "40", "31.5"),
    ("部门效益", "25", "25"),
]


@pytest.mark.parametrize("ext", EXTS)
def test_004_total_and_grade(ext: str) -> None:
    f = facts(R004, ext)
    assert [(c.kind, c.context) for c in f.overall] == [
        ("total_score", "summary"),
        ("grade", "summary"),
        ("total_score", "conclusion"),
        ("grade", "conclusion"),
    ]
    assert set(values(f, "total_score")) == {"86.00"}
    assert set(values(f, "grade")) == {"良"}
    assert values(f, "self_score") == [] and values(f, "self_grade") == []  # the report states none
    assert f.grade_bands == []  # nor bands: the standard ones apply


@pytest.mark.parametrize("ext", EXTS)
def test_004_first_level_tables(ext: str) -> None:
    f = facts(R004, ext)
    for caption in ("表1", "表4-1"):
        tree = the(f, "summary", caption)
        assert [(n, w, s) for _, n, w, s in rows(tree, 1)] == FIRST_004, caption
        assert (text(tree.root.weight), text(tree.root.score)) == ("100", "86"), caption
        assert [text(c.rate) for c in tree.root.children] == ["75.00%", "88.00%", "78.75%", "100.00%"], (
            caption
        )


@pytest.mark.parametrize("ext", EXTS)
def test_004_section_tables(ext: str) -> None:
    f = facts(R004, ext)
    sections = [t for t in f.score_trees if t.kind == "section"]
    assert [(text(t.root.weight), text(t.root.score)) for t in sections] == [(w, s) for _, w, s in FIRST_004]
    codes = [c.code for t in sections for c in t.root.children]
    assert codes == [code for code, _, _ in ANNEX_004]
    # a section table's second level agrees with the annex's weights
    assert [text(c.weight) for t in sections for c in t.root.children] == [w for _, w, _ in ANNEX_004]


@pytest.mark.parametrize("ext", EXTS)
def test_004_annex_tree(ext: str) -> None:
    tree = the(facts(R004, ext), "annex")
    assert [(c, n, w) for c, n, w, _ in rows(tree, 1)] == [
        ("A", "部门决策", "10"),
        ("B", "部门管理", "25"),
        ("C", "部门产出", "40"),
        ("D", "部门效益", "25"),
    ]
    level2 = [n for n in walk(tree.root) if n.level == 2]
    got = [
        (m.code, text(m.weight), [(x.code, text(x.weight), text(x.score)) for x in m.children])
        for m in level2
    ]
    assert got == ANNEX_004
    leaves = [n for n in walk(tree.root) if n.level == 3]
    assert len(leaves) == 30
    assert sum(n.weight.value for n in leaves if n.weight) == 100
    assert sum(n.score.value for n in leaves if n.score) == 86
    assert (text(tree.root.weight), text(tree.root.score), text(tree.root.rate)) == ("100", "86.00", "86.00%")
    assert all(n.rate is not None for n in leaves)  # the annex prints 得分率 for every row


@pytest.mark.parametrize("ext", EXTS)
def test_004_section_sentences(ext: str) -> None:
    first = [
        (s.code, text(s.weight), text(s.score), text(s.rate))
        for s in facts(R004, ext).section_scores
        if s.level == 1
    ]
    assert first == [
        *[(code, weight, None, None) for code, weight in zip("ABCD", ("10", "25", "40", "25"), strict=True)],  # 一是…
        ("A", "10", "7.5", "75.00%"),
        ("B", "25", "22", "88.00%"),
        ("C", "40", "31.50", "78.75%"),
        ("D", "25", "25", "100.00%"),
    ]


@pytest.mark.parametrize("ext", EXTS)
def test_004_counts(ext: str) -> None:
    f = facts(R004, ext)
    framework = [(c.kind, c.value) for c in f.counts if c.kind.startswith("indicators_")]
    assert framework == [("indicators_level1", 4), ("indicators_level2", 14), ("indicators_level3", 30)]
    q = {(c.kind, c.group): c.value for c in f.counts if c.kind.startswith("questionnaires")}
    assert q == {
        ("questionnaires_issued", "办事群众"): 78,
        ("questionnaires_group", "办事群众"): 78,
        ("questionnaires_issued", "工作人员"): 55,
        ("questionnaires_group", "工作人员"): 55,
    }


@pytest.mark.parametrize("ext", EXTS)
def test_004_money(ext: str) -> None:
    f = facts(R004, ext)
    whole = [m for m in f.money if m.fund is None and m.period is None]
    assert {m.amount.value for m in whole if m.quantity == "budget"} == {D("354.31")}
    assert {m.amount.value for m in whole if m.quantity == "adjusted_budget"} == {D("335.96")}
    assert D("25.32") in {m.amount.value for m in whole if m.quantity == "carryover"}
    basic = {(m.quantity, m.amount.value) for m in f.money if m.fund == "基本支出"}
    assert basic == {("budget", D("126.35")), ("adjusted_budget", D("180.10")), ("spent", D("180.10"))}
    assert all(m.unit == "万元" for m in f.money if m.fund == "基本支出")


# the .docx was converted from PDF: questions run together in ragged tables and one is
# cut by a page break (its percentages in one table, its counts in the next)
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_004_questionnaires(ext: str) -> None:
    f = facts(R004, ext)
    public = [q for q in f.surveys if q.group == "办事群众"]
    staff = [q for q in f.surveys if q.group == "工作人员"]
    assert (len(public), len(staff)) == (11, 6)
    assert {q.valid_total.value for q in public if q.valid_total} == {78}
    assert {q.valid_total.value for q in staff if q.valid_total} == {55}
    for q in public + staff:  # every answer table adds up to its questionnaires
        counts = [o.count.value for o in q.options if o.count is not None]
        assert q.valid_total is not None and sum(counts) == q.valid_total.value
    first = public[0]
    assert [o.count.value for o in first.options if o.count] == [57, 18, 3, 0, 0]
    assert [text(o.percent) for o in first.options][:2] == ["73.08%", "23.08%"]
