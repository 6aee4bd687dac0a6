"""Shared ways for extractors to walk a Document's text with places attached.

Extractors read sentences (from paragraphs and from cells) and cells; each comes with
the Location to quote back. Keeping this in one place means every extractor splits
sentences the same way and every Quote points at the same kind of span.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.facts import Quote
from auditor.limits import MAX_SENTENCE_CHARS
from auditor.models import Cell, Document, Location, Paragraph, Table

# A sentence ends at 。；; ！？ or a newline. Commas stay inside: "满分20分，得分15分" is one claim.
_SENTENCE_END = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


@dataclass(frozen=True)
class TextUnit:
    """A sentence with its place: the containing block (paragraph or cell) and the span."""

    text: str
    location: Location
    heading: str | None  # nearest heading above, for context ("（一）决策情况分析")
    in_table: bool

    def quote(self) -> Quote:
        return Quote(location=self.location, text=self.text)


def split_sentences(text: str) -> Iterator[tuple[str, int, int]]:
    """(sentence, start, end) of every sentence. A "sentence" longer than
    limits.MAX_SENTENCE_CHARS (hundreds of clauses joined by commas, no full stop) is cut
    at the last comma before the limit: extractors and rules look around each figure
    within its sentence, so an unbounded sentence would make them quadratic."""
    for m in _SENTENCE_END.finditer(text):
        s = m.group(0).strip()
        if s:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            if len(s) <= MAX_SENTENCE_CHARS:
                yield s, start, start + len(s)
            else:
                yield from _cut(text, start, start + len(s))


def _cut(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    while start < end:
        stop = end
        if end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            comma = max(text.rfind(c, start, limit) for c in "，,、 ")
            stop = comma + 1 if comma > start else limit
        piece = text[start:stop]
        s = piece.strip()
        if s:
            lead = len(piece) - len(piece.lstrip())
            yield s, start + lead, start + lead + len(s)
        start = stop


# Several extractors walk the same Document's sentences; splitting them and copying a
# Location for each is repeated work (memoizing saves ~14% of extraction on a 40-page
# report), so the units of the last document walked are kept until that Document is
# garbage-collected or another one is walked (it is not held alive). A document
# edited in place (a paragraph or cell replaced or its text changed) is split again.
# Only for documents of report size: on a 100,000-cell table the kept units would cost
# ~200 MB for a gain that matters only on ordinary reports.
_MEMO_MAX_PIECES = 20_000
_memo: dict[tuple[str, bool], list[TextUnit]] = {}
_memo_doc: list[weakref.ref[Document] | None] = [None]
_memo_print: list[tuple[object, ...]] = [()]


def _fingerprint(doc: Document) -> tuple[object, ...]:
    out: list[object] = [id(doc.blocks)]

    def table(t: Table) -> None:
        out.append(id(t))
        for cell in t.iter_cells():
            out.append(id(cell))
            out.append(cell.text)
            for inner in cell.tables:
                table(inner)

    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out += (id(b), b.text, b.heading_level)
        else:
            table(b)
    return tuple(out)


def _memoized(
    kind: str, walk: Callable[[Document, bool], Iterator[TextUnit]], doc: Document, include_cells: bool
) -> Iterator[TextUnit]:
    pieces = sum(1 if isinstance(b, Paragraph) else b.n_cols * len(b.rows) for b in doc.blocks)
    if pieces > _MEMO_MAX_PIECES:
        return walk(doc, include_cells)
    ref = _memo_doc[0]
    fp = _fingerprint(doc)
    if ref is None or ref() is not doc or _memo_print[0] != fp:
        _memo.clear()
        _memo_doc[0], _memo_print[0] = weakref.ref(doc, lambda _ref: _memo.clear()), fp
    units = _memo.get((kind, include_cells))
    if units is None:
        units = _memo[(kind, include_cells)] = list(walk(doc, include_cells))
    return iter(units)


def iter_sentences(doc: Document, include_cells: bool = True) -> Iterator[TextUnit]:
    """Every sentence of the document in reading order, cells included (nested tables too)."""
    return _memoized("plain", _iter_sentences, doc, include_cells)


def _iter_sentences(doc: Document, include_cells: bool) -> Iterator[TextUnit]:
    heading: str | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.heading_level is not None:
                heading = block.text
            for s, a, b in split_sentences(block.text):
                yield TextUnit(s, block.location.with_span(a, b), heading, False)
        elif include_cells:
            yield from _table_sentences(block, heading)


def _table_sentences(table: Table, heading: str | None) -> Iterator[TextUnit]:
    for cell in table.iter_cells():
        for s, a, b in split_sentences(cell.text):
            yield TextUnit(s, cell.location.with_span(a, b), heading, True)
        for inner in cell.tables:
            yield from _table_sentences(inner, heading)


def cell_quote(cell: Cell) -> Quote:
    return Quote(location=cell.location, text=cell.text)


def paragraph_quote(p: Paragraph) -> Quote:
    return Quote(location=p.location, text=p.text)


def preceding_paragraphs(doc: Document, table: Table, limit: int = 3) -> list[Paragraph]:
    """Up to `limit` non-empty paragraphs just above a top-level table, nearest first:
    where captions, unit notes ("金额单位：万元") and question titles stand."""
    out: list[Paragraph] = []
    idx = table.location.block
    if idx is None:
        return out
    for block in reversed(doc.blocks[:idx]):
        if isinstance(block, Table):
            break
        if block.text.strip():
            out.append(block)
            if len(out) >= limit:
                break
    return out


# A paragraph that stops mid-sentence (a page break in the source, a converter's line
# break) continues in the next one: "…追加资金" / "实际到位 24.36 万元，合计 41.36 万元".
_OPEN_END = re.compile(r"[^。；;！？!?：:）)”」]$")
_MIN_BROKEN_LEN = 30


def _continues(prev: Paragraph, nxt: Paragraph) -> bool:
    t = prev.text.rstrip()
    return (
        prev.heading_level is None
        and nxt.heading_level is None
        and len(t) >= _MIN_BROKEN_LEN
        and _OPEN_END.search(t) is not None
        and bool(nxt.text.strip())
    )


def iter_sentences_joined(doc: Document, include_cells: bool = True) -> Iterator[TextUnit]:
    """Like `iter_sentences`, but a sentence broken across two paragraphs (the first ends
    without sentence punctuation) comes out whole. Its Location is the paragraph where it
    starts, spanning to that paragraph's end."""
    return _memoized("joined", _iter_sentences_joined, doc, include_cells)


def _iter_sentences_joined(doc: Document, include_cells: bool) -> Iterator[TextUnit]:
    heading: str | None = None
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            if include_cells:
                yield from _table_sentences(block, heading)
            i += 1
            continue
        if block.heading_level is not None:
            heading = block.text
        run = [block]
        while i + len(run) < len(blocks):
            nxt = blocks[i + len(run)]
            if not isinstance(nxt, Paragraph) or not _continues(run[-1], nxt):
                break
            run.append(nxt)
        if len(run) == 1:
            for s, a, b in split_sentences(block.text):
                yield TextUnit(s, block.location.with_span(a, b), heading, False)
        else:
            yield from _joined_units(run, heading)
        i += len(run)


def _joined_units(run: list[Paragraph], heading: str | None) -> Iterator[TextUnit]:
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for p in run:
        starts.append(pos)
        parts.append(p.text)
        pos += len(p.text)
    text = "".join(parts)
    for s, a, b in split_sentences(text):
        k = max(j for j, st in enumerate(starts) if st <= a)
        p = run[k]
        local_a = a - starts[k]
        local_b = min(b - starts[k], len(p.text))
        yield TextUnit(s, p.location.with_span(local_a, local_b), heading, False)
