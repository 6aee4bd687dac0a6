"""Two free sentences of one report, one denying a key phrase and one asserting it.

"项目单位尚未建立项目资金管理制度" and "项目单位已建立项目资金管理制度" cannot both hold.
A denial is a verb negated by 未/尚未/没有 (not 未来, 未雨绸缪 …: the negation pattern of
statements.py) with the rest of its clause as the key phrase; its subject is the clause's
words before the negation. A sentence asserts the phrase when its characters stand in
order in one clause (the verb and the last two characters unbroken, a few inserted
words allowed: "提出问题及建议" in "提出了合理的问题及建议"), the phrase ends that clause,
and the clause asserts it as statements.py judges (no negation in scope — "并非没有"
cancels —, done rather than planned).

Precision first, so a pair is left out when it may not be a contradiction:
- either sentence is a question, a condition, an exception (除…外), a duty or a plan,
  or a scoring rule or a deduction ("因未细化，扣1分" restates a deduction: TEXT001's);
- the denial is scoped (部分, 个别, 3个乡镇 …) or attributive ("存在未按时完成的情况");
- the assertion is hedged (基本, 大部分, 初步 …);
- the two subjects differ, unless both are the project or its unit in general words
  (项目, 该单位 …), or the sentences speak of different topics (the indicator whose
  analysis or numbered entry holds them; '' for the whole project), or of different years;
- the key phrase is short (fewer than four characters besides function words).
"""

from __future__ import annotations

import re

from auditor.extract.statements import _DOUBLE_NEG, _asserts, _indicator_blocks
from auditor.extract.text import split_sentences
from auditor.facts import Denial, Facts, Quote
from auditor.models import Document, Paragraph
from auditor.normalize import compact
from auditor.notes import note

# verb negations only: 不/无 mostly negate adjectives and nouns ("不规范", "无问题")
_DENY = re.compile(r"(?:尚|并|仍|均|也|还|都)?(?:未能|未(?!来|成年|知|雨绸缪|免|必|尝|曾|经)|没有)")
_ANY_NEG = re.compile(r"未(?!来|成年|知|雨绸缪|免|必|尝|曾|经)|没有|不(?!断|仅|但|少|久|同)|无(?!论|偿|缝|线|人|疑|须|需)|非(?!常)|缺乏|缺少")
_CLAUSE_MARKS = "，,：:"
_ENDS = set("，,。；;：:、）)！？!?")
# no claim at all: questions, conditions, exceptions, duties and plans, scoring rules;
# plain words are looked up with `in` (one regex of forty alternatives costs 20 ms on a
# long report), the few patterns only when their key character is there
_NOT_A_CLAIM_WORDS = (
    "是否", "?", "？", "吗", "如果", "假如", "倘若", "一旦", "防止", "避免", "杜绝", "确保", "以免", "严禁", "禁止",
    "不得", "应当", "应该", "必须", "需要", "拟", "力争", "争取", "下一步", "今后", "将来", "扣除", "扣减", "满分",
    "评分标准", "评价要点",
)
_NOT_A_CLAIM_PATTERNS = (
    ("若", re.compile(r"若(?!干)")),
    ("除", re.compile(r"除[^，。；;]{0,20}(?:外|以外)")),
    ("建议", re.compile(r"(?<![及和与、见])建议")),
    ("计划", re.compile(r"(?<!按)计划(?!内)")),
    ("扣", re.compile(r"扣\s*\d")),
    ("分", re.compile(r"得\s*\d+(?:\.\d+)?\s*分")),
)


def _not_a_claim(s: str) -> bool:
    return any(w in s for w in _NOT_A_CLAIM_WORDS) or any(k in s and p.search(s) for k, p in _NOT_A_CLAIM_PATTERNS)


_SCOPED = re.compile(
    r"部分|个别|少数|一些|有的|某些|少量|其中|多数|大多|个别|仍有|尚有|\d+\s*(?:个|家|项|所|户|村|人|笔|份|次)"
    r"|[一二三四五六七八九十两]+(?:个|家|项|所|户|村|笔|份)"
)
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:存在|出现|发现|有|对|针对|对于|把|将|是|为|属于|因|由于)$")
_ATTRIBUTIVE_AFTER = re.compile(r"的(?:情况|现象|问题|行为|项目|事项|部分|内容|单位|资金|人员)$")
_VERB_DE = re.compile(r"^[\u4e00-\u9fff]{1,3}的")  # "完成的绩效目标": a noun with an attribute, no claim
_HEDGED = re.compile(
    r"基本|大部分|部分|大多|初步|总体|整体|逐步|正在|一定程度|个别|少数"
    r"|进一步|加强|继续|持续|切实|务必|尽快|督促|推动|推进"  # a recommendation's verbs, no fact
)
# one of the two was put right, or comes before or after the other: a sequence, no contradiction
_SEQUENCE = re.compile(r"整改后|已整改|已补|补充提供|现已|目前已|此前|之前|原来|原先|后来|随后|后续|截至|截止")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")
_DROP = "的了"
_FUNCTION = set("的了和与及等对将把其该此各并且或")
_TRIM_TAIL = re.compile(r"(?:等情况|的情况|情况|等问题|现象|等)$")
_MIN_MEANING = 4
_MAX_PHRASE = 24
_MAX_CHECKS = 20_000  # window checks per document (see _Budget)
_SLACK = 6  # inserted characters a matching assertion may hold ("合理的")
# what a subject may start with that is no part of it
_LEAD_WORDS = re.compile(
    r"^(?:但是?|而且?|并且?|同时|此外|另外|其次|再次|最后|目前|当前|截至[^，,]{0,12}|经[\u4e00-\u9fff]{1,10}?(?:查|核|评价|了解|审核|核实|检查)"
    r"|总体(?:来看|而言)|综上|通过[\u4e00-\u9fff]{0,10})+"
)
_PREPOSITION = re.compile(r"针对|对于|对|向|就|按照|根据|依据|通过|在")
_NUMBERING = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．]|[①②③④⑤⑥⑦⑧⑨⑩])")
_TIME_WORDS = re.compile(r"(?:19|20)\d{2}年度?(?:\d{1,2}月)?(?:\d{1,2}日)?|年初|年底|年末|年内|本年度?|当年|上年度?|同时")
_ADVERB_TAIL = re.compile(r"(?:尚|并|仍|均|都|也|还|已经|已|一直|始终|全部|全面|能够|能)+$")
_GENERIC = {
    "", "项目", "本项目", "该项目", "此项目", "单位", "该单位", "本单位", "我单位", "项目单位", "实施单位",
    "项目实施单位", "主管部门", "部门", "本部门", "该部门", "我局", "本局", "该局", "项目实施",
}
# a paragraph's lead naming its topic: "（3）管理制度健全性：", "2. 资金管理方面："
_TOPIC_LEAD = re.compile(
    r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．]\s*|[A-Za-z]\d{1,3}\s*)(?P<name>[^：:，,。；;（(]{2,30}?)\s*(?:[（(][^)）]{0,10}[)）])?\s*[：:]"
    r"|^(?P<area>[^：:，,。；;]{2,20}?)方面\s*[：:]"
)


def extract_assertions(doc: Document, facts: Facts) -> None:
    """Denials first (few paragraphs hold 未/没有), then only the paragraphs holding one
    of their verbs are cut into candidate assertions: cheap on a long report."""
    paragraphs = [
        (i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.heading_level is None and b.text.strip()
    ]
    topics: dict[int, str] | None = None
    denials: list[tuple[Denial, str, set[str]]] = []  # (denial, its subject, years of its sentence)
    for i, block in paragraphs:
        if not _DENY.search(block.text):
            continue
        topics = _block_topics(doc, facts) if topics is None else topics
        for _, offset, s, topic in _claims(block, topics.get(i, "")):
            if _DENY.search(s):
                denials += [(d, subj, set(_YEAR.findall(s))) for d, subj in _denials(block, offset, s, topic)]
    if not denials:
        return
    assert topics is not None
    heads = {d.phrase[:2] for d, _, _ in denials}
    wanted = heads | {d.phrase[-2:] for d, _, _ in denials}
    pools: dict[str, _Pool] = {}
    for i, block in paragraphs:
        if any(h in block.text for h in heads):
            for p, offset, s, topic in _claims(block, topics.get(i, ""), heads):
                pools.setdefault(topic, _Pool()).add(p, offset, s, wanted)
    # an assertion TEXT001 already holds against the indicator's deduction reason
    opposed: dict[str, list[str]] = {}
    for st in facts.statements:
        opposed.setdefault(compact(st.indicator), []).extend(a.text for a in st.assertions)
    # one search per phrase, subject and years: a report repeating a denial (or a hostile
    # one repeating it ten thousand times) costs one pass over the candidates
    searched: set[tuple[str, str, str, frozenset[str]]] = set()
    budget = _Budget()
    for d, subject, years in denials:
        key = (d.topic, d.phrase, subject, frozenset(years))
        if key not in searched:
            searched.add(key)
            pool = pools.get(d.topic)
            if pool is None:
                found = None
            elif budget.spent >= _MAX_CHECKS:
                if not budget.noted:
                    budget.noted = True
                    facts.notes.append(note("sentence_skipped", part="assertions", text=d.denied[:40], reason="too many candidate sentences"))
                found = None
            else:
                found = _assertion(d, subject, years, pool, budget)
            if found is not None and not any(found[1].text in t for t in opposed.get(d.topic, [])):
                d.asserted, d.positive = found
        facts.denials.append(d)


def _claims(block: Paragraph, block_topic: str, heads: set[str] | None = None) -> list[tuple[Paragraph, int, str, str]]:
    """The paragraph's sentences that may claim something (no question, plan, rule …),
    with where each starts and the paragraph's topic; a topic lead is cut off. With
    `heads`, only sentences holding one of them."""
    topic, lead = _topic(block.text, block_topic)
    out = []
    for s, start, end in split_sentences(block.text):
        if end <= lead or (heads is not None and not any(h in s for h in heads)) or _not_a_claim(s):
            continue
        offset = start
        if start < lead:  # the lead is the topic, not the subject
            s, offset = block.text[lead:end], lead
        out.append((block, offset, s, topic))
    return out


def _denials(p: Paragraph, offset: int, s: str, topic: str) -> list[tuple[Denial, str]]:
    out = []
    for m in _DENY.finditer(s):
        cs = max(s.rfind(x, 0, m.start()) for x in _CLAUSE_MARKS) + 1
        ce = min((k for k in (s.find(x, m.end()) for x in "，,：:。；;！？!?") if k >= 0), default=len(s))
        before, rest = s[cs : m.start()], s[m.end() : ce]
        if rest.startswith(("发现", "出现", "发生", "存在")):
            continue  # "未发现截留资金": an absence found, no act denied
        if _ANY_NEG.search(rest) or _ANY_NEG.search(before) or _DOUBLE_NEG.search(s[cs:ce]):
            continue  # two negations in one clause: cancelling or listing, either way not one denial
        if _SCOPED.search(s[: m.start()]) or _ATTRIBUTIVE_BEFORE.search(compact(before)):
            continue
        if _SEQUENCE.search(s) or _quoted(s, m.start()):
            continue
        phrase = _TRIM_TAIL.sub("", _norm(rest)[0])
        if _ATTRIBUTIVE_AFTER.search(compact(rest)) or _VERB_DE.match(compact(rest)) or not _meaningful(phrase):
            continue
        subject = _subject(before)
        quote = Quote(location=p.location.with_span(offset, offset + len(s)), text=s.strip())
        denied = s[m.start() : ce].strip()
        out.append((Denial(phrase=phrase, topic=topic, denied=denied, negative=quote), subject))
    return out


class _Budget:
    """Window checks spent over the document: a hostile report of thousands of denials
    and assertions sharing words stops at `_MAX_CHECKS` (recall lost, never precision)."""

    def __init__(self) -> None:
        self.spent = 0
        self.noted = False


class _Pool:
    """One topic's candidate assertions: each sentence normalised once, indexed by the
    character pairs the denials' phrases begin and end with."""

    def __init__(self) -> None:
        self.items: list[tuple[Paragraph, int, str, str, list[int]]] = []
        self.by_pair: dict[str, list[int]] = {}

    def add(self, p: Paragraph, offset: int, s: str, wanted: set[str]) -> None:
        n, idx = _norm(s)
        k = len(self.items)
        self.items.append((p, offset, s, n, idx))
        for pair in {n[j : j + 2] for j in range(len(n) - 1)} & wanted:
            self.by_pair.setdefault(pair, []).append(k)

    def candidates(self, phrase: str) -> list[int]:
        tails = set(self.by_pair.get(phrase[-2:], ()))
        return [k for k in self.by_pair.get(phrase[:2], ()) if k in tails]


def _assertion(d: Denial, subject: str, years: set[str], pool: _Pool, budget: _Budget) -> tuple[str, Quote] | None:
    """The first sentence of the same topic asserting the denial's phrase of the same subject."""
    ph = d.phrase
    for k in pool.candidates(ph):
        p, offset, s, n, idx = pool.items[k]
        if s.strip() == d.negative.text:
            continue
        budget.spent += 1
        if budget.spent > _MAX_CHECKS:
            return None
        span = _window(n, idx, ph)
        if span is None:
            continue
        a, b = span
        cs = max(s.rfind(x, 0, a) for x in _CLAUSE_MARKS) + 1
        scope = s[cs:b]
        if not _asserts(scope) or _HEDGED.search(scope) or _SCOPED.search(s[:a]) or _VERB_DE.match(s[a:b]):
            continue
        if _SEQUENCE.search(s[:b]) or _quoted(s, a):
            continue
        if _subject(s[cs:a]) != subject and not (_subject(s[cs:a]) in _GENERIC and subject in _GENERIC):
            continue
        other_years = set(_YEAR.findall(s))
        if years and other_years and not (years & other_years):
            continue
        start = max(cs, _assert_start(s, cs, a))
        quote = Quote(location=p.location.with_span(offset, offset + len(s)), text=s.strip())
        return s[start:b], quote
    return None


def _assert_start(s: str, cs: int, a: int) -> int:
    """Where the asserting words begin: the clause's last done-marker before the phrase
    ('已', '均已': "已在门户网站公开…"), else the phrase itself."""
    found = list(re.finditer(r"(?:均|都|也)?(?:已经|已)", s[cs:a]))
    return cs + found[-1].start() if found else a


def _window(n: str, idx: list[int], phrase: str) -> tuple[int, int] | None:
    """The span of `s` holding the phrase: its first two and last two characters unbroken,
    the rest in order with at most a few inserted characters, most character pairs kept,
    and nothing but a clause end (or the sentence's end, 并/且/后) after it. `n` is the
    sentence normalised (_norm), `idx` where each of its characters stood."""
    start = n.find(phrase[:2])
    while start >= 0:
        pos = start + 1
        ok = True
        for ch in phrase[2:]:
            pos = n.find(ch, pos + 1)
            if pos < 0:
                ok = False
                break
        if not ok:
            return None
        end = pos + 1
        window = n[start:end]
        pairs = [phrase[i : i + 2] for i in range(len(phrase) - 1)]
        kept = sum(1 for pair in pairs if pair in window)
        after = n[end : end + 1]
        if (
            window.endswith(phrase[-2:])
            and end - start <= len(phrase) + _SLACK
            and kept >= 0.75 * len(pairs)
            and (not after or after in _ENDS or after in "并且后")
            and not any(x in window for x in _CLAUSE_MARKS + "。；;")
        ):
            return idx[start], idx[end - 1] + 1
        start = n.find(phrase[:2], start + 1)
    return None


def _quoted(s: str, pos: int) -> bool:
    """Inside a title or a quotation ("《关于未按时完成…的通报》")."""
    before = s[:pos]
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def _norm(s: str) -> tuple[str, list[int]]:
    """The text without spaces, 的 and 了, and where each kept character stood."""
    idx = [i for i, ch in enumerate(s) if ch not in _DROP and not ch.isspace()]
    return "".join([s[i] for i in idx]), idx


def _meaningful(phrase: str) -> bool:
    return len(phrase) <= _MAX_PHRASE and sum(1 for ch in phrase if ch not in _FUNCTION) >= _MIN_MEANING


def _subject(text: str) -> str:
    """A clause's words before its verb, without discourse words, dates and adverbs."""
    t = _NUMBERING.sub("", compact(text)).strip("，,：:、")
    t = _LEAD_WORDS.sub("", t)
    t = _TIME_WORDS.sub("", t)
    t = _PREPOSITION.split(t, maxsplit=1)[0]  # "评价组对项目实施" -> "评价组"
    t = _ADVERB_TAIL.sub("", t)
    return t.strip("，,：:、")


def _topic(text: str, block_topic: str) -> tuple[str, int]:
    """The paragraph's topic and where its lead ends: a numbered lead ("（3）管理制度健全性：")
    or an area lead ("资金管理方面：") names it; else the indicator whose analysis holds the
    paragraph; else '' (the whole project)."""
    stripped = text.lstrip()
    m = _TOPIC_LEAD.match(stripped)
    if m is None:
        return block_topic, 0
    name = compact(m.group("name") or m.group("area") or "")
    name = name.removesuffix("方面")
    return name, len(text) - len(stripped) + m.end()


def _block_topics(doc: Document, facts: Facts) -> dict[int, str]:
    out: dict[int, str] = {}
    for name, blocks in _indicator_blocks(doc, facts).items():
        for b in blocks:
            out.setdefault(b, name)
    return out
