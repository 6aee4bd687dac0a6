"""Notes (what could not be read) print in the user's language and stay structured."""

import re
import string
from pathlib import Path

from auditor.notes import CATALOGUE, note

SOURCE = Path(__file__).resolve().parents[1] / "auditor"


def test_every_code_written_in_the_source_has_words_in_both_languages() -> None:
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(re.findall(r'\bnote\(\s*"(\w+)"', path.read_text("utf-8")))
    used |= {"cut_layout", "cut_header"}  # written as note(f"cut_{kind}")
    assert used and used <= set(CATALOGUE), used - set(CATALOGUE)


def test_both_templates_of_a_code_take_the_same_arguments() -> None:
    fields = string.Formatter()
    for code, (zh, en) in CATALOGUE.items():
        names = [{f for _, f, _, _ in fields.parse(t) if f} for t in (zh, en)]
        assert names[0] == names[1], code
        words = re.sub(r"\{\w+\}|LibreOffice|altChunk|FFFD", "", zh)
        assert not re.search(r"[A-Za-z]{4,}", words), code  # no English left in the Chinese


def test_nested_notes_and_words_follow_the_language() -> None:
    joined = note("table_joined", table=4, onto=3, how=[note("repeated_header_dropped", rows=1), note("finishes_last_row")])
    assert joined.text("zh") == "表格 4 接在表格 3 之后（去掉重复的 1 行表头；其第一行补全上一行）"
    assert str(joined) == "table 4 joined to table 3 (repeated header of 1 row(s) dropped; its first row finishes the last row above)"
    skipped = note("table_skipped", part="surveys", table=2, reason="IndexError")
    assert skipped.text("zh").startswith("问卷：表格 2") and skipped.text("en").startswith("surveys: table 2")
    # structured in JSON: a machine reads the code, not the words
    assert joined.model_dump()["code"] == "table_joined"


def test_an_unknown_code_or_a_missing_argument_still_prints() -> None:
    assert "mystery" in note("mystery", a=1).text("zh")
    assert "table_skipped" in note("table_skipped", table=1).text("en")
