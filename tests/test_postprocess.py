"""Format-independent repair: captions, continued tables, fragmented tables."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.readers.postprocess import postprocess

Block = Paragraph | Table


# ---------------------------------------------------------------------------- helpers


class _Builder:
    """Numbers tables and paragraphs the way a reader does."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.n_tables = 0
        self.n_pars = 0

    def par(self, text: str, heading: int | None = None) -> _Builder:
        self.blocks.append(
            Paragraph(
                text=text,
                heading_level=heading,
                location=Location(file="f", block=len(self.blocks), paragraph=self.n_pars),
            )
        )
        self.n_pars += 1
        return self

    def table(self, rows: list[list[str]], page: int | None = None) -> _Builder:
        index = self.n_tables
        self.n_tables += 1
        block = len(self.blocks)
        width = max(len(r) for r in rows)
        cells = [
            [
                Cell(
                    text=text,
                    row=r,
                    col=c,
                    location=Location(file="f", block=block, page=page, table=index, row=r, col=c),
                )
                for c, text in enumerate(row + [""] * (width - len(row)))
            ]
            for r, row in enumerate(rows)
        ]
        self.blocks.append(
            Table(
                index=index,
                rows=cells,
                n_cols=width,
                location=Location(file="f", block=block, page=page, table=index),
            )
        )
        return self

    def doc(self) -> Document:
        return Document(path="f", format="docx", blocks=list(self.blocks))


def _tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def _dump(doc: Document) -> str:
    return doc.model_dump_json()


def _check_blocks(doc: Document) -> None:
    for i, b in enumerate(doc.blocks):
        assert b.location.block == i
        if isinstance(b, Table):
            for c in b.iter_cells():
                assert c.location.block == i


HEADER = ["指标", "分值", "得分"]


def _score_rows(start: int, n: int) -> list[list[str]]:
    return [[f"指标{start + i}", "5", str(3 + i % 3)] for i in range(n)]


# ---------------------------------------------------------------------------- captions


def test_captions_are_attached() -> None:
    b = _Builder()
    b.par("表1 综合得分情况表").table([HEADER, ["投入", "20", "18"]])
    b.par("表 5-2：管理类指标得分情况表").par("单位：万元").table([HEADER, ["管理", "25", "20"]])
    b.par("附件3 评价指标体系及评分表").table([HEADER, ["产出", "40", "31"]])
    b.par("专项资金支出明细情况表").table([["序号", "金额"], ["1", "300.00"]])
    b.par("概要表", heading=2).par("金额单位：万元").table([["项目名称", "示例"]])
    b.par("经评价，本项目各项指标得分如下：").table([HEADER, ["效益", "15", "12"]])
    doc = postprocess(b.doc())
    captions = [t.caption for t in _tables(doc)]
    assert captions == [
        "表1 综合得分情况表",
        "表 5-2：管理类指标得分情况表",
        "附件3 评价指标体系及评分表",
        "专项资金支出明细情况表",
        "概要表",
        None,
    ]
    assert "表1 综合得分情况表" in _paragraphs(doc)  # the caption stays a paragraph too


# ---------------------------------------------------------------------------- continued tables


def test_continuation_with_page_number_between_is_joined() -> None:
    b = _Builder().par("表2 得分表")
    b.table([HEADER, *_score_rows(1, 3)], page=4).par("- 5 -").table(_score_rows(4, 2), page=5)
    b.par("以上为得分情况。")
    doc = postprocess(b.doc())
    (table,) = _tables(doc)
    assert table.n_rows == 6
    assert [row[0].text for row in table.rows] == ["指标", "指标1", "指标2", "指标3", "指标4", "指标5"]
    assert [row[0].row for row in table.rows] == list(range(6))
    moved = table.rows[4][0]
    assert (moved.location.table, moved.location.row, moved.location.page) == (1, 0, 5)  # source kept
    assert table.continued_from_pages == [4, 5]  # every page it spans
    assert _paragraphs(doc) == ["表2 得分表", "以上为得分情况。"]  # page number dropped
    _check_blocks(doc)
    assert any("joined" in str(n) for n in doc.notes)


def test_repeated_header_rows_are_dropped() -> None:
    two_headers = [["绩效指标", "", "指标值"], ["一级", "三级", ""]]
    b = _Builder().table([*two_headers, ["产出", "维护率", "≥95%"], ["", "合格率", "100%"]])
    b.table([*two_headers, ["效益", "满意度", "≥90%"]])
    doc = postprocess(b.doc())
    (table,) = _tables(doc)
    assert [r[1].text for r in table.rows] == ["", "三级", "维护率", "合格率", "满意度"]


def test_row_split_by_a_page_is_finished() -> None:
    header = ["一级", "三级指标", "指标值", "完成情况", "说明"]
    rows = [
        ["产出", "维护率", "≥95%", "全部完成", "已完成维护"],
        ["", "合格率", "100%", "全部完成", "验收合格"],
        ["", "满意度", "≥95%", "部分", "问卷显示综合"],
    ]
    b = _Builder().table([header, *rows]).table([header, ["", "", "", "完成", "满意度为91%"]])
    doc = postprocess(b.doc())
    (table,) = _tables(doc)
    assert table.n_rows == 4
    assert [c.text for c in table.rows[-1]] == ["", "满意度", "≥95%", "部分完成", "问卷显示综合满意度为91%"]


def test_tables_with_their_own_header_are_not_joined() -> None:
    b = (
        _Builder()
        .table([HEADER, *_score_rows(1, 2)])
        .table([["序号", "姓名", "职务"], ["1", "张三", "组长"]])
    )
    doc = postprocess(b.doc())
    assert [t.n_rows for t in _tables(doc)] == [3, 2]


def test_text_between_tables_prevents_a_join() -> None:
    b = _Builder().table([HEADER, *_score_rows(1, 2)]).par("说明：以下为扣分项目。").table(_score_rows(3, 2))
    doc = postprocess(b.doc())
    assert [t.n_rows for t in _tables(doc)] == [3, 2]


def test_one_column_fewer_joins_with_a_merged_text_column() -> None:
    header = ["一级", "三级指标", "分值", "指标解释", "指标说明", "评分标准", "评分"]
    first = [
        [
            "决策",
            "立项依据充分性",
            "3",
            "项目立项是否符合规划",
            "评价要点：①是否符合规划；②是否重复",
            "①符合规划，得1分；②不重复，得2分",
            "3",
        ],
        [
            "",
            "绩效目标合理性",
            "3",
            "绩效目标是否依据充分",
            "评价要点：①是否有目标；②是否匹配",
            "①有目标，得1分；②匹配，得2分",
            "2",
        ],
        [
            "",
            "资金分配合理性",
            "4",
            "资金分配是否有测算依据",
            "评价要点：①依据是否充分；②额度是否合理",
            "①依据充分，得2分；②额度合理，得2分",
            "4",
        ],
    ]
    second = [  # 解释 and 说明 came out as one cell
        [
            "过程",
            "资金到位率",
            "2",
            "实际到位与预算的比率。评价要点：①到位是否及时",
            "①到位率=100%，得2分；②每低1%扣0.1分",
            "2",
        ],
        [
            "",
            "预算执行率",
            "3",
            "预算是否按计划执行。评价要点：①执行是否及时",
            "①执行率≥95%，得3分；②每低1%扣0.1分",
            "3",
        ],
        [
            "",
            "制度执行有效性",
            "5",
            "是否符合管理规定。评价要点：①手续是否完备",
            "①遵守规定，得1分；②手续完备，得2分",
            "4",
        ],
    ]
    doc = postprocess(_Builder().table([header, *first]).table(second).doc())
    (table,) = _tables(doc)
    assert table.n_rows == 7 and table.n_cols == 7
    grid = table.text_grid()
    assert grid[4][3] == grid[4][4] == second[0][3]  # the merged cell covers 解释 and 说明
    assert grid[4][5] == second[0][4] and grid[4][6] == "2"
    merged = table.rows[4][3]
    assert (merged.col, merged.col_span) == (3, 2)
    assert sum(int(row[6]) for row in grid[1:]) == 18
    assert any("6 columns, not 7" in str(n) for n in doc.notes)


def test_one_column_fewer_never_puts_a_figure_over_two_columns() -> None:
    survey = [["选项", "小计", "比例"], ["满意", "40", "80%"], ["一般", "10", "20%"]]
    doc = postprocess(_Builder().table(survey).table([["本题有效填写人次", "50"]]).doc())
    assert [t.n_cols for t in _tables(doc)] == [3, 2]


def test_one_column_fewer_never_merges_a_figure_column() -> None:
    amounts = [["项目", "数量", "金额"], ["电费", "3", "120.00"], ["网费", "2", "80.00"]]
    doc = postprocess(_Builder().table(amounts).table([["设备费", "12"], ["维修费", "4"]]).doc())
    assert [t.n_cols for t in _tables(doc)] == [3, 2]


def test_header_with_folded_empty_columns_maps_the_columns() -> None:
    first = [["序号", "支出事项", "", "", "凭证号", "金额"], ["1", "电费", "", "", "记-3", "100.00"]]
    second = [["序号", "支出事项", "凭证号", "金额"], ["2", "网络费", "记-4", "250.50"]]
    doc = postprocess(_Builder().table(first).table(second).doc())
    (table,) = _tables(doc)
    assert table.n_rows == 3 and table.n_cols == 6
    last = table.rows[-1]
    assert [(c.col, c.col_span, c.text) for c in last] == [
        (0, 1, "2"),
        (1, 3, "网络费"),
        (4, 1, "记-4"),
        (5, 1, "250.50"),
    ]


# ---------------------------------------------------------------------------- fragmented tables


def _convert(text: str) -> list[Block]:
    """What the text-to-docx converter seen in the corpus does: a line starting with a
    TAB starts cells (one per TAB) in the current row; a blank line ends the row; a line
    without a TAB continues the current cell, or, after a blank line, ends the table and
    becomes a paragraph. Table rows are padded to the widest row."""
    b = _Builder()
    rows: list[list[list[str]]] | None = None
    after_blank = False

    def close() -> None:
        nonlocal rows
        if rows:
            width = max(len(r) for r in rows)
            b.table([[normalize_text("\n".join(c)) for c in r] + [""] * (width - len(r)) for r in rows])
        rows = None

    for line in text.split("\n"):
        if line.startswith("\t"):
            if rows is None:
                rows = []
                after_blank = True
            if after_blank:
                rows.append([])
            rows[-1].extend([part] for part in line.split("\t")[1:])
            after_blank = False
        elif not line.strip():
            after_blank = True
        elif rows is not None and not after_blank:
            rows[-1][-1].append(line)
        else:
            close()
            b.par(normalize_text(line))
            after_blank = False
    close()
    return b.blocks


def _as_text(rows: list[list[str]]) -> str:
    """Rows as the source text lays them out: TAB before each cell, blank line between rows."""
    out = []
    for row in rows:
        out.append("\n".join("\t" + cell for cell in row))
    return "\n\n".join(out)


def _expected(rows: list[list[str]]) -> list[list[str]]:
    return [
        [normalize_text("\n".join(x for x in cell.split("\n") if x.strip())) for cell in row] for row in rows
    ]


SCORING = [
    ["一级\n\n指标", "二级\n\n指标", "三级指标", "分值", "评价标准", "得分"],
    [
        "X部门\n\n投入\n\n(12分)",
        "X1预算\n\n编制\n\n(6分)",
        "X11预算\n\n完整性",
        "3",
        "①预算编制完整；\n②按时报送。",
        "3",
    ],
    ["", "", "X12资金\n\n细化率", "3", "细化率≥90%得满分。", "2"],
    ["", "X2目标\n\n管理\n\n(6分)", "X21目标\n\n明确性", "6", "目标明确得满分；\n否则扣分。", "4.5"],
    [
        "Y部门\n\n产出\n\n(8分)",
        "Y1任务\n\n完成",
        "Y11任务完成率",
        "8",
        "完成率=实际/计划。\n\n ①完成率≥95%得满分",
        "8",
    ],
    # a blank line after a cell, before the next cell of the same row (a "soft" break)
    ["", "", "Y12质量\n\n达标率", "6\n", "抽检合格率≥98%得满分。", "5"],
    ["合计", "26", "", "22.5"],
]


def test_fragmented_table_is_reassembled() -> None:
    blocks = [Paragraph(text="附件1 评分表", location=Location(file="f", block=0, paragraph=0))]
    fragments = _convert(_as_text(SCORING))
    assert sum(isinstance(x, Table) for x in fragments) >= 8  # the converter really broke it
    b = _Builder()
    b.blocks = blocks + fragments
    b.blocks.append(Paragraph(text="附件2.", location=Location(file="f", block=len(b.blocks), paragraph=99)))
    doc = postprocess(b.doc())
    (table,) = _tables(doc)
    assert table.n_cols == 6 and table.n_rows == len(SCORING)
    grid = table.text_grid()
    expected = _expected(SCORING)
    assert grid[:-1] == expected[:-1]
    total = table.rows[-1]
    assert [(c.col, c.col_span, c.text) for c in total] == [
        (0, 3, "合计"),
        (3, 1, "26"),
        (4, 1, ""),
        (5, 1, "22.5"),
    ]
    assert table.caption == "附件1 评分表"
    assert _paragraphs(doc) == ["附件1 评分表", "附件2."]
    _check_blocks(doc)
    assert any("re-assembled" in str(n) for n in doc.notes)


def test_ordinary_tables_and_short_paragraphs_are_left_alone() -> None:
    b = _Builder()
    for q in range(4):
        b.par(f"您对第{q + 1}项服务是否满意?")
        b.table([["选项", "小计", "比例"], ["满意", "40", "80%"], ["有效填写人次", "50", ""]])
    b.par("小结").table([["姓名"], ["张三"]]).par("备注").table([["王五"]])
    before = b.doc()
    doc = postprocess(before.model_copy(deep=True))
    assert len(_tables(doc)) == 6
    assert len(_paragraphs(doc)) == 6


def test_postprocess_is_idempotent() -> None:
    b = _Builder().par("表1 得分表").table([HEADER, *_score_rows(1, 2)]).table(_score_rows(3, 2))
    b.blocks.extend(_convert(_as_text(SCORING)))
    once = postprocess(b.doc())
    again = postprocess(once.model_copy(deep=True))
    assert _dump(again) == _dump(once)


_WORD = st.text(alphabet="甲乙丙丁戊己庚辛壬癸子丑寅卯", min_size=1, max_size=5)
_LABEL = st.lists(_WORD, min_size=1, max_size=3).map(lambda parts: "\n\n".join(parts))
_FIGURE = st.integers(min_value=0, max_value=40).map(str)


@st.composite
def _fragmented_tables(draw: st.DrawFn) -> list[list[str]]:
    labels = draw(st.integers(min_value=1, max_value=3))
    figures = draw(st.integers(min_value=1, max_value=3))
    header = [f"列{i}\n\n名" for i in range(labels)] + [f"数{i}" for i in range(figures)]
    rows = [header]
    for _ in range(draw(st.integers(min_value=3, max_value=10))):
        row = [draw(_LABEL) for _ in range(labels)]
        # vertically merged label cells come out empty at the start of a row
        lead = draw(st.integers(min_value=0, max_value=labels - 1))
        row[:lead] = [""] * lead
        rows.append(row + [draw(_FIGURE) for _ in range(figures)])
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_fragmented_tables())
def test_fragmented_tables_are_recovered(rows: list[list[str]]) -> None:
    blocks = _convert(_as_text(rows))
    b = _Builder()
    b.blocks = blocks
    doc = postprocess(b.doc())
    if sum(isinstance(x, Table) for x in blocks) < 3 or not any(isinstance(x, Paragraph) for x in blocks):
        return  # nothing was fragmented enough to call it the pattern
    (table,) = _tables(doc)
    assert table.text_grid() == _expected(rows)
    assert not _paragraphs(doc)
