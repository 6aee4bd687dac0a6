"""The document model: what a reader hands to extraction.

A `Document` is an ordered list of blocks (paragraphs and tables) in reading order.
Every block and every cell carries a `Location` precise enough to quote the text back
and, for .docx input, to anchor a Word comment on the right paragraph or cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.notes import Note

Format = Literal["docx", "pdf", "md", "txt", "xlsx"]


class Location(BaseModel):
    """Where something stands in the source file.

    Indices are 0-based except `page` and `line`, which follow what a person reads
    (PDF page 1 is the first page, text line 1 is the first line).
    """

    model_config = ConfigDict(frozen=True)

    file: str
    block: int | None = Field(None, description="index of the top-level block in Document.blocks")
    page: int | None = Field(
        None,
        description="1-based page: a PDF's page; a .docx page as Word last laid it out (its rendered page "
        "breaks) or as LibreOffice lays it out (--page-numbers); None when not known (never estimated)",
    )
    line: int | None = Field(None, description="1-based source line (md/txt)")
    paragraph: int | None = Field(
        None, description="index among body paragraphs (docx: order of document.paragraphs)"
    )
    table: int | None = Field(None, description="document-wide table index, nested tables included")
    row: int | None = None
    col: int | None = None
    sheet: str | None = Field(None, description="worksheet name (spreadsheet input)")
    cell: str | None = Field(None, description="A1 reference of the cell, or the range of a table (spreadsheets)")
    char_start: int | None = Field(None, description="start of the quoted span in the block/cell text")
    char_end: int | None = None
    # Where a person finds the place (filled for findings' places by auditor/places.py):
    heading: str | None = Field(None, description="the nearest heading above the place, as printed")
    section_paragraph: int | None = Field(
        None, description="1-based paragraph number under `heading` (from the start when there is none); 0 = the heading"
    )
    caption: str | None = Field(None, description="the table's caption, e.g. '表1 绩效评价得分情况表' (table places)")
    first_cell: str | None = Field(None, description="a table without caption: its first header cell, which names it")
    row_label: str | None = Field(None, description="the row's label cell, e.g. '效益' (table places)")
    col_label: str | None = Field(None, description="the column's header, e.g. '评价得分' (table places)")

    def with_span(self, start: int, end: int) -> Location:
        return self.model_copy(update={"char_start": start, "char_end": end})

    def describe(self, lang: str = "zh") -> str:
        """The place as a person finds it, the one rendering every output uses (auditor/places.py
        fills the context): '第5页，「三、绩效评价结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列',
        '「（二）过程情况分析」下第8段'; in a spreadsheet the sheet and cell as Excel writes them."""
        from auditor.places import describe_location

        return describe_location(self, lang)


class Cell(BaseModel):
    """One table cell. A merged cell appears once, at its top-left grid position,
    with `row_span`/`col_span` > 1; the grid positions it covers hold no other cell."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    location: Location
    tables: list[Table] = Field(default_factory=list, description="tables nested inside this cell")


class Table(BaseModel):
    kind: Literal["table"] = "table"
    index: int = Field(description="document-wide table index (same as location.table)")
    rows: list[list[Cell]] = Field(description="cells that start in each row, left to right")
    n_cols: int
    location: Location
    caption: str | None = Field(None, description="the title paragraph just above, e.g. '表1 …'")
    continued_from_pages: list[int] = Field(
        default_factory=list, description="every page a table continued across pages spans, its first included"
    )

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def grid(self) -> list[list[Cell | None]]:
        """Rectangular view: every grid position holds the cell covering it (a merged cell
        is repeated over its span), None where nothing stands."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.row_span, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                        out[r][c] = cell
        return out

    def text_grid(self) -> list[list[str]]:
        """Grid of texts; positions covered by a merge repeat the merged cell's text."""
        return [[c.text if c is not None else "" for c in row] for row in self.grid()]

    def iter_cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row


class Paragraph(BaseModel):
    kind: Literal["paragraph"] = "paragraph"
    text: str
    heading_level: int | None = Field(None, description="1 for a top heading; None for body text")
    style: str | None = None
    location: Location


Block = Annotated[Paragraph | Table, Field(discriminator="kind")]


class Document(BaseModel):
    path: str
    format: Format
    blocks: list[Block] = Field(default_factory=list)
    pages: int | None = Field(None, description="page count for PDF input")
    notes: list[Note] = Field(
        default_factory=list, description="what the reader could not read faithfully (shown with --verbose)"
    )

    def paragraphs(self) -> Iterator[Paragraph]:
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b

    def tables(self, nested: bool = True) -> Iterator[Table]:
        """All tables in reading order; nested tables follow the cell that holds them."""
        for b in self.blocks:
            if isinstance(b, Table):
                yield b
                if nested:
                    yield from _nested_tables(b)

    def summary(self) -> dict[str, int | None]:
        tables = list(self.tables())
        return {
            "blocks": len(self.blocks),
            "paragraphs": sum(1 for _ in self.paragraphs()),
            "tables": len(tables),
            "pages": self.pages,
        }


def _nested_tables(table: Table) -> Iterator[Table]:
    for cell in table.iter_cells():
        for inner in cell.tables:
            yield inner
            yield from _nested_tables(inner)


Cell.model_rebuild()
