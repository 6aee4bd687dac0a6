"""The JSON schema of `audit facts --format json` (docs/facts-schema.json), generated
from the Facts model so it cannot drift from the code.

    python -m auditor.extract.schema            # rewrite docs/facts-schema.json
    python -m auditor.extract.schema --check    # exit 1 when the committed file is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from auditor.facts import Facts

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "facts-schema.json"


def schema_text() -> str:
    schema = Facts.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://auditor.invalid/facts-schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = schema_text()
    if "--check" in argv:
        current = SCHEMA_PATH.read_text("utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run python -m auditor.extract.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
