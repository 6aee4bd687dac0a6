"""Write a generated table into a Markdown page between two marker comments, keeping the
rest of the page (the benchmarks' --write)."""

from __future__ import annotations

from pathlib import Path


def write_block(path: Path, name: str, lines: list[str]) -> None:
    """Replace the block between `<!-- name -->` markers in `path`, or append one."""
    text = path.read_text("utf-8") if path.exists() else ""
    marker = f"<!-- {name} -->"
    block = f"{marker}\n" + "\n".join(lines) + f"\n{marker}"
    if marker in text:
        head, _, rest = text.partition(marker)
        _, _, tail = rest.partition(marker)
        text = head + block + tail
    else:
        text = text + "\n" + block + "\n"
    path.write_text(text, "utf-8")
