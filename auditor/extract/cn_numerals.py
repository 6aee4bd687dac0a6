"""Chinese numerals: 二〇二四, 十二, 二十三, 壹佰万, 两千零五 -> int.

Reports write dates and counts in Chinese numerals ("二〇二四年十二月二日", "两个三级指标",
"壹佰万元整"). Two systems occur: positional digit strings (二〇二四 = 2024, used for years)
and the multiplier system (二千零二十四, 十二, 壹佰). `cn_to_int` reads both.
"""

from __future__ import annotations

import re
from datetime import date

DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

CN_DIGIT_CHARS = "".join(DIGITS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
# A run of Chinese numeral characters (what a caller may hand to cn_to_int).
CN_NUMBER = f"[{CN_NUMERAL_CHARS}]+"

_CN_DATE = re.compile(rf"([{CN_DIGIT_CHARS}]{{4}})\s*年\s*({CN_NUMBER})\s*月(?:\s*({CN_NUMBER})\s*[日号])?")


def cn_to_int(text: str) -> int | None:
    """The value of a Chinese numeral, or None when `text` is not one.

    '二〇二四' -> 2024 (positional), '十二' -> 12, '二十三' -> 23, '一百零五' -> 105,
    '壹佰万' -> 1000000, '两' -> 2. Arabic digits mixed in are accepted ('3万' -> 30000)."""
    s = text.strip()
    if not s:
        return None
    if all(ch in DIGITS or ch.isdecimal() for ch in s):
        # Positional: every character a digit (years, "二〇二四").
        out = 0
        for ch in s:
            out = out * 10 + (DIGITS[ch] if ch in DIGITS else int(ch))
        return out
    total = 0  # completed big-unit sections (亿, 万)
    section = 0  # value below the current big unit
    number = 0  # the digit waiting for its small unit
    seen_digit = False
    for ch in s:
        if ch in DIGITS:
            number = DIGITS[ch]
            seen_digit = True
        elif ch.isdecimal():
            number = number * 10 + int(ch)
            seen_digit = True
        elif ch in SMALL_UNITS:
            # "十二" means 12: a small unit with no digit before it counts as one.
            section += (number if seen_digit else 1) * SMALL_UNITS[ch]
            number, seen_digit = 0, False
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            section += number
            if section == 0 and total == 0:
                section = 1
            total = (total + section) * unit if unit > 10_000 else total + section * unit
            section, number, seen_digit = 0, 0, False
        else:
            return None
    return total + section + number


def parse_cn_date(text: str) -> tuple[date, str] | None:
    """The first Chinese-numeral date in `text` ('二〇二四年十二月二日') as (date, precision)."""
    m = _CN_DATE.search(text)
    if not m:
        return None
    year = cn_to_int(m.group(1))
    month = cn_to_int(m.group(2))
    day = cn_to_int(m.group(3)) if m.group(3) else None
    if year is None or month is None:
        return None
    try:
        if day is None:
            return date(year, month, 1), "month"
        return date(year, month, day), "day"
    except ValueError:
        return None


def cn_date_pattern() -> re.Pattern[str]:
    """The compiled pattern for Chinese-numeral dates (groups: year, month, day)."""
    return _CN_DATE
