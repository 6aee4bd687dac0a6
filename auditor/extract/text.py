"""Shared ways for extractors to walk a Document's text with places attached.

Extractors read sentences (from paragraphs and from cells) and cells; each comes with
the Location to quote back. Keeping this in one place means every extractor splits
sentences the same way and every Quote points at the same kind of span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.facts import Quote
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
    for m in _SENTENCE_END.finditer(text):
        s = m.group(0).strip()
        if s:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            yield s, start, start + len(s)


def iter_sentences(doc: Document, include_cells: bool = True) -> Iterator[TextUnit]:
    """Every sentence of the document in reading order, cells included (nested tables too)."""
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
