"""The runner: outcomes, coverage, ordering, fingerprints, selection, parameters."""

import pytest

from auditor.engine.builder import FactsBuilder, run
from auditor.engine.fingerprint import fingerprint
from auditor.engine.pack import load_packs
from auditor.engine.runner import EngineConfig, audit_facts, select_rules
from auditor.errors import RulePackError
from auditor.report.text import summary_line


def sample(file: str = "draft.docx", shift: int = 0) -> FactsBuilder:
    b = FactsBuilder(file)
    for _ in range(shift):
        b.quote("an unrelated paragraph that moves every later place")
    b.tree(
        b.node(
            "决策", "20", "15", b.node("立项", "6", "5"), b.node("目标", "6", "4"), b.node("投入", "8", "7")
        )
    )
    b.section("决策", "20", "15", "75%", level=1)
    b.section("某指标", None, "2", deduction="1")  # no weight anywhere: not checkable
    b.tree(b.node("效益", "30", "21.94", rate="75.00%"))  # a wrong rate
    b.overall("total_score", "84.94", "cover")
    b.overall("total_score", "84.49", "summary")
    return b


def test_three_outcomes_and_coverage() -> None:
    result = run(sample(), "SCORE002", "DED002", "RATE001")
    stats = result.coverage.by_rule
    assert stats["SCORE002"]["failed"] == 1  # 5+4+7 = 16, not 15
    assert stats["DED002"]["not_checkable"] == 1
    assert stats["RATE001"] == {"passed": 0, "failed": 1, "not_checkable": 0, "errors": 0}
    assert result.coverage.checked == 2 and result.coverage.not_checkable == 1
    assert (
        summary_line(result.findings, result.coverage, "en")
        == "2 findings (2 errors); 2 claims checked, 1 not checkable"
    )
    assert (
        summary_line(result.findings, result.coverage, "zh")
        == "2 个问题（2 个错误）；已核对 2 项，无法核对 1 项"
    )


def test_a_table_not_understood_is_not_checkable() -> None:
    b = FactsBuilder()
    # The merged cell names a group that is not among the siblings: the table was misread.
    b.tree(
        b.node("决策", "40", "33", merged=["决策", "管理"]),
        b.node("产出", "30", "30"),
        total=("100", "84.94"),
    )
    stats = run(b, "SCORE001").coverage.by_rule["SCORE001"]
    assert stats["not_checkable"] == 1 and stats["failed"] == 0


def test_findings_carry_places_arithmetic_and_keys() -> None:
    f = run(sample(), "SCORE002").findings[0]
    assert f.rule_id == "SCORE002" and f.rule_name == "child-scores-sum" and f.severity == "error"
    assert f.expected == "5+4+7 = 16" and f.found == "15"
    assert [p.role for p in f.places] == ["total", "part", "part", "part"]
    assert f.places[0].quote == "决策 20 15" and f.places[0].location.file == "draft.docx"
    assert f.claim_key == "score-sum:annex:合计/决策"
    assert f.message == f.message_zh and f.message_en.startswith("The scores under")
    assert f.fingerprint == fingerprint("draft.docx", "SCORE002", f.claim_key)


def test_english_messages() -> None:
    facts = sample().facts
    findings, _ = audit_facts(facts, load_packs(), EngineConfig(select=["SCORE002"], lang="en"))
    assert findings[0].message == findings[0].message_en


def test_same_input_same_output() -> None:
    a = run(sample()).findings
    b = run(sample()).findings
    assert [f.model_dump() for f in a] == [f.model_dump() for f in b]


def test_findings_are_ordered_by_first_place_then_rule() -> None:
    findings = run(sample()).findings
    keys = [(f.places[0].location.block, f.rule_id) for f in findings]
    assert keys == sorted(keys)
    assert len(findings) >= 3


def test_fingerprints_survive_moves_and_folders_but_not_renames() -> None:
    base = {f.fingerprint for f in run(sample("a/draft.docx")).findings}
    moved = {f.fingerprint for f in run(sample("b/draft.docx", shift=5)).findings}
    renamed = {f.fingerprint for f in run(sample("a/other.docx")).findings}
    assert base == moved
    assert base.isdisjoint(renamed)


def test_repeated_claim_keys_are_made_unique() -> None:
    b = FactsBuilder()
    b.tree(b.node("甲", "3", "4"), kind="annex", caption="附件")
    b.tree(b.node("甲", "3", "5"), kind="annex", caption="附件")
    keys = [f.claim_key for f in run(b, "SCORE009").findings]
    assert keys == ["score-range:annex:合计/甲", "score-range:annex:合计/甲#2"]


def test_select_and_ignore() -> None:
    rules = load_packs()
    picked = select_rules(rules, EngineConfig(select=["SCORE", "grade-vs-score"], ignore=["SCORE004"]))
    ids = [r.id for r in picked]
    assert "SCORE001" in ids and "GRADE001" in ids and "SCORE004" not in ids and "RATE001" not in ids


def test_unknown_parameter_override_is_an_error() -> None:
    with pytest.raises(RulePackError) as info:
        run(sample(), "SELF001", SELF001={"treshold": 5})
    assert info.value.rule_id == "SELF001" and info.value.field == "params.treshold"
    with pytest.raises(RulePackError, match="rounding"):
        run(sample(), "SCORE002", SCORE002={"rounding": "sideways"})


def test_rounding_mode_override_changes_the_verdict() -> None:
    b = FactsBuilder()
    # 5.419 + 5.519 = 10.938: printed truncated as 5.41 + 5.51 and 10.93.
    b.tree(b.node("社会", "12", "10.93", b.node("便利", "6", "5.41"), b.node("安全", "6", "5.51")))
    assert run(b, "SCORE002").findings == []  # 10.915..10.925 vs 10.925..10.935 touch
    b = FactsBuilder()
    b.tree(b.node("社会", "12", "10.94", b.node("便利", "6", "5.41"), b.node("安全", "6", "5.51")))
    assert len(run(b, "SCORE002").findings) == 1  # half-up: 10.92 cannot print as 10.94
    assert run(b, "SCORE002", SCORE002={"rounding": "either"}).findings == []  # truncation: 10.94 possible


def test_tolerance_override() -> None:
    b = FactsBuilder()
    b.tree(b.node("甲", "10", "10.5", b.node("乙", "5", "5"), b.node("丙", "5", "5")))
    assert len(run(b, "SCORE002").findings) == 1
    assert run(b, "SCORE002", SCORE002={"tolerance": 0.5}).findings == []


def test_a_rule_over_its_time_budget_stops_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.engine.runner as runner

    b = FactsBuilder()
    b.tree(b.node("决策", "20", "15", rate="75.00%"), b.node("过程", "20", "18", rate="95.00%"))
    monkeypatch.setattr(runner, "RULE_SECONDS", -1.0)  # every rule is already late
    result = run(b, "RATE001")
    assert result.findings == []
    assert result.coverage.by_rule["RATE001"]["not_checkable"] == 3  # the two rows and the root
    assert result.stopped == ["RATE001: 达到时间上限而停止，3 项计为无法核对"]
