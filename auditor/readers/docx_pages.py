"""Page numbers of a .docx's paragraphs, as Word last laid the document out.

A .docx holds no page numbers: pages come from layout. When Word saves a document it
marks where each page began (w:lastRenderedPageBreak); with those marks the page of
every paragraph is known as Word showed it. Explicit breaks (w:br w:type="page",
w:pageBreakBefore, a section starting on a new page) are counted too, once: Word may mark
the page they start a second time.

Without Word's marks (a file written by a program, or converted) explicit breaks alone
give only a lower bound — a page that fills up flows onto the next one without a mark:
the shipped draft has 7 explicit breaks and 16 pages in LibreOffice — so no page is
given: a page number is never estimated.
"""

from __future__ import annotations

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P = _W + "p"
_T = _W + "t"
_BR = _W + "br"
_RENDERED = _W + "lastRenderedPageBreak"
_PPR = _W + "pPr"
_SECT = _W + "sectPr"
_OFF = ("0", "false", "off")


def has_rendered_breaks(body: etree._Element) -> bool:
    return next(body.iter(_RENDERED), None) is not None


def paragraph_pages(body: etree._Element) -> dict[etree._Element, int]:
    """The page each w:p starts on (at its first text; an empty paragraph where it
    stands), or {} when the document carries no rendered page breaks."""
    if not has_rendered_breaks(body):
        return {}
    sections = list(body.iter(_SECT))
    pages: dict[etree._Element, int] = {}
    page = 1
    fresh = True  # nothing printed on this page yet since an explicit break started it
    seen_text = False  # anything printed at all (a break before the first text starts no page)
    section = 0
    section_ends = False  # the paragraph before closed a section
    current: etree._Element | None = None
    current_text = False
    for el in body.iter(_P, _T, _BR, _RENDERED):
        tag = el.tag
        if tag == _P:
            if section_ends:
                section_ends = False
                section += 1
                if seen_text and not fresh:
                    kind = _section_start(sections, section)
                    if kind != "continuous":
                        page, fresh = _next_page(page, kind), True
            ppr = el.find(_PPR)
            if ppr is not None:
                before = ppr.find(_W + "pageBreakBefore")
                if before is not None and before.get(_W + "val", "true") not in _OFF and seen_text and not fresh:
                    page, fresh = page + 1, True
                if ppr.find(_SECT) is not None:
                    section_ends = True  # the next paragraph opens the next section
            current, current_text = el, False
            pages[el] = page
        elif tag == _RENDERED:
            if not seen_text:
                continue
            if fresh:
                fresh = False  # Word's own mark of the page an explicit break started
            else:
                page += 1
        elif tag == _BR:
            if el.get(_W + "type") == "page" and seen_text:
                page, fresh = page + 1, True
        elif el.text:
            if current is not None and not current_text:
                pages[current] = page  # a paragraph is on the page of its first text
                current_text = True
            seen_text = True
            fresh = False
    return pages


def _next_page(page: int, kind: str) -> int:
    """The page a section starting with `kind` opens on after `page`: oddPage and
    evenPage skip a page to land on the right parity."""
    nxt = page + 1
    if (kind == "oddPage" and nxt % 2 == 0) or (kind == "evenPage" and nxt % 2 == 1):
        nxt += 1
    return nxt


def _section_start(sections: list[etree._Element], index: int) -> str:
    """How section `index` starts (w:type; nextPage when absent)."""
    if index >= len(sections):
        return "nextPage"
    kind = sections[index].find(_W + "type")
    return "nextPage" if kind is None else kind.get(_W + "val", "nextPage")
