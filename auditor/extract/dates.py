"""Dates and durations: the evaluation period, fieldwork, the report date, signatures and
feedback, questionnaire timestamps; "90日历天" style durations.

Every date keeps its printed precision (a month alone, "2024年6月", covers the month).
The kind comes from the words before the date in the same sentence (起止时间, 出具时间,
签字, 反馈 …) or from the place (a date alone under the firm's name closes the report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from auditor.extract.cn_numerals import cn_date_pattern, cn_to_int
from auditor.extract.text import TextUnit, iter_sentences
from auditor.facts import DateClaim, Duration, Facts, Quote
from auditor.models import Document, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import note
from auditor.numbers import Num, parse_number

_ARABIC = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])")
_CN = cn_date_pattern()
_CONNECTOR = re.compile(r"\s*(?:-|—|–|~|～|至|到|－|——)\s*")
# The end of a range may drop its year: "2024年6月17日至7月5日", "2024年6月至8月", "二〇二一年三月至八月".
_CN_SMALL = "〇零一二三四五六七八九十"
_PARTIAL = re.compile(rf"(\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*月(?:\s*(\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号])?")

_EVAL_WORDS = ("评价起止", "起止时间", "评价期间", "评价时间", "评价工作时间", "评价周期")
_PERIOD_WORDS = ("时段", "范围", "年度", "截至", "截止")
_REPORT_WORDS = (
    "出具时间", "出具日期", "报告日期", "报告时间", "评价日期", "报告出具", "填报日期", "填报时间", "编制日期"
)
_FIELD_WORDS = ("现场", "实地", "调研", "核查", "开展", "进驻", "入驻")
_SURVEY_WORDS = ("问卷", "调查", "答卷")
_ONSITE_WORDS = ("现场", "实地", "调研", "核查", "进驻", "入驻")
_SIGN_WORDS = ("签署日期", "签字日期", "签章日期", "签发日期")
_FEEDBACK_WORDS = ("反馈日期", "反馈时间", "意见反馈", "反馈意见", "反馈表")
_FIRM_END = re.compile(r"(公司|事务所|（普通合伙）|\(普通合伙\)|有限合伙|评价组|评价小组|工作组)$")
_SIGNED_BY = re.compile(r"签字\s*[：:]\s*([\u4e00-\u9fff]{2,4})\s*$")
_SIGNED_EMPTY = re.compile(r"签字\s*[：:]\s*(?:</?p>|\s)*$")

# Durations: "90日历天", "5个月", "建设周期五个月", "工期为120天". Only where the sentence
# says it is a duration; "≤15个工作日" (a target), "3日内反馈" (a deadline) and
# "不少于30日" (a bound) are not.
_CN_COUNT = "〇零一二两三四五六七八九十百"
_DURATION = re.compile(
    rf"(?<![\d.月≤≥<>＜＞{_CN_COUNT}])(\d+(?:\.\d+)?|[{_CN_COUNT}]{{1,5}})\s*(日历天|个工作日|工作日|天|个月|日)(?![内前后以])"
)
_BOUND_BEFORE = re.compile(r"(?:不少于|不低于|不得少于|至少|不短于|不超过|不多于|不大于|不得超过|最多|最少|超过|满)\s*$")
_DURATION_WORDS = ("工期", "期限", "历时", "为期", "周期", "用时", "服务期", "合同期", "共计", "持续", "耗时")


@dataclass(frozen=True)
class _Found:
    value: date
    precision: str
    start: int
    end: int


def _mk(y: int, m: int, d: int | None) -> tuple[date, str] | None:
    try:
        return (date(y, m, d), "day") if d else (date(y, m, 1), "month")
    except ValueError:
        return None


def find_dates(text: str) -> list[_Found]:
    """Every date in a text (Arabic, numeric 2024/7/18 and Chinese numerals), in order."""
    out: list[_Found] = []
    for m in _ARABIC.finditer(text):
        r = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if r:
            out.append(_Found(r[0], r[1], m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        r = _mk(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if r:
            out.append(_Found(r[0], r[1], m.start(), m.end()))
    if any(ch in text for ch in "〇○二") and "年" in text:
        for m in _CN.finditer(text):
            y, mo = cn_to_int(m.group(1)), cn_to_int(m.group(2))
            d = cn_to_int(m.group(3)) if m.group(3) else None
            if y is not None and mo is not None:
                r = _mk(y, mo, d)
                if r:
                    out.append(_Found(r[0], r[1], m.start(), m.end()))
    out.sort(key=lambda f: f.start)
    return out


_YEARLESS = re.compile(r"(?<![\d年月])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def find_dates_inferred(text: str) -> list[_Found]:
    """Every date, and the day-precise dates printed without a year ("7月20日") given the
    year of the date before them, only when they fall on or after it in that year (a
    "1月5日" after "2023年12月28日" may be the next year: left out)."""
    full = find_dates(text)
    out = list(full)
    for m in _YEARLESS.finditer(text):
        if any(f.start <= m.start() < f.end for f in full):
            continue
        prev = [f for f in full if f.end <= m.start()]
        if not prev:
            continue
        ref = prev[-1].value
        r = _mk(ref.year, int(m.group(1)), int(m.group(2)))
        if r and r[0] >= ref:
            out.append(_Found(r[0], r[1], m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def _range_end(text: str, first: _Found, dates: list[_Found]) -> _Found | None:
    """The end of a range starting at `first`: a full date or a year-less one after 至/-."""
    c = _CONNECTOR.match(text, first.end)
    if not c:
        return None
    for d in dates:
        if d.start == c.end():
            return d
    p = _PARTIAL.match(text, c.end())
    if p:
        month = _small_int(p.group(1))
        day = _small_int(p.group(2)) if p.group(2) else None
        r = _mk(first.value.year, month, day) if month is not None else None
        # an end before its start would need the next year ("12月至2月"): unsure, left unread
        if r and (r[0] >= first.value or (r[1] == "month" and r[0].month == first.value.month)):
            return _Found(r[0], r[1], p.start(), p.end())
    return None


def _small_int(s: str) -> int | None:
    """A month or day number printed in Arabic or Chinese numerals ("8", "八", "十二")."""
    return int(s) if s.isdigit() else cn_to_int(s)


def count_value(s: str) -> Num | None:
    """A duration's count in Arabic or Chinese numerals ("90", "九十", "两"), as printed."""
    if s[0].isdigit():
        return parse_number(s)
    n = cn_to_int(s)
    return None if n is None else Num(value=Decimal(n), text=s, decimals=0)


def _label(text: str, start: int) -> str:
    """The words a date is attached to: the clause before it ("项目评价起止时间")."""
    head = text[:start]
    head = re.split(r"[。；;，,！？]", head)[-1]
    return head.strip(" ：:（(　").strip()


def _kind_single(label: str, sentence: str, in_table: bool, header: str) -> str:
    lab = compact(label)
    sen = compact(sentence)
    if "提交答卷时间" in header or "答卷" in lab:
        return "survey"
    if any(w in lab for w in _REPORT_WORDS):
        return "report_date"
    if any(w in lab for w in _SIGN_WORDS) or _SIGNED_BY.search(label):
        return "signature"
    if any(w in lab for w in _FEEDBACK_WORDS):
        return "feedback"
    if _SIGNED_EMPTY.search(label) or ("签章" in lab and "签字" in sen):
        return "feedback"
    if "签字" in lab or "签名" in lab:
        return "signature"
    return "other"


def _kind_range(label: str) -> tuple[str, str] | None:
    lab = compact(label)
    if any(w in lab for w in _PERIOD_WORDS) and not any(w in lab for w in _EVAL_WORDS):
        return None
    if any(w in lab for w in _SURVEY_WORDS):
        return ("survey", "survey")
    if any(w in lab for w in _EVAL_WORDS):
        return ("evaluation_start", "evaluation_end")
    return None


def _kind_range_after(tail: str) -> tuple[str, str] | None:
    """A range whose meaning follows it: "于2024年6月至2024年8月对…开展绩效评价/现场核查"."""
    t = compact(tail)[:60]
    if any(w in t for w in _SURVEY_WORDS[:1]):
        return ("survey", "survey")
    # "…开展绩效评价" names the evaluation itself; on-site words name its fieldwork
    if any(w in t for w in _ONSITE_WORDS):
        return ("fieldwork_start", "fieldwork_end")
    if re.search(r"(开展|进行|实施|组织)[^，。；]{0,6}评价", t):
        return ("evaluation_start", "evaluation_end")
    if any(w in t for w in _FIELD_WORDS) or "评价" in t:
        return ("fieldwork_start", "fieldwork_end")
    return None


def _claims_in(unit: TextUnit, header: str, out: Facts, context: str = "") -> None:
    text = unit.text
    dates = find_dates(text)
    if not dates:
        return
    used: set[int] = set()
    quote = unit.quote()
    for d in dates:
        if d.start in used:
            continue
        end = _range_end(text, d, dates)
        label = _label(text, d.start)
        if end is not None:
            used.add(end.start)
            kinds = _kind_range(label)
            if kinds is None and not any(w in compact(label) for w in _PERIOD_WORDS):
                kinds = _kind_range_after(text[end.end :])
                if kinds is None and any(w in compact(label) for w in _FIELD_WORDS):
                    kinds = ("fieldwork_start", "fieldwork_end")
            k1, k2 = kinds or ("other", "other")
            out.dates.append(
                DateClaim(
                    kind=k1, date=d.value, precision=d.precision, label=label,
                    printed=text[d.start : d.end], source=quote,
                )
            )  # type: ignore[arg-type]
            out.dates.append(
                DateClaim(
                    kind=k2, date=end.value, precision=end.precision, label=label,
                    printed=text[end.start : end.end], source=quote,
                )
            )  # type: ignore[arg-type]
            continue
        if not label and context:
            # A cell broken into lines: "负责人签字：" / "2024年04月20日".
            label = context.strip()[-40:]
        kind = _kind_single(label, text, unit.in_table, header)
        out.dates.append(
            DateClaim(
                kind=kind, date=d.value, precision=d.precision, label=label or None,
                printed=text[d.start : d.end], source=quote,
            )
        )  # type: ignore[arg-type]


_CLAUSE_MARK = re.compile(r"[，,。；;！？]")
_START_WORDS = re.compile(r"开工|开始实施|开始建设|启动实施|正式启动|正式实施|进场")
_FINISH_WORDS = re.compile(r"完工|竣工|建成|交付")  # not 验收: it may come long after


def _clause_of(text: str, a: int, b: int) -> str:
    """The clause (between marks ，；。) holding text[a:b]."""
    lo = max((x.end() for x in _CLAUSE_MARK.finditer(text, 0, a)), default=0)
    hi = next((x.start() for x in _CLAUSE_MARK.finditer(text, b)), len(text))
    return text[lo:hi]


def _span_of(text: str, dates: list[_Found]) -> tuple[date, date, bool] | None:
    """The one period a sentence states, and whether it is what happened: a single range
    ("2021年3月至8月"), or else one date beside a start word and one beside a finish
    word ("3月开工，8月竣工": actual dates). Two ranges, or two candidates for either
    end, leave it unknown."""
    ranges = {(d.value, e.value) for d in dates if (e := _range_end(text, d, dates)) is not None}
    if len(ranges) == 1:
        return (*next(iter(ranges)), False)
    if ranges:
        return None
    dates = find_dates_inferred(text)
    starts = [d for d in dates if _START_WORDS.search(c := _clause_of(text, d.start, d.end)) and not _FINISH_WORDS.search(c)]
    ends = [d for d in dates if _FINISH_WORDS.search(c := _clause_of(text, d.start, d.end)) and not _START_WORDS.search(c)]
    if len(starts) == 1 and len(ends) == 1 and starts[0].value <= ends[0].value:
        return starts[0].value, ends[0].value, True
    return None


# a period agreed or planned ("合同工期120天"): actual dates may fall short of it, not beyond
_PLANNED = re.compile(r"工期|合同期|服务期|期限|计划|约定|要求|规定")


def _durations_in(unit: TextUnit, out: Facts) -> None:
    text = unit.text
    # a publicity period is a minimum, read with its notice (date_order.publicity)
    if not any(w in text for w in _DURATION_WORDS) or "公示" in text:
        return
    dates = find_dates(text)
    spans = [(d.start, d.end) for d in dates]
    period = _span_of(text, dates)
    start, end, actual = period if period else (None, None, False)
    for m in _DURATION.finditer(text):
        if any(a <= m.start() < b for a, b in spans) or _BOUND_BEFORE.search(text, 0, m.start()):
            continue  # a bound ("不少于30日") is no stated duration
        unit_text = m.group(2)
        unit_word = {"个工作日": "工作日", "个月": "月"}.get(unit_text, unit_text)
        n = count_value(m.group(1))
        if n is None:
            continue
        label = _label(text, m.start())
        within = actual and bool(_PLANNED.search(label))
        out.durations.append(
            Duration(
                value=n,
                unit=unit_word,  # type: ignore[arg-type]
                label=(label + m.group(0) if within else label) or None,
                start=start,
                end=end,
                source=unit.quote(),
                within=within,
            )
        )


# "合同签订后90日历天内完成": a deadline counted from an event whose date the paragraph states
_DEADLINE = re.compile(
    r"(?P<event>合同签订|签订合同|合同签署|签署合同|开工|进场)(?:之日|日)?(?:后|起)\s*"
    rf"(?P<n>\d+|[{_CN_COUNT}]{{1,5}})\s*(?P<unit>日历天|个工作日|工作日|天|日|个月)\s*(?:内|以内)"
)
_EVENT_WORDS = {"合同签订": "签订|签署|签约", "签订合同": "签订|签署|签约", "合同签署": "签订|签署|签约",
                "签署合同": "签订|签署|签约", "开工": "开工", "进场": "进场"}  # fmt: skip
_DONE_WORDS = re.compile(r"完工|竣工|完成|交付|通过验收|验收合格")


def deadlines(p: Paragraph) -> list[Duration]:
    """A deadline ("合同签订后90日历天内完成") with the start and finish dates its paragraph
    gives: exactly one day-precise date beside the event's verb ("于2023年3月1日签订合同")
    and exactly one beside a completion word ("2023年7月20日竣工"), in other clauses than
    the deadline's own. Otherwise the deadline is left unlinked (not checkable)."""
    text = p.text
    out = []
    dates = [d for d in find_dates_inferred(text) if d.precision == "day"]
    for m in _DEADLINE.finditer(text):
        event_re = re.compile(_EVENT_WORDS[m.group("event")])
        starts, ends = [], []
        for d in dates:
            a = max((x.end() for x in _CLAUSE_MARK.finditer(text, 0, d.start)), default=0)
            b = next((x.start() for x in _CLAUSE_MARK.finditer(text, d.end)), len(text))
            if a <= m.start() < b:
                continue  # the deadline's own clause
            clause = text[a:b]
            if event_re.search(clause) and not _DONE_WORDS.search(clause):
                starts.append(d)
            elif _DONE_WORDS.search(clause) and not event_re.search(clause):
                ends.append(d)
        n = count_value(m.group("n"))
        if len(starts) != 1 or len(ends) != 1 or n is None or ends[0].value < starts[0].value:
            continue
        unit_word = {"个工作日": "工作日", "个月": "月"}.get(m.group("unit"), m.group("unit"))
        s_a = max((x.end() for x in _CLAUSE_MARK.finditer(text, 0, m.start())), default=0)
        s_b = next((x.end() for x in _CLAUSE_MARK.finditer(text, m.end())), len(text))
        out.append(
            Duration(
                value=n,
                unit=unit_word,  # type: ignore[arg-type]
                label=m.group(0),
                start=starts[0].value,
                end=ends[0].value,
                source=Quote(location=p.location.with_span(s_a, s_b), text=text[s_a:s_b].strip()),
                within=True,
            )
        )
    return out


def _closing_dates(doc: Document, out: Facts) -> None:
    """A paragraph that is only a date, right under the firm's name: the report date."""
    prev: Paragraph | None = None
    for block in doc.blocks:
        if isinstance(block, Table):
            prev = None
            continue
        text = block.text.strip()
        if not text:
            continue
        dates = find_dates(text)
        if (
            prev is not None
            and len(dates) == 1
            and len(compact(text)) <= dates[0].end - dates[0].start + 2
            and _FIRM_END.search(compact(prev.text))
            and not compact(prev.text).startswith(("名称", "发证", "登记"))
        ):
            d = dates[0]
            out.dates.append(
                DateClaim(
                    kind="report_date",
                    date=d.value,
                    precision=d.precision,  # type: ignore[arg-type]
                    label=prev.text.strip(),
                    source=Quote(location=block.location.with_span(d.start, d.end), text=text),
                )
            )
        prev = block


# The budget year looked back on: "2023年度…绩效评价报告", "（2023年度）", "开展评价年度 2023年";
# a span "2021-2023年度" ends with its last year. Only near the start (title, cover, basics).
_ASSESSED_YEAR = re.compile(
    r"(?:(?<![\d.])(?:(?:19|20)\d{2}\s*(?:-|—|–|~|～|至)\s*)?((?:19|20)\d{2})\s*年度)"
    r"|(?:评价年度\s*[:：]?\s*((?:19|20)\d{2})\s*年)"
)
_ASSESSED_YEAR_BLOCKS = 40
# evaluations made before or during the year (事前评估, 事中/跟踪评价, 运行监控) are dated in it
_NOT_EX_POST = re.compile(r"事前|事中|跟踪评价|运行监控|绩效监控")


_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*$")
_YEAR_LABEL = ("评价年度", "预算年度", "项目年度", "所属年度", "资金年度")


def _assessed_year(doc: Document, facts: Facts, lefts: dict[tuple[int | None, int | None, int | None], str]) -> None:
    """The first statement of the year looked back on, near the start; none at all when
    the opening pages call it an evaluation made before or during the year."""
    claim: DateClaim | None = None
    for unit in iter_sentences(doc):
        loc = unit.location
        if loc.block is not None and loc.block >= _ASSESSED_YEAR_BLOCKS:
            break
        if _NOT_EX_POST.search(unit.text):
            return
        if claim is not None:
            continue
        m = _ASSESSED_YEAR.search(unit.text)
        if m is None and unit.in_table and compact(lefts.get((loc.table, loc.row, loc.col), "")).endswith(_YEAR_LABEL):
            m = _YEAR_CELL.match(unit.text)  # "开展评价年度 | 2023年": the label in the cell to the left
        if m:
            claim = DateClaim(
                kind="assessed_year",
                date=date(int(m.group(1) or m.group(2)), 1, 1),
                precision="year",
                label="评价年度",
                printed=m.group(0).strip(),
                source=Quote(location=loc, text=unit.text),
            )
    if claim is not None:
        facts.dates.append(claim)


def extract_dates(doc: Document, facts: Facts) -> None:
    headers, lefts = _table_headers(doc)
    _assessed_year(doc, facts, lefts)
    closing_quotes: set[tuple[int | None, int | None]] = set()
    tmp = Facts(file=facts.file)
    _closing_dates(doc, tmp)
    for c in tmp.dates:
        closing_quotes.add((c.source.location.block, c.source.location.paragraph))
    cell_key: tuple[int | None, int | None, int | None] | None = None
    cell_text = ""
    for unit in iter_sentences(doc):
        loc = unit.location
        key = (loc.table, loc.row, loc.col) if unit.in_table else None
        if key != cell_key:
            cell_key, cell_text = key, ""
        context = cell_text or (lefts.get((loc.table, loc.row, loc.col), "") if unit.in_table else "")
        if unit.in_table:
            cell_text = f"{cell_text} {unit.text}"
        if not unit.in_table and (loc.block, loc.paragraph) in closing_quotes:
            continue
        header = headers.get((loc.table, loc.col), "") if unit.in_table else ""
        try:
            _claims_in(unit, header, facts, context)
            _durations_in(unit, facts)
        except (ValueError, TypeError) as exc:  # an odd sentence must not cost the rest
            facts.notes.append(note("sentence_skipped", part="dates", text=unit.text[:40], reason=str(exc)))
    for block in doc.blocks:
        if isinstance(block, Paragraph) and _DEADLINE.search(block.text):
            try:
                facts.durations.extend(deadlines(block))
            except (ValueError, TypeError) as exc:
                facts.notes.append(note("sentence_skipped", part="dates", text=block.text[:40], reason=str(exc)))
    from auditor.extract.date_order import extract_date_order  # it builds on this module's readers

    extract_date_order(doc, facts)
    # Keep document order: closing dates go where their paragraph stands.
    facts.dates.extend(tmp.dates)
    facts.dates.sort(key=_order)


def _order(c: DateClaim) -> tuple[int, int, int]:
    loc = c.source.location
    return (loc.block if loc.block is not None else 10**9, loc.row or 0, loc.char_start or 0)


def _table_headers(
    doc: Document,
) -> tuple[dict[tuple[int | None, int | None], str], dict[tuple[int | None, int | None, int | None], str]]:
    """First-row text of every column (to know a 提交答卷时间 column) and, for every cell,
    the text of the cell to its left (a "反馈日期 | 2024年…" row names its date)."""
    heads: dict[tuple[int | None, int | None], str] = {}
    lefts: dict[tuple[int | None, int | None, int | None], str] = {}
    for t in doc.tables():
        if not t.rows:
            continue
        for cell in t.rows[0]:
            for c in range(cell.col, cell.col + cell.col_span):
                heads[(t.index, c)] = compact(cell.text)
                heads[(cell.location.table, c)] = compact(cell.text)
        for row in t.rows:
            prev = ""
            for cell in row:
                if prev:
                    lefts[(cell.location.table, cell.location.row, cell.location.col)] = prev
                if compact(cell.text):
                    prev = compact(cell.text)[-30:]
    return heads, lefts
