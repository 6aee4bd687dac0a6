"""Findings: what the rule engine hands to the reporters."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from auditor.models import Location

Severity = Literal["error", "warning", "info"]
FileStatus = Literal["checked", "nothing_checkable", "unreadable"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


def reading_position(loc: Location) -> tuple[int, ...]:
    """Where a place stands in reading order; sorts findings the same way everywhere."""
    return (
        0 if loc.block is not None else 1,
        loc.block if loc.block is not None else 0,
        loc.page or 0,
        loc.line or 0,
        loc.table if loc.table is not None else -1,
        loc.row if loc.row is not None else -1,
        loc.col if loc.col is not None else -1,
        loc.char_start or 0,
    )


class Place(BaseModel):
    """One place a finding involves: where, what is printed there, and its role
    ('total', 'part', 'cover', 'annex' …) in the arithmetic."""

    location: Location
    quote: str
    role: str | None = None
    figure: str | None = Field(None, description="the printed figure the place is about, e.g. '84.94', when there is one")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def place_zh(self) -> str:
        """The place as a reader finds it (auditor/places.py), in Chinese."""
        return self.location.describe("zh")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def place_en(self) -> str:
        return self.location.describe("en")


class Finding(BaseModel):
    rule_id: str
    rule_name: str
    rule_title_zh: str | None = Field(None, description="the rule's title in Chinese (rules/*.yaml `title`)")
    rule_title_en: str | None = Field(None, description="the rule's title in English")
    severity: Severity
    message: str = Field(description="in the run's language")
    message_zh: str
    message_en: str
    places: list[Place]
    expected: str | None = Field(None, description="what the arithmetic gives, e.g. '15+18+30+21.94 = 84.94'")
    found: str | None = Field(None, description="what the report prints there")
    tags: list[str] = Field(default_factory=list, description="e.g. 'grade-band-change', 'target-flip'")
    claim_key: str = Field(description="stable key of the claim checked, independent of wording and position")
    fingerprint: str = Field(description="hash of (file name, rule id, claim key): stable across runs and edits")
    group: str | None = Field(
        None,
        description="findings that share their odd place (one slip) share this id: the lead finding's fingerprint",
    )
    group_role: Literal["lead", "consequence"] | None = Field(
        None, description="'lead' names the slip; 'consequence' findings follow from it"
    )


def finding_title(f: Finding, lang: str) -> str:
    """The rule's title in `lang` for a report line; its kebab-case name when it has none."""
    title = f.rule_title_en if lang == "en" else f.rule_title_zh
    return title or f.rule_name


class Coverage(BaseModel):
    """How many claims a run could check, so silent misses are visible."""

    checked: int = 0
    not_checkable: int = 0
    tables_not_understood: int = Field(0, description="tables with figures that no claim was read from")
    by_rule: dict[str, dict[str, int]] = Field(default_factory=dict)


class FileResult(BaseModel):
    """Everything known about one input after a run."""

    path: str
    error: str | None = Field(None, description="why the file could not be read (exit 2)")
    findings: list[Finding] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    stopped: list[str] = Field(
        default_factory=list,
        description="rules stopped on this file by a size or time limit ('RATE005: …'); their items count as not checkable",
    )
    summary: dict[str, object] = Field(
        default_factory=dict, description="total score, grade, self score … for batch summaries"
    )
    profile: str | None = Field(
        None, description="the scoring profile the rules ran under (national, sichuan … or a profile file)"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> FileStatus:
        """'unreadable'; 'nothing_checkable' when no claim could be checked (which must
        never read as clean); else 'checked'."""
        if self.error:
            return "unreadable"
        return "checked" if self.coverage.checked or self.findings else "nothing_checkable"
