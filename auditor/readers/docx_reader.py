"""Read a .docx into a `Document`: body paragraphs and tables in reading order.

python-docx opens the package (relationships, content types, parsing with entities
off); the body is then walked directly on the lxml tree, because python-docx's cell
API rebuilds the grid on every access (quadratic on big tables) and hides what we need:
nested tables, merges, field and hyperlink runs, content controls.

What comes out:
- Paragraphs and tables in document order, descending into body-level content controls
  (w:sdt) and custom XML wrappers; headers, footers, footnotes and comments are not read.
  Empty paragraphs are left out (their paragraph index is still counted).
- Paragraph text: every w:t of its runs, including hyperlinks, simple fields and the
  result runs of complex fields (field codes and deleted text are skipped); w:tab is a
  space, w:br/w:cr a newline; text-box content follows on new lines (the VML fallback
  copy of a text box is skipped).
- Tables: merges are explicit. A merged cell stands once at its top-left grid position
  with col_span (w:gridSpan, legacy w:hMerge) and row_span (w:vMerge); w:gridBefore
  shifts a row's first cell. Text Word hides in a merge continuation is appended to the
  merged cell (with a note); a vMerge continuation that does not line up with the cell
  above is read as a cell of its own (with a note). Tables inside cells go into
  Cell.tables. Cell text is its paragraphs joined by "\\n".
- Heading level: the paragraph's own w:outlineLvl, else its style: "heading N" /
  "标题 N" -> N, Title -> 1, else the style's outline level, else its base style's.
- Table indices are document-wide in reading order: a table, then the tables nested in
  it (depth first), then the next table. `iter_blocks` and `iter_tables` give the same
  walk to anyone who needs to find an element again (e.g. to anchor a Word comment).
- Locations: block (index in Document.blocks), paragraph (index among the body's
  direct w:p children = python-docx's `document.paragraphs`; None inside content
  controls and cells), table/row/col for cells (row/col in the source table's grid);
  page when Word saved its layout (docx_pages.py: never estimated).
- Every text goes through normalize_text once. The result is passed to
  readers.postprocess (captions, continued and fragmented tables).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.styles import BabelFish
from lxml import etree

from auditor import limits
from auditor.errors import InputError
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.notes import Note, note
from auditor.readers.docx_pages import paragraph_pages
from auditor.readers.postprocess import postprocess
from auditor.readers.zipguard import check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

W_P = _W + "p"
W_TBL = _W + "tbl"
W_TR = _W + "tr"
W_TC = _W + "tc"
W_SDT = _W + "sdt"
W_SDT_CONTENT = _W + "sdtContent"
W_CUSTOM_XML = _W + "customXml"
_W_VAL = _W + "val"
_W_TCPR = _W + "tcPr"
_W_GRIDSPAN = _W + "gridSpan"
_W_VMERGE = _W + "vMerge"
_W_HMERGE = _W + "hMerge"

# Inside a paragraph: what contributes text, and what must not be descended into.
_W_T = _W + "t"
_W_TAB = _W + "tab"
_W_BR = _W + "br"
_W_CR = _W + "cr"
_W_NB_HYPHEN = _W + "noBreakHyphen"
_W_TXBX = _W + "txbxContent"
_SKIP_IN_PARAGRAPH = frozenset(
    {
        _W + "pPr",  # holds w:tabs/w:tab tab stops, not tabs
        _W + "rPr",
        _W + "del",  # tracked deletions
        _W + "moveFrom",
        _W + "delText",
        _W + "instrText",  # field codes; the field's result runs are read
        _W + "delInstrText",
        _W + "fldData",
        _MC + "Fallback",  # the VML copy of a DrawingML object
    }
)
# Wrappers that may hold rows (in a table) or cells (in a row).
_WRAPPERS = frozenset({W_SDT, W_CUSTOM_XML})

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "标题"})


def read_docx(path: str) -> Document:
    """Read a .docx file. Raises InputError: 'not_a_zip', 'no_document_part', 'zip_bomb',
    'hostile_xml', 'encrypted', 'too_deep', 'corrupt'."""
    path = str(path)
    check_zip(path, required=("word/document.xml",))
    with zipfile.ZipFile(path) as zf:  # the body is parsed whole: bound it before lxml sees it
        size = zf.getinfo("word/document.xml").file_size
    if size > limits.MAX_DOCX_XML_BYTES:
        raise limits.Exceeded("xml_bytes", limits.human_bytes(size), limits.human_bytes(limits.MAX_DOCX_XML_BYTES))
    document = _open(path)
    styles = _StyleLevels(_styles_element(document))
    doc = _BodyReader(path, styles).read(document.element.body)
    return postprocess(doc)


def _open(path: str):  # type: ignore[no-untyped-def]
    try:
        return docx.Document(path)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):
            # libxml2 refuses elements nested deeper than 256 (e.g. 200 tables inside each
            # other, 2-3 elements a level): say so, not the parser's wording.
            raise InputError(path, "too_deep", limit=_XML_DEPTH_LIMIT) from None
        raise InputError(path, "corrupt", detail=f"XML error: {_first_line(str(exc))}") from None
    except PackageNotFoundError:
        raise InputError(path, "not_a_zip") from None
    except zipfile.BadZipFile as exc:  # e.g. a member failing its CRC check
        raise InputError(path, "corrupt", detail=_first_line(str(exc))) from None
    except KeyError as exc:
        raise InputError(path, "corrupt", detail=f"missing part {exc}") from None
    except ValueError as exc:  # e.g. a macro-enabled or template content type
        raise InputError(path, "corrupt", detail=_first_line(str(exc))) from None


_XML_DEPTH_LIMIT = 256  # libxml2's nesting limit without XML_PARSE_HUGE


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:160]


def _styles_element(document):  # type: ignore[no-untyped-def]
    try:
        return document.part.styles.element
    except (KeyError, AttributeError, NotImplementedError):
        return None


def iter_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The w:p and w:tbl elements of a body or cell in reading order, looking through
    content controls (w:sdt) and custom XML wrappers."""
    for child in container:
        tag = child.tag
        if tag in (W_P, W_TBL):
            yield child
        elif tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from iter_blocks(content)
        elif tag == W_CUSTOM_XML:
            yield from iter_blocks(child)


def iter_tables(container: etree._Element) -> Iterator[etree._Element]:
    """Every w:tbl in Table.index order: a table, then the tables nested in its cells
    (depth first), then the next table. For finding a table again, e.g. to comment on it."""
    for el in iter_blocks(container):
        if el.tag == W_TBL:
            yield el
            for tr in iter_rows(el):
                for tc in iter_cells(tr):
                    yield from iter_tables(tc)


def iter_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    yield from _iter_wrapped(tbl, W_TR)


def iter_cells(tr: etree._Element) -> Iterator[etree._Element]:
    yield from _iter_wrapped(tr, W_TC)


def _iter_wrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if inner is not None:
                yield from _iter_wrapped(inner, tag)


def paragraph_text(p: etree._Element) -> str:
    """Raw text of a w:p (not normalised): runs, hyperlinks, fields; text boxes after."""
    parts: list[str] = []
    boxes: list[str] = []
    _collect(p, parts, boxes)
    text = "".join(parts)
    if boxes:
        text = "\n".join([text, *boxes]) if text else "\n".join(boxes)
    return text


def _collect(el: etree._Element, parts: list[str], boxes: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _W_T:
            if child.text:
                parts.append(child.text)
        elif tag == _W_TAB:
            parts.append("\t")
        elif tag == _W_BR:
            if child.get(_W + "type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == _W_CR:
            parts.append("\n")
        elif tag == _W_NB_HYPHEN:
            parts.append("-")
        elif tag == _W_TXBX:
            boxes.extend(t for t in (paragraph_text(q) for q in child.iter(W_P)) if t.strip())
        elif tag in _SKIP_IN_PARAGRAPH or not isinstance(tag, str):
            continue  # comments and processing instructions have non-string tags
        elif len(child):
            _collect(child, parts, boxes)


class _StyleLevels:
    """Heading level and display name of paragraph styles, from styles.xml."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._defs: dict[str, tuple[str, int | None, str | None]] = {}
        self.default_id: str | None = None
        if styles is None:
            return
        for st in styles.iterchildren(_W + "style"):
            if st.get(_W + "type") not in (None, "paragraph"):
                continue
            sid = st.get(_W + "styleId")
            if not sid:
                continue
            name_el = st.find(_W + "name")
            name = name_el.get(_W_VAL, sid) if name_el is not None else sid
            outline = st.find(f"{_W}pPr/{_W}outlineLvl")
            based = st.find(_W + "basedOn")
            self._defs[sid] = (
                name,
                _int(outline.get(_W_VAL)) if outline is not None else None,
                based.get(_W_VAL) if based is not None else None,
            )
            if st.get(_W + "default") in ("1", "true", "on"):
                self.default_id = sid
        self._levels: dict[str, int | None] = {}

    def name(self, sid: str | None) -> str | None:
        sid = sid or self.default_id
        if sid is None:
            return None
        entry = self._defs.get(sid)
        if entry is None:
            return sid
        return BabelFish.internal2ui(entry[0])

    def level(self, sid: str | None) -> int | None:
        sid = sid or self.default_id
        if sid is None:
            return None
        if sid not in self._levels:
            self._levels[sid] = self._resolve(sid, depth=0)
        return self._levels[sid]

    def _resolve(self, sid: str, depth: int) -> int | None:
        entry = self._defs.get(sid)
        if entry is None or depth > 10:  # basedOn cycles exist in the wild
            return None
        name, outline, based = entry
        m = _HEADING_NAME.match(name.strip())
        if m:
            return int(m.group(1))
        if name.strip().lower() in _TITLE_NAMES:
            return 1
        if outline is not None:
            return _outline_level(outline)
        return self._resolve(based, depth + 1) if based else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _outline_level(value: int) -> int | None:
    """w:outlineLvl is 0-based; 9 (and anything out of range) means body text."""
    return value + 1 if 0 <= value <= 8 else None


class _BodyReader:
    def __init__(self, path: str, styles: _StyleLevels) -> None:
        self.path = path
        self.styles = styles
        self.blocks: list[Paragraph | Table] = []
        self.notes: list[Note] = []
        self.n_tables = 0
        self._normalized: dict[str, str] = {}
        self.pages: dict[etree._Element, int] = {}  # w:p -> page, when Word saved its layout

    def read(self, body: etree._Element) -> Document:
        # counted on the tree before anything is built: memory stays bounded by the limits
        limits.check("cells", sum(1 for _ in body.iter(W_TC)), limits.MAX_CELLS)
        limits.check("paragraphs", sum(1 for _ in body.iter(W_P)), limits.MAX_PARAGRAPHS)
        self.pages = paragraph_pages(body)
        paragraph_index = 0
        for el in iter_blocks(body):
            direct = el.getparent() is body
            if el.tag == W_P:
                self._paragraph(el, paragraph_index if direct else None)
                if direct:
                    paragraph_index += 1
            else:
                self.blocks.append(self._table(el, len(self.blocks)))
        chunks = sum(1 for _ in body.iter(_W + "altChunk"))
        if chunks:  # imported HTML/RTF/.docx parts: Word renders them, we cannot
            self.notes.append(note("altchunk", count=chunks))
        return Document(path=self.path, format="docx", blocks=self.blocks, notes=self.notes)

    def _paragraph(self, p: etree._Element, index: int | None) -> None:
        text = normalize_text(paragraph_text(p))
        if not text:
            return
        ppr = p.find(_W + "pPr")
        sid = None
        level = None
        if ppr is not None:
            pstyle = ppr.find(_W + "pStyle")
            sid = pstyle.get(_W_VAL) if pstyle is not None else None
            outline = ppr.find(_W + "outlineLvl")
            if outline is not None and (value := _int(outline.get(_W_VAL))) is not None:
                level = _outline_level(value)
                if level is None:  # explicit "body text" overrides a heading style
                    level = 0
        if level is None:
            level = self.styles.level(sid)
        block = len(self.blocks)
        self.blocks.append(
            Paragraph(
                text=text,
                heading_level=level or None,
                style=self.styles.name(sid),
                location=Location(file=self.path, block=block, paragraph=index, page=self.pages.get(p)),
            )
        )

    def _table(self, tbl: etree._Element, block: int) -> Table:
        index = self.n_tables
        self.n_tables += 1
        grid_cols = grid_width(tbl)
        rows: list[list[Cell]] = []
        above: dict[int, Cell] = {}  # column -> cell covering it in the previous row
        width = 0
        for r, tr in enumerate(iter_rows(tbl)):
            col = _row_prop(tr, "gridBefore")
            row_cells: list[Cell] = []
            here: dict[int, Cell] = {}
            for tc in iter_cells(tr):
                span, vmerge, hmerge = _cell_props(tc)
                limits.check("columns", col + 1, limits.MAX_COLUMNS)  # real cells past the limit
                span = clamp_span(span, col, grid_cols)
                text, nested = self._cell_content(tc, block)
                up = above.get(col) if vmerge == "continue" else None
                if up is not None and up.col == col and up.col_span == span:
                    up.row_span = r - up.row + 1
                    self._absorb(up, text, nested, r, col, "vertically")
                    target = up
                elif hmerge == "continue" and row_cells:
                    target = row_cells[-1]
                    target.col_span += span
                    self._absorb(target, text, nested, r, col, "horizontally")
                else:
                    if vmerge == "continue":
                        self.notes.append(note("vmerge_orphan", table=index + 1, row=r + 1, col=col + 1))
                    target = Cell(
                        text=text,
                        row=r,
                        col=col,
                        col_span=span,
                        location=Location(
                            file=self.path, block=block, table=index, row=r, col=col, page=self._page_of(tc)
                        ),
                        tables=nested,
                    )
                    row_cells.append(target)
                for c in range(col, col + span):
                    here[c] = target
                col += span
            above = here
            width = max(width, col)
            rows.append(row_cells)
        return Table(
            index=index,
            rows=rows,
            n_cols=max(grid_cols, width),
            location=Location(file=self.path, block=block, table=index, page=self._page_of(tbl)),
        )

    def _page_of(self, el: etree._Element) -> int | None:
        """The page of the first paragraph inside a cell or table."""
        if not self.pages:
            return None
        p = next(el.iter(W_P), None)
        return self.pages.get(p) if p is not None else None

    def _absorb(self, cell: Cell, text: str, nested: list[Table], r: int, c: int, how: str) -> None:
        """Content of a merge continuation: Word hides it, we keep it on the merged cell."""
        if text:
            cell.text = f"{cell.text}\n{text}" if cell.text else text
            table = cell.location.table + 1 if cell.location.table is not None else "?"
            self.notes.append(note("merged_text_kept", table=table, row=r + 1, col=c + 1, how=how))
        cell.tables.extend(nested)

    def _cell_content(self, tc: etree._Element, block: int) -> tuple[str, list[Table]]:
        texts: list[str] = []
        nested: list[Table] = []
        for el in iter_blocks(tc):
            if el.tag == W_P:
                texts.append(paragraph_text(el))
            else:
                nested.append(self._table(el, block))
        return self._normalize("\n".join(texts)), nested

    def _normalize(self, raw: str) -> str:
        """normalize_text, remembered: tables repeat short texts ("", "合格", "100%")."""
        done = self._normalized.get(raw)
        if done is None:
            done = self._normalized[raw] = normalize_text(raw)
        return done


def grid_width(tbl: etree._Element) -> int:
    """Columns the table declares in w:tblGrid (0 when it has none)."""
    return sum(1 for _ in tbl.iterfind(f"{_W}tblGrid/{_W}gridCol"))


def clamp_span(span: int, col: int, grid_cols: int) -> int:
    """A declared w:gridSpan at grid column `col` as the reader lays it out: never past
    the table's own grid (without one, past limits.MAX_GRID_OFFSET), nor past
    limits.MAX_COLUMNS. Shared with --annotate so comments land on the same cells."""
    span = min(span, grid_cols - col if grid_cols > col else limits.MAX_GRID_OFFSET)
    return max(min(span, limits.MAX_COLUMNS - col), 1)


def _row_prop(tr: etree._Element, name: str) -> int:
    """A row's w:gridBefore / w:gridAfter: missing, non-integer or negative is 0, a
    huge declared value is clamped (limits.clamp_span) before anything loops over it."""
    el = tr.find(f"{_W}trPr/{_W}{name}")
    return min(limits.clamp_span(_int(el.get(_W_VAL)) if el is not None else None, 0), limits.MAX_GRID_OFFSET)


def _cell_props(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """(grid span, vMerge state, hMerge state) of a w:tc. A merge state is 'restart',
    'continue' or None; a bare <w:vMerge/> means continue."""
    span, vmerge, hmerge = 1, None, None
    tcpr = tc[0] if len(tc) else None  # the schema puts w:tcPr first
    if tcpr is None or tcpr.tag != _W_TCPR:
        tcpr = tc.find(_W_TCPR)
        if tcpr is None:
            return span, vmerge, hmerge
    for el in tcpr:
        tag = el.tag
        if tag == _W_GRIDSPAN:
            span = max(limits.clamp_span(_int(el.get(_W_VAL)), 1), 1)
        elif tag == _W_VMERGE:
            vmerge = "restart" if el.get(_W_VAL) == "restart" else "continue"
        elif tag == _W_HMERGE:
            hmerge = "restart" if el.get(_W_VAL) == "restart" else "continue"
    return span, vmerge, hmerge
