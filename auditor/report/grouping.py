"""One slip, one finding: findings that share their odd place are one group.

A single mistyped cell ("效益 21.95" where 22.95 was meant) breaks every check that reads
it: the first-level sum, the score rate of that row, the section text, the other table.
Reviewers fix the cell once, so the reports show one group per such place: a lead
finding that names the slip, the others listed under it as its consequences.

Which places can be the slip ("suspects") of a finding: the places marked `differs`
when the rule knows the odd one out (a figure stated differently from the majority);
otherwise every place that prints a figure. A place (location and figure) that is a
suspect of two or more findings is their shared slip; the place shared by the most
findings is taken first, so each finding lands in exactly one group. A finding that
shares no suspect place is a group of its own.

The group id is the lead finding's fingerprint: stable across runs and across edits
elsewhere in the report, like the fingerprint itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from auditor.findings import SEVERITY_ORDER, FileResult, Finding, Place, reading_position

LEAD = "lead"
CONSEQUENCE = "consequence"

PlaceKey = tuple[object, ...]


def place_key(p: Place) -> PlaceKey:
    """Same cell or paragraph and same printed figure (a paragraph may print several)."""
    loc = p.location
    figure = "".join((p.figure or "").split())
    return (loc.page, loc.block, loc.paragraph, loc.table, loc.row, loc.col, loc.line, figure)


def suspects(f: Finding) -> list[Place]:
    """The places of `f` that may hold the slip (see module doc)."""
    differs = [p for p in f.places if p.role == "differs" and p.figure]
    return differs or [p for p in f.places if p.figure]


@dataclass
class Group:
    """One slip and the findings it explains: `findings[0]` is the lead."""

    findings: list[Finding]
    slip: Place | None = None  # the shared place, or the one `differs` place of a lone finding
    others: list[Finding] = field(default_factory=list)

    @property
    def lead(self) -> Finding:
        return self.findings[0]

    @property
    def consequences(self) -> list[Finding]:
        return self.findings[1:]

    @property
    def id(self) -> str:
        return self.lead.fingerprint

    @property
    def severity(self) -> str:
        return max((f.severity for f in self.findings), key=lambda s: SEVERITY_ORDER[s])


def odd_place(f: Finding, group: Group | None = None) -> Place | None:
    """Where to point for `f`: its group's slip when `f` prints it, else its only
    `differs` place, else its first place."""
    if group is not None and group.slip is not None:
        key = place_key(group.slip)
        for p in f.places:
            if place_key(p) == key:
                return p
    differs = [p for p in f.places if p.role == "differs"]
    if len(differs) == 1:
        return differs[0]
    return f.places[0] if f.places else None


def _position(f: Finding) -> tuple[object, ...]:
    return (reading_position(f.places[0].location) if f.places else (2,), f.claim_key)


def _lead_order(f: Finding) -> tuple[object, ...]:
    """The most specific finding leads: fewest suspect places (it points at the slip
    most directly), then the most severe, then rule id and document order."""
    return (len(suspects(f)), -SEVERITY_ORDER[f.severity], f.rule_id, _position(f))


def _consequence_order(f: Finding) -> tuple[object, ...]:
    return (-SEVERITY_ORDER[f.severity], f.rule_id, _position(f))


def group_findings(findings: list[Finding]) -> list[Group]:
    """Groups of one slip each, most severe first, then in document order of the slip.
    Sets `group` and `group_role` on every finding (idempotent)."""
    left = list(findings)
    keys = {id(f): {place_key(p): p for p in suspects(f)} for f in findings}
    groups: list[Group] = []
    while True:
        counts: Counter[PlaceKey] = Counter(k for f in left for k in keys[id(f)])
        shared = [(k, n) for k, n in counts.items() if n >= 2]
        if not shared:
            break
        # most findings first; ties go to the place read first (deterministic)
        best, _ = min(
            shared,
            key=lambda kn: (-kn[1], reading_position(_any_place(left, keys, kn[0]).location), str(kn[0])),
        )
        members = [f for f in left if best in keys[id(f)]]
        left = [f for f in left if best not in keys[id(f)]]
        lead = min(members, key=_lead_order)
        rest = sorted((f for f in members if f is not lead), key=_consequence_order)
        groups.append(Group([lead, *rest], slip=keys[id(lead)][best]))
    for f in left:
        differs = [p for p in f.places if p.role == "differs"]
        groups.append(Group([f], slip=differs[0] if len(differs) == 1 else None))
    groups.sort(key=_group_order)
    for g in groups:
        for i, f in enumerate(g.findings):
            f.group = g.id
            f.group_role = LEAD if i == 0 else CONSEQUENCE
    return groups


def _any_place(findings: list[Finding], keys: dict[int, dict[PlaceKey, Place]], key: PlaceKey) -> Place:
    return next(keys[id(f)][key] for f in findings if key in keys[id(f)])


def _group_order(g: Group) -> tuple[object, ...]:
    where = reading_position(g.slip.location) if g.slip else _position(g.lead)[0]
    return (-SEVERITY_ORDER[g.severity], where, g.lead.rule_id, g.lead.claim_key)


def assign_groups(results: list[FileResult]) -> dict[str, list[Group]]:
    """Group every readable file's findings; {path: groups}."""
    return {r.path: group_findings(r.findings) for r in results if not r.error}


def slip_count(results: list[FileResult]) -> int:
    return sum(len(gs) for gs in assign_groups(results).values())
