"""Printed figures as intervals, the way XBRL Calculations 1.1 and statcheck compare them.

A figure printed with d decimals stands for every true value that prints that way:
84.94 rounded half-up stands for [84.935, 84.945]; truncated it stands for
[84.94, 84.95]. A sum or a recomputed rate is inconsistent only when the interval it
can take and the interval of the stated figure do not overlap. Intervals are closed:
at the exact boundary we give the report the benefit of the doubt.

Money intervals carry their unit so that 413,550元 and 41.36万元 compare directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from auditor.engine.records import Record

ROUNDING_MODES = ("either", "half_up", "half_even", "truncate")
MONEY_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_QUANTIZE = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "truncate": ROUND_DOWN}


def to_decimal(x: object) -> Decimal:
    """Plain numbers into Decimal; floats go through their repr so 0.1 stays 0.1."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        return Decimal(int(x))
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        return Decimal(repr(x))
    raise TypeError(f"not a number: {type(x).__name__}")


def convert_unit(value: Decimal, unit: str | None, to: str | None) -> Decimal:
    """Money value from one unit to another; other units are left alone."""
    if unit == to or unit not in MONEY_FACTORS or to not in MONEY_FACTORS:
        return value
    return value * MONEY_FACTORS[unit] / MONEY_FACTORS[to]


@dataclass(frozen=True, slots=True)
class Interval(Record):
    """A closed interval [lo, hi] with an optional unit ('万元', '元', '%', None)."""

    lo: Decimal
    hi: Decimal
    unit: str | None = None

    @staticmethod
    def exact(value: object, unit: str | None = None) -> Interval:
        v = to_decimal(value)
        return Interval(v, v, unit)

    def to(self, unit: str | None) -> Interval:
        """The same interval in another money unit (no-op for other units)."""
        if unit == self.unit or self.unit not in MONEY_FACTORS or unit not in MONEY_FACTORS:
            return self
        return Interval(convert_unit(self.lo, self.unit, unit), convert_unit(self.hi, self.unit, unit), unit)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    # Arithmetic for expressions: interval + interval, interval * number … The other
    # operand is converted to this one's money unit so sums across 元/万元 work.
    def _coerce(self, other: object) -> Interval:
        if isinstance(other, Interval):
            return other.to(self.unit) if self.unit in MONEY_FACTORS else other
        return Interval.exact(other, self.unit)

    def __add__(self, other: object) -> Interval:
        o = self._coerce(other)
        return Interval(self.lo + o.lo, self.hi + o.hi, self.unit or o.unit)

    __radd__ = __add__

    def __sub__(self, other: object) -> Interval:
        o = self._coerce(other)
        return Interval(self.lo - o.hi, self.hi - o.lo, self.unit or o.unit)

    def __rsub__(self, other: object) -> Interval:
        return self._coerce(other) - self

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.unit)

    def __mul__(self, other: object) -> Interval:
        o = other if isinstance(other, Interval) else Interval.exact(other)
        products = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        unit = self.unit if o.unit is None else (o.unit if self.unit is None else None)
        return Interval(min(products), max(products), unit)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Interval:
        o = other if isinstance(other, Interval) else Interval.exact(other)
        if o.contains_zero():
            raise ZeroDivisionError("interval divisor contains zero")
        if self.unit in MONEY_FACTORS and o.unit in MONEY_FACTORS:
            o = o.to(self.unit)
            unit = None
        else:
            unit = self.unit if o.unit is None else None
        quotients = (self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi)
        return Interval(min(quotients), max(quotients), unit)

    def __rtruediv__(self, other: object) -> Interval:
        return Interval.exact(other) / self


def printed_interval(
    value: Decimal, decimals: int, mode: str = "either", exact: bool = False, unit: str | None = None
) -> Interval:
    """The interval of true values a figure printed as `value` with `decimals` decimals
    can stand for under a rounding mode."""
    if exact:
        return Interval(value, value, unit)
    p = Decimal(1).scaleb(-decimals)
    half = p / 2
    if mode in ("half_up", "half_even"):
        return Interval(value - half, value + half, unit)
    # truncation drops digits toward zero: 84.94 may have been 84.949…, and 0 may have
    # been a little either side of it
    if mode in ("truncate", "either") and value == 0:
        return Interval(-p, p, unit)
    if mode == "truncate":
        return Interval(value, value + p, unit) if value >= 0 else Interval(value - p, value, unit)
    if mode == "either":
        return (
            Interval(value - half, value + p, unit) if value >= 0 else Interval(value - p, value + half, unit)
        )
    raise ValueError(f"unknown rounding mode {mode!r}; expected one of {', '.join(ROUNDING_MODES)}")


def round_to(value: Decimal, decimals: int, mode: str) -> Decimal:
    """Round like a spreadsheet would print: half_up (Excel/WPS), half_even or truncate."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=_QUANTIZE[mode])


def overlaps(a: Interval, b: Interval, tolerance: Decimal = Decimal(0)) -> bool:
    """True when two intervals share a point (after widening by `tolerance`)."""
    if a.unit in MONEY_FACTORS and b.unit in MONEY_FACTORS:
        b = b.to(a.unit)
    return a.lo <= b.hi + tolerance and b.lo <= a.hi + tolerance
