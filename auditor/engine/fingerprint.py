"""Stable finding fingerprints for baselines.

A fingerprint hashes what the finding is about — the file's base name, the rule id and
the claim key — and nothing that changes with wording or layout: not the message, not
page/paragraph/row positions. Re-running on an edited draft keeps the fingerprints of
findings that are still there.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath


def fingerprint(file: str, rule_id: str, claim_key: str) -> str:
    base = PurePath(file.replace("\\", "/")).name
    digest = hashlib.sha256("\x1f".join((base, rule_id, claim_key)).encode("utf-8", "surrogatepass")).hexdigest()  # names may not be UTF-8
    return digest[:16]
