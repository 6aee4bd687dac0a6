"""Click commands for the CLI: `audit check PATH…` (the default command) and
`audit rules [ID]`, registered in auditor/cli.py.

Exit status of `check`: 0 when no finding is at or above --fail-on (default error),
1 otherwise (or, with --fail-on-nothing-checked, when a file had nothing checkable),
2 when the run cannot be done as asked: an unreadable input, a broken config or rule
pack, an unknown rule id, an output that would overwrite an input or cannot be written.
130 after Ctrl-C (auditor/cli.py). Every such failure is one line on stderr.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from auditor.baseline import apply_baseline, baseline_text, read_baseline
from auditor.config import Config, ConfigError, discover_config, load_config
from auditor.discover import FOLDER_SUFFIXES, Selection, expand_paths
from auditor.engine.api import AuditOptions, audit_path, load_rules, profile_layer
from auditor.engine.docs import render_rule
from auditor.engine.pack import Rule, check_overrides, check_severities, rule_title
from auditor.errors import PathProblem, RulePackError
from auditor.findings import SEVERITY_ORDER, FileResult
from auditor.i18n import t
from auditor.interrupt import raise_if_interrupted
from auditor.names import show_name
from auditor.outputs import Target, check_copy_folder, check_targets, write_output
from auditor.profiles import DEFAULT_PROFILE, RunLayer, check_profile, load_profile, merge_params
from auditor.report.registry import FORMATS, RenderContext
from auditor.selection import UnknownRuleError, check_param_ids, check_selectors, prefix_match

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="message language"
)
profile_option = click.option(
    "--profile",
    "profile_arg",
    default=None,
    help="form and scoring profile: national (default), sichuan, hubei20, department, budget_system, "
    "or a profile .yaml (audit profiles lists them)",
)
rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(),
    help="extra rule pack folder or file (repeatable); the shipped packs are always loaded",
)


def exit_code(results: list[FileResult], fail_on: str, fail_on_nothing: bool = False) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on_nothing and any(r.status == "nothing_checkable" for r in results):
        return 1
    if fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return 1 if any(SEVERITY_ORDER[f.severity] >= threshold for r in results for f in r.findings) else 0


def _ignore_sigint() -> None:
    # workers leave Ctrl-C to the parent, which stops the run and exits 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_batch(files: list[str], options: AuditOptions, jobs: int) -> list[FileResult]:
    """Audit files in input order; several at once in worker processes when asked.
    A progress bar goes to stderr only when it is a terminal."""
    show = sys.stderr.isatty() and len(files) > 1
    if jobs <= 1 or len(files) <= 1:
        with click.progressbar(files, label="audit", file=sys.stderr) if show else _nullbar(files) as bar:
            return [_checked(audit_path(p, options)) for p in bar]
    results = _pool_run(files, options, min(jobs, len(files)), show)
    # A worker that died (killed for memory, a crash in a parsing library) breaks the pool
    # and fails every file it still held. Those are run again one at a time, each in a
    # pool of its own: the file that kills its worker again is reported unreadable, the
    # others get their normal result.
    for i, r in enumerate(results):
        if r is None:
            results[i] = _pool_run([files[i]], options, 1, False)[0] or FileResult(
                path=files[i], error=f"{files[i]}: {t('input.worker_died', options.lang)}"
            )
    return [r for r in results if r is not None]


def _pool_run(files: list[str], options: AuditOptions, jobs: int, show: bool) -> list[FileResult | None]:
    """Results in input order; None for a file whose worker process died."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    results: list[FileResult | None] = [None] * len(files)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        futures = {pool.submit(audit_path, f, options): i for i, f in enumerate(files)}
        done = as_completed(futures)
        bar = click.progressbar(done, length=len(files), label="audit", file=sys.stderr) if show else _nullbar(done)
        with bar as finished:
            for fut in finished:
                try:
                    results[futures[fut]] = _checked(fut.result())
                except BrokenProcessPool:
                    continue  # left None: run_batch runs this file again on its own
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
    return results


def _checked(result: FileResult) -> FileResult:
    raise_if_interrupted()  # a Ctrl-C a library swallowed still stops the run here
    return result


class _nullbar:  # noqa: N801 - stands in for click.progressbar
    def __init__(self, items: Any) -> None:
        self.items = items

    def __enter__(self) -> Any:
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
            _fail(exc.message(lang))
        if results[0].error:
            _fail(t("report.annotate_one", lang))  # type: ignore[arg-type]
    try:  # each copy goes through a temporary file and a rename (auditor.outputs)
        for line in annotate_results(results, out, lang):
            click.echo(line, err=True)
    except (AnnotateError, PathProblem) as exc:
        _fail(exc.message(lang))


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


def _fail(message: str) -> None:
    """One line on stderr, exit 2: the run cannot be done as asked."""
    click.echo(message, err=True)
    sys.exit(2)


def _check_rule_names(select: tuple[str, ...], ignore: tuple[str, ...], config: Config, options: AuditOptions) -> None:
    """Every rule id, prefix or name the run was given must name a loaded rule."""
    from auditor.engine.api import _split

    rules = load_rules(options)
    src = show_name(config.source) if config.source else "config"
    check_selectors(_split(select), rules, "--select")
    check_selectors(_split(ignore), rules, "--ignore")
    check_selectors(_split(config.select), rules, f"{src}: select")
    check_selectors(_split(config.ignore), rules, f"{src}: ignore")
    for pattern, ids in sorted(config.per_file_ignores.items()):
        check_selectors(ids, rules, f"{src}: per-file-ignores.{pattern}", per_file=True)
    check_param_ids(config.params, rules, f"{src}: params")


def run_options(
    config: Config, profile_arg: str | None, rules_dirs: tuple[str, ...], select: list[str], ignore: list[str],
    cli_params: dict[str, dict[str, Any]], lang: str | None,
) -> AuditOptions:
    """The run's options: the profile from the command line, else the config, else the
    default; parameters of the config with the command line's over them (the profile's
    go under both, in AuditOptions.config)."""
    return AuditOptions.make(
        rules_dirs=[*config.rule_dirs(), *rules_dirs],
        select=select,
        ignore=ignore,
        params=merge_params(config.params, cli_params),
        lang=lang or "zh",  # type: ignore[arg-type]
        severity=config.severity,
        profile=profile_arg or config.profile_name() or DEFAULT_PROFILE,
        lexicon=config.lexicon,
    )


def shown_path(path: Path) -> str:
    from auditor.show_config import shown_path as shown

    return shown(path)


def _profile_checked(options: AuditOptions, profile_arg: str | None, config: Config) -> RunLayer:
    """Load and vet the run's profile; an unknown name names where it was given."""
    where = "--profile" if profile_arg else f"{shown_path(config.source)}: profile" if config.profile and config.source else "profile"
    check_profile(load_profile(options.profile, where), load_rules(options))
    return profile_layer(options)


def _cli_params(args: tuple[str, ...], lang: str) -> dict[str, dict[str, Any]]:
    """--param FORM005.threshold=85 → {'FORM005': {'threshold': 85}}; the value is read as
    TOML (85, 0.5, true, "text", [1, 2]), a bare word as text."""
    import tomllib

    out: dict[str, dict[str, Any]] = {}
    for arg in args:
        target, sep, text = arg.partition("=")
        rid, dot, key = target.strip().partition(".")
        if not sep or not dot or not rid or not key.strip():
            _fail(t("run.bad_param", lang, arg=arg))  # type: ignore[arg-type]
        try:
            value = tomllib.loads(f"v = {text.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = text.strip()
        out.setdefault(rid.strip(), {})[key.strip()] = value
    return out


def _selection(
    include: tuple[str, ...], exclude: tuple[str, ...], extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None, config: Config,
) -> Selection:
    return Selection(
        include=(*config.include, *include),
        exclude=tuple(exclude) if exclude else (tuple(config.exclude) if config.exclude is not None else None),
        extend_exclude=(*config.extend_exclude, *extend_exclude),
        respect_gitignore=config.respect_gitignore if respect_gitignore is None else respect_gitignore,
    )


def _audit_all(files: list[str], empty: set[str], options: AuditOptions, jobs: int) -> list[FileResult]:
    """Results in input order; a folder with no report in it is an unreadable entry."""
    todo = [f for f in files if f not in empty]
    done = iter(run_batch(todo, options, jobs))
    exts = " ".join(FOLDER_SUFFIXES)
    out = []
    for f in files:
        if f in empty:
            out.append(FileResult(path=f, error=show_name(f"{f}: {t('run.empty_folder', options.lang, exts=exts)}")))
        else:
            out.append(next(done))
    return out


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@rules_option
@profile_option
@click.option(
    "--param",
    "param_args",
    multiple=True,
    metavar="RULE.KEY=VALUE",
    help="set a rule parameter (TOML value: 85, true, \"text\"); wins over the profile and the config",
)
@click.option(
    "--show-config", is_flag=True, help="print the configuration used and where each value came from, then exit"
)
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
    "--fail-on-nothing-checked",
    "fail_on_nothing",
    is_flag=True,
    default=None,
    help="also exit 1 when a readable file had nothing checkable (no claim checked)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="concise: one line per finding; github: workflow annotations; junit: JUnit XML; xlsx: workbook (needs -o)",
)
@click.option("--quiet", "-q", is_flag=True, help="print findings only: no line for clean files, no totals")
@click.option("--verbose", "-v", is_flag=True, help="text report: show the rounding intervals the rules compared")
@click.option("--output", "-o", type=click.Path(), help="write the report to this file instead of stdout")
@click.option("--config", "config_path", type=click.Path(), help="config file (default: discovered upward)")
@click.option("--baseline", type=click.Path(), help="accepted findings: only new ones are reported")
@click.option(
    "--write-baseline", type=click.Path(), help="write the current findings as the baseline (no report; exit 0)"
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="message language [default: zh]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="parallel workers [default: all cores]")
@click.option("--statistics", is_flag=True, help="print the number of findings per rule")
@click.option("--pages", is_flag=True, help=".docx: page numbers from a LibreOffice layout (seconds per file)")
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
@click.option("--include", multiple=True, help="in folders, also read files matching this glob (e.g. '*.md')")
@click.option("--exclude", multiple=True, help="in folders, skip these globs (replaces the default list)")
@click.option("--extend-exclude", multiple=True, help="in folders, skip these globs too")
@click.option(
    "--respect-gitignore/--no-respect-gitignore", default=None, help="skip what .gitignore files ignore [default: on]"
)
def check_command(
    paths: tuple[str, ...],
    rules_dirs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    fail_on_nothing: bool | None,
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
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    quiet: bool = False,
    verbose: bool = False,
    profile_arg: str | None = None,
    param_args: tuple[str, ...] = (),
    show_config: bool = False,
    pages: bool = False,
) -> None:
    """Check reports (files or folders) for internal consistency."""
    if not paths and not show_config:
        raise click.MissingParameter(param_type="argument", param_hint="'PATHS...'")
    try:
        config = load_config(Path(config_path)) if config_path else discover_config(paths[0] if paths else ".")
    except ConfigError as exc:
        _fail(exc.message(lang or "zh"))
    given = {
        "profile": profile_arg, "lang": lang, "fail-on": fail_on, "fail-on-nothing-checked": fail_on_nothing,
        "select": select, "ignore": ignore, "rules": rules_dirs, "include": include, "exclude": exclude,
        "extend-exclude": extend_exclude, "respect-gitignore": respect_gitignore,
    }
    lang = lang or config.lang or "zh"
    fail_on = fail_on or config.fail_on or "error"
    fail_on_nothing = config.fail_on_nothing_checked if fail_on_nothing is None else fail_on_nothing
    spec = FORMATS[fmt]
    cli_params = _cli_params(param_args, lang)
    options = run_options(config, profile_arg, rules_dirs, list(select) or config.select, [*config.ignore, *ignore],
                          cli_params, lang)
    if pages:  # .docx page numbers from a LibreOffice layout
        from dataclasses import replace

        from auditor.readers.legacy_office import office_binary

        options = replace(options, pages=True)
        if office_binary() is None:
            click.echo(t("run.pages_no_office", lang), err=True)  # type: ignore[arg-type]
    try:
        _check_rule_names(select, ignore, config, options)
        rules = load_rules(options)
        check_overrides(rules, config.params, str(config.source or "config"))
        check_overrides(rules, cli_params, "--param")
        check_severities(rules, config.severity, str(config.source or "config"))
        layer = _profile_checked(options, profile_arg, config)
    except (RulePackError, UnknownRuleError, PathProblem) as exc:
        _fail(exc.message(lang))  # type: ignore[arg-type]
    if show_config:
        from auditor.show_config import render_json, render_text, settings

        rows = settings(config, given, options.profile, layer, cli_params)
        if fmt == "json":
            click.echo(render_json(config, rows))
        else:
            for line in render_text(config, rows, lang):
                click.echo(line)
        sys.exit(0)
    if spec.binary and not output and not write_baseline:
        from auditor.report.formats import NEEDS_OUTPUT

        _fail(NEEDS_OUTPUT["en" if lang == "en" else "zh"].format(fmt=fmt))
    files, empty = expand_paths(paths, _selection(include, exclude, extend_exclude, respect_gitignore, config))
    annotate_folder = bool(annotate) and (len(files) > 1 or os.path.isdir(str(annotate)))
    targets = [
        *([Target(annotate, "--annotate", allowed=(".docx",), required=".docx")]
          if annotate and not annotate_folder else []),
        *([Target(output, "--output", allowed=spec.suffixes)] if output else []),
        *([Target(write_baseline, "--write-baseline", replaces=("--baseline",))] if write_baseline else []),
    ]
    protected = [
        (k, str(v)) for k, v in (("--baseline", baseline), ("--config", config.source)) if v
    ] + [("--rules", d) for d in (*config.rule_dirs(), *rules_dirs) if os.path.isfile(d)]
    try:
        check_targets(targets, [*paths, *files], protected, lang)  # type: ignore[arg-type]
        if annotate_folder:
            check_copy_folder(str(annotate), files, lang)  # type: ignore[arg-type]
        accepted = read_baseline(baseline) if baseline else None
        results = _audit_all(files, empty, options, jobs or os.cpu_count() or 1)
    except (RulePackError, PathProblem) as exc:
        _fail(exc.message(lang))  # type: ignore[arg-type]
    for r in results:
        for line in r.stopped:  # a rule stopped by a limit on this file: one line each, every format
            click.echo(f"{r.path}: {line}", err=True)
        drop = config.ignores_for(r.path)
        if drop:
            r.findings = [f for f in r.findings if not any(prefix_match(f.rule_id, f.rule_name, d) for d in drop)]
    raise_if_interrupted()
    for r in results:  # every format names the unreadable files on stderr (github: in its annotations)
        if r.error and not spec.names_unreadable:
            click.echo(r.error, err=True)
    try:
        _write_outputs(
            results, fmt, output, write_baseline, baseline, accepted, annotate, lang, options, color_mode,
            quiet, verbose,
        )
    except PathProblem as exc:
        _fail(exc.message(lang))  # type: ignore[arg-type]
    if statistics:
        for line in render_statistics(results):
            click.echo(line, err=fmt != "text" or bool(write_baseline))
    if write_baseline:
        sys.exit(2 if any(r.error for r in results) else 0)
    code = exit_code(results, fail_on, fail_on_nothing)
    if fail_on_nothing and code == 1:
        nothing = sum(1 for r in results if r.status == "nothing_checkable")
        if nothing:
            click.echo(t("run.nothing_checked", lang, n=nothing), err=True)  # type: ignore[arg-type]
    sys.exit(code)


def _write_outputs(
    results: list[FileResult], fmt: str, output: str | None, write_baseline: str | None, baseline: str | None,
    accepted: object, annotate: str | None, lang: str, options: AuditOptions, color_mode: str,
    quiet: bool = False, verbose: bool = False,
) -> None:
    """The annotated copy, the baseline, then the report (to -o or stdout). Baseline mode
    writes no report unless -o asks for one."""
    if annotate:
        _annotate(results, annotate, lang)
    if write_baseline:
        text, n = baseline_text(results, write_baseline)
        write_output(write_baseline, text, lang)
        click.echo(t("run.wrote_baseline", lang, n=n, path=show_name(write_baseline)), err=True)  # type: ignore[arg-type]
    if write_baseline and not output:
        return
    if accepted is not None and baseline:
        hidden = apply_baseline(results, accepted, baseline)  # type: ignore[arg-type]
        click.echo(t("run.baseline_hid", lang, n=hidden, path=show_name(baseline)), err=True)  # type: ignore[arg-type]
    spec = FORMATS[fmt]
    color = spec.human and use_color(color_mode, to_file=bool(output))
    rules = load_rules(options) if fmt == "sarif" else []
    data = spec.render(RenderContext(results, lang, rules, color, quiet, verbose))
    if output:
        write_output(output, data if isinstance(data, bytes) else data + "\n", lang)
        click.echo(
            t(
                "run.wrote_report", lang, path=show_name(output), files=len(results),  # type: ignore[arg-type]
                findings=sum(len(r.findings) for r in results), unreadable=sum(1 for r in results if r.error),
                nothing=sum(1 for r in results if r.status == "nothing_checkable"),
            ),
            err=True,
        )
    elif data:
        click.echo(data, color=True if color else None)


@click.command("rules")
@click.argument("rule_id", required=False)
@rules_option
@profile_option
@click.option("--config", "config_path", type=click.Path(), help="config file (default: discovered from here upward)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--test",
    "test_dir",
    type=click.Path(),
    help="run the tests: of the rules in this pack file or folder (use 'builtin' for the shipped packs)",
)
@lang_option
def rules_command(
    rule_id: str | None, rules_dirs: tuple[str, ...], fmt: str, test_dir: str | None, lang: str,
    profile_arg: str | None = None, config_path: str | None = None,
) -> None:
    """List the rule catalogue, or print one rule's documentation (audit rules SCORE001).
    The list starts with the active profile: the rules it switches on and off, the
    parameters it sets (--profile NAME, else the config's `profile`, else national)."""
    try:
        extra = (*rules_dirs, test_dir) if test_dir and test_dir != "builtin" else rules_dirs
        rules = load_rules(AuditOptions.make(rules_dirs=extra))
    except RulePackError as exc:
        click.echo(exc.message(lang), err=True)  # type: ignore[arg-type]
        sys.exit(2)
    if test_dir:
        sys.exit(_test_rules(rules, test_dir, rule_id))
    options, layer, origin = _rules_profile(profile_arg, config_path, extra, lang)
    effective = options.config()
    if rule_id:
        wanted = rule_id.strip()
        match = [r for r in rules if r.id == wanted.upper() or r.name == wanted]
        if not match:
            from auditor.selection import closest

            near = closest(wanted, rules)
            hint = t("run.closest", lang, close=near) if near else ""  # type: ignore[arg-type]
            _fail(show_name(t("report.unknown_rule", lang, rule=rule_id) + hint))  # type: ignore[arg-type]
        if fmt == "json":
            click.echo(json.dumps(match[0].model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            click.echo(render_rule(match[0], lang))
            sets = layer.params.get(match[0].id)
            if sets:
                values = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(sets.items()))
                click.echo(f"\n{t('run.profile_sets', lang, profile=options.profile, values=values)}")  # type: ignore[arg-type]
        return
    from auditor.profiles.render import rule_is_on, summary_lines

    if fmt == "json":
        rows = [
            {"id": r.id, "name": r.name, "title_zh": rule_title(r, "zh"), "title_en": rule_title(r, "en"),
             "severity": r.severity, "over": r.over, "file": Path(r.file).name,
             "on": rule_is_on(r, effective.params, layer.ignore)}
            for r in rules
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for line in summary_lines(load_profile(options.profile), layer, rules, lang, origin):
        click.echo(line)
    width = max((len(r.name) for r in rules), default=0)
    off = t("run.rule_off", lang)  # type: ignore[arg-type]
    for r in rules:  # the title in the run's language; English adds the description's first sentence
        mark = "" if rule_is_on(r, effective.params, layer.ignore) else off + " "
        extra = f" — {_summary(r.docs.description)}" if lang == "en" else ""
        click.echo(f"{r.id:<10} {r.severity:<8} {r.name:<{width}}  {mark}{rule_title(r, lang)}{extra}")


def _rules_profile(
    profile_arg: str | None, config_path: str | None, rules_dirs: tuple[str, ...], lang: str
) -> tuple[AuditOptions, RunLayer, str]:
    """The options `audit rules` / `audit profiles` describe: --profile, else the config's
    (--config or discovered from the working folder), else the default."""
    try:
        config = load_config(Path(config_path)) if config_path else discover_config(".")
    except ConfigError as exc:
        _fail(exc.message(lang))
    options = run_options(config, profile_arg, rules_dirs, [], [], {}, lang)
    try:
        layer = _profile_checked(options, profile_arg, config)
    except (RulePackError, PathProblem) as exc:
        _fail(exc.message(lang))  # type: ignore[arg-type]
    origin = (
        f" ({t('run.from_cli', lang)})" if profile_arg  # type: ignore[arg-type]
        else f" ({shown_path(config.source)})" if config.profile and config.source
        else f" ({t('run.by_default', lang)})"  # type: ignore[arg-type]
    )
    return options, layer, origin


def facts_lexicon(path: str, profile_arg: str | None, config_path: str | None, lang: str) -> str:
    """`audit facts`: the lexicon extension of the profile and config a check of `path` would use."""
    try:
        config = load_config(Path(config_path)) if config_path else discover_config(path)
    except ConfigError as exc:
        _fail(exc.message(lang))
    options = run_options(config, profile_arg, (), [], [], {}, lang)
    try:
        _profile_checked(options, profile_arg, config)
    except (RulePackError, PathProblem) as exc:
        _fail(exc.message(lang))  # type: ignore[arg-type]
    return options.lexicon_extension()


@click.command("profiles")
@click.argument("name", required=False)
@click.option("--config", "config_path", type=click.Path(), help="config file (default: discovered from here upward)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def profiles_command(name: str | None, config_path: str | None, fmt: str, lang: str) -> None:
    """List the shipped profiles, or show one (audit profiles sichuan): the rules it switches
    on and off, the parameters and first-level weights it sets, its lexicon additions."""
    from auditor.profiles import available
    from auditor.profiles.render import as_json, listing, summary_lines

    if not name:
        if fmt == "json":
            click.echo(json.dumps(available(), ensure_ascii=False))
            return
        for line in listing(lang):
            click.echo(line)
        return
    options, layer, origin = _rules_profile(name, config_path, (), lang)
    profile = load_profile(options.profile)
    if fmt == "json":
        click.echo(json.dumps(as_json(profile, layer), ensure_ascii=False, indent=2, default=str))
        return
    for line in summary_lines(profile, layer, load_rules(options), lang):
        click.echo(line.removeprefix("# "))


def _test_rules(rules: list[Rule], test_dir: str, rule_id: str | None) -> int:
    """Run the `tests:` of the rules defined under `test_dir`; exit 1 if any fails."""
    from auditor.engine.pack import builtin_rules_dir
    from auditor.engine.ruletests import run_rule_tests, unexplained

    base = builtin_rules_dir() if test_dir == "builtin" else Path(test_dir)
    base = base.resolve()
    mine = [
        r
        for r in rules
        if (Path(r.file).resolve() == base or base in Path(r.file).resolve().parents)
        and (not rule_id or r.id == rule_id.strip().upper())
    ]
    outcomes = run_rule_tests(mine)
    for o in outcomes:
        click.echo(f"{'ok  ' if o.ok else 'FAIL'} {o.rule_id} {o.name}" + (f": {o.detail}" if o.detail else ""))
    failed = sum(not o.ok for o in outcomes)
    untested = [r.id for r in mine if not r.tests]
    for rid in unexplained(mine):
        click.echo(f"note {rid}: an expression rule without a reason: (say why it is not agree/sums_to/ratio/order/meets)")
    click.echo(
        f"{len(outcomes)} tests, {failed} failed; {len(mine)} rules"
        + (f", without tests: {', '.join(untested)}" if untested else "")
    )
    return 1 if failed else 0


def _summary(text: str) -> str:
    first = " ".join(text.split()).split(". ")[0].rstrip(".")
    return first if len(first) <= 100 else first[:99] + "…"
