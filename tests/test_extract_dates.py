"""Dates and durations: the evaluation period, fieldwork, survey, report, signatures
and feedback; Chinese-numeral dates; year-less range ends; durations that are not
targets or deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.extract.dates import extract_dates
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def dates_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_dates(read_document(str(path)), facts)
    return facts


def kinds(f: Facts) -> list[tuple[str, date, str]]:
    return [(d.kind, d.date, d.precision) for d in f.dates if d.kind != "other"]


def test_periods_and_report(tmp_path: Path) -> None:
    text = (
        "项目评价起止时间：２０２５ 年 3 月 4 日-2025 年 9 月 30 日\n\n"
        "评价报告出具时间：2025年9月30日\n\n"
        "评价组于2025年4月1日至4月18日开展现场评价工作。\n\n"
        "问卷调查于2025年4月7日至2025年4月9日开展。\n\n"
        "评价范围为2024年1月1日至2024年12月31日项目资金的安排。\n\n"
        "某某咨询有限公司\n\n二〇二五年九月三十日\n"
    )
    f = dates_of(tmp_path, text)
    assert kinds(f) == [
        ("evaluation_start", date(2025, 3, 4), "day"),
        ("evaluation_end", date(2025, 9, 30), "day"),
        ("report_date", date(2025, 9, 30), "day"),
        ("fieldwork_start", date(2025, 4, 1), "day"),
        ("fieldwork_end", date(2025, 4, 18), "day"),
        ("survey", date(2025, 4, 7), "day"),
        ("survey", date(2025, 4, 9), "day"),
        ("report_date", date(2025, 9, 30), "day"),
    ]
    evaluated = [d for d in f.dates if d.kind == "other"]
    assert [d.date for d in evaluated] == [date(2024, 1, 1), date(2024, 12, 31)]


def test_month_range_after_which_the_work_is_named(tmp_path: Path) -> None:
    # "…开展了绩效评价" names the evaluation itself: a second statement of its period
    f = dates_of(tmp_path, "受委托，评价组于2025年3月至2025年5月对某某局开展了绩效评价。\n")
    assert kinds(f) == [
        ("evaluation_start", date(2025, 3, 1), "month"),
        ("evaluation_end", date(2025, 5, 1), "month"),
    ]
    assert [d.printed for d in f.dates] == ["2025年3月", "2025年5月"]


def test_on_site_work_is_fieldwork(tmp_path: Path) -> None:
    f = dates_of(tmp_path, "评价组于2025年4月至2025年5月赴项目现场开展核查评价。\n")
    assert kinds(f) == [
        ("fieldwork_start", date(2025, 4, 1), "month"),
        ("fieldwork_end", date(2025, 5, 1), "month"),
    ]


def test_signatures_and_feedback(tmp_path: Path) -> None:
    text = (
        "| 签章确认 | 单位（签章）　负责人签字：王小明　签署日期：2025年8月1日 |\n|---|---|\n"
        "| 科室签章确认 | 科室（签章）： 负责人签字：李四 2025年8月2日 |\n"
        "| 单位签章确认 | 单位（签章）：<br>负责人签字：<br>2025年08月03日 |\n"
        "| 反馈日期 | 2025年8月4日 |\n"
    )
    f = dates_of(tmp_path, text)
    assert [(d.kind, d.date.day) for d in f.dates] == [
        ("signature", 1),
        ("signature", 2),
        ("feedback", 3),
        ("feedback", 4),
    ]


def test_survey_timestamps(tmp_path: Path) -> None:
    text = "| 序号 | 提交答卷时间 | 答案文本 |\n|---|---|---|\n| 1 | 2025/4/8 10:11:12 | 很好 |\n"
    assert kinds(dates_of(tmp_path, text)) == [("survey", date(2025, 4, 8), "day")]


def test_durations(tmp_path: Path) -> None:
    text = (
        "合同工期为90日历天（2025年1月1日至2025年3月31日）。服务期限为12个月。\n\n"
        "| 指标 | 指标值 |\n|---|---|\n| 整改反馈时限 | ≤15个工作日 |\n\n"
        "本表请于收到报告之日起5个工作日内反馈。\n"
    )
    f = dates_of(tmp_path, text)
    assert [(d.value.value, d.unit, d.start, d.end) for d in f.durations] == [
        (90, "日历天", date(2025, 1, 1), date(2025, 3, 31)),
        (12, "月", None, None),
    ]


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_dates(doc, f)
    by_kind: dict[str, set[date]] = {}
    for d in f.dates:
        by_kind.setdefault(d.kind, set()).add(d.date)
    # the cover's period and the body's "于2024年6月至2024年8月…开展绩效评价" (S000-03)
    assert by_kind["evaluation_start"] == {date(2024, 6, 18), date(2024, 6, 1)}
    assert by_kind["evaluation_end"] == {date(2024, 12, 2), date(2024, 8, 1)}
    assert by_kind["report_date"] == {date(2024, 12, 2)}  # cover and the Chinese-numeral closing date
    assert sum(1 for d in f.dates if d.kind == "report_date") == 2
    assert by_kind["feedback"] == {date(2024, 4, 20)}
    assert by_kind["signature"] == {date(2024, 11, 11)}
    assert "fieldwork_start" not in by_kind
    assert by_kind["survey"] == {date(2024, 7, 18)}


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004(ext: str) -> None:
    doc = read_document(str(CORPUS / f"004_9702beb4dfdda539.{ext}"))
    f = Facts(file=doc.path)
    extract_dates(doc, f)
    reports = sorted((d.date, d.precision) for d in f.dates if d.kind == "report_date")
    assert reports == [(date(2023, 11, 1), "month"), (date(2023, 11, 28), "day")]
    assert not [d for d in f.dates if d.kind.startswith("evaluation")]  # 评价时段 is the year evaluated
