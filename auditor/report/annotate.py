"""`--annotate OUT.docx`: a copy of the input .docx with one Word comment per slip
(author "auditor"). The input file is never written.

A comment sits on the differing figure itself: the slip the group's findings share,
or the lead finding's odd place, with the runs split so the comment covers exactly the
figure's characters (the whole paragraph or cell only when the figure cannot be found in
its runs). Its text gives the lead finding, where this place is and where the others
are, and lists the other findings involving the same place.

Re-annotating an annotated copy replaces the comments authored "auditor" and keeps
everyone else's.

Places are found again with the reader's own numbering: `Location.paragraph` indexes
`document.paragraphs`, and `Location.table/row/col` index the reader's table order
(`iter_tables`), rows, and grid columns (a cell spanning columns covers several).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from auditor.errors import PathProblem
from auditor.findings import Finding, Place
from auditor.models import Location
from auditor.readers.docx_reader import (
    _cell_props,
    _row_prop,
    clamp_span,
    grid_width,
    iter_cells,
    iter_rows,
    iter_tables,
)
from auditor.report.arith_text import readable
from auditor.report.grouping import Group, group_findings, odd_place
from auditor.report.text import _find_figure

AUTHOR = "auditor"
INITIALS = "AU"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TEXT = {
    "zh": {
        "here": "此处：{where}",
        "others": "其他位置：{places}",
        "expected": "应为：{v}",
        "found": "实为：{v}",
        "same": "涉及同一处的其他问题（{n} 个）：",
        "sep": "；",
        "overwrite": "不能覆盖输入文件",
        "not_docx_out": "批注文档须保存为 .docx（文件名以 .docx 结尾）",
        "pdf_in": "PDF 不能加批注：Word 批注只能写进 .docx（可先在 Word 中把 PDF 另存为 .docx 再核对）",
        "not_docx_in": "只能为 .docx 添加批注",
    },
    "en": {
        "here": "here: {where}",
        "others": "other places: {places}",
        "expected": "expected: {v}",
        "found": "found: {v}",
        "same": "other findings involving the same place ({n}):",
        "sep": "; ",
        "overwrite": "refusing to overwrite the input",
        "not_docx_out": "the annotated copy must be a .docx file (name ending in .docx)",
        "pdf_in": "a PDF cannot be annotated: Word comments go into .docx files only (save the PDF as .docx in Word first)",
        "not_docx_in": "only .docx input can be annotated",
    },
}


class AnnotateError(PathProblem):
    PREFIX = {"zh": "无法写出批注文档", "en": "cannot write the annotated copy"}


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_paths(source: str, out: str, lang: str = "zh") -> None:
    """Raise AnnotateError unless `source` is a .docx and `out` a different .docx path."""
    tx = TEXT["en" if lang == "en" else "zh"]
    suffix = Path(source).suffix.lower()
    if suffix != ".docx":
        raise AnnotateError(source, tx["pdf_in"] if suffix == ".pdf" else tx["not_docx_in"])
    if Path(out).suffix.lower() != ".docx":
        raise AnnotateError(out, tx["not_docx_out"])
    if _same_file(source, out) if Path(out).exists() else Path(out).resolve() == Path(source).resolve():
        raise AnnotateError(out, tx["overwrite"])


def _cell_paragraphs(tables: list, loc: Location) -> list:  # type: ignore[type-arg]
    """The w:p elements of the cell at (table, row, grid col)."""
    if loc.table is None or loc.row is None or loc.table >= len(tables):
        return []
    rows = list(iter_rows(tables[loc.table]))
    if loc.row >= len(rows):
        return []
    tr = rows[loc.row]
    # the reader's own reading of declared offsets and spans (garbage -> 0 / 1, huge -> clamped)
    col = _row_prop(tr, "gridBefore")
    grid_cols = grid_width(tables[loc.table])
    for tc in iter_cells(tr):
        span = clamp_span(_cell_props(tc)[0], col, grid_cols)
        if col <= (loc.col or 0) < col + span:
            return tc.findall(f"{_W}p")
        col += span
    return []


def _cell_paragraph(tables: list, loc: Location):  # type: ignore[no-untyped-def,type-arg]
    """The first w:p of the cell at (table, row, grid col), or None."""
    paragraphs = _cell_paragraphs(tables, loc)
    return paragraphs[0] if paragraphs else None


def _split(run, at: int):  # type: ignore[no-untyped-def]
    """Split a run at character `at`: the run keeps text[:at], a copy with the same
    formatting holds text[at:] right after it. Returns the new (right) run."""
    from docx.text.run import Run

    text = run.text
    right_el = copy.deepcopy(run._r)
    run._r.addnext(right_el)
    right = Run(right_el, run._parent)
    run.text = text[:at]
    right.text = text[at:]
    return right


def _figure_span(text: str, figure: str | None, quote: str) -> tuple[int, int] | None:
    """Where `figure` stands in `text`: after the words the quote shows just before it
    when they are found ('得3分' rather than an earlier '3'), else its first occurrence."""
    span = _find_figure(text, figure)
    in_quote = _find_figure(quote, figure)
    if span is None or in_quote is None:
        return span
    before = quote[max(0, in_quote[0] - 8) : in_quote[0]].split("…")[-1]
    if before:
        at = text.find(before)
        while at >= 0:
            near = _find_figure(text[at + len(before) :], figure)
            if near is not None and near[0] == 0:
                s = at + len(before)
                return s, s + near[1]
            at = text.find(before, at + 1)
    return span


def _figure_runs(para, figure: str | None, quote: str = ""):  # type: ignore[no-untyped-def]
    """The runs of `para` covering exactly `figure` (runs split as needed), or None."""
    runs = para.runs
    joined = "".join(r.text for r in runs)
    span = _figure_span(joined, figure, quote)
    if span is None:
        return None
    start, end = span
    out = []
    pos = 0
    for run in runs:
        text = run.text
        lo, hi = pos, pos + len(text)
        pos = hi
        if hi <= start or lo >= end or not text:
            continue
        if lo < start:  # the figure starts inside this run
            run = _split(run, start - lo)
            lo = start
        if hi > end:  # and ends inside it
            _split(run, end - lo)
        out.append(run)
    return out or None


def _anchor(document, tables: list, place: Place):  # type: ignore[no-untyped-def]
    """Runs to comment on for `place`: the figure's own runs where found, else the
    whole paragraph or cell paragraph; None when the place cannot be found."""
    from docx.text.paragraph import Paragraph as DocxParagraph

    loc = place.location
    if loc.table is not None and loc.row is not None:
        elements = _cell_paragraphs(tables, loc)
    elif loc.paragraph is not None and loc.paragraph < len(document.paragraphs):
        elements = [document.paragraphs[loc.paragraph]._p]
    else:
        elements = []
    paras = [DocxParagraph(p, document._body) for p in elements]
    for para in paras:
        runs = _figure_runs(para, place.figure, place.quote)
        if runs:
            return runs
    for para in paras:
        if para.runs:
            return para.runs
    if paras:
        return [paras[0].add_run("")]
    return None


def _where(p: Place, lang: str) -> str:
    where = p.location.describe(lang)
    if not p.figure:
        return where
    return f"{where} ({p.figure})" if lang == "en" else f"{where}（{p.figure}）"


def comment_lines(group: Group, place: Place, lang: str = "zh") -> list[str]:
    """The comment's paragraphs: the lead finding, this place, the other places, its
    arithmetic, and the other findings involving the same place."""
    tx = TEXT["en" if lang == "en" else "zh"]
    lead = group.lead
    lines = [f"[{lead.rule_id}] {readable(lead.message_en if lang == 'en' else lead.message_zh, lang)}"]
    if lead.expected:
        lines.append(tx["expected"].format(v=readable(lead.expected, lang, aside=False)))
    if lead.found:
        lines.append(tx["found"].format(v=readable(lead.found, lang, aside=False)))
    lines.append(tx["here"].format(where=_where(place, lang)))
    here = (place.location.describe("en"), place.figure)
    others: list[str] = []
    for f in group.findings:
        for p in f.places:
            text = _where(p, lang)
            if (p.location.describe("en"), p.figure) != here and text not in others:
                others.append(text)
    if others:
        lines.append(tx["others"].format(places=tx["sep"].join(others)))
    if group.consequences:
        lines.append(tx["same"].format(n=len(group.consequences)))
        for f in group.consequences:
            lines.append(f"· [{f.rule_id}] {readable(f.message_en if lang == 'en' else f.message_zh, lang)}")
    return lines


def remove_own_comments(document) -> int:  # type: ignore[no-untyped-def]
    """Delete the comments authored "auditor" and their anchors; keep everyone else's."""
    try:
        comments_el = document.comments._comments_elm
    except (AttributeError, KeyError):
        return 0
    ids = set()
    for c in list(comments_el.findall(f"{_W}comment")):
        if c.get(f"{_W}author") == AUTHOR:
            ids.add(c.get(f"{_W}id"))
            comments_el.remove(c)
    if not ids:
        return 0
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in list(body.iter(f"{_W}{tag}")):
            if el.get(f"{_W}id") in ids:
                parent = el.getparent()
                parent.remove(el)
                # a reference run left with nothing but its properties goes too
                if tag == "commentReference" and parent.tag == f"{_W}r" and all(
                    child.tag == f"{_W}rPr" for child in parent
                ):
                    parent.getparent().remove(parent)
    return len(ids)


def _check_comment_ids(document, source: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """python-docx numbers a new comment max(existing ids) + 1 and fails on an id that is
    not an integer: refuse such a file in one line instead."""
    try:
        ids = document.part._comments_part.element.xpath("./w:comment/@w:id")
    except Exception:  # noqa: BLE001 - a comments part python-docx cannot load: it fails later, caught
        return
    bad = [i for i in ids if not _is_int(i)]
    if bad:
        detail = (
            f"the document's existing comments have ids that are not numbers ({bad[0]!r})"
            if lang == "en"
            else f"文档已有批注的编号不是数字（{bad[0]!r}）"
        )
        raise AnnotateError(source, detail)


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def annotate_docx(source: str, findings: list[Finding], out: str, lang: str = "zh") -> tuple[int, int]:
    """Write `out` with one comment per slip group. Returns (anchored, not anchored)."""
    import docx

    check_paths(source, out, lang)
    document = docx.Document(source)
    _check_comment_ids(document, source, lang)
    remove_own_comments(document)
    tables = list(iter_tables(document.element.body))
    anchored = missed = 0
    for group in group_findings(findings):
        candidates = [group.slip] if group.slip is not None else []
        first = odd_place(group.lead, group)
        candidates += [p for p in [first, *group.lead.places] if p is not None]
        for place in candidates:
            runs = _anchor(document, tables, place)
            if runs:
                lines = comment_lines(group, place, lang)
                comment = document.add_comment(runs, text=lines[0], author=AUTHOR, initials=INITIALS)
                for line in lines[1:]:
                    comment.add_paragraph(line)
                anchored += 1
                break
        else:
            missed += 1
    try:
        document.save(out)
    except OSError as exc:
        raise AnnotateError(out, exc.strerror or type(exc).__name__) from None
    return anchored, missed


WROTE = {"zh": "已写出 {out}：{n} 条批注", "en": "wrote {out}: {n} comments"}
SKIPPED = {"zh": "{path}：不是 .docx，未加批注", "en": "{path}: not a .docx, not annotated"}


def _write_copy(source: str, findings: list[Finding], out: str, lang: str) -> int:
    """annotate_docx into a temporary file beside `out`, renamed over it at the end
    (auditor.outputs): an interrupted or failed save never leaves a half-written copy."""
    from auditor.outputs import replace_into

    check_paths(source, out, lang)
    anchored = [0]

    def write(tmp: str) -> None:
        try:
            anchored[0] = annotate_docx(source, findings, tmp, lang)[0]
        except AnnotateError as exc:
            if exc.path != tmp:
                raise
            raise OSError(str(exc.detail)) from None

    replace_into(out, write, lang)
    return anchored[0]


def annotate_results(results: list, out: str, lang: str = "zh") -> list[str]:  # type: ignore[type-arg]
    """One report → `out` (.docx). Several reports, or `out` an existing folder → one
    annotated copy per readable .docx under `out`, by the same relative names (the
    folder is created). Returns a line per file for stderr; raises AnnotateError."""
    readable = [r for r in results if not r.error]
    folder = len(results) > 1 or Path(out).is_dir()
    if not folder:
        if not readable:
            return []
        r = readable[0]
        n = _write_copy(r.path, r.findings, out, lang)
        return [WROTE["en" if lang == "en" else "zh"].format(out=out, n=n)]
    parents = [str(Path(r.path).resolve().parent) for r in readable]
    base = Path(os.path.commonpath(parents)) if parents else Path(".")
    lines = []
    for r in readable:
        if Path(r.path).suffix.lower() != ".docx":
            lines.append(SKIPPED["en" if lang == "en" else "zh"].format(path=r.path))
            continue
        target = Path(out) / Path(r.path).resolve().relative_to(base)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AnnotateError(str(target.parent), exc.strerror or type(exc).__name__) from None
        n = _write_copy(r.path, r.findings, str(target), lang)
        lines.append(WROTE["en" if lang == "en" else "zh"].format(out=target, n=n))
    return lines
