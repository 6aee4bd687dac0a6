"""Statements about one indicator that a deduction reason denies and the text asserts.

A deduction reason ("①绩效目标未细化分解为具体的绩效指标，扣1分") negates a phrase — the
words after 未/没有/缺乏/不够… up to the end of the clause. The report's own analysis of
the same indicator (the paragraph that states its score, "(2) 绩效指标明确性：…得1分")
may assert that phrase ("已将绩效目标细化分解为具体的绩效指标"). Each negated phrase is
kept with the sentences of that paragraph that assert it; whether that is a contradiction
is the rules' call.

Linked by the indicator (the reason's row and the paragraph the section scores name) and
by the phrase: its characters in order within a short window, most of its character
pairs contiguous. A sentence counts as asserting only when nothing negates the phrase in
its clause (a double negation "并非没有" asserts), it is no question ("是否…", "？"), no
exception ("除…外"), no condition ("如/若…") and no plan ("将/拟/计划…" without 已/了), and
it says the thing was done (已, 了, 均, 能够, 较为 …).
"""

from __future__ import annotations

import re

from auditor.facts import Facts, OpposedStatement, Quote, ScoreNode
from auditor.models import Document, Paragraph
from auditor.normalize import compact
from auditor.notes import note

# 未 as a negation, not inside 未来 / 未成年; 无 not inside 无论 / 无偿 …; 不 not in 不断 …
_NEG = re.compile(
    r"尚未|未能|未(?!来|成年|知)|没有|缺乏|缺少|不够|不足|不到位|不规范|不完善|不明确|不合理|无(?!论|偿|缝|线|人|疑|须|需)"
)
# two negations that cancel: "并非没有", "不是没有", "无不"
_DOUBLE_NEG = re.compile(r"(?:并非|不是|并不是|绝非)(?:没有|未|无|缺乏)|无不|不无|没有不")
_NOT_AN_ASSERTION = re.compile(r"是否|[?？]|吗|除[^，。；]{0,20}外|如果|假如|若|倘若|一旦")
_DONE = re.compile(r"已|了|均|能够|较为|较好|做到|完成|落实|实现")
_PLAN = re.compile(r"将|拟|计划|下一步|今后|未来|应当|应|需要|要求")
_REASON_SPLIT = re.compile(r"[；;。\n]|(?=[①②③④⑤⑥⑦⑧⑨⑩])")
_CLAUSE_END = re.compile(r"[，,、：:（(]")
_TRIM_TAIL = re.compile(r"(?:的情况|等情况|情况|等问题|问题|现象)$")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_MIN_PHRASE = 4
_MAX_PHRASE = 24


def extract_statements(doc: Document, facts: Facts) -> None:
    paragraphs = _indicator_paragraphs(doc, facts)
    if not paragraphs:
        return
    for node, reason in _reasons(facts):
        key = compact(node.name)
        paras = paragraphs.get(key)
        if not paras:
            continue
        for clause in _REASON_SPLIT.split(reason):
            found = negated(clause)
            if found is None:
                continue
            phrase, said = found
            try:
                assertions = [q for p in paras for q in asserting_sentences(p, phrase.lstrip("按把对将"))]
            except (ValueError, ArithmeticError) as exc:  # pragma: no cover - defensive
                facts.notes.append(note("sentence_skipped", part="statements", text=clause[:40], reason=str(exc)))
                continue
            facts.statements.append(
                OpposedStatement(
                    indicator=node.name,
                    phrase=phrase,
                    negative=Quote(location=node.source.location, text=said),
                    assertions=assertions,
                )
            )


def negated(clause: str) -> tuple[str, str] | None:
    """The phrase a deduction clause negates, and the clause without its examples and
    points: "①绩效目标未细化分解为具体的绩效指标，如…，扣1分" -> ("细化分解为具体的绩效指标",
    "绩效目标未细化分解为具体的绩效指标"). None when the clause negates nothing (or a double
    negation cancels out)."""
    c = compact(clause).strip("①②③④⑤⑥⑦⑧⑨⑩")
    c = re.split(r"[，,]\s*(?:如|例如|比如|扣|得)", c)[0]
    c = re.sub(r"[，,]?扣\d+(?:\.\d+)?分.*$", "", c)
    if _DOUBLE_NEG.search(c) or _NOT_AN_ASSERTION.search(c):
        return None
    m = _NEG.search(c)
    if m is None:
        return None
    rest = c[m.end() :]
    rest = _CLAUSE_END.split(rest)[0]
    rest = _TRIM_TAIL.sub("", rest.lstrip("能"))
    if not (_MIN_PHRASE <= len(rest.lstrip("按把对将")) <= _MAX_PHRASE):
        return None
    return rest, c


def asserting_sentences(p: Paragraph, phrase: str) -> list[Quote]:
    out = []
    for m in _SENTENCE.finditer(p.text):
        s = m.group(0)
        span = _window(s, phrase)
        if span is None:
            continue
        a, b = span
        clause_start = max((s.rfind(x, 0, a) for x in "，,；;：:"), default=-1) + 1
        scope = s[clause_start:b]
        if _NOT_AN_ASSERTION.search(s[:b]) or not _asserts(scope):
            continue
        start = m.start()
        out.append(Quote(location=p.location.with_span(start, start + len(s)), text=s.strip()))
    return out


def _asserts(scope: str) -> bool:
    """Whether the clause up to the phrase's end asserts it: no negation in scope (two
    that cancel assert), done rather than planned."""
    if _DOUBLE_NEG.search(scope):
        return _NEG.search(_DOUBLE_NEG.sub("", scope)) is None
    if _NEG.search(scope):
        return False
    if _DONE.search(scope) is None:
        return False
    return not (_PLAN.search(scope) and "已" not in scope and "了" not in scope)


def _window(s: str, phrase: str) -> tuple[int, int] | None:
    """The shortest span of `s` holding the phrase's characters in order, if it is short
    (at most twice the phrase plus eight) and keeps most (60 %) of its character pairs."""
    best: tuple[int, int] | None = None
    for start in (i for i, ch in enumerate(s) if ch == phrase[0]):
        pos = start
        for ch in phrase[1:]:
            pos = s.find(ch, pos + 1)
            if pos < 0:
                break
        else:
            if best is None or pos + 1 - start < best[1] - best[0]:
                best = (start, pos + 1)
    if best is None or best[1] - best[0] > 2 * len(phrase) + 8:
        return None
    window = s[best[0] : best[1]]
    pairs = [phrase[i : i + 2] for i in range(len(phrase) - 1)]
    kept = sum(1 for pair in pairs if pair in window)
    return best if kept >= 0.6 * len(pairs) else None


def _reasons(facts: Facts) -> list[tuple[ScoreNode, str]]:
    out: list[tuple[ScoreNode, str]] = []

    def walk(n: ScoreNode) -> None:
        if n.level > 0 and n.deduction_reason and _NEG.search(n.deduction_reason):
            out.append((n, n.deduction_reason))
        for c in n.children:
            walk(c)

    for t in facts.score_trees:
        if t.kind != "self":
            walk(t.root)
    return out


def _indicator_paragraphs(doc: Document, facts: Facts) -> dict[str, list[Paragraph]]:
    """The paragraphs in which the report analyses an indicator: those holding a sentence
    that states that indicator's score ('(2) 绩效指标明确性：…本项指标扣2分，得1分')."""
    out: dict[str, list[Paragraph]] = {}
    for s in facts.section_scores:
        block = s.source.location.block
        if s.indicator is None or block is None or s.source.location.table is not None:
            continue
        p = doc.blocks[block] if block < len(doc.blocks) else None
        if not isinstance(p, Paragraph):
            continue
        paras = out.setdefault(compact(s.indicator), [])
        if all(q is not p for q in paras):
            paras.append(p)
    return out
