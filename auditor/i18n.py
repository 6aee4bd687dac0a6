"""User-facing message catalogue: Chinese by default, English with --lang en.

Messages are looked up by key and formatted with keyword arguments. A missing key
falls back to the key itself so a typo shows up instead of crashing a run.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

MESSAGES: dict[str, dict[str, str]] = {
    # input errors: {path} is always given
    "input.not_found": {"zh": "文件不存在", "en": "file not found"},
    "input.broken_symlink": {"zh": "符号链接指向的文件不存在", "en": "broken symbolic link"},
    "input.is_directory": {"zh": "这是一个文件夹，不是文件", "en": "is a folder, not a file"},
    "input.permission": {"zh": "没有读取权限", "en": "permission denied"},
    "input.not_regular": {"zh": "不是普通文件", "en": "not a regular file"},
    "input.empty": {"zh": "文件为空", "en": "file is empty"},
    "input.too_large": {
        "zh": "文件过大（{size}，上限 {limit}）",
        "en": "file too large ({size}, limit {limit})",
    },
    "input.unknown_format": {
        "zh": "不支持的文件类型“{ext}”（支持 .docx .xlsx .pdf .md .txt，装有 LibreOffice 时也支持 .doc .wps .xls .et）",
        "en": "unsupported file type '{ext}' (supported: .docx .xlsx .pdf .md .txt; .doc .wps .xls .et with LibreOffice)",
    },
    "input.wrong_content": {
        "zh": "扩展名为 {ext}，但内容不是该格式（看起来是 {actual}）",
        "en": "extension is {ext} but the content is not (looks like {actual})",
    },
    "input.not_a_zip": {
        "zh": "不是有效的 .docx 文件（不是 zip 压缩包，可能已损坏）",
        "en": "not a valid .docx (not a zip archive; the file may be corrupt)",
    },
    "input.no_document_part": {
        "zh": "不是 Word 文档：压缩包中没有 word/document.xml",
        "en": "not a Word document: the archive has no word/document.xml",
    },
    "input.zip_bomb": {
        "zh": "压缩包可疑（解压后 {size}，压缩比 {ratio}:1），拒绝读取",
        "en": "suspicious archive (inflates to {size}, ratio {ratio}:1); refused",
    },
    "input.hostile_xml": {
        "zh": "文档 XML 含有实体声明（DTD），拒绝读取",
        "en": "document XML declares entities (DTD); refused",
    },
    "input.corrupt": {"zh": "文件已损坏，无法读取：{detail}", "en": "corrupt file, cannot be read: {detail}"},
    "input.encrypted": {"zh": "文件已加密，请先解除密码保护", "en": "file is encrypted; remove the password first"},
    "input.too_deep": {
        "zh": "文档结构嵌套过深（超过 {limit} 层，如表格层层嵌套），无法读取",
        "en": "document structure is nested too deeply (over {limit} levels, e.g. tables inside tables); cannot be read",
    },
    "input.legacy_needs_office": {
        "zh": "旧版 Word 格式（{ext}）需要 LibreOffice 转换：请另存为 .docx，或安装 LibreOffice（soffice）",
        "en": "legacy Word format ({ext}) needs LibreOffice to convert it: save it as .docx, or install LibreOffice (soffice)",
    },
    "input.conversion_failed": {
        "zh": "无法用 LibreOffice 转换旧版 Word 文件（{detail}）：请另存为 .docx",
        "en": "LibreOffice could not convert this legacy Word file ({detail}); save it as .docx",
    },
    "input.not_a_workbook": {
        "zh": "不是有效的 .xlsx 文件（不是 zip 压缩包，可能已损坏）",
        "en": "not a valid .xlsx (not a zip archive; the file may be corrupt)",
    },
    "input.no_workbook_part": {
        "zh": "不是 Excel 工作簿：压缩包中没有 xl/workbook.xml",
        "en": "not an Excel workbook: the archive has no xl/workbook.xml",
    },
    "input.too_many_cells": {
        "zh": "表格单元格过多（超过 {limit} 个），拒绝读取",
        "en": "too many spreadsheet cells (over {limit}); refused",
    },
    "input.legacy_sheet_needs_office": {
        "zh": "旧版表格格式（{ext}）需要 LibreOffice 转换：请另存为 .xlsx，或安装 LibreOffice（soffice）",
        "en": "legacy spreadsheet format ({ext}) needs LibreOffice to convert it: save it as .xlsx, or install LibreOffice (soffice)",
    },
    "input.sheet_conversion_failed": {
        "zh": "无法用 LibreOffice 转换旧版表格文件（{detail}）：请另存为 .xlsx",
        "en": "LibreOffice could not convert this legacy spreadsheet ({detail}); save it as .xlsx",
    },
    "input.no_text": {
        "zh": "PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）",
        "en": "PDF has no text layer (probably scanned); run OCR first",
    },
    "input.too_many_pages": {
        "zh": "PDF 页数过多（{pages} 页，上限 {limit} 页）",
        "en": "PDF has too many pages ({pages}, limit {limit})",
    },
    "input.worker_died": {
        "zh": "处理该文件的进程意外终止（内存不足，或文件使解析库崩溃），无法读取",
        "en": "the process reading this file died (out of memory, or the file crashed a parsing library)",
    },
    "input.over_limit": {
        "zh": "超出处理上限：{what_zh} {found}（上限 {limit}，见 docs/robustness.md）",
        "en": "over a processing limit: {what_en} {found} (limit {limit}, see docs/robustness.md)",
    },
    "input.decode": {
        "zh": "无法识别文本编码（已尝试 UTF-8、GB18030）",
        "en": "cannot decode the text (tried UTF-8 and GB18030)",
    },
    "input.timeout": {"zh": "读取超时（超过 {seconds} 秒）", "en": "reading timed out (over {seconds} s)"},
    "input.internal": {
        "zh": "读取时出现内部错误：{detail}",
        "en": "internal error while reading: {detail}",
    },
    # summaries
    "summary.read": {
        "zh": "{blocks} 个块，{paragraphs} 段，{tables} 个表格{pages}",
        "en": "{blocks} blocks, {paragraphs} paragraphs, {tables} tables{pages}",
    },
    "summary.pages": {"zh": "，{pages} 页", "en": ", {pages} pages"},
    "summary.nothing": {
        "zh": "文档可读，但没有找到可核对的数据（评分、金额、比率、数量、日期等）",
        "en": "readable, but nothing to check (no scores, amounts, rates, counts or dates found)",
    },
    # `audit facts`: the extracted facts as text (auditor.report.facts_text)
    "facts.title": {"zh": "提取结果：{file}", "en": "Extracted facts: {file}"},
    "facts.section": {"zh": "{title}（{n}）", "en": "{title} ({n})"},
    "facts.score_trees": {"zh": "评分表", "en": "Score trees"},
    "facts.section_scores": {"zh": "章节得分表述", "en": "Section score statements"},
    "facts.overall": {"zh": "总分与等级", "en": "Overall scores and grades"},
    "facts.grade_bands": {"zh": "等级标准", "en": "Grade bands"},
    "facts.money": {"zh": "金额", "en": "Money"},
    "facts.rates": {"zh": "比率", "en": "Rates"},
    "facts.counts": {"zh": "数量", "en": "Counts"},
    "facts.targets": {"zh": "绩效目标完成情况", "en": "Targets"},
    "facts.surveys": {"zh": "问卷题目", "en": "Questionnaire questions"},
    "facts.dates": {"zh": "日期", "en": "Dates"},
    "facts.durations": {"zh": "期限", "en": "Durations"},
    "facts.problems": {"zh": "问题清单", "en": "Problem lists"},
    "facts.form_funds": {"zh": "自评表/监控表资金执行情况", "en": "Form funds rows"},
    "facts.form_rows": {"zh": "自评表/监控表指标行", "en": "Form indicator rows"},
    "facts.forms": {"zh": "自评表/监控表", "en": "Forms"},
    "facts.result_rows": {"zh": "评价结果清单", "en": "Result list rows"},
    "facts.tables": {"zh": "表格读取情况（family 为空：不是自评表/监控表；read=false 且有数字：未能读取）", "en": "Tables (family empty: not a form; read=false with figures: not understood)"},
    "facts.notes": {"zh": "未能读取的内容", "en": "Not read"},
    "facts.nothing": {"zh": "没有提取到任何内容", "en": "nothing was extracted"},
    "facts.tree.summary": {"zh": "一级指标汇总表", "en": "first-level summary"},
    "facts.tree.section": {"zh": "分项指标表", "en": "section table"},
    "facts.tree.annex": {"zh": "指标体系评分表", "en": "full scoring table"},
    "facts.tree.self": {"zh": "自评表", "en": "self-assessment"},
    "facts.tree.other": {"zh": "其他评分表", "en": "other scoring table"},
    "facts.untitled": {"zh": "（无标题）", "en": "(untitled)"},
    "facts.weight": {"zh": "满分", "en": "weight"},
    "facts.score": {"zh": "得分", "en": "score"},
    "facts.rate": {"zh": "得分率", "en": "rate"},
    "facts.deduction": {"zh": "扣分", "en": "deduction"},
    "facts.level": {"zh": "{level}级", "en": "L{level}"},
    "facts.from_header": {"zh": "（取自表头）", "en": " (from the label)"},
    "facts.merged": {"zh": "合并单元格：{names}", "en": "merged cell: {names}"},
    "facts.reason": {"zh": "扣分原因：{text}", "en": "reason: {text}"},
    "facts.kind.total_score": {"zh": "总分", "en": "total score"},
    "facts.kind.grade": {"zh": "等级", "en": "grade"},
    "facts.kind.self_score": {"zh": "自评分", "en": "self score"},
    "facts.kind.self_grade": {"zh": "自评等级", "en": "self grade"},
    "facts.kind.self_gap": {"zh": "自评与评价差值", "en": "self vs evaluator gap"},
    "facts.context.cover": {"zh": "封面", "en": "cover"},
    "facts.context.summary": {"zh": "摘要", "en": "summary"},
    "facts.context.conclusion": {"zh": "结论", "en": "conclusion"},
    "facts.context.table": {"zh": "表格", "en": "table"},
    "facts.context.self_assessment": {"zh": "自评部分", "en": "self-assessment"},
    "facts.context.other": {"zh": "正文", "en": "text"},
    "facts.score_word": {"zh": "得分", "en": "score"},
}


def t(key: str, lang: Lang = "zh", **kwargs: object) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["zh"]
    try:
        return template.format(**kwargs)
    except (KeyError, IndexError):
        return template
