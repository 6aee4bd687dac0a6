"""Notes: what a reader or an extractor could not read faithfully (shown with --verbose).

A note is a code with its arguments; the words come from the catalogue below, in Chinese
and English, so a note prints in the user's language and stays machine-readable in JSON.
An argument may itself be a list of notes (the reasons of a joined table), rendered in
the same language. Exception texts passed as `reason` are technical and stay as raised.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

NoteArg = str | int | list["Note"]

# code -> (zh, en); every placeholder is an argument of the note
CATALOGUE: dict[str, tuple[str, str]] = {
    # extraction
    "table_skipped": ("{part}：表格 {table} 未读取（{reason}）", "{part}: table {table} skipped: {reason}"),
    "sentence_skipped": ("{part}：未读取语句“{text}”（{reason}）", "{part}: skipped '{text}': {reason}"),
    "section_skipped": ("问题清单：第 {block} 段起的一节未读取（{reason}）", "problems: section at block {block} skipped: {reason}"),
    "extractor_failed": ("{part}提取出错：{reason}", "{part} failed: {reason}"),
    "numbers_without_header": ("第 {row} 行第 {col} 列的数字不在任何表头之下", "numbers in row {row} column {col} stand under no header"),
    "money_no_unit": (
        "金额：表格 {table} 第 {row} 行的 {figure} 没有单位，未读取",
        "money: table {table} row {row}: no unit for {figure}",
    ),
    "not_scoring_table": ("{table}：未作为评分表读取（{detail}）", "{table}: not read as a scoring table: {detail}"),
    "table_named": ("表格 {table}《{caption}》", "table {table} «{caption}»"),
    "table_number": ("表格 {table}", "table {table}"),
    "no_data_rows": ("表头下没有数据行", "no data rows under the header"),
    "few_numeric_rows": (
        "{data} 行中只有 {numeric} 行在分值/得分列有数字",
        "only {numeric} of {data} rows hold numbers in the weight/score columns",
    ),
    "in_table": ("{table}：{detail}", "{table}: {detail}"),
    "merged_cell": ("单元格“{cell}”代表 {groups}（一个合并单元格）", "cell '{cell}' stands for {groups} (one merged cell)"),
    "merged_group_missing": (
        "表格 {table}：“{name}”（{weight}）代表 {groups}：表中没有 {missing}，且一级指标分值之和等于总分 {total}（一个合并单元格）",
        "table {table}: '{name}' ({weight}) stands for {groups}: the table lists no {missing} and its "
        "first-level weights add up to the total {total} (one merged cell)",
    ),
    "merged_across_tables": (
        "表格 {table}：“{name}”（{weight}）代表《{summary}》中的 {parts}（一个合并单元格）",
        "table {table}: '{name}' ({weight}) stands for {parts} of «{summary}» (one merged cell)",
    ),
    # readers
    "converted_legacy": ("已用 LibreOffice 将 {ext} 文件转换后读取", "converted from {ext} with LibreOffice before reading"),
    "sheet_hidden": ("工作表“{sheet}”已隐藏，未读取", "sheet '{sheet}' is hidden, not read"),
    "rows_hidden": ("工作表“{sheet}”：隐藏的第 {rows} 行未读取", "sheet '{sheet}': hidden row(s) {rows} not read"),
    "cols_hidden": ("工作表“{sheet}”：隐藏的 {cols} 列未读取", "sheet '{sheet}': hidden column(s) {cols} not read"),
    "formula_no_value": (
        "{ref}：公式 {formula} 没有保存计算结果，按空单元格读取（请在表格软件中打开、保存后再检查）",
        "{ref}: formula {formula} has no saved result, read as empty (open and save it in Excel, then check again)",
    ),
    "format_unrendered": (
        "{ref} 等 {count} 个单元格：数字格式“{fmt}”无法还原，按常规格式读取",
        "{ref} and others, {count} cell(s): number format '{fmt}' not rendered, read as General",
    ),
    "page_unloadable": ("第 {page} 页无法载入，已跳过", "page {page}: cannot be loaded, skipped"),
    "no_text_layer": ("以下页面没有文字层（扫描件？）：{pages}", "pages without a text layer (scanned?): {pages}"),
    "tables_not_detected": (
        "第 {page} 页未能识别表格（{reason}），按文字读取",
        "page {page}: tables not detected ({reason}), read as text",
    ),
    "bad_bytes": (
        "{count} 处不是有效 {encoding} 编码的字节已替换为 U+FFFD",
        "{count} byte sequence(s) not valid {encoding} were replaced by U+FFFD",
    ),
    "altchunk": ("{count} 个嵌入文档部件（w:altChunk）未读取", "{count} embedded document part(s) (w:altChunk) not read"),
    "vmerge_orphan": (
        "表格 {table} 第 {row} 行第 {col} 列：纵向合并上方没有起始单元格，按独立单元格读取",
        "table {table} row {row} col {col}: vertical merge without a cell above, read as its own cell",
    ),
    "merged_text_kept": (
        "表格 {table} 第 {row} 行第 {col} 列：合并单元格（{how}）的续格中有文字，已保留",
        "table {table} row {row} col {col}: text in a {how} merged continuation cell kept",
    ),
    "grid_reduced": (
        "表格 {table}：{shape} 的网格简化为 {new_shape}（去掉没有单元格起始的网格线）",
        "table {table}: grid of {shape} reduced to {new_shape} (lines no cell starts on)",
    ),
    "glued_tables": (
        "表格 {table}（{shape}）由几张表粘连而成：在{cuts}之前切开；各部分按续表重新连接后得到 {count} 张表 {shapes}{details}",
        "table {table} ({shape}) is tables glued together: cut before {cuts}; "
        "the parts rejoined as continued tables give {count} table(s) {shapes}{details}",
    ),
    "details": ("（{items}）", " ({items})"),
    "cut_layout": ("第 {row} 行（列布局改变）", "row {row} (its column layout changes)"),
    "cut_header": ("第 {row} 行（重复表头）", "row {row} (it repeats the header)"),
    "fragments_reassembled": (
        "表格 {first}–{last}：{tables} 个表格碎片和 {paragraphs} 个短段落重新拼成一张 {shape} 的表"
        "（转换工具在单元格内的空行处把表拆开了；不规则度 {cost}）",
        "table {first}–{last}: {tables} table fragments and {paragraphs} short paragraphs re-assembled into "
        "one table of {shape} (a converter split it at blank lines inside cells; irregularity {cost})",
    ),
    "table_joined": ("表格 {table} 接在表格 {onto} 之后（{how}）", "table {table} joined to table {onto} ({how})"),
    "repeated_header_dropped": ("去掉重复的 {rows} 行表头", "repeated header of {rows} row(s) dropped"),
    "same_columns": ("续表，列相同", "continuation, same columns"),
    "finishes_last_row": ("其第一行补全上一行", "its first row finishes the last row above"),
    "table_joined_mapped": (
        "表格 {table} 接在表格 {onto} 之后（其表头重复表格 {onto} 的表头但合并了列；{n} 列对应到 {m} 列）",
        "table {table} joined to table {onto} (its header repeats table {onto}'s with merged columns; "
        "{n} columns mapped onto {m})",
    ),
    "table_body_joined": (
        "表格 {first} 以表头结束：其后的 {tables} 个表格和 {paragraphs} 个短段落作为它的行接上"
        "（转换工具把行的空单元格丢掉了，只剩一个单元格的行成了段落）",
        "table {first} ends in its header: the {tables} table(s) and {paragraphs} short paragraph(s) after it are "
        "joined as its rows (a converter dropped the rows' empty cells; one-cell rows became paragraphs)",
    ),
    "table_joined_split": (
        "表格 {table} 接在表格 {onto} 之后：它有 {n} 列而不是 {m} 列；其第 {col} 列按第 {col}–{col2} 列合并处理（内容最吻合）",
        "table {table} joined to table {onto}: it has {n} columns, not {m}; its column {col} is taken as "
        "columns {col}-{col2} merged (content fits best there)",
    ),
}

# words that stand in a note's arguments: (zh, en)
_WORDS: dict[str, tuple[str, str]] = {
    "surveys": ("问卷", "surveys"),
    "rates": ("比率", "rates"),
    "targets": ("绩效目标", "targets"),
    "counts": ("数量", "counts"),
    "money": ("金额", "money"),
    "dates": ("日期", "dates"),
    "problems": ("问题清单", "problems"),
    "breakdowns": ("分项构成", "breakdowns"),
    "horizontally": ("横向", "horizontally"),
    "vertically": ("纵向", "vertically"),
}

_JOIN = {"zh": "；", "en": "; "}


class Note(BaseModel):
    code: str = Field(description="what happened; the catalogue in auditor/notes.py gives the words")
    args: dict[str, NoteArg] = Field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        i = 0 if lang == "zh" else 1
        template = CATALOGUE[self.code][i] if self.code in CATALOGUE else self.code
        values = {k: _arg(v, lang) for k, v in self.args.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {values}"

    def __str__(self) -> str:
        return self.text("en")


Note.model_rebuild()


def _arg(value: NoteArg, lang: str) -> str:
    if isinstance(value, list):
        return _JOIN.get(lang, "; ").join(n.text(lang) for n in value)
    if isinstance(value, str) and value in _WORDS:
        return _WORDS[value][0 if lang == "zh" else 1]
    return str(value)


def note(code: str, **args: NoteArg) -> Note:
    return Note(code=code, args=args)
