"""Rule packs: YAML files of rules, validated with pydantic and vetted by the sandbox.

A broken pack — YAML error, unknown field, bad severity, an expression that does not
parse or uses an unknown name, an unknown collection, a duplicate id — raises
`RulePackError` naming the file, the rule id and the field. Loading never runs a
rule; it only parses and checks (constant sub-expressions aside, see sandbox).
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from auditor import limits, safe_read
from auditor.engine.intervals import ROUNDING_MODES
from auditor.engine.records import Group, Rec
from auditor.engine.ruletypes import TYPES, Agree, Meets, Order, Ratio, SumsTo, expand
from auditor.engine.sandbox import STR_METHODS, SandboxError, check_expression, record_fields
from auditor.engine.views import Views
from auditor.engine.vocabulary import Vocabulary
from auditor.errors import RulePackError

MAX_PACK_BYTES = limits.MAX_PACK_BYTES
ID_PATTERN = r"^[A-Z][A-Z_]{1,15}[0-9]{3}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
TAG_PATTERN = NAME_PATTERN

# Names every expression may use besides the collections and the vocabulary.
BASE_NAMES = ("item", "params", "report")
# Parameters the engine itself reads; a rule may add any others it uses.
DEFAULT_PARAMS: dict[str, Any] = {"rounding": "either", "tolerance": 0}


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


def rule_title(rule: Rule, lang: str) -> str:
    """The rule's title in `lang`; its kebab-case name when the pack gives none."""
    if rule.title is None:
        return rule.name
    return rule.title.en if lang == "en" else rule.title.zh


_PUNCT_ZH = "\u3000-\u303f\uff00-\uffef\u201c\u201d"  # 。，、：（）“” …: no space follows them
_CJK_SPACE = re.compile(f"(?<=[{_PUNCT_ZH}]) |(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff{_PUNCT_ZH}])")


def rule_description(rule: Rule, lang: str) -> str:
    """The rule's description in `lang` as one paragraph; Chinese falls back to the
    English one when the pack gives none (a bureau's own pack may not)."""
    if lang == "zh" and rule.docs.description_zh:
        # YAML folds a line break into a space: after Chinese punctuation or between two
        # Chinese characters it is none; spaces around ≤, ×, − and Latin words stay
        return _CJK_SPACE.sub("", " ".join(rule.docs.description_zh.split()))
    return " ".join(rule.docs.description.split())


class Docs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1, description="what the rule checks and why, for the rule's page")
    description_zh: str | None = Field(
        default=None, min_length=1,
        description="the same in Chinese, for the Chinese page (absent: the English description is shown)",
    )
    passing: str = Field(min_length=1, description="an example the rule accepts")
    failing: str = Field(min_length=1, description="an example the rule reports")


class PlaceExpect(BaseModel):
    """A place a finding must name: every field given must match one of its places
    (`quote` is contained in the printed text; line/table/row/col are the location's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str | None = None
    quote: str | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


class Expect(BaseModel):
    """One finding a rule test expects: each given text must occur in the finding's
    `found`, `expected` or English message, and each `places` entry must match one of
    its places (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    found: str | None = None
    expected: str | None = None
    message: str | None = None
    places: list[PlaceExpect] = Field(default_factory=list)


class RuleTest(BaseModel):
    """A report snippet in Markdown and the findings of this rule it must give:
    `findings: 0` for none; else one `expect` entry per finding (in reading order)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    report: str = Field(min_length=1, description="a small report in Markdown (pipe tables allowed)")
    findings: int | None = Field(None, ge=0, description="how many findings (default: len(expect))")
    expect: list[Expect] = Field(default_factory=list)
    params: dict[str, Any] = Field(
        default_factory=dict, description="parameter overrides for this test, as a config file would give them"
    )

    def count(self) -> int:
        return self.findings if self.findings is not None else len(self.expect)


class Flag(BaseModel):
    """A tag added to a finding when `when` holds, raising its severity (default error):
    `grade-band-change`, `target-flip`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tag: str = Field(pattern=TAG_PATTERN)
    when: str
    severity: Literal["error", "warning", "info"] = "error"


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, description="stable code, e.g. SCORE001")
    name: str = Field(pattern=NAME_PATTERN, description="kebab-case name")
    title: Message | None = Field(None, description="a short title in Chinese and English, shown by reports and rule pages")
    severity: Literal["error", "warning", "info"]
    over: str = Field(description="the collection the rule iterates over")
    when: str | None = Field(None, description="guard: the rule applies to an item only when true")
    let: dict[str, str] = Field(default_factory=dict, description="named values computed before the check")
    needs: list[str] = Field(
        default_factory=list, description="values that must be known (else not checkable)"
    )
    check: str = Field(description="true when the item is consistent")
    params: dict[str, Any] = Field(default_factory=dict, description="rounding, tolerance, thresholds …")
    message: Message
    values: dict[str, str] = Field(default_factory=dict, description="named values for the message")
    places: str = Field(description="the places involved, as a list")
    key: str = Field(description="a stable key of the claim checked")
    flags: list[Flag] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    docs: Docs
    tests: list[RuleTest] = Field(default_factory=list, description="report snippets with the findings expected")
    reason: str | None = Field(
        None,
        min_length=1,
        description="why an expression rule is not one of the typed forms (required in the shipped packs)",
    )
    reason_zh: str | None = Field(
        None, min_length=1, description="the same in Chinese, for the Chinese page (absent: the English reason is shown)"
    )
    # typed forms (engine/ruletypes.py): at most one; they fill in the general fields above
    agree: Agree | None = None
    sums_to: SumsTo | None = None
    ratio: Ratio | None = None
    order: Order | None = None
    meets: Meets | None = None

    @model_validator(mode="before")
    @classmethod
    def _expand_type(cls, data: Any) -> Any:
        if isinstance(data, dict) and sum(1 for t in TYPES if t in data) > 1:
            raise ValueError(f"a rule has at most one type ({', '.join(TYPES)})")
        return expand(data)

    _file: str = PrivateAttr(default="")
    _compiled: dict[str, ast.expr] = PrivateAttr(default_factory=dict)

    @field_validator("tags")
    @classmethod
    def _tags_kebab(cls, v: list[str]) -> list[str]:
        for tag in v:
            if not re.match(TAG_PATTERN, tag):
                raise ValueError(f"tag {tag!r} is not kebab-case")
        return v

    @property
    def file(self) -> str:
        return self._file

    def expr(self, field: str) -> ast.expr:
        return self._compiled[field]

    def effective_params(self, overrides: Mapping[str, Any] | None = None) -> Rec:
        merged = {**DEFAULT_PARAMS, **self.params, **(overrides or {})}
        return to_rec(merged)

    def typed(self) -> str | None:
        """The rule's type (agree, sums_to …), or None for an expression rule."""
        return next((t for t in TYPES if getattr(self, t) is not None), None)

    def message_fields(self) -> list[str]:
        return sorted({*self.let, *self.values})


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pack: str | None = Field(None, description="the pack's name")
    description: str | None = None
    rules: list[Rule] = Field(default_factory=list)


# ------------------------------------------------------------------ values


def to_rec(value: Any) -> Any:
    """YAML values into expression values: floats -> Decimal, lists -> tuples, mappings -> Rec."""
    from auditor.engine.intervals import to_decimal

    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return to_decimal(value)
    if isinstance(value, list | tuple):
        return tuple(to_rec(v) for v in value)
    if isinstance(value, Mapping):
        return Rec({str(k): to_rec(v) for k, v in value.items()})
    return value


# ------------------------------------------------------------------ YAML


# libyaml's loader when present (5x faster than the pure-Python one; loading the packs is
# part of every run's start-up), else PyYAML's own safe loader.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _reject_aliases(node: yaml.Node) -> None:
    """Refuse anchors/aliases: a 'billion laughs' of aliases would expand when validated,
    and rule packs never need them. An alias is a node reachable twice in the graph."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            raise yaml.YAMLError("aliases (*name) are not allowed in rule packs")
        seen.add(id(n))
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))


def _load_yaml(text: str) -> Any:
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _reject_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _read_yaml(path: Path) -> Any:
    try:
        text = safe_read.read_text(path, MAX_PACK_BYTES)  # a FIFO or /dev/zero is refused unread
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(str(path), f"cannot read: {_one_line(str(exc))}") from None
    try:
        return _load_yaml(text)
    except yaml.YAMLError as exc:
        raise RulePackError(str(path), f"YAML error: {_one_line(str(exc))}") from None
    except (RecursionError, MemoryError):
        raise RulePackError(str(path), "YAML nests too deeply") from None


def _one_line(text: str) -> str:
    """PyYAML's messages span lines ('… in "<unicode string>", line 3, column 5'): one line."""
    return "; ".join(part.strip() for part in text.splitlines() if part.strip())[:300]


# ------------------------------------------------------------------ loading


def _rule_id_at(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(data, dict):
        rules = data.get("rules")
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            rid = rules[loc[1]].get("id")
            return str(rid) if rid is not None else f"rules[{loc[1]}]"
    return None


def _field_at(loc: tuple[Any, ...]) -> str:
    rest = loc[2:] if len(loc) >= 2 and loc[0] == "rules" else loc
    out = ""
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "rules"


def parse_pack(path: Path, data: Any) -> list[Rule]:
    """Validate one pack's data (already read from YAML) and vet its expressions."""
    file = str(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RulePackError(file, "a rule pack is a mapping with a 'rules' list")
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err.get("loc", ()))
        detail = err.get("msg", "invalid")
        if err.get("type") == "extra_forbidden":
            detail = "unknown field"
        raise RulePackError(file, detail, rule_id=_rule_id_at(data, loc), field=_field_at(loc)) from None
    for rule in pack.rules:
        rule._file = file
        compile_rule(rule)
    return pack.rules


def compile_rule(rule: Rule) -> None:
    """Check the rule's collection, parameters, expressions and message templates."""
    file = rule.file

    def fail(field: str, detail: str) -> RulePackError:
        return RulePackError(file, detail, rule_id=rule.id, field=field)

    if rule.over not in Views.COLLECTIONS:
        raise fail(
            "over", f"unknown collection {rule.over!r} (known: {', '.join(sorted(Views.COLLECTIONS))})"
        )
    check_params(rule, rule.params, fail)
    _check_agree(rule, fail)
    for i, test in enumerate(rule.tests):
        for key, val in test.params.items():
            problem = (
                f"rule has no parameter {key!r}"
                if key not in rule.params and key not in DEFAULT_PARAMS
                else param_value_error({**DEFAULT_PARAMS, **rule.params}[key], val)
            )
            if problem:
                raise fail(f"tests[{i}].params.{key}", problem)

    functions = set(Vocabulary.names()) | {"list", "tuple"}
    attributes = set(record_fields()) | set(STR_METHODS) | _param_keys(rule.params)
    base = set(BASE_NAMES) | set(Views.COLLECTIONS)

    def compile_one(field: str, text: str, extra: Iterable[str]) -> None:
        try:
            rule._compiled[field] = check_expression(text, base | set(extra), functions, attributes)
        except SandboxError as exc:
            raise fail(field, str(exc)) from None

    if rule.agree is not None and rule.agree.where is not None:
        compile_one("agree.where", rule.agree.where, ())
    if rule.when is not None:
        compile_one("when", rule.when, ())
    defined: list[str] = []
    for name, text in rule.let.items():
        if not name.isidentifier() or name.startswith("_") or name in base or name in functions:
            raise fail(f"let.{name}", "a let name must be a new identifier not starting with '_'")
        compile_one(f"let.{name}", text, defined)
        defined.append(name)
    for i, text in enumerate(rule.needs):
        compile_one(f"needs[{i}]", text, defined)
    compile_one("check", rule.check, defined)
    for name, text in rule.values.items():
        if not name.isidentifier() or name.startswith("_"):
            raise fail(f"values.{name}", "a value name must be an identifier not starting with '_'")
        compile_one(f"values.{name}", text, defined)
    compile_one("places", rule.places, defined)
    compile_one("key", rule.key, defined)
    for i, flag in enumerate(rule.flags):
        compile_one(f"flags[{i}].when", flag.when, defined)
    _check_item_fields(rule, fail)
    for lang in ("zh", "en"):
        check_template(
            getattr(rule.message, lang),
            set(rule.message_fields()),
            lambda d, lang=lang: fail(f"message.{lang}", d),
        )


def _check_agree(rule: Rule, fail: Any) -> None:
    """An `agree` rule names groups (`over`) or statements to group (`of` + `by`), and the
    fields it groups by and compares are fields of the statements' record type."""
    spec = rule.agree
    if spec is None:
        return
    if (spec.over is None) == (spec.of is None):
        raise fail("agree", "give either 'over' (a collection of groups) or 'of' (statements to group)")
    if spec.over is not None:
        if Views.record_type(spec.over) is not Group:
            raise fail("agree.over", f"{spec.over!r} is not a collection of groups")
        return
    rec = Views.record_type(spec.of or "")
    if rec is None:
        raise fail("agree.of", f"unknown collection {spec.of!r}")
    if not spec.by:
        raise fail("agree.by", "name the fields that make two statements the same quantity")
    fields = rec.field_names()  # type: ignore[attr-defined]
    for fld, names in (("agree.by", spec.by), ("agree.value", [spec.value] if spec.value else []), ("agree.label", [spec.label])):
        for name in names:
            if name not in fields:
                raise fail(fld, f"{rec.__name__} (the items of {spec.of!r}) has no field {name!r} (fields: {', '.join(sorted(fields))})")


def _check_item_fields(rule: Rule, fail: Any) -> None:
    """`item.<field>` and `report.<field>` must be fields of the collection's record type:
    a field of another record would load and then leave every item not checkable."""
    from auditor.engine.records import Report

    grouped = rule.agree is not None and rule.agree.of is not None
    for fld, tree in rule._compiled.items():
        item_type = Views.record_type(rule.over) if not grouped or fld == "agree.where" else Group
        known: dict[str, Any] = {"item": item_type, "report": Report}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
                continue
            rec = known.get(node.value.id)
            if rec is None or node.value.id in rule.let:
                continue
            if node.attr not in rec.field_names():  # type: ignore[attr-defined]
                raise fail(
                    fld,
                    f"{node.value.id}.{node.attr}: {rec.__name__} (the items of {rule.over!r}) has no field "
                    f"{node.attr!r} (fields: {', '.join(sorted(rec.field_names()))})"  # type: ignore[attr-defined]
                    if node.value.id == "item"
                    else f"report.{node.attr}: the report record has no field {node.attr!r}",
                )


def _param_keys(params: Mapping[str, Any]) -> set[str]:
    keys: set[str] = set()
    for k, v in params.items():
        keys.add(str(k))
        if isinstance(v, Mapping):
            keys |= _param_keys(v)
    return keys


def check_params(rule: Rule, params: Mapping[str, Any], fail: Any) -> None:
    for key in params:
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise fail(f"params.{key}", "parameter names are identifiers not starting with '_'")
    mode = params.get("rounding", "either")
    if mode not in ROUNDING_MODES:
        raise fail("params.rounding", f"unknown rounding mode {mode!r} (one of {', '.join(ROUNDING_MODES)})")
    tol = params.get("tolerance", 0)
    if isinstance(tol, bool) or not isinstance(tol, int | float) or tol < 0:
        raise fail("params.tolerance", "tolerance must be a number ≥ 0")


# ------------------------------------------------------------------ typed parameters

SEVERITIES = ("error", "warning", "info")


class ConfigOverrideError(RulePackError):
    """A config file's parameter or severity override does not fit the loaded rules."""

    PREFIX = {"zh": "配置文件错误", "en": "broken configuration"}


def param_type(default: Any) -> str:
    """A parameter's type, from its default in the pack: what an override must be."""
    if isinstance(default, bool):
        return "true/false"
    if isinstance(default, int | float):
        return "a number"
    if isinstance(default, str):
        return "text"
    if isinstance(default, list | tuple):
        return f"a list of {_plural(param_type(default[0]))}" if default else "a list"
    if isinstance(default, Mapping):
        return "a table"
    return "any value"


def _plural(kind: str) -> str:
    return {"a number": "numbers", "text": "text", "true/false": "true/false values"}.get(kind, "values")


def param_value_error(default: Any, value: Any) -> str | None:
    """Why `value` cannot override a parameter whose default is `default` (None if it can)."""
    want = param_type(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list | tuple):
        ok = isinstance(value, list | tuple) and (
            not default or all(param_value_error(default[0], v) is None for v in value)
        )
    elif isinstance(default, Mapping):
        if not isinstance(value, Mapping):
            ok = False
        else:
            for k, v in value.items():
                if k not in default:
                    return f"unknown key {k!r} (keys: {', '.join(sorted(map(str, default)))})"
                inner = param_value_error(default[k], v)
                if inner:
                    return f"{k}: {inner}"
            ok = True
    else:
        ok = True
    return None if ok else f"must be {want}, not {value!r}"


def check_overrides(
    rules: Iterable[Rule], params: Mapping[str, Mapping[str, Any]], file: str, unknown_rules_ok: bool = False
) -> None:
    """Config overrides of rule parameters: the rule must exist, the key must be one of
    its parameters (or the engine's rounding/tolerance) and the value of its type.
    Raises RulePackError naming the config file, the rule and the key."""
    by_id = {r.id: r for r in rules}
    for rid, overrides in params.items():
        rule = by_id.get(str(rid))  # exact: the runner looks the overrides up by id
        if rule is None:
            if unknown_rules_ok:
                continue
            hint = f" (did you mean {str(rid).upper()}?)" if str(rid).upper() in by_id else ""
            raise ConfigOverrideError(file, f"unknown rule id {rid!r}{hint}", str(rid), "params")
        if not isinstance(overrides, Mapping):
            raise ConfigOverrideError(file, "parameters of a rule are a table (key = value)", rule.id, "params")

        def fail(fld: str, detail: str, rid: str = rule.id) -> RulePackError:
            return ConfigOverrideError(file, detail, rid, fld)

        for key, value in overrides.items():
            if key in DEFAULT_PARAMS and key not in rule.params:
                continue  # checked by check_params below
            if key not in rule.params:
                known = ", ".join(sorted({*rule.params, *DEFAULT_PARAMS}))
                raise fail(f"params.{key}", f"rule has no parameter {key!r} (its parameters: {known})")
            problem = param_value_error(rule.params[key], value)
            if problem:
                raise fail(f"params.{key}", problem)
        check_params(rule, overrides, fail)


def check_severities(rules: Iterable[Rule], severity: Mapping[str, str], file: str) -> None:
    """Config severity overrides ([tool.auditor.severity] RATE005 = "error"): a known rule
    id and a known severity."""
    ids = {r.id for r in rules}
    for rid, level in severity.items():
        if str(rid).upper() not in ids:
            raise ConfigOverrideError(file, f"unknown rule id {rid!r}", str(rid), "severity")
        if level not in SEVERITIES:
            raise ConfigOverrideError(
                file, f"unknown severity {level!r} (one of {', '.join(SEVERITIES)})", str(rid), "severity"
            )


def check_template(template: str, fields: set[str], fail: Any) -> None:
    """Message templates may only use {name} of a `let` or `values` entry: no
    attribute access, indexing, conversion or format spec (str.format would otherwise
    read attributes of the values, and '{x:>999999999}' allocates a gigabyte)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise fail(f"bad template: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or name.startswith("_"):
            raise fail(f"template field {{{name}}} must be a plain name")
        if spec or conversion:
            raise fail(f"template field {{{name}}} may not have a format spec or conversion")
        if name not in fields:
            raise fail(f"template field {{{name}}} is not defined in 'let' or 'values'")


def load_pack(path: Path) -> list[Rule]:
    return parse_pack(path, _read_yaml(path))


def load_packs(dirs: list[Path] | None = None, builtin: bool = True) -> list[Rule]:
    """Load the shipped packs (unless builtin=False) and every *.yaml / *.yml in `dirs`.
    Rules come back sorted by id; a duplicate id or name is an error naming both files."""
    paths: list[Path] = []
    shipped: set[Path] = set()
    if builtin:
        shipped = set(_pack_files(builtin_rules_dir()))
        paths += sorted(shipped)
    for d in dirs or []:
        d = Path(d)
        if d.is_file() or (d.exists() and not d.is_dir()):  # a FIFO or device: refused when read
            paths.append(d)
        elif d.is_dir():
            paths += _pack_files(d)
        else:
            raise RulePackError(str(d), "no such rule pack file or folder")
    rules: list[Rule] = []
    by_id: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for path in paths:
        for rule in load_pack(path):
            if path in shipped and rule.typed() is None and not rule.reason:
                raise RulePackError(
                    str(path),
                    "a shipped expression rule says why it is not a typed rule (reason:)",
                    rule_id=rule.id,
                    field="reason",
                )
            if rule.id in by_id:
                raise RulePackError(
                    str(path),
                    f"duplicate rule id (also in {by_id[rule.id].file})",
                    rule_id=rule.id,
                    field="id",
                )
            if rule.name in by_name:
                raise RulePackError(
                    str(path),
                    f"duplicate rule name {rule.name!r} (also {by_name[rule.name].id} in {by_name[rule.name].file})",
                    rule_id=rule.id,
                    field="name",
                )
            by_id[rule.id] = rule
            by_name[rule.name] = rule
            rules.append(rule)
    return sorted(rules, key=lambda r: r.id)


def _pack_files(d: Path) -> list[Path]:
    return sorted([*d.glob("*.yaml"), *d.glob("*.yml")])


def builtin_rules_dir() -> Path:
    """The shipped rules/ folder. In a source checkout or an editable install it is the
    repository's top-level rules/ beside the package; in an installed wheel it is the
    copy installed as data (share/auditor/rules under the install prefix) or, if a
    build copies it into the package, auditor/rules_builtin."""
    import site
    import sys

    here = Path(__file__).resolve().parent.parent  # .../auditor
    candidates = [here.parent / "rules"] if (here.parent / "pyproject.toml").is_file() else []
    try:
        packaged = resources.files("auditor") / "rules_builtin"
        candidates.append(Path(str(packaged)))
    except (ModuleNotFoundError, TypeError):
        pass
    for prefix in (sys.prefix, sys.base_prefix, getattr(site, "USER_BASE", None) or ""):
        if prefix:
            candidates.append(Path(prefix) / "share" / "auditor" / "rules")
    for c in candidates:
        if c.is_dir() and any(c.glob("*.yaml")):
            return c
    raise RulePackError(
        "rules/", "the shipped rule packs were not found (is the package installed completely?)"
    )
