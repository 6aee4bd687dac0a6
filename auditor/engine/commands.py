"""Click commands for the CLI: `audit check PATH…` (the default command) and
`audit rules [ID]`. The lead registers them in auditor/cli.py:

    from auditor.engine.commands import check_command, rules_command
    main.add_command(check_command, "check")   # replaces the read-only check
    main.add_command(rules_command, "rules")

Exit status of `check`: 0 when no finding is at or above --fail-on (default error),
1 otherwise, 2 when an input is unreadable or a rule pack is broken.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from auditor.baseline import BaselineError, apply_baseline, read_baseline
from auditor.baseline import write_baseline as write_baseline_file
from auditor.config import ConfigError, discover_config, load_config
from auditor.engine.api import AuditOptions, audit_path, load_rules
from auditor.engine.docs import render_rule
from auditor.errors import RulePackError
from auditor.findings import SEVERITY_ORDER, FileResult
from auditor.i18n import t
from auditor.report.formats import BINARY, FORMATS, NEEDS_OUTPUT
from auditor.report.html_out import render_html
from auditor.report.json_out import render_json
from auditor.report.sarif import render_sarif
from auditor.report.text import render_results

SUPPORTED_SUFFIXES = (".docx", ".xlsx", ".pdf", ".md", ".markdown", ".txt")

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="message language"
)
rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(),
    help="extra rule pack folder or file (repeatable); the shipped packs are always loaded",
)


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders replaced by the supported files inside them (sorted, recursive)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*") if f.suffix.lower() in SUPPORTED_SUFFIXES and f.is_file()
            )
            out += found or [p]  # an empty folder is reported as unreadable by the reader
        else:
            out.append(p)
    return out


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return 1 if any(SEVERITY_ORDER[f.severity] >= threshold for r in results for f in r.findings) else 0


def run_batch(files: list[str], options: AuditOptions, jobs: int) -> list[FileResult]:
    """Audit files in input order; several at once in worker processes when asked.
    A progress bar goes to stderr only when it is a terminal."""
    show = sys.stderr.isatty() and len(files) > 1
    if jobs <= 1 or len(files) <= 1:
        with click.progressbar(files, label="audit", file=sys.stderr) if show else _nullbar(files) as bar:
            return [audit_path(p, options) for p in bar]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        mapped = pool.map(audit_path, files, [options] * len(files), chunksize=max(1, len(files) // (jobs * 8)))
        if show:
            with click.progressbar(mapped, length=len(files), label="audit", file=sys.stderr) as bar:
                return list(bar)
        return list(mapped)


class _nullbar:  # noqa: N801 - stands in for click.progressbar
    def __init__(self, items: list[str]) -> None:
        self.items = items

    def __enter__(self) -> list[str]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


def _annotate(results: list[FileResult], out: str, lang: str) -> None:
    """One .docx → an annotated copy; a folder or several files → copies under `out`."""
    from auditor.report.annotate import AnnotateError, annotate_results, check_paths

    if len(results) == 1 and not Path(out).is_dir():
        try:
            check_paths(results[0].path, out, lang)
        except AnnotateError as exc:
            click.echo(exc.message(lang), err=True)
            sys.exit(2)
        if results[0].error:
            click.echo(t("report.annotate_one", lang), err=True)  # type: ignore[arg-type]
            sys.exit(2)
    try:
        for line in annotate_results(results, out, lang):
            click.echo(line, err=True)
    except AnnotateError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(2)


def use_color(mode: str, to_file: bool = False) -> bool:
    """--color: 'always' and 'never' as said; 'auto' colours only a terminal, and never
    when NO_COLOR is set to anything non-empty (no-color.org; an explicit --color always
    overrides it, as that convention asks of command-line flags)."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR") or to_file:
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def render_statistics(results: list[FileResult]) -> list[str]:
    """Findings per rule across the batch, most frequent first (like ruff --statistics)."""
    counts: dict[tuple[str, str, str], int] = {}
    for r in results:
        for f in r.findings:
            key = (f.rule_id, f.rule_name, f.severity)
            counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return [f"{n:>6}  {rid:<10} {name} [{sev}]" for (rid, name, sev), n in rows]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@rules_option
@click.option(
    "--select", multiple=True, help="only these rules: ids, id prefixes (SCORE) or names, comma-separated"
)
@click.option("--ignore", multiple=True, help="skip these rules: ids, id prefixes or names, comma-separated")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="exit 1 when a finding is at or above this severity [default: error]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "html", *FORMATS]),
    default="text",
    show_default=True,
    help="concise: one line per finding; github: workflow annotations; junit: JUnit XML; xlsx: workbook (needs -o)",
)
@click.option("--quiet", "-q", is_flag=True, help="print findings only: no line for clean files, no totals")
@click.option("--verbose", "-v", is_flag=True, help="text report: show the rounding intervals the rules compared")
@click.option("--output", "-o", type=click.Path(), help="write the report to this file instead of stdout")
@click.option("--config", "config_path", type=click.Path(), help="config file (default: discovered upward)")
@click.option("--baseline", type=click.Path(), help="accepted findings: only new ones are reported")
@click.option("--write-baseline", type=click.Path(), help="write the current findings as the baseline")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="message language [default: zh]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="parallel workers [default: all cores]")
@click.option("--statistics", is_flag=True, help="print the number of findings per rule")
@click.option(
    "--annotate",
    type=click.Path(),
    help="write a copy of the .docx with a Word comment per slip; for a folder, copies under this folder",
)
@click.option(
    "--color",
    "color_mode",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="colour the text report: auto = only on a terminal and without NO_COLOR",
)
def check_command(
    paths: tuple[str, ...],
    rules_dirs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    fmt: str,
    output: str | None,
    config_path: str | None,
    baseline: str | None,
    write_baseline: str | None,
    lang: str | None,
    jobs: int | None,
    statistics: bool,
    annotate: str | None,
    color_mode: str,
    quiet: bool = False,
    verbose: bool = False,
) -> None:
    """Check reports (files or folders) for internal consistency."""
    try:
        config = load_config(Path(config_path)) if config_path else discover_config(paths[0])
    except ConfigError as exc:
        click.echo(exc.message(lang or "zh"), err=True)
        sys.exit(2)
    lang = lang or config.lang or "zh"
    if fmt in BINARY and not output:
        click.echo(NEEDS_OUTPUT["en" if lang == "en" else "zh"].format(fmt=fmt), err=True)
        sys.exit(2)
    fail_on = fail_on or config.fail_on or "error"
    options = AuditOptions.make(
        rules_dirs=[*config.rule_dirs(), *rules_dirs],
        select=list(select) or config.select,
        ignore=[*config.ignore, *ignore],
        params=config.params,
        lang=lang,  # type: ignore[arg-type]
    )
    try:
        load_rules(options)
        accepted = read_baseline(baseline) if baseline else None
        results = run_batch(expand_paths(paths), options, jobs or os.cpu_count() or 1)
    except (RulePackError, BaselineError) as exc:
        click.echo(exc.message(lang), err=True)  # type: ignore[arg-type]
        sys.exit(2)
    for r in results:
        drop = config.ignores_for(r.path)
        if drop:
            r.findings = [f for f in r.findings if not f.rule_id.startswith(tuple(drop))]
    if annotate:
        _annotate(results, annotate, lang)
    if write_baseline:
        write_baseline_file(results, write_baseline)
    if accepted is not None:
        apply_baseline(results, accepted)
    color = False  # only the text report is coloured
    text: str | bytes
    if fmt in FORMATS:  # concise, github, junit, xlsx (auditor/report/formats.py)
        for r in results:
            if r.error and fmt != "github":  # github names them in an annotation
                click.echo(r.error, err=True)
        text = FORMATS[fmt](results, lang, quiet)
    elif fmt == "json":
        text = render_json(results)
    elif fmt == "sarif":
        text = render_sarif(results, load_rules(options), lang)
    elif fmt == "html":
        text = render_html(results, lang)
    else:
        for r in results:
            if r.error:
                click.echo(r.error, err=True)
        color = use_color(color_mode, to_file=bool(output))
        text = "\n".join(render_results(results, lang, color, quiet, verbose))  # type: ignore[arg-type]
    if output:
        if isinstance(text, bytes):
            Path(output).write_bytes(text)
        else:
            Path(output).write_text(text + "\n", "utf-8")
    elif text:  # a binary format was refused above without --output
        click.echo(text, color=True if color else None)
    if statistics:
        for line in render_statistics(results):
            click.echo(line, err=fmt != "text")
    sys.exit(exit_code(results, fail_on))


@click.command("rules")
@click.argument("rule_id", required=False)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules_command(rule_id: str | None, rules_dirs: tuple[str, ...], fmt: str, lang: str) -> None:
    """List the rule catalogue, or print one rule's documentation (audit rules SCORE001)."""
    try:
        rules = load_rules(AuditOptions.make(rules_dirs=rules_dirs))
    except RulePackError as exc:
        click.echo(exc.message(lang), err=True)  # type: ignore[arg-type]
        sys.exit(2)
    if rule_id:
        wanted = rule_id.strip()
        match = [r for r in rules if r.id == wanted.upper() or r.name == wanted]
        if not match:
            click.echo(t("report.unknown_rule", lang, rule=rule_id), err=True)  # type: ignore[arg-type]
            sys.exit(2)
        if fmt == "json":
            click.echo(json.dumps(match[0].model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            click.echo(render_rule(match[0]))
        return
    if fmt == "json":
        rows = [
            {"id": r.id, "name": r.name, "severity": r.severity, "over": r.over, "file": Path(r.file).name}
            for r in rules
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r.name) for r in rules), default=0)
    for r in rules:
        click.echo(f"{r.id:<10} {r.severity:<8} {r.name:<{width}}  {_summary(r.docs.description)}")


def _summary(text: str) -> str:
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return first if len(first) <= 100 else first[:99] + "…"
