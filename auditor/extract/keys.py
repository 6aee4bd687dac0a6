"""The keys that decide when two names or labels mean the same thing.

One module for extraction and engine alike, so the word "same" has one definition per
purpose:

- `name_key`: extraction's key for linking a heading or sentence to an indicator of a
  scoring table ("（一）决策情况分析" -> "决策"). It parses the label first (code,
  numbering, weight header) and drops analysis suffixes (情况分析, 部分, 类指标 …), so a
  section heading finds its row.
- `indicator_name_key`: the engine's key for grouping indicator rows and target rows
  across tables (`Node.key`, `Target.key`, the `name_key` rule function). It drops only a
  code, numbering, a weight header and a trailing 指标; it keeps 部分/情况分析, so a
  heading never groups with a row. The two keys differ on purpose (e.g. "决策部分":
  "决策" for linking, "决策部分" for grouping); changing either changes findings.
- `node_key`: an indicator's identity within a level (its code where printed, else its
  name key).
- `label_key`: the label of a rate or a count reduced for grouping statements of the
  same quantity (no spaces, punctuation or figures).
- `subject_key`: what a figure is of (the row of a rate column), with total-row words
  naming no subject.
- `is_bare_total`: a table amount named only by a total word and its column.
- `rate_name_key`, `question_key`: the identity of a rate (kind and label) and of a
  questionnaire question (group and title).

Grade words (优秀 -> 优) are table vocabulary: `auditor.tables.lexicon.Lexicon.grade_key`.

`auditor.tables.lexicon.label_key` is another normalisation with another job: a cell
text as the table lexicon matches it (spaces gone, brackets and colons made ASCII).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from auditor.extract.indicators import parse_label
from auditor.normalize import compact

# Punctuation a label's key ignores (quotes, brackets, colons, commas, stops, spaces).
PUNCT = re.compile(r"[\s“”\"'‘’《》〈〉<>「」:：,，。;；、()（）\[\]【】]")
# Linking also ignores dots, dashes and bullets ("资金管理-使用", "1.2 …").
_LINK_PUNCT = re.compile(r"[\s“”\"'‘’《》〈〉<>「」『』:：,，。.;；、()（）\[\]【】\-—_·•]")
_LINK_SUFFIXES = ("情况分析", "类指标分析", "指标分析", "类指标", "分析", "部分", "指标")

_LEAD_CODE = re.compile(r"^[A-Za-z]\d{0,3}(?=[^\x00-\x7f])")
_LEAD_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|\d{1,3}(?:\.\d{1,3})*[、.．]?(?=[^\d.%])|[①-⑳])"
)
_WEIGHT_SUFFIX = re.compile(r"[（(]?\d+(?:\.\d+)?分[)）]?$")
_FIGURES = re.compile(r"\d+(?:\.\d+)?%?")

_TOTAL_WORDS = re.compile(r"金额合计|资金合计|合计|总计|小计|共计|总额|金额")
_UNIT = re.compile(r"单位|[万亿千]?元")
_TOTAL_ROW = re.compile(r"^(?:其中)?(?:合计|总计|小计|共计|总额|年度资金总额|资金总额)$")


# ------------------------------------------------------------------ indicators


def name_key(name: str) -> str:
    """A name reduced for linking: no code, numbering, weight header, punctuation,
    spaces or trailing 指标/部分/情况分析."""
    label = parse_label(name)
    s = _LINK_PUNCT.sub("", label.name)
    for suffix in _LINK_SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return s


def indicator_name_key(name: str) -> str:
    """An indicator name reduced for grouping across tables: no code, numbering, weight
    header ('决策 (20分)'), punctuation, spaces or trailing '指标'."""
    s = compact(name)
    for _ in range(2):
        s = _LEAD_CODE.sub("", s)
        s = _LEAD_NUMBERING.sub("", s)
    s = _WEIGHT_SUFFIX.sub("", s)
    s = PUNCT.sub("", s)
    if s.endswith("指标") and len(s) > 3:
        s = s[:-2]
    return s


def node_key(level: int, code: str | None, name: str) -> str:
    """An indicator's identity: its level and its code where printed, else its name."""
    return f"{level}:{code.upper() if code else indicator_name_key(name)}"


def match_name(name: str, candidates: Sequence[str], min_ratio: float = 0.8) -> int | None:
    """Index of the one candidate `name` stands for: an equal key, else the only one
    containing it or contained in it, else the only one similar enough. None when no
    candidate or several fit (a wrong link is worse than none)."""
    return match_key(name_key(name), [name_key(c) for c in candidates], min_ratio)


def match_key(key: str, keys: Sequence[str], min_ratio: float = 0.8) -> int | None:
    """`match_name` over keys already reduced with `name_key`."""
    if not key:
        return None
    exact = [i for i, k in enumerate(keys) if k == key]
    if exact:
        return exact[0] if len(exact) == 1 else None
    if len(key) >= 2:
        inside = [i for i, k in enumerate(keys) if len(k) >= 2 and (key in k or k in key)]
        if len(inside) == 1:
            return inside[0]
        if inside:
            return None
    scored: list[tuple[float, int]] = []
    matcher = SequenceMatcher(None, b=key, autojunk=False)
    for i, k in enumerate(keys):
        if not k:
            continue
        matcher.set_seq1(k)
        # cheap upper bounds first: most candidates are far off
        if matcher.real_quick_ratio() < min_ratio or matcher.quick_ratio() < min_ratio:
            continue
        scored.append((matcher.ratio(), i))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= min_ratio and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
        return scored[0][1]
    return None


# ------------------------------------------------------------------ labels of rates, counts, amounts


def label_key(label: str) -> str:
    """A label reduced for grouping statements of the same rate or quantity."""
    return _FIGURES.sub("", PUNCT.sub("", compact(label)))


def subject_key(subject: str | None) -> str:
    """A subject with punctuation and total-row words removed: the total row of a table
    ('合计', '年度资金总额') is the project's own figure, so it names no subject."""
    if not subject:
        return ""
    s = PUNCT.sub("", compact(subject))
    return "" if _TOTAL_ROW.match(s) else s


def is_bare_total(label: str, quantity_words: Callable[[str], str]) -> bool:
    """A table amount named only by a total word and its column's quantity ('合计 预算数',
    '金额合计'): what it totals is the table's own lines, which the label does not say.
    `quantity_words` strips the money quantity words (extract/money.py owns them)."""
    s = PUNCT.sub("", compact(label))
    if not _TOTAL_WORDS.search(s):
        return False
    return not _UNIT.sub("", quantity_words(_TOTAL_WORDS.sub("", s)))


def rate_name_key(kind: str, label: str) -> str:
    """A rate's identity by name: its kind and its label key ('funding_rate:资金到位率')."""
    return f"{kind}:{label_key(label)}"


def question_key(group: str | None, title: str, index: int) -> str:
    """A question's identity: its questionnaire and its title (else its position)."""
    return f"{group or ''}|{compact(title) or index}"
