"""Indicator names and codes as reports print them, and matching them across places.

A scoring table, a heading and a sentence name the same indicator in different ways:
"A11部门职能明确性", "A部门\\n决策\\n(10分)", "决策 (20分)", "（一）决策情况分析",
"1.部门职能", "C12“一网通办”“一网通管”实现情况". `parse_label` splits such a text into
code, name and the weight a header carries. The keys that reduce a name for matching
(`name_key`, `indicator_name_key`) and `match_name` live in extract/keys.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.numbers import Num, parse_number

# A code printed before a name: one capital letter, up to three digits, then the name
# (CJK or an opening quote). "A.很满意" (an answer option) has a dot and is no code.
_CODE = re.compile(r"^([A-Z])(\d{0,3})(?=\s*[\u3400-\u9fff“\"‘（(《〈])")
# Item numbering in front of a name: "（一）", "(1)", "一、", "1.", "1、", "①", "第一部分".
_NUMBERING = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|\d{1,2}(?:\.\d{1,2})*\s*[、.．)）](?!\d)|[①-⑳]|第[一二三四五六七八九十\d]{1,3}[部章节项])\s*"
)
# The weight a label carries: "(20分)", "（6分）", "( 4分)", "（权重20分）", "（分值：6）".
_WEIGHT_PAREN = re.compile(
    r"[（(]\s*(?:权重|分值|满分|标准分)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$"
)
# The weight printed before the name: "(20分)项目决策", "（10分）科学决策". Only with 分:
# a bare "(1)" in front of a name is item numbering.
_WEIGHT_LEAD = re.compile(r"^[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*(?=[^\s)）])")
# "(10)绩效目标" in a column whose other labels print "(N分)name": the same weight with
# its 分 dropped (only read when the caller knows the column's style: `lead_bare`).
_WEIGHT_LEAD_BARE = re.compile(r"^[（(]\s*(\d+(?:\.\d+)?)\s*[)）]\s*(?=[\u3400-\u9fff])")
# "决策 40" / "决策 20分": a bare weight after a name in a level column.
_WEIGHT_TRAIL = re.compile(r"(?<=[\u3400-\u9fff])\s+(\d+(?:\.\d+)?)\s*分?\s*$|(?<=[\u3400-\u9fff])(\d+(?:\.\d+)?)分$")
_SPACE_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")

# First-level names a merged cell may stand for together ("决策、过程 (40分)").
FIRST_LEVEL_NAMES = (
    "部门决策",
    "部门管理",
    "部门产出",
    "部门效益",
    "决策",
    "过程",
    "产出",
    "效益",
    "投入",
    "效果",
    "满意度",
)
_FIRST_LEVEL_RE = re.compile("|".join(FIRST_LEVEL_NAMES))


@dataclass(frozen=True)
class Label:
    """An indicator label split into its parts. `weight` is the weight a header prints
    ("决策 (20分)"); `merged` lists first-level names when one cell names two groups."""

    code: str | None
    name: str
    weight: Num | None = None
    merged: tuple[str, ...] = ()


def join_lines(text: str) -> str:
    """Cell text broken over lines ("A部门\\n决策") as one line: spaces next to CJK go,
    spaces between Latin words stay."""
    return _SPACE_CJK.sub("", text.replace("\n", " ")).strip()


def strip_numbering(text: str) -> str:
    out = text
    for _ in range(2):
        stripped = _NUMBERING.sub("", out, count=1)
        if stripped == out:
            break
        out = stripped
    return out.strip()


def split_code(text: str) -> tuple[str | None, str]:
    """'A11部门职能明确性' -> ('A11', '部门职能明确性'); no code -> (None, text)."""
    m = _CODE.match(text)
    if not m:
        return None, text
    return m.group(1) + m.group(2), text[m.end() :].strip()


def code_level(code: str) -> int:
    """A -> 1, A1 -> 2, A11 -> 3, A111 -> 4."""
    return len(code)


def parse_label(text: str, trailing_weight: bool = False, lead_bare: bool = False) -> Label:
    """Split a label cell or heading into code, name and header weight.
    `trailing_weight` also reads a bare number after the name ("决策 40"), which only a
    level column of a scoring table prints; `lead_bare` reads "(10)name" as a weight (a
    column whose labels print "(N分)name", see `leads_with_points`)."""
    joined = join_lines(text)
    weight: Num | None = None
    lead = _WEIGHT_LEAD.match(joined) or (_WEIGHT_LEAD_BARE.match(joined) if lead_bare else None)
    if lead:
        weight = parse_number(lead.group(1))
        joined = joined[lead.end() :]
    t = strip_numbering(joined)
    m = _WEIGHT_PAREN.search(t) if weight is None else None
    if m:
        weight = parse_number(m.group(1))
        t = t[: m.start()].strip()
    elif trailing_weight and weight is None:
        m = _WEIGHT_TRAIL.search(text.strip())
        if m:
            weight = parse_number(m.group(1) or m.group(2))
            t = strip_numbering(join_lines(text.strip()[: m.start()]))
    code, name = split_code(t)
    name = join_lines(name).strip("：: ")
    merged = tuple(dict.fromkeys(_FIRST_LEVEL_RE.findall(name))) if len(name) > 3 else ()
    if len(merged) < 2 or not _names_only(name, merged):
        merged = ()
    return Label(code, name, weight, merged)


def leads_with_points(text: str) -> bool:
    """'(20分)项目决策': a label printing its weight before the name."""
    return _WEIGHT_LEAD.match(join_lines(text)) is not None


def _names_only(name: str, names: Sequence[str]) -> bool:
    """'决策、过程' or '决策和过程' names two groups; '部门决策' does not."""
    rest = name
    for n in sorted(names, key=len, reverse=True):
        rest = rest.replace(n, "")
    return not re.sub(r"[、，,和及与+/\s]|指标", "", rest)
