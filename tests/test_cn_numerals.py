"""Chinese numerals in dates, counts and amounts."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.extract.cn_numerals import cn_to_int, parse_cn_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二四", 2024),
        ("二○二三", 2023),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("两千零二十四", 2024),
        ("三万五千", 35000),
        ("壹佰万", 1_000_000),
        ("一亿二千万", 120_000_000),
        ("两", 2),
        ("3万", 30000),
    ],
)
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "abc", "十二月"])
def test_not_a_numeral(text: str) -> None:
    assert cn_to_int(text) is None


def test_dates() -> None:
    assert parse_cn_date("二〇二四年十二月二日") == (date(2024, 12, 2), "day")
    assert parse_cn_date("发证机关：二〇二三年十一月二十一日") == (date(2023, 11, 21), "day")
    assert parse_cn_date("二〇二五年三月") == (date(2025, 3, 1), "month")
    assert parse_cn_date("二〇二四年二月三十日") is None  # no such day
    assert parse_cn_date("没有日期") is None
