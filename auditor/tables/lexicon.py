"""The table layer's word lists, loaded once from `lexicon.yaml` (package data).

One place for every word a table reader matches: column roles, block labels, total
and closing rows, placeholders, comparators, units and status words. Configuration
may extend the lists (`extend_lexicon`); nothing here is a Python constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "—": "-", "～": "~"})


def label_key(text: str) -> str:
    """A cell text as the lexicon matches it: no spaces, ASCII brackets and colons."""
    return "".join(text.split()).translate(_BRACKETS)


@dataclass(frozen=True)
class Lexicon:
    column_roles: tuple[tuple[str, tuple[str, ...]], ...]
    block_labels: dict[str, tuple[str, ...]]
    funds_total_rows: tuple[str, ...]
    funds_part_prefix: tuple[str, ...]
    level1_names: frozenset[str]
    level2_names: frozenset[str]
    total_rows: tuple[str, ...]
    closing_rows: tuple[str, ...]
    problem_rows: tuple[str, ...]
    placeholders: frozenset[str]
    placeholder_labels: tuple[re.Pattern[str], ...]
    comparators: tuple[tuple[str, str], ...]  # (printed form, canonical), longest first
    nature_words: frozenset[str]
    units: frozenset[str]
    statuses: tuple[tuple[str, str], ...]  # (word, status), longest first
    directions: tuple[tuple[str, tuple[str, ...]], ...]
    prompts: tuple[re.Pattern[str], ...]
    grade_words: dict[str, str]
    _role_cache: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)

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
        self._role_cache[key] = found
        return found

    def block_of(self, header_text: str) -> str | None:
        key = _header_key(header_text)
        for block, words in self.block_labels.items():
            if any(key.startswith(w) for w in words):
                return block
        return None

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


def _header_key(text: str) -> str:
    # "得分（20分*执行率）" -> "得分"; a weight in brackets is read separately
    key = label_key(text)
    return re.sub(r"\([^()]*\d+分[^()]*\)", "", key)


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
        funds_total_rows=tuple(data["funds_total_rows"]),
        funds_part_prefix=tuple(data["funds_part_prefix"]),
        level1_names=frozenset(data["level1_names"]),
        level2_names=frozenset(data["level2_names"]),
        total_rows=tuple(data["total_rows"]),
        closing_rows=tuple(data["closing_rows"]),
        problem_rows=tuple(data["problem_rows"]),
        placeholders=frozenset(label_key(p) for p in data["placeholders"]),
        placeholder_labels=tuple(re.compile(p) for p in data["placeholder_labels"]),
        comparators=tuple(comparators),
        nature_words=frozenset(data["nature_words"]),
        units=frozenset(data["units"]),
        statuses=tuple(statuses),
        directions=tuple((cmp, tuple(words)) for cmp, words in data["directions"].items()),
        prompts=tuple(re.compile(p) for p in data["prompts"]),
        grade_words=dict(data["grade_words"]),
    )


def _raw() -> dict[str, Any]:
    text = resources.files("auditor.tables").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


_EXTRA: dict[str, Any] = {}


@cache
def lexicon() -> Lexicon:
    data = _raw()
    for key, value in _EXTRA.items():
        data[key] = _merged(data.get(key), value)
    return _load(data)


def extend_lexicon(extra: dict[str, Any]) -> None:
    """Add words from configuration ([tool.auditor.lexicon]); lists are appended, and a
    column role's words go before the shipped ones so a bureau's wording wins."""
    unknown = set(extra) - set(_raw())
    if unknown:
        raise ValueError(f"unknown lexicon key(s): {', '.join(sorted(unknown))}")
    _EXTRA.update(extra)
    lexicon.cache_clear()


def _merged(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = {k: list(extra.get(k, [])) + list(v) for k, v in base.items()}
        out.update({k: v for k, v in extra.items() if k not in base})
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return list(base) + list(extra)
    raise ValueError("a lexicon extension must have the shape of the shipped entry (a list or a table of lists)")
