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

from auditor.extract.text import split_sentences
from auditor.facts import AllMetClaim, Facts, OpposedStatement, Quote, RepeatedPassage, ScoreNode
from auditor.models import Document, Paragraph
from auditor.normalize import compact
from auditor.notes import note

# 未 as a negation, not inside 未来 / 未成年; 无 not inside 无论 / 无偿 …; 不 not in 不断 …
_NEG = re.compile(
    r"尚未|未能|未(?!来|成年|知|雨绸缪|免|必|尝)|没有|缺乏|缺少|不够|不足|不到位|不规范|不完善|不明确|不合理|无(?!论|偿|缝|线|人|疑|须|需)"
)
# two negations that cancel: "并非没有", "不是没有", "无不"
_DOUBLE_NEG = re.compile(r"(?:并非|不是|并不是|绝非)(?:没有|未|无|缺乏)|无不|不无|没有不")
_NOT_AN_ASSERTION = re.compile(r"是否|[?？]|吗|除[^，。；]{0,20}外|如果|假如|若|倘若|一旦")
_DONE = re.compile(r"已|了|均|能够|较为|较好|做到|完成|落实|实现")
_PLAN = re.compile(r"将|拟|计划|下一步|今后|未来|应当|应|需要|要求")
_REASON_SPLIT = re.compile(r"[；;。\n]|(?=[①②③④⑤⑥⑦⑧⑨⑩])")
_CLAUSE_END = re.compile(r"[，,、：:（(]")
_TRIM_TAIL = re.compile(r"(?:的情况|等情况|情况|等问题|问题|现象)$")
_MIN_PHRASE = 4
_MAX_PHRASE = 24


def extract_statements(doc: Document, facts: Facts) -> None:
    facts.all_met.extend(all_met_claims(doc))
    reasons = repeated_reasons(facts)
    paragraphs = _indicator_paragraphs(doc, facts)
    if not paragraphs:
        facts.repeated_passages.extend(reasons)
        return
    analysed = _repeated(paragraphs, _losing(facts))
    known = {tuple(compact(n) for n in r.indicators) for r in analysed}
    facts.repeated_passages.extend(analysed + [r for r in reasons if tuple(compact(n) for n in r.indicators) not in known])
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
            at = said.find(phrase)
            negs = [m for m in _NEG.finditer(said, 0, max(at, 0)) if at >= 0]
            facts.statements.append(
                OpposedStatement(
                    indicator=node.name,
                    phrase=phrase,
                    negated=said[negs[-1].start() : at + len(phrase)] if negs else phrase,
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
    for s, start, _ in split_sentences(p.text):
        span = _window(s, phrase)
        if span is None:
            continue
        a, b = span
        clause_start = max((s.rfind(x, 0, a) for x in "，,；;：:"), default=-1) + 1
        scope = s[clause_start:b]
        if _NOT_AN_ASSERTION.search(s[:b]) or not _asserts(scope):
            continue
        out.append(Quote(location=p.location.with_span(start, start + len(s)), text=s))
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
    """The paragraphs in which the report analyses an indicator: from the one after the
    previous score statement down to the one stating this indicator's score ('(2) 绩效指标
    明确性：…' … '本项指标扣2分，得1分'), at most four paragraphs."""
    out: dict[str, list[Paragraph]] = {}
    for name, blocks in _indicator_blocks(doc, facts).items():
        out[name] = [p for b in blocks if isinstance(p := doc.blocks[b], Paragraph)]
    return out


def _indicator_blocks(doc: Document, facts: Facts) -> dict[str, list[int]]:
    stated = sorted(
        (s.source.location.block, s.indicator)
        for s in facts.section_scores
        if s.indicator is not None and s.source.location.block is not None and s.source.location.table is None
    )
    out: dict[str, list[int]] = {}
    previous = -1
    for block, name in stated:
        if block >= len(doc.blocks) or not isinstance(doc.blocks[block], Paragraph):
            continue
        first = max(previous + 1, block - _MAX_ANALYSIS_BLOCKS + 1)
        blocks = out.setdefault(compact(name), [])
        blocks += [b for b in range(first, block + 1) if b not in blocks]
        previous = block
    return out


_MAX_ANALYSIS_BLOCKS = 4


# ---------------------------------------------------------------- one shortcoming, two indicators

_SHINGLE = 20  # characters a shared passage must at least span
_DIGIT = re.compile(r"\d")
# points, rates, counts and table numbers: every analysis has them
_POINTS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?=分|%|个)|(?<=[表图])\s*\d+(?:[-－.]\d+)*")


def _losing(facts: Facts) -> set[str]:
    """Indicators whose analysis states a deduction or a score below the weight."""
    out = set()
    for s in facts.section_scores:
        if s.indicator is None or s.level == 1:
            continue  # a first-level summary repeats its parts' words
        lost = s.deduction is not None and s.deduction.value > 0
        below = s.score is not None and s.weight is not None and s.score.value < s.weight.value
        if lost or below:
            out.add(compact(s.indicator))
    return out


def _repeated(paragraphs: dict[str, list[Paragraph]], losing: set[str]) -> list[RepeatedPassage]:
    """A passage of at least 20 characters holding a figure ("物业费18.9万元/年，…顺延两年")
    in the analyses of two indicators that both lose points. Boilerplate ("根据评分标准，
    本项指标扣") holds no figure; a passage shared by three or more indicators is a
    template, not a shortcoming."""
    texts = {
        name: [(p, _POINTS.sub("#", compact(p.text))) for p in paras]
        for name, paras in paragraphs.items()
        if name in losing
    }
    shingles: dict[str, list[str]] = {}
    for name, paras in texts.items():
        seen = set()
        for _, t in paras:
            for i in range(len(t) - _SHINGLE + 1):
                piece = t[i : i + _SHINGLE]
                if piece not in seen and _DIGIT.search(piece):
                    seen.add(piece)
                    shingles.setdefault(piece, []).append(name)
    pairs: dict[tuple[str, str], str] = {}
    for piece, names in shingles.items():
        if len(names) == 2:
            pairs.setdefault((names[0], names[1]), piece)
    out = []
    for (a, b), piece in sorted(pairs.items()):
        passage = _grow(piece, [t for _, t in texts[a]], [t for _, t in texts[b]])
        sources = [_quote_of(texts[n], piece) for n in (a, b)]
        out.append(RepeatedPassage(indicators=[a, b], passage=passage, sources=sources))
    return out


def _grow(piece: str, left: list[str], right: list[str]) -> str:
    """The shared passage around `piece`, as long as both texts keep agreeing."""
    ta = next(t for t in left if piece in t)
    tb = next(t for t in right if piece in t)
    ia, ib = ta.index(piece), tb.index(piece)
    start, end = 0, len(piece)
    while ia - start - 1 >= 0 and ib - start - 1 >= 0 and ta[ia - start - 1] == tb[ib - start - 1]:
        start += 1
    while ia + end < len(ta) and ib + end < len(tb) and ta[ia + end] == tb[ib + end]:
        end += 1
    return ta[ia - start : ia + end]


def _quote_of(paras: list[tuple[Paragraph, str]], piece: str) -> Quote:
    p = next(p for p, t in paras if piece in t)
    return Quote(location=p.location, text=p.text)


# ---------------------------------------------------------------- "every indicator was met"

# "各项产出指标和效益指标均按照年初计划按时、按质、按量完成", "年度绩效目标全部完成",
# "所有绩效指标均已达到预期"
_ALL_MET = re.compile(
    r"(?:各项|所有|全部)(?P<what>[\u4e00-\u9fff、和及与]{0,16}?)(?:指标|目标)(?:值)?"
    r"(?:均|都|全部)(?:已经?|已)?(?:按[^，。；;]{0,16}?)?(?:完成|实现|达到|达成)"
    r"|(?P<what2>年度绩效|绩效)目标(?:均|已)?(?:已经?)?全部(?:完成|实现|达成)"
)
_ALL_WORDS = re.compile(r"各项|所有|全部")  # cheap test before the sentence walk
_AREAS = ("产出", "效益", "满意度")
_HEDGED = re.compile(r"基本|大部分|部分|大多|未|没有|是否|[?？]|若|如果|力争|确保|应当|应该|必须|需要|拟|计划(?:于|在|将)|将")


def all_met_claims(doc: Document) -> list[AllMetClaim]:
    """Unhedged sentences that every indicator (of the areas named) was met. A hedge
    (基本, 大部分), a negation, a question, a plan or a duty (确保…, 应…) asserts nothing.
    A self-assessment's "未完成的绩效目标" answered "无" says the same; "在资金分配、资金
    使用方面无问题" says there is no problem in those areas."""
    out = _no_problem_areas(doc) + _nothing_unmet(doc)
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or not _ALL_WORDS.search(block.text):
            continue
        for s, start, _ in split_sentences(block.text):
            found = _ALL_MET.search(s)
            if found is None:
                continue
            clause_start = max((s.rfind(x, 0, found.start()) for x in "，,；;：:"), default=-1) + 1
            if _HEDGED.search(s[clause_start : found.end()]):
                continue
            what = found.group("what") or ""
            areas = [a for a in _AREAS if a in what]
            quote = Quote(location=block.location.with_span(start, start + len(s)), text=s)
            out.append(AllMetClaim(areas=areas, source=quote))
    return out


_NO_PROBLEM_IN = re.compile(
    r"在(?P<areas>[\u4e00-\u9fff、和及与]{2,40}?)(?:等)?方面(?:均|都|也)?(?:无|不存在|没有|未发现)(?:明显|重大|任何)?问题"
)
_UNMET_TITLE = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．]\s*)?未完成的?(?:绩效)?目标[。：:]?")
_NIL = re.compile(r"^[：:]?\s*(?:无|暂无|没有)[。.；;]?$")


def _no_problem_areas(doc: Document) -> list[AllMetClaim]:
    out = []
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or "方面" not in block.text:
            continue
        for m in _NO_PROBLEM_IN.finditer(block.text):
            areas = [a for a in re.split(r"[、和及与]", m.group("areas")) if len(a) >= 2]
            if not areas:
                continue
            quote = Quote(location=block.location.with_span(m.start(), m.end()), text=m.group(0))
            out.append(AllMetClaim(areas=areas, source=quote, kind="no_problems"))
    return out


def _nothing_unmet(doc: Document) -> list[AllMetClaim]:
    """ "3. 未完成的绩效目标" then "无。" (or "未完成的绩效目标：无")."""
    out = []
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and compact(b.text)]
    for i, p in enumerate(paragraphs):
        c = compact(p.text)
        m = _UNMET_TITLE.match(c)
        if m is None:
            continue
        rest = c[m.end() :]
        if rest:
            said = _NIL.match(rest) is not None
            where = p
        else:
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            said = nxt is not None and _NIL.match(compact(nxt.text)) is not None
            where = nxt if nxt is not None else p
        if said:
            out.append(AllMetClaim(areas=[], source=Quote(location=where.location, text=f"{p.text.strip()} {where.text.strip() if where is not p else ''}".strip())))
    return out


# ---------------------------------------------------------------- one reason, two rows

_REASON_CLAUSE = re.compile(r"[；;。\n]|(?=[①②③④⑤⑥⑦⑧⑨⑩])")
_REASON_POINTS = re.compile(r"[，,]?(?:扣(?:除|减)?了?|得)\s*\d+(?:\.\d+)?\s*分|^[（(]?\d+[)）.、．]|[①②③④⑤⑥⑦⑧⑨⑩]")
_MIN_REASON = 10


def repeated_reasons(facts: Facts) -> list[RepeatedPassage]:
    """One reason clause ("未建立项目资金使用台账") given for the deduction of exactly two
    rows of an evaluator's table, both of which lost points: one shortcoming possibly
    deducted twice. Clauses of fewer than ten characters (未提供资料) and clauses three or
    more rows share are the table's boilerplate."""
    by_clause: dict[str, list[ScoreNode]] = {}

    def walk(n: ScoreNode) -> None:
        lost = n.score is not None and n.weight is not None and n.score.value < n.weight.value
        if n.level > 0 and not n.children and lost and n.deduction_reason:
            seen = set()
            for raw in _REASON_CLAUSE.split(n.deduction_reason):
                c = _REASON_POINTS.sub("", compact(raw)).strip("，,、：:")
                if len(c) >= _MIN_REASON and c not in seen:
                    seen.add(c)
                    by_clause.setdefault(c, []).append(n)
        for ch in n.children:
            walk(ch)

    for t in facts.score_trees:
        if t.kind != "self":
            walk(t.root)
    out: list[RepeatedPassage] = []
    pairs = set()
    for clause, nodes in by_clause.items():
        names = list(dict.fromkeys(compact(n.name) for n in nodes))
        if len(names) != 2 or len(nodes) != 2 or tuple(names) in pairs:
            continue
        pairs.add(tuple(names))
        sources = [Quote(location=n.source.location, text=n.deduction_reason or "") for n in nodes]
        out.append(RepeatedPassage(indicators=[nodes[0].name, nodes[1].name], passage=clause, sources=sources))
    return out
