"""Message templates: `str.format` fields plus optional segments.

A segment written `[[ … {field} … ]]` is printed only when every field inside it has a
value; otherwise it is dropped whole, so a message never shows a dangling "… : —".
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)
EMPTY = {"", "—"}


def _fields(segment: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(segment) if name]


def render(template: str, values: Mapping[str, str]) -> str:
    def keep(m: re.Match[str]) -> str:
        inner = m.group(1)
        if any(values.get(name, "") in EMPTY for name in _fields(inner)):
            return ""
        return inner

    return OPTIONAL.sub(keep, template).format(**values)
