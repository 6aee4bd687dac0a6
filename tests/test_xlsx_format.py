"""Printed text of a cell value under its Excel number format (readers.xlsx_format).

Expected texts are what Excel (zh-CN) shows for the value and format, checked by hand."""

from __future__ import annotations

from datetime import datetime

import pytest

from auditor.readers.xlsx_format import ZH_BUILTIN, format_value, general


@pytest.mark.parametrize(
    ("value", "code", "printed"),
    [
        (0.86, "0%", "86%"),
        (0.86, "0.00%", "86.00%"),
        (0.9805, "0.00%", "98.05%"),
        (43.2, "0.00", "43.20"),
        (88.73999999999999, "0.00", "88.74"),  # float noise as written by programs
        (2.675, "0.00", "2.68"),  # half away from zero on the decimal form, as Excel
        (43.5, "0", "44"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (1234567, "#,##0", "1,234,567"),
        (860000, "#,##0.00", "860,000.00"),
        (12345, "#,##0,", "12"),  # a trailing comma scales by 1000
        (-3.5, "0.0", "-3.5"),
        (-3.5, "0.0;(0.0)", "(3.5)"),
        (0, '0.00;-0.00;"-"', "-"),
        (-0.001, "0.00", "0.00"),  # no "-0.00"
        (1234.5, '#,##0.00"元"', "1,234.50元"),
        (1234.5, "0.00元", "1234.50元"),
        (0.5, "[Red]0.0%", "50.0%"),
        (5.25, "0.0#", "5.25"),
        (5.2, "0.0#", "5.2"),
        (3, "0.00_ ", "3.00"),
        (0.123, ".00", ".12"),
        (97.8, "@", "97.8"),  # a number in a cell formatted as text
        (97.8, "G/通用格式", "97.8"),  # zh-CN Excel's name for General
        (97.8, 'G/通用格式"分"', "97.8分"),
        (-2, 'G/通用格式"分"', "-2分"),
        (1234, "[$¥-804]#,##0.00", "¥1,234.00"),
        (0.05, "0.00%;[红色]-0.00%", "5.00%"),
        (-0.05, "0.00%;[红色]-0.00%", "-5.00%"),
        (-12.5, "0.00_);[Red]\\(0.00\\)", "(12.50)"),
        (0, '0.00;-0.00;"—"', "—"),
    ],
)
def test_numbers(value: float, code: str, printed: str) -> None:
    assert format_value(value, code) == printed


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (0.1 + 0.2, "0.3"),  # stored 0.30000000000000004
        (1 / 3, "0.333333333333333"),  # 15 significant digits
        (100, "100"),
        (97.8, "97.8"),
        (1e20, "1E+20"),
        (0.0000123, "0.0000123"),
        (123456789012, "123456789012"),
    ],
)
def test_general(value: float, printed: str) -> None:
    assert general(value) == printed
    assert format_value(value, "General") == printed


@pytest.mark.parametrize(
    ("value", "code", "printed"),
    [
        (datetime(2024, 3, 15), 'yyyy"年"m"月"d"日"', "2024年3月15日"),
        (datetime(2024, 3, 15), "yyyy年m月d日", "2024年3月15日"),
        (datetime(2024, 3, 15), "yyyy-mm-dd", "2024-03-15"),
        (datetime(2024, 3, 15), ZH_BUILTIN[14], "2024/3/15"),
        (datetime(2024, 3, 15), ZH_BUILTIN[31], "2024年3月15日"),
        (45366, "yyyy年m月d日", "2024年3月15日"),  # a serial number under a date format
        (datetime(2024, 3, 15, 14, 5), "yyyy/m/d h:mm", "2024/3/15 14:05"),
        (datetime(2024, 3, 15, 14, 5), "h:mm AM/PM", "2:05 PM"),
        (datetime(2024, 3, 15), "aaaa", "星期五"),
    ],
)
def test_dates(value: object, code: str, printed: str) -> None:
    assert format_value(value, code) == printed


def test_text_is_printed_as_is_unless_a_text_section_says_otherwise() -> None:
    assert format_value("全部完成", "@") == "全部完成"
    assert format_value("全部完成", "0.00") == "全部完成"
    assert format_value("张三", '0;-0;0;"填报人："@') == "填报人：张三"


@pytest.mark.parametrize("code", ["[DBNum1]0", "# ?/?", "0.00E+00", "000-0000", "[>=100]0;0.0"])
def test_codes_not_rendered_say_so(code: str) -> None:
    assert format_value(12.5, code) is None
