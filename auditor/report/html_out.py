"""`--format html`: one self-contained page (no network) for a batch of reports.

A summary table (score, grade, self score, findings per rule family; sortable by clicking
a header) and, per report, its findings with the quoted places. Every text from a
report is HTML-escaped: reports come from outside.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from auditor import __version__
from auditor.findings import FileResult, Finding

FAMILY = re.compile(r"^[A-Z]+")

_TEXT = {
    "zh": {
        "title": "预算绩效评价报告一致性核查",
        "file": "报告", "score": "评价得分", "grade": "等级", "self": "自评得分", "self_grade": "自评等级",
        "findings": "问题数", "errors": "错误", "checked": "已核对", "unchecked": "无法核对",
        "unreadable": "无法读取", "none": "未发现问题", "expected": "应为", "found": "实为",
        "summary": "汇总", "details": "明细", "sort": "点击表头排序",
    },
    "en": {
        "title": "Evaluation report consistency check",
        "file": "report", "score": "score", "grade": "grade", "self": "self score", "self_grade": "self grade",
        "findings": "findings", "errors": "errors", "checked": "checked", "unchecked": "not checkable",
        "unreadable": "unreadable", "none": "no findings", "expected": "expected", "found": "found",
        "summary": "Summary", "details": "Details", "sort": "click a header to sort",
    },
}

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left}
th{background:#eef;cursor:pointer}td.num{text-align:right}.error{color:#b00}.warning{color:#a60}
.info{color:#06a}.finding{margin:.6em 0 .6em 1em}.place{margin-left:2em;color:#444;font-size:90%}
.bad{background:#fee}h2{border-bottom:1px solid #ccc}
"""

_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.v || a.cells[col].textContent,
          y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def _families(results: list[FileResult]) -> list[str]:
    fams = {FAMILY.match(f.rule_id).group(0) for r in results for f in r.findings if FAMILY.match(f.rule_id)}
    return sorted(fams)


def _finding_html(f: Finding, lang: str, tx: dict[str, str]) -> str:
    msg = f.message_en if lang == "en" else f.message_zh
    parts = [f'<div class="finding"><span class="{f.severity}">[{escape(f.severity)}] {escape(f.rule_id)}</span> '
             f"{escape(msg)}"]
    if f.expected:
        parts.append(f"<div class=\"place\">{tx['expected']}: {escape(f.expected)}</div>")
    if f.found:
        parts.append(f"<div class=\"place\">{tx['found']}: {escape(f.found)}</div>")
    for p in f.places:
        parts.append(f'<div class="place">@ {escape(p.location.describe(lang))}: “{escape(p.quote[:200])}”</div>')
    parts.append("</div>")
    return "".join(parts)


def render_html(results: list[FileResult], lang: str = "zh") -> str:
    tx = _TEXT["en" if lang == "en" else "zh"]
    fams = _families(results)
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in [tx["file"], tx["score"], tx["grade"], tx["self"], tx["self_grade"], tx["findings"],
                  tx["errors"], *fams, tx["checked"], tx["unchecked"]]
    )
    rows = []
    for i, r in enumerate(results):
        name = f'<a href="#r{i}">{escape(r.path)}</a>'
        if r.error:
            rows.append(f'<tr class="bad"><td>{name}</td><td colspan="{8 + len(fams)}">'
                        f"{tx['unreadable']}: {escape(r.error)}</td></tr>")
            continue
        s = r.summary
        fam_counts = Counter(FAMILY.match(f.rule_id).group(0) for f in r.findings if FAMILY.match(f.rule_id))
        cells = [
            name,
            escape(str(s.get("total_score") or "")),
            escape(str(s.get("grade") or "")),
            escape(str(s.get("self_score") or "")),
            escape(str(s.get("self_grade") or "")),
            str(len(r.findings)),
            str(sum(1 for f in r.findings if f.severity == "error")),
            *(str(fam_counts.get(fam, 0)) for fam in fams),
            str(r.coverage.checked),
            str(r.coverage.not_checkable),
        ]
        rows.append("<tr>" + "".join(
            f'<td class="num">{c}</td>' if c.replace(".", "", 1).isdigit() else f"<td>{c}</td>" for c in cells
        ) + "</tr>")
    details = []
    for i, r in enumerate(results):
        details.append(f'<h3 id="r{i}">{escape(r.path)}</h3>')
        if r.error:
            details.append(f'<p class="error">{escape(r.error)}</p>')
        elif not r.findings:
            details.append(f"<p>{tx['none']}</p>")
        else:
            details.extend(_finding_html(f, lang, tx) for f in r.findings)
    return (
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{tx['title']}</title><style>{_CSS}</style></head><body>"
        f"<h1>{tx['title']}</h1><p>auditor {__version__} · {len(results)} · {tx['sort']}</p>"
        f"<h2>{tx['summary']}</h2><table class=\"sortable\" id=\"summary\"><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<h2>{tx['details']}</h2>{''.join(details)}<script>{_JS}</script></body></html>"
    )
