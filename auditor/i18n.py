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
    # the text report's and the run's own messages (outputs, baselines, selectors)
    "report.summary": {"zh": "{findings}；已核对 {checked} 项，无法核对 {not_checkable} 项", "en": "{findings}; {checked} claims checked, {not_checkable} not checkable"},
    "report.no_findings": {"zh": "未发现问题", "en": "no findings"},
    "report.tables_not_understood": {"zh": "，{n} 个含数字的表格未能读取", "en": ", {n} table{s} with figures not understood"},
    "report.findings": {"zh": "{n} 个问题（{parts}）", "en": "{n} findings ({parts})"},
    "report.one_finding": {"zh": "1 个问题（{parts}）", "en": "1 finding ({parts})"},
    "report.severity.error": {"zh": "{n} 个错误", "en": "{n} error{s}"},
    "report.severity.warning": {"zh": "{n} 个警告", "en": "{n} warning{s}"},
    "report.severity.info": {"zh": "{n} 个提示", "en": "{n} note{s}"},
    "report.expected": {"zh": "应为", "en": "expected"},
    "report.found": {"zh": "实为", "en": "found"},
    "report.label.error": {"zh": "错误", "en": "error"},
    "report.label.warning": {"zh": "警告", "en": "warning"},
    "report.label.info": {"zh": "提示", "en": "info"},
    "report.group_count": {"zh": "{n} 个问题", "en": "{n} finding{s}"},
    "report.no_quote": {"zh": "（无原文）", "en": "(no text)"},
    "report.arith_line": {"zh": "{label}：{value}", "en": "{label}: {value}"},
    "report.place_line": {"zh": "@ {where}{role}：{quote}", "en": "@ {where}{role}: {quote}"},
    "report.annotate_one": {"zh": "--annotate 只能用于单个可读的 .docx 文件", "en": "--annotate takes exactly one readable .docx file"},
    "report.unknown_rule": {"zh": "未知规则：{rule}", "en": "unknown rule: {rule}"},
    "report.slip_head": {"zh": "{where}的 {figure}，{count}", "en": "{figure} at {where}, {count}"},
    "report.consequences": {"zh": "涉及同一处的其他问题：", "en": "other findings involving the same place:"},
    "report.colon": {"zh": "：", "en": ": "},
    "report.slips": {"zh": "，出自 {n} 处疑点", "en": " from {n} slip{s}"},
    "report.nothing_checked_some": {"zh": "没有可核对的内容：{not_checkable} 项无法核对，已核对 0 项", "en": "nothing checked: {not_checkable} claims not checkable, 0 checked"},
    "report.total_nothing": {"zh": "，{n} 个没有可核对的内容", "en": "; {n} with nothing checkable"},
    "report.total": {"zh": "合计：{files} 个文件，{findings} 个问题（{slips} 处疑点），{unreadable} 个无法读取；已核对 {checked} 项，无法核对 {not_checkable} 项", "en": "total: {findings} findings ({slips} slips) in {files} reports, {unreadable} unreadable; {checked} claims checked, {not_checkable} not checkable"},
    "run.output_is_input": {"zh": "不能覆盖输入文件", "en": "refusing to overwrite an input file"},
    "run.output_clash": {"zh": "与 {other} 是同一个文件", "en": "is the same file as {other}"},
    "run.output_document": {"zh": "扩展名 {ext} 是本工具读取的报告格式，拒绝把报告写成这种文件（以免覆盖报告）", "en": "refusing to write a report to a {ext} file, a document type this tool reads"},
    "run.output_folder": {"zh": "这是一个文件夹，不是文件", "en": "is a folder, not a file"},
    "run.output_no_folder": {"zh": "所在文件夹不存在", "en": "its folder does not exist"},
    "run.output_failed": {"zh": "写出失败（{detail}），原文件未改动", "en": "write failed ({detail}); nothing was replaced"},
    "run.copy_folder_file": {"zh": "为多份报告加批注时须给一个文件夹，这是一个文件", "en": "annotating several reports needs a folder; this is a file"},
    "run.copy_folder_inputs": {"zh": "文件夹中有输入报告（{path}），批注副本会覆盖它们：请换一个文件夹", "en": "holds input reports ({path}) the copies would overwrite: choose another folder"},
    "run.annotate_suffix": {"zh": "批注文档须保存为 .docx（文件名以 .docx 结尾）", "en": "the annotated copy must be a .docx file (name ending in .docx)"},
    "run.binary_needs_output": {"zh": "--format {fmt} 输出二进制文件，请用 -o 指定文件", "en": "--format {fmt} writes a binary file: give one with -o"},
    "run.wrote_baseline": {"zh": "已写入基线 {path}：{n} 条", "en": "wrote {n} entries to the baseline {path}"},
    "run.baseline_hid": {"zh": "基线 {path} 隐藏了 {n} 个已接受的问题", "en": "the baseline {path} hid {n} accepted findings"},
    "run.wrote_report": {"zh": "已写出 {path}：{files} 个文件，{findings} 个问题，{unreadable} 个无法读取，{nothing} 个没有可核对的内容", "en": "wrote {path}: {files} files, {findings} findings, {unreadable} unreadable, {nothing} with nothing checkable"},
    "run.nothing_checked": {"zh": "{n} 个文件没有可核对的内容（--fail-on-nothing-checked）", "en": "{n} files with nothing checkable (--fail-on-nothing-checked)"},
    'run.unknown_selector': {'zh': '{where}：未知规则“{token}”{hint}', 'en': "{where}: unknown rule '{token}'{hint}"},
    "run.closest": {"zh": "（最接近的是 {close}）", "en": " (closest: {close})"},
    "run.profile_sets": {"zh": "评分方案 {profile} 设置：{values}", "en": "profile {profile} sets: {values}"},
    "report.profile": {"zh": "（评分方案 {profile}）", "en": " (profile {profile})"},
    "report.profiles": {"zh": "评分方案 {profiles}", "en": "profile {profiles}"},
    "run.rule_off": {"zh": "[关闭]", "en": "[off]"},
    "run.from_cli": {"zh": "命令行指定", "en": "from the command line"},
    "run.by_default": {"zh": "默认", "en": "the default"},
    "run.bad_param": {"zh": "--param {arg}：应写作 规则.参数=值（如 FORM005.threshold=85）", "en": "--param {arg}: write RULE.KEY=VALUE (e.g. FORM005.threshold=85)"},
    "run.interrupted": {"zh": "已中断", "en": "interrupted"},
    "run.pages_no_office": {
        "zh": "--pages：未找到 LibreOffice（soffice），.docx 的页码无法给出",
        "en": "--pages: LibreOffice (soffice) not found; .docx places get no page numbers",
    },
    "run.internal": {"zh": "内部错误：{detail}（设置 AUDITOR_TRACEBACK=1 可查看详情）", "en": "internal error: {detail} (set AUDITOR_TRACEBACK=1 for details)"},
    "run.empty_folder": {"zh": "文件夹中没有报告文件（{exts}）", "en": "no report files in this folder ({exts})"},
    "status.checked": {"zh": "已核对", "en": "checked"},
    "status.nothing_checkable": {"zh": "没有可核对的内容", "en": "nothing checkable"},
    "status.unreadable": {"zh": "无法读取", "en": "unreadable"},
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
