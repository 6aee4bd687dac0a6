"""Find regular expressions that are super-linear on document text.

    .venv/bin/python bench/regex_audit.py [N]       # N = base input length (default 4000)

Every compiled pattern held at module level (directly, or in a list, tuple or dict) by
auditor.normalize, auditor.numbers, auditor.readers.* and auditor.extract.* is run with
`findall` over inputs made by repeating one short piece (digits, separators, spaces,
markup, CJK units) to length N and 2N. A pattern whose time grows by more than 3x while
the input doubles, and takes over 20 ms at 2N, is printed: linear work doubles, quadratic
quadruples. Results are recorded in docs/robustness.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PIECES = [
    "1", "1,", "1.", "1 ", "1，", "1、", "1%", "1.5%", " ", "\t", "#", "# ", "#a", "![", "](", "[a](",
    "*", "**", "_", "__a", "`", "$", "$1", "\\", "<", "<b", "&", "|", "-", "--", "—", "a", "a ",
    "分", "得分1", "得分", "1分", "年", "1年", "月", "一", "一、", "（一）", "(1)", "十", "万元", "1万元",
    "元", "率", "1.5%、", "：", ":", "，", "。", "合计", "第1", "共1", "个", "项", "≥", "≥1", "<1",
    "1-", "1~", "至", "1至", "、1", "年1月", "1年1月1日", "（", "）", "“", "《", "附件1", "表1",
]


def normalize_text(text: str) -> str:
    from auditor.normalize import normalize_text as norm

    return norm(text)


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    import auditor.extract
    import auditor.readers

    pkgs = [auditor.readers, auditor.extract]
    try:
        import auditor.tables  # the table layer, where present

        pkgs.append(auditor.tables)
    except ImportError:
        pass
    mods = ["auditor.normalize", "auditor.numbers"]
    for pkg in pkgs:
        mods += [f"{pkg.__name__}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    found: list[tuple[str, re.Pattern[str]]] = []
    seen: set[int] = set()

    def add(name: str, value: object, depth: int = 0) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            if id(value) not in seen:
                seen.add(id(value))
                found.append((name, value))
        elif depth < 2 and isinstance(value, list | tuple):
            for i, v in enumerate(value):
                add(f"{name}[{i}]", v, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            for k, v in value.items():
                add(f"{name}[{k!r}]", v, depth + 1)

    for mod_name in mods:
        mod = importlib.import_module(mod_name)
        for attr, value in vars(mod).items():
            add(f"{mod_name}.{attr}", value)
    return found


# Extractors and the shared post-processing see only normalised text (whitespace runs of
# at most two characters, see auditor/normalize.py); readers see the raw text.
_NORMALISED = ("auditor.extract.", "auditor.readers.postprocess.", "auditor.tables.")
# Patterns whose input is bounded by an earlier step of the same function.
_ORDERED = {
    "auditor.normalize._SPACE_AROUND_NEWLINE": "runs after _SPACES: no two spaces in a row",
    "auditor.numbers._FULL_NUMBER_RE": "only used with fullmatch (one attempt, linear)",
    "auditor.extract.targets._NOTE_RATE": "its only repeat is bounded ({0,20}): linear; timing noise",
}


def cost(p: re.Pattern[str], text: str) -> float:
    t0 = time.perf_counter()
    p.findall(text)
    return time.perf_counter() - t0


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    found = patterns()
    bad = 0
    for name, p in found:
        if name in _ORDERED:
            continue
        worst = None
        for piece in PIECES:
            unit = piece * (n // len(piece))
            if name.startswith(_NORMALISED):
                unit = normalize_text(unit)
            a = cost(p, unit)
            if a > 2.0:
                worst = (piece, a, float("inf"))
                break
            b = cost(p, unit * 2)
            if b > 0.02 and a > 0.002 and b > 3 * a and (worst is None or b > worst[2]):
                worst = (piece, a, b)
        if worst:
            bad += 1
            print(f"{name}: piece {worst[0]!r}: {worst[1] * 1000:.0f} ms at {n}, {worst[2] * 1000:.0f} ms at {2 * n}", flush=True)
    print(f"{len(found)} patterns, {bad} super-linear")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
