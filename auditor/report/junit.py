"""`--format junit`: JUnit XML for CI test dashboards.

One testsuite per file. Each finding is a failing testcase (name: rule id and claim
key); each rule that checked claims in the file and found nothing is a passing one; a
rule that had claims it could not check and none it could is skipped. An unreadable
file is a testsuite with one erroring testcase.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from auditor.findings import FileResult
from auditor.report.grouping import assign_groups

SKIPPED = {"zh": "无法核对", "en": "not checkable"}


def render_junit(results: list[FileResult], lang: str = "zh") -> str:
    root = ET.Element("testsuites", name="auditor")
    groups = assign_groups(results)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if r.error:
            case = ET.SubElement(suite, "testcase", name="read", classname=r.path)
            ET.SubElement(case, "error", message=r.error, type="unreadable")
            counts.update(tests=1, errors=1)
        else:
            failed_rules = set()
            for g in groups[r.path]:
                for f in g.findings:
                    failed_rules.add(f.rule_id)
                    case = ET.SubElement(suite, "testcase", name=f"{f.rule_id} {f.claim_key}", classname=r.path)
                    message = f.message_en if lang == "en" else f.message_zh
                    failure = ET.SubElement(case, "failure", message=message, type=f.severity)
                    failure.text = "\n".join(
                        [message, *(x for x in (f.expected, f.found) if x)]
                        + [f"@ {p.location.describe(lang)}: {p.quote}" for p in f.places]
                    )
                    counts["tests"] += 1
                    counts["failures"] += 1
            for rule_id, stats in sorted(r.coverage.by_rule.items()):
                if rule_id in failed_rules:
                    continue
                if stats.get("passed"):
                    ET.SubElement(suite, "testcase", name=rule_id, classname=r.path)
                    counts["tests"] += 1
                elif stats.get("not_checkable"):
                    case = ET.SubElement(suite, "testcase", name=rule_id, classname=r.path)
                    ET.SubElement(case, "skipped", message=SKIPPED["en" if lang == "en" else "zh"])
                    counts["tests"] += 1
                    counts["skipped"] += 1
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
