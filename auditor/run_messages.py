"""Messages of the run itself (output targets, baselines, selectors, interrupts), kept
apart from auditor/i18n.py so parallel edits there do not collide. Registered with
setdefault: an entry the catalogue already has wins."""

from __future__ import annotations

from auditor.i18n import MESSAGES

RUN_MESSAGES: dict[str, dict[str, str]] = {
    "run.output_is_input": {"zh": "不能覆盖输入文件", "en": "refusing to overwrite an input file"},
    "run.output_clash": {"zh": "与 {other} 是同一个文件", "en": "is the same file as {other}"},
    "run.output_document": {
        "zh": "扩展名 {ext} 是本工具读取的报告格式，拒绝把报告写成这种文件（以免覆盖报告）",
        "en": "refusing to write a report to a {ext} file, a document type this tool reads",
    },
    "run.output_folder": {"zh": "这是一个文件夹，不是文件", "en": "is a folder, not a file"},
    "run.output_no_folder": {"zh": "所在文件夹不存在", "en": "its folder does not exist"},
    "run.output_failed": {"zh": "写出失败（{detail}），原文件未改动", "en": "write failed ({detail}); nothing was replaced"},
    "run.copy_folder_file": {
        "zh": "为多份报告加批注时须给一个文件夹，这是一个文件",
        "en": "annotating several reports needs a folder; this is a file",
    },
    "run.copy_folder_inputs": {
        "zh": "文件夹中有输入报告（{path}），批注副本会覆盖它们：请换一个文件夹",
        "en": "holds input reports ({path}) the copies would overwrite: choose another folder",
    },
    "run.annotate_suffix": {
        "zh": "批注文档须保存为 .docx（文件名以 .docx 结尾）",
        "en": "the annotated copy must be a .docx file (name ending in .docx)",
    },
    "run.binary_needs_output": {
        "zh": "--format {fmt} 输出二进制文件，请用 -o 指定文件",
        "en": "--format {fmt} writes a binary file: give one with -o",
    },
    "run.wrote_baseline": {"zh": "已写入基线 {path}：{n} 条", "en": "wrote {n} entries to the baseline {path}"},
    "run.baseline_hid": {
        "zh": "基线 {path} 隐藏了 {n} 个已接受的问题",
        "en": "the baseline {path} hid {n} accepted findings",
    },
    "run.wrote_report": {
        "zh": "已写出 {path}：{files} 个文件，{findings} 个问题，{unreadable} 个无法读取，{nothing} 个没有可核对的内容",
        "en": "wrote {path}: {files} files, {findings} findings, {unreadable} unreadable, {nothing} with nothing checkable",
    },
    "run.nothing_checked": {
        "zh": "{n} 个文件没有可核对的内容（--fail-on-nothing-checked）",
        "en": "{n} files with nothing checkable (--fail-on-nothing-checked)",
    },
    "run.unknown_selector": {"zh": "{where}：未知规则“{token}”{hint}", "en": "{where}: unknown rule '{token}'{hint}"},
    "run.closest": {"zh": "（最接近的是 {close}）", "en": " (closest: {close})"},
    "run.interrupted": {"zh": "已中断", "en": "interrupted"},
    "run.internal": {
        "zh": "内部错误：{detail}（设置 AUDITOR_TRACEBACK=1 可查看详情）",
        "en": "internal error: {detail} (set AUDITOR_TRACEBACK=1 for details)",
    },
    "run.empty_folder": {
        "zh": "文件夹中没有报告文件（{exts}）",
        "en": "no report files in this folder ({exts})",
    },
    # also in auditor/report/text.py, which the CLI now imports only to render text
    "report.annotate_one": {
        "zh": "--annotate 只能用于单个可读的 .docx 文件",
        "en": "--annotate takes exactly one readable .docx file",
    },
    "report.unknown_rule": {"zh": "未知规则：{rule}", "en": "unknown rule: {rule}"},
    "status.checked": {"zh": "已核对", "en": "checked"},
    "status.nothing_checkable": {"zh": "没有可核对的内容", "en": "nothing checkable"},
    "status.unreadable": {"zh": "无法读取", "en": "unreadable"},
}
for _key, _entry in RUN_MESSAGES.items():
    MESSAGES.setdefault(_key, _entry)
