"""JSON output: every file's findings, coverage and summary, in a stable layout.

Findings that share their odd place carry the same `group` id (auditor/report/grouping.py);
`totals.slips` counts the groups. The document is deterministic (findings in report order, keys in model order) so that
two runs over the same input give byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from auditor import __version__
from auditor.findings import FileResult
from auditor.report.grouping import assign_groups

FORMAT_VERSION = 1


def results_document(results: list[FileResult]) -> dict[str, Any]:
    groups = assign_groups(results)  # sets each finding's `group` and `group_role`
    return {
        "tool": "auditor",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "files": [r.model_dump(mode="json") for r in results],
        "totals": {
            "files": len(results),
            "unreadable": sum(1 for r in results if r.error),
            "nothing_checked": sum(1 for r in results if r.status == "nothing_checkable"),
            "findings": sum(len(r.findings) for r in results),
            "slips": sum(len(gs) for gs in groups.values()),
            "errors": sum(1 for r in results for f in r.findings if f.severity == "error"),
            "warnings": sum(1 for r in results for f in r.findings if f.severity == "warning"),
            "checked": sum(r.coverage.checked for r in results),
            "not_checkable": sum(r.coverage.not_checkable for r in results),
        },
    }


def render_json(results: list[FileResult]) -> str:
    return json.dumps(results_document(results), ensure_ascii=False, indent=2)
