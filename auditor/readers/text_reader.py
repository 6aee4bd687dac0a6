"""Read a .md / .txt file into a `Document`.

Decoding: UTF-8 (BOM or not), UTF-16 when a BOM says so, else GB18030 (a superset of
GBK/GB2312). A file that is UTF-8 or GB18030 but for a few broken bytes is read with
those bytes replaced (and a note); NUL bytes or many control characters mean binary
garbage ('corrupt'); anything else undecodable is 'decode'.

Blocks, in source order: every non-blank prose line is a paragraph, except that a
line clearly continuing the one before (a sentence cut by a page break, see `_wraps`)
is joined to it; `#` lines are headings. Tables come in four layouts: pipe, TAB rows
and cell-per-line (auditor.readers.text_tables), and HTML <table> markup
(auditor.readers.html_table). Lines are split on TABs before normalize_text (which
maps TAB to a space); every text is cleaned of markdown/HTML inline markup and
normalised once. Joining tables split by blank lines and attaching captions is left
to readers.postprocess.
"""

from __future__ import annotations

import html
import re
from typing import Literal

from auditor import limits
from auditor.errors import InputError
from auditor.models import Block, Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.notes import Note, note
from auditor.readers import text_tables
from auditor.readers.html_table import RawTable, parse_html_tables
from auditor.readers.postprocess import postprocess
from auditor.tables.lexicon import lexicon

# "## 标题 ##": the closing #s and the spaces are stripped in code (`_heading`): the
# pattern form `\s*(.*?)\s*#*\s*$` backtracks cubically on a long line of spaces.
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(.*)$")
_RULE_LINE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")  # "---", "***", "===": no content
_LIST_MARK = re.compile(r"^\s*(?:>\s?)*(?:[-*+•]\s+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n"})

# inline markup
# Brackets inside the text and parentheses inside the target are not allowed, so every
# attempt stops at the next bracket: linear on "![![![…" and "[a](" repeated.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:https?://|mailto:|#|/|\./)[^()\s]*\)")
_MD_ESCAPE = re.compile(r"\\([*_#\[\]|`~>+\-!])")
_PARK = 0xF0000  # Unicode plane 15, private use: never in a report
_PARKED = re.compile("[\U000f0021-\U000f007e]")
_MD_EMPHASIS = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__([^_\s](?:.*?[^_\s])?)__"), r"\1"),  # not "______", a blank to fill in
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])"), r"\1"),
]
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li)\s*>\s*<(?:p|div|li)\b[^<>]*>", re.IGNORECASE)
# Only known tag names are stripped: Chinese text writes nested titles as <…> inside 《…》.
_HTML_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|s|strike|del|ins|span|font|sup|sub|small|big|mark|center|a|code"
    r"|p|div|li|ul|ol|h[1-6]|img)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# LaTeX inline math as PDF-to-Markdown converters leave it: "得分 $\geq 90$ 分"
_MATH = re.compile(r"(?<![ \t])([ \t]*)\$([^$\n]{1,40}?)\$([ \t]*+)")  # starts at a run's first space
# a LaTeX command, or figures and signs only ("$100 and $" is two dollar amounts)
_MATH_SIGNS = r"[\s\d.,%<>=+\-×÷≥≤~]"
_MATH_BODY = re.compile(
    rf"^(?=.*\\[A-Za-z%])[\s\d.,%A-Za-z\\<>=+\-×÷≥≤~{{}}^_()]*$|^{_MATH_SIGNS}*\d{_MATH_SIGNS}*$"
)

_HTML_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_HTML_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")


# Wrapped-paragraph detection (`_wraps`).
_WRAP_MIN_CHARS = 50  # the cut line ran to the page margin
_WRAP_MAX_BLANKS = 2  # blank lines a page break leaves between the two halves
_ITEM_START = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|\d+(?:\.\d+)*\s*[、.．)）](?!\d)|第\s*[一二三四五六七八九十百\d]+\s*[章节条部分项题]"
    r"|[①-⑳]|(?:附件|附表|表|图|注|说明)\s*[\d一二三四五六七八九十:：]|[A-Z]\d{1,3}(?!\d))"
)
_LABEL_START = re.compile(r"^[^，。：:\s]{1,12}[：:]")  # "填表时间：…" starts its own line


def read_text(path: str, fmt: Literal["md", "txt"]) -> Document:
    """Read a .md or .txt file. Raises InputError 'corrupt' or 'decode'."""
    path = str(path)
    with open(path, "rb") as fh:
        raw = fh.read()
    text, notes = decode(path, raw)
    lines = text.split("\n")
    limits.check("line", max(map(len, lines)), limits.MAX_LINE_CHARS)
    doc = _Reader(path, fmt, lines).read()
    doc.notes = notes + doc.notes
    return postprocess(doc)


# -- decoding ---------------------------------------------------------------------


def decode(path: str, raw: bytes) -> tuple[str, list[str]]:
    """The file's text with newlines unified, and notes on bytes that were replaced."""
    notes: list[Note] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        text = _lenient(raw[3:], "utf-8", notes)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _lenient(raw, "utf-16", notes)
    else:
        if b"\x00" in raw:
            raise InputError(path, "corrupt", detail="binary content (NUL bytes)")
        text = _strict(raw, "utf-8")
        if text is None:
            text = _guess(raw, notes)
    if text is None:
        raise InputError(path, "decode")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise InputError(path, "corrupt", detail="binary content (control characters)")
    return text, notes


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _lenient(raw: bytes, encoding: str, notes: list[Note]) -> str | None:
    """Decode, replacing a few broken byte sequences (a truncated last character, a
    stray byte); None when too much is broken to be that encoding."""
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(2, len(text) // 200):
        return None
    if bad:
        notes.append(note("bad_bytes", count=bad, encoding=encoding.upper()))
    return text


def _guess(raw: bytes, notes: list[Note]) -> str | None:
    """Not clean UTF-8. UTF-8 with a few broken bytes still decodes to many valid
    non-ASCII characters per error; GBK text decoded as UTF-8 yields errors almost
    only (and GB18030 would read UTF-8 bytes as mojibake, so UTF-8 is asked first)."""
    as_utf8 = raw.decode("utf-8", errors="replace")
    bad = as_utf8.count("\ufffd")
    good = len(re.findall(r"[^\x00-\x7f\ufffd]", as_utf8))
    if good >= 20 * bad:
        notes.append(note("bad_bytes", count=bad, encoding="UTF-8"))
        return as_utf8
    return _strict(raw, "gb18030") or _lenient(raw, "gb18030", notes)


# -- inline cleaning --------------------------------------------------------------


def _math(m: re.Match[str]) -> str:
    """'$80 \\leq$' -> '80≤'. Spaces inside math are layout; spaces around it are kept
    only next to Latin letters or digits (Chinese text has none)."""
    body = m.group(2)
    if not _MATH_BODY.match(body):
        return m.group(0)  # a currency sign or a literal dollar, not math
    out = normalize_text(body).replace(" ", "")
    s, e = m.string, m.end()
    before = s[m.start() - 1] if m.start() > 0 else ""
    after = s[e] if e < len(s) else ""
    lead = " " if m.group(1) and before.isascii() and before.isalnum() else ""
    trail = " " if m.group(3) and after.isascii() and after.isalnum() else ""
    return lead + out + trail


def _clean(text: str, *, markup: bool = True) -> str:
    """Strip inline markup and normalise. `markup=False` for text that html.parser
    already freed of tags and entities."""
    if markup and "<" in text:
        text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", text))
    if markup and "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if "$" in text:
        text = _MATH.sub(_math, text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    escaped = "\\" in text
    if escaped:  # park escaped characters where the emphasis patterns cannot see them
        text = _MD_ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    if "*" in text or "_" in text or "`" in text:
        for pattern, repl in _MD_EMPHASIS:
            text = pattern.sub(repl, text)
    if escaped:
        text = _PARKED.sub(lambda m: chr(ord(m.group(0)) - _PARK), text)
    return normalize_text(text)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class _PrefixStats:
    """What `_wraps` asks of the paragraph built so far, kept up to date line by line."""

    _PAIRS = ("《》", "（）", "“”", "〈〉")

    def __init__(self, text: str = "") -> None:
        self.first = text
        self.last = ""
        self.length = 0
        self.comma = False
        self.balance = [0] * len(self._PAIRS)
        if text:
            self.add(text)

    def add(self, text: str) -> None:
        if not text:
            return
        self.last = text[-1]
        self.length += len(text)
        self.comma = self.comma or "，" in text
        for k, (a, b) in enumerate(self._PAIRS):
            self.balance[k] += text.count(a) - text.count(b)

    def unclosed(self) -> bool:
        return any(n > 0 for n in self.balance)


def _wraps(prev: _PrefixStats, line: str) -> bool:
    """`line` continues paragraph `prev` (a sentence cut by a page break or a hard
    wrap): prev stops mid-sentence and line opens no item, heading, label or caption of
    its own. Mid-sentence means: on a comma; or on a character or digit when prev ran
    to the margin (long), or is a sentence rather than a title (it holds a comma or an
    unclosed bracket) and does not open with an item number."""
    if not line or _ITEM_START.match(line) or _LABEL_START.match(line) or not prev.last:
        return False
    last = prev.last
    if last in "，、,":
        return True
    if not (_is_cjk(last) or (last.isascii() and last.isalnum())):
        return False
    if prev.length >= _WRAP_MIN_CHARS:
        return True
    return not _ITEM_START.match(prev.first) and (prev.comma or prev.unclosed())


# -- the reader ---------------------------------------------------------------------


class _Reader:
    def __init__(self, path: str, fmt: str, lines: list[str]) -> None:
        self.path = path
        self.fmt = fmt
        self.lines = lines
        self.blocks: list[Block] = []
        self.n_paragraphs = 0
        self.n_tables = 0
        self.n_cells = 0
        # the last body paragraph and its last source line, while a wrap may still join it
        self.open: tuple[Paragraph, int] | None = None
        # the wrapped lines joined to it so far: normalised together once, when it closes
        # (joining and re-normalising at every line was quadratic in the paragraph length)
        self.open_parts: list[str] = []
        self.open_stats = _PrefixStats()

    def read(self) -> Document:
        lines = self.lines
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if _HTML_TABLE_OPEN.search(line):
                i = self._read_html(i)
            elif "\t" in line:
                if text_tables.is_cell_line(line):
                    rows, i = text_tables.read_cell_lines(lines, i)
                    self._table(rows, total_spans=True)
                else:
                    rows, i = text_tables.read_tab_rows(lines, i)
                    self._table(rows)
            elif text_tables.is_pipe_line(line):
                rows, i = text_tables.read_pipe(lines, i)
                self._table(rows)
            else:
                self._prose(i, line)
                i += 1
                continue
            self._close()
        self._close()
        return Document(path=self.path, format=self.fmt, blocks=self.blocks)  # type: ignore[arg-type]

    # -- paragraphs -------------------------------------------------------------
    def _prose(self, i: int, line: str) -> None:
        if _RULE_LINE.match(line):
            self._close()
            return
        m = _HEADING.match(line)
        title = m.group(2).strip().rstrip("#").rstrip() if m else ""
        if m and (self.fmt == "md" or title):
            self._close()
            self._paragraph(i, _clean(title), len(m.group(1)))
            return
        text = _clean(_LIST_MARK.sub("", line, count=1))
        if not text:
            return
        if self.open is not None:
            para, last = self.open
            if i - last - 1 <= _WRAP_MAX_BLANKS and _wraps(self.open_stats, text):
                sep = " " if self.open_stats.last.isascii() and text[0].isascii() else ""
                self.open_parts.append(sep + text)
                self.open_stats.add(sep + text)
                self.open = (para, i)
                return
        self._close()
        self.open = (self._paragraph(i, text, None), i)
        self.open_parts = [text]
        self.open_stats = _PrefixStats(text)

    def _close(self) -> None:
        """The open paragraph gets its joined text, normalised once."""
        if self.open is not None and len(self.open_parts) > 1:
            self.open[0].text = normalize_text("".join(self.open_parts))
        self.open = None
        self.open_parts = []

    def _paragraph(self, i: int, text: str, level: int | None) -> Paragraph:
        para = Paragraph(
            text=text,
            heading_level=level,
            location=Location(
                file=self.path, block=len(self.blocks), line=i + 1, paragraph=self.n_paragraphs
            ),
        )
        if text:
            limits.check("blocks", len(self.blocks) + 1, limits.MAX_BLOCKS)
            self.blocks.append(para)
            self.n_paragraphs += 1
        return para

    # -- simple tables (layouts a-c) -------------------------------------------------
    def _table(self, rows: list[text_tables.Row], total_spans: bool = False) -> None:
        """Rows of (source line index, raw cell texts) as a grid. With total_spans, a
        short total row (合计…) gets its first cell spanning the missing columns, as a
        merged label cell in the original table would."""
        if not rows:
            return
        width = max(len(texts) for _, texts in rows)
        limits.check("row_cells", width, limits.MAX_ROW_CELLS)
        self.n_cells += sum(len(texts) for _, texts in rows)
        limits.check("cells", self.n_cells, limits.MAX_CELLS)
        limits.check("blocks", len(self.blocks) + 1, limits.MAX_BLOCKS)
        index, block = self.n_tables, len(self.blocks)
        self.n_tables += 1
        cells: list[list[Cell]] = []
        for r, (li, raw) in enumerate(rows):
            texts = [_clean(t) for t in raw]
            extra = 0
            if total_spans and 1 < len(texts) < width and lexicon().total_kind(texts[0], "start"):
                extra = width - len(texts)
            row: list[Cell] = []
            for k, t in enumerate(texts):
                c = k + extra if k else 0
                row.append(
                    Cell(
                        text=t,
                        row=r,
                        col=c,
                        col_span=1 + extra if k == 0 else 1,
                        location=Location(
                            file=self.path, block=block, line=li + 1, table=index, row=r, col=c
                        ),
                    )
                )
            cells.append(row)
        self.blocks.append(
            Table(
                index=index,
                rows=cells,
                n_cols=width,
                location=Location(file=self.path, block=block, line=rows[0][0] + 1, table=index),
            )
        )

    # -- HTML -------------------------------------------------------------------
    def _read_html(self, i: int) -> int:
        """Collect lines from an opening <table> to its matching close (or EOF)."""
        start = i
        depth = 0
        chunk: list[str] = []
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            chunk.append(line)
            i += 1
            for m in _HTML_TABLE_TAG.finditer(line):
                depth += -1 if m.group(1) else 1
            if depth <= 0:
                break
        raw_tables = parse_html_tables("\n".join(chunk))
        if not raw_tables:
            for k, line in enumerate(chunk):
                self._paragraph(start + k, _clean(line), None)
            return i
        # prose on the same line before <table> / after the last </table> is kept
        opening = _HTML_TABLE_OPEN.search(chunk[0])
        before = chunk[0][: opening.start()] if opening else ""
        closes = list(_HTML_TABLE_CLOSE.finditer(chunk[-1])) if depth <= 0 else []
        after = chunk[-1][closes[-1].end() :] if closes else ""
        self._paragraph(start, _clean(_ANY_TAG.sub("", before)), None)
        for raw in raw_tables:
            if not any(raw.rows):  # <table></table>: nothing to read, and postprocess needs rows
                continue
            block = len(self.blocks)
            self.blocks.append(self._html_table(raw, block, start))
        self._paragraph(i - 1, _clean(_ANY_TAG.sub("", after)), None)
        return i

    def _html_table(self, raw: RawTable, block: int, line: int) -> Table:
        """Lay HTML rows out on a grid: a cell goes to the first column of its row not
        covered by a rowspan from above; spans are clipped to the table's rows."""
        index = self.n_tables
        self.n_tables += 1
        occupied: set[tuple[int, int]] = set()
        rows: list[list[Cell]] = []
        n_cols = 0
        n_rows = len(raw.rows)
        pending: list[tuple[Cell, list[RawTable]]] = []
        for r, raw_row in enumerate(raw.rows):
            out: list[Cell] = []
            c = 0
            for rc in raw_row:
                while (r, c) in occupied:
                    c += 1
                rs = min(rc.rowspan, max(1, n_rows - r))
                cs = rc.colspan
                limits.check("columns", c + cs, limits.MAX_COLUMNS)
                limits.check("cells", len(occupied) + rs * cs, limits.MAX_CELLS)
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                cell = Cell(
                    text=_clean(rc.text, markup=False),
                    row=r,
                    col=c,
                    row_span=rs,
                    col_span=cs,
                    location=Location(file=self.path, block=block, line=line + 1, table=index, row=r, col=c),
                )
                pending.append((cell, rc.tables))
                out.append(cell)
                c += cs
                n_cols = max(n_cols, c)
            rows.append(out)
        n_cols = max([n_cols] + [c + 1 for (_, c) in occupied])
        # nested tables get indices after their parent, depth first, in cell order
        for cell, inner_tables in pending:
            for inner in inner_tables:
                if any(inner.rows):
                    cell.tables.append(self._html_table(inner, block, line))
        return Table(
            index=index,
            rows=rows,
            n_cols=max(n_cols, 1),
            location=Location(file=self.path, block=block, line=line + 1, table=index),
        )
