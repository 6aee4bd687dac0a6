"""Grade bands (GRADE*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def test_grade_under_standard_bands() -> None:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    b.overall("grade", "良", "cover")
    assert passes(b, "GRADE001")
    b.overall("grade", "优", "conclusion")
    found = fired(b, "GRADE001")
    assert len(found) == 1 and found[0].expected == "良" and found[0].tags == ["grade-band-change"]


def test_long_grade_names_match() -> None:
    b = FactsBuilder()
    b.overall("total_score", "92", "cover")
    b.overall("grade", "优秀", "cover")
    assert passes(b, "GRADE001")


def test_report_bands_win_over_the_standard_ones() -> None:
    b = FactsBuilder()
    b.band("优", "85", None)
    b.band("良", "75", "85")
    b.band("中", "60", "75")
    b.band("差", None, "60")
    b.overall("total_score", "86", "cover")
    b.overall("grade", "优", "cover")
    assert passes(b, "GRADE001")  # 优 under the report's own bands, 良 under the standard ones


def test_band_boundaries() -> None:
    b = FactsBuilder()
    b.overall("total_score", "90", "cover")
    b.overall("grade", "优", "cover")
    assert passes(b, "GRADE001")
    b = FactsBuilder()
    b.overall("total_score", "80", "cover")
    b.overall("grade", "中", "cover")
    assert len(fired(b, "GRADE001")) == 1


def test_grade_stated_twice() -> None:
    b = FactsBuilder()
    b.overall("grade", "良", "cover")
    b.overall("grade", "良好", "conclusion")
    assert passes(b, "GRADE002")
    b.overall("grade", "优", "summary")
    assert len(fired(b, "GRADE002")) == 1
