"""Arithmetic as a reviewer writes it: "16.50 + 17.44 + 28.50 + 21.95 = 84.39，表中合计为
85.39", not rounding intervals.

The rules compare intervals (a printed 85.39 stands for anything in [85.385, 85.395]) and
their messages say so. For people the intervals are noise unless they ask (`-v`; the JSON
keeps the messages as the rules wrote them): the display drops the interval asides, says
the rounding in words instead, writes a computed interval as the value it is about
("21.95/30 ≈ 73.17%"), spaces the sums, and says a tally of amounts in one unit.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_NUM = r"-?\d+(?:\.\d+)?"
_IV = rf"\[({_NUM}), ({_NUM})\]"
# '（舍入区间 [84.37, 84.41]）', '（区间 [76.495, 76.505]%）', ' (rounding interval [..])', ' (interval [..]万元)'
_ASIDE = re.compile(rf"\s*[（(](?:舍入)?(?:区间|(?:rounding )?interval) {_IV}[^）)]*[）)]")
# '= [73.1500, 73.1833]%' as a computed value
_COMPUTED = re.compile(rf"= {_IV}(%?)")
_PLUS = re.compile(r"(?<=[\d%元])\+(?=\d)")
# 'amount ×count' items of a tally ('24.65万元 ×1; 246,450.00元 ×1')
_TALLY_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)(亿元|万元|元)(?= ×\d)")
_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
ROUNDING = {"zh": "（四舍五入后仍不一致）", "en": " (still differs after rounding)"}


def _about(lo: str, hi: str, unit: str) -> str:
    """The value an interval stands for, to two decimals: [73.1500, 73.1833] → 73.17."""
    mid = (Decimal(lo) + Decimal(hi)) / 2
    return f"≈ {mid.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{unit}"


def one_unit(text: str) -> str:
    """A tally mixing 元 and 万元 said in 万元, each converted amount followed by its
    printed form: '246,450.00元 ×1' → '24.645万元（246,450.00元）×1', so amounts that agree
    read alike."""
    units = {m[2] for m in _TALLY_AMOUNT.finditer(text)}
    if len(units) < 2 or "万元" not in units:
        return text

    def convert(m: re.Match[str]) -> str:
        if m[2] == "万元":
            return m[0]
        wan = (Decimal(m[1].replace(",", "")) * _TO_WAN[m[2]]).normalize()
        return f"{wan:f}万元（{m[0]}）"

    return _TALLY_AMOUNT.sub(convert, text)


def readable(text: str | None, lang: str = "zh", aside: bool = True) -> str:
    """`text` with intervals said the way a reviewer reads arithmetic. With `aside`,
    a dropped interval aside is replaced once by the rounding said in words."""
    if not text:
        return text or ""
    out, dropped = _ASIDE.subn("", text)
    out = _COMPUTED.sub(lambda m: _about(m[1], m[2], m[3]), out)
    out = _PLUS.sub(" + ", out)
    out = one_unit(out)
    if dropped and aside:
        out += ROUNDING["en" if lang == "en" else "zh"]
    return out
