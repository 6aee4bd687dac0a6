from auditor.models import Cell, Document, Location, Paragraph, Table


def _cell(text: str, r: int, c: int, rs: int = 1, cs: int = 1) -> Cell:
    return Cell(text=text, row=r, col=c, row_span=rs, col_span=cs,
                location=Location(file="f", table=0, row=r, col=c))


def _table() -> Table:
    # 一级 spans two rows; the header spans two columns
    rows = [
        [_cell("指标", 0, 0, cs=2), _cell("得分", 0, 2)],
        [_cell("决策", 1, 0, rs=2), _cell("立项", 1, 1), _cell("3", 1, 2)],
        [_cell("目标", 2, 1), _cell("1", 2, 2)],
    ]
    return Table(index=0, rows=rows, n_cols=3, location=Location(file="f", block=1, table=0))


def test_grid_repeats_merged_cells_over_their_span() -> None:
    grid = _table().text_grid()
    assert grid == [["指标", "指标", "得分"], ["决策", "立项", "3"], ["决策", "目标", "1"]]


def test_grid_cells_are_the_same_object_across_a_merge() -> None:
    grid = _table().grid()
    assert grid[1][0] is grid[2][0]
    assert grid[1][0].row_span == 2


def test_document_summary_and_nested_tables() -> None:
    inner = _table()
    outer = _table()
    outer.rows[1][1].tables.append(inner)
    doc = Document(path="f", format="docx", blocks=[
        Paragraph(text="标题", heading_level=1, location=Location(file="f", block=0, paragraph=0)),
        outer,
    ])
    assert doc.summary() == {"blocks": 2, "paragraphs": 1, "tables": 2, "pages": None}
    assert [t for t in doc.tables()] == [outer, inner]


def test_location_describe() -> None:
    loc = Location(file="f", page=3, table=1, row=3, col=0)
    assert loc.describe("zh") == "第3页 表格2 第4行第1列"
    assert loc.describe("en") == "p.3 table 2 row 4 col 1"
    assert Location(file="f", paragraph=11).describe("zh") == "第12段"


def test_document_round_trips_through_json() -> None:
    doc = Document(path="f", format="md", blocks=[_table()])
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    assert isinstance(again.blocks[0], Table)
