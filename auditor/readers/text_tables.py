"""Table layouts of plain text: which lines form a table and how they split into cells.

Each reader function takes the file's lines and the index of a table's first line and
returns `(rows, next_index)`; a row is `(source line index, raw cell texts)`. Texts
are returned raw (not normalised): the caller cleans them once. Three layouts:

  a) Markdown pipe tables: `| a | b |`, the `|---|` separator row optional, dropped;
  b) TAB-separated rows: one row per line, cells between TABs, a leading TAB is an
     empty first cell; rows may be shorter than the widest;
  c) "cell per line" (Word tables saved as text): a line starting with its only TAB
     starts a cell, following lines continue it, a blank line followed by such a line
     starts a new row (see `read_cell_lines` for where such a table ends).
"""

from __future__ import annotations

import re

Row = tuple[int, list[str]]

_PIPE_SEP = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")  # possessive: linear
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_DASH_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#")
# a bare figure: "12", "86.00%", "1,396.5"
_FIGURE = re.compile(r"^[-+]?[\d０-９][\d０-９,.，．]*\s*[%％]?$")

# Layout (c): how far a blank-line-separated continuation of a cell may run.
_CONT_MAX_LINES = 3  # non-blank lines before the next cell line
_CONT_MAX_CHARS = 20  # each of them short: a wrapped label such as "决策" or "(10分)"
_CONT_LOOKAHEAD = 8  # source lines until the next cell line


def is_cell_line(line: str) -> bool:
    """Layout (c): the line starts with its only TAB."""
    return line.startswith("\t") and line.count("\t") == 1


def is_pipe_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def is_rule_row(cells: list[str]) -> bool:
    """A row of dashes only ("----\\t----"): a converter's ruling, not content. A lone
    "-" stays a cell (it means "nil" in budget tables)."""
    return any(c.strip() for c in cells) and all(not c.strip() or _DASH_CELL.match(c) for c in cells)


def read_tab_rows(lines: list[str], i: int) -> tuple[list[Row], int]:
    """Layout (b): consecutive lines holding TABs (but not cell lines of layout (c))."""
    rows: list[Row] = []
    n = len(lines)
    while i < n and "\t" in lines[i] and not is_cell_line(lines[i]):
        cells = lines[i].split("\t")
        if not is_rule_row(cells):
            rows.append((i, cells))
        i += 1
    return rows, i


def read_pipe(lines: list[str], i: int) -> tuple[list[Row], int]:
    """Layout (a): consecutive `|` lines; a `\\|` inside a cell is a literal bar."""
    rows: list[Row] = []
    n = len(lines)
    while i < n and is_pipe_line(lines[i]):
        line = lines[i].strip()
        if not _PIPE_SEP.match(line):
            body = line[1:-1] if line.endswith("|") and len(line) > 1 else line[1:]
            rows.append((i, [c.replace("\\|", "|") for c in _PIPE_SPLIT.split(body)]))
        i += 1
    return rows, i


def read_cell_lines(lines: list[str], i: int) -> tuple[list[Row], int]:
    """Layout (c). A cell line starts a cell; following lines continue it; a blank line
    followed by a cell line starts a new row, unless the current row is still shorter
    than the first (header) row: then a blank line inside a cell was kept by the
    converter. After a blank line, prose lines continue the last cell only when they
    are few and short and a cell line follows soon (a wrapped label such as "(10分)");
    otherwise the table ends there. Cell texts keep their inner line breaks."""
    n = len(lines)
    rows: list[tuple[int, list[list[str]]]] = []  # (line, cells as lists of lines)
    blank = True
    while i < n:
        line = lines[i]
        if is_cell_line(line):
            if not rows or (blank and (len(rows) == 1 or len(rows[-1][1]) >= len(rows[0][1]))):
                rows.append((i, []))
            rows[-1][1].append([line[1:]])
            blank = False
            i += 1
        elif not line.strip():
            blank = True
            i += 1
        elif "\t" in line or _row_done(rows):
            break
        elif not blank:
            rows[-1][1][-1].append(line)
            i += 1
        elif _continues_cell(lines, i):
            rows[-1][1][-1].append(line)
            blank = False  # still inside the cell: the next cell line joins this row
            i += 1
        else:
            break
    return [(li, ["\n".join(p for p in cell if p.strip()) for cell in cells]) for li, cells in rows], i


def _row_done(rows: list[tuple[int, list[list[str]]]]) -> bool:
    """The row has as many cells as the header and its last cell is a bare figure: a
    prose line right after it is a paragraph (e.g. the next survey question)."""
    if len(rows) < 2 or len(rows[-1][1]) < len(rows[0][1]):
        return False
    last = rows[-1][1][-1]
    return len(last) == 1 and bool(_FIGURE.match(last[0].strip()))


def _continues_cell(lines: list[str], i: int) -> bool:
    texts = 0
    for j in range(i, min(i + _CONT_LOOKAHEAD, len(lines))):
        line = lines[j]
        if is_cell_line(line):
            return True
        if "\t" in line:
            return False
        if line.strip():
            texts += 1
            if texts > _CONT_MAX_LINES or len(line.strip()) > _CONT_MAX_CHARS or _MD_HEADING.match(line):
                return False
    return False
