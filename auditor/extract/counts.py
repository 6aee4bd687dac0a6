"""Counts the report states: indicators per level ("设置4个一级指标、11个二级指标"),
targets by status ("11个，7个已完成，4个部分完成"), questionnaires (发放/回收/有效, per
group), and other counted things ("24件差评投诉").

A count about one section ("部门决策类指标共包含2个二级指标") or about the original target
table ("绩效目标有…3个一级指标") is not the framework's count: it is kept as `other` with a
group, so it is never compared with the scoring table's row count.
"""

from __future__ import annotations

import re

from auditor.extract.cn_numerals import cn_to_int
from auditor.extract.text import TextUnit, iter_sentences_joined
from auditor.facts import CountClaim, CountKind, Facts
from auditor.models import Document, Paragraph
from auditor.normalize import compact
from auditor.notes import note

_N = r"((?<!\d)\d+|[一二三四五六七八九十两]{1,3})"  # a figure starts at its first digit
_LEVEL = re.compile(_N + r"\s*个\s*([一二三四])级(?:绩效)?指标")
_LEVEL_AFTER = re.compile(r"([一二三四])级(?:绩效)?指标\s*(?:共|为|有)?\s*" + _N + r"\s*个")
_LEVEL_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}
# "设置4个一级指标", "共由4个一级指标…构成": the verb governs the counts directly.
# "从决策、过程…4个一级指标，…12个二级指标…来对项目进行绩效评价": the counts the evaluation
# was made "from".
_FRAMEWORK = re.compile(
    r"(?:设置|共由|分为|共设|设立|包括|包含|共有|共计|涵盖)\s*了?\s*" + _N + r"\s*个\s*[一二三四]级"
    r"|级(?:绩效)?指标(?:构成|组成)"
    r"|从[^。；;]{0,40}?" + _N + r"个[一二三四]级(?:绩效)?指标[^。；;]*?(?:对|就)[^。；;]{0,12}?(?:进行|开展)[^。；;]{0,6}?评价"
)
# An indicator NAME listed in the sentence ("项目立项、绩效目标设立、资金投入等12个二级指标")
# says nothing about what is counted: an item of a 、 list, or one closed by 等.
_LISTED_NAME = re.compile(
    r"(?<=、)[\u4e00-\u9fff]{0,4}绩效目标[\u4e00-\u9fff]{0,4}|[\u4e00-\u9fff]{0,4}绩效目标[\u4e00-\u9fff]{0,4}(?=、|等)"
)
_NOT_FRAMEWORK = ("仅", "只", "类指标", "该", "绩效目标", "目标表", "申报", "批复", "细化分解")
_PARENS = re.compile(r"[（(][^（(）)]*[)）]")  # innermost first: linear on "（（（…"
# "产出指标仅设置两个三级指标": the clause's own subject.
_CLAUSE_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,4}?)类?指标(?:仅|只|共|均|还)?(?:设置|设|包含|包括|有)")
_SECTION_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,8})类指标")

# "绩效目标" as the subject ("绩效目标表设置…"), not inside an indicator name listed in
# the sentence ("绩效目标合理性").
_ABOUT_TARGETS = re.compile(r"绩效目标(?![\u4e00-\u9fff]{0,6}性)")
_TARGET_TABLE_WORDS = ("仅", "只", "细化分解", "目标表", "申报", "批复")

_STATUS_WORDS = ("已完成", "部分完成", "未完成", "全部完成")
_COUNT_GE = re.compile(_N + r"\s*个")

_COPIES = re.compile(r"(?<!\d)(\d+)\s*份")
GROUP_WORDS = (
    "工作人员",
    "社会公众",
    "办事群众",
    "受益群众",
    "服务对象",
    "群众",
    "公众",
    "企业",
    "职工",
    "A卷",
    "B卷",
)
_GROUP_CANON = {"受益群众": "社会公众", "公众": "社会公众"}

_PIECES = re.compile(r"(?<![\d,])(\d[\d,]*)\s*件\s*([\u4e00-\u9fff]{2,8})")
_TITLE_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)+")


def _int(text: str) -> int | None:
    text = text.replace(",", "")
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


def group_word(text: str) -> str | None:
    """The questionnaire group a text names (工作人员, 社会公众, 办事群众 …), canonical form."""
    t = compact(text)
    for w in GROUP_WORDS:
        if w in t:
            return _GROUP_CANON.get(w, w)
    return None


def _clauses(text: str) -> list[tuple[str, int]]:
    out = []
    start = 0
    for m in re.finditer(r"[，,；;、：:]", text):
        out.append((text[start : m.start()], start))
        start = m.end()
    out.append((text[start:], start))
    return out


# "共编制12个绩效目标指标，其中一级指标3个…", "绩效指标共12个，其中…": the indicators in all,
# then per level. Which levels the total counts (the deepest, or all) the sentence leaves open.
_INDICATOR_TOTAL = re.compile(
    _N + r"\s*个\s*(?:绩效(?:目标)?)?指标\s*[，,：:]?\s*其中"
    r"|(?<![一二三四]级)(?:绩效(?:目标)?)?指标\s*(?:共|共计|合计|总数为|总计)\s*" + _N + r"\s*个\s*[，,：:]?\s*其中"
)


def _indicator_total(unit: TextUnit, facts: Facts) -> None:
    m = _INDICATOR_TOTAL.search(unit.text)
    value = _int(m.group(1) or m.group(2)) if m else None
    if value is not None:
        facts.counts.append(CountClaim(kind="indicators_total", value=value, label="指标", source=unit.quote()))


def _indicator_counts(unit: TextUnit, section: str | None, continues: bool, facts: Facts) -> bool:
    """Indicator counts in a sentence; True when it states the framework (so that a
    following "；11个二级指标" sentence of the same list counts as the framework too)."""
    text = unit.text
    found: list[tuple[int, int, int]] = []  # (position, level, value)
    for m in _LEVEL.finditer(text):
        v = _int(m.group(1))
        if v is not None:
            found.append((m.start(), _LEVEL_NUM[m.group(2)], v))
    for m in _LEVEL_AFTER.finditer(text):
        v = _int(m.group(2))
        if v is not None and not any(abs(p - m.start()) < 3 for p, _, _ in found):
            found.append((m.start(), _LEVEL_NUM[m.group(1)], v))
    if not found:
        return False
    if len({lv for _, lv, _ in found}) > 1:
        _indicator_total(unit, facts)
    c = _LISTED_NAME.sub("", compact(_PARENS.sub("", text)))
    subject = _SECTION_SUBJECT.search(text)
    levels = {lv for _, lv, _ in found}
    framework = (
        (_FRAMEWORK.search(c) is not None and (len(levels) > 1 or 1 in levels))
        or (continues and _LEVEL.match(c) is not None)
    ) and not any(w in c for w in _NOT_FRAMEWORK)
    for pos, level, value in sorted(found):
        label = f"{'一二三四'[level - 1]}级指标"
        clause = re.split(r"[，,；;。]", text[:pos])[-1]
        own = _CLAUSE_SUBJECT.search(compact(clause))
        if framework:
            kind: CountKind = f"indicators_level{level}"  # type: ignore[assignment]
            facts.counts.append(CountClaim(kind=kind, value=value, label=label, source=unit.quote()))
            continue
        if own:
            group: str | None = re.sub(r"^(?:如|其中|但|而|且|其)", "", own.group(1)) or own.group(1)
        else:
            group = subject.group(1) if subject else ("绩效目标" if _ABOUT_TARGETS.search(c) else section)
        if group and group != "绩效目标" and any(w in c for w in _TARGET_TABLE_WORDS):
            # "产出指标仅设置两个三级指标" judges the target table, not the scoring framework.
            group = f"绩效目标{group}"
        facts.counts.append(
            CountClaim(
                kind="other", value=value, label=f"{group or ''}{label}", group=group, source=unit.quote()
            )
        )
    return framework


def _target_counts(unit: TextUnit, facts: Facts) -> bool:
    text = unit.text
    if not any(w in text for w in _STATUS_WORDS):
        return False
    if "指标" not in text:
        return False
    out = []
    for m in _COUNT_GE.finditer(text):
        value = _int(m.group(1))
        if value is None:
            continue
        after = compact(re.split(r"[，,；;。]", text[m.end() :], maxsplit=1)[0])[:12]
        if after.startswith(("一级", "二级", "三级", "四级", "方面")):
            continue
        if "部分完成" in after:
            kind: CountKind = "targets_partial"
        elif "未完成" in after:
            kind = "targets_uncompleted"
        elif "完成" in after or "达成" in after:
            kind = "targets_completed"
        elif not out:
            kind = "targets_total"
        else:
            continue
        out.append(CountClaim(kind=kind, value=value, label="绩效指标", source=unit.quote()))
    facts.counts.extend(out)
    return bool(out)


def _questionnaires(unit: TextUnit, heading_group: str | None, facts: Facts) -> None:
    text = unit.text
    if "份" not in text or "问卷" not in text and heading_group is None:
        return
    if "问卷" not in text and not re.search(r"(发放|回收|收回|有效)", text):
        return
    group: str | None = heading_group if "本卷" in text or "该卷" in text else None
    for clause, _offset in _clauses(text):
        c = compact(clause)
        g = group_word(c)
        if g:
            group = g
        for m in _COPIES.finditer(clause):
            value = int(m.group(1))
            head = compact(clause[: m.start()])
            if "满意" in head:
                continue  # 满意以上份数 counts answers, not questionnaires
            if "发放" in head or "发出" in head:
                kind: CountKind = "questionnaires_issued"
            elif "有效" in head:
                kind = "questionnaires_group" if group else "questionnaires_valid"
            elif "回收" in head or "收回" in head:
                kind = "questionnaires_group" if group else "questionnaires_returned"
            elif g:
                kind = "questionnaires_group"
            else:
                continue
            label = {
                "questionnaires_issued": "发放问卷",
                "questionnaires_valid": "有效问卷",
                "questionnaires_returned": "回收问卷",
                "questionnaires_group": f"{group or ''}问卷",
            }[kind]
            grp = group if kind in ("questionnaires_issued", "questionnaires_group") else None
            facts.counts.append(
                CountClaim(kind=kind, value=value, label=label, group=grp, source=unit.quote())
            )


# "二是部门管理，权重分25分，主要从预算执行、财务管理…5个方面加以考察": the number of
# second-level indicators under a first-level one, as the framework paragraph lists them.
_ASPECTS = re.compile(
    r"(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|^)\s*[“\"]?([\u4e00-\u9fff]{2,8}?)(?:类指标|指标)?[”\"]?"
    r"[，,（(](?:[^，,。；;]{0,12}[，,）)])?[^。；;]{0,30}?(?:主要)?从[^。；;]{0,80}?" + _N + r"\s*个\s*方面"
)


def _aspects(unit: TextUnit, facts: Facts) -> None:
    if "方面" not in unit.text:
        return
    for m in _ASPECTS.finditer(unit.text):
        value = _int(m.group(2))
        if value is None:
            continue
        name = m.group(1)
        facts.counts.append(
            CountClaim(kind="other", value=value, label=f"{name}二级指标", group=name, source=unit.quote())
        )


# "满意以上份数 | 工作人员21份，社会公众48份": per group, the answers 满意 or better.
_SATISFIED_ROW = re.compile(r"满意(?:及|或)?以上")


def _satisfied(unit: TextUnit, row_label: str, facts: Facts) -> None:
    if not _SATISFIED_ROW.search(row_label) and not _SATISFIED_ROW.search(unit.text):
        return
    group: str | None = None
    for clause, _ in _clauses(unit.text):
        g = group_word(clause)
        group = g or group
        m = re.search(r"(\d+)\s*(?:份|人)", clause)
        if m is None or group is None:
            continue
        if not _SATISFIED_ROW.search(row_label) and not _SATISFIED_ROW.search(clause[: m.start()]):
            continue
        facts.counts.append(
            CountClaim(
                kind="other",
                value=int(m.group(1)),
                label=f"{group}满意以上份数",
                group=group,
                source=unit.quote(),
            )
        )


def _pieces(unit: TextUnit, facts: Facts) -> None:
    for m in _PIECES.finditer(unit.text):
        value = _int(m.group(1))
        if value is None:
            continue
        label = re.split(r"[的和与及]", m.group(2))[0]
        if len(label) < 2:
            continue
        facts.counts.append(CountClaim(kind="other", value=value, label=label, source=unit.quote()))


def extract_counts(doc: Document, facts: Facts) -> None:
    section: str | None = None
    heading_group: str | None = None
    last_para: tuple[int | None, int | None] | None = None
    last_block: int | None = None
    last_text = ""
    framework_open = False
    row_labels: dict[tuple[int | None, int | None], str] = {}
    for table in doc.tables():
        for row in table.rows:
            if row:
                for cell in row:
                    row_labels.setdefault((cell.location.table, cell.location.row), compact(row[0].text))
    for unit in iter_sentences_joined(doc):
        try:
            if not unit.in_table:
                key = (unit.location.block, unit.location.paragraph)
                if key != last_para:
                    last_para = key
                    para = doc.blocks[unit.location.block] if unit.location.block is not None else None
                    if isinstance(para, Paragraph):
                        t = para.text.strip()
                        if _is_title(para):
                            section = _TITLE_NUMBERING.sub("", t).strip() or section
                            g = group_word(t)
                            if g and ("问卷" in t or "调查" in t or "卷" in t):
                                heading_group = g
            if _target_counts(unit, facts):
                framework_open = False
            else:
                b = unit.location.block
                same = (
                    unit.location.table is None
                    and b is not None
                    and last_block is not None
                    and 0 <= b - last_block <= 1
                    and last_text.endswith(("；", ";", "、", "，"))
                )
                framework_open = _indicator_counts(unit, section, framework_open and same, facts)
                _questionnaires(unit, heading_group, facts)
            last_block = unit.location.block
            last_text = unit.text
            _pieces(unit, facts)
            _aspects(unit, facts)
            row_label = row_labels.get((unit.location.table, unit.location.row), "") if unit.in_table else ""
            _satisfied(unit, row_label, facts)
        except (ValueError, TypeError) as exc:
            facts.notes.append(note("sentence_skipped", part="counts", text=unit.text[:40], reason=str(exc)))


def _is_title(p: Paragraph) -> bool:
    t = p.text.strip()
    if p.heading_level is not None:
        return True
    return 0 < len(t) <= 30 and not t.endswith(("。", "；", "，")) and "：" not in t[:-1]
