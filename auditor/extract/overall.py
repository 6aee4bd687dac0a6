"""Overall claims (total score, grade, self score, self grade) and the grade bands a report
states.

Where they stand: the cover line "评价分值：84.94 评价等级：良", the cover table's cells
(评价分值 | 84.94), the 摘要 and the 结论 ("绩效评价得分84.94分，评价等级为“良”",
"综合评分86分，评价等级为良"), a self-assessment form ("自评得分：97.80分 自评等级：优").
Only labelled figures count: a sentence about one indicator ("决策部分…得分15分"), a
percentage ("满意度得分 86.04%") or a framework total ("满分100分") is no total score.

Grade bands: "优（得分≥90分）；良（80≤得分<90分）…", "90分（含）以上为优，80分（含）-90分为良…",
"得分在90分以上（含90分）的为“优”…", and tables with a grade and a range per row. A
statement counts when it gives at least two bands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.extract.text import split_sentences
from auditor.facts import Facts, GradeBand, OverallClaim, Quote
from auditor.models import Cell, Document, Paragraph, Table
from auditor.normalize import compact
from auditor.numbers import parse_number
from auditor.tables.cells import points_in_cell

_GRADES = r"优秀|良好|中等|合格|不合格|及格|不及格|较差|优|良|中|差"
_NUM = r"(?<![\d.])\d+(?:\.\d+)?"  # starts at a figure's first digit: linear on long digit runs

# ---------------------------------------------------------------- claims

_SCORE_LABEL = (
    r"绩效评价得分|评价得分|评价分值|总体得分|综合得分|综合评分|总得分|最终得分|评价总得分"
    r"|整体得分|总体评分|评价总分"
    r"|自评得分|自评分值|自评分数|自评总分|自评结果"
)
_SCORE = re.compile(
    r"(?P<label>" + _SCORE_LABEL + r")\s*(?:为|是|达到|：|:)?\s*(?P<n>" + _NUM + r")(?![\d.%])\s*(?P<unit>分)?"
)
_GRADE = re.compile(
    r"(?P<label>自评等级|自评等次|自评结果|评价等级|评价等次|评价结果等级|绩效等级|等级|等次)"
    r"\s*(?:为|是|评定为|确定为|：|:)?\s*[“\"「『]?"
    r"(?P<g>" + _GRADES + r")"
)
# "综合评价结论为“良”", "评价结果为良": a conclusion word states the grade only with its verb
# or colon ("评价结果差异" is no grade).
_GRADE_CONCLUSION = re.compile(
    r"(?P<label>评价结论|评价结果)\s*(?:为|是|：|:)\s*[“\"「『]?(?P<g>" + _GRADES + r")"
)
# "评价结论为“良”的8个": a grade naming the items that got it, not a grade awarded
_GRADE_OF_ITEMS = re.compile(r"[”\"」』]?\s*的")
# a sentence about one indicator, not the whole: "决策部分…", "部门决策类指标…", "本项指标…"
_SECTION = re.compile(r"部分满分|类指标|[一二三四]级指标|(?:本|该|此)项指标|该指标|满意度得分|问卷")
_NOT_TOTAL_BEFORE = re.compile(r"满意度|问卷|指标")
# "从决策、过程…4个一级指标…对项目进行评价，最终得分85.82" names the framework, not one indicator
_GRADE_AFTER = re.compile(
    r"[，,]?\s*(?:属于|评定为|评为|确定为|定为|为)\s*[“\"「]?(?P<g>" + _GRADES + r")[”\"」]?\s*(?:等级|等次|级)"
)
_NEGATED_GRADE = re.compile(r"无|没有|未|非|不")
_FRAMEWORK_COUNT = re.compile(r"(?<!\d)\d+\s*个\s*[一二三四]级指标")
# a figure in points right before a grade: "东至县91.75分，评价等次优秀" grades a part, not the whole
_POINTS_BEFORE_GRADE = re.compile(r"(?P<n>" + _NUM + r")\s*分\s*[，,、]?\s*$")
_CELL_LABEL = re.compile(r"^(?:" + _SCORE_LABEL + r"|评价等级|自评等级|等级)$")

# cheap test before the real patterns: every claim or band names one of these
_WORTH_A_LOOK = re.compile(r"分|等级|[优良中差]")
_SUMMARY = re.compile(r"^摘要$")
_TOC = re.compile(r"^目录$")
_CHAPTER_ONE = re.compile(r"^[一1][、.．]")
_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
_ANNEX = re.compile(r"^附\s*[件表录]")
_SELF_TITLE = re.compile(r"自评")


@dataclass
class _Place:
    """Where the reader stands: cover, summary, conclusion, a self-assessment part."""

    region: str = "cover"  # cover | summary | body
    heading: str = ""
    chapter: str = ""
    in_self: bool = False
    self_level: int = 99
    chapters_in_summary: int = 0

    def context(self) -> str:
        if self.in_self:
            return "self_assessment"
        if self.region == "cover":
            return "cover"
        if self.region == "summary":
            return "summary"
        if "结论" in self.heading or "结论" in self.chapter:
            return "conclusion"
        return "other"


def extract_overall(doc: Document, facts: Facts) -> None:
    place = _Place()
    pending_bands: list[GradeBand] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            facts.overall.extend(_table_claims(block, place))
            facts.grade_bands.extend(_table_bands(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        _advance(place, block)
        claims: list[OverallClaim] = []
        for sentence, start, end in split_sentences(text):
            if not _WORTH_A_LOOK.search(sentence):
                _flush(pending_bands, facts)
                continue
            quote = Quote(location=block.location.with_span(start, end), text=sentence)
            bands = _bands(sentence, quote)
            if len(bands) < 2:  # a band statement names grades, it does not award one
                claims.extend(_sentence_claims(sentence, quote, place))
            if len(bands) >= 2:
                facts.grade_bands.extend(bands)
                pending_bands = []
            elif len(bands) == 1:
                pending_bands.extend(bands)  # one band a line: "优：90分（含）以上；"
            else:
                _flush(pending_bands, facts)
        facts.overall.extend(claims)
    _flush(pending_bands, facts)


def _flush(pending: list[GradeBand], facts: Facts) -> None:
    if not pending:
        return
    if len({b.grade for b in pending}) >= 2:
        facts.grade_bands.extend(pending)
    pending.clear()


def _advance(place: _Place, p: Paragraph) -> None:
    """Move through the report's parts as headings go by."""
    c = compact(p.text)
    is_heading = p.heading_level is not None or (len(c) <= 40 and "。" not in c)
    if not is_heading:
        return
    if _SUMMARY.match(c):
        place.region = "summary"
        place.chapters_in_summary = 0
    elif _TOC.match(c) and place.region == "cover":
        place.region = "toc"
    elif (place.region == "cover" and _CHAPTER_ONE.match(c)) or (
        place.region == "toc" and (_CHAPTER_ONE.match(c) or p.heading_level == 1)
    ):
        place.region = "body"
    elif place.region == "summary" and _CHAPTER_ONE.match(c):
        place.chapters_in_summary += 1
        if place.chapters_in_summary > 1:  # the body's own "一、" after the summary's
            place.region = "body"
    elif place.region == "summary" and p.heading_level == 1:
        place.region = "body"
    if _CHAPTER.match(c):
        place.chapter = c
    place.heading = c
    level = p.heading_level or 9
    if _SELF_TITLE.search(c) and re.search(r"报告|表|情况", c) and len(c) >= 4:
        place.in_self, place.self_level = True, level
    elif place.in_self and (_ANNEX.match(c) or level < place.self_level or re.search(r"反馈|意见", c)):
        place.in_self = False


# "比自评得分低8.61分", "较自评分高2分", "与自评得分相差15.06分"
_SELF_GAP = re.compile(
    r"(?:比|较|低于|高于|与)自评(?:得分|分值|分数|总分|分)?(?:低|高|相差|差)?了?\s*(?P<n>" + _NUM + r")\s*分"
)


def _sentence_claims(s: str, quote: Quote, place: _Place) -> list[OverallClaim]:
    out: list[OverallClaim] = []
    context = place.context()
    for m in _SELF_GAP.finditer(s):
        n = parse_number(m.group("n"))
        if n is not None and not _SECTION.search(s):
            out.append(OverallClaim(kind="self_gap", number=n, context=context, source=quote))
    section = _SECTION.search(_FRAMEWORK_COUNT.sub("", s))
    accepted: list[int] = []  # where the accepted scores end
    for m in _SCORE.finditer(s):
        label = m.group("label")
        n = parse_number(m.group("n"))
        if n is None or n.value > 150:
            continue
        is_self = "自评" in label
        before = s[max(0, m.start() - 4) : m.start()]
        if not is_self and (section or _NOT_TOTAL_BEFORE.search(before)):
            continue
        if not m.group("unit") and context not in ("cover", "self_assessment") and not _grade_in(s):
            continue  # "评价得分 20" without 分 in running text is too loose
        kind = "self_score" if is_self else "total_score"
        if place.in_self and not is_self and "评价" not in label:
            kind = "self_score"  # the unit's own report states its own score
        accepted.append(m.end())
        out.append(OverallClaim(kind=kind, number=n, context=context, source=quote))  # type: ignore[arg-type]
    if accepted and not _grade_in(s):
        # "总得分85.81分，属于“良”等级": the grade word before 等级, right after the score
        g = _GRADE_AFTER.search(s, accepted[0])
        if g is not None and g.start() - accepted[0] <= 6:
            grade_kind = "self_grade" if out[-1].kind == "self_score" else "grade"
            out.append(OverallClaim(kind=grade_kind, grade=g.group("g"), context=context, source=quote))  # type: ignore[arg-type]
    for m in _grades(s):
        label = m.group("label")
        if _NEGATED_GRADE.search(s[max(0, m.start() - 4) : m.start()]):
            continue  # "无等级为“优”和“差”的项目" names no grade awarded
        if _graded_part(s, m.start(), accepted):
            continue  # the grade of a part ("贵池区81分，评价等次良好"), not of the whole
        if label == "等级" and not (place.in_self or out or re.search(r"评价|评定|绩效", s)):
            continue
        is_self = "自评" in label or (place.in_self and "评价" not in label)
        kind = "self_grade" if is_self else "grade"
        out.append(OverallClaim(kind=kind, grade=m.group("g"), context=context, source=quote))  # type: ignore[arg-type]
    return out


def _grades(s: str) -> list[re.Match[str]]:
    """The grade statements of a sentence: 评价等级为良, and 评价结论为“良” where the
    sentence has no 等级 statement; "为“良”的8个" counts items, it awards nothing."""
    found = [m for m in _GRADE.finditer(s) if not _GRADE_OF_ITEMS.match(s, m.end())]
    if not found:
        found = [m for m in _GRADE_CONCLUSION.finditer(s) if not _GRADE_OF_ITEMS.match(s, m.end())]
    return found


def _grade_in(s: str) -> bool:
    return bool(_grades(s))


def _graded_part(s: str, grade_at: int, accepted: list[int]) -> bool:
    """A grade right after a figure in points that no score word introduces: a list of
    parts with their own scores ("东至县91.75分，评价等次优秀；青阳县90分，…")."""
    window = s[max(0, grade_at - 12) : grade_at]
    before = _POINTS_BEFORE_GRADE.search(window)
    if before is None or any(0 <= grade_at - end <= 3 for end in accepted):
        return False
    num_at = grade_at - len(window) + before.start()
    clause = re.split(r"[，,；;：:。]", s[:num_at])[-1]
    return re.search(r"得分|评分|总分|分值|分数", clause) is None


def _table_claims(table: Table, place: _Place) -> list[OverallClaim]:
    """Label cells with their value to the right: 评价分值 | 84.94 | 评价等级 | 良."""
    out: list[OverallClaim] = []
    in_cover = place.region in ("cover", "toc") or "概要" in (table.caption or "")
    context = "cover" if in_cover else ("self_assessment" if place.in_self else "table")
    for row in table.rows:
        for i, cell in enumerate(row):
            label = compact(cell.text)
            if not _CELL_LABEL.match(label):
                continue
            value = _right_value(row, i)
            if value is None:
                continue
            is_self = "自评" in label or (place.in_self and "评价" not in label)
            if "等级" in label:
                g = re.fullmatch(r"[“\"「]?(" + _GRADES + r")[”\"」]?", compact(value.text))
                if g:
                    kind = "self_grade" if is_self else "grade"
                    out.append(
                        OverallClaim(kind=kind, grade=g.group(1), context=context, source=_pair_quote(cell, value))  # type: ignore[arg-type]
                    )
                continue
            n = points_in_cell(value.text)
            if n is not None and not n.percent and 0 <= n.value <= 150:
                kind = "self_score" if is_self else "total_score"
                out.append(
                    OverallClaim(kind=kind, number=n, context=context, source=_pair_quote(cell, value))  # type: ignore[arg-type]
                )
    return out


def _right_value(row: list[Cell], i: int) -> Cell | None:
    for cell in row[i + 1 : i + 3]:
        if cell.text.strip():
            return cell
    return None


def _pair_quote(label: Cell, value: Cell) -> Quote:
    """The value cell's place, quoted with its label: '评价分值 84.94'."""
    return Quote(location=value.location, text=f"{label.text.strip()} {value.text.strip()}")


# ---------------------------------------------------------------- grade bands

_BAND_HINT = re.compile(r"[优良中差合格]")
_SEGMENTS = re.compile(r"[；;，,。\n]")
_GRADE_START = re.compile(r"^\s*[“\"「]?(" + _GRADES + r")[”\"」]?(?:等级|级)?\s*(?=[（(：:\s≥>≤<\d]|$)")
_GRADE_AS = re.compile(r"(?:为|是|评定为|定为|属于|属|[：:])\s*[：:]?\s*[“\"「]?(" + _GRADES + r")[”\"」]?")
_SCORE_WORD = r"(?:综合得分|总得分|得分|分数|总分|评分|分值|X|x|S)"
_INCL = r"(?:[（(]\s*(?P<{0}>不?)含[^）)]{{0,6}}[）)])"
_BETWEEN = re.compile(
    r"(?P<a>" + _NUM + r")\s*分?\s*(?P<op1>≤|<)\s*" + _SCORE_WORD + r"\s*(?P<op2>≤|<)\s*(?P<b>" + _NUM + r")"
)
_SCORE_CMP = re.compile(_SCORE_WORD + r"\s*(?:在)?\s*(?P<op>≥|>|≤|<)\s*(?P<n>" + _NUM + r")")
_CMP_SCORE = re.compile(r"(?P<n>" + _NUM + r")\s*分?\s*(?P<op>≤|<)\s*" + _SCORE_WORD)
_RANGE = re.compile(
    r"(?P<a>" + _NUM + r")\s*分?\s*" + _INCL.format("ia") + r"?\s*(?:-|－|—|–|~|～|至|到)\s*"
    r"(?P<b>" + _NUM + r")\s*分?\s*" + _INCL.format("ib") + r"?"
)
_ABOVE = re.compile(
    r"(?P<n>" + _NUM + r")\s*分?\s*" + _INCL.format("i1") + r"?\s*(?:及|或)?\s*以上\s*" + _INCL.format("i2") + r"?"
)
_BELOW = re.compile(
    r"(?P<n>" + _NUM + r")\s*分?\s*" + _INCL.format("i1") + r"?\s*(?:及|或)?\s*以下\s*" + _INCL.format("i2") + r"?"
)
_WORDS = re.compile(
    r"(?P<w>大于等于|大于或等于|不低于|不少于|高于|大于|超过|小于等于|小于或等于|不高于|不超过|小于|低于|不足|不到|未达到|未满)"
    r"\s*(?P<n>" + _NUM + r")"
)
_WORD_BOUND = {
    "大于等于": ("lower", True),
    "大于或等于": ("lower", True),
    "不低于": ("lower", True),
    "不少于": ("lower", True),
    "高于": ("lower", False),
    "大于": ("lower", False),
    "超过": ("lower", False),
    "小于等于": ("upper", True),
    "小于或等于": ("upper", True),
    "不高于": ("upper", True),
    "不超过": ("upper", True),
    "小于": ("upper", False),
    "低于": ("upper", False),
    "不足": ("upper", False),
    "不到": ("upper", False),
    "未达到": ("upper", False),
    "未满": ("upper", False),
}


def _bands(sentence: str, quote: Quote) -> list[GradeBand]:
    if len(_BAND_HINT.findall(sentence)) < 1 or not re.search(r"\d", sentence):
        return []
    out: list[GradeBand] = []
    for seg in _SEGMENTS.split(sentence):
        band = _band(seg, quote)
        if band is not None and all(b.grade != band.grade for b in out):
            out.append(band)
    return out


def _band(seg: str, quote: Quote) -> GradeBand | None:
    m = _GRADE_START.match(seg) or _GRADE_AS.search(seg)
    if not m:
        return None
    grade = m.group(1)
    rest = seg[: m.start()] + " " + seg[m.end() :]
    lower: Decimal | None = None
    upper: Decimal | None = None
    lower_incl, upper_incl = True, False

    def set_lower(v: str, incl: bool) -> None:
        nonlocal lower, lower_incl
        lower, lower_incl = Decimal(v), incl

    def set_upper(v: str, incl: bool) -> None:
        nonlocal upper, upper_incl
        upper, upper_incl = Decimal(v), incl

    if b := _BETWEEN.search(rest):
        set_lower(b.group("a"), b.group("op1") == "≤")
        set_upper(b.group("b"), b.group("op2") == "≤")
    elif r := _RANGE.search(rest):
        set_lower(r.group("a"), r.group("ia") != "不")
        upper_value = Decimal(r.group("b"))
        set_upper(r.group("b"), r.group("ib") == "" or upper_value >= 100)
    else:
        for c in _SCORE_CMP.finditer(rest):
            op = c.group("op")
            if op in ("≥", ">"):
                set_lower(c.group("n"), op == "≥")
            else:
                set_upper(c.group("n"), op == "≤")
        for c in _CMP_SCORE.finditer(rest):
            set_lower(c.group("n"), c.group("op") == "≤")
        if a := _ABOVE.search(rest):
            set_lower(a.group("n"), "不" not in ((a.group("i1") or "") + (a.group("i2") or "")))
        if w := _BELOW.search(rest):
            flags = [f for f in (w.group("i1"), w.group("i2")) if f is not None]
            set_upper(w.group("n"), bool(flags) and "不" not in "".join(flags))
        for c in _WORDS.finditer(rest):
            side, incl = _WORD_BOUND[c.group("w")]
            (set_lower if side == "lower" else set_upper)(c.group("n"), incl)
    if lower is None and upper is None:
        return None
    if (lower is not None and lower > 150) or (upper is not None and upper > 150):
        return None
    return GradeBand(
        grade=grade,
        lower=lower,
        lower_inclusive=lower_incl,
        upper=upper,
        upper_inclusive=upper_incl,
        source=quote,
    )


def _table_bands(table: Table) -> list[GradeBand]:
    """A band table: one grade and its range per row ('优 | 90≤得分≤100')."""
    bands: list[GradeBand] = []
    for row in table.rows:
        texts = [c.text.strip() for c in row if c.text.strip()]
        if len(texts) < 2 or len(texts) > 4:
            continue
        joined = " ".join(texts)
        band = _band(joined, Quote(location=row[0].location, text=joined))
        if band is not None and all(b.grade != band.grade for b in bands):
            bands.append(band)
    return bands if len(bands) >= 2 else []
