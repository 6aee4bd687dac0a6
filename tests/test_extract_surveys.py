"""Questionnaire tables: vertical (选项/小计/比例 + 本题有效填写人次), horizontal (项目 |
A.… | 合计 with 份数 and 比例 rows), split tables, titles, groups, 多选."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract.surveys import extract_surveys
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def surveys_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_surveys(read_document(str(path)), facts)
    return facts


VERTICAL = (
    "## （一）工作人员调查问卷\n\n"
    "第1题 您对服务是否满意？\n\n［单选题］\n\n"
    "| 选项 | 小计 | 比例 |\n|---|---|---|\n| 非常满意 | 6 | 60% |\n| 满意 | 3 | 30% |\n| 一般 | 1 | 10% |\n"
    "| 本题有效填写人次 | 10 |  |\n\n"
    "第2题 您遇到过哪些问题？［多选题］\n\n"
    "| 选项 | 小计 | 比例 |\n|---|---|---|\n| 排队久 | 7 | 70% |\n| 材料多 | 5 | 50% |\n\n"
    "| 本题有效填写人次 | 10 |\n|---|---|\n\n"
    "## （二）社会公众调查问卷\n\n"
    "1.您对办事效率是否满意？\n\n"
    "| 项目 | A.非常满意 | B.满意 | C.一般 | 合计 |\n|---|---|---|---|---|\n"
    "| 份数 | 12 | 6 | 2 | 20 |\n| 比例 | 60.00% | 30.00% | 10.00% | 100.00% |\n"
)


def test_vertical_and_horizontal(tmp_path: Path) -> None:
    f = surveys_of(tmp_path, VERTICAL)
    assert len(f.surveys) == 3
    q1, q2, q3 = f.surveys
    assert (q1.group, q1.multiple_choice, q1.valid_total and q1.valid_total.value) == (
        "工作人员",
        False,
        Decimal(10),
    )
    assert q1.title == "第1题 您对服务是否满意？"
    assert [(o.label, o.count and o.count.value, o.percent and o.percent.text) for o in q1.options] == [
        ("非常满意", Decimal(6), "60%"),
        ("满意", Decimal(3), "30%"),
        ("一般", Decimal(1), "10%"),
    ]
    # The valid count was left in a table of its own: it still belongs to question 2.
    assert q2.multiple_choice is True and q2.valid_total is not None and q2.valid_total.value == 10
    assert (q3.group, q3.title) == ("社会公众", "1.您对办事效率是否满意？")
    assert [(o.label, o.count and o.count.value, o.percent and o.percent.text) for o in q3.options] == [
        ("A.非常满意", Decimal(12), "60.00%"),
        ("B.满意", Decimal(6), "30.00%"),
        ("C.一般", Decimal(2), "10.00%"),
    ]
    assert q3.valid_total is not None and q3.valid_total.value == 20


def test_horizontal_blocks_run_together(tmp_path: Path) -> None:
    text = (
        "（办事群众满意度调查）\n\n1.您对窗口服务是否满意?\n\n"
        "| 项 目 | A.很满意 | B.满意 | 合 计 |\n|---|---|---|---|\n"
        "| 满意度比率 | 75.00% | 25.00% | 100.00% |\n"
        "| 份数 | 30 | 10 | 40<br>2.您对大厅环境是否满意? |\n"
        "| 项 目 | A.很满意 | B.满意 | 合 计 |\n"
        "| 满意度比率 | 50.00% |  |  |\n| 50.00% | 100.00% |  |  |\n"
        "| 份数 | 20 | 20 | 40 |\n"
    )
    f = surveys_of(tmp_path, text)
    assert [q.title for q in f.surveys] == ["1.您对窗口服务是否满意?", "2.您对大厅环境是否满意?"]
    assert all(q.group == "办事群众" for q in f.surveys)
    second = f.surveys[1]
    assert [o.percent and o.percent.text for o in second.options] == ["50.00%", "50.00%"]
    assert second.valid_total is not None and second.valid_total.value == 40


def test_question_cut_by_a_page_break(tmp_path: Path) -> None:
    """The header and percentages end one table; the 份数 row starts the next."""
    head = (
        "（办事群众满意度调查）\n\n1.您对窗口服务是否满意?\n\n"
        "| 项 目 | A.很满意 | B.满意 | 合 计 |\n|---|---|---|---|\n"
        "| 满意度比率 | 75.00% | 25.00% | 100.00% |\n"
        "| 份数 | 30 | 10 | 40<br>2.您对大厅环境是否满意? |\n"
        "| 项 目 | A.很满意 | B.满意 | 合 计 |\n"
        "| 满意度比率 | 50.00% |  |  |\n\n"
    )
    rest = "| 50.00% | 100.00% |  |  |\n|---|---|---|---|\n| 份数 | 20 | 20 | 40 |\n"
    f = surveys_of(tmp_path, head + "82%\n\n" + rest)  # a stray page fragment in between
    assert [q.title for q in f.surveys] == ["1.您对窗口服务是否满意?", "2.您对大厅环境是否满意?"]
    second = f.surveys[1]
    assert [o.count and o.count.value for o in second.options] == [Decimal(20), Decimal(20)]
    assert [o.percent and o.percent.text for o in second.options] == ["50.00%", "50.00%"]
    assert second.valid_total is not None and second.valid_total.value == 40
    # real prose in between: the next table is not the rest of the cut question
    g = surveys_of(tmp_path, head + "以下为其他内容说明。\n\n" + rest)
    assert [q.title for q in g.surveys] == ["1.您对窗口服务是否满意?"]


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_surveys(doc, f)
    staff = [q for q in f.surveys if q.group == "工作人员"]
    public = [q for q in f.surveys if q.group == "社会公众"]
    assert len(staff) == 10 and len(public) == 9
    sat = next(q for q in staff if [o.label for o in q.options][:3] == ["非常满意", "满意", "一般"])
    assert [o.count.value for o in sat.options if o.count] == [10, 8, 2, 0]
    assert sat.valid_total is not None and sat.valid_total.value == 20
    assert all(q.valid_total is not None for q in f.surveys)  # incl. the one split off into its own table
    assert {q.valid_total.value for q in public if q.valid_total} == {50}
    assert sum(1 for q in f.surveys if q.multiple_choice) >= 6


def test_percentage_printed_in_the_total_column(tmp_path: Path) -> None:
    text = (
        "## 工作人员调查问卷\n\n1.您对工作是否满意？\n\n"
        "| 项目 | A.非常满意 | B.满意 | C.不满意 | 合计 |\n|---|---|---|---|---|\n"
        "| 份数 | 10 | 8 | 2 | 20 |\n| 比例 | 50.00% | 40.00% | 10.00% | 100.00% |\n"
    )
    (q,) = surveys_of(tmp_path, text).surveys
    assert q.valid_total is not None and q.valid_total.value == 20
    assert q.percent_total is not None and q.percent_total.text == "100.00%"
    assert q.percent_total_source is not None and q.percent_total_source.text == "100.00%"
    assert [o.label for o in q.options] == ["A.非常满意", "B.满意", "C.不满意"]


def test_no_total_column_no_percent_total(tmp_path: Path) -> None:
    text = "1.您对工作是否满意？\n\n| 项目 | A.满意 | B.不满意 |\n|---|---|---|\n| 份数 | 10 | 8 |\n| 比例 | 55.56% | 44.44% |\n"
    (q,) = surveys_of(tmp_path, text).surveys
    assert q.percent_total is None


FREE_TEXT = (
    "第5题 您认为存在哪些不足？［多选题］\n\n"
    "| 选项 | 小计 | 比例 |\n|---|---|---|\n| 资金不足 | 30 | 60% |\n| 其他（请说明） | {n} | 14% |\n"
    "| 本题有效填写人次 | 50 |  |\n\n"
    "{between}"
    "| 序号 | 提交答卷时间 | 来源 | 答案文本 |\n|---|---|---|---|\n"
    "| 1 | 2024/7/18 14:01 | 微信 | 技术落后 |\n| 2 | 2024/7/18 15:11 | 微信 | 不了解 |\n"
)


def test_free_text_answers_after_a_question(tmp_path: Path) -> None:
    (q,) = surveys_of(tmp_path, FREE_TEXT.format(n=7, between="")).surveys
    assert q.free_texts == 2 and q.free_texts_source is not None
    assert "答案文本" in q.free_texts_source.text
    # an answer table under another question's title belongs to that question
    (q,) = surveys_of(tmp_path, FREE_TEXT.format(n=7, between="第6题 您的其他建议？［填空题］\n\n")).surveys
    assert q.free_texts is None


def test_survey008_counts_the_written_answers(rule_findings) -> None:
    def found(n: int) -> list:
        return rule_findings(FREE_TEXT.format(n=n, between=""), "SURVEY008")

    assert found(2) == []
    (f,) = found(7)
    assert f.severity == "warning" and [p.role for p in f.places] == ["other", "answers"]
