"""The text Excel prints for a cell value under its number format.

A reviewer reads the printed form (0.86 under "0%" is "86%", 43.2 under "0.00" is
"43.20"), and the extractors read decimals and percent signs from it, so the reader
must show what Excel shows, not the stored float. `format_value(value, code)` returns
that text, or None when the code is one we do not render (fractions, scientific,
digit placeholders interleaved with text, [DBNum] Chinese numerals...): the caller then
prints the value as General and notes it.

Rules followed (Excel's, for a zh-CN installation):
- Sections "positive;negative;zero;text"; a one-section code puts "-" before negative
  numbers, a second section prints the absolute value as written. [Red], [$-804] and
  other bracketed codes are ignored; a [>=100] condition is not evaluated (None).
- Numbers round half away from zero on the 15-significant-digit decimal form, as Excel
  does (2.675 under "0.00" is "2.68", not Python's 2.67).
- General: integers as is, other numbers to 15 significant digits without float noise
  (0.1+0.2 -> "0.3"), E notation beyond 1e15 or below 1e-9.
- Dates: yyyy/yy, m/mm (minutes after h or before s), d/dd, h/hh, ss, AM/PM, aaaa (星期一);
  built-in ids that are locale dependent use their zh-CN form (see ZH_BUILTIN).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

# zh-CN display of the built-in formats whose look depends on the locale; the rest are
# taken from openpyxl's BUILTIN_FORMATS by the caller.
ZH_BUILTIN: dict[int, str] = {
    14: "yyyy/m/d",
    22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
)
_EPOCH_1900 = datetime(1899, 12, 30)
_GENERAL = re.compile(r"G/通用格式|General", re.IGNORECASE)
_DATE_CHARS = re.compile(r"[ymdhs]|aaa", re.IGNORECASE)


def general(value: float | int) -> str:
    """Excel's General form of a number: 15 significant digits, no float noise."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    if value == 0:
        return "0"
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        n = int(exp)
        if -10 < n < 15:  # .15g switched to E early; Excel keeps these positional
            return _plain(Decimal(text))
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}E{'+' if n >= 0 else '-'}{abs(n):02d}"
    return text


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_value(value: object, code: str) -> str | None:
    """Printed text of `value` (int, float, bool, str, datetime/date/time/timedelta)
    under number format `code`; None if the code is beyond what we render."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value, code)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if code == "General" and isinstance(value, int | float):
        return general(value)
    sections = _split_sections(code)
    if isinstance(value, datetime | date | time | timedelta):
        fmt = sections[0]
        if _is_date_section(fmt):
            return _date(_as_datetime(value), fmt)
        value = _serial(value)
    if not isinstance(value, int | float):
        return None
    if any(_condition(s) for s in sections):
        return None
    if len(sections) == 1 and sections[0].strip().lower() in ("general", "g/通用格式", ""):
        return general(value)
    if value < 0 and len(sections) >= 2:
        section, number, sign = sections[1], -value, ""
    elif value == 0 and len(sections) >= 3:
        section, number, sign = sections[2], value, ""
    else:
        section, number, sign = sections[0], abs(value), "-" if value < 0 else ""
    if _is_date_section(section):
        if value < 0:
            return None
        return _date(_EPOCH_1900 + timedelta(days=float(value)), section)
    if any(k == "@" for k, _ in _literal_tokens(section)):
        return sign + general(number)  # a number under the text format "@" shows as General
    m = _GENERAL.search(section)
    if m:  # "General" / zh-CN "G/通用格式", possibly with text around it ('G/通用格式"分"')
        return _literal(section[: m.start()]) + sign + general(number) + _literal(section[m.end() :])
    out = _number(number, section)
    if out is None:
        return None
    # Excel drops the minus sign when the rounded figure is zero ("-0.00" never prints)
    if sign and any(ch in "123456789" for ch in out):
        return sign + out
    return out


def _text(value: str, code: str) -> str:
    sections = _split_sections(code)
    if len(sections) >= 4:
        return "".join(value if kind == "@" else tok for kind, tok in _literal_tokens(sections[3]))
    return value


@lru_cache(maxsize=512)
def _literal(section: str) -> str:
    """The text a section part without placeholders prints."""
    return "".join(t for k, t in _literal_tokens(section) if k in ("lit", "code"))


@lru_cache(maxsize=512)
def _split_sections(code: str) -> tuple[str, ...]:
    sections, cur, i = [], [], 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end
            cur.append(code[i : end + 1])
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(code):
            cur.append(code[i : i + 2])
            i += 2
            continue
        if ch == ";":
            sections.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    sections.append("".join(cur))
    return tuple(sections)


@lru_cache(maxsize=512)
def _condition(section: str) -> bool:
    return bool(re.search(r"\[[<>=]", section))


@lru_cache(maxsize=512)
def _literal_tokens(section: str) -> tuple[tuple[str, str], ...]:
    """Split a section into ('lit', text), ('@', '@') and ('code', char) tokens; bracketed
    codes, fill (*x) and padding (_x) produce nothing."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = n if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < n:
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < n:
            i += 2
        elif ch == "[":
            end = section.find("]", i)
            inner = section[i + 1 : end if end >= 0 else n]
            if inner.startswith("$"):  # [$¥-804]: a currency symbol and a locale
                symbol = inner[1:].split("-", 1)[0]
                if symbol:
                    out.append(("lit", symbol))
            else:
                out.append(("bracket", inner))
            i = n if end < 0 else end + 1
        elif ch == "@":
            out.append(("@", "@"))
            i += 1
        else:
            out.append(("code", ch))
            i += 1
    return tuple(out)


def _number(value: float | int, section: str) -> str | None:
    tokens = _literal_tokens(section)
    if any(kind == "bracket" and re.match(r"(?i)dbnum|natnum", tok) for kind, tok in tokens):
        return None  # Chinese-numeral display: not rendered
    # Locate the one run of digit placeholders (0 # ? , .) with its prefix and suffix.
    placeholders = set("0#?,.")
    kinds = [(k, t) for k, t in tokens if k != "bracket"]
    first = next((i for i, (k, t) in enumerate(kinds) if k == "code" and t in "0#?"), None)
    if first is None:  # no digits at all: the section is literal text ("-" for zero)
        if any(k == "code" and t in "Ee/" for k, t in kinds):
            return None
        return "".join(t if k == "lit" else ("" if t == "%" else t) for k, t in kinds)
    last = max(i for i, (k, t) in enumerate(kinds) if k == "code" and t in "0#?")
    end = last + 1
    while end < len(kinds) and kinds[end] == ("code", ","):
        end += 1  # trailing commas scale by 1000 each
    # A leading "." belongs to the run too (".00")
    start = first
    while start > 0 and kinds[start - 1] == ("code", "."):
        start -= 1
    run = kinds[start:end]
    if any(k != "code" or t not in placeholders for k, t in run):
        return None  # text between digit placeholders ("000-0000"): not rendered
    prefix = "".join(t for _, t in kinds[:start])
    suffix = "".join(t for _, t in kinds[end:])
    if any(k == "code" and t in "Ee/" for k, t in kinds[:start] + kinds[end:]):
        return None
    pattern = "".join(t for _, t in run)
    percent = sum(1 for k, t in kinds[:start] + kinds[end:] if k == "code" and t == "%")
    int_part, _, dec_part = pattern.partition(".")
    scale = len(int_part) - len(int_part.rstrip(","))
    int_part = int_part.rstrip(",")
    grouping = "," in int_part
    int_part = int_part.replace(",", "")
    dec_part = dec_part.replace(",", "")
    if "." in dec_part:
        return None
    try:
        d = Decimal(general(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None
    d = d.scaleb(2 * percent - 3 * scale)
    rounded = d.quantize(Decimal(1).scaleb(-len(dec_part)), rounding=ROUND_HALF_UP)
    whole, _, frac = format(rounded, "f").partition(".")
    whole = whole.lstrip("0")
    min_int = int_part.count("0")
    if len(whole) < min_int:
        whole = whole.rjust(min_int, "0")
    if grouping and whole:
        whole = f"{int(whole):,}"
    if dec_part:
        frac = frac.ljust(len(dec_part), "0")
        keep = len(dec_part)
        # '#' and '?' after the last '0' drop trailing zeros
        while keep > 0 and dec_part[keep - 1] in "#?" and frac[keep - 1] == "0":
            keep -= 1
        text = f"{whole}.{frac[:keep]}"
    else:
        text = whole
    return prefix + text + suffix


@lru_cache(maxsize=512)
def _is_date_section(section: str) -> bool:
    plain = "".join(t for k, t in _literal_tokens(section) if k == "code")
    return bool(_DATE_CHARS.search(plain)) and not re.search(r"[0#?]", plain)


def _as_datetime(value: datetime | date | time | timedelta) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime.combine(_EPOCH_1900.date(), value)
    return _EPOCH_1900 + value


def _serial(value: datetime | date | time | timedelta) -> float:
    delta = _as_datetime(value) - _EPOCH_1900
    return delta.days + delta.seconds / 86400


def _date(dt: datetime, section: str) -> str | None:
    tokens = _literal_tokens(section)
    codes = [(k, t) for k, t in tokens if k != "bracket"]
    # Group runs of the same code letter: "yyyy", "mm", "AM/PM".
    groups: list[tuple[str, str]] = []
    i = 0
    while i < len(codes):
        k, t = codes[i]
        if k == "code" and _starts_ampm(codes, i):
            groups.append(("ampm", ""))
            i += 5
            continue
        if k == "code" and t.lower() in "ymdhsae":
            j = i
            while j < len(codes) and codes[j][0] == "code" and codes[j][1].lower() == t.lower():
                j += 1
            groups.append(("date", t.lower() * (j - i)))
            i = j
            continue
        groups.append(("lit", t))
        i += 1
    has_ampm = any(k == "ampm" for k, _ in groups)
    out: list[str] = []
    for n, (k, tok) in enumerate(groups):
        if k == "lit":
            out.append(tok)
        elif k == "ampm":
            out.append("AM" if dt.hour < 12 else "PM")
        else:
            out.append(_date_part(tok, dt, groups, n, has_ampm))
    return "".join(out)


def _starts_ampm(codes: list[tuple[str, str]], i: int) -> bool:
    text = "".join(t for _, t in codes[i : i + 5])
    return text.upper() == "AM/PM"


def _date_part(tok: str, dt: datetime, groups: list[tuple[str, str]], n: int, has_ampm: bool) -> str:
    c, width = tok[0], len(tok)
    if c == "y" or c == "e":
        return str(dt.year) if width > 2 or c == "e" else f"{dt.year % 100:02d}"
    if c == "d":
        if width <= 2:
            return f"{dt.day:0{width}d}"
        return _WEEKDAYS_EN[dt.weekday()][:3] if width == 3 else _WEEKDAYS_EN[dt.weekday()]
    if c == "a":
        return _WEEKDAYS_ZH[dt.weekday()] if width == 3 else "星期" + _WEEKDAYS_ZH[dt.weekday()]
    if c == "h":
        hour = (dt.hour % 12 or 12) if has_ampm else dt.hour
        return f"{hour:0{min(width, 2)}d}"
    if c == "s":
        return f"{dt.second:0{min(width, 2)}d}"
    # m: minutes right after an hour or right before a second, else month
    if width <= 2 and (_near(groups, n, -1, "h") or _near(groups, n, 1, "s")):
        return f"{dt.minute:0{width}d}"
    if width <= 2:
        return f"{dt.month:0{width}d}"
    name = _MONTHS_EN[dt.month - 1]
    return name[:3] if width == 3 else name[0] if width == 5 else name


def _near(groups: list[tuple[str, str]], n: int, step: int, letter: str) -> bool:
    i = n + step
    while 0 <= i < len(groups):
        k, tok = groups[i]
        if k == "date":
            return tok[0] == letter
        i += step
    return False
