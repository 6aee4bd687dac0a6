"""`--format github`: GitHub Actions workflow commands, one annotation per finding:

    ::error file=reports/draft.docx,title=SCORE004 total-score-agrees::总分…（位置：第60段）

A .docx has no lines: `line=` is given only where the reader knows one (.md/.txt), so
the annotation sits on the file; the place is said in the message. Values are escaped
as the runner expects (%, CR, LF; also ':' and ',' inside properties).
"""

from __future__ import annotations

from auditor.findings import FileResult, finding_title
from auditor.report.arith_text import readable
from auditor.report.grouping import assign_groups, odd_place

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
AT = {"zh": "（位置：{where}）", "en": " (at {where})"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], lang: str = "zh") -> str:
    lines: list[str] = []
    groups = assign_groups(results)
    for r in results:
        if r.error:
            lines.append(f"::error file={escape_property(r.path)}::{escape_data(r.error)}")
            continue
        for g in groups[r.path]:
            for f in g.findings:
                place = odd_place(f, g)
                props = [f"file={escape_property(r.path)}"]
                if place and place.location.line:
                    props.append(f"line={place.location.line}")
                props.append(f"title={escape_property(f'{f.rule_id} {finding_title(f, lang)}')}")
                message = readable(f.message_en if lang == "en" else f.message_zh, lang)
                if place:
                    message += AT["en" if lang == "en" else "zh"].format(where=place.location.describe(lang))
                lines.append(f"::{LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "\n".join(lines)
