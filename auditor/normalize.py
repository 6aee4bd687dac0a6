"""Text normalisation, done once, in one place, by every reader.

Chinese reports mix full-width and half-width forms and converters sprinkle spaces
inside numbers. We fold what changes the *meaning for a machine* (digits, decimal
points, percent signs, comparison signs, thousands separators, spaces inside numbers)
and keep ordinary Chinese punctuation (，。：（）) as written, so quotes read naturally.
`normalize_text` is idempotent.
"""

from __future__ import annotations

import re

# Full-width ASCII block FF01–FF5E maps to 0021–007E. We fold digits, Latin letters
# and the symbols that carry numeric meaning; Chinese prose punctuation stays.
_FOLD_SYMBOLS = "％．＋－／＝＜＞～"
_TRANSLATE: dict[int, str] = {}
for _code in range(0xFF10, 0xFF1A):  # ０-９
    _TRANSLATE[_code] = chr(_code - 0xFEE0)
for _code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _TRANSLATE[_code] = chr(_code - 0xFEE0)
for _ch in _FOLD_SYMBOLS:
    _TRANSLATE[ord(_ch)] = chr(ord(_ch) - 0xFEE0)
_TRANSLATE.update(
    {
        ord("≧"): "≥",
        ord("≦"): "≤",
        ord("⩾"): "≥",
        ord("⩽"): "≤",
        ord("\u00a0"): " ",  # no-break space
        ord("\u3000"): " ",  # ideographic space
        ord("\u2002"): " ",
        ord("\u2003"): " ",
        ord("\u2009"): " ",
        ord("\u202f"): " ",
        ord("\t"): " ",
        ord("\f"): "\n",
        ord("\v"): "\n",
        ord("\u2028"): "\n",
        ord("\u2029"): "\n",
        ord("\x85"): "\n",
        ord("\x1c"): " ",
        ord("\x1d"): " ",
        ord("\x1e"): " ",
        ord("\x1f"): " ",
        ord("\u1680"): " ",
        ord("\u2000"): " ",
        ord("\u2001"): " ",
        ord("\u2004"): " ",
        ord("\u2005"): " ",
        ord("\u2006"): " ",
        ord("\u2007"): " ",
        ord("\u2008"): " ",
        ord("\u200a"): " ",
        ord("\u205f"): " ",
        ord("\r"): None,
        ord("\u200b"): None,  # zero-width space
        ord("\u200c"): None,
        ord("\u200d"): None,
        ord("\ufeff"): None,  # BOM
        ord("\u00ad"): None,  # soft hyphen
    }
)

# LaTeX fragments that PDF-to-Markdown converters leave in text ("$\geq 90$").
_LATEX = [
    (re.compile(r"\\(?:geq|geqslant|ge)\b"), "≥"),
    (re.compile(r"\\(?:leq|leqslant|le)\b"), "≤"),
    (re.compile(r"\\times\b"), "×"),
    (re.compile(r"\\div\b"), "÷"),
    (re.compile(r"(?<!\\)\\+%"), "%"),  # a run of backslashes too: "\\\\%" must not leave "\\%" (idempotence)
    (re.compile(r"\\sim\b"), "~"),
]
_LATEX_DOLLARS = re.compile(r"\$\s*([^$\n]{0,40}?)\s*\$")

# HTML paragraph/line tags some converters leave as literal text in Word cells
# ("<p>负责人签字：</p> <p>2024年04月20日</p>"): line breaks, never content.
_HTML_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>|<br\s*/?>", re.I)
_HTML_PARAGRAPH_TAG = re.compile(r"</?p>", re.I)

_SPACES = re.compile(r"[ ]{2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")  # after _SPACES: runs of one space
# After these, no run of whitespace is longer than two characters ("\n\n"), so patterns
# applied to normalised text with `\s*` next to each other stay linear (bench/regex_audit.py).
_BLANK_LINES = re.compile(r"\n{3,}")
# "84. 94" / "84 .94" -> "84.94"
_SPLIT_DECIMAL = re.compile(r"(?<=\d) ?\. ?(?=\d)")
# "1 396" / "1 234 567" -> digits joined, only for clean 3-digit groups
_SPLIT_THOUSANDS = re.compile(r"(?<![\d.,])(?<!\d )(\d{1,3})((?: \d{3})++)(?![\d.%])")
# "84.94 %" -> "84.94%"
_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d) +%")
# full-width comma used as thousands separator: "1，396" -> "1,396"
_FW_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
# comparison sign followed by spaces: "≥ 95%" -> "≥95%"
_CMP_SPACE = re.compile(r"([≥≤<>=]) +(?=\d)")


def _unlatex(text: str) -> str:
    if "\\" not in text and "$" not in text:
        return text
    for pattern, repl in _LATEX:
        text = pattern.sub(repl, text)
    return _LATEX_DOLLARS.sub(lambda m: m.group(1), text)


def _join_thousands(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).replace(" ", "")


def normalize_text(text: str) -> str:
    """Normalise one paragraph or cell text. Newlines inside a cell are kept."""
    if not text:
        return ""
    text = text.translate(_TRANSLATE)
    text = _unlatex(text)
    if "<" in text:
        text = _HTML_PARAGRAPH_BREAK.sub("\n", text)
        text = _HTML_PARAGRAPH_TAG.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    text = _SPLIT_DECIMAL.sub(".", text)
    text = _SPLIT_THOUSANDS.sub(_join_thousands, text)
    text = _SPACE_BEFORE_PERCENT.sub("%", text)
    text = _FW_THOUSANDS.sub(",", text)
    text = _CMP_SPACE.sub(r"\1", text)
    return text.strip()


def compact(text: str) -> str:
    """Text with every space removed, for matching labels that converters broke up
    ("指标 实现 情况" -> "指标实现情况"). Not for display."""
    return "".join(text.split())  # str.split() drops the same Unicode spaces as \s, faster
