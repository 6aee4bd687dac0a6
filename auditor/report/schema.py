"""The JSON output's schema (docs/findings-schema.json), generated from pydantic models.

    python -m auditor.report.schema            # rewrite docs/findings-schema.json
    python -m auditor.report.schema --check    # exit 1 when the committed file is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from auditor.findings import FileResult
from auditor.report.json_out import FORMAT_VERSION

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "findings-schema.json"


class Totals(BaseModel):
    files: int
    unreadable: int
    nothing_checked: int
    findings: int
    slips: int = Field(description="groups of findings that share their odd place (one slip each)")
    errors: int
    warnings: int
    checked: int
    not_checkable: int


class ResultsDocument(BaseModel):
    """`audit --format json` output. `format_version` changes when the layout does."""

    tool: Literal["auditor"]
    version: str
    format_version: Literal[FORMAT_VERSION]  # type: ignore[valid-type]
    files: list[FileResult]
    totals: Totals


def schema_text() -> str:
    schema = ResultsDocument.model_json_schema(mode="serialization")  # with FileResult.status
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://auditor.invalid/findings-schema-v{FORMAT_VERSION}.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    text = schema_text()
    if "--check" in sys.argv:
        sys.exit(0 if SCHEMA_PATH.read_text("utf-8") == text else 1)
    SCHEMA_PATH.write_text(text, "utf-8")
