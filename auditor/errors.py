"""Errors that end the processing of one input file with a clear message (exit 2)."""

from __future__ import annotations

from auditor.i18n import Lang, t
from auditor.names import show_name


class InputError(Exception):
    """A file cannot be read. `reason` is a message key in auditor.i18n (without the
    'input.' prefix); `params` fill its template."""

    def __init__(self, path: str, reason: str, **params: object) -> None:
        self.path = path
        self.reason = reason
        self.params = params
        super().__init__(f"{path}: {reason} {params}")

    def message(self, lang: Lang = "zh") -> str:
        return show_name(f"{self.path}: {t('input.' + self.reason, lang, **self.params)}")


class RulePackError(Exception):
    """A rule pack is broken. Names the file, the rule id and the field."""

    PREFIX: dict[str, str] = {"zh": "规则包错误", "en": "broken rule pack"}

    def __init__(self, path: str, detail: str, rule_id: str | None = None, field: str | None = None) -> None:
        self.path = path
        self.rule_id = rule_id
        self.field = field
        self.detail = detail
        super().__init__(self.message())

    def message(self, lang: Lang = "zh") -> str:
        where = show_name(self.path)
        if self.rule_id:
            where += f" [{self.rule_id}]"
        if self.field:
            where += f" {self.field}"
        prefix = self.PREFIX["en" if lang == "en" else "zh"]
        return f"{where}: {prefix}: {self.detail}"


class PathProblem(Exception):
    """A file the run was told to use (config, baseline, output) is unusable: one line
    '<path>: <what> : <detail>' with the 'what' in the run's language."""

    PREFIX: dict[str, str] = {"zh": "无法使用", "en": "cannot use"}

    def __init__(self, path: str, detail: str | dict[str, str]) -> None:
        self.path = str(path)
        self.detail = detail  # one text, or one per language ({"zh": …, "en": …})
        super().__init__(f"{path}: {detail}")

    def message(self, lang: str = "zh") -> str:
        key = "en" if lang == "en" else "zh"
        detail = self.detail[key] if isinstance(self.detail, dict) else self.detail
        return show_name(f"{self.path}: {self.PREFIX[key]}: {detail}")
