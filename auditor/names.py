"""File names as shown in messages: a name comes from outside (a shared folder, a zip
from a client) and may hold control characters or terminal escape sequences. Printed raw,
an ESC could retitle or clear the reviewer's terminal, and a newline would split one
message over two lines; shown escaped ("\\x1b", "\\n"), the name stays findable."""

from __future__ import annotations

import unicodedata

_UNSAFE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def show_name(name: object) -> str:
    """`name` with every non-printable character escaped the way repr() does."""
    text = str(name)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in _UNSAFE:
            code = ord(ch)
            if ch in "\n\r\t":
                out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
            elif code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)
