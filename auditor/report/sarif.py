"""SARIF 2.1.0 output, as GitHub code scanning reads it.

Reports are not source code: a place in a .docx has no line. Each result therefore
carries a physical location (the file, with the source line where the reader knows one,
else line 1) and a logical location naming the place as a reviewer finds it
("「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列", auditor/places.py);
since code scanning shows neither, the message names the place too. Each rule's
shortDescription is its title and its helpUri its page in the run's language (see help_uri). The result's location is its odd place (the slip its group shares, or the
place that differs); the other places are related locations. `partialFingerprints`
carry the finding's fingerprint, which is built from (file, rule, claim key) and
survives edits elsewhere in the report; `properties.group` ties findings of one slip.

File URIs are relative to the repository root (the nearest folder upward from the
working directory holding .git, else the working directory), under `%SRCROOT%`, so
they map onto the checkout; a file outside it keeps an absolute file: URI.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor import __version__
from auditor.engine.pack import Rule, rule_title
from auditor.findings import FileResult, Finding, Place
from auditor.report.arith_text import readable
from auditor.report.grouping import Group, assign_groups, odd_place
from auditor.report.roles import role_label

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "auditorClaim/v1"


SRCROOT = "%SRCROOT%"
# The rule's page: under the project's repository URL when pyproject.toml's [project.urls]
# names one (Repository / Source / Homepage), else relative to the auditor repository.
HELP_PAGE = {"en": "docs/rules/{id}.md", "zh": "docs/rules/zh/{id}.md"}
URL_KEYS = ("repository", "source", "source code", "homepage")
LABELS = {
    "zh": {"expected": "应为：", "found": "实为：", "at": "位置：", "also": "另见：", "sep": "；"},
    "en": {"expected": "expected: ", "found": "found: ", "at": "at: ", "also": "see also: ", "sep": "; "},
}


def source_root(start: Path | None = None) -> Path:
    """The repository root above `start` (default: the working directory), else `start`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _artifact(path: str, root: Path) -> dict:
    """A relative URI under %SRCROOT% when the file is inside the root, else file:."""
    p = Path(path).resolve()
    try:
        rel = p.relative_to(root)
    except ValueError:
        return {"uri": p.as_uri()}
    return {"uri": rel.as_posix(), "uriBaseId": SRCROOT}


def _place_text(place: Place, lang: str) -> str:
    where = place.location.describe(lang) or ("document" if lang == "en" else "全文")
    if not place.figure:
        return where
    return f"{where} ({place.figure})" if lang == "en" else f"{where}（{place.figure}）"


def _location(path: str, place: Place, lang: str, root: Path) -> dict:
    loc = place.location
    region: dict = {"startLine": loc.line or 1}
    if place.quote:
        region["snippet"] = {"text": place.quote[:500]}
    return {
        "physicalLocation": {"artifactLocation": _artifact(path, root), "region": region},
        "logicalLocations": [{"name": loc.describe(lang) or "document", "kind": "element"}],
        "message": {"text": _place_text(place, lang) + (f" {role_label(place.role, lang)}" if place.role else "")},
    }


def repository_url() -> str | None:
    """The project's repository URL from the installed metadata ([project.urls]), if any."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("auditor").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            urls[label.strip().lower()] = url.strip().rstrip("/")
    return next((urls[k] for k in URL_KEYS if k in urls), None)


def help_uri(rule_id: str, lang: str, repo: str | None) -> str:
    """An absolute link to the rule's page in the repository when its URL is configured
    (a GitHub-style '/blob/HEAD/' path), else the page's path relative to the repository."""
    page = HELP_PAGE["en" if lang == "en" else "zh"].format(id=rule_id)
    return f"{repo}/blob/HEAD/{page}" if repo else page


def _rule_descriptor(rule: Rule, lang: str = "zh", repo: str | None = None) -> dict:
    help_text = f"{rule.docs.description}\n\nPassing: {rule.docs.passing}\nFailing: {rule.docs.failing}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule_title(rule, lang)},
        "fullDescription": {"text": rule.docs.description},
        "help": {"text": help_text, "markdown": f"`{rule.id}` {rule.docs.description}\n\n"
                 f"- passing: {rule.docs.passing}\n- failing: {rule.docs.failing}"},
        "helpUri": help_uri(rule.id, lang, repo),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": list(rule.tags)},
    }


def _result(
    path: str, finding: Finding, group: Group | None, rule_index: dict[str, int], lang: str, root: Path
) -> dict:
    tx = LABELS["en" if lang == "en" else "zh"]
    message = readable(finding.message_en if lang == "en" else finding.message_zh, lang)
    places = finding.places or [Place(location=_blank_location(path), quote="")]
    first = odd_place(finding, group) or places[0]
    others = [p for p in places if p is not first]
    extra = [x for x in (finding.expected and tx["expected"] + readable(finding.expected, lang, aside=False),
                         finding.found and tx["found"] + readable(finding.found, lang, aside=False)) if x]
    extra.append(tx["at"] + _place_text(first, lang))
    if others:
        extra.append(tx["also"] + tx["sep"].join(_place_text(p, lang) for p in others))
    text = message + "\n" + "\n".join(extra)
    result: dict = {
        "ruleId": finding.rule_id,
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [_location(path, first, lang, root)],
        # our own line hash: upload-sarif would otherwise hash "line 1" of a binary .docx,
        # which changes with every save
        "partialFingerprints": {
            FINGERPRINT_KEY: finding.fingerprint,
            "primaryLocationLineHash": f"{finding.fingerprint[:16]}:1",
        },
        "properties": {
            "claimKey": finding.claim_key,
            "tags": list(finding.tags),
            "group": finding.group,
            "groupRole": finding.group_role,
        },
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    if others:
        result["relatedLocations"] = [
            {"id": i, **_location(path, p, lang, root)} for i, p in enumerate(others, start=1)
        ]
    return result


def _blank_location(path: str):  # type: ignore[no-untyped-def]
    from auditor.models import Location

    return Location(file=path)


def render_sarif(results: list[FileResult], rules: list[Rule], lang: str = "zh", root: Path | None = None) -> str:
    """One SARIF run over all files; unreadable files become tool execution notifications.
    Results follow the findings' groups: each slip's lead, then its consequences."""
    root = source_root() if root is None else root.resolve()
    repo = repository_url()
    ordered = sorted(rules, key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(ordered)}
    groups = assign_groups(results)
    sarif_results = [
        _result(r.path, f, g, rule_index, lang, root)
        for r in results
        if not r.error
        for g in groups[r.path]
        for f in g.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": r.error},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, root)}}],
        }
        for r in results
        if r.error
    ]
    # a file read but with nothing to check must not pass for a clean one
    notifications += [
        {
            "level": "warning",
            "message": {"text": f"{r.path}: nothing checkable" if lang == "en" else f"{r.path}: 没有可核对的内容"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, root)}}],
        }
        for r in results
        if r.status == "nothing_checkable"
    ]
    profiles = sorted({r.profile for r in results if r.profile})
    run = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "rules": [_rule_descriptor(r, lang, repo) for r in ordered],
                **({"informationUri": repo} if repo else {}),
            }
        },
        "invocations": [
            {
                "executionSuccessful": not any(r.error for r in results),
                "toolExecutionNotifications": notifications,
                **({"properties": {"profiles": profiles}} if profiles else {}),
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)
