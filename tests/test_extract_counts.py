"""Count extraction: the indicator framework, section-scoped counts, target status
counts, questionnaires per group; corpus figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract.counts import extract_counts
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def counts_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_counts(read_document(str(path)), facts)
    return facts


def triples(f: Facts) -> list[tuple[str, int, str | None]]:
    return [(c.kind, c.value, c.group) for c in f.counts]


def test_framework_counts(tmp_path: Path) -> None:
    f = counts_of(tmp_path, "本次评价设置３个一级指标、8个二级指标、两个三级指标。\n")
    assert triples(f) == [
        ("indicators_level1", 3, None),
        ("indicators_level2", 8, None),
        ("indicators_level3", 2, None),
    ]


def test_framework_list_split_by_semicolons_and_paragraphs(tmp_path: Path) -> None:
    text = "结合有关规定设立相应的指标。本项目设置4个一级指标（决策、过程）；9个二级指标（项目立项、绩效目\n\n标、资金投入)；20个三级指标。\n"
    f = counts_of(tmp_path, text)
    assert triples(f) == [
        ("indicators_level1", 4, None),
        ("indicators_level2", 9, None),
        ("indicators_level3", 20, None),
    ]


def test_section_counts_are_not_the_framework(tmp_path: Path) -> None:
    text = (
        "部门管理类指标共包含5个二级指标，12个三级指标，权重分25分。\n\n"
        "## 1.预算执行\n\n该二级指标满分6分。包括预算调整率、预算执行率2个三级指标。\n\n"
        "该项目绩效目标有产出指标、效益指标2个一级指标。如产出指标仅设置两个三级指标，效益指标仅设置一个三级指标。\n"
    )
    f = counts_of(tmp_path, text)
    assert all(c.kind == "other" for c in f.counts)
    assert triples(f) == [
        ("other", 5, "部门管理"),
        ("other", 12, "部门管理"),
        ("other", 2, "预算执行"),
        ("other", 2, "绩效目标"),
        # judged against the target table, never the scoring framework
        ("other", 2, "绩效目标产出"),
        ("other", 1, "绩效目标效益"),
    ]


def test_target_status_counts(tmp_path: Path) -> None:
    f = counts_of(
        tmp_path, "项目设置的三级绩效指标 9 个，6 个绩效指标已完成，2 个指标部分完成，1个未完成。\n"
    )
    assert triples(f) == [
        ("targets_total", 9, None),
        ("targets_completed", 6, None),
        ("targets_partial", 2, None),
        ("targets_uncompleted", 1, None),
    ]


def test_questionnaires(tmp_path: Path) -> None:
    text = (
        "发放问卷40份,回收有效问卷38份,工作人员10份,其中社会公众28份。\n\n"
        "工作人员调查问卷达到满意以上9份。\n\n"
        "## （二）社会公众调查问卷\n\n本卷发放问卷30份，回收有效问卷28份。\n\n"
        "向办事群众发放调查问卷60份，收回有效问卷58份。\n"
    )
    f = counts_of(tmp_path, text)
    assert triples(f) == [
        ("questionnaires_issued", 40, None),
        ("questionnaires_valid", 38, None),
        ("questionnaires_group", 10, "工作人员"),
        ("questionnaires_group", 28, "社会公众"),
        ("other", 9, "工作人员"),  # 满意以上 answers, checked against the questions (SURVEY007)
        ("questionnaires_issued", 30, "社会公众"),
        ("questionnaires_group", 28, "社会公众"),
        ("questionnaires_issued", 60, "办事群众"),
        ("questionnaires_group", 58, "办事群众"),
    ]


def test_counted_things(tmp_path: Path) -> None:
    f = counts_of(tmp_path, "全年发生 12 件差评投诉。反馈意见称发生13件差评投诉。\n")
    assert [(c.kind, c.value, c.label) for c in f.counts] == [
        ("other", 12, "差评投诉"),
        ("other", 13, "差评投诉"),
    ]


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_counts(doc, f)
    got: dict[str, set[int]] = {}
    for c in f.counts:
        if c.kind != "other":
            got.setdefault(f"{c.kind}|{c.group or ''}", set()).add(c.value)
    assert got["indicators_level1|"] == {4}
    assert got["indicators_level2|"] == {11}
    assert got["indicators_level3|"] == {22}
    assert (
        got["targets_total|"] == {11} and got["targets_completed|"] == {7} and got["targets_partial|"] == {4}
    )
    assert got["questionnaires_issued|"] == {70} and got["questionnaires_valid|"] == {70}
    assert got["questionnaires_group|工作人员"] == {20} and got["questionnaires_group|社会公众"] == {50}
    complaints = sorted(c.value for c in f.counts if c.label == "差评投诉")
    assert set(complaints) == {24, 26}


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004(ext: str) -> None:
    doc = read_document(str(CORPUS / f"004_9702beb4dfdda539.{ext}"))
    f = Facts(file=doc.path)
    extract_counts(doc, f)
    framework = [(c.kind, c.value) for c in f.counts if c.kind.startswith("indicators_")]
    assert framework == [("indicators_level1", 4), ("indicators_level2", 14), ("indicators_level3", 30)]
    q = {(c.kind, c.group): c.value for c in f.counts if c.kind.startswith("questionnaires")}
    assert q == {
        ("questionnaires_issued", "办事群众"): 78,
        ("questionnaires_group", "办事群众"): 78,
        ("questionnaires_issued", "工作人员"): 55,
        ("questionnaires_group", "工作人员"): 55,
    }


def test_aspects_of_each_first_level_indicator(tmp_path: Path) -> None:
    text = (
        "指标体系由3个一级指标构成。一是决策，权重分20分，主要从立项、目标2个方面加以考察；"
        "二是产出，权重分50分，主要从数量、质量、时效3个方面加以考察。\n"
    )
    f = counts_of(tmp_path, text)
    aspects = [(c.value, c.label, c.group) for c in f.counts if c.kind == "other"]
    assert aspects == [(2, "决策二级指标", "决策"), (3, "产出二级指标", "产出")]
    # "N个方面" with no indicator before it is not a count of indicators
    assert [c for c in counts_of(tmp_path, "问题主要集中在3个方面。\n").counts if c.kind == "other"] == []


def test_satisfied_answers_per_group(tmp_path: Path) -> None:
    text = (
        "<table>\n<tr><td>有效问卷数</td><td>工作人员24份，社会公众58份</td></tr>\n"
        "<tr><td>满意以上份数</td><td>工作人员21份，社会公众48份</td></tr>\n</table>\n"
    )
    f = counts_of(tmp_path, text)
    got = [(c.value, c.label, c.group) for c in f.counts if c.kind == "other"]
    assert got == [(21, "工作人员满意以上份数", "工作人员"), (48, "社会公众满意以上份数", "社会公众")]
