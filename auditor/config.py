"""Configuration: `[tool.auditor]` in pyproject.toml or a `.auditor.toml`, discovered upward
from the input like ruff does, or given with --config. Command-line options win.

    [tool.auditor]
    select = ["SCORE", "MONEY"]
    ignore = ["SELF001"]
    fail-on = "warning"
    rules = ["bureau_rules"]          # extra packs, relative to the config file
    lang = "en"
    profile = "sichuan"               # a shipped profile (audit profiles) or a profile file

    [tool.auditor.params.SELF001]
    threshold = 5

    [tool.auditor.severity]
    RATE005 = "error"

    [tool.auditor.per-file-ignores]
    "drafts/*.docx" = ["DATE"]

    [tool.auditor.lexicon]            # words added to auditor/tables/lexicon.yaml's lists
    total_rows = ["自评得分合计"]
    statuses = { completed = ["圆满完成"] }

Unknown rule ids in select/ignore/per-file-ignores/params are refused by the CLI once the
rules are loaded (auditor.selection); this module refuses what is wrong in the file itself.
"""

from __future__ import annotations

import errno
import fnmatch
import math
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor import limits, safe_read
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
    # rule id -> error/warning/info; ids and values are checked against the loaded rules
    # (engine.pack.check_severities), which the config alone does not know
    severity: dict[str, str] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    include: list[str] = Field(default_factory=list)
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field(default_factory=list, alias="extend-exclude")
    respect_gitignore: bool = Field(True, alias="respect-gitignore")
    fail_on_nothing_checked: bool = Field(False, alias="fail-on-nothing-checked")
    profile: str | None = None
    lexicon: dict[str, Any] = Field(default_factory=dict)
    source: Path | None = Field(None, exclude=True)

    def profile_name(self) -> str | None:
        """The profile named, a profile file resolved against the config's folder."""
        if self.profile is None:
            return None
        from auditor.profiles import _is_path

        if _is_path(self.profile) and self.source is not None and not Path(self.profile).is_absolute():
            return str(self.source.parent / self.profile)
        return self.profile

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


_OS_REASONS = {
    errno.ENOENT: {"zh": "文件不存在", "en": "file not found"},
    errno.EISDIR: {"zh": "这是一个文件夹，不是文件", "en": "is a folder, not a file"},
    errno.EACCES: {"zh": "没有读取权限", "en": "permission denied"},
}


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(safe_read.read_text(path, limits.MAX_CONFIG_BYTES))  # regular files only
    except OSError as exc:
        detail = _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
        raise ConfigError(path, detail) from None
    except UnicodeDecodeError:
        raise ConfigError(path, {"zh": "不是 UTF-8 编码的文本", "en": "not UTF-8 text"}) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, {"zh": f"TOML 语法错误：{exc}", "en": f"TOML syntax error: {exc}"}) from None


def _non_finite(value: Any, where: str) -> str | None:
    """The first nan/inf inside `value` (TOML allows them; no tolerance or threshold means it)."""
    if isinstance(value, float) and not math.isfinite(value):
        return where
    if isinstance(value, dict):
        for k, v in value.items():
            hit = _non_finite(v, f"{where}.{k}")
            if hit:
                return hit
    if isinstance(value, list):
        for i, v in enumerate(value):
            hit = _non_finite(v, f"{where}[{i}]")
            if hit:
                return hit
    return None


def load_config(path: Path) -> Config:
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("auditor", {}) if isinstance(tool, dict) else None
        if not isinstance(section, dict):
            raise ConfigError(path, {"zh": "[tool.auditor] 必须是一个表（table）", "en": "[tool.auditor] must be a table"})
    else:
        section = data
    bad = _non_finite(section, "")
    if bad:
        field = bad.lstrip(".")
        raise ConfigError(path, {"zh": f"{field}：必须是有限的数值", "en": f"{field}: must be a finite number"})
    try:
        config = Config.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        raise ConfigError(path, f"{field}: {first['msg']}") from None
    from auditor.tables.lexicon import lexicon_problem

    problem = lexicon_problem(config.lexicon)
    if problem:
        raise ConfigError(path, f"lexicon.{problem}")
    config.source = path
    return config


def discover_config(start: str) -> Config:
    """The nearest .auditor.toml, or pyproject.toml with a [tool.auditor] table, at or above
    `start`; an empty Config when there is none. A pyproject.toml that does not parse is an
    error, not skipped: it may be the one holding the [tool.auditor] table."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                tool = _read(candidate).get("tool", {})
                if not isinstance(tool, dict) or "auditor" not in tool:
                    continue
            return load_config(candidate)
    return Config()
