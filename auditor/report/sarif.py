"""SARIF 2.1.0 output, as GitHub code scanning reads it.

Reports are not source code: a place in a .docx has no line. Each result therefore
carries a physical location (the file, with the source line where the reader knows one,
else line 1) and a logical location naming the place as a reviewer reads it
("第3页 表格5 第4行第2列"). `partialFingerprints` carry the finding's fingerprint, which
is built from (file, rule, claim key) and survives edits elsewhere in the report.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor import __version__
from auditor.engine.pack import Rule
from auditor.findings import FileResult, Finding, Place

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "auditorClaim/v1"


def _uri(path: str) -> str:
    """Relative paths stay relative (code scanning resolves them against the checkout)."""
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _location(path: str, place: Place, lang: str) -> dict:
    loc = place.location
    region: dict = {"startLine": loc.line or 1}
    if place.quote:
        region["snippet"] = {"text": place.quote[:500]}
    return {
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region},
        "logicalLocations": [{"name": loc.describe(lang) or "document", "kind": "element"}],
        "message": {"text": place.role or place.quote[:120]},
    }


def _rule_descriptor(rule: Rule) -> dict:
    help_text = f"{rule.docs.description}\n\nPassing: {rule.docs.passing}\nFailing: {rule.docs.failing}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": rule.docs.description},
        "help": {"text": help_text, "markdown": f"`{rule.id}` {rule.docs.description}\n\n"
                 f"- passing: {rule.docs.passing}\n- failing: {rule.docs.failing}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": list(rule.tags)},
    }


def _result(path: str, finding: Finding, rule_index: dict[str, int], lang: str) -> dict:
    message = finding.message_en if lang == "en" else finding.message_zh
    extra = [x for x in (finding.expected and f"expected: {finding.expected}",
                         finding.found and f"found: {finding.found}") if x]
    text = message + ("\n" + "\n".join(extra) if extra else "")
    places = finding.places or [Place(location=_blank_location(path), quote="")]
    result: dict = {
        "ruleId": finding.rule_id,
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [_location(path, places[0], lang)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"claimKey": finding.claim_key, "tags": list(finding.tags)},
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    if len(places) > 1:
        result["relatedLocations"] = [
            {"id": i, **_location(path, p, lang)} for i, p in enumerate(places[1:], start=1)
        ]
    return result


def _blank_location(path: str):  # type: ignore[no-untyped-def]
    from auditor.models import Location

    return Location(file=path)


def render_sarif(results: list[FileResult], rules: list[Rule], lang: str = "zh") -> str:
    """One SARIF run over all files; unreadable files become tool execution notifications."""
    ordered = sorted(rules, key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(ordered)}
    sarif_results = [
        _result(r.path, f, rule_index, lang) for r in results if not r.error for f in r.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": r.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
        }
        for r in results
        if r.error
    ]
    run = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "rules": [_rule_descriptor(r) for r in ordered],
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)
