"""Output formats besides the text report, by name: each takes the run's results and
returns the whole report, str for text formats and bytes for binary ones (xlsx), so the
CLI writes it in one go. `BINARY` formats need --output: they never go to a terminal."""

from __future__ import annotations

from collections.abc import Callable

from auditor.findings import FileResult

Renderer = Callable[[list[FileResult], str, bool], "str | bytes"]
BINARY = frozenset({"xlsx"})


def _concise(results: list[FileResult], lang: str, quiet: bool) -> str:
    from auditor.report.concise import render_concise

    return render_concise(results, lang, quiet)


def _github(results: list[FileResult], lang: str, quiet: bool) -> str:
    from auditor.report.github import render_github

    return render_github(results, lang)


def _junit(results: list[FileResult], lang: str, quiet: bool) -> str:
    from auditor.report.junit import render_junit

    return render_junit(results, lang)


def _xlsx(results: list[FileResult], lang: str, quiet: bool) -> bytes:
    from auditor.report.xlsx_out import render_xlsx

    return render_xlsx(results, lang)


FORMATS: dict[str, Renderer] = {"concise": _concise, "github": _github, "junit": _junit, "xlsx": _xlsx}
NEEDS_OUTPUT = {
    "zh": "--format {fmt} 需要用 -o/--output 指定输出文件（不能写到终端）",
    "en": "--format {fmt} needs -o/--output (it cannot be written to a terminal)",
}
