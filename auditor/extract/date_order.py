"""Dates whose order or distance a sentence asserts, read in paragraphs:

- a body said to exist before the project began ("项目实施前已成立…领导小组",
  "在项目启动前印发了《…实施方案》") with its own stated date: a `set_up` date;
- the project's own start ("项目于2023年3月1日开始实施", "项目实施期为…至…"): a
  `project_start` date, kept apart from the evaluation's start (评价工作于…启动), and
  only when every statement of it in the document agrees;
- a publicity period ("公示期不少于7个工作日", "公示30天") with the dates of its notice
  ("公示时间为…至…", or the day it was posted and the day of the next step, 批复/签订/拨付):
  a minimum Duration.

Precision first: a year alone (文号 〔2023〕, "2023年成立") is no date; a date without a
year takes the year of the date before it in the paragraph only when it cannot be in the
next year; two candidates for one role leave the claim unread.
"""

from __future__ import annotations

import re
from datetime import date

from auditor.extract.dates import _CN_COUNT, _Found, _range_end, count_value, find_dates, find_dates_inferred
from auditor.extract.text import split_sentences
from auditor.facts import DateClaim, Duration, Facts, Quote
from auditor.models import Document, Paragraph
from auditor.notes import note

_CLAUSE_MARK = re.compile(r"[，,。；;！？]")  # a colon joins a label to its date
_TITLE = re.compile(r"《[^《》]*》")

# ---------------------------------------------------------------- set up before the start

# "项目实施前", "在项目启动之前", "开工前": the project's, not the evaluation's
# ("评价工作开展前"), nor its early stage ("实施前期")
_BEFORE = re.compile(r"(?:(?<=项目)|(?<=工程)|(?<=^)|(?<=^在)|(?<=[，。；]))(?:实施|启动|开工|建设)(?:之)?前(?!期|后)")
_NOT_PROJECT = re.compile(r"评价|评估|绩效|调研|问卷|调查")
_BODY = re.compile(
    r"(?:成立|组建)(?:了)?(?P<org>[^，,。；;、（()）“”]{0,16}?(?P<core>领导小组|工作小组|工作专班|专班|小组|委员会|指挥部|项目部))"
    r"|(?:印发|制定|制订|出台|下发)(?:了)?(?P<doc>《[^》]{2,60}》)"
)
# a date tied to the body's own verb: "于2023年5月10日成立", "成立于2023年5月10日",
# "印发日期为2023年5月" (a group is set up, a document issued: "印发…调整领导小组" is neither)
_ORG_VERB = r"(?:成立|组建)"
_DOC_VERB = r"(?:印发|制定|制订|出台|下发)"
_VERB_AFTER = {v: re.compile(rf"\s*(?:正式|即|已|便)?\s*{v}") for v in (_ORG_VERB, _DOC_VERB)}
_VERB_BEFORE = {v: re.compile(rf"{v}(?:于|时间为?|日期为?)\s*[:：]?\s*$") for v in (_ORG_VERB, _DOC_VERB)}

# ---------------------------------------------------------------- the project's start

# "开工", "开始实施"; a bare "启动"/"开始"/"实施" only ending its clause ("启动申报" is not the start)
_START_AFTER = re.compile(
    r"\s*(?:起)?\s*(?:正式)?\s*(?:(?:开始实施|启动实施|开工建设|开始建设|开工)(?!前|之前)"
    r"|(?:启动|开始|实施)(?=\s*(?:[，,。；;]|$)))"
)
_START_SUBJECT = re.compile(r"(?:项目|工程)")
# a part of the project, or another thing's start
_START_EXCLUDE = re.compile(r"评价|评估|绩效|调研|问卷|调查|子项目|标段|[一二三四五]期|批次|成立|印发|制定")
# "项目实施期为…至…", "项目建设时间：…": the label right before the range
_PERIOD_LABEL = re.compile(r"(?:项目|工程)(?:实施|建设)(?:期|时间|周期|起止时间)(?:为|是)?\s*[:：]?\s*(?:自|从)?\s*$")

# ---------------------------------------------------------------- publicity

_PUBLICITY = re.compile(
    r"公示(?:期|期限|时间|时限|周期)?(?:为|应为|应|须|需|要求)?\s*[:：]?\s*"
    r"(?:不少于|不低于|不得少于|至少|不短于)?\s*"
    rf"(?P<n>\d+|[{_CN_COUNT}]{{1,4}})\s*(?P<unit>个工作日|工作日|日历天|天|日)(?!内|以内|之内|后|前)"
)
_PUBLICITY_OVER = re.compile(r"公示(?:期满|结束|完毕|无异议|期结束|后|期间无异议)")
_NEXT_STEP = re.compile(r"审批|批复|审定|签订|签署|拨付|发放|兑付|下达")


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    lo = max((x.end() for x in _CLAUSE_MARK.finditer(text, 0, a)), default=0)
    hi = next((x.start() for x in _CLAUSE_MARK.finditer(text, b)), len(text))
    return lo, hi


def _in_title(text: str, pos: int) -> bool:
    return any(m.start() < pos < m.end() for m in _TITLE.finditer(text))


def _claim(kind: str, d: _Found, p: Paragraph, a: int, b: int, label: str) -> DateClaim:
    text = p.text
    return DateClaim(
        kind=kind,  # type: ignore[arg-type]
        date=d.value,
        precision=d.precision,  # type: ignore[arg-type]
        label=label,
        printed=text[d.start : d.end],
        source=Quote(location=p.location.with_span(a, b), text=text[a:b].strip()),
    )


def _body_date(sentence: str, body: str, verb: str) -> list[_Found]:
    """Dates tied to the set-up verb in the clause naming `body` (its full name, or its
    kind for a group: "领导小组于…成立")."""
    out = []
    for d in find_dates(sentence):
        if _in_title(sentence, d.start):
            continue
        lo, hi = _clause(sentence, d.start, d.end)
        if body not in sentence[lo:hi]:
            continue
        if _VERB_AFTER[verb].match(sentence, d.end) or _VERB_BEFORE[verb].search(sentence, lo, d.start):
            out.append(d)
    return out


def set_up_dates(paragraphs: list[Paragraph]) -> list[DateClaim]:
    """Bodies said to exist before the project began, each with its one stated date
    (in its own sentence, or a later sentence of the paragraph or the next one naming it)."""
    out = []
    for i, p in enumerate(paragraphs):
        text = p.text
        if not _BEFORE.search(text) or not _BODY.search(text):
            continue
        for s, a, b in split_sentences(text):
            before = next((m for m in _BEFORE.finditer(s) if not _NOT_PROJECT.search(s[max(0, m.start() - 8) : m.start()])), None)
            if before is None:
                continue
            # the body in the before-phrase's own clause, or in the next one when that
            # clause is the phrase alone ("在项目实施前，单位于…成立了…")
            lo, hi = _clause(s, before.start(), before.end())
            if len(s[lo:hi].strip()) <= 8 and hi < len(s):
                hi = _clause(s, hi + 1, hi + 1)[1]
            for m in _BODY.finditer(s, before.end(), hi):
                body = m.group("org") or m.group("doc")
                key = m.group("core") or body
                verb = _ORG_VERB if m.group("org") else _DOC_VERB
                found = [(d, p, a, b) for d in _body_date(s, key, verb)]
                if not found:  # "领导小组成立于…" in a later sentence
                    later = [(t, p, a2, b2) for t, a2, b2 in split_sentences(text) if a2 >= b]
                    if i + 1 < len(paragraphs):
                        q = paragraphs[i + 1]
                        later += [(t, q, a2, b2) for t, a2, b2 in split_sentences(q.text)]
                    for t, q, a2, b2 in later:
                        if key in t:
                            found = [(d, q, a2, b2) for d in _body_date(t, key, verb)]
                            break
                if len(found) == 1:
                    d, q, x, y = found[0]
                    shifted = _Found(d.value, d.precision, d.start + x, d.end + x)
                    out.append(_claim("set_up", shifted, q, x, y, body))
    return out


def project_starts(paragraphs: list[Paragraph]) -> list[DateClaim]:
    """Every statement of the project's start; none when two of them disagree."""
    out = []
    for p in paragraphs:
        text = p.text
        if not _START_SUBJECT.search(text):
            continue
        for s, a, b in split_sentences(text):
            dates = find_dates(s)
            for d in dates:
                if _in_title(s, d.start):
                    continue
                lo = max((x.end() for x in _CLAUSE_MARK.finditer(s, 0, d.start)), default=0)
                prefix = s[lo : d.start]
                ranged = _range_end(s, d, dates) is not None
                if ranged and _PERIOD_LABEL.search(prefix) and not _START_EXCLUDE.search(prefix):
                    pass
                elif not (
                    not ranged
                    and _START_AFTER.match(s, d.end)
                    and _START_SUBJECT.search(prefix)
                    and not _START_EXCLUDE.search(prefix)
                ):
                    continue
                shifted = _Found(d.value, d.precision, d.start + a, d.end + a)
                out.append(_claim("project_start", shifted, p, a, b, "项目开始实施"))
    # statements that cannot both hold (3月 vs 5月) make the start unknown
    for x in out:
        for y in out:
            if _latest(x) < y.date:
                return []
    return out


def _latest(c: DateClaim) -> date:
    if c.precision == "day":
        return c.date
    nxt = date(c.date.year + (c.date.month == 12), c.date.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


# ---------------------------------------------------------------- publicity


def publicity(p: Paragraph) -> Duration | None:
    """A publicity requirement with the one notice period its paragraph gives."""
    text = p.text
    reqs = [m for m in _PUBLICITY.finditer(text)]
    if not reqs or len({(count_value(m.group("n")), m.group("unit").lstrip("个")) for m in reqs}) != 1:
        return None
    req = reqs[0]
    n = count_value(req.group("n"))
    if n is None:
        return None
    dates = [(f.value, f.start, f.end) for f in find_dates_inferred(text) if f.precision == "day"]
    ranges, posted, steps = [], [], []
    by_start = {s: (d, s, e) for d, s, e in dates}
    ends: set[int] = set()
    for d, s, e in dates:
        if s in ends:
            continue
        c = re.match(r"\s*(?:-|—|–|~|～|至|到|－|——)\s*", text[e:])
        nxt = by_start.get(e + c.end()) if c else None
        lo, hi = _clause(text, s, nxt[2] if nxt else e)
        clause = text[lo:hi]
        if nxt is not None:
            ends.add(nxt[1])
            if "公示" in clause and not _PUBLICITY_OVER.search(clause):
                ranges.append((d, nxt[0], lo, hi))
            continue
        if "公示" in clause and not _PUBLICITY_OVER.search(clause) and not _NEXT_STEP.search(clause):
            posted.append((d, lo, hi))
        elif _NEXT_STEP.search(clause) and ("公示" not in clause or _PUBLICITY_OVER.search(clause)):
            steps.append((d, lo, hi))
    if len(ranges) == 1 and not posted:
        start, end, lo, hi = ranges[0]
    elif not ranges and len(posted) == 1:
        later = [x for x in steps if x[0] >= posted[0][0] and x[1] > posted[0][2]]
        if len(later) != 1:
            return None
        start, end = posted[0][0], later[0][0]
        lo, hi = posted[0][1], later[0][2]
    else:
        return None
    if end < start:
        return None
    a = min(lo, _clause(text, req.start(), req.end())[0])
    b = max(hi, _clause(text, req.start(), req.end())[1])
    unit = req.group("unit")
    return Duration(
        value=n,
        unit={"个工作日": "工作日"}.get(unit, unit),  # type: ignore[arg-type]
        label=req.group(0),
        start=start,
        end=end,
        source=Quote(location=p.location.with_span(a, b), text=text[a:b].strip()),
        minimum=True,
    )


def extract_date_order(doc: Document, facts: Facts) -> None:
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.text.strip()]
    try:
        facts.dates.extend(project_starts(paragraphs))
        facts.dates.extend(set_up_dates(paragraphs))
        for p in paragraphs:
            if "公示" in p.text:
                d = publicity(p)
                if d is not None:
                    facts.durations.append(d)
    except (ValueError, TypeError) as exc:  # an odd paragraph must not cost the rest
        facts.notes.append(note("sentence_skipped", part="dates", text="", reason=str(exc)))
