"""`--format html`: one self-contained page (no network) for a batch of reports.

The run's totals; a summary table with the same columns as the workbook
(auditor/report/summary_rows.py: project, unit, firm, year, scores, money, slips,
errors and warnings apart, claims checked, a flag when nothing could be checked),
sortable by clicking a header, every row with the same cells so sorting works with
unreadable files present; then, per report, its findings one slip at a time (the lead,
then the findings involving the same place), with the quoted places and the figure
marked in each quote. Every text from a report is HTML-escaped: reports come from outside.
"""

from __future__ import annotations

import datetime as _dt
import os
from decimal import Decimal
from html import escape
from pathlib import Path

from auditor import __version__
from auditor.findings import FileResult, Finding, finding_title
from auditor.i18n import t
from auditor.names import show_name
from auditor.report.arith_text import readable
from auditor.report.grouping import Group, assign_groups
from auditor.report.roles import role_label
from auditor.report.summary_rows import COLUMNS, summary_row
from auditor.report.text import _find_figure, display_text

_TEXT = {
    "zh": {
        "title": "预算绩效评价报告一致性核查",
        "unreadable": "无法读取", "none": "未发现问题", "nothing": "没有找到可核对的数据（不等于没有问题）",
        "expected": "应为", "found": "实为",
        "summary": "汇总", "details": "明细", "sort": "点击表头排序",
        "totals": "{files} 份报告：{findings} 个问题（{slips} 处疑点；错误 {errors}，警告 {warnings}），"
                  "{with_errors} 份有错误，{nothing} 份没有可核对的数据，{unreadable} 份无法读取",
        "same_place": "涉及同一处的其他问题：",
        "slip": "疑点：{where}的 {figure}",
        "error": "错误", "warning": "警告", "info": "提示",
        "generated": "生成于 {when}", "open": "打开文件",
    },
    "en": {
        "title": "Evaluation report consistency check",
        "unreadable": "unreadable", "none": "no findings", "nothing": "nothing checkable found (not the same as clean)",
        "expected": "expected", "found": "found",
        "summary": "Summary", "details": "Details", "sort": "click a header to sort",
        "totals": "{files} reports: {findings} findings ({slips} slips; {errors} errors, {warnings} warnings), "
                  "{with_errors} with errors, {nothing} with nothing checkable, {unreadable} unreadable",
        "same_place": "other findings involving the same place:",
        "slip": "slip: {figure} at {where}",
        "error": "error", "warning": "warning", "info": "note",
        "generated": "generated {when}", "open": "open the file",
    },
}

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left}
th{background:#eef;cursor:pointer}td.num{text-align:right}.error{color:#b00}.warning{color:#a60}
.info{color:#06a}.finding{margin:.6em 0 .6em 1em}.place{margin-left:2em;color:#444;font-size:90%}
.same{margin-left:2em}.slip{font-weight:bold;margin:1em 0 .2em}.sub{color:#555;margin-left:1em;font-size:90%}
.chart text{fill:#333}a.open{text-decoration:none;font-size:90%}.bad{background:#fee}.nothing{background:#fff6d5}h2{border-bottom:1px solid #ccc}mark{background:#ffe08a}
"""

# Every row has every cell; a missing one would sort as blank rather than throw.
_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    function key(r){ var c = r.cells[col]; return c ? (c.dataset.v || c.textContent) : ''; }
    rows.sort(function(a, b){
      var x = key(a), y = key(b);
      if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);  /* blanks last either way */
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def _quote(text: str, figure: str | None) -> str:
    """The quote escaped, its figure in <mark>; long quotes cut to 200 characters around it."""
    text = display_text(text)
    span = _find_figure(text, figure)
    if len(text) > 200:
        lo = max(0, (span[0] if span else 0) - 80)
        text = ("…" if lo else "") + text[lo : lo + 200] + ("…" if lo + 200 < len(text) else "")
        span = _find_figure(text, figure)
    if not span:
        return escape(text)
    s, e = span
    return f"{escape(text[:s])}<mark>{escape(text[s:e])}</mark>{escape(text[e:])}"


def _finding_html(f: Finding, lang: str, tx: dict[str, str], rule: bool) -> str:
    msg = readable(f.message_en if lang == "en" else f.message_zh, lang)
    label = tx.get(f.severity, f.severity)
    parts = [f'<div class="finding"><span class="{escape(f.severity)}">{escape(label)} {escape(f.rule_id)}</span> '
             + (f"{escape(finding_title(f, lang))}：" if rule and lang != "en" else f"{escape(finding_title(f, lang))}: " if rule else "")
             + escape(msg)]
    if f.expected:
        parts.append(f"<div class=\"place\">{tx['expected']}: {escape(readable(f.expected, lang, aside=False))}</div>")
    if f.found:
        parts.append(f"<div class=\"place\">{tx['found']}: {escape(readable(f.found, lang, aside=False))}</div>")
    for p in f.places:
        role = f" ({escape(role_label(p.role, lang))})" if p.role else ""
        parts.append(f'<div class="place">@ {escape(p.location.describe(lang))}{role}: “{_quote(p.quote, p.figure)}”</div>')
    parts.append("</div>")
    return "".join(parts)


def _group_html(g: Group, lang: str, tx: dict[str, str]) -> str:
    out = []
    if g.slip is not None and g.slip.figure:
        text = tx["slip"].format(where=g.slip.location.describe(lang), figure=g.slip.figure)
        out.append(f'<div class="slip {escape(g.severity)}">{escape(text)}</div>')
    out.append(_finding_html(g.lead, lang, tx, rule=False))
    if g.consequences:
        out.append(f'<div class="same"><div class="sub">{tx["same_place"]}</div>')
        out.extend(_finding_html(f, lang, tx, rule=True) for f in g.consequences)
        out.append("</div>")
    return "".join(out)


FAMILY_ZH = {
    "SCORE": "得分", "MONEY": "金额", "RATE": "比率", "COUNT": "个数", "DATE": "日期", "DED": "扣分",
    "SELF": "自评", "SURVEY": "问卷", "GRADE": "等级", "TARGET": "目标", "STATUS": "完成情况",
    "TABLE": "表格公式",
}


def _chart(results: list[FileResult], lang: str) -> str:
    """Findings by rule family as an inline SVG bar chart (no script, no network)."""
    counts: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            family = f.rule_id.rstrip("0123456789")
            counts[family] = counts.get(family, 0) + 1
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = rows[0][1]
    bar_h, label_w, width = 22, 150, 360
    parts = []
    for i, (family, n) in enumerate(rows):
        y = i * bar_h
        label = family if lang == "en" else f"{FAMILY_ZH.get(family, family)} {family}"
        w = max(2, round(width * n / top))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar_h - 6}" fill="#c66"/>'
            f'<text x="{label_w + w + 4}" y="{y + 15}">{n}</text>'
        )
    height = bar_h * len(rows)
    return (f'<svg class="chart" width="{label_w + width + 40}" height="{height}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" font-size="12">{"".join(parts)}</svg>')


def _cell(value: object) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return f'<td class="num" data-v="{value}">{value}</td>'
    return f"<td>{escape(str(value))}</td>"


def _run_date() -> _dt.datetime:
    """Today, or SOURCE_DATE_EPOCH when set (reproducible builds' convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC)
    return _dt.datetime.now()


def _profiles(results: list[FileResult], lang: str) -> str:
    """' · 评分方案 sichuan': the profiles the files ran under, so the page says which
    thresholds and bands its warnings stand on."""
    names = sorted({show_name(r.profile) for r in results if r.profile})
    return f" · {escape(t('report.profiles', lang, profiles='、'.join(names)))}" if names else ""  # type: ignore[arg-type]


def render_html(results: list[FileResult], lang: str = "zh", now: _dt.datetime | None = None) -> str:
    tx = _TEXT["en" if lang == "en" else "zh"]
    groups = assign_groups(results)
    head = "".join(f"<th>{escape(c.title(lang))}</th>" for c in COLUMNS)
    rows = []
    summaries = []
    for i, r in enumerate(results):
        row = summary_row(r, lang)
        summaries.append(row)
        link = f' <a class="open" href="{escape(Path(r.path).as_posix())}" title="{tx["open"]}">↗</a>'
        cells = [f'<td><a href="#r{i}">{escape(r.path)}</a>{link}</td>', *(_cell(row[c.key]) for c in COLUMNS[1:])]
        css = ' class="bad"' if r.error else ' class="nothing"' if not r.coverage.checked else ""
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    details = []
    for i, r in enumerate(results):
        details.append(f'<h3 id="r{i}">{escape(r.path)}</h3>')
        if r.error:
            details.append(f'<p class="error">{tx["unreadable"]}: {escape(r.error)}</p>')
        elif not r.coverage.checked:
            details.append(f'<p class="warning">{tx["nothing"]}</p>')
        elif not r.findings:
            details.append(f"<p>{tx['none']}</p>")
        else:
            details.extend(_group_html(g, lang, tx) for g in groups[r.path])
    readable = [r for r in results if not r.error]
    totals = tx["totals"].format(
        files=len(results),
        findings=sum(len(r.findings) for r in readable),
        slips=sum(len(gs) for gs in groups.values()),
        errors=sum(1 for r in readable for f in r.findings if f.severity == "error"),
        warnings=sum(1 for r in readable for f in r.findings if f.severity == "warning"),
        with_errors=sum(1 for r in readable if any(f.severity == "error" for f in r.findings)),
        nothing=sum(1 for r in readable if not r.coverage.checked),
        unreadable=len(results) - len(readable),
    )
    when = (now or _run_date()).strftime("%Y-%m-%d")
    return (
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{tx['title']}</title><style>{_CSS}</style></head><body>"
        f"<h1>{tx['title']}</h1><p>{escape(totals)}</p>"
        f"<p class=\"sub\">auditor {__version__} · {escape(tx['generated'].format(when=when))}{_profiles(results, lang)}"
        f" · {tx['sort']}</p>"
        f"{_chart(results, lang)}"
        f"<h2>{tx['summary']}</h2><table class=\"sortable\" id=\"summary\"><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<h2>{tx['details']}</h2>{''.join(details)}<script>{_JS}</script></body></html>"
    )
