"""Rule packs: the shipped ones load; a broken one names file, rule id and field."""

from pathlib import Path

import pytest

from auditor.engine.pack import builtin_rules_dir, load_pack, load_packs
from auditor.engine.views import Views
from auditor.errors import RulePackError

GOOD = """
pack: local
rules:
  - id: LOCAL001
    name: local-rule
    severity: warning
    over: nodes
    when: "item.weight is not None"
    check: "value(item.weight) > 0"
    params: {threshold: 3}
    values: {found: "item.weight"}
    places: "[place(item.weight, 'weight')]"
    key: "'local:' + item.path"
    message: {zh: "分值 {found}", en: "weight {found}"}
    docs: {description: "A local rule.", passing: "1", failing: "0"}
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_packs_load_and_cover_every_defect_class() -> None:
    rules = load_packs()
    prefixes = {r.id.rstrip("0123456789") for r in rules}
    assert {
        "SCORE",
        "DED",
        "RATE",
        "MONEY",
        "COUNT",
        "SURVEY",
        "ZERO",
        "SELF",
        "GRADE",
        "STATUS",
        "DATE",
    } <= prefixes
    assert [r.id for r in rules] == sorted(r.id for r in rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert r.over in Views.COLLECTIONS
        assert r.docs.passing and r.docs.failing and r.docs.description


def test_shipped_rules_folder_is_the_top_level_one() -> None:
    d = builtin_rules_dir()
    assert d.name == "rules" and (d / "scores.yaml").is_file()


def test_a_good_local_pack_loads(tmp_path: Path) -> None:
    rules = load_packs([write(tmp_path, GOOD)], builtin=False)
    assert [r.id for r in rules] == ["LOCAL001"]
    assert rules[0].effective_params()["threshold"] == 3


@pytest.mark.parametrize(
    ("change", "rule_id", "field", "detail"),
    [
        (("severity: warning", "severity: fatal"), "LOCAL001", "severity", "error"),
        (("    over: nodes", "    over: nodez"), "LOCAL001", "over", "unknown collection"),
        (("    over: nodes", "    over: nodes\n    colour: red"), "LOCAL001", "colour", "unknown field"),
        (('check: "value(item.weight) > 0"', 'check: "value(item.weight) >"'), "LOCAL001", "check", "syntax"),
        (
            ('check: "value(item.weight) > 0"', 'check: "valu(item.weight) > 0"'),
            "LOCAL001",
            "check",
            "unknown function",
        ),
        (
            ('check: "value(item.weight) > 0"', 'check: "value(item.wieght) > 0"'),
            "LOCAL001",
            "check",
            "unknown field",
        ),
        (
            ('check: "value(item.weight) > 0"', 'check: "value(thing) > 0"'),
            "LOCAL001",
            "check",
            "unknown name",
        ),
        (('when: "item.weight is not None"', 'when: "item.__class__"'), "LOCAL001", "when", "'_'"),
        (("name: local-rule", "name: Local_Rule"), "LOCAL001", "name", "pattern"),
        (("id: LOCAL001", "id: local1"), "local1", "id", "pattern"),
        (('{zh: "分值 {found}"', '{zh: "分值 {missing}"'), "LOCAL001", "message.zh", "not defined"),
        (
            ("params: {threshold: 3}", "params: {rounding: sideways}"),
            "LOCAL001",
            "params.rounding",
            "rounding",
        ),
        (("params: {threshold: 3}", "params: {tolerance: -1}"), "LOCAL001", "params.tolerance", "tolerance"),
        (
            ('    docs: {description: "A local rule.", passing: "1", failing: "0"}', ""),
            "LOCAL001",
            "docs",
            "required",
        ),
    ],
)
def test_broken_pack_names_file_rule_and_field(
    tmp_path: Path, change: tuple[str, str], rule_id: str, field: str, detail: str
) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    err = info.value
    assert err.path == str(path)
    assert err.rule_id == rule_id
    assert err.field == field
    assert detail.lower() in err.detail.lower()
    text = err.message("en")
    assert str(path) in text and rule_id in text and field in text


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "rules: [\n  - id: X\n")
    with pytest.raises(RulePackError, match="YAML") as info:
        load_pack(path)
    assert info.value.path == str(path)


def test_pack_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="mapping"):
        load_pack(write(tmp_path, "- 1\n- 2\n"))


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD.replace("name: local-rule", "name: other-rule"), "b.yaml")
    with pytest.raises(RulePackError) as info:
        load_packs([tmp_path], builtin=False)
    assert info.value.rule_id == "LOCAL001" and info.value.field == "id"
    assert str(a) in info.value.detail and info.value.path == str(b)


def test_duplicate_of_a_shipped_id_is_refused(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace("LOCAL001", "SCORE001").replace("local-rule", "my-rule"))
    with pytest.raises(RulePackError, match="duplicate rule id"):
        load_packs([tmp_path])


def test_missing_rules_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="no such"):
        load_packs([tmp_path / "nope"], builtin=False)


def test_oversized_pack_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# " + "x" * 1_100_000 + "\nrules: []\n")
    with pytest.raises(RulePackError, match="too large"):
        load_pack(path)
