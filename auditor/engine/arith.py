"""Evaluate the arithmetic a report prints: '（3359600-3543100）/3543100×100%'.

A tiny recursive-descent parser over Decimal for + − × ÷ * / ( ) and a trailing % on a
number (x% = x/100). Words between the numbers ('工作人员满意度88%*30%') are dropped.
No eval, bounded input length and nesting: the text comes from the document.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_CHARS = 300
MAX_DEPTH = 20

_FOLD = str.maketrans(
    {
        "×": "*",
        "＊": "*",
        "÷": "/",
        "／": "/",
        "（": "(",
        "）": ")",
        "－": "-",
        "−": "-",
        "＋": "+",
        "％": "%",
        "＝": "=",
        "，": ",",
    }
)
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?|[-+*/()]")
_ARITH = re.compile(r"^[\d.,%+\-*/() ]+$")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}")
_OPERATION = re.compile(r"[\d%)]\s*[-+*/]\s*[\d(-]")  # an operator between operands, not a sign


class ArithError(ValueError):
    pass


def segments(text: str) -> list[str]:
    """The '='-separated parts of a printed formula, words stripped from each."""
    folded = text.translate(_FOLD)
    out = []
    for part in folded.split("="):
        kept = "".join(ch for ch in part if ch.isdigit() or ch in ".,%+-*/() ")
        kept = kept.strip(" ,")
        if kept and any(ch.isdigit() for ch in kept):
            out.append(kept)
    return out


def evaluate(expr: str) -> Decimal:
    if len(expr) > MAX_CHARS or not _ARITH.match(expr):
        raise ArithError("not a printed computation")
    tokens = _TOKEN.findall(expr.replace(" ", ""))
    if "".join(tokens) != expr.replace(" ", ""):
        raise ArithError("unreadable token")
    value, pos = _sum(tokens, 0, 0)
    if pos != len(tokens):
        raise ArithError("trailing text")
    return value


def _number(tok: str) -> Decimal:
    pct = tok.endswith("%")
    v = Decimal(tok.rstrip("%").replace(",", ""))
    return v / 100 if pct else v


def _sum(t: list[str], i: int, depth: int) -> tuple[Decimal, int]:
    v, i = _product(t, i, depth)
    while i < len(t) and t[i] in "+-":
        op = t[i]
        w, i = _product(t, i + 1, depth)
        v = v + w if op == "+" else v - w
    return v, i


def _product(t: list[str], i: int, depth: int) -> tuple[Decimal, int]:
    v, i = _atom(t, i, depth)
    while i < len(t) and t[i] in "*/":
        op = t[i]
        w, i = _atom(t, i + 1, depth)
        try:
            v = v * w if op == "*" else v / w
        except (InvalidOperation, ZeroDivisionError) as exc:
            raise ArithError("division by zero") from exc
    return v, i


def _atom(t: list[str], i: int, depth: int) -> tuple[Decimal, int]:
    if depth > MAX_DEPTH or i >= len(t):
        raise ArithError("incomplete")
    tok = t[i]
    if tok == "(":
        v, i = _sum(t, i + 1, depth + 1)
        if i >= len(t) or t[i] != ")":
            raise ArithError("unbalanced parentheses")
        return v, i + 1
    if tok == "-":
        v, i = _atom(t, i + 1, depth + 1)
        return -v, i
    if tok[0].isdigit():
        return _number(tok), i + 1
    raise ArithError(f"unexpected {tok!r}")


def computation(text: str) -> Decimal | None:
    """The value of the first part of a printed formula that is a computation (has an
    operator), as a plain number (percent signs applied): '-5.18%' -> Decimal('-0.0518')."""
    for seg in segments(text):
        if not _OPERATION.search(seg) or _DATE.search(seg):
            continue
        try:
            return evaluate(seg)
        except (ArithError, InvalidOperation):
            continue
    return None
