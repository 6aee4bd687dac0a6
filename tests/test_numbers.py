from decimal import Decimal

import pytest

from auditor.numbers import find_numbers, num, parse_number


@pytest.mark.parametrize(
    ("text", "value", "decimals", "percent"),
    [
        ("84.94", "84.94", 2, False),
        ("85.20", "85.20", 2, False),
        ("413,550.00", "413550.00", 2, False),
        ("1,396", "1396", 0, False),
        ("73.13%", "73.13", 2, True),
        ("-5.18%", "-5.18", 2, True),
        ("−5.18%", "-5.18", 2, True),
        ("100", "100", 0, False),
        (" 21.94 ", "21.94", 2, False),
    ],
)
def test_parse_number(text: str, value: str, decimals: int, percent: bool) -> None:
    n = parse_number(text)
    assert n is not None
    assert n.value == Decimal(value)
    assert n.decimals == decimals
    assert n.percent is percent


def test_trailing_zeros_survive() -> None:
    assert str(num("85.20").value) == "85.20"
    assert num("85.20").precision == Decimal("0.01")


@pytest.mark.parametrize("text", ["", "abc", "84.94分", "1.2.3", "12,34", "%"])
def test_not_a_single_number(text: str) -> None:
    assert parse_number(text) is None


def test_interval_from_printed_precision() -> None:
    assert num("84.94").interval() == (Decimal("84.935"), Decimal("84.945"))
    assert num("70").interval() == (Decimal("69.5"), Decimal("70.5"))


def test_find_numbers_spans() -> None:
    text = "得分84.94分，得分率84.94%，共1,396项"
    found = find_numbers(text)
    assert [n.text for n, _, _ in found] == ["84.94", "84.94%", "1,396"]
    for n, a, b in found:
        assert text[a:b] == n.text


def test_num_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        num("abc")
