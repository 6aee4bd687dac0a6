"""Totals broken down in one sentence: "梳理乡村就近办事项114项，其中村（社区）事项30项，
一体机事项74项"; "项目总投资500万元，其中财政资金300万元，自筹资金150万元".

The total is the last figure before "其中" in the sentence; the parts are the clauses
after it that each hold one figure in the total's unit, up to the first clause that
starts another tally (回收, 有效, 办结 …: "发放问卷70份，其中工作人员20份，回收20份" must not
add the returned copies). Questionnaire splits (份) are left to the questionnaire counts,
which know issued from returned. Bracketed asides are dropped first: "30项（含5项）".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.extract.cn_numerals import cn_to_int
from auditor.extract.text import TextUnit, split_sentences
from auditor.facts import Breakdown, BreakdownPart, Facts, Quote, RateClaim
from auditor.models import Document, Location, Paragraph
from auditor.notes import note
from auditor.numbers import Num, parse_number

_UNITS = ("万元", "亿元", "元", "项", "个", "人", "件", "家", "条", "台", "所", "户", "次", "场", "批", "名")
_UNIT = "|".join(_UNITS)
_FIGURE = re.compile(r"(?<![\d,.])(\d[\d,]*(?:\.\d+)?)\s*(" + _UNIT + r")(?![\u4e00-\u9fff]?率)")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_SPLIT = re.compile(r"其中\s*[:：]?")
_CLAUSE = re.compile(r"[，；;、]|,(?!\d{3})")  # not the comma of 1,000
_EVALUATED = re.compile(r"(?:共|共计|合计)对\s*\d+\s*(?:个|项|家|所)[^，,；;]{0,16}?(?:进行|开展)了?[^，,；;]{0,6}$")
_CLAUSE_KEEP = re.compile(r"([，；;、]|,(?!\d{3}))")
# a clause that starts another tally, not a part of this one
# (a balance is what was not spent: "支出决算422.80万元，其中基本支出…，项目支出…，年末结转10.77万元")
_OTHER_TALLY = re.compile(
    r"回收|有效|办结|完成|实现|累计|合计|共计|总计|占|达到|较|比|同比|增长|减少|下降|平均|结转|结余|余额|剩余|涉及"
)


def extract_breakdowns(doc: Document, facts: Facts) -> None:
    for unit in _full_sentences(doc):
        if "其中" not in unit.text:
            continue
        try:
            found = _breakdown(unit.text)
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(note("sentence_skipped", part="breakdowns", text=unit.text[:40], reason=str(exc)))
            continue
        if found is not None:
            label, total, unit_word, parts = found
            facts.breakdowns.append(
                Breakdown(label=label, total=total, unit=unit_word, parts=parts, source=unit.quote())
            )
    for paragraph in _paragraphs(doc):
        try:
            facts.breakdowns.extend(_listed_parts(paragraph))
            facts.breakdowns.extend(grade_counts(paragraph))
        except (ValueError, ArithmeticError) as exc:
            facts.notes.append(note("sentence_skipped", part="breakdowns", text=paragraph.text[:40], reason=str(exc)))
    try:
        facts.breakdowns.extend(named_lists(doc))
    except (ValueError, ArithmeticError) as exc:
        facts.notes.append(note("sentence_skipped", part="breakdowns", text="", reason=str(exc)))
    try:
        facts.breakdowns.extend(_group_paragraphs(doc))
    except (ValueError, ArithmeticError) as exc:
        facts.notes.append(note("sentence_skipped", part="breakdowns", text="", reason=str(exc)))


# A breakdown runs to the end of its sentence: "其中：中央资金500万元；省级资金200万元；…。"
_FULL_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def _paragraphs(doc: Document) -> Iterator[Paragraph]:
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield block


def _full_sentences(doc: Document) -> Iterator[TextUnit]:
    for block in doc.blocks:
        pieces: list[tuple[str, Location]] = []
        if isinstance(block, Paragraph):
            pieces.append((block.text, block.location))
        else:
            pieces.extend((c.text, c.location) for c in block.iter_cells())
        for text, loc in pieces:
            if "其中" not in text:
                continue
            for m in _FULL_SENTENCE.finditer(text):
                s = m.group(0).strip()
                if s:
                    a = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                    yield TextUnit(s, loc.with_span(a, a + len(s)), None, not isinstance(block, Paragraph))


def _breakdown(text: str) -> tuple[str, Num, str, list[BreakdownPart]] | None:
    m = _SPLIT.search(text)
    if m is None:
        return None
    head, tail = _ASIDE.sub("", text[: m.start()]), _ASIDE.sub("", text[m.end() :])
    before = list(_FIGURE.finditer(head))
    if not before:
        return None
    last = before[-1]
    if head[last.end() :].strip(" ，,：:") not in ("", "。"):
        # the total closes the clause right before 其中, or is what a notice says it
        # evaluated ("共对9个项目进行了评价，其中…"); elsewhere a clause that goes on after
        # its figure ("共有50项事项进驻平台，其中…") may be broken down by something else
        clause = _CLAUSE.split(head.rstrip(" ，,：:"))[-1]
        in_clause = list(_FIGURE.finditer(clause))
        if len(in_clause) != 1 or not _EVALUATED.search(clause):
            return None
    total, unit_word = parse_number(last.group(1)), last.group(2)
    if total is None or unit_word == "份":
        return None
    label = _CLAUSE.split(head[: last.start()])[-1].strip()
    if head[last.end() :].strip(" ，,：:") not in ("", "。"):
        label = re.split(r"进行|开展", head[last.end() :])[0].strip(" ，,") or label
    parts: list[BreakdownPart] = []
    pieces = _CLAUSE_KEEP.split(tail)
    first_sep = next((sep for sep in pieces[1::2] if sep), None)
    for k, clause in enumerate(pieces[0::2]):
        if k > 0 and first_sep == "、" and pieces[2 * k - 1] != "、":
            break  # "其中甲4个、乙3个、丙2个，涉及单位7个": the 、 list is the breakdown
        clause = clause.strip()
        if not clause:
            continue
        if _OTHER_TALLY.search(clause) or "其中" in clause:
            break
        figures = list(_FIGURE.finditer(clause))
        if len(figures) != 1 or figures[0].group(2) != unit_word:
            break
        n = parse_number(figures[0].group(1))
        if n is None:
            break
        parts.append(BreakdownPart(label=clause[: figures[0].start()].strip(" ：:为是共有计") or clause, number=n))
    if len(parts) < 2:
        return None  # one part alone ("其中包含结转25.32万元") is a detail, not a breakdown
    return label, total, unit_word, parts


# ---------------------------------------------------------------- lists with 分别

_FIG = r"(?<![\d,.])\d[\d,]*(?:\.\d+)?"  # starts at a run's first digit: linear on digit runs
_CN_OR_N = r"(?<!\d)\d+|[一二三四五六七八九十两]{1,3}"
# "三个部分预算资金分别74万元、14万元、8万元"
PARTS_LIST = re.compile(
    r"(?P<count>" + _CN_OR_N + r")\s*个?\s*(?:部分|方面|类|块|大类|项内容)(?:[，,]?\s*|(?P<head>[\u4e00-\u9fff]{2,10}?))分别(?:为|是|安排)?\s*"
    r"(?P<items>(?:" + _FIG + r"\s*(?:" + _UNIT + r")\s*[、，,和及与]\s*)+" + _FIG + r"\s*(?:" + _UNIT + r"))"
)
_ITEM = re.compile(r"(" + _FIG + r")\s*(" + _UNIT + r")")
# "…分别占当年预算资金比重为40%、30%、20%"
_SHARES = re.compile(
    r"(?:分别占[\u4e00-\u9fff]{0,16}?(?:比重|比例|的比)?|(?:占比|比重|比例)分别)(?:为|是)?\s*(?P<items>(?:" + _FIG + r"\s*%\s*[、，,和及与]\s*)+" + _FIG + r"\s*%)"
)
_PCT_ITEM = re.compile(r"(" + _FIG + r")\s*%")


_ORDINAL = "一二三四五六七八九十" + "".join(f"十{c}" for c in "一二三四五六七八九")


def _listed_parts(p: Paragraph) -> list[Breakdown]:
    """A total in one sentence and its parts listed in a later one of the same paragraph:
    "预算资金50万元。…三个部分预算资金分别30万元、12万元、8万元". Linked by the words
    before 分别, which must name the total ("预算资金" … "预算资金50万元"), and by the
    count of parts the sentence announces."""
    text = p.text
    if "分别" not in text:
        return []
    out: list[Breakdown] = []
    for m in PARTS_LIST.finditer(text):
        count = int(m.group("count")) if m.group("count").isdigit() else cn_to_int(m.group("count"))
        items = _ITEM.findall(m.group("items"))
        units = {u for _, u in items}
        if count is None or count != len(items) or len(units) != 1 or count > len(_ORDINAL):
            continue
        unit_word = units.pop()
        head = m.group("head") or _subject(text, m.start())
        if not head:
            continue
        total_m = None
        for t in re.finditer(re.escape(head) + r"[^，,；;。、]{0,6}?(" + _FIG + r")\s*" + re.escape(unit_word), text[: m.start()]):
            total_m = t
        if total_m is None:
            continue
        total = parse_number(total_m.group(1))
        numbers = [parse_number(n) for n, _ in items]
        if total is None or any(n is None for n in numbers):
            continue
        total_quote = _sentence_quote(p, total_m.start())
        list_quote = _sentence_quote(p, m.start())
        parts = [
            BreakdownPart(label=f"{head}第{_ORDINAL[i]}项", number=n, source=list_quote)  # type: ignore[arg-type]
            for i, n in enumerate(numbers)
        ]
        out.append(Breakdown(label=head, total=total, unit=unit_word, parts=parts, source=total_quote))
    return out


_SUBJECTS = re.compile(r"预算资金|项目资金|专项资金|补助资金|财政资金|资金|经费|预算|投资")


def _subject(text: str, at: int) -> str | None:
    """ "预算资金主要用于甲、乙、丙三个方面，分别为…": with no words between the count of
    parts and 分别, the parts are of the funds named earlier in the same sentence."""
    start = max((text.rfind(x, 0, at) for x in "。；;！？"), default=-1) + 1
    found = list(_SUBJECTS.finditer(text, start, at))
    return found[-1].group(0) if found else None


def listed_shares(p: Paragraph) -> list[RateClaim]:
    """The shares a parts list gives ("分别占…比重为60%、24%、16%"), each with its part and
    the total as operands (read by the rate extractor)."""
    from auditor.facts import Operand

    out: list[RateClaim] = []
    for b in _listed_parts(p):
        list_quote = b.parts[0].source
        assert list_quote is not None
        sentence = list_quote.text
        s = _SHARES.search(sentence)
        if s is None:
            continue
        pcts = [parse_number(v + "%") for v in _PCT_ITEM.findall(s.group("items"))]
        if len(pcts) != len(b.parts) or any(v is None for v in pcts):
            continue
        for part, pct in zip(b.parts, pcts, strict=True):
            out.append(
                RateClaim(
                    kind="share",
                    label=f"{part.label}占比",
                    value=pct,  # type: ignore[arg-type]
                    numerator=Operand(label=part.label, number=part.number, unit=b.unit, source=list_quote),
                    denominator=Operand(label=b.label, number=b.total, unit=b.unit, source=b.source),
                    source=list_quote,
                )
            )
    return out


def _sentence_quote(p: Paragraph, at: int) -> Quote:
    for s, a, b in split_sentences(p.text):
        if a <= at < b:
            return Quote(location=p.location.with_span(a, b), text=s)
    return Quote(location=p.location, text=p.text)


# ---------------------------------------------------------------- groups in the next paragraphs

_NUMBERING = r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?"
_COUNT_UNITS = "个|项|家|所|户|条|名|人|座|处"
# "纳入监控范围的项目共27个"
_TOTAL = re.compile(r"(?P<label>[\u4e00-\u9fff“”]{2,30}?)(?:共计|总计|合计|共有|共)\s*(?P<n>\d+)\s*(?P<unit>" + _COUNT_UNITS + ")")
# "部门项目共8个，分别为：…" at the start of its paragraph
_GROUP = re.compile(
    _NUMBERING + r"(?P<label>[\u4e00-\u9fff]{1,10})(?:共计|共有|共)\s*(?P<n>\d+)\s*(?P<unit>" + _COUNT_UNITS + ")"
)


def _group_paragraphs(doc: Document) -> list[Breakdown]:
    """A count ("纳入监控的项目共27个") and, in the paragraphs right after it, one group a
    paragraph, each opening with the same counted noun ("部门项目共8个…", "公共项目共18个…").
    The groups are taken as the parts only when at least two follow and the noun of the
    total (its last two characters) ends every group's label."""
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.text.strip()]
    out: list[Breakdown] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        groups: list[tuple[Paragraph, re.Match[str]]] = []
        for q in paragraphs[i + 1 :]:
            g = _GROUP.match(q.text)
            if g is None:
                break
            groups.append((q, g))
        i += 1
        if len(groups) < 2 or _GROUP.match(p.text):
            continue
        noun = groups[0][1].group("label")[-2:]
        unit_word = groups[0][1].group("unit")
        if any(g.group("label")[-2:] != noun or g.group("unit") != unit_word for _, g in groups):
            continue
        labels = [g.group("label") for _, g in groups]
        if len(set(labels)) != len(labels) or any(len(lbl) <= len(noun) for lbl in labels):
            continue
        totals = [t for t in _TOTAL.finditer(p.text) if t.group("label").endswith(noun) and t.group("unit") == unit_word]
        if len(totals) != 1:
            continue
        t = totals[0]
        total = parse_number(t.group("n"))
        if total is None:
            continue
        parts = []
        for q, g in groups:
            n = parse_number(g.group("n"))
            if n is None:
                break
            parts.append(BreakdownPart(label=g.group("label"), number=n, source=_sentence_quote(q, g.start("n"))))
        if len(parts) != len(groups):
            continue
        label = _CLAUSE.split(t.group("label"))[-1]
        out.append(Breakdown(label=label, total=total, unit=unit_word, parts=parts, source=_sentence_quote(p, t.start("n"))))
        i += len(groups)
    return out


# ---------------------------------------------------------------- a count and the names it lists

# "部门项目共8个，分别为：甲、乙、…" / "包括：A；B；C。"
_NAMED = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{1,12}?)(?:共计|共有|共)\s*(?P<n>\d+)\s*(?P<unit>个|项|家|所|条|名)\s*[，,]?\s*"
    r"(?:分别为|分别是|包括|具体为|具体包括|依次为)\s*[：:]?\s*(?P<names>[^。]+)"
)
_OPEN_LIST = re.compile(r"等(?:[\u4e00-\u9fff]{0,6})?$|…|\.\.\.")


def named_lists(doc: Document) -> list[Breakdown]:
    """A count followed by the names it counts, to the end of the sentence: each name is
    a part worth one. Names are split at ；/; when the list uses them (a name may hold a
    、), else at 、. An open list (…等, ……) or a name too long to be one (a clause) is
    left alone."""
    out: list[Breakdown] = []
    for p in _paragraphs(doc):
        for m in _NAMED.finditer(p.text):
            names_text = m.group("names").strip().rstrip("。；;，, ")
            if _OPEN_LIST.search(names_text):
                continue
            sep = r"[；;]" if re.search(r"[；;]", names_text) else r"[、]"
            names = [n.strip() for n in re.split(sep, names_text) if n.strip()]
            if len(names) < 2 or any(len(n) > 40 or re.search(r"[，,]", n) for n in names):
                continue
            total = parse_number(m.group("n"))
            if total is None:
                continue
            one = Num(value=Decimal(1), text="1", decimals=0)
            quote = _sentence_quote(p, m.start("n"))
            parts = [BreakdownPart(label=n[:30], number=one) for n in names]
            out.append(Breakdown(label=m.group("label"), total=total, unit=m.group("unit"), parts=parts, source=quote, named=True))
    return out


# ---------------------------------------------------------------- projects per grade in a notice

_EVALUATED_COUNT = re.compile(r"(?:共|共计|合计)对\s*(?P<n>\d+)\s*个(?P<what>[\u4e00-\u9fff]{0,10}?)(?:进行|开展)")
_GRADE_COUNT = re.compile(
    r"[“\"「]?(?P<g>优秀|良好|不合格|合格|优|良|中|差)[”\"」]?(?:等级|等次|级)?的(?:项目)?\s*(?P<n>\d+)\s*个"
)


def grade_counts(p: Paragraph) -> list[Breakdown]:
    """A notice's "共对9个项目进行了评价…评价结论为“良”的8个，“中”的1个": the projects
    per grade are parts of the projects evaluated (same paragraph, one evaluated count)."""
    totals = list(_EVALUATED_COUNT.finditer(p.text))
    if len(totals) != 1:
        return []
    out = []
    for s, a, _b in split_sentences(p.text):
        items = list(_GRADE_COUNT.finditer(s))
        if len(items) < 2 or len({m.group("g") for m in items}) != len(items):
            continue
        total = parse_number(totals[0].group("n"))
        numbers = [parse_number(m.group("n")) for m in items]
        if total is None or any(n is None for n in numbers):
            continue
        parts = [
            BreakdownPart(label=m.group("g"), number=n, source=_sentence_quote(p, a))  # type: ignore[arg-type]
            for m, n in zip(items, numbers, strict=True)
        ]
        label = (totals[0].group("what") or "项目") + "（按评价等级）"
        out.append(Breakdown(label=label, total=total, unit="个", parts=parts, source=_sentence_quote(p, totals[0].start())))
    return out
