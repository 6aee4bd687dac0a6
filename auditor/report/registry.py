"""The report formats `audit check --format` offers, in one place: each names its
renderer, whether it is text (UTF-8, may go to stdout) or binary (needs -o), and the
document suffixes it may legitimately be written as (an Excel report is a .xlsx; a text
report written as .docx would be refused as a likely overwrite of a report).

To add a format, add one entry to FORMATS; the CLI's choice list, the "binary needs -o"
check and the output-name check (auditor.outputs) all read it. Renderers are imported on
first use to keep start-up fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.engine.pack import Rule
from auditor.findings import FileResult


@dataclass(frozen=True)
class RenderContext:
    results: list[FileResult]
    lang: str
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
    verbose: bool = False


@dataclass(frozen=True)
class OutputFormat:
    render: Callable[[RenderContext], str | bytes]
    binary: bool = False
    suffixes: tuple[str, ...] = ()  # document suffixes this format may be written as
    human: bool = False  # the terminal report: coloured on request
    names_unreadable: bool = False  # its own output names unreadable files (github annotations)


def _text(c: RenderContext) -> str:
    from auditor.report.text import render_results

    return "\n".join(render_results(c.results, c.lang, c.color, c.quiet, c.verbose))  # type: ignore[arg-type]


def _json(c: RenderContext) -> str:
    from auditor.report.json_out import render_json

    return render_json(c.results)


def _sarif(c: RenderContext) -> str:
    from auditor.report.sarif import render_sarif

    return render_sarif(c.results, c.rules, c.lang)


def _html(c: RenderContext) -> str:
    from auditor.report.html_out import render_html

    return render_html(c.results, c.lang)


def _other(name: str) -> Callable[[RenderContext], str | bytes]:
    """concise, github, junit, xlsx: auditor/report/formats.py renderers."""

    def render(c: RenderContext) -> str | bytes:
        from auditor.report.formats import FORMATS as OTHERS

        return OTHERS[name](c.results, c.lang, c.quiet)

    return render


FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat(_text, human=True),
    "json": OutputFormat(_json),
    "sarif": OutputFormat(_sarif),
    "html": OutputFormat(_html),
    "concise": OutputFormat(_other("concise")),
    "github": OutputFormat(_other("github"), names_unreadable=True),
    "junit": OutputFormat(_other("junit")),
    "xlsx": OutputFormat(_other("xlsx"), binary=True, suffixes=(".xlsx",)),
}
