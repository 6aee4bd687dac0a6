"""The table layer's word lists, loaded once from `lexicon.yaml` (package data).

One place for every word a table reader matches: column roles, block labels, total
and closing rows, placeholders, comparators, units and status words. Configuration
may extend the lists ([tool.auditor.lexicon], a profile's `lexicon:`): a run puts its
extension in force with `use_lexicon` and the previous state comes back after it, so
neither batch workers nor tests see another run's words. Nothing here is a Python constant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml

T = TypeVar("T")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "—": "-", "～": "~"})


def label_key(text: str) -> str:
    """A cell text as the lexicon matches it: no spaces, ASCII brackets and colons."""
    return "".join(text.split()).translate(_BRACKETS)


@dataclass(frozen=True)
class Lexicon:
    column_roles: tuple[tuple[str, tuple[str, ...]], ...]
    block_labels: dict[str, tuple[str, ...]]
    scoring_columns: tuple[tuple[str, re.Pattern[str]], ...]  # a scoring table's roles, in order
    target_columns: tuple[tuple[str, re.Pattern[str]], ...]  # a target table's roles, in order
    funds_total_rows: tuple[str, ...]
    funds_part_prefix: tuple[str, ...]
    level1_names: frozenset[str]
    level2_names: frozenset[str]
    total_rows: tuple[str, ...]  # every reader's total words (合计, 总计)
    subtotal_rows: tuple[str, ...]
    total_words: dict[str, tuple[str, ...]]  # named extra lists: score, tally, amount, running
    closing_rows: tuple[str, ...]
    problem_rows: tuple[str, ...]
    nil_marks: frozenset[str]
    placeholders: frozenset[str]  # the nil marks and the words
    placeholder_labels: tuple[re.Pattern[str], ...]
    comparators: tuple[tuple[str, str], ...]  # (printed form, canonical), longest first
    nature_words: frozenset[str]
    units: frozenset[str]
    statuses: tuple[tuple[str, str], ...]  # (word, status), longest first
    directions: tuple[tuple[str, tuple[str, ...]], ...]
    prompts: tuple[re.Pattern[str], ...]
    grade_words: dict[str, str]
    to_date: re.Pattern[str] | None = None  # a header naming a period to date (1-9月)
    _role_cache: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)
    _total_res: dict[tuple[str, tuple[str, ...]], re.Pattern[str]] = field(
        default_factory=dict, compare=False, hash=False
    )

    def role_of(self, header_text: str) -> str | None:
        """The column role a header cell names ('全年执行数' -> 'spent'), or None."""
        key = _header_key(header_text)
        if key in self._role_cache:
            return self._role_cache[key]
        found: str | None = None
        for role, words in self.column_roles:
            if any(w in key for w in words):
                found = role
                break
        if found in _TO_DATE_ROLES and self.to_date is not None and self.to_date.search(key):
            found = _TO_DATE_ROLES[found]  # "1-9月执行数": spent so far, not the year's
        self._role_cache[key] = found
        return found

    def is_to_date(self, header_text: str) -> bool:
        """A header naming a period to date ('1-9月完成值'): progress, not the year's."""
        return self.to_date is not None and bool(self.to_date.search(_header_key(header_text)))

    def block_of(self, header_text: str) -> str | None:
        key = _header_key(header_text)
        for block, words in self.block_labels.items():
            if any(key.startswith(w) for w in words):
                return block
        return None

    def total_kind(self, label: str, at: Where = "start", also: tuple[str, ...] = ()) -> TotalKind | None:
        """'total' when `label` is a total line's label ('合计', '项目支出合计'), 'subtotal'
        for a 小计 line, else None. `at`: where the word stands in the label (a scoring
        table's row starts with it, a money line ends with it, a survey column is only
        it, a cover cell holds it anywhere); `also`: the extra named lists of `total_words` the
        caller's kind of table uses ('score', 'tally', 'amount')."""
        key = label_key(label)
        if not key:
            return None
        m = self.total_pattern(at, also).search(key)
        if m is None:
            return None
        return "subtotal" if m.lastgroup == "subtotal" else "total"

    def total_pattern(self, at: Where = "any", also: tuple[str, ...] = ()) -> re.Pattern[str]:
        """The total words as one pattern (groups `total` and `subtotal`), for a reader
        that looks for them inside a longer text."""
        pattern = self._total_res.get((at, also))
        if pattern is None:
            pattern = self._total_res[(at, also)] = _total_pattern(self, at, also)
        return pattern

    def is_nil(self, text: str) -> bool:
        """A dash or slash standing for nothing ('-', '—', '/'): in an amount cell, zero."""
        return label_key(text) in self.nil_marks

    def is_placeholder(self, text: str) -> bool:
        key = label_key(text)
        return key in self.placeholders or any(p.match(key) for p in self.placeholder_labels)

    def comparator(self, text: str) -> tuple[str, str] | None:
        """(canonical comparator, the rest) when `text` starts with a comparator word."""
        key = label_key(text)
        for printed, canonical in self.comparators:
            if key.startswith(printed):
                return canonical, key[len(printed) :]
        return None

    def direction(self, name: str) -> str | None:
        """'≤' for a control/cost indicator, '≥' for a completion one, None when unclear."""
        key = label_key(name)
        hits = {cmp for cmp, words in self.directions if any(w in key for w in words)}
        return hits.pop() if len(hits) == 1 else None

    def is_prompt(self, text: str) -> bool:
        key = label_key(text)
        return any(p.search(key) for p in self.prompts)

    def grade_key(self, text: str) -> str:
        """One spelling per grade: '良好', '“良”' -> '良'."""
        g = text.strip().strip("“”\"'「」")
        return self.grade_words.get(g, g)

    def status(self, text: str) -> str | None:
        key = label_key(text)
        for word, status in self.statuses:
            if key == word or key.startswith(word):
                return status
        return None

    def status_within(self, text: str) -> str | None:
        """The status a longer text states ('该指标已全部完成'): a not-completed word
        wins over a partial one, which wins over a completed one ('未完成' holds '完成')."""
        key = label_key(text)
        for wanted in ("uncompleted", "partial", "completed"):
            if any(w in key for w, status in self.statuses if status == wanted):
                return wanted
        return None


Where = Literal["start", "end", "exact", "any"]
TotalKind = Literal["total", "subtotal"]


def _total_pattern(lex: Lexicon, at: Where, also: tuple[str, ...]) -> re.Pattern[str]:
    unknown = set(also) - set(lex.total_words)
    if unknown:
        raise KeyError(f"no such list of total words: {', '.join(sorted(unknown))}")
    total = [*lex.total_rows, *(w for name in also for w in lex.total_words[name])]

    def alt(words: list[str] | tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    body = f"(?P<subtotal>{alt(lex.subtotal_rows)})|(?P<total>{alt(total)})"
    return re.compile({"start": f"^(?:{body})", "end": f"(?:{body})$", "exact": f"^(?:{body})$", "any": body}[at])


_TO_DATE_ROLES = {"spent": "spent_midyear", "actual": "actual_midyear"}


def _header_key(text: str) -> str:
    # "得分（20分*执行率）" -> "得分"; a weight in brackets is read separately
    key = label_key(text)
    return re.sub(r"\([^()]*\d+分[^()]*\)", "", key)


def _patterns(roles: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((role, re.compile("|".join(f"(?:{p})" for p in patterns))) for role, patterns in roles.items())


def _load(data: dict[str, Any]) -> Lexicon:
    comparators = sorted(
        ((printed, canonical) for canonical, words in data["comparators"].items() for printed in words),
        key=lambda pc: -len(pc[0]),
    )
    statuses = sorted(
        ((w, status) for status, words in data["statuses"].items() for w in words), key=lambda ws: -len(ws[0])
    )
    return Lexicon(
        column_roles=tuple(
            (role, tuple(label_key(w) for w in words)) for role, words in data["column_roles"].items()
        ),
        block_labels={k: tuple(label_key(w) for w in v) for k, v in data["block_labels"].items()},
        scoring_columns=_patterns(data["scoring_columns"]),
        target_columns=_patterns(data["target_columns"]),
        funds_total_rows=tuple(data["funds_total_rows"]),
        funds_part_prefix=tuple(data["funds_part_prefix"]),
        level1_names=frozenset(data["level1_names"]),
        level2_names=frozenset(data["level2_names"]),
        total_rows=tuple(label_key(w) for w in data["total_rows"]),
        subtotal_rows=tuple(label_key(w) for w in data["subtotal_rows"]),
        total_words={k: tuple(label_key(w) for w in v) for k, v in data["total_words"].items()},
        closing_rows=tuple(data["closing_rows"]),
        problem_rows=tuple(data["problem_rows"]),
        nil_marks=frozenset(label_key(p) for p in data["nil_marks"]),
        placeholders=frozenset(label_key(p) for p in [*data["nil_marks"], *data["placeholders"]]),
        placeholder_labels=tuple(re.compile(p) for p in data["placeholder_labels"]),
        comparators=tuple(comparators),
        nature_words=frozenset(data["nature_words"]),
        units=frozenset(data["units"]),
        statuses=tuple(statuses),
        directions=tuple((cmp, tuple(words)) for cmp, words in data["directions"].items()),
        prompts=tuple(re.compile(p) for p in data["prompts"]),
        grade_words=dict(data["grade_words"]),
        to_date=re.compile("|".join(f"(?:{p})" for p in data["to_date_headers"])) if data.get("to_date_headers") else None,
    )


@cache
def _raw_text() -> str:
    return resources.files("auditor.tables").joinpath("lexicon.yaml").read_text(encoding="utf-8")


def _raw() -> dict[str, Any]:
    return yaml.safe_load(_raw_text())


# The extension in force (JSON text, "" for none). A run sets it for its own duration
# (`use_lexicon`), so a batch's workers and successive tests never see another run's words.
_ACTIVE = ""
_DEPENDENT: list[Callable[[], None]] = []


@lru_cache(maxsize=8)
def _built(extension: str) -> Lexicon:
    data = _raw()
    for key, value in (json.loads(extension) if extension else {}).items():
        data[key] = _merged(data.get(key), value)
    return _load(data)


def lexicon() -> Lexicon:
    return _built(_ACTIVE)


def lexicon_cache(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """An lru_cache for a function whose result depends on the lexicon: it is cleared
    whenever the extension in force changes."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        cached = lru_cache(maxsize=maxsize)(fn)
        _DEPENDENT.append(cached.cache_clear)
        return cached

    return wrap


def extension_key(extra: Mapping[str, Any] | None) -> str:
    """A canonical text of an extension (the key a run carries and the cache uses)."""
    return json.dumps(dict(extra), ensure_ascii=False, sort_keys=True) if extra else ""


def _activate(key: str) -> None:
    global _ACTIVE
    if key != _ACTIVE:
        _ACTIVE = key
        for clear in _DEPENDENT:
            clear()


@contextmanager
def use_lexicon(extra: Mapping[str, Any] | str | None) -> Iterator[None]:
    """The shipped lexicon plus `extra` (a mapping or an `extension_key`) while the block
    runs; the previous state after it, whatever happens."""
    key = extra if isinstance(extra, str) else extension_key(extra)
    problem = _problem_of(key)
    if problem:
        raise ValueError(problem)
    before = _ACTIVE
    _activate(key)
    try:
        yield
    finally:
        _activate(before)


@lru_cache(maxsize=8)
def _problem_of(key: str) -> str | None:  # a batch checks its extension once, not per file
    return lexicon_problem(json.loads(key)) if key else None


def extend_lexicon(extra: Mapping[str, Any]) -> None:
    """Put `extra` in force until `reset_lexicon()` (prefer `use_lexicon`, which restores
    the previous state itself)."""
    problem = lexicon_problem(extra)
    if problem:
        raise ValueError(problem)
    _activate(extension_key(extra))


def reset_lexicon() -> None:
    _activate("")


def merge_extensions(*extras: Mapping[str, Any] | None) -> dict[str, Any]:
    """Several extensions as one (a profile's, then the configuration's): lists appended."""
    out: dict[str, Any] = {}
    for extra in extras:
        for key, value in (extra or {}).items():
            if key not in out:
                out[key] = value
            elif isinstance(value, Mapping):
                merged = dict(out[key])
                for k, v in value.items():
                    merged[k] = v if isinstance(v, str) else [*merged.get(k, []), *v]
                out[key] = merged
            else:
                out[key] = [*out[key], *value]
    return out


def lexicon_problem(extra: Mapping[str, Any]) -> str | None:
    """Why `extra` cannot extend the lexicon ('key: reason'), or None. Keys and, for the
    tables of lists, sub-keys must be the shipped ones (a new status or column role would
    mean nothing to the readers); values are lists of words; patterns must compile."""
    base = _raw()
    for key, value in extra.items():
        if key not in base:
            return f"{key}: unknown lexicon key (keys: {', '.join(sorted(base))})"
        shipped = base[key]
        if isinstance(shipped, dict) and all(isinstance(v, str) for v in shipped.values()):
            # a table of word -> what it stands for (grade_words): new words, known meanings
            meanings = sorted(set(shipped.values()))
            if not isinstance(value, Mapping):
                return f"{key}: must be a table of word = meaning ({', '.join(meanings)})"
            for word, meaning in value.items():
                if meaning not in meanings:
                    return f"{key}.{word}: must stand for one of {', '.join(meanings)}, not {meaning!r}"
        elif isinstance(shipped, dict):
            if not isinstance(value, Mapping):
                return f"{key}: must be a table of word lists ({', '.join(map(str, shipped))})"
            for sub, words in value.items():
                if sub not in shipped:
                    return f"{key}.{sub}: unknown key (keys: {', '.join(map(str, shipped))})"
                bad = _words_problem(words) or (_pattern_problem(words) if key in _PATTERNS else None)
                if bad:
                    return f"{key}.{sub}: {bad}"
        else:
            bad = _words_problem(value)
            if bad:
                return f"{key}: {bad}"
            bad = _pattern_problem(value) if key in _PATTERNS else None
            if bad:
                return f"{key}: {bad}"
    return None


def _pattern_problem(patterns: list[str]) -> str | None:
    for w in patterns:
        try:
            re.compile(w)
        except re.error as exc:
            return f"not a valid pattern {w!r} ({exc})"
    return None


_PATTERNS = ("placeholder_labels", "prompts", "scoring_columns", "target_columns", "to_date_headers")


def _words_problem(words: Any) -> str | None:
    if not isinstance(words, list | tuple) or not all(isinstance(w, str) and w.strip() for w in words):
        return "must be a list of non-empty words"
    return None


def _merged(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and all(isinstance(v, str) for v in base.values()):
        return {**base, **extra}  # word -> meaning: the new words added
    if isinstance(base, dict) and isinstance(extra, dict):
        out = {k: list(extra.get(k, [])) + list(v) for k, v in base.items()}
        out.update({k: v for k, v in extra.items() if k not in base})
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return list(base) + list(extra)
    raise ValueError("a lexicon extension must have the shape of the shipped entry (a list or a table of lists)")
