"""The letter a questionnaire option is printed with ("A.非常满意", "C一般", "D、不满意")."""

from __future__ import annotations

import re

_LETTER = re.compile(r"^\s*([A-J])(?:\s*[.．、:：)）]|(?=\s*[\u4e00-\u9fff]))")


def option_letter(label: str) -> str | None:
    m = _LETTER.match(label)
    return m.group(1) if m else None


def letters_of(labels: list[str]) -> str:
    """The options' letters in order ("ABCDD"), or "" when an option has none: a question
    half lettered is not a lettered list."""
    letters = [option_letter(label) for label in labels]
    return "" if not letters or any(x is None for x in letters) else "".join(letters)  # type: ignore[arg-type]
