"""Score trees from every scoring table, then the section sentences that state scores.

Entry point of the score extraction (`extract_scores(doc, facts)`): each table is read by
`score_tables` (conservatively: weight and score columns by header, figures by content),
given a kind from its shape and title, and checked against the other trees for one
merged first-level cell standing for two groups. Sentences come last (`sections`), as
they are linked to the trees' indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.extract.keys import name_key
from auditor.extract.score_tables import build_trees, read_table
from auditor.extract.sections import extract_section_scores
from auditor.extract.text import preceding_paragraphs
from auditor.facts import Facts, ScoreNode, ScoreTree, TreeKind
from auditor.models import Document, Table
from auditor.normalize import compact
from auditor.notes import Note, note

_SELF = re.compile(r"自评")
# A section's own table: "表5-1 部门决策类指标得分情况表", "决策指标得分明细".
_SECTION_TITLE = re.compile(r"类指标|(?:决策|过程|产出|效益|管理)(?:类|部分)?指标得分")
_MAX_TITLE = 60


def extract_scores(doc: Document, facts: Facts) -> None:
    trees: list[ScoreTree] = []
    for table in doc.tables():
        reading, problem = read_table(table)
        if reading is None:
            if problem:
                facts.notes.append(note("not_scoring_table", table=[_name(table)], detail=[problem]))
            continue
        context = _context(doc, table)
        top_level = 2 if _SECTION_TITLE.search(context) else 1
        for built in build_trees(reading, top_level):
            kind = _kind(built.which, built.root, reading.has_self, context + " " + reading.header_text)
            trees.append(ScoreTree(kind=kind, caption=table.caption, table=table.index, root=built.root))
            facts.notes.extend(note("in_table", table=[_name(table)], detail=[n]) for n in built.notes)
    _merged_across_tables(trees, facts.notes)
    facts.score_trees.extend(trees)
    extract_section_scores(doc, facts)


def _name(table: Table) -> Note:
    if table.caption:
        return note("table_named", table=table.index + 1, caption=table.caption)
    return note("table_number", table=table.index + 1)


def _context(doc: Document, table: Table) -> str:
    """The table's title: its caption, else a short paragraph right above it."""
    if table.caption:
        return compact(table.caption)
    above = preceding_paragraphs(doc, table, limit=1)
    if above and len(above[0].text) <= _MAX_TITLE:
        return compact(above[0].text)
    return ""


def walk(node: ScoreNode) -> Iterator[ScoreNode]:
    yield node
    for c in node.children:
        yield from walk(c)


def _kind(which: str, root: ScoreNode, has_self: bool, context: str) -> TreeKind:
    """self: the 自评 column, or a table titled as a self-assessment with one score
    column; then by shape: only first-level rows -> summary, no first-level rows -> a
    section's table, several levels -> the full (annex) table."""
    if which == "self" or (not has_self and _SELF.search(context)):
        return "self"
    levels = {n.level for n in walk(root) if n.level > 0}
    if not levels:
        return "other"
    if min(levels) >= 2:
        return "section"
    if levels == {1}:
        return "summary"
    return "annex"


def _merged_by_framework(tree: ScoreTree, notes: list[Note]) -> None:
    """Without a summary table to compare with: a table listing the standard first-level
    groups but one (决策, 产出, 效益 of 决策/过程/产出/效益) whose first-level weights still
    add up to its printed total has one cell standing for two groups - the group before
    the missing one ('决策 40' for 决策+过程)."""
    children = tree.root.children
    total = tree.root.weight
    if total is None or any(c.weight is None or c.merged_group for c in children):
        return
    if sum(c.weight.value for c in children if c.weight) != total.value:
        return
    keys = [name_key(c.name) for c in children]
    for framework in _FRAMEWORKS:
        if not keys or not set(keys) < set(framework) or keys != [k for k in framework if k in keys]:
            continue
        missing = [k for k in framework if k not in keys]
        # the missing groups stand between two present ones (a table that stops early
        # is a partial table, not a merged one)
        first = framework.index(missing[0])
        after = first + len(missing)
        if first == 0 or list(framework[first:after]) != missing or after >= len(framework):
            return
        i = keys.index(framework[first - 1])
        node = children[i]
        # ... and the cell's own rows hold indicators of the missing groups
        typical = [t for m in missing for t in _TYPICAL_CHILDREN.get(m, ())]
        if not any(t in name_key(c.name) for c in node.children for t in typical):
            return
        node.merged_group = [node.name, *missing]
        extra = [ScoreNode(level=node.level, name=m, source=node.source) for m in missing]
        tree.root.children = children[: i + 1] + extra + children[i + 1 :]
        notes.append(
            note(
                "merged_group_missing",
                table=(tree.table or 0) + 1,
                name=node.name,
                weight=node.weight.text if node.weight else "",
                groups="+".join(node.merged_group),
                missing="、".join(missing),
                total=total.text,
            )
        )
        return


_FRAMEWORKS = (("决策", "过程", "产出", "效益"), ("部门决策", "部门管理", "部门产出", "部门效益"))
# Second-level indicators the standard frameworks put under each first-level group.
_TYPICAL_CHILDREN: dict[str, tuple[str, ...]] = {
    "决策": ("项目立项", "绩效目标", "资金投入"),
    "过程": ("资金管理", "组织实施", "业务管理", "财务管理"),
    "产出": ("产出数量", "产出质量", "产出时效", "产出成本"),
    "效益": ("社会效益", "经济效益", "生态效益", "可持续影响", "满意度"),
    "部门决策": ("部门职能", "目标设定", "决策过程"),
    "部门管理": ("预算执行", "财务管理", "制度管理", "资产管理", "人员管理", "采购管理", "预算管理"),
    "部门产出": ("重点工作任务", "履职目标"),
    "部门效益": ("社会效益", "经济效益", "可持续影响", "满意度"),
}


def _merged_across_tables(trees: list[ScoreTree], notes: list[Note]) -> None:
    """A first-level row whose weight is that of two or more consecutive groups of a
    summary table, the others missing from its own table ('决策 40' for 决策 20 + 过程
    20): the cell stood for all of them. Recorded as `merged_group` with an empty node
    for each other group, and a note; nothing else is changed."""
    summaries = [t for t in trees if t.kind == "summary"]
    if not summaries:
        for tree in trees:
            if tree.kind in ("annex", "other", "self"):
                _merged_by_framework(tree, notes)
        return
    for tree in trees:
        if tree.kind in ("summary", "section"):
            continue
        own = {name_key(c.name) for c in tree.root.children}
        for summary in summaries:
            ref = summary.root.children
            keys = [name_key(c.name) for c in ref]
            new_children: list[ScoreNode] = []
            for node in tree.root.children:
                new_children.append(node)
                if node.merged_group or node.weight is None:
                    continue
                key = name_key(node.name)
                if key not in keys:
                    continue
                i = keys.index(key)
                if ref[i].weight is None or ref[i].weight.value == node.weight.value:
                    continue
                total = ref[i].weight.value
                group = [ref[i]]
                for other in ref[i + 1 :]:
                    if other.weight is None or name_key(other.name) in own:
                        break
                    total += other.weight.value
                    group.append(other)
                    if total >= node.weight.value:
                        break
                if len(group) < 2 or total != node.weight.value:
                    continue
                node.merged_group = [g.name for g in group]
                for g in group[1:]:
                    new_children.append(ScoreNode(level=node.level, name=g.name, source=node.source))
                parts = "+".join(f"{g.name} {g.weight.text if g.weight else ''}" for g in group)
                notes.append(
                    note(
                        "merged_across_tables",
                        table=(tree.table or 0) + 1,
                        name=node.name,
                        weight=node.weight.text,
                        parts=parts,
                        summary=summary.caption or "",
                    )
                )
            tree.root.children = new_children
            own = {name_key(c.name) for c in tree.root.children}
