import pytest

from auditor.normalize import compact, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("得分８４．９４分", "得分84.94分"),
        ("得分率７５％", "得分率75%"),
        ("84.94 分", "84.94 分"),  # a space before a unit word stays readable
        ("共办理 1 396 项业务", "共办理 1396 项业务"),
        ("合计 1 234 567 元", "合计 1234567 元"),
        ("84. 94", "84.94"),
        ("84.94 %", "84.94%"),
        ("1，396项", "1,396项"),
        ("≥ 95%", "≥95%"),
        ("≧９５％", "≥95%"),
        ("优（得分 $\\geq 90$ 分）", "优（得分 ≥90 分）"),
        ("良（ $80 \\leq$ 得分 $< 90$ 分）", "良（ 80 ≤ 得分 <90 分）"),
        ("Ａ１１部门职能", "A11部门职能"),
        ("项目\u00a0名称\u3000", "项目 名称"),
        ("零\u200b宽", "零宽"),
        ("第一行  \n  第二行", "第一行\n第二行"),
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_chinese_prose_punctuation_is_kept() -> None:
    text = "经评价，项目得分84.94分（良）。"
    assert normalize_text(text) == text


def test_separate_small_numbers_are_not_joined() -> None:
    # "20 100" is two table figures on one line, not a thousands group of 20100? It is
    # ambiguous; we only join when the left group has 1-3 digits and is not itself part
    # of a decimal. A percentage after the group blocks joining.
    assert normalize_text("得分 3 100%") == "得分 3 100%"
    assert normalize_text("2024 年 6 月 18 日") == "2024 年 6 月 18 日"


def test_normalize_is_idempotent_on_examples() -> None:
    for raw in ["得分８４．９４分", "共 1 396 项", "≥ 95 %", "$\\geq 90$"]:
        once = normalize_text(raw)
        assert normalize_text(once) == once


def test_compact_removes_all_spaces() -> None:
    assert compact("指标 实现\n情况") == "指标实现情况"


def test_literal_html_paragraph_tags_become_line_breaks() -> None:
    from auditor.normalize import normalize_text

    cell = "<p>单位（签章）：</p> <p>负责人签字：</p> <p>2025年03月02日</p>"
    assert normalize_text(cell) == "单位（签章）：\n负责人签字：\n2025年03月02日"
    assert normalize_text("得分<P>17.50</P>分，见表<br/>2") == "得分 17.50 分，见表\n2"
    assert normalize_text("a<b>c</b> x<5") == "a<b>c</b> x<5"  # other markup is left alone
