"""Configuration: `[tool.auditor]` in pyproject.toml or a `.auditor.toml`, discovered upward
from the input like ruff does, or given with --config. Command-line options win.

    [tool.auditor]
    select = ["SCORE", "MONEY"]
    ignore = ["SELF001"]
    fail-on = "warning"
    rules = ["bureau_rules"]          # extra packs, relative to the config file
    lang = "en"

    [tool.auditor.params.SELF001]
    threshold = 5

    [tool.auditor.per-file-ignores]
    "drafts/*.docx" = ["DATE"]
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.errors import PathProblem

CONFIG_NAMES = (".auditor.toml", "pyproject.toml")


class ConfigError(PathProblem):
    PREFIX = {"zh": "配置文件错误", "en": "broken configuration"}


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    rules: list[str] = Field(default_factory=list)
    lang: Literal["zh", "en"] | None = None
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    source: Path | None = Field(None, exclude=True)

    def ignores_for(self, path: str) -> list[str]:
        """Rule ids/prefixes ignored for one file (patterns relative to the config's folder)."""
        if not self.per_file_ignores:
            return []
        base = self.source.parent if self.source else Path.cwd()
        p = Path(path).resolve()
        try:
            rel = p.relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        out: list[str] = []
        for pattern, ids in sorted(self.per_file_ignores.items()):
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern):
                out += ids
        return out

    def rule_dirs(self) -> list[str]:
        base = self.source.parent if self.source else Path.cwd()
        return [str((base / r).resolve()) for r in self.rules]


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, str(exc)) from None
    section = data.get("tool", {}).get("auditor", {}) if path.name == "pyproject.toml" else data
    try:
        config = Config.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        raise ConfigError(path, f"{field}: {first['msg']}") from None
    config.source = path
    return config


def discover_config(start: str) -> Config:
    """The nearest .auditor.toml, or pyproject.toml with a [tool.auditor] table, at or above
    `start`; an empty Config when there is none."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    has_table = "auditor" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {})
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    has_table = False
                if not has_table:
                    continue
            return load_config(candidate)
    return Config()
