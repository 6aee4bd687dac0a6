"""Self-assessment and monitoring forms (项目支出绩效自评表, 部门整体支出绩效自评表,
绩效运行监控表), read through the table layer (auditor.tables).

A form table is claimed here and by no other table reader: its funds row, its indicator
rows and its total become `FormFunds`, `FormRow` and `FormSummary` facts for the form
rules, and the usual facts (a self-assessment score tree, target rows, money, the
execution rate, the self score and grade) for the rules every report shares.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from auditor.extract.form_base import stated_base
from auditor.extract.form_weights import form_level1, is_optional, note_texts, weights_note
from auditor.extract.text import cell_quote, preceding_paragraphs
from auditor.extract.units import unit_in_header, unit_in_note
from auditor.facts import (
    Facts,
    FormFamily,
    FormFunds,
    FormRow,
    FormSummary,
    MoneyClaim,
    MoneySum,
    Operand,
    OverallClaim,
    Quote,
    RateClaim,
    ScoreNode,
    ScoreTree,
    TableCoverage,
    TargetStatus,
)
from auditor.models import Cell, Document, Paragraph, Table
from auditor.numbers import Num, parse_number
from auditor.tables import Band, RowReading, TableReading, read_table, reading_of
from auditor.tables.cells import classify, points_in_label, strip_points
from auditor.tables.lexicon import label_key, lexicon

_MONITORING_ROLES = {"spent_midyear", "spent_forecast", "actual_midyear", "actual_forecast", "possibility"}
_DEPARTMENT_ROLES = {"coefficient", "core", "weight_exec", "score_exec"}
_FUNDS_SCORED = {"score", "weight", "score_exec", "weight_exec"}  # a money table of a report has 执行率 too
_SELF_TOTAL = re.compile(r"^(?:自评)?总分|^自评得分|^综合得分")
_JOINED_PLACEHOLDER = re.compile(r"(?:…|\.{3}|。{3}|(?<!^)指标\d{1,2})+$")
_NATURE_DIRECTION = {"反向指标": "≤", "反向": "≤", "正向指标": "≥", "正向": "≥"}
_GRADE = re.compile(r"^(优秀|良好|合格|不合格|优|良|中|差|较好|一般|较差)$")


def is_form(reading: TableReading) -> bool:
    """A funds block with budget and spending, or an indicator block with targets, actuals
    and points (or, on a monitoring form, the likelihood of meeting the target)."""
    for b in reading.bands:
        roles = set(b.roles)
        budget = roles & {"budget_full", "budget_initial"}
        if b.kind == "funds" and budget and ("spent_midyear" in roles or "spent" in roles and roles & _FUNDS_SCORED):
            return True
        if (
            b.kind == "indicators"
            and roles & {"target", "target_adjusted"}
            and roles & {"actual", "actual_midyear", "actual_forecast"}
            and roles & {"weight", "score", "possibility"}
        ):
            return True
    return False


def read_forms(doc: Document) -> dict[int, TableReading]:
    """The form tables of a document, by table index. A table without a header right
    after a form's indicator block continues it (a form cut by a page break, or by a
    converter at a one-cell row): its rows join that block, and its index maps to the
    same reading. A one-row table without figures in between does not break the run."""
    out: dict[int, TableReading] = {}
    last: TableReading | None = None
    for table in doc.tables(nested=False):
        reading = reading_of(table)
        block = _last_indicators(last)
        if not reading.bands and block is not None:
            carried = read_table(table, carry=block)
            if carried.bands and carried.bands[0].rows and not carried.not_understood:
                _join(last, carried)  # type: ignore[arg-type]
                out[table.index] = last  # type: ignore[assignment]
                continue
            if table.n_rows <= 1 and not any(classify(c).kind == "number" for c in table.iter_cells()):
                out[table.index] = last  # type: ignore[assignment]
                continue
        if is_form(reading):
            reading = _own(reading)  # a joined continuation must not change the shared reading
            if last is not None and _blocks_only(last) == {"funds"} and _blocks_only(reading) == {"indicators"} and _adjacent(doc, last, table):
                # the funds block and the indicator block as two tables (a PDF cut where the
                # columns change, two Word tables): one form
                _join_blocks(last, reading)
                out[table.index] = last
                continue
            out[table.index] = reading
            last = reading
        else:
            last = None
    return out


def _blocks_only(reading: TableReading) -> set[str]:
    return {b.kind for b in reading.bands}


def _adjacent(doc: Document, reading: TableReading, table: Table) -> bool:
    """Nothing but blank paragraphs between the last piece of `reading` and `table`."""
    prev = (reading.continued_tables or [reading.table])[-1]
    start, end = prev.location.block, table.location.block
    if start is None or end is None or end <= start:
        return False
    return all(isinstance(b, Paragraph) and not b.text.strip() for b in doc.blocks[start + 1 : end])


def _join_blocks(reading: TableReading, nxt: TableReading) -> None:
    reading.bands.extend(nxt.bands)
    reading.info.extend(nxt.info)
    reading.not_understood.extend(nxt.not_understood)
    reading.continued_tables.append(nxt.table)


def _own(reading: TableReading) -> TableReading:
    bands = [replace(b, rows=list(b.rows)) for b in reading.bands]
    return replace(reading, bands=bands, info=list(reading.info), continued_tables=list(reading.continued_tables))


def _last_indicators(reading: TableReading | None) -> Band | None:
    if reading is None:
        return None
    ind = [b for b in reading.bands if b.kind == "indicators"]
    return ind[-1] if ind else None


def _join(reading: TableReading, continuation: TableReading) -> None:
    block = _last_indicators(reading)
    assert block is not None
    block.rows.extend(continuation.bands[0].rows)
    for extra in continuation.bands[1:]:
        reading.bands.append(extra)
    reading.info.extend(continuation.info)
    reading.continued_tables.append(continuation.table)


def extract_forms(doc: Document, facts: Facts, forms: dict[int, TableReading]) -> None:
    done: set[int] = set()
    for index, reading in forms.items():
        if id(reading) in done:
            continue
        done.add(id(reading))
        _extract_form(doc, facts, reading)
        facts.tables.append(
            TableCoverage(
                table=index,
                family=_family(doc, reading),
                blocks=[b.kind for b in reading.bands],
                rows_not_understood=[r + 1 for r in reading.not_understood],
                continued_in=[t.index for t in reading.continued_tables],
            )
        )


def _family(doc: Document, reading: TableReading) -> FormFamily:
    roles = {r for b in reading.bands for r in b.roles}
    if roles & _MONITORING_ROLES:
        return "monitoring"
    # (above the first piece of a form the readers cut where its columns change)
    context = " ".join([reading.table.caption or ""] + [p.text for p in _notes_above(doc, reading.table)])
    if roles & _DEPARTMENT_ROLES or "部门整体" in context:
        return "department_self"
    return "project_self"


def _extract_form(doc: Document, facts: Facts, reading: TableReading) -> None:
    table = reading.table
    family = _family(doc, reading)
    funds = [_funds(doc, reading, b, family) for b in reading.bands if b.kind == "funds"]
    funds_row = next((f for f in funds if f is not None), None)
    rows: list[tuple[RowReading, FormRow]] = []
    totals: list[RowReading] = []
    bands = [b for b in reading.bands if b.kind == "indicators"]
    for band in bands:
        level1 = level2 = None
        for row in band.rows:
            if row.kind == "total":
                totals.append(row)
                continue
            level1 = _text(row.levels.get("level1")) or (level1 if "level2" in row.levels or not row.levels.get("level1") else None)
            if row.levels.get("level1"):
                level2 = None
            level2 = _text(row.levels.get("level2")) or level2
            if row.kind != "data" or not row.levels.get("level3"):
                continue
            form_row = _form_row(table, family, band, row, level1, level2)
            if form_row is not None:
                rows.append((row, form_row))
                facts.form_rows.append(form_row)
    if funds_row is not None:
        facts.form_funds.append(funds_row)
        _funds_facts(facts, funds_row, reading)
    total = totals[-1] if totals else None
    self_score = _header_self_score(reading)
    if not reading.not_understood:
        _full_marks_weights(funds_row, [fr for _, fr in rows], total, self_score)
    uncertain = _uncertain_blocks([fr for _, fr in rows])
    summary = FormSummary(
        table=table.index,
        family=family,
        rows=len(rows),
        weighted_rows=sum(1 for _, r in rows if r.weight is not None),
        filled_rows=sum(1 for _, r in rows if r.actual is not None or r.actual_text or r.score is not None),
        total_weight=total.num("weight") if total else None,
        total_score=(total.num("score") if total else None) or (self_score[0] if self_score else None),
        prompts=_prompts(reading, funds_row),
        level1=form_level1(
            [fr for _, fr in rows],
            _label_weights(rows),
            (strip_points(funds_row.label), funds_row.weight, funds_row.sources["weight"])
            if funds_row is not None and funds_row.weight is not None and "weight" in funds_row.sources
            else None,
            uncertain,
        )
        if family != "monitoring"
        else [],
        weights_note=weights_note(doc, reading) if family != "monitoring" else None,
        source=Quote(location=table.location, text=table.caption or ""),
    )
    _problems(reading, summary)
    facts.forms.append(summary)
    if family != "monitoring":
        _tree(facts, reading, funds_row, rows, total, self_score, uncertain)
        _targets(facts, rows)
    _overall(facts, total, self_score)


# ---------------------------------------------------------------- funds


def _funds(doc: Document, reading: TableReading, band: Band, family: FormFamily) -> FormFunds | None:
    candidates = [r for r in band.rows if r.kind in ("total", "data") and r.values]
    row = next((r for r in candidates if r.kind == "total"), candidates[0] if len(candidates) == 1 else None)
    if row is None:
        return None
    sources: dict[str, Quote] = {}
    # (a monitoring form at mid-year leaves its 全年预计 column blank: the alignment's
    # blank prior places its amounts; a year-end row missing an amount has no such rule)
    open_amounts = family != "monitoring" and row.inferred & _AMOUNT_ROLES and not _rate_pins_amounts(row)
    # a funds row with one figure ("年度财政资金总额 | 90.00" on an unfilled form) may
    # hold an amount or the score: an open points column is not read as points
    open_points = row.inferred & _POINTS_ROLES and not _rate_pins_amounts(row)

    def num(role: str, field: str) -> Num | None:
        if open_points and role in row.inferred and role in _POINTS_ROLES:
            return None
        n = row.num(role)
        if n is not None and not (open_amounts and role in row.inferred):
            # an amount whose column dropped cells leave open ("80.00 | 90.00" under three
            # amount columns) is kept as read, without a source: no money claim, no sum
            sources[field] = cell_quote(row.values[role].cell)
        return n

    weight = num("weight", "weight") or num("weight_exec", "weight")
    if weight is None and band.weight is not None and band.weight_cell is not None:
        weight = band.weight
        sources["weight"] = cell_quote(band.weight_cell)
    reason_cell = row.cell("reason")
    reason = None
    if "reason" in band.roles:
        reason = reason_cell.text.strip() if reason_cell is not None else ""
    label_cell = row.label_cell or band.columns[0].header
    unit = _money_unit(doc, reading.table, band)
    funds = FormFunds(
        table=reading.table.index,
        family=family,
        label=row.label,
        unit=unit[0] if unit else None,
        unit_source=unit[1] if unit else None,
        budget_initial=num("budget_initial", "budget_initial"),
        budget_full=num("budget_full", "budget_full"),
        spent=num("spent", "spent"),
        spent_midyear=num("spent_midyear", "spent_midyear"),
        spent_forecast=num("spent_forecast", "spent_forecast"),
        rate=num("exec_rate", "rate"),
        weight=weight,
        score=num("score", "score") or num("score_exec", "score"),
        reason=reason,
        reason_is_prompt=bool(reason) and lexicon().is_prompt(reason or ""),
        source=cell_quote(label_cell),
        sources=sources,
    )
    if reason_cell is not None:
        funds.sources["reason"] = cell_quote(reason_cell)
    carry = next((r for r in band.rows if r.kind in ("part", "data") and "结转" in r.label), None)
    if carry is not None:
        for role in ("budget_full", "budget_initial"):
            n = carry.num(role)
            if n is not None and role not in carry.inferred:
                funds.carryover, funds.sources["carryover"] = n, cell_quote(carry.values[role].cell)
                break
    full_col = next((c for c in band.columns if c.role == "budget_full"), None)
    funds.full_is_adjusted = full_col is not None and "调整" in full_col.header.text
    if family != "monitoring":
        funds.base_stated = stated_base(band, note_texts(doc, reading))  # type: ignore[assignment]
    return funds


_AMOUNT_ROLES = frozenset({"budget_initial", "budget_full", "spent"})
_POINTS_ROLES = frozenset({"score", "score_exec"})


def _rate_pins_amounts(row: RowReading) -> bool:
    """A funds row whose dropped cells leave the amounts' columns open is still read as
    aligned when its printed 执行率 is what the aligned amounts give (spent / budget)."""
    rate, spent = row.num("exec_rate"), row.num("spent")
    base = row.num("budget_full") or row.num("budget_initial")
    if rate is None or spent is None or base is None or base.value == 0 or "exec_rate" in row.inferred:
        return False
    value = rate.value if rate.percent else rate.value * 100
    half = Decimal(1).scaleb(-rate.decimals) / 2 * (1 if rate.percent else 100)
    return abs(spent.value / base.value * 100 - value) <= half + Decimal("0.01")


def _money_unit(doc: Document, table: Table, band: Band) -> tuple[str, str] | None:
    """The funds block's money unit and where it stands: the block's label cell
    ("项目资金（万元）": row), a column header ("全年预算数（万元）": column), or a note
    above the table or in its first rows ("单位：万元": note)."""
    first_row = sorted(table.rows[band.header_rows[0]], key=lambda c: c.col) if band.header_rows else []
    column_headers = {id(col.header) for col in band.columns}
    for c in first_row:
        u = unit_in_header(c.text)
        if u:
            return u, "column" if id(c) in column_headers else "row"
    for p in _notes_above(doc, table):
        u = unit_in_note(p.text)
        if u:
            return u, "note"
    for row in table.rows[: band.header_rows[0] if band.header_rows else 0]:
        for c in row:
            u = unit_in_note(c.text)
            if u:
                return u, "note"
    return None


def _notes_above(doc: Document, table: Table) -> list[Paragraph]:
    """The paragraphs above a table, or above the first piece of the source table it
    was cut from (the readers cut a table whose rows change their column layout, e.g.
    a 项目名称 row above the funds block), or above a short table right before it: a
    unit note over the table covers each piece."""
    idx = table.location.block
    while idx:
        before = doc.blocks[idx - 1]
        if not (
            isinstance(before, Table)
            and before.location.file == table.location.file
            and (before.location.table == table.location.table or before.n_rows <= 3)
        ):
            # (a PDF cuts the form where its columns change, into tables of their own:
            # the 项目名称 / 主管部门 rows above the funds block are one of them)
            break
        table, idx = before, before.location.block
    return preceding_paragraphs(doc, table)


# a monitoring form's 1-6月执行数 is not the year's spending: it is kept apart ("other")
_MONEY_FIELDS = (
    ("budget_initial", "budget"),
    ("budget_full", "adjusted_budget"),
    ("spent", "spent"),
    ("spent_midyear", "other"),
)


def _funds_facts(facts: Facts, funds: FormFunds, reading: TableReading) -> None:
    if funds.unit is not None:
        claims: dict[str, MoneyClaim] = {}
        for field, quantity in _MONEY_FIELDS:
            n = getattr(funds, field)
            if n is not None and field in funds.sources:
                claims[field] = MoneyClaim(
                    quantity=quantity,  # type: ignore[arg-type]
                    label=f"{funds.label}（{_FIELD_WORDS[field]}）",
                    amount=n,
                    unit=funds.unit,  # type: ignore[arg-type]
                    unit_source=funds.unit_source or "column",  # type: ignore[arg-type]
                    source=funds.sources[field],
                )
        facts.money.extend(claims.values())
        _money_sums(facts, funds, reading, claims)
    # a year-end form's rate is recomputed by FORM022 on the base the profile names, unless
    # the form's own formula names one (then RATE003 holds it to that); a monitoring form
    # keeps the usual base
    base_field = {"full_year": "budget_full", "adjusted": "budget_full", "initial": "budget_initial"}.get(
        funds.base_stated or ""
    )
    if funds.family == "monitoring":
        base_field = "budget_full" if funds.budget_full is not None else "budget_initial"
    base = getattr(funds, base_field) if base_field else None
    rate = funds.rate
    spent_field = "spent" if funds.spent is not None else "spent_midyear"
    spent = getattr(funds, spent_field)
    if (
        rate is not None
        and rate.percent
        and spent is not None
        and "rate" in funds.sources
    ):
        # (numerator without a denominator: RATE003 and RATE007 leave it to FORM022)
        facts.rates.append(
            RateClaim(
                kind="execution_rate",
                label="预算执行率",
                value=rate,
                numerator=Operand(label=_FIELD_WORDS[spent_field], number=spent, source=funds.sources.get(spent_field)),
                denominator=Operand(label=_FIELD_WORDS[base_field], number=base, source=funds.sources.get(base_field))  # type: ignore[index]
                if base is not None and base.value != 0
                else None,
                source=funds.sources["rate"],
            )
        )


_FIELD_WORDS = {
    "budget_initial": "年初预算数",
    "budget_full": "全年预算数",
    "spent": "全年执行数",
    "spent_midyear": "1-6月执行数",
}


def _money_sums(facts: Facts, funds: FormFunds, reading: TableReading, claims: dict[str, MoneyClaim]) -> None:
    """年度资金总额 = the sum of its 其中 rows, column by column; a part printed as a
    placeholder ("—", "/") counts as nothing, and a column no part fills is not checked."""
    band = next(b for b in reading.bands if b.kind == "funds")
    rows = band.rows
    start = next((i for i, r in enumerate(rows) if r.kind == "total"), None)
    if start is None:
        return
    parts = [r for r in rows[start + 1 :] if r.kind in ("part", "data")]
    for field, _ in _MONEY_FIELDS:
        total = claims.get(field)
        role = field
        if total is None:
            continue
        nums = [(r, r.num(role)) for r in parts]
        filled = [(r, n) for r, n in nums if n is not None]
        if not filled or len(filled) < sum(1 for r in parts if role in r.values and r.values[role].kind == "text"):
            continue
        part_claims = [
            MoneyClaim(
                quantity="detail",
                label=strip_points(r.label),
                amount=n,
                unit=total.unit,
                unit_source="column",
                source=cell_quote(r.values[role].cell),
            )
            for r, n in filled
        ]
        facts.money_sums.append(
            MoneySum(key=f"t{reading.table.index}:form-funds:{field}", total=total, parts=part_claims)
        )


# ---------------------------------------------------------------- indicator rows


def _form_row(
    table: Table, family: FormFamily, band: Band, row: RowReading, level1: str | None, level2: str | None
) -> FormRow | None:
    lex = lexicon()
    name_cell = row.levels["level3"]
    # a template's placeholder row below ("指标2", "……") may come joined to the name (a
    # PDF reads a row whose other cells are blank or merged from above as a wrapped line)
    name = _JOINED_PLACEHOLDER.sub("", strip_points(name_cell.text)) or strip_points(name_cell.text)
    sources: dict[str, Quote] = {}
    values = row.values

    def num(role: str) -> Num | None:
        n = row.num(role)
        if n is not None:
            sources[role] = cell_quote(values[role].cell)
        return n

    def text(role: str) -> str | None:
        v = values.get(role)
        if v is None:
            return None
        sources.setdefault(role, cell_quote(v.cell))
        return v.text

    target_role = "target_adjusted" if "target_adjusted" in values else "target"
    actual_role = next((r for r in ("actual", "actual_forecast", "actual_midyear") if r in values), "actual")
    target = num(target_role)
    actual = num(actual_role)
    comparator: str | None = None
    comparator_from = None
    tv = values.get(target_role)
    nature = values.get("nature")
    if tv is not None and tv.comparator:
        comparator, comparator_from = tv.comparator, "cell"
    elif nature is not None and nature.kind == "comparator":
        comparator, comparator_from = nature.comparator, "cell"
    elif nature is not None and target is not None and label_key(nature.text) in _NATURE_DIRECTION:
        # 指标性质 "反向指标": met from below (a cost, a rate to keep down), "正向": from above
        comparator, comparator_from = _NATURE_DIRECTION[label_key(nature.text)], "cell"
    elif target is not None:
        comparator = lex.direction(name)
        comparator_from = "direction_word" if comparator else None
    unit_v = values.get("unit")
    unit = unit_v.unit if unit_v is not None and unit_v.kind == "unit" else None
    if target is not None and target.percent:
        unit = "%"
    if unit is None and tv is not None and tv.unit:
        unit = tv.unit
    reason = None
    if "reason" in band.roles:
        reason = text("reason") or ""
    if target is not None:
        sources["target"] = sources.pop(target_role)
    if actual is not None:
        sources["actual"] = sources.pop(actual_role)
    elif actual_role in values:
        sources["actual_text"] = cell_quote(values[actual_role].cell)  # "完成": a place to point at
    weight = num("weight")
    score = num("score")
    if weight is None and score is None and target is None and actual is None and not values:
        return None
    return FormRow(
        table=table.index,
        family=family,
        name=name,
        level1=strip_points(level1) if level1 else None,
        level2=strip_points(level2) if level2 else None,
        comparator=comparator,  # type: ignore[arg-type]
        comparator_from=comparator_from,  # type: ignore[arg-type]
        target=target,
        target_text=tv.text if tv is not None else None,
        unit=unit,
        actual=actual,
        actual_text=values[actual_role].text if actual_role in values else None,
        actual_kind={"actual": "actual", "actual_forecast": "forecast", "actual_midyear": "midyear"}[actual_role],  # type: ignore[arg-type]
        weight=weight,
        score=score,
        coefficient=num("coefficient"),
        reason=reason,
        possibility=text("possibility"),
        inferred=sorted(
            {"target" if r == target_role else "actual" if r == actual_role else r for r in row.inferred}
            & {"target", "actual", "weight", "score", "coefficient"}
        ),
        optional=is_optional(level1, level2, name_cell.text),
        source=cell_quote(name_cell.cell),
        sources=sources,
    )


def _text(v: object) -> str | None:
    return v.text if v is not None else None  # type: ignore[attr-defined]


def _full_marks_weights(
    funds: FormFunds | None, rows: list[FormRow], total: RowReading | None, self_score: tuple[Num, Cell] | None
) -> None:
    """A form that prints no per-row weights (the older 湖北 form: 年初目标值 | 实际完成值 |
    得分) still states its points: the funds block's ("预算执行情况(20分)") out of the
    form's 100, the rest for the indicator rows. When the rows' scores add up to exactly
    that rest, no row lost a point, so each row's weight is its score (marked inferred,
    placed on the score cell): a missed target kept full points, a met one its due. Any
    row without a score, or fewer points, leaves the weights unknown."""
    if not rows or funds is None or funds.weight is None or (total is None and self_score is None):
        return
    if any(r.weight is not None or r.score is None or r.optional for r in rows):  # an alternative may be unchosen
        return
    if sum(r.score.value for r in rows) != _FORM_POINTS - funds.weight.value:  # type: ignore[union-attr]
        return
    for r in rows:
        r.weight = r.score
        r.sources["weight"] = r.sources["score"]
        r.inferred = sorted({*r.inferred, "weight"})


_FORM_POINTS = Decimal(100)  # a self-assessment form scores out of 100 (funds block + indicators)


# ---------------------------------------------------------------- the usual facts


def _tree(
    facts: Facts,
    reading: TableReading,
    funds: FormFunds | None,
    rows: list[tuple[RowReading, FormRow]],
    total: RowReading | None,
    self_score: tuple[Num, Cell] | None,
    uncertain: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    table = reading.table
    label = total.label_cell if total is not None and total.label_cell is not None else table.rows[0][0]
    root = ScoreNode(level=0, name=total.label if total else "总分", source=cell_quote(label))
    if total is not None:
        _set(root, "weight", total, "weight")
        _set(root, "score", total, "score")
    if root.score is None and self_score is not None:
        root.score, root.score_source = self_score[0], cell_quote(self_score[1])
    children: list[ScoreNode] = []
    if funds is not None and (funds.weight is not None or funds.score is not None):
        children.append(
            ScoreNode(
                level=1,
                name=strip_points(funds.label) or "预算执行率",
                weight=funds.weight,
                score=funds.score,
                source=funds.source,
                weight_source=funds.sources.get("weight"),
                score_source=funds.sources.get("score"),
            )
        )
    groups: dict[tuple[str, ...], ScoreNode] = {}
    for row, fr in rows:
        if fr.weight is None and fr.score is None:
            continue
        leaf = ScoreNode(
            level=3,
            name=fr.name,
            weight=fr.weight,
            score=fr.score,
            deduction_reason=fr.reason or None,
            source=fr.source,
            weight_source=fr.sources.get("weight"),
            score_source=fr.sources.get("score"),
        )
        parent_list = children
        path: tuple[str, ...] = ()
        for level, name in ((1, fr.level1), (2, fr.level2)):
            if not name:
                continue
            path = path + (name,)
            node = groups.get(path)
            if node is None:
                src = row.levels.get("level1" if level == 1 else "level2")
                node = ScoreNode(level=level, name=name, source=cell_quote(src.cell) if src else fr.source)
                cell = src.cell if src else None
                w = points_in_label(cell.text) if cell is not None else None
                if w is not None:
                    node.weight, node.weight_source, node.weight_from_header = w, cell_quote(cell), True  # type: ignore[arg-type]
                groups[path] = node
                parent_list.append(node)
            parent_list = node.children
        leaf.level = len(path) + 1 if path else 1
        if not fr.optional:  # an alternative to choose from is not a part of any sum
            parent_list.append(leaf)
    root.children = _pruned(children)
    if uncertain and not _settle_uncertain(root, groups, uncertain):
        # a block holding an alternative that may count (scored, or the form unfilled)
        # and no weight of its own: the rows cannot say what the total adds up from
        root.weight = root.weight_source = root.score = root.score_source = None
    weights = [n.weight for n in _leaves(root)]
    whole = bool(weights) and all(w is not None for w in weights) and sum(w.value for w in weights) == 100  # type: ignore[union-attr]
    if reading.not_understood or (total is None and not whole):
        # the rows read may not be the whole form (a row not understood, or a self score
        # in a header cell over rows lost to a page cut or OCR): any sum would be a guess
        root.score = root.score_source = None
    if children:
        # numbered as its cells' places are (the source table), which the target rows of the
        # same form carry: a table the readers cut in pieces keeps one number for its rows
        number = table.location.table if table.location.table is not None else table.index
        facts.score_trees.append(ScoreTree(kind="self", caption=table.caption, table=number, root=root))


def _pruned(nodes: list[ScoreNode]) -> list[ScoreNode]:
    """Groups left empty (their only rows were alternatives) and printing no figure of
    their own are no part of the tree."""
    out = []
    for n in nodes:
        n.children = _pruned(n.children)
        if n.children or n.weight is not None or n.score is not None:
            out.append(n)
    return out


def _uncertain_blocks(rows: list[FormRow]) -> set[str]:
    """First-level blocks holding an optional alternative that may count: one with a
    score, or any on a form without scores (nothing says which alternative was chosen).
    An unscored alternative on a scored form was not chosen and simply stays out."""
    scored = any(r.score is not None for r in rows if not r.optional)
    return {
        r.level1 or ""
        for r in rows
        if r.optional and (r.score is not None and "score" not in r.inferred or not scored)
    }


def _settle_uncertain(root: ScoreNode, groups: dict[tuple[str, ...], ScoreNode], uncertain: set[str]) -> bool:
    """A block of `uncertain` keeps the weight its label prints and loses its rows (its
    parts are not known); False when one has no such weight."""
    for name in uncertain:
        node = groups.get((name,)) if name else None
        if node is None or node.weight is None:
            return False
        node.children = []
    return True


def _label_weights(rows: list[tuple[RowReading, FormRow]]) -> dict[str, tuple[Num, Quote]]:
    """First-level weights printed in their label cells ("产出指标（50分）")."""
    out: dict[str, tuple[Num, Quote]] = {}
    for row, fr in rows:
        cell = row.levels.get("level1")
        if cell is None or not fr.level1 or fr.level1 in out:
            continue
        w = points_in_label(cell.cell.text)
        if w is not None:
            out[fr.level1] = (w, cell_quote(cell.cell))
    return out


def _leaves(node: ScoreNode) -> list[ScoreNode]:
    if not node.children:
        return [node]
    if node.weight is not None and node.level > 0:
        return [node]
    return [leaf for c in node.children for leaf in _leaves(c)]


def _set(node: ScoreNode, field: str, row: RowReading, role: str) -> None:
    n = row.num(role)
    if n is not None:
        setattr(node, field, n)
        setattr(node, f"{field}_source", cell_quote(row.values[role].cell))


def _targets(facts: Facts, rows: list[tuple[RowReading, FormRow]]) -> None:
    for _, fr in rows:
        if (fr.target is None and not fr.target_text) or fr.actual_kind == "midyear":
            continue
        facts.targets.append(
            TargetStatus(
                indicator=fr.name,
                level1=fr.level1,
                level2=fr.level2,
                comparator=fr.comparator if fr.comparator_from == "cell" else "text",  # type: ignore[arg-type]
                target=fr.target,
                target_text=fr.target_text or "",
                unit=fr.unit,
                actual=fr.actual,
                actual_text=fr.actual_text,
                source=fr.sources.get("actual") or fr.source,
            )
        )


def _header_self_score(reading: TableReading) -> tuple[Num, Cell] | None:
    """A self score stated in a header cell: '自评总分(分) | 97.6', '自评得分 98'."""
    for info in reading.info:
        cells = list(info.cells)
        for i, c in enumerate(cells):
            key = label_key(c.text)
            if not _SELF_TOTAL.match(key):
                continue
            inline = re.search(r"(\d+(?:\.\d+)?)分?$", key)
            if inline and parse_number(inline.group(1)) is not None and not key.endswith(")"):
                return parse_number(inline.group(1)), c  # type: ignore[return-value]
            for nxt in cells[i + 1 :]:
                v = classify(nxt)
                if v.kind == "number" and v.number is not None and not v.number.percent:
                    return v.number, nxt
                if v.kind != "empty":
                    break
    return None


def _overall(facts: Facts, total: RowReading | None, self_score: tuple[Num, Cell] | None) -> None:
    score = total.num("score") if total is not None else None
    if score is not None and total is not None:
        facts.overall.append(
            OverallClaim(kind="self_score", number=score, context="table", source=cell_quote(total.values["score"].cell))
        )
    elif self_score is not None:
        facts.overall.append(
            OverallClaim(kind="self_score", number=self_score[0], context="table", source=cell_quote(self_score[1]))
        )
    grade = total.values.get("grade") if total is not None else None
    if grade is not None and _GRADE.match(label_key(grade.text)):
        facts.overall.append(
            OverallClaim(kind="self_grade", grade=label_key(grade.text), context="table", source=cell_quote(grade.cell))
        )


def _problems(reading: TableReading, summary: FormSummary) -> None:
    """The closing row that lists problems or deviations, and whether it says 无."""
    lex = lexicon()
    for info in reading.info:
        if info.kind != "closing" or not any(label_key(info.label).startswith(w) for w in lex.problem_rows):
            continue
        answer = info.cells[1] if len(info.cells) > 1 else None
        summary.problems = cell_quote(answer or info.cells[0])
        summary.problems_none = answer is None or lex.is_placeholder(answer.text) or label_key(answer.text) in _NONE_WORDS
        return


_NONE_WORDS = {"无", "暂无", "无问题", "暂无问题", "不存在问题", "没有", "无偏差", "无。"}


def _prompts(reading: TableReading, funds: FormFunds | None) -> list[Quote]:
    lex = lexicon()
    out = [cell_quote(c) for r in reading.info for c in r.cells if c.text and lex.is_prompt(c.text)]
    if funds is not None and funds.reason_is_prompt and "reason" in funds.sources:
        out.append(funds.sources["reason"])
    return out


__all__ = ["extract_forms", "read_forms", "is_form"]
