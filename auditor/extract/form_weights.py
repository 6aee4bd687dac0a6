"""First-level weights of a self-assessment form: as the form prints them (a label's
"产出指标（50分）", else the sum of its rows' weights; the funds row's 分值 for 执行率), and
as the form's own note fixes them ("一级指标权重：产出指标50分、效益指标30分…").

Also which indicator rows are optional alternatives ("经济效益指标（可选项）"): a form
offers them to choose from, so their weights are not parts of a sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from auditor.extract.text import cell_quote, paragraph_quote
from auditor.facts import FormLevel1, FormRow, NotedWeight, Quote, WeightsNote
from auditor.models import Document, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.numbers import Num, parse_number
from auditor.tables import TableReading

# ---------------------------------------------------------------- names

# first-level names as notes and labels spell them, to one key each
_KEYS = (
    ("满意度", re.compile(r"(?:服务对象|社会公众|群众)?满意度(?:指标)?")),
    ("执行率", re.compile(r"(?:预算(?:资金)?|资金)?执行(?:率|情况)(?:指标)?")),
    ("产出", re.compile(r"产出(?:指标)?")),
    ("效益", re.compile(r"效益(?:指标)?")),
    ("成本", re.compile(r"成本(?:指标)?")),
)
_NAME = r"(?:服务对象|社会公众|群众)?满意度|(?:预算(?:资金)?|资金)?执行(?:率|情况)|产出|效益|成本"
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def level1_key(name: str) -> str:
    """The key of a first-level name: 产出 / 效益 / 满意度 / 成本 / 执行率, else the name
    without its "指标" ("履职效能")."""
    text = _POINTS.sub("", "".join(name.split()))
    for key, pattern in _KEYS:
        if pattern.fullmatch(text):
            return key
    return text[:-2] if text.endswith("指标") and len(text) > 2 else text


# ---------------------------------------------------------------- optional rows

OPTIONAL = re.compile(r"[(（]\s*(?:可选项?|选填|备选)\s*[)）]|可选项|（?选填）?$")


def is_optional(*labels: str | None) -> bool:
    """A row marked as an alternative to choose from in any of its level labels."""
    return any(bool(label) and OPTIONAL.search("".join(label.split())) is not None for label in labels)  # type: ignore[union-attr]


# ---------------------------------------------------------------- the note

_PAIR = re.compile(
    rf"({_NAME})(?:类)?(?:指标)?(?:的)?(?:权重|分值|满分)?(?:统一)?(?:设置|设定|确定)?(?:为|占|是|:|：)?\s*[(（]?\s*"
    r"(\d{1,3}(?:\.\d{1,2})?)\s*(分|%|％)"
)
_LIST = re.compile(
    rf"((?:(?:{_NAME})(?:指标)?[、,，和及与]*){{2,}})(?:的)?(?:权重|分值)?(?:分别)(?:为|占|是|设置为|设定为)?\s*"
    r"((?:\d{1,3}(?:\.\d{1,2})?\s*(?:分|%|％)?[、,，和及与]*){2,})"
)
_CUE = re.compile(r"权重|分值|满分|占\s*\d|占比|设置为|设定为|统一设置|一级指标")
_NOTE_START = re.compile(r"^\s*(?:注|说明|备注|填表说明|注释)\s*\d*\s*[:：.、]")
_SCORED = re.compile(r"得分|扣分|扣\d|得\d|自评")


def weights_in_text(text: str) -> list[tuple[str, str, Num]]:
    """(key, name as printed, weight in points) of each first-level weight a note states;
    [] unless it names at least two, in a sentence about weights (权重, 分值, a note)."""
    t = normalize_text(text)
    for sentence in re.split(r"[。；;\n]", t):
        if not sentence.strip() or _SCORED.search(sentence):
            continue
        found = _listed(sentence) or _paired(sentence)
        keys = [k for k, _, _ in found]
        if len(found) < 2 or len(set(keys)) != len(keys):
            continue
        # without a word about weights, only a whole form's worth (100 points in all)
        if _CUE.search(sentence) or _NOTE_START.match(sentence) or _NOTE_START.match(t) or sum(n.value for _, _, n in found) == 100:
            return found
    return []


def _paired(sentence: str) -> list[tuple[str, str, Num]]:
    out = []
    for m in _PAIR.finditer(sentence):
        n = parse_number(m.group(2))
        if n is not None:
            out.append((level1_key(m.group(1)), m.group(1), n))
    return out


def _listed(sentence: str) -> list[tuple[str, str, Num]]:
    """"产出、效益、满意度指标分别为50分、30分、10分"."""
    m = _LIST.search(sentence)
    if m is None:
        return []
    names = re.findall(_NAME, m.group(1))
    nums = [parse_number(x) for x in re.findall(r"\d{1,3}(?:\.\d{1,2})?", m.group(2))]
    if len(names) != len(nums) or any(n is None for n in nums):
        return []
    return [(level1_key(a), a, n) for a, n in zip(names, nums, strict=True)]  # type: ignore[misc]


def weights_note(doc: Document, reading: TableReading) -> WeightsNote | None:
    """The form's own statement of its first-level weights: a note row inside the table,
    or a paragraph right after it (or right above it)."""
    for text, quote in _note_places(doc, reading):
        found = weights_in_text(text)
        if found:
            return WeightsNote(
                source=quote, weights=[NotedWeight(key=k, name=name, weight=n) for k, name, n in found]
            )
    return None


def note_texts(doc: Document, reading: TableReading) -> list[str]:
    """The texts of a form's notes: long cells of the form, paragraphs right below or above."""
    return [text for text, _ in _note_places(doc, reading)]


def _note_places(doc: Document, reading: TableReading) -> Iterator[tuple[str, Quote]]:
    seen: set[str] = set()
    for table in [reading.table, *reading.continued_tables]:
        for c in table.iter_cells():
            if len(c.text.strip()) >= _NOTE_MIN and c.text not in seen:  # a note row, merged across
                seen.add(c.text)
                yield c.text, cell_quote(c)
    last = (reading.continued_tables or [reading.table])[-1]
    for block in _blocks_after(doc, last):
        if isinstance(block, Paragraph):
            yield block.text, paragraph_quote(block)
        else:
            for c in block.iter_cells():
                if len(c.text.strip()) >= _NOTE_MIN:
                    yield c.text, cell_quote(c)
    idx = reading.table.location.block
    if idx is not None:
        for block in reversed(doc.blocks[max(0, idx - 3) : idx]):
            if isinstance(block, Table):
                break
            if block.text.strip():
                yield block.text, paragraph_quote(block)


_NOTE_MIN = 12  # shorter cells are labels ("产出指标（50分）"), not notes
_SHORT_TABLE = 4  # rows: the closing rows of a form cut off as a table of their own


def _blocks_after(doc: Document, table: Table, limit: int = 4) -> Iterable[Paragraph | Table]:
    """Up to `limit` paragraphs below a form, and the short tables among them (its
    closing rows cut off where the columns change)."""
    idx = table.location.block
    if idx is None:
        return []
    out: list[Paragraph | Table] = []
    n = 0
    for block in doc.blocks[idx + 1 :]:
        if n >= limit:
            break
        if isinstance(block, Table):
            if block.n_rows > _SHORT_TABLE:
                break
            out.append(block)
        elif block.text.strip():
            out.append(block)
            n += 1
    return out


# ---------------------------------------------------------------- the form's weights


def form_level1(
    rows: list[FormRow],
    label_weights: dict[str, tuple[Num, Quote]],
    funds: tuple[str, Num, Quote] | None,
    uncertain: set[str],
) -> list[FormLevel1]:
    """Each first-level block of the form with its printed weight: the label's "(50分)",
    else the sum of its rows' weights when every row prints one (optional alternatives
    left out; a block holding a scored alternative, or in `uncertain`, has none), and
    the funds row's 分值 as 执行率."""
    out: list[FormLevel1] = []
    if funds is not None:
        out.append(FormLevel1(key="执行率", name=funds[0] or "预算执行率", weight=funds[1], from_label=False, sources=[funds[2]]))
    order: list[str] = []
    members: dict[str, list[FormRow]] = {}
    for r in rows:
        if not r.level1:
            continue
        if r.level1 not in members:
            order.append(r.level1)
            members[r.level1] = []
        members[r.level1].append(r)
    for name in order:
        key = level1_key(name)
        if any(x.key == key for x in out):
            continue  # two blocks of one key (a name spelled twice): no one weight to compare
        if name in label_weights:
            n, q = label_weights[name]
            out.append(FormLevel1(key=key, name=name, weight=n, from_label=True, sources=[q]))
            continue
        parts = [r for r in members[name] if not r.optional]
        weight: Num | None = None
        sources: list[Quote] = []
        if parts and name not in uncertain and all(r.weight is not None and "weight" in r.sources for r in parts):
            total = sum((r.weight.value for r in parts), start=parts[0].weight.value * 0)  # type: ignore[union-attr]
            decimals = max(r.weight.decimals for r in parts)  # type: ignore[union-attr]
            weight = Num(value=total, text=f"{total:.{decimals}f}", decimals=decimals, percent=False)
            sources = [r.sources["weight"] for r in parts]
        out.append(FormLevel1(key=key, name=name, weight=weight, from_label=False, sources=sources))
    return out


__all__ = ["form_level1", "is_optional", "level1_key", "note_texts", "weights_in_text", "weights_note"]
