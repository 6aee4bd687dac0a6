"""The shipped draft with planted defects (fixtures/generated/draft_project_eval.docx,
the README's demo): every planted slip is reported, at its place, and nothing else."""

from pathlib import Path

from auditor.engine.api import audit_path
from fixtures.make_fixtures import DRAFTS, build_draft, render

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "fixtures" / "generated" / "draft_project_eval.docx"

# planted place -> rules that must report it (quoting the planted text)
EXPECTED = {
    "table1.效益.score": {"SCORE003", "SCORE008", "RATE001"},
    "conclusion.total_score": {"SCORE004"},
    "money.body.addition": {"MONEY001", "MONEY003"},
    "counts.level3": {"COUNT001"},
    "dates.feedback_signature": {"DATE001"},
    "narrative.过程/组织实施/制度执行有效性.score": {"DED002", "SCORE005"},
}


def test_every_planted_defect_is_reported_where_it_was_planted(tmp_path: Path) -> None:
    base, overrides = DRAFTS["draft_project_eval"]
    assert set(overrides) == set(EXPECTED)
    path = render(build_draft("draft_project_eval"), "docx", tmp_path / "draft.docx")
    result = audit_path(str(path))
    for key, rules in EXPECTED.items():
        planted = overrides[key]
        hits = {
            f.rule_id
            for f in result.findings
            if any(planted in p.quote for p in f.places) or planted in (f.found or "")
        }
        assert rules <= hits, f"{key} = {planted}: reported by {sorted(hits)}, expected {sorted(rules)}"
    # and nothing beyond the planted slips: every finding involves one of them
    planted_texts = set(overrides.values())
    for f in result.findings:
        texts = [p.quote for p in f.places] + [f.found or ""]
        assert any(t in q for t in planted_texts for q in texts), f.message_en


def test_the_shipped_draft_is_current(tmp_path: Path) -> None:
    fresh = audit_path(str(render(build_draft("draft_project_eval"), "docx", tmp_path / "d.docx")))
    shipped = audit_path(str(SHIPPED))
    assert [(f.rule_id, f.claim_key) for f in shipped.findings] == [
        (f.rule_id, f.claim_key) for f in fresh.findings
    ]


def test_the_shipped_draft_gives_one_group_per_planted_slip() -> None:
    """6 planted slips, 11 findings: every slip is one group, and every group holds the
    findings EXPECTED lists for its slip (the lead names the planted figure)."""
    from auditor.report.grouping import group_findings

    _, overrides = DRAFTS["draft_project_eval"]
    groups = group_findings(audit_path(str(SHIPPED)).findings)
    assert len(groups) == len(overrides) == 6
    for key, rules in EXPECTED.items():
        planted = overrides[key]
        holding = [
            g for g in groups if any(planted in p.quote for f in g.findings for p in f.places)
            and rules <= {f.rule_id for f in g.findings}
        ]
        assert len(holding) == 1, f"{key}: {[[f.rule_id for f in g.findings] for g in groups]}"
        group = holding[0]
        assert group.lead.group_role == "lead" and all(f.group == group.id for f in group.findings)
        if group.slip is not None:
            assert planted in group.slip.quote
