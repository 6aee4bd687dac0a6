"""Property tests: any string in, no exception out; numbers round-trip; normalisation idempotent."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import extract_facts
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.numbers import find_numbers, parse_number

# Text drawn from what reports contain: CJK, full-width forms, digits, separators, spaces.
REPORT_CHARS = st.sampled_from(
    list("0123456789.,%-+ 　\n\t０１２３４５６７８９．，％＋－（）()：:；。≥≤<>=万元分得率合计决策年月日")
    + ["\u00a0", "\u200b", "$", "\\geq", "良", "优", "扣", "满分"]
)
REPORTISH = st.lists(REPORT_CHARS, max_size=80).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), REPORTISH)
# CI keeps the run short; bench/fuzz_long.py raises the budget through the environment.
EXAMPLES = int(os.environ.get("AUDITOR_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None)
# whole-document properties cost ~0.1-0.6 s an example: their own budget
DOC_FUZZ = settings(max_examples=int(os.environ.get("AUDITOR_FUZZ_DOC_EXAMPLES", str(EXAMPLES))), deadline=None)


@FUZZ
@given(ANY_TEXT)
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any("０" <= ch <= "９" for ch in once)


@FUZZ
@given(ANY_TEXT)
def test_number_parsers_never_raise_and_spans_point_at_the_text(text: str) -> None:
    parse_number(text)
    for num, start, end in find_numbers(text):
        assert text[start:end] == num.text


@FUZZ
@given(
    st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False, places=4),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
)
def test_printed_numbers_reparse_to_themselves(value: Decimal, decimals: int, percent: bool) -> None:
    printed = format(value, f".{decimals}f") + ("%" if percent else "")
    parsed = parse_number(printed)
    assert parsed is not None
    assert parsed.value == Decimal(printed.rstrip("%"))
    assert parsed.decimals == decimals
    assert parsed.percent is percent


def _doc(paragraphs: list[str], cells: list[list[str]]) -> Document:
    blocks: list = [
        Paragraph(text=normalize_text(t), location=Location(file="f", block=i, paragraph=i))
        for i, t in enumerate(paragraphs)
    ]
    if cells:
        n_cols = max(len(r) for r in cells) or 1
        rows = [
            [Cell(text=normalize_text(t), row=r, col=c, location=Location(file="f", table=0, row=r, col=c))
             for c, t in enumerate(row)]
            for r, row in enumerate(cells)
        ]
        blocks.append(Table(index=0, rows=rows, n_cols=n_cols, location=Location(file="f", block=len(blocks), table=0)))
    return Document(path="f", format="txt", blocks=blocks)


@FUZZ
@given(st.lists(REPORTISH, max_size=6), st.lists(st.lists(REPORTISH, min_size=1, max_size=5), max_size=6))
def test_extraction_never_raises(paragraphs: list[str], cells: list[list[str]]) -> None:
    facts = extract_facts(_doc(paragraphs, cells))
    # an extractor that raised is recorded as a note by extract_facts; none may raise
    assert not [n for n in facts.notes if " failed: " in str(n) or n.code == "extractor_failed"]


# --- Dates and Chinese numerals -------------------------------------------------------
# Characters that occur around dates, plus Unicode digits that str.isdigit() accepts but
# int() does not ('²', '①'): the parsers see whatever the readers hand them.
DATE_CHARS = st.sampled_from(
    list("0123456789年月日号至到-/.~～—〇○零一二两三四五六七八九十百千万亿壹贰叁拾佰仟 ")
    + ["²", "①", "٣", "𝟠", "Ⅻ"]
)
DATEISH = st.one_of(st.lists(DATE_CHARS, max_size=40).map("".join), st.text(max_size=60))


@FUZZ
@given(DATEISH)
def test_date_parsers_never_raise_and_spans_point_at_the_text(text: str) -> None:
    from auditor.extract.cn_numerals import cn_to_int, parse_cn_date
    from auditor.extract.dates import find_dates

    cn_to_int(text)
    parse_cn_date(text)
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)


# --- Extraction on mutated real documents -----------------------------------------------
# Seeds: the shipped fixtures (markdown and .docx, read once) and, when present, the two
# corpus reports; hypothesis then edits their blocks (digits changed, text cut, blocks
# dropped, duplicated or moved, table rows and cells removed) so the extractors meet
# documents that are almost right, which is what drafts are.
_ROOT = Path(__file__).resolve().parents[1]
CORPUS = _ROOT.parent / "shared" / "corpus"


@lru_cache(maxsize=1)
def _seeds() -> tuple[Document, ...]:
    from auditor.readers import read_document

    paths = sorted((_ROOT / "fixtures" / "generated").glob("*.md"))
    paths += sorted((_ROOT / "fixtures" / "generated").glob("*.docx"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.docx"))
    return tuple(read_document(str(p)) for p in paths)


def _edit_text(text: str, data: st.DataObject) -> str:
    op = data.draw(st.sampled_from(["digit", "cut", "insert", "delete", "keep"]))
    if not text or op == "keep":
        return text
    i = data.draw(st.integers(0, len(text) - 1))
    if op == "digit":
        return text[:i] + data.draw(st.sampled_from("0123456789.%-")) + text[i + 1 :]
    if op == "cut":
        return text[:i]
    if op == "insert":
        return text[:i] + data.draw(REPORTISH) + text[i:]
    j = data.draw(st.integers(i, len(text)))
    return text[:i] + text[j:]


def _mutate(doc: Document, data: st.DataObject) -> Document:
    blocks = list(doc.blocks)
    for _ in range(data.draw(st.integers(1, 12))):
        if not blocks:
            break
        k = data.draw(st.integers(0, len(blocks) - 1))
        op = data.draw(st.sampled_from(["text", "drop", "dup", "move", "heading", "row", "cell"]))
        b = blocks[k]
        if op == "drop":
            del blocks[k]
        elif op == "dup":
            blocks.insert(data.draw(st.integers(0, len(blocks))), b)
        elif op == "move":
            blocks.insert(data.draw(st.integers(0, len(blocks) - 1)), blocks.pop(k))
        elif isinstance(b, Paragraph) and op == "heading":
            blocks[k] = b.model_copy(update={"heading_level": data.draw(st.sampled_from([None, 1, 2, 3, 9]))})
        elif isinstance(b, Paragraph):
            blocks[k] = b.model_copy(update={"text": _edit_text(b.text, data)})
        elif isinstance(b, Table) and b.rows:
            rows = [list(r) for r in b.rows]
            r = data.draw(st.integers(0, len(rows) - 1))
            if op == "row":
                del rows[r]
            elif op == "cell" and rows[r]:
                del rows[r][data.draw(st.integers(0, len(rows[r]) - 1))]
            elif rows[r]:
                c = data.draw(st.integers(0, len(rows[r]) - 1))
                rows[r][c] = rows[r][c].model_copy(update={"text": _edit_text(rows[r][c].text, data)})
            blocks[k] = b.model_copy(update={"rows": rows})
    return doc.model_copy(update={"blocks": _renumber(blocks)})


def _renumber(blocks: list) -> list:
    """Restore what every reader guarantees: location.block is the block's position and
    tables are numbered in order, a cell's row is its row's position (extractors may index
    doc.blocks by location.block)."""
    out: list = []
    n_table = 0
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            rows = [
                [c.model_copy(update={"row": r, "location": c.location.model_copy(
                    update={"block": i, "table": n_table, "row": r})}) for c in row]
                for r, row in enumerate(b.rows)
            ]
            loc = b.location.model_copy(update={"block": i, "table": n_table})
            out.append(b.model_copy(update={"rows": rows, "index": n_table, "location": loc}))
            n_table += 1
        else:
            out.append(b.model_copy(update={"location": b.location.model_copy(update={"block": i})}))
    return out


@DOC_FUZZ
@given(st.data())
def test_extraction_never_raises_on_mutated_documents(data: st.DataObject) -> None:
    # draw an index, not the Document, so a failure report names the seed in one line
    i = data.draw(st.integers(0, len(_seeds()) - 1), label=f"seed of {[Path(d.path).name for d in _seeds()]}")
    facts = extract_facts(_mutate(_seeds()[i], data))
    assert not [n for n in facts.notes if " failed: " in str(n) or n.code == "extractor_failed"]


# --- Readers ------------------------------------------------------------------------------
# The readers see bytes from anywhere: Markdown/text with markup, digit runs and table
# syntax, and .docx bodies with merges and declared spans/offsets that may be garbage,
# negative or huge. Any input may be refused with an InputError; nothing else may escape,
# and what is read must survive extraction.
MARKUP_CHARS = st.sampled_from(
    list("#*_`$[]()!<>|\t\n -—~1234567890.%,，。：；得分万元率（）《》、合计满意度执行")
    + ["\u3000", "\u00a0", "\r\n", "<br>", "<table>", "</table>", "<td>", "<tr>", "&amp;", "&#9;", "\\"]
)
MARKUP = st.lists(MARKUP_CHARS, max_size=300).map("".join)


def _read_text_bytes(raw: bytes, fmt: str) -> None:
    from auditor.errors import InputError
    from auditor.readers import check_document
    from auditor.readers.canonical import canonicalize
    from auditor.readers.postprocess import postprocess
    from auditor.readers.text_reader import _Reader, decode

    try:
        text, _ = decode("f." + fmt, raw)
        doc = _Reader("f." + fmt, fmt, text.split("\n")).read()
        doc = postprocess(doc)
        check_document(doc)
        doc = canonicalize(doc)
    except InputError:
        return
    facts = extract_facts(doc)
    assert not [n for n in facts.notes if n.code == "extractor_failed"]


@FUZZ
@given(st.one_of(MARKUP.map(lambda s: s.encode("utf-8")), st.binary(max_size=300)), st.sampled_from(["md", "txt"]))
def test_text_reader_never_raises(raw: bytes, fmt: str) -> None:
    _read_text_bytes(raw, fmt)


_SPAN_VALUES = st.sampled_from(["1", "2", "3", "0", "-1", "abc", "1.5", "", "99999999999", "1e3", " 2 "])


@st.composite
def _docx_body(draw: st.DrawFn) -> str:
    from tests.hostile.make_hostile import _p

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            parts.append(_p(esc(draw(REPORTISH))))
            continue
        rows = []
        for _ in range(draw(st.integers(1, 4))):
            before = draw(st.one_of(st.none(), _SPAN_VALUES))
            tr_pr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before is not None else ""
            cells = []
            for _ in range(draw(st.integers(1, 4))):
                props = ""
                span = draw(st.one_of(st.none(), _SPAN_VALUES))
                if span is not None:
                    props += f'<w:gridSpan w:val="{span}"/>'
                merge = draw(st.sampled_from(["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>", "<w:hMerge/>"]))
                props += merge
                body = _p(esc(draw(REPORTISH)))
                cells.append(f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>")
            rows.append(f"<w:tr>{tr_pr}{''.join(cells)}</w:tr>")
        grid = ""
        if draw(st.booleans()):
            grid = "<w:tblGrid>" + "<w:gridCol/>" * draw(st.integers(1, 5)) + "</w:tblGrid>"
        parts.append(f"<w:tbl>{grid}{''.join(rows)}</w:tbl>")
    return "".join(parts)


@DOC_FUZZ
@given(_docx_body())
def test_docx_reader_never_raises(body: str) -> None:
    import tempfile

    from auditor.errors import InputError
    from auditor.readers import read_document
    from tests.hostile.make_hostile import _docx_with_body

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.docx"
        _docx_with_body(path, body)
        try:
            doc = read_document(str(path))
        except InputError as exc:
            assert exc.reason != "corrupt", exc.message("en")  # a well-formed body is never "corrupt"
            return
    facts = extract_facts(doc)
    assert not [n for n in facts.notes if n.code == "extractor_failed"]
