"""Profiles: a jurisdiction's form and scoring conventions as data (YAML files here).

A profile switches rules on (`enable`: a rule with an `enabled` parameter gets it set)
and off (`disable`), sets rule parameters (`params`, only those the rules declare),
fixes the first-level weights a form's note usually states (`weights`, given to every
rule that declares the parameter `level1_weights`) and adds words to the table layer's
lexicon (`lexicon`). `extends: NAME` starts from another profile. The shipped ones:
national (the default), sichuan, hubei20, department, budget_system; `--profile FILE.yaml`
reads one of a bureau's own.

Precedence of a rule parameter: the rule's default < the profile < the configuration's
[tool.auditor.params] < `--param` on the command line. A report's own statements (its
note on weights) still win where a rule reads them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor import limits, safe_read
from auditor.errors import PathProblem, RulePackError

DEFAULT_PROFILE = "national"
WEIGHTS_PARAM = "level1_weights"
ENABLED_PARAM = "enabled"


class ProfileError(PathProblem):
    """A profile cannot be used: unknown name, broken file, a rule or key it names does not
    exist. One line naming the file (or where the name came from) and the key."""

    PREFIX = {"zh": "评分方案错误", "en": "broken profile"}


class Description(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class ProfileFile(BaseModel):
    """One profile file as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: Description
    extends: str | None = None
    enable: list[str] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)
    weights: dict[str, Annotated[int | float, Field(ge=0)]] | None = None
    lexicon: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    name: str
    file: str
    data: ProfileFile


@dataclass(frozen=True)
class Profile:
    """A profile with its `extends` chain resolved (layers from the root to this one)."""

    name: str
    layers: tuple[Layer, ...]
    enabled: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    param_source: dict[tuple[str, str], str] = field(default_factory=dict)  # (rule, key) -> profile name
    weights: dict[str, float] | None = None
    weights_source: str | None = None
    lexicon: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.layers[-1].file

    def description(self, lang: str = "zh") -> str:
        d = self.layers[-1].data.description
        return d.en if lang == "en" else d.zh


def shipped_dir() -> Path:
    return Path(str(resources.files("auditor.profiles")))


def available() -> list[str]:
    """The shipped profile names, sorted."""
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def _is_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name


def _locate(name: str, where: str, base: Path | None = None) -> Path:
    if _is_path(name):
        path = Path(name)
        if base is not None and not path.is_absolute():
            path = base / path
        return path
    if name in available():
        return shipped_dir() / f"{name}.yaml"
    near = difflib.get_close_matches(name.lower(), available(), n=1, cutoff=0.4)
    hint = {"zh": f"（最接近的是 {near[0]}）", "en": f" (closest: {near[0]})"} if near else {"zh": "", "en": ""}
    known = ", ".join(available())
    raise ProfileError(
        where,
        {
            "zh": f"未知评分方案“{name}”{hint['zh']}；可用：{known}",
            "en": f"unknown profile {name!r}{hint['en']}; known: {known}",
        },
    )


def _read(path: Path) -> ProfileFile:
    from auditor.engine.pack import _load_yaml, _one_line

    file = str(path)
    try:
        text = safe_read.read_text(path, limits.MAX_PACK_BYTES)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(file, f"cannot read: {_one_line(str(exc))}") from None
    try:
        data = _load_yaml(text)
    except Exception as exc:  # noqa: BLE001 - YAML errors, nesting: one line, exit 2
        raise ProfileError(file, f"YAML error: {_one_line(str(exc))}") from None
    if not isinstance(data, dict):
        raise ProfileError(file, "a profile is a mapping (description, extends, enable, disable, params, weights, lexicon)")
    try:
        return ProfileFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(x) for x in err.get("loc", ())) or "(top)"
        detail = "unknown key" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
        raise ProfileError(file, f"{key}: {detail}") from None


@lru_cache(maxsize=16)
def load_profile(name: str, where: str = "--profile") -> Profile:
    """The profile `name` (shipped) or at path `name`, its `extends` chain resolved.
    Raises ProfileError; `where` names the source of an unknown name (--profile, a config file)."""
    chain: list[Layer] = []
    seen: set[str] = set()
    current, origin, base = name, where, None
    while True:
        path = _locate(current, origin, base)
        key = str(path.resolve())
        if key in seen:
            raise ProfileError(str(path), f"extends: a cycle ({' → '.join([*(ly.name for ly in chain), path.stem])})")
        seen.add(key)
        data = _read(path)
        chain.append(Layer(path.stem, str(path), data))
        if data.extends is None:
            break
        current, origin, base = data.extends, f"{path}: extends", path.parent
    layers = tuple(reversed(chain))
    return _merge(Path(name).stem if _is_path(name) else name, layers)


def _merge(name: str, layers: tuple[Layer, ...]) -> Profile:
    from auditor.tables.lexicon import merge_extensions

    enabled: dict[str, None] = {}
    disabled: dict[str, None] = {}
    params: dict[str, dict[str, Any]] = {}
    source: dict[tuple[str, str], str] = {}
    weights, weights_source = None, None
    lexicon: dict[str, Any] = {}
    for layer in layers:
        d = layer.data
        for rid in d.enable:
            disabled.pop(rid, None)
            enabled[rid] = None
        for rid in d.disable:
            enabled.pop(rid, None)
            disabled[rid] = None
        for rid, values in d.params.items():
            params.setdefault(rid, {}).update(values)
            for k in values:
                source[(rid, k)] = layer.name
        if d.weights is not None:  # a profile's weights replace its parent's as a whole
            weights, weights_source = dict(d.weights), layer.name
        if d.lexicon:
            lexicon = merge_extensions(lexicon, d.lexicon)
    return Profile(
        name, layers, tuple(enabled), tuple(disabled), params, source, weights, weights_source, lexicon
    )


def check_profile(profile: Profile, rules: Iterable[Any], partial: bool = False) -> None:
    """Every rule a profile file names exists, every parameter is one the rule declares and
    of its type, every lexicon key is known. Raises ProfileError naming the file and key.
    `partial`: the shipped packs are not loaded (AuditOptions(builtin_rules=False)), so
    rules a profile names that are not loaded are passed over."""
    from auditor.engine.pack import check_overrides
    from auditor.selection import closest
    from auditor.tables.lexicon import lexicon_problem

    rules = list(rules)
    ids = {r.id for r in rules}
    for layer in profile.layers:
        d = layer.data
        for key, named in (("enable", d.enable), ("disable", d.disable), ("params", list(d.params))):
            for rid in named:
                if rid not in ids and not partial:
                    near = closest(rid, rules)
                    raise ProfileError(
                        layer.file, f"{key}: unknown rule id {rid!r}" + (f" (closest: {near})" if near else "")
                    )
        try:
            check_overrides(rules, d.params, layer.file, unknown_rules_ok=partial)
        except RulePackError as exc:
            fld = (exc.field or "params").removeprefix("params.")
            raise ProfileError(layer.file, f"params.{exc.rule_id}.{fld}: {exc.detail}") from None
        problem = lexicon_problem(d.lexicon)
        if problem:
            raise ProfileError(layer.file, f"lexicon.{problem}")


@dataclass(frozen=True)
class RunLayer:
    """What a profile does to a run over loaded rules: parameter overrides by rule id (with
    the profile that set each), rules to ignore, and its lexicon additions."""

    params: dict[str, dict[str, Any]]
    source: dict[tuple[str, str], str]
    ignore: tuple[str, ...]
    lexicon: dict[str, Any]


def run_layer(profile: Profile, rules: Iterable[Any]) -> RunLayer:
    params: dict[str, dict[str, Any]] = {}
    source: dict[tuple[str, str], str] = {}
    by_id = {r.id: r for r in rules}

    def put(rid: str, key: str, value: Any, who: str) -> None:
        params.setdefault(rid, {})[key] = value
        source[(rid, key)] = who

    if profile.weights is not None:
        for r in by_id.values():
            if isinstance(r.params.get(WEIGHTS_PARAM), Mapping):  # a table of first-level name -> points
                put(r.id, WEIGHTS_PARAM, dict(profile.weights), profile.weights_source or profile.name)
    ignore = []
    for rid in profile.enabled:
        if rid in by_id and ENABLED_PARAM in by_id[rid].params:
            put(rid, ENABLED_PARAM, True, _setter(profile, "enable", rid))
    for rid in profile.disabled:
        if rid in by_id and ENABLED_PARAM in by_id[rid].params:
            put(rid, ENABLED_PARAM, False, _setter(profile, "disable", rid))
        else:
            ignore.append(rid)
    for rid, values in profile.params.items():
        for k, v in values.items():
            put(rid, k, v, profile.param_source[(rid, k)])
    return RunLayer(params, source, tuple(ignore), profile.lexicon)


def _setter(profile: Profile, key: str, rid: str) -> str:
    """The last profile of the chain that put `rid` in its enable/disable list."""
    for layer in reversed(profile.layers):
        if rid in getattr(layer.data, key):
            return layer.name
    return profile.name


def merge_params(*layers: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Parameter overrides by rule id, later layers winning key by key."""
    out: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for rid, values in layer.items():
            out.setdefault(rid, {}).update(values)
    return out
