"""`--annotate OUT.docx`: a copy of the input .docx with a Word comment at each place a
finding involves (author "auditor"). The input file is never written.

Places are found again with the reader's own numbering: `Location.paragraph` indexes
`document.paragraphs`, and `Location.table/row/col` index the reader's table order
(`iter_tables`), rows, and grid columns (a cell spanning columns covers several).
"""

from __future__ import annotations

import os
from pathlib import Path

from auditor.errors import PathProblem
from auditor.findings import Finding
from auditor.models import Location
from auditor.readers.docx_reader import iter_cells, iter_rows, iter_tables

AUTHOR = "auditor"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class AnnotateError(PathProblem):
    PREFIX = {"zh": "无法写出批注文档", "en": "cannot write the annotated copy"}


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _cell_paragraph(tables: list, loc: Location):  # type: ignore[no-untyped-def]
    """The first w:p of the cell at (table, row, grid col), or None."""
    if loc.table is None or loc.row is None or loc.table >= len(tables):
        return None
    rows = list(iter_rows(tables[loc.table]))
    if loc.row >= len(rows):
        return None
    tr = rows[loc.row]
    col = 0
    before = tr.find(f"{_W}trPr/{_W}gridBefore")
    if before is not None:
        col = int(before.get(f"{_W}val", "0") or 0)
    for tc in iter_cells(tr):
        span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
        span = int(span_el.get(f"{_W}val", "1") or 1) if span_el is not None else 1
        if col <= (loc.col or 0) < col + span:
            return tc.find(f"{_W}p")
        col += span
    return None


def annotate_docx(source: str, findings: list[Finding], out: str, lang: str = "zh") -> tuple[int, int]:
    """Write `out` with one comment per finding place. Returns (anchored, not anchored)."""
    import docx
    from docx.text.paragraph import Paragraph as DocxParagraph

    if _same_file(source, out) if Path(out).exists() else Path(out).resolve() == Path(source).resolve():
        raise AnnotateError(out, "refusing to overwrite the input" if lang == "en" else "不能覆盖输入文件")
    if Path(source).suffix.lower() != ".docx":
        raise AnnotateError(source, "only .docx input can be annotated" if lang == "en" else "只能为 .docx 添加批注")
    document = docx.Document(source)
    body = document.element.body
    tables = list(iter_tables(body))
    paragraphs = document.paragraphs
    anchored = missed = 0
    for finding in findings:
        message = finding.message_en if lang == "en" else finding.message_zh
        for place in finding.places:
            loc = place.location
            p_el = None
            if loc.table is not None and loc.row is not None:
                p_el = _cell_paragraph(tables, loc)
            elif loc.paragraph is not None and loc.paragraph < len(paragraphs):
                p_el = paragraphs[loc.paragraph]._p
            if p_el is None:
                missed += 1
                continue
            para = DocxParagraph(p_el, document._body)
            runs = para.runs or [para.add_run("")]
            lines = [f"[{finding.rule_id}] {message}"]
            if finding.expected:
                lines.append(("expected: " if lang == "en" else "应为：") + finding.expected)
            if finding.found:
                lines.append(("found: " if lang == "en" else "实为：") + finding.found)
            document.add_comment(runs, text="\n".join(lines), author=AUTHOR, initials="AU")
            anchored += 1
    try:
        document.save(out)
    except OSError as exc:
        raise AnnotateError(out, exc.strerror or type(exc).__name__) from None
    return anchored, missed
