"""Parse HTML <table> markup (as PDF-to-Markdown converters emit it) into raw rows.

stdlib html.parser, tolerant of unclosed tags: a new <tr> closes an open row, a new
<td>/<th> closes an open cell, </table> closes everything inside it. Entities are
unescaped by the parser (convert_charrefs); <br> becomes a newline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class RawCell:
    parts: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    tables: list[RawTable] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class RawTable:
    rows: list[list[RawCell]] = field(default_factory=list)


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return max(1, min(n, 200))  # a hostile span must not blow up the grid


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[RawTable] = []  # top-level tables
        # stack of (table, current row or None, current cell or None)
        self.stack: list[list] = []

    def _cell(self) -> RawCell | None:
        return self.stack[-1][2] if self.stack else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = RawTable()
            cell = self._cell()
            if cell is not None:
                cell.tables.append(table)
            elif not self.stack:
                self.tables.append(table)
            else:  # a table straight inside a row: give it a cell of its own
                holder = RawCell()
                self._open_row().append(holder)
                self.stack[-1][2] = holder
                holder.tables.append(table)
            self.stack.append([table, None, None])
        elif not self.stack:
            return
        elif tag == "tr":
            self.stack[-1][1] = []
            self.stack[-1][0].rows.append(self.stack[-1][1])
            self.stack[-1][2] = None
        elif tag in ("td", "th"):
            a = dict(attrs)
            cell = RawCell(rowspan=_span(a.get("rowspan")), colspan=_span(a.get("colspan")))
            self._open_row().append(cell)
            self.stack[-1][2] = cell
        elif tag == "br":
            cell = self._cell()
            if cell is not None:
                cell.parts.append("\n")
        elif tag in ("p", "div", "li") and self._cell() is not None and self._cell().parts:
            self._cell().parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def _open_row(self) -> list[RawCell]:
        top = self.stack[-1]
        if top[1] is None:
            top[1] = []
            top[0].rows.append(top[1])
        return top[1]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            return
        if tag == "table":
            self.stack.pop()
        elif tag == "tr":
            self.stack[-1][1] = None
            self.stack[-1][2] = None
        elif tag in ("td", "th"):
            self.stack[-1][2] = None

    def handle_data(self, data: str) -> None:
        cell = self._cell()
        if cell is not None:
            # source newlines inside a cell are layout, not content
            cell.parts.append(" ".join(data.split("\n")))


def parse_html_tables(markup: str) -> list[RawTable]:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.tables
