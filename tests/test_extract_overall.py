"""Overall claims (total score, grade, self score and grade, with where they stand) and
grade bands (auditor.extract.overall). Units, names and figures are invented."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_extract_scores import CORPUS, M, make_doc, make_table

from auditor.extract.overall import extract_overall
from auditor.facts import Facts, GradeBand
from auditor.models import Document
from auditor.readers import read_document

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def overall(doc: Document) -> Facts:
    facts = Facts(file=doc.path)
    extract_overall(doc, facts)
    return facts


def claims(facts: Facts) -> list[tuple[str, str | None, str]]:
    return [(c.kind, c.grade or (c.number.text if c.number else None), c.context) for c in facts.overall]


def bands(facts: Facts) -> list[tuple]:
    return [_band(b) for b in facts.grade_bands]


def _band(b: GradeBand) -> tuple:
    return (b.grade, b.lower, b.lower_inclusive, b.upper, b.upper_inclusive)


# ---------------------------------------------------------------- a whole report's places

COVER_TABLE = [
    ["项目名称", M("乡村道路养护经费", cs=3), "评价年度", "2023年"],
    ["自评方式", "单位自评", "自评分值", "96", "自评等级", "优"],
    ["评价方式", "第三方评价", "评价分值", "81.26", "评价等级", "良"],
]


def _report() -> Document:
    return make_doc(
        ("乡村道路养护经费项目绩效评价报告", 1),
        "评价分值： 81.26 评价等级： 良",
        make_table(COVER_TABLE, caption="概要表"),
        ("摘要", 1),
        ("一、基本情况", 2),
        "项目覆盖全镇12个行政村，满意度得分 88.10%。",
        ("二、绩效评价结论", 2),
        "养护经费项目绩效评价得分81.26分，评价等级为“良”。",
        ("乡村道路养护经费项目绩效评价报告", 1),
        ("一、基本情况", 2),
        "本次评价采用百分制，满分100分。",
        ("三、绩效评价结论", 2),
        ("（一）绩效评价综合结论", 3),
        "经综合评价，该项目综合评分81.26分，评价等级为良。",
        ("四、绩效评价情况分析", 2),
        "决策部分满分为20分，此次绩效评价得分16分，得分率为80%。",
        ("附件3 单位绩效自评报告", 2),
        "单位按要求开展自评，自评得分96分，自评等级为“优”。",
        ("附件4 意见反馈表", 2),
    )


def test_every_place_the_total_and_grade_stand() -> None:
    assert claims(overall(_report())) == [
        ("total_score", "81.26", "cover"),
        ("grade", "良", "cover"),
        ("self_score", "96", "cover"),
        ("self_grade", "优", "cover"),
        ("total_score", "81.26", "cover"),
        ("grade", "良", "cover"),
        ("total_score", "81.26", "summary"),
        ("grade", "良", "summary"),
        ("total_score", "81.26", "conclusion"),
        ("grade", "良", "conclusion"),
        ("self_score", "96", "self_assessment"),
        ("self_grade", "优", "self_assessment"),
    ]


def test_claims_quote_their_place() -> None:
    facts = overall(_report())
    cover = facts.overall[0]
    assert cover.source.text == "评价分值： 81.26 评价等级： 良"
    assert cover.number.value == Decimal("81.26") and cover.number.decimals == 2
    cell = facts.overall[2]  # 自评分值 | 96: the value's cell, quoted with its label
    assert (cell.source.location.table, cell.source.location.row, cell.source.location.col) == (0, 1, 3)
    assert cell.source.text == "自评分值 96"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("绩效评价得分84.94分，评价等级为“良”。", [("total_score", "84.94"), ("grade", "良")]),
        ("综合评分86分，评价等级为良。", [("total_score", "86"), ("grade", "良")]),
        ("部门整体绩效评价总体得分为86.00分，评价等级为“良”。", [("total_score", "86.00"), ("grade", "良")]),
        ("项目自评得分100分，自评等级为“优”。", [("self_score", "100"), ("self_grade", "优")]),
        ("评价组评价得分85.39分，比自评得分低12.61分。", [("self_gap", "12.61"), ("total_score", "85.39")]),
        ("综合满意度得分 86.04%。", []),
        ("工作人员满意度88%，社会公众满意度85.20%。", []),
        ("本次评价满分100分，总分由各指标得分加总形成。", []),
        ("效益部分满分为30分，此次绩效评价得分21.94分，得分率为73.13%。", []),
        ("该二级指标满分5分，得分5分。", []),
        ("根据评分标准，本项指标得3分。", []),
    ],
)
def test_sentences(sentence: str, expected: list[tuple[str, str]]) -> None:
    facts = overall(make_doc(("摘要", 1), sentence))
    assert [(k, v) for k, v, _ in claims(facts)] == expected


def test_grade_words_as_printed() -> None:
    facts = overall(make_doc("经评价，项目得分91.5分，评价等级为“优秀”。"))
    assert [c.grade for c in facts.overall if c.kind == "grade"] == ["优秀"]


def test_self_assessment_form_paragraph() -> None:
    facts = overall(make_doc(("项目支出绩效自评表", 1), "自评得分：93.50分 自评等级：优"))
    assert claims(facts) == [("self_score", "93.50", "self_assessment"), ("self_grade", "优", "self_assessment")]


def test_unlabelled_score_in_the_units_own_report_is_its_self_score() -> None:
    facts = overall(make_doc(("附件5 项目支出绩效自评报告", 2), "经自评，本项目综合得分98分。"))
    assert claims(facts) == [("self_score", "98", "self_assessment")]


# ---------------------------------------------------------------- grade bands

STANDARD = [
    ("优", Decimal(90), True, None, False),
    ("良", Decimal(80), True, Decimal(90), False),
    ("中", Decimal(60), True, Decimal(80), False),
    ("差", None, True, Decimal(60), False),
]


@pytest.mark.parametrize(
    "text",
    [
        "根据最终得分将评价等级分为：优（得分≥90分）；良（80≤得分<90分）；中（60≤得分<80分）；差（得分<60分）。",
        "等级标准：优（得分 ≥ 90 分）；良（ 80 ≤ 得分 < 90 分）；中（ 60 ≤ 得分 < 80 分）；差（得分 < 60 分）。",
        "90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。",
        "得分在90分以上（含90分）的为“优”，80分（含）至90分的为“良”，60分（含）至80分的为“中”，60分以下的为“差”。",
    ],
)
def test_band_wordings(text: str) -> None:
    facts = overall(make_doc(text))
    assert bands(facts) == STANDARD
    assert all(c.kind != "grade" for c in facts.overall)  # naming the grades awards none


def test_band_words_and_inclusive_upper_ends() -> None:
    text = "总分大于等于85分为优秀，70分至84.9分为良好，60分（含）至70分（不含）为合格，低于60分为不合格。"
    assert bands(overall(make_doc(text))) == [
        ("优秀", Decimal(85), True, None, False),
        ("良好", Decimal(70), True, Decimal("84.9"), False),
        ("合格", Decimal(60), True, Decimal(70), False),
        ("不合格", None, True, Decimal(60), False),
    ]


def test_one_band_per_line() -> None:
    doc = make_doc("评价等级划分如下：", "优：90分（含）以上；", "良：80分（含）-90分；", "中：60分（含）-80分；", "差：60分以下。")
    assert bands(overall(doc)) == STANDARD


def test_band_table() -> None:
    rows = [["评价等级", "得分区间"], ["优", "90≤得分≤100"], ["良", "80≤得分<90"], ["中", "60≤得分<80"], ["差", "得分<60"]]
    found = bands(overall(make_doc(make_table(rows))))
    assert found == [("优", Decimal(90), True, Decimal(100), True), *STANDARD[1:]]


def test_a_single_grade_mention_is_no_band() -> None:
    facts = overall(make_doc("项目得分92分，达到优（90分以上）。", "综合满意度为良好。"))
    assert facts.grade_bands == []


# ---------------------------------------------------------------- the corpus


def _corpus(name: str) -> Facts:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    return overall(read_document(str(path)))


@needs_corpus
@pytest.mark.parametrize("name", ["000_d151785e31374ea4.txt", "000_d151785e31374ea4.docx"])
def test_corpus_000(name: str) -> None:
    facts = _corpus(name)
    assert claims(facts) == [
        ("total_score", "84.94", "cover"),
        ("grade", "良", "cover"),
        ("self_score", "100", "cover"),
        ("self_grade", "优", "cover"),
        ("total_score", "84.94", "cover"),
        ("grade", "良", "cover"),
        ("total_score", "84.94", "summary"),
        ("grade", "良", "summary"),
        ("total_score", "84.94", "conclusion"),
        ("grade", "良", "conclusion"),
    ]
    assert bands(facts) == STANDARD


@needs_corpus
@pytest.mark.parametrize("name", ["004_9702beb4dfdda539.txt", "004_9702beb4dfdda539.docx"])
def test_corpus_004(name: str) -> None:
    facts = _corpus(name)
    assert claims(facts) == [
        ("total_score", "86.00", "summary"),
        ("grade", "良", "summary"),
        ("total_score", "86.00", "conclusion"),
        ("grade", "良", "conclusion"),
    ]
    assert facts.grade_bands == []  # the report states none: the standard bands apply


def test_reading_a_text_report(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# 报告\n\n评价分值：７６．５ 评价等级：中\n\n# 摘要\n\n项目绩效评价得分76.5分，评价等级为“中”。\n", "utf-8")
    assert claims(overall(read_document(str(path)))) == [
        ("total_score", "76.5", "cover"),
        ("grade", "中", "cover"),
        ("total_score", "76.5", "summary"),
        ("grade", "中", "summary"),
    ]


@pytest.mark.parametrize(
    ("sentence", "gap"),
    [
        ("评价组评价得分85.39分，比自评得分低8.61分。", "8.61"),
        ("本次评价得分较自评分高2分。", "2"),
        ("评价得分与自评得分相差15.06分，主要原因是自评偏高。", "15.06"),
    ],
)
def test_stated_gap_to_the_self_score(sentence: str, gap: str) -> None:
    facts = overall(make_doc(sentence))
    assert [str(c.number.value) for c in facts.overall if c.kind == "self_gap"] == [gap]
