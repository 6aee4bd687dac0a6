"""Which files a run reads. Files named on the command line are read as given; folders
are walked for the document formats (.docx .doc .wps .pdf .xlsx .xls .et) — Markdown and
text only when `--include` asks (a folder's README is not a report). Skipped: Word and
LibreOffice lock files, macOS forks, virtualenvs, and what `--exclude` (default: hidden
entries, __MACOSX, node_modules, venv, __pycache__), `--extend-exclude` and .gitignore
files say. A directory or FIFO carrying a document suffix is kept, so the reader reports
it as unreadable instead of it vanishing from the run."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

FOLDER_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".xlsx", ".xls", ".et")
DEFAULT_EXCLUDE = (".*", "__MACOSX", "__pycache__", "node_modules", "venv", "site-packages")
# never documents, whatever --exclude says: Word's owner file, LibreOffice's lock, AppleDouble forks
ALWAYS_SKIP = ("~$*", ".~lock.*", "._*")


@dataclass(frozen=True)
class Selection:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None  # None: DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True

    def excludes(self) -> tuple[str, ...]:
        base = DEFAULT_EXCLUDE if self.exclude is None else self.exclude
        return (*base, *self.extend_exclude)


def _glob_match(pattern: str, name: str, rels: tuple[str, ...]) -> bool:
    """ruff-like: a pattern without '/' matches the entry's name; one with '/' matches its
    path relative to the walked folder or to the working folder ('**/' may match nothing)."""
    pat = pattern.rstrip("/")
    if "/" not in pat:
        return fnmatch.fnmatchcase(name, pat)
    pat = pat.removeprefix("./")
    alts = {pat, pat[3:]} if pat.startswith("**/") else {pat}
    return any(fnmatch.fnmatchcase(rel, a) for rel in rels for a in alts)


# ------------------------------------------------------------------ .gitignore


@dataclass(frozen=True)
class _Rule:
    base: Path
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


def _translate(pattern: str) -> str:
    """A gitignore glob as a regex over a '/'-separated path relative to its file's folder."""
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    return ("" if anchored else "(?:.*/)?") + body + "$"


def read_gitignore(folder: Path) -> list[_Rule]:
    path = folder / ".gitignore"
    try:
        if not path.is_file() or path.stat().st_size > 1024 * 1024:
            return []
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return []
    rules = []
    for raw in lines:
        line = raw.rstrip() if not raw.rstrip().endswith("\\") else raw
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line.removeprefix("\\")
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        try:
            rules.append(_Rule(folder, re.compile(_translate(line)), negate, dir_only))
        except re.error:
            continue
    return rules


def _ignored(rules: list[_Rule], path: Path, is_dir: bool) -> bool:
    verdict = False
    for rule in rules:
        if rule.dir_only and not is_dir:
            continue
        try:
            rel = path.relative_to(rule.base).as_posix()
        except ValueError:
            continue
        if rule.regex.match(rel):
            verdict = not rule.negate
    return verdict


def _outer_gitignores(root: Path) -> list[_Rule]:
    """The .gitignore files above `root` up to its repository's top (the folder holding
    .git), outermost first; none when `root` is not inside a repository."""
    chain = []
    for folder in root.parents:
        chain.append(folder)
        if (folder / ".git").exists():
            return [r for f in reversed(chain) for r in read_gitignore(f)]
    return []


# ------------------------------------------------------------------ walking


def _is_venv(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


def walk_folder(root: str, sel: Selection) -> list[str]:
    """The files of `root` a run reads (sorted)."""
    root_path = Path(root)
    absolute = root_path.resolve()
    cwd = Path.cwd().resolve()
    excludes = sel.excludes()
    found: list[str] = []
    rules_at: dict[str, list[_Rule]] = {}
    if sel.respect_gitignore:
        rules_at[root] = _outer_gitignores(absolute) + read_gitignore(absolute)

    def rels(full: str) -> tuple[str, ...]:
        rel_root = Path(os.path.relpath(full, root)).as_posix()
        try:
            rel_cwd = (absolute / rel_root).relative_to(cwd).as_posix()
        except ValueError:
            return (rel_root,)
        return (rel_root, rel_cwd)

    def skipped(full: str, name: str, is_dir: bool, rules: list[_Rule]) -> bool:
        if any(fnmatch.fnmatchcase(name, p) for p in ALWAYS_SKIP):
            return True
        r = rels(full)
        if any(_glob_match(p, name, r) for p in excludes):
            return True
        return bool(rules) and _ignored(rules, absolute / r[0], is_dir)

    for folder, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        rules = rules_at.get(folder, [])
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(folder, d)
            if skipped(full, d, True, rules) or _is_venv(full):
                continue
            if d.lower().endswith(FOLDER_SUFFIXES):
                found.append(str(PurePath(full)))  # a folder named like a document: reported unreadable
                continue
            keep.append(d)
            if sel.respect_gitignore:
                rules_at[full] = rules + read_gitignore(Path(os.path.abspath(full)))
        dirnames[:] = keep
        for f in filenames:
            full = os.path.join(folder, f)
            wanted = f.lower().endswith(FOLDER_SUFFIXES) or any(
                _glob_match(p, f, rels(full)) for p in sel.include
            )
            if wanted and not skipped(full, f, False, rules):
                found.append(str(PurePath(full)))  # './x.docx' shown as 'x.docx'
    return sorted(found)


def expand_paths(paths: tuple[str, ...] | list[str], sel: Selection | None = None) -> tuple[list[str], set[str]]:
    """Files as given and folders walked, in order; also the folders that held nothing to read
    (the caller reports them: an empty run must not look clean)."""
    sel = sel or Selection()
    out: list[str] = []
    empty: set[str] = set()
    for p in paths:
        if os.path.isdir(p) and not p.lower().rstrip("/\\").endswith(FOLDER_SUFFIXES):
            found = walk_folder(p, sel)
            if not found:
                empty.add(p)
                found = [p]
            out += found
        else:
            out.append(p)
    return out, empty
