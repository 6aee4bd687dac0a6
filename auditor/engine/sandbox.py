"""The expression sandbox: simpleeval with every limit on, and a static check first.

A rule pack is code-like input from outside (a bureau's own pack, a file in a pull
request). Its expressions run only here, never through `eval`:

- static check at load: length, AST node count and nesting depth, a whitelist of
  syntax (no lambda, f-string, walrus, set, import), no name or attribute starting
  with '_', only known names, functions and record fields; constant sub-expressions
  (`9**9**9`, `'a'*10**10`) are evaluated in the sandbox at load so they fail there;
- at run time: attribute access only to the declared fields of read-only records (and
  a few str methods), numbers only for % // ** (no str formatting), a cap on the size of
  a power's result (exponent × log2 base, not each operand), on integer size, on string
  and comprehension length, and a deadline per evaluation.

simpleeval < 1.0.5 let objects passed as names reach modules (CVE-2026-32640); we refuse
to run with it.
"""

from __future__ import annotations

import ast
import operator as op
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from typing import Any

import simpleeval

from auditor.engine.intervals import Interval, to_decimal
from auditor.engine.records import Rec, Record, record_types

MIN_SIMPLEEVAL = (1, 0, 5)


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _assert_simpleeval_version() -> str:
    try:
        found = _dist_version("simpleeval")
    except PackageNotFoundError:  # vendored or unusual install: fall back to the module
        found = str(getattr(simpleeval, "__version__", "0"))
    if _version_tuple(found) < MIN_SIMPLEEVAL:
        raise ImportError(
            f"simpleeval {found} is too old: rule expressions need simpleeval >= 1.0.5 "
            "(earlier versions let objects passed as names reach modules, CVE-2026-32640)"
        )
    return found


SIMPLEEVAL_VERSION = _assert_simpleeval_version()

MAX_EXPRESSION_CHARS = 2000
MAX_NODES = 600
MAX_DEPTH = 32
MAX_INT_BITS = 16384  # ~4,900 decimal digits: far beyond any figure in a report
MAX_POWER_BITS = 4096  # |exponent| × log2|base| of a power's result
MAX_SEQUENCE = 5_000  # longest string/tuple one + may build
MAX_BUILT = 200_000  # items all + of one evaluation may build together (bounds memory)
EVAL_SECONDS = 2.0  # one evaluation of one expression for one item

STR_METHODS = frozenset(
    {"startswith", "endswith", "strip", "lstrip", "rstrip", "lower", "upper", "find", "count"}
)

_ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Pow,
    ast.UnaryOp,
    ast.USub,
    ast.UAdd,
    ast.Not,
    ast.IfExp,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Is,
    ast.IsNot,
    ast.Call,
    ast.keyword,
    ast.Constant,
    ast.Attribute,
    ast.Subscript,
    ast.Slice,
    ast.Name,
    ast.Load,
    ast.Store,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.ListComp,
    ast.GeneratorExp,
    ast.comprehension,
    ast.Starred,
)


class SandboxError(Exception):
    """An expression was refused (at load) or stopped (at run time) by the sandbox."""


class SandboxLimit(SandboxError):
    """A limit that grows with the document (comprehension length, sequence length, time)
    met while evaluating: a large document, not necessarily a hostile expression (number
    and power sizes stay plain SandboxErrors: document figures never get near them). The runner stops that rule for that file and
    counts its items as not checkable, naming the file; at load (constant folding) it is
    a broken pack like any SandboxError."""


class EvalTimeout(SandboxLimit):
    pass


class MissingValue(Exception):
    """A field was read from None: a component of the check is missing (not checkable)."""


# ------------------------------------------------------------------ static check


def record_fields() -> frozenset[str]:
    names: set[str] = set()
    for cls in record_types():
        if is_dataclass(cls):
            names |= {f.name for f in fields(cls)}
    return frozenset(names)


def check_expression(
    text: object,
    names: Iterable[str],
    functions: Iterable[str],
    attributes: Iterable[str],
) -> ast.expr:
    """Parse and vet an expression; return its AST body. Raises SandboxError with the reason."""
    if not isinstance(text, str):
        raise SandboxError(f"expression must be a string, not {type(text).__name__}")
    if not text.strip():
        raise SandboxError("empty expression")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise SandboxError(f"expression is {len(text)} characters long (limit {MAX_EXPRESSION_CHARS})")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise SandboxError(f"syntax error: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise SandboxError(f"expression cannot be parsed: {type(exc).__name__}") from None

    names, functions, attributes = set(names), set(functions), set(attributes)
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.comprehension):
            bound |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}

    # Syntax first, so the message names the construct ('lambda is not allowed') rather
    # than a symptom of it.
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            what = {ast.Lambda: "lambda", ast.JoinedStr: "f-string", ast.NamedExpr: "assignment (:=)"}.get(
                type(node), type(node).__name__
            )
            raise SandboxError(f"{what} is not allowed in rule expressions")
    count = 0
    stack: list[tuple[ast.AST, int, ast.AST | None]] = [(tree, 0, None)]
    while stack:
        node, depth, parent = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise SandboxError(f"expression has more than {MAX_NODES} syntax nodes")
        if depth > MAX_DEPTH:
            raise SandboxError(f"expression nests deeper than {MAX_DEPTH} levels")
        _vet_node(node, parent, names | bound, functions, attributes)
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1, node))
    _fold_constants(tree.body)
    return tree.body


def _vet_node(
    node: ast.AST, parent: ast.AST | None, names: set[str], functions: set[str], attrs: set[str]
) -> None:
    if isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise SandboxError(f"name {node.id!r} is not allowed (names starting with '_' are refused)")
        if isinstance(node.ctx, ast.Store) and not isinstance(parent, ast.comprehension | ast.Tuple):
            raise SandboxError("assignment is not allowed")
        if isinstance(node.ctx, ast.Load) and node.id not in names and node.id not in functions:
            raise SandboxError(f"unknown name {node.id!r}")
    elif isinstance(node, ast.Attribute):
        if node.attr.startswith("_"):
            raise SandboxError(
                f"attribute {node.attr!r} is not allowed (names starting with '_' are refused)"
            )
        if node.attr not in attrs:
            raise SandboxError(f"unknown field {node.attr!r}")
    elif isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            if node.func.id not in functions:
                raise SandboxError(f"unknown function {node.func.id!r}")
        elif not (isinstance(node.func, ast.Attribute) and node.func.attr in STR_METHODS):
            raise SandboxError("only vocabulary functions and a few string methods may be called")
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise SandboxError("*args and **kwargs are not allowed")
    elif isinstance(node, ast.Starred):
        if not isinstance(parent, ast.List):
            raise SandboxError("* is only allowed inside a list")
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, str | int | float | bool | type(None)):
            raise SandboxError(f"constant of type {type(node.value).__name__} is not allowed")
        if isinstance(node.value, str) and len(node.value) > MAX_EXPRESSION_CHARS:
            raise SandboxError("string constant too long")
    elif isinstance(node, ast.Dict) and any(k is None for k in node.keys):
        raise SandboxError("** in a dict is not allowed")


def _is_constant(node: ast.AST) -> bool:
    return all(
        isinstance(
            n,
            ast.Constant
            | ast.BinOp
            | ast.UnaryOp
            | ast.Tuple
            | ast.List
            | ast.Load
            | ast.operator
            | ast.unaryop,
        )
        for n in ast.walk(node)
    )


def _fold_constants(body: ast.expr) -> None:
    """Evaluate every maximal constant sub-expression in the sandbox, so `9**9**9` or
    `'a'*10**10` in a pack fails when the pack loads, not halfway through a run."""
    stack: list[ast.AST] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp | ast.UnaryOp) and _is_constant(node):
            ev = Evaluator({})
            try:
                ev.run(node, {})
            except SandboxError:
                raise
            except Exception:  # noqa: BLE001 - 1/0 in a constant is the rule's business at run time
                pass
            continue
        stack.extend(ast.iter_child_nodes(node))


# ------------------------------------------------------------------ run time


def _num(x: Any) -> Any:
    """Numbers in the expression world are int or Decimal; floats become Decimal."""
    if isinstance(x, float):
        return to_decimal(x)
    return x


def _is_num(x: Any) -> bool:
    return isinstance(x, int | Decimal)


def _check_int(x: Any) -> Any:
    if isinstance(x, int) and x.bit_length() > MAX_INT_BITS:
        raise SandboxError(f"number too large (over {MAX_INT_BITS} bits)")
    return x


def _require_numbers(a: Any, b: Any, sign: str) -> None:
    if not (_is_num(a) and _is_num(b)):
        raise TypeError(f"{sign} needs numbers, got {type(a).__name__} and {type(b).__name__}")


def _log2_abs(a: int | Decimal) -> float:
    if isinstance(a, int):
        return float(a.bit_length())
    return abs(float(abs(a).log10())) * 3.3219280948873626


def safe_sub(a: Any, b: Any) -> Any:
    return _check_int(_num(a) - _num(b))


def safe_mult(a: Any, b: Any) -> Any:
    a, b = _num(a), _num(b)
    if isinstance(a, str | tuple | list) or isinstance(b, str | tuple | list):
        # 'a'*10**10 or (x,)*10**9: repetition is never needed by a rule.
        raise SandboxError("repeating a string or a sequence with * is not allowed")
    if isinstance(a, int) and isinstance(b, int) and a.bit_length() + b.bit_length() > MAX_INT_BITS:
        raise SandboxError(f"number too large (over {MAX_INT_BITS} bits)")
    return a * b


def safe_div(a: Any, b: Any) -> Any:
    a, b = _num(a), _num(b)
    if isinstance(a, Interval) or isinstance(b, Interval):
        return a / b
    _require_numbers(a, b, "/")
    return to_decimal(a) / to_decimal(b)


def safe_floordiv(a: Any, b: Any) -> Any:
    a, b = _num(a), _num(b)
    _require_numbers(a, b, "//")
    return a // b


def safe_mod(a: Any, b: Any) -> Any:
    # str % x is printf formatting ('%0999999999d' % 1 allocates a gigabyte): numbers only.
    a, b = _num(a), _num(b)
    _require_numbers(a, b, "%")
    return a % b


def safe_power(a: Any, b: Any) -> Any:
    """a ** b, refused when the result would be large. Capping each operand (simpleeval's
    MAX_POWER) still lets 9**4000000 through, so we cap |b| × log2|a| instead."""
    a, b = _num(a), _num(b)
    _require_numbers(a, b, "**")
    if a not in (0, 1, -1) and abs(b) * _log2_abs(a) > MAX_POWER_BITS:
        raise SandboxError(f"power too large: {a} ** {b} (result over {MAX_POWER_BITS} bits)")
    if isinstance(a, int) and isinstance(b, int) and b >= 0:
        return _check_int(a**b)
    return to_decimal(a) ** to_decimal(b)


def _neg(a: Any) -> Any:
    return -_num(a)


def _pos(a: Any) -> Any:
    return +_num(a)


def _contains(container: Any, item: Any) -> bool:
    if container is None:
        raise MissingValue("'in' on a missing value")
    return item in container


OPERATORS: dict[type[ast.AST], Callable[..., Any]] = {
    ast.Sub: safe_sub,
    ast.Mult: safe_mult,
    ast.Div: safe_div,
    ast.FloorDiv: safe_floordiv,
    ast.Mod: safe_mod,
    ast.Pow: safe_power,
    ast.USub: _neg,
    ast.UAdd: _pos,
    ast.Not: op.not_,
    ast.Eq: op.eq,
    ast.NotEq: op.ne,
    ast.Gt: op.gt,
    ast.Lt: op.lt,
    ast.GtE: op.ge,
    ast.LtE: op.le,
    ast.In: lambda x, y: _contains(y, x),
    ast.NotIn: lambda x, y: not _contains(y, x),
    ast.Is: lambda x, y: x is y,
    ast.IsNot: lambda x, y: x is not y,
}

_FIELDS: dict[type, frozenset[str]] = {}


def _fields_of(cls: type) -> frozenset[str]:
    got = _FIELDS.get(cls)
    if got is None:
        got = frozenset(f.name for f in fields(cls)) if is_dataclass(cls) else frozenset()
        _FIELDS[cls] = got
    return got


class Evaluator(simpleeval.EvalWithCompoundTypes):
    """simpleeval's evaluator with our operators, attribute guard and deadline."""

    def __init__(
        self, functions: Mapping[str, Callable[..., Any]], seconds: float = EVAL_SECONDS, scale: int = 0
    ) -> None:
        """`scale`: how many values the document holds (the runner passes its number of
        facts). The size limits grow linearly with it, so a large but legitimate report
        (6,000 percentages in one group) stays within them, while memory stays linear in
        the document."""
        super().__init__(operators={**OPERATORS, ast.Add: self._add}, functions=dict(functions), names={})
        # EvalWithCompoundTypes adds list/tuple/dict/set constructors; sets iterate in
        # hash order (not deterministic across runs) and dict() is not needed.
        self.functions.pop("set", None)
        self.functions.pop("dict", None)
        self.seconds = seconds
        self._deadline = 0.0
        self._built = 0
        self.scale = max(scale, 0)
        self.max_sequence = MAX_SEQUENCE + 4 * self.scale
        self.max_built = MAX_BUILT + 40 * self.scale

    def run(self, node: ast.AST, names: Mapping[str, Any]) -> Any:
        self.names = names
        # simpleeval stops a comprehension past its module-wide MAX_COMPREHENSION_LENGTH;
        # starting the count below zero grants the document-sized allowance
        self._max_count = -4 * self.scale
        self._built = 0
        self._deadline = time.monotonic() + self.seconds
        self.expr = ""
        try:
            return self._eval(node)
        except RecursionError:
            raise SandboxError("expression recursed too deeply") from None
        except simpleeval.IterableTooLong as exc:
            raise SandboxLimit(str(exc)) from None
        except simpleeval.NumberTooHigh as exc:
            raise SandboxError(str(exc)) from None
        except simpleeval.FeatureNotAvailable as exc:
            raise SandboxError(str(exc)) from None

    def _add(self, a: Any, b: Any) -> Any:
        a, b = _num(a), _num(b)
        if isinstance(a, str | tuple | list) and isinstance(b, str | tuple | list):
            n = len(a) + len(b)
            self._built += n
            if n > self.max_sequence or self._built > self.max_built:
                raise SandboxLimit("result too long")
        elif isinstance(a, int) and isinstance(b, Decimal) or isinstance(a, Decimal) and isinstance(b, int):
            return to_decimal(a) + to_decimal(b)
        return _check_int(a + b)

    def _eval(self, node: ast.AST) -> Any:
        if time.monotonic() > self._deadline:
            raise EvalTimeout(f"evaluation took longer than {self.seconds:g} s")
        return super()._eval(node)

    def _eval_constant(self, node: ast.Constant) -> Any:  # type: ignore[override]
        value = super()._eval_constant(node)
        return _num(value)

    def _eval_name(self, node: ast.Name) -> Any:
        if node.id.startswith("_"):
            raise SandboxError(f"name {node.id!r} is not allowed")
        return super()._eval_name(node)

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        attr = node.attr
        if attr.startswith("_"):
            raise SandboxError(f"attribute {attr!r} is not allowed")
        obj = self._eval(node.value)
        if obj is None:
            raise MissingValue(f"'.{attr}' of a missing value")
        if isinstance(obj, Rec):
            if attr in obj:
                return obj[attr]
            raise SandboxError(f"no parameter {attr!r}")
        if isinstance(obj, Record):
            if attr in _fields_of(type(obj)):
                return getattr(obj, attr)
            # The field exists on some record (checked at load), not on this one: a rule
            # over a mixed collection met the other kind. Not checkable, not hostile.
            raise TypeError(f"{type(obj).__name__} has no field {attr!r}")
        if isinstance(obj, str) and attr in STR_METHODS:
            return getattr(obj, attr)
        raise SandboxError(f"attribute access '.{attr}' is not allowed on {type(obj).__name__}")

    def _eval_subscript(self, node: ast.Subscript) -> Any:
        container = self._eval(node.value)
        key = self._eval(node.slice)
        if container is None:
            raise MissingValue("subscript of a missing value")
        if isinstance(container, Rec) and isinstance(key, str):
            return container[key]
        if isinstance(container, tuple | list | str) and isinstance(key, int | slice):
            return container[key]
        raise SandboxError(f"subscript is not allowed on {type(container).__name__}")

    def _eval_slice(self, node: ast.Slice) -> Any:
        s = super()._eval_slice(node)
        for part in (s.start, s.stop, s.step):
            if part is not None and not isinstance(part, int):
                raise TypeError("slice bounds must be integers")
        return s
