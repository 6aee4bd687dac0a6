"""存在问题 / 存在的主要问题 / 问题清单 sections: their entries, or that they say "无".

A section runs from its title to the next section of the same rank: the next "五、…"
when the title is numbered that way (converted drafts get heading levels wrong), else the
next heading of the same or a higher level. Entries are the first level of numbered
items or sub-headings under it ("（一）…", "1.…"); deeper items belong to their parent.
A problem list inside the unit's self-assessment annex says so in its heading, so the
rules compare it with the self score, not the evaluator's.
"""

from __future__ import annotations

import re

from auditor.facts import Facts, ProblemList, Quote
from auditor.models import Document, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import note

_TITLE = re.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.．章]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])?\s*"
    r"(?:项目|部门|主要)?(?:存在的?主要问题|存在的?问题|问题清单|主要问题|发现的问题)(?:[及和与](?:原因分析|整改建议|建议))?[：:]?$"
)
_TOP_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_ITEM_STYLES = [
    re.compile(r"^[（(][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d+[、.．](?!\d)"),
    re.compile(r"^[（(]\d+[)）]"),
    re.compile(r"^[一二三四五六七八九十]是"),
    re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]"),
]
_NONE = re.compile(r"^(?:无|暂无|没有|未发现(?:明显|重大)?问题|无(?:明显|重大)?问题)[。.；;]?$")
_NONE_END = re.compile(r"(?:无问题|未发现问题|不存在问题)[。.]?$")
_SECTION_END_WORDS = ("建议", "附件", "其他需说明", "其他需要说明", "经验做法", "整改")


def _plain(text: str) -> str:
    """Compact text without leftover Markdown emphasis ("**六、其他需要说明的问题**")."""
    return compact(text).strip("*#_")


def _is_title(p: Paragraph) -> bool:
    t = _plain(p.text)
    return bool(t) and len(t) <= 24 and _TITLE.match(t) is not None


def _item_style(text: str) -> int | None:
    t = compact(text)
    for i, pat in enumerate(_ITEM_STYLES):
        if pat.match(t):
            return i
    return None


def _strip_item(text: str) -> str:
    t = text.strip()
    for pat in _ITEM_STYLES:
        t = pat.sub("", compact(t), count=1) if pat.match(compact(t)) else t
    return t.strip().rstrip("。.；;").strip()


def _ends(p: Paragraph, title: Paragraph, numbered: bool) -> bool:
    t = _plain(p.text)
    if not t:
        return False
    if numbered:
        return _TOP_NUMBER.match(t) is not None or t.startswith("附件")
    own = _item_style(title.text)
    if own is not None and _item_style(t) == own:
        return True  # "（三）存在的问题" ends at "（四）…"
    if (
        p.heading_level is not None
        and title.heading_level is not None
        and p.heading_level <= title.heading_level
    ):
        return True
    return len(t) <= 20 and any(w in t for w in _SECTION_END_WORDS) and _item_style(t) is None


def _self_context(text: str, current: bool) -> bool:
    t = compact(text)
    if "自评" in t and ("报告" in t or "附件" in t) and len(t) <= 40:
        return True
    if t.startswith("附件") and "自评" not in t:
        return False
    return current


def extract_problems(doc: Document, facts: Facts) -> None:
    blocks = doc.blocks
    in_self = False
    self_title = ""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            i += 1
            continue
        before = in_self
        in_self = _self_context(b.text, in_self)
        if in_self and not before:
            self_title = b.text.strip()
        if not _is_title(b):
            i += 1
            continue
        try:
            i = _section(doc, i, facts, self_title if in_self else "")
        except (ValueError, IndexError) as exc:
            facts.notes.append(note("section_skipped", block=i + 1, reason=str(exc)))
            i += 1


def _section(doc: Document, start: int, facts: Facts, self_title: str) -> int:
    title = doc.blocks[start]
    assert isinstance(title, Paragraph)
    numbered = _TOP_NUMBER.match(_plain(title.text)) is not None
    body: list[Paragraph] = []
    j = start + 1
    while j < len(doc.blocks):
        b = doc.blocks[j]
        if isinstance(b, Paragraph):
            if _ends(b, title, numbered) or _is_title(b):
                break
            if compact(b.text):
                body.append(b)
        j += 1
    entries: list[str] = []
    sources: list[Quote] = []
    style: int | None = None
    for p in body:
        s = _item_style(p.text)
        if s is None:
            continue
        if style is None:
            style = s
        if s == style:
            entries.append(_strip_item(p.text))
            sources.append(Quote(location=p.location, text=p.text))
    if not entries and style is None:
        # Plain paragraphs, no numbering: each paragraph is one problem.
        entries = [p.text.strip() for p in body]
        sources = [Quote(location=p.location, text=p.text) for p in body]
    text = compact("".join(p.text for p in body))
    says_none = bool(_NONE.match(text)) or (len(entries) <= 2 and bool(_NONE_END.search(text)))
    if says_none and _NONE.match(text):
        entries, sources = [], []
    heading = title.text.strip()
    if self_title:
        heading = f"{self_title} / {heading}"
    facts.problems.append(
        ProblemList(
            heading=heading,
            entries=entries,
            says_none=says_none,
            source=Quote(location=title.location, text=title.text),
            entry_sources=sources,
        )
    )
    return j
