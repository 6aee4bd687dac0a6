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
    page: int | None = Field(None, description="1-based PDF page")
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

    def with_span(self, start: int, end: int) -> Location:
        return self.model_copy(update={"char_start": start, "char_end": end})

    def describe(self, lang: str = "zh") -> str:
        """A short human label: '第3页 表2 第4行第1列' / 'p.3 table 2 row 4 col 1'; in a
        spreadsheet the sheet and cell as Excel writes them: 'Sheet1!F12'."""
        parts: list[str] = []
        zh = lang != "en"
        if self.sheet is not None:
            sheet = _quoted_sheet(self.sheet)
            if self.cell:
                return f"{sheet}!{self.cell}"
            return f"工作表{sheet}" if zh else f"sheet {sheet}"
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"p.{self.page}")
        if self.table is not None:
            parts.append(f"表格{self.table + 1}" if zh else f"table {self.table + 1}")
            if self.row is not None:
                parts.append(
                    f"第{self.row + 1}行第{(self.col or 0) + 1}列"
                    if zh
                    else f"row {self.row + 1} col {(self.col or 0) + 1}"
                )
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph + 1}段" if zh else f"paragraph {self.paragraph + 1}")
        if self.line is not None:
            parts.append(f"第{self.line}行" if zh else f"line {self.line}")
        if not parts and self.block is not None:
            parts.append(f"第{self.block + 1}块" if zh else f"block {self.block + 1}")
        return " ".join(parts)


def _quoted_sheet(name: str) -> str:
    """Excel quotes a sheet name that is not one word: 'My Sheet'!A1 (a quote doubled)."""
    if name and all(ch.isalnum() or ch in "_." for ch in name):
        return name
    return "'" + name.replace("'", "''") + "'"


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
