"""Printed numbers as the report printed them.

Every figure is parsed with `decimal.Decimal` from its printed string so that the
printed precision survives (85.20 has two decimals, 413,550.00 has two). The rules use
that precision to turn a figure into the interval it stands for: 84.94 means
[84.935, 84.945].
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict, computed_field

# An ASCII number as it appears after normalisation: optional sign, thousands
# separators, optional decimals, optional percent sign.
NUMBER_PATTERN = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
NUMBER_RE = re.compile(r"(?<![\d.])" + NUMBER_PATTERN + r"(?![\d])")
_FULL_NUMBER_RE = re.compile(r"\s*+(" + NUMBER_PATTERN + r")\s*+")


class Num(BaseModel):
    """A number as printed. `value` is exact; `decimals` is how many digits were
    printed after the point; `percent` means the text carried a % sign (value is in
    percentage points: "73.13%" -> value 73.13, percent True)."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    text: str
    decimals: int
    percent: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> Decimal:
        """Size of one unit in the last printed place: 0.01 for 84.94, 1 for 70."""
        return Decimal(1).scaleb(-self.decimals)

    def interval(self) -> tuple[Decimal, Decimal]:
        """The closed interval a printed figure stands for under rounding to its precision."""
        half = self.precision / 2
        return self.value - half, self.value + half

    def __str__(self) -> str:
        return self.text


def parse_number(text: str) -> Num | None:
    """Parse a whole string as one number ("84.94", "1,396", "73.13%", "-5.18%").
    Returns None when the string is not exactly one number."""
    m = _FULL_NUMBER_RE.fullmatch(text)
    if not m:
        return None
    return _to_num(m.group(1))


def find_numbers(text: str) -> list[tuple[Num, int, int]]:
    """Every number in a text with its (start, end) span."""
    out: list[tuple[Num, int, int]] = []
    for m in NUMBER_RE.finditer(text):
        num = _to_num(m.group(0))
        if num is not None:
            out.append((num, m.start(), m.end()))
    return out


def _to_num(printed: str) -> Num | None:
    percent = printed.endswith("%")
    body = printed[:-1] if percent else printed
    body = body.replace("−", "-").replace(",", "").lstrip("+")
    try:
        value = Decimal(body)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    decimals = len(body.split(".", 1)[1]) if "." in body else 0
    return Num(value=value, text=printed, decimals=decimals, percent=percent)


def num(text: str) -> Num:
    """Parse or raise: for literals in code and tests."""
    parsed = parse_number(text)
    if parsed is None:
        raise ValueError(f"not a number: {text!r}")
    return parsed


# Circled numbers (① … ⑳ -> 1 … 20): how tables number their columns ("⑧=④*⑦").
CIRCLED_NUMBERS = {chr(0x2460 + i): i + 1 for i in range(20)}
