"""Reviewers' text output: one block per finding, the places and the arithmetic.

draft.docx: 2 findings (1 error, 1 warning); 143 claims checked, 9 not checkable
  error   SCORE003 first-level-total [grade-band-change]
          一级指标得分合计为 15+18+30+21.94 = 84.94 …
          expected: 15+18+30+21.94 = 84.94
          found:    89.94
          @ 表格3 第5行第2列 (total): 合计 100 89.94
"""

from __future__ import annotations

from collections import Counter

from auditor.findings import Coverage, FileResult, Finding
from auditor.i18n import MESSAGES, Lang, t

QUOTE_CHARS = 60

# Registered here rather than in auditor/i18n.py so parallel edits do not collide; the
# lead may move them there (setdefault keeps an entry that already exists).
REPORT_MESSAGES: dict[str, dict[str, str]] = {
    "report.summary": {
        "zh": "{findings}；已核对 {checked} 项，无法核对 {not_checkable} 项",
        "en": "{findings}; {checked} claims checked, {not_checkable} not checkable",
    },
    "report.no_findings": {"zh": "未发现问题", "en": "no findings"},
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
    "report.annotate_one": {
        "zh": "--annotate 只能用于单个可读的 .docx 文件",
        "en": "--annotate takes exactly one readable .docx file",
    },
    "report.unknown_rule": {"zh": "未知规则：{rule}", "en": "unknown rule: {rule}"},
    "report.total": {
        "zh": "合计：{files} 个文件，{findings} 个问题，{unreadable} 个无法读取；已核对 {checked} 项，无法核对 {not_checkable} 项",
        "en": "total: {findings} findings in {files} reports, {unreadable} unreadable; {checked} claims checked, {not_checkable} not checkable",
    },
}
for _key, _entry in REPORT_MESSAGES.items():
    MESSAGES.setdefault(_key, _entry)


def summary_line(findings: list[Finding], coverage: Coverage, lang: Lang = "zh") -> str:
    """'12 findings (3 errors, 9 warnings); 143 claims checked, 9 not checkable'."""
    counts = Counter(f.severity for f in findings)
    if not findings and not coverage.checked and not coverage.not_checkable:
        return t("summary.nothing", lang)
    if findings:
        parts = ("，" if lang == "zh" else ", ").join(
            t(f"report.severity.{sev}", lang, n=counts[sev], s="" if counts[sev] == 1 else "s")
            for sev in ("error", "warning", "info")
            if counts[sev]
        )
        key = "report.one_finding" if len(findings) == 1 else "report.findings"
        head = t(key, lang, n=len(findings), parts=parts)
    else:
        head = t("report.no_findings", lang)
    return t(
        "report.summary", lang, findings=head, checked=coverage.checked, not_checkable=coverage.not_checkable
    )


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= QUOTE_CHARS else one[: QUOTE_CHARS - 1] + "…"


def render_finding(f: Finding, lang: Lang = "zh") -> list[str]:
    tags = f" [{', '.join(f.tags)}]" if f.tags else ""
    label = t(f"report.label.{f.severity}", lang)
    pad = " " * 10
    lines = [
        f"  {label:<7} {f.rule_id} {f.rule_name}{tags}",
        f"{pad}{f.message_en if lang == 'en' else f.message_zh}",
    ]
    if f.expected:
        lines.append(f"{pad}{t('report.expected', lang)}: {f.expected}")
    if f.found:
        lines.append(f"{pad}{t('report.found', lang)}: {f.found}")
    for p in f.places:
        role = f" ({p.role})" if p.role else ""
        lines.append(f"{pad}@ {p.location.describe(lang)}{role}: {_quote(p.quote)}")
    return lines


def render_result(result: FileResult, lang: Lang = "zh") -> list[str]:
    if result.error:
        return [result.error]
    lines = [f"{result.path}: {summary_line(result.findings, result.coverage, lang)}"]
    for f in result.findings:
        lines += render_finding(f, lang)
    return lines


def render_results(results: list[FileResult], lang: Lang = "zh") -> list[str]:
    """Per-file lines for readable files (unreadable ones are reported on stderr by the
    caller) and, for a batch, one total line over every file."""
    lines: list[str] = []
    for r in results:
        if not r.error:
            lines += render_result(r, lang)
    if len(results) > 1:
        lines.append(
            t(
                "report.total",
                lang,
                files=len(results),
                findings=sum(len(r.findings) for r in results),
                unreadable=sum(1 for r in results if r.error),
                checked=sum(r.coverage.checked for r in results),
                not_checkable=sum(r.coverage.not_checkable for r in results),
            )
        )
    return lines
