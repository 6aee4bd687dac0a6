"""`audit --show-config`: the configuration a run would use, each value with where it
came from — the default, a profile, a configuration file, or the command line.

Rule parameters are listed when something other than the rule's own default sets them
(`audit rules ID` shows a rule's defaults); so are the profile's lexicon additions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from auditor.config import Config
from auditor.names import show_name
from auditor.profiles import DEFAULT_PROFILE, RunLayer

Origin = Literal["default", "profile", "file", "command-line"]


@dataclass(frozen=True)
class Setting:
    key: str
    value: Any
    origin: Origin
    source: str  # the profile's name or the file's path; "" for the default and the command line
    op: Literal["=", "+="] = "="


def settings(
    config: Config, given: dict[str, Any], profile: str, layer: RunLayer, cli_params: dict[str, dict[str, Any]]
) -> list[Setting]:
    """`given`: the command-line values (None or empty when the option was not used)."""
    file = shown_path(config.source) if config.source else ""
    out: list[Setting] = []

    def scalar(key: str, default: Any, from_file: Any) -> None:
        if given.get(key) is not None:
            out.append(Setting(key, given[key], "command-line", ""))
        elif from_file is not None:
            out.append(Setting(key, from_file, "file", file))
        else:
            out.append(Setting(key, default, "default", ""))

    def listed(key: str, from_file: list[str], replaces: bool = False) -> None:
        cli = list(given.get(key) or [])
        if cli and replaces:
            out.append(Setting(key, cli, "command-line", ""))
            return
        if from_file:
            out.append(Setting(key, list(from_file), "file", file))
        if cli:
            out.append(Setting(key, cli, "command-line", "", "+=" if from_file else "="))
        if not from_file and not cli:
            out.append(Setting(key, [], "default", ""))

    scalar("profile", DEFAULT_PROFILE, config.profile)
    scalar("lang", "zh", config.lang)
    scalar("fail-on", "error", config.fail_on)
    scalar("fail-on-nothing-checked", False, config.fail_on_nothing_checked if "fail_on_nothing_checked" in config.model_fields_set else None)
    listed("select", config.select, replaces=True)
    listed("ignore", config.ignore)
    for rid in layer.ignore:
        out.append(Setting("ignore", [rid], "profile", profile, "+="))
    listed("rules", config.rule_dirs() if config.rules else [])
    listed("include", config.include)
    if given.get("exclude"):
        out.append(Setting("exclude", list(given["exclude"]), "command-line", ""))
    elif config.exclude is not None:
        out.append(Setting("exclude", list(config.exclude), "file", file))
    else:
        out.append(Setting("exclude", "(built-in list)", "default", ""))
    listed("extend-exclude", config.extend_exclude)
    scalar("respect-gitignore", True, config.respect_gitignore if "respect_gitignore" in config.model_fields_set else None)
    # rule parameters: profile < file < command line, key by key
    merged: dict[tuple[str, str], Setting] = {}
    for rid, values in layer.params.items():
        for k, v in values.items():
            merged[(rid, k)] = Setting(f"params.{rid}.{k}", v, "profile", layer.source.get((rid, k), profile))
    for rid, values in config.params.items():
        for k, v in values.items():
            merged[(rid, k)] = Setting(f"params.{rid}.{k}", v, "file", file)
    for rid, values in cli_params.items():
        for k, v in values.items():
            merged[(rid, k)] = Setting(f"params.{rid}.{k}", v, "command-line", "")
    out += [merged[k] for k in sorted(merged)]
    for rid, level in sorted(config.severity.items()):
        out.append(Setting(f"severity.{rid}", level, "file", file))
    for pattern, ids in sorted(config.per_file_ignores.items()):
        out.append(Setting(f"per-file-ignores.{pattern}", ids, "file", file))
    for key, words in layer.lexicon.items():
        out.append(Setting(f"lexicon.{key}", words, "profile", profile, "+="))
    for key, words in config.lexicon.items():
        out.append(Setting(f"lexicon.{key}", words, "file", file, "+="))
    return out


_ORIGIN = {
    "zh": {"default": "默认", "profile": "评分方案 {source}", "file": "{source}", "command-line": "命令行"},
    "en": {"default": "default", "profile": "profile {source}", "file": "{source}", "command-line": "command line"},
}


def describe(s: Setting, lang: str = "zh") -> str:
    return _ORIGIN["en" if lang == "en" else "zh"][s.origin].format(source=s.source)


def render_text(config: Config, rows: list[Setting], lang: str = "zh") -> list[str]:
    head = {"zh": "配置文件", "en": "config file"}["en" if lang == "en" else "zh"]
    none = {"zh": "（未找到，使用默认值）", "en": "(none found: defaults)"}["en" if lang == "en" else "zh"]
    lines = [f"# {head}: {shown_path(config.source) if config.source else none}"]
    texts = [f"{s.key} {s.op} {_value(s.value)}" for s in rows]
    width = min(max((len(t) for t in texts), default=0), 60)
    for text, s in zip(texts, rows, strict=True):
        lines.append(f"{text:<{width}}  # {describe(s, lang)}")
    return lines


def render_json(config: Config, rows: list[Setting]) -> str:
    data = {
        "config_file": shown_path(config.source) if config.source else None,
        "settings": [
            {"key": s.key, "op": s.op, "value": s.value, "origin": s.origin, "source": s.source or None}
            for s in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def shown_path(path: Path) -> str:
    """A path relative to the working folder when it is under it (as the user would type it)."""
    try:
        return show_name(str(Path(path).resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return show_name(str(path))


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value if value.startswith("(") else json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)
