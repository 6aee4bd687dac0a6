"""Reviewers' text output: per file, findings grouped by rule, each with its places and
its arithmetic; one summary line closes the run.

draft.docx: 2 findings (2 errors); 143 claims checked, 9 not checkable
error   SCORE003 first-level-total — 1 finding
  1. The indicator scores add up to 15+18+30+21.94 = 84.94, but the total reads 89.94
     expected: 15+18+30+21.94 = 84.94
        found: 89.94
     @ table 3 row 5 col 2 (total): 合计 100 89.94
     @ table 3 row 1 col 2 (part): 15
error   SCORE005 section-score-vs-table — 1 finding
  1. …

draft.docx: 2 findings (2 errors); 143 claims checked, 9 not checkable

Groups run from the most severe rule to the least, then by rule id; findings within a
group keep document order. Colour (severity, bold rule ids, the figure in its quote) is
the caller's choice: `color=True` only for a terminal without NO_COLOR, or when forced.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

import click

from auditor.findings import Coverage, FileResult, Finding, Place, finding_title
from auditor.i18n import Lang, t
from auditor.names import show_name
from auditor.profiles import DEFAULT_PROFILE
from auditor.report.arith_text import readable
from auditor.report.grouping import Group, group_findings, slip_count
from auditor.report.roles import role_label

QUOTE_WIDTH = 80  # terminal columns for one quote; a CJK character takes two
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}



def summary_line(findings: list[Finding], coverage: Coverage, lang: Lang = "zh") -> str:
    """'12 findings (3 errors, 9 warnings); 143 claims checked, 9 not checkable'."""
    counts = Counter(f.severity for f in findings)
    if not findings and not coverage.checked:  # nothing checked is never "no findings"
        if coverage.not_checkable:
            return t("report.nothing_checked_some", lang, not_checkable=coverage.not_checkable)
        return t("summary.nothing", lang)
    if findings:
        parts = ("，" if lang == "zh" else ", ").join(
            t(f"report.severity.{sev}", lang, n=counts[sev], s="" if counts[sev] == 1 else "s")
            for sev in ("error", "warning", "info")
            if counts[sev]
        )
        key = "report.one_finding" if len(findings) == 1 else "report.findings"
        head = t(key, lang, n=len(findings), parts=parts)
        slips = len(group_findings(findings))
        if slips < len(findings):  # several findings share a slip: say how many places to fix
            head += t("report.slips", lang, n=slips, s="" if slips == 1 else "s")
    else:
        head = t("report.no_findings", lang)
    line = t("report.summary", lang, findings=head, checked=coverage.checked, not_checkable=coverage.not_checkable)
    n = coverage.tables_not_understood
    return line + (t("report.tables_not_understood", lang, n=n, s="" if n == 1 else "s") if n else "")


# ------------------------------------------------------------------ quotes for display

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SENTENCE_END = "。；！？;!?"
_CLAUSE_END = "，、：,:"


def safe(text: str) -> str:
    """Text from a report made harmless for a terminal: whitespace collapsed, control
    characters (an ESC could restyle or clear the reviewer's screen) shown as '�'."""
    one = " ".join(text.split())
    return "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in one)


def display_text(quote: str) -> str:
    """The quote as a reader sees it: HTML tags that leak from some .docx cells
    ('<p>…</p>') and their entities removed, whitespace collapsed, no control characters.
    Display only: the finding keeps the quote as read."""
    if _TAG.search(quote):
        quote = html.unescape(_TAG.sub(" ", quote))
    return safe(quote)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _find_figure(text: str, figure: str | None) -> tuple[int, int] | None:
    """Span of the figure in the text, not inside a longer number ('24' is not the 24 of
    '2024'); spaces inside the figure may differ ('2024 年 6 月' vs '2024年6月')."""
    compact = "".join((figure or "").split())
    if not compact:
        return None
    body = r"\s*".join(re.escape(ch) for ch in compact)
    lead = r"(?<![\d.])" if compact[0].isdigit() else ""
    tail = r"(?![\d])" if compact[-1].isdigit() else ""
    m = re.search(lead + body + tail, text)
    return (m.start(), m.end()) if m else None


def _bounds(text: str) -> list[int]:
    """Positions just after a clause or sentence mark (not the ',' of '243,550' or the ':'
    of '10:30'), with both ends of the text."""
    out = [0]
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END or ch in _CLAUSE_END:
            if ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            out.append(i + 1)
    return sorted({*out, len(text)})


def _char_window(text: str, s: int, e: int, room: int) -> tuple[int, int]:
    """Character window of at most `room` columns around text[s:e], about two fifths of
    the spare room before it (all of it after when s == e == 0)."""
    used = _width(text[s:e])
    lo, before = s, (room - used) * 2 // 5
    while lo > 0 and _width(text[lo - 1]) <= before:
        lo -= 1
        before -= _width(text[lo])
        used += _width(text[lo])
    hi = e
    while hi < len(text) and used + _width(text[hi]) <= room:
        used += _width(text[hi])
        hi += 1
    while hi == len(text) and lo > 0 and used + _width(text[lo - 1]) <= room:
        lo -= 1
        used += _width(text[lo])
    return lo, hi


def _clause_window(text: str, lo: int, hi: int, room: int) -> tuple[int, int]:
    """Widen text[lo:hi] clause by clause while it fits in `room` columns: back to the
    start of its sentence, on to the end of that sentence, then onwards, then back."""
    bounds = _bounds(text)
    starts = [b for b in bounds if b == 0 or text[b - 1] in _SENTENCE_END]
    sentence_start = max(b for b in starts if b <= lo)
    for b in reversed([b for b in bounds if sentence_start <= b < lo]):
        if _width(text[b:hi]) > room:
            break
        lo = b
    for direction in ("sentence", "on", "back"):
        candidates = [b for b in bounds if b < lo][::-1] if direction == "back" else [b for b in bounds if b > hi]
        for b in candidates:
            if _width(text[min(lo, b) : max(hi, b)]) > room:
                break
            lo, hi = min(lo, b), max(hi, b)
            if direction == "sentence" and text[hi - 1] in _SENTENCE_END:
                break
    return lo, hi


def trim_quote(text: str, figure: str | None = None, width: int = QUOTE_WIDTH) -> tuple[str, tuple[int, int] | None]:
    """A quote short enough for one terminal line, kept around its figure and cut at clause
    marks (see _clause_window); '…' where text was cut. A clause wider than the line is cut
    around the figure instead. Returns the text and the figure's span in it."""
    span = _find_figure(text, figure)
    if _width(text) <= width:
        return text, span
    room = width - 2  # an ellipsis at each end at most
    s, e = span if span else (0, 0)
    bounds = _bounds(text)
    lo = max(b for b in bounds if b <= s)
    hi = min(b for b in bounds if b >= e and b > lo)
    if _width(text[lo:hi]) > room:
        lo, hi = _char_window(text, s, e, room)
    else:
        lo, hi = _clause_window(text, lo, hi, room)
    while lo < s and (text[lo].isspace() or text[lo] in _CLAUSE_END):
        lo += 1
    body = text[lo:hi].rstrip()
    if hi < len(text):
        body = body.rstrip(_CLAUSE_END) + "…"
    head = "…" if lo > 0 else ""
    shift = len(head) - lo
    return head + body, ((s + shift, e + shift) if span else None)


# ------------------------------------------------------------------ findings and groups


class _Style:
    """click.style when colour is on, plain text otherwise."""

    def __init__(self, color: bool, verbose: bool = False) -> None:
        self.color = color
        self.verbose = verbose  # messages as the rules wrote them, rounding intervals included

    def arith(self, text: str | None, lang: Lang, aside: bool = True) -> str:
        return text or "" if self.verbose else readable(text, lang, aside)

    def __call__(self, text: str, **styles: object) -> str:
        return click.style(text, **styles) if self.color else text  # type: ignore[arg-type]


def _label(severity: str, lang: Lang, style: _Style, pad: bool = True) -> str:
    label = t(f"report.label.{severity}", lang)
    fill = " " * max(8 - _width(label), 1) if pad else ""
    return style(label, fg=SEVERITY_COLOURS.get(severity), bold=True if severity == "error" else None) + fill


def _place_line(p: Place, lang: Lang, style: _Style) -> str:
    label = safe(role_label(p.role, lang)) if p.role else ""
    role = "" if not label else f" ({label})" if lang == "en" else f"（{label}）"
    text = display_text(p.quote)
    if not text:
        shown = t("report.no_quote", lang)
    else:
        shown, span = trim_quote(text, p.figure)
        if span and style.color:
            s, e = span
            shown = shown[:s] + style(shown[s:e], bold=True, underline=True) + shown[e:]
    return t("report.place_line", lang, where=p.location.describe(lang), role=role, quote=shown)


def _arithmetic(f: Finding, lang: Lang, style: _Style) -> list[str]:
    """'expected: 15 + 18 + 30 + 21.94 = 84.94' over 'found: 89.94', labels right-aligned."""
    rows = [
        (t("report.expected", lang), style.arith(f.expected, lang, aside=False)),
        (t("report.found", lang), style.arith(f.found, lang, aside=False)),
    ]
    rows = [(label, value) for label, value in rows if value]
    width = max((_width(label) for label, _ in rows), default=0)
    return [
        " " * (width - _width(label)) + t("report.arith_line", lang, label=label, value=safe(value))
        for label, value in rows
    ]


def _finding_lines(f: Finding, number: str, lead_severity: str, tags: list[str], lang: Lang,
                   style: _Style, rule: bool) -> list[str]:
    """'  2. [severity] [RULE name：]message [tags]', its arithmetic, its places."""
    pad = " " * (2 + len(number))
    extra = ""
    if f.severity != lead_severity:
        extra += _label(f.severity, lang, style, pad=False) + " "
    if rule:
        extra += f"{style(f.rule_id, bold=True)} {finding_title(f, lang)}{t('report.colon', lang)}"
    message = safe(style.arith(f.message_en if lang == "en" else f.message_zh, lang))
    own = f" [{', '.join(f.tags)}]" if f.tags and f.tags != tags else ""
    lines = [f"  {number}{extra}{message}{own}"]
    lines += [pad + line for line in _arithmetic(f, lang, style)]
    lines += [pad + _place_line(p, lang, style) for p in f.places]
    return lines


def render_group(group: Group, lang: Lang = "zh", color: bool = False, verbose: bool = False) -> list[str]:
    """One slip: a header (severity, the lead's rule id, name and tags, the slip's place
    and figure when known, the count), the lead finding, then the findings that follow
    from the same place, each naming its rule."""
    style = _Style(color, verbose)
    lead = group.lead
    severity = group.severity
    tags = sorted(lead.tags)
    shown_tags = f" [{', '.join(tags)}]" if tags else ""
    n = len(group.findings)
    count = t("report.group_count", lang, n=n, s="" if n == 1 else "s")
    if group.slip is not None and group.slip.figure:
        where = group.slip.location.describe(lang)
        count = t("report.slip_head", lang, where=where, figure=safe(group.slip.figure), count=count)
    lines = [f"{_label(severity, lang, style)}{style(lead.rule_id, bold=True)} {finding_title(lead, lang)}{shown_tags} — {count}"]
    lines += _finding_lines(lead, "1. ", severity, tags, lang, style, rule=False)
    if group.consequences:
        lines.append("  " + t("report.consequences", lang))
    for i, f in enumerate(group.consequences, 2):
        lines += _finding_lines(f, f"{i}. ", severity, tags, lang, style, rule=True)
    return lines


def render_finding(f: Finding, lang: Lang = "zh", color: bool = False) -> list[str]:
    """One finding on its own, as a group of one."""
    return render_group(Group([f]), lang, color)


def render_result(
    result: FileResult, lang: Lang = "zh", color: bool = False, closing: bool = False, verbose: bool = False
) -> list[str]:
    """'path: summary', the rule groups; with `closing`, the summary again as the last line
    (a single report's run ends on its summary, as a batch ends on its total)."""
    if result.error:
        return [result.error]
    head = f"{_path(result.path, color)}: {summary_line(result.findings, result.coverage, lang)}{profile_note(result, lang)}"
    lines = [head]
    for group in group_findings(result.findings):
        lines += render_group(group, lang, color, verbose)
    if closing and result.findings:
        lines += ["", head]
    return lines


def profile_note(result: FileResult, lang: Lang = "zh") -> str:
    """Names the profile when it is not the default one, so a report read later says
    which thresholds and bands its warnings stand on."""
    if not result.profile or result.profile == DEFAULT_PROFILE:
        return ""
    return t("report.profile", lang, profile=show_name(result.profile))


def _path(path: str, color: bool) -> str:
    return _Style(color)(show_name(path), bold=True)


def render_results(
    results: list[FileResult], lang: Lang = "zh", color: bool = False, quiet: bool = False, verbose: bool = False
) -> list[str]:
    """Per-file blocks for readable files (unreadable ones are reported on stderr by the
    caller) and one closing summary line: the file's own for a single report, the total
    over every file for a batch. `quiet`: files with findings only, no closing line."""
    lines: list[str] = []
    batch = len(results) > 1
    apart = False  # a block with findings stands apart from its neighbours by a blank line
    for r in results:
        if r.error or (quiet and not r.findings):
            continue
        block = render_result(r, lang, color, closing=not batch and not quiet, verbose=verbose)
        if lines and (apart or len(block) > 1):
            lines.append("")
        lines += block
        apart = len(block) > 1
    if batch and not quiet:
        if apart:
            lines.append("")
        lines.append(
            t(
                "report.total",
                lang,
                files=len(results),
                findings=sum(len(r.findings) for r in results),
                slips=slip_count(results),
                unreadable=sum(1 for r in results if r.error),
                checked=sum(r.coverage.checked for r in results),
                not_checkable=sum(r.coverage.not_checkable for r in results),
            )
        )
        nothing = sum(1 for r in results if r.status == "nothing_checkable")
        if nothing:
            lines[-1] += t("report.total_nothing", lang, n=nothing)
    return lines
