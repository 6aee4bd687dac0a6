"""Command line: `audit PATH…` checks reports; `audit dump FILE` shows what was read.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 when the run cannot be done
(usage error, unreadable input, bad config or output), 130 after Ctrl-C.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys

import click

from auditor import __version__
from auditor.engine.commands import check_command, profile_option, profiles_command, rules_command
from auditor.errors import InputError
from auditor.models import Document, Paragraph, Table
from auditor.names import show_name
from auditor.readers import read_document

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="message language"
)


# What a console or file encoding (GBK on a Chinese Windows) lacks is replaced, never fatal;
# a few signs get a near equivalent rather than '?'.
_NEAR = {"\u2212": "-", "\u2713": "v", "\u2714": "v", "\u26a0": "!", "\u2011": "-", "\u00a0": " "}


def _replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_NEAR.get(ch, "?") for ch in bad), exc.end


codecs.register_error("auditor-replace", _replace)


def safe_streams() -> None:
    """stdout/stderr never fail on a character their encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors="auditor-replace")


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, is a path for `check`:
    `audit draft.docx` means `audit check draft.docx`."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C exits 130 with one line; a bug exits 2 with one line (no traceback
        unless AUDITOR_TRACEBACK is set): 1 is kept for findings."""
        from auditor.i18n import t
        from auditor.interrupt import interrupts_kept

        lang = "en" if _lang_arg(ctx) == "en" else "zh"
        try:
            with interrupts_kept():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(t("run.interrupted", lang), err=True)
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:  # `audit … | head`: the reader left; say nothing more
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(2) from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the last boundary before the user's terminal
            if os.environ.get("AUDITOR_TRACEBACK"):
                raise
            detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
            click.echo(t("run.internal", lang, detail=show_name(detail)), err=True)
            raise click.exceptions.Exit(2) from None


def _lang_arg(ctx: click.Context) -> str | None:
    args = [*getattr(ctx, "_protected_args", []), *ctx.args]  # the subcommand's own arguments
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
def main() -> None:
    """Check budget performance evaluation reports (预算绩效评价报告) for internal consistency.

    \b
    audit draft.docx            check one report (same as `audit check draft.docx`)
    audit dump draft.docx       show the document model that was read
    """
    safe_streams()


@main.command("dump")
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
def dump(path: str, fmt: str, lang: str) -> None:
    """Print the document model read from PATH (paragraphs and tables in reading order)."""
    try:
        doc = read_document(path)
    except InputError as exc:
        click.echo(exc.message(lang), err=True)  # type: ignore[arg-type]
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(doc.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1))
        return
    for line in render_document(doc, lang):
        click.echo(line)


@main.command("facts")
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="also list what could not be read")
@profile_option
@click.option("--config", "config_path", type=click.Path(), help="config file (default: discovered upward)")
@LANG_OPTION
def facts_cmd(
    path: str, fmt: str, verbose: bool, lang: str, profile_arg: str | None = None, config_path: str | None = None
) -> None:
    """Print the facts extracted from PATH: score trees, claims, with their places (read
    with the lexicon additions of the profile and the config)."""
    from auditor.engine.commands import facts_lexicon
    from auditor.extract import extract_facts
    from auditor.report.facts_text import render_facts
    from auditor.tables.lexicon import use_lexicon

    extension = facts_lexicon(path, profile_arg, config_path, lang)
    try:
        doc = read_document(path)
    except InputError as exc:
        click.echo(exc.message(lang), err=True)  # type: ignore[arg-type]
        sys.exit(2)
    with use_lexicon(extension):
        facts = extract_facts(doc)
    if verbose:
        facts.notes = [*doc.notes, *facts.notes]
    else:
        facts.notes = []
    if fmt == "json":
        click.echo(facts.model_dump_json(indent=1, exclude_none=True))
        return
    for line in render_facts(facts, lang):
        click.echo(line)


def render_document(doc: Document, lang: str = "zh") -> list[str]:
    """Readable text view of a document, one block after another."""
    lines = [f"# {show_name(doc.path)} ({doc.format}" + (f", {doc.pages} pages" if doc.pages else "") + ")"]
    for block in doc.blocks:
        where = block.location.describe("en")
        if isinstance(block, Paragraph):
            mark = "#" * block.heading_level + " " if block.heading_level else ""
            lines.append(f"[{where}] {mark}{block.text}")
        else:
            lines.extend(_render_table(block, indent=""))
    for note in doc.notes:
        lines.append(f"! {note.text(lang)}")
    return lines


def _render_table(table: Table, indent: str) -> list[str]:
    cap = f" «{table.caption}»" if table.caption else ""
    out = [f"{indent}[table {table.index + 1}: {table.n_rows}x{table.n_cols}{cap} at {table.location.describe('en')}]"]
    for r, row in enumerate(table.rows):
        cells = []
        for cell in row:
            span = ""
            if cell.row_span > 1 or cell.col_span > 1:
                span = f"{{{cell.row_span}x{cell.col_span}}}"
            cells.append(f"{cell.col}{span}:{cell.text.replace(chr(10), '⏎')}")
        out.append(f"{indent}  r{r}: " + " | ".join(cells))
        for cell in row:
            for inner in cell.tables:
                out.extend(_render_table(inner, indent + "    "))
    return out


main.add_command(check_command, "check")
main.add_command(rules_command, "rules")
main.add_command(profiles_command, "profiles")


if __name__ == "__main__":  # pragma: no cover
    main()
