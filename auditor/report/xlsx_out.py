"""`--format xlsx --output 汇总.xlsx`: a workbook for bureaus, who work in Excel.

Sheet 1 (汇总 / summary): one row per report (auditor/report/summary_rows.py columns).
Sheet 2 (问题 / findings): one row per finding with its rule, severity, message and
places. Both sheets have an autofilter and a frozen header row. Returns bytes so the
caller writes the file in one go; a workbook is never written to a terminal.
"""

from __future__ import annotations

import io
from decimal import Decimal

from auditor.findings import FileResult
from auditor.report.summary_rows import COLUMNS, finding_rows, summary_row

FINDING_COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    # key, zh, en, width
    ("file", "报告文件", "file", 36),
    ("slip", "疑点序号", "slip no.", 9),
    ("role", "角色", "role", 12),
    ("rule", "规则", "rule", 11),
    ("name", "规则名称", "rule name", 28),
    ("severity", "级别", "severity", 9),
    ("message", "问题", "message", 70),
    ("expected", "应为", "expected", 28),
    ("found", "实为", "found", 20),
    ("places", "位置", "places", 40),
)
SHEETS = {"zh": ("汇总", "问题"), "en": ("summary", "findings")}
ROLE = {"zh": {"lead": "疑点", "consequence": "同一处"}, "en": {"lead": "slip", "consequence": "same place"}}
SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}, "en": {}}


def _cell(value: object) -> object:
    """Decimals as numbers (Excel sorts and sums them), None as blank."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def render_xlsx(results: list[FileResult], lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    en = lang == "en"
    wb = Workbook()
    summary = wb.active
    summary.title, findings_title = SHEETS["en" if en else "zh"]
    summary.append([c.title(lang) for c in COLUMNS])
    for r in results:
        row = summary_row(r, lang)
        summary.append([_cell(row[c.key]) for c in COLUMNS])
    for i, c in enumerate(COLUMNS, 1):
        summary.column_dimensions[get_column_letter(i)].width = 12 if c.numeric else (36 if c.key == "file" else 20)

    sheet = wb.create_sheet(findings_title)
    sheet.append([en_title if en else zh for _, zh, en_title, _ in FINDING_COLUMNS])
    role = ROLE["en" if en else "zh"]
    severity = SEVERITY["en" if en else "zh"]
    for f in finding_rows(results, lang):
        f = {**f, "role": role.get(str(f["role"]), f["role"]), "severity": severity.get(str(f["severity"]), f["severity"])}
        sheet.append([f[key] for key, *_ in FINDING_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (key, _, _, width) in enumerate(FINDING_COLUMNS, 1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = width
        if key in ("message", "places", "expected", "found"):
            for cell in sheet[letter][1:]:
                cell.alignment = wrap

    for ws in (summary, sheet):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
