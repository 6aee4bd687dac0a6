"""Questionnaire result tables: one question per table (选项 | 小计 | 比例, closed by
"本题有效填写人次 N") or horizontal blocks (项目 | A.非常满意 | B.满意 … | 合计, then 份数 and
比例 rows), possibly several blocks run together in one converted table.

The question's title is the paragraph just above ("第3题 …？[单选题]"); the group
(工作人员 / 社会公众 …) is the questionnaire heading the table stands under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.extract.counts import group_word
from auditor.extract.text import preceding_paragraphs
from auditor.facts import Facts, Quote, SurveyOption, SurveyQuestion
from auditor.models import Cell, Document, Paragraph, Table
from auditor.normalize import compact
from auditor.notes import note
from auditor.numbers import Num, parse_number
from auditor.tables.lexicon import lexicon

_VALID_ROW = ("本题有效填写人次", "有效填写人次", "本题有效填写", "有效人次", "填写人次")
_TYPE_ONLY = re.compile(r"^[\[【［(（]?\s*(单选题|多选题|多选|单选|填空题|矩阵题|排序题)\s*[\]】］)）]?$")
_COUNT_ROW = ("份数", "人数", "小计", "票数", "数量", "人次", "频数")
_PERCENT_ROW = ("比例", "比率", "占比", "百分比", "满意度比率")
_SEPARATOR = re.compile(r"^[-—_=]+$")


@dataclass
class _Block:
    labels: list[str]
    label_cells: list[Cell]
    total_col: int | None
    counts: list[Num | None] = field(default_factory=list)
    count_cells: list[Cell] = field(default_factory=list)
    percents: list[tuple[Num, Cell]] = field(default_factory=list)
    title: str | None = None


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def _multiple(texts: list[str]) -> bool | None:
    for t in texts:
        if "多选" in t:
            return True
        if "单选" in t:
            return False
    return None


def _title_above(doc: Document, table: Table) -> tuple[str | None, bool | None]:
    paras = preceding_paragraphs(doc, table, limit=3)
    kinds = [p.text for p in paras]
    for p in paras:
        t = p.text.strip()
        if _TYPE_ONLY.match(compact(t)) or re.fullmatch(r"\d+%?", compact(t)):
            continue
        return t, _multiple([t, *kinds])
    return None, _multiple(kinds)


# ---------------------------------------------------------------- vertical tables


def _vertical(
    table: Table, title: str | None, multiple: bool | None, group: str | None
) -> SurveyQuestion | None:
    grid = table.grid()
    if not grid:
        return None
    head = [compact(c.text) if c else "" for c in grid[0]]
    if "选项" not in head[:1] or not any(h in ("小计", "人数", "份数", "票数") for h in head):
        return None
    count_col = next(i for i, h in enumerate(head) if h in ("小计", "人数", "份数", "票数"))
    pct_col = next((i for i, h in enumerate(head) if h in _PERCENT_ROW), None)
    options: list[SurveyOption] = []
    valid: Num | None = None
    for row in grid[1:]:
        cells = [c for c in row]
        label_cell = cells[0]
        if label_cell is None:
            continue
        label = label_cell.text.strip()
        if not label or _SEPARATOR.match(compact(label)):
            continue
        count_cell = cells[count_col] if count_col < len(cells) else None
        count = parse_number(_first_line(count_cell.text)) if count_cell is not None else None
        if any(w in compact(label) for w in _VALID_ROW):
            valid = count
            continue
        pct_cell = cells[pct_col] if pct_col is not None and pct_col < len(cells) else None
        pct = (
            parse_number(_first_line(pct_cell.text))
            if pct_cell is not None and pct_cell is not count_cell
            else None
        )
        options.append(
            SurveyOption(
                label=label,
                count=count,
                percent=pct if pct is not None and pct.percent else None,
                source=Quote(
                    location=(count_cell or label_cell).location,
                    text=" | ".join(c.text for c in _uniq(cells)),
                ),
            )
        )
    if not options:
        return None
    return SurveyQuestion(
        title=title,
        group=group,
        options=options,
        valid_total=valid,
        multiple_choice=multiple,
        source=Quote(location=table.location, text=title or (table.caption or "")),
    )


def _uniq(cells: list[Cell | None]) -> list[Cell]:
    out: list[Cell] = []
    for c in cells:
        if c is not None and (not out or c is not out[-1]):
            out.append(c)
    return out


# ---------------------------------------------------------------- horizontal blocks


def _horizontal(
    table: Table,
    title: str | None,
    multiple: bool | None,
    group: str | None,
    carried: _Block | None = None,
) -> tuple[list[SurveyQuestion], _Block | None]:
    """项目 | A.… | B.… | 合计 header, then 份数 / 比例 rows; blocks may follow each other
    in one table, and a converter may leave the next question's title in the last cell.

    A block whose counts have not come yet when the table ends is returned open: a
    page break may have cut the question, and the next table carries on with its
    percentages or its 份数 row (`carried`)."""
    out: list[SurveyQuestion] = []
    block: _Block | None = carried
    next_title = title if carried is None else None
    for row in table.rows:
        i = 0
        while i < len(row):
            cell = row[i]
            key = compact(_first_line(cell.text))
            if (
                key in ("项目", "选项")
                and i + 1 < len(row)
                and not parse_number(_first_line(row[i + 1].text))
            ):
                if block is not None:
                    out.extend(_finish(block, multiple, group, table))
                labels, label_cells, total_col = [], [], None
                j = i + 1
                while (
                    j < len(row) and compact(row[j].text) and parse_number(_first_line(row[j].text)) is None
                ):
                    lab = compact(row[j].text)
                    if lexicon().total_kind(lab, "exact") == "total":
                        total_col = len(labels)
                    labels.append(row[j].text.strip())
                    label_cells.append(row[j])
                    j += 1
                block = _Block(labels, label_cells, total_col, title=next_title)
                next_title = None
                i = j
                continue
            if block is not None and (any(w == key for w in _COUNT_ROW)):
                j = i + 1
                while j < len(row) and len(block.counts) < len(block.labels):
                    text = row[j].text
                    n = parse_number(_first_line(text))
                    if n is None and not compact(text):
                        break
                    block.counts.append(n)
                    block.count_cells.append(row[j])
                    rest = text.strip().split("\n", 1)
                    if len(rest) > 1 and rest[1].strip():
                        next_title = rest[1].strip()
                    j += 1
                i = j
                continue
            if block is not None and (
                any(w in key for w in _PERCENT_ROW) or (key.endswith("%") and parse_number(key))
            ):
                start = i if key.endswith("%") else i + 1
                for c in row[start:]:
                    n = parse_number(_first_line(c.text))
                    if n is not None and n.percent:
                        block.percents.append((n, c))
                i = len(row)
                continue
            i += 1
    if block is not None and not block.counts:
        return out, block
    if block is not None:
        out.extend(_finish(block, multiple, group, table))
    return out, None


def _finish(block: _Block, multiple: bool | None, group: str | None, table: Table) -> list[SurveyQuestion]:
    if not block.counts:
        return []
    options: list[SurveyOption] = []
    valid: Num | None = None
    pct_iter = iter(block.percents)
    total_pct: tuple[Num, Cell] | None = None
    for k, label in enumerate(block.labels):
        count = block.counts[k] if k < len(block.counts) else None
        if k == block.total_col:
            valid = count
            total_pct = next(pct_iter, None)
            continue
        pct = next(pct_iter, None)
        cell = block.count_cells[k] if k < len(block.count_cells) else block.label_cells[k]
        options.append(
            SurveyOption(
                label=label,
                count=count,
                percent=pct[0] if pct else None,
                # the option as read: its count and, where printed, its percentage
                source=Quote(
                    location=cell.location,
                    text=" ".join(
                        x for x in (label, cell.text.strip(), pct[1].text.strip() if pct else "") if x
                    ),
                ),
            )
        )
    if not options:
        return []
    title = block.title
    return [
        SurveyQuestion(
            title=title,
            group=group,
            options=options,
            valid_total=valid,
            multiple_choice=_multiple([title or ""]) if multiple is None else multiple,
            source=Quote(
                location=block.label_cells[0].location if block.label_cells else table.location,
                text=title or "",
            ),
            percent_total=total_pct[0] if total_pct else None,
            percent_total_source=Quote(location=total_pct[1].location, text=total_pct[1].text)
            if total_pct
            else None,
        )
    ]


# ---------------------------------------------------------------- the document


def _valid_only(table: Table) -> Num | None:
    """A stray "本题有效填写人次 | 50" table left over when a converter split the question."""
    for row in table.rows:
        if row and any(w in compact(row[0].text) for w in _VALID_ROW) and len(row) > 1:
            return parse_number(_first_line(row[1].text))
    return None


_FRAGMENT = re.compile(r"^\d+(\.\d+)?%?$")


_ANSWER_HEAD = ("答案文本", "回答内容", "填写内容")
_QUESTION_TITLE = re.compile(r"第\s*\d+\s*题|[？?]\s*$|[\[【［](?:填空|简答|问答)")


def _free_texts(table: Table) -> int | None:
    """Rows of a free-text answer table (序号 | 提交答卷时间 | … | 答案文本) with an answer."""
    if not table.rows:
        return None
    head = [compact(c.text) for c in table.rows[0]]
    col = next((i for i, h in enumerate(head) if h in _ANSWER_HEAD), None)
    if col is None:
        return None
    return sum(1 for row in table.rows[1:] if col < len(row) and compact(row[col].text))


def extract_surveys(doc: Document, facts: Facts) -> None:
    group: str | None = None
    open_block: _Block | None = None  # a question cut by a page break, waiting for its rest
    last_question: int | None = None  # the question whose free-text answers may follow
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            t = block.text.strip()
            if t and not _FRAGMENT.match(compact(t)):
                open_block = None  # real text in between: the next table is not its rest
            if t and _QUESTION_TITLE.search(t):
                last_question = None  # another question's title: what follows is its own
            g = group_word(t)
            if (
                g
                and len(t) <= 60
                and (block.heading_level is not None or "卷" in t or "调查" in t or t.startswith(("（", "(")))
            ):
                group = g
            continue
        answers = _free_texts(block)
        if answers is not None:
            if last_question is not None:
                facts.surveys[last_question] = facts.surveys[last_question].model_copy(
                    update={
                        "free_texts": answers,
                        "free_texts_source": Quote(
                            location=block.location, text=" | ".join(c.text.strip() for c in block.rows[0])
                        ),
                    }
                )
            last_question = None
            continue
        try:
            before = len(facts.surveys)
            open_block = _read_table(doc, block, group, facts, open_block)
            if len(facts.surveys) > before:
                last_question = len(facts.surveys) - 1
        except (ValueError, TypeError, IndexError) as exc:
            open_block = None
            facts.notes.append(note("table_skipped", part="surveys", table=block.index + 1, reason=str(exc)))


def _read_table(
    doc: Document, table: Table, group: str | None, facts: Facts, carried: _Block | None
) -> _Block | None:
    head = compact(" ".join(c.text for c in table.rows[0])) if table.rows else ""
    if carried is not None and "选项" not in head and "项目" not in head:
        questions, still_open = _horizontal(table, None, None, group, carried)
        facts.surveys.extend(questions)
        return still_open
    if "选项" not in head and "项目" not in head:
        valid = _valid_only(table)
        if valid is not None and facts.surveys and facts.surveys[-1].valid_total is None:
            facts.surveys[-1] = facts.surveys[-1].model_copy(update={"valid_total": valid})
        return None
    title, multiple = _title_above(doc, table)
    q = _vertical(table, title, multiple, group)
    if q is not None:
        facts.surveys.append(q)
        return None
    if head.startswith(("项目", "选项")):
        questions, still_open = _horizontal(table, title, multiple, group)
        facts.surveys.extend(questions)
        return still_open
    return None
