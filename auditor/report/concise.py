"""`--format concise`: one line per finding, `path:place: ID message`, for grep and CI logs.

The place is the finding's odd place (its slip, or the place that differs); the others
are left to the full report. Findings come in the order of the text report (by slip).
"""

from __future__ import annotations

from auditor.findings import FileResult
from auditor.names import show_name
from auditor.report.arith_text import readable
from auditor.report.grouping import assign_groups, odd_place
from auditor.report.text import safe, summary_line


def render_concise(results: list[FileResult], lang: str = "zh", quiet: bool = False) -> str:
    lines: list[str] = []
    groups = assign_groups(results)
    for r in results:
        if r.error:
            continue
        for g in groups[r.path]:
            for f in g.findings:
                place = odd_place(f, g)
                where = place.location.describe(lang) if place else ""
                message = safe(readable(f.message_en if lang == "en" else f.message_zh, lang))
                lines.append(f"{show_name(r.path)}:{where}: {f.rule_id} {message}")
    if not quiet:
        for r in results:
            if not r.error:
                lines.append(f"{show_name(r.path)}: {summary_line(r.findings, r.coverage, lang)}")  # type: ignore[arg-type]
    return "\n".join(lines)
