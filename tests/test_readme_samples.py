"""The README's sample outputs are the real output: each block marked
`<!-- sample: ARGS -->` is compared with `audit ARGS` run from the repository root."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = re.compile(r"<!-- sample: (?P<args>[^\n]*?) -->\n```text\n(?P<body>.*?)\n```", re.S)
SAMPLES = [(m["args"], m["body"]) for m in SAMPLE.finditer((ROOT / "README.md").read_text("utf-8"))]


def test_the_readme_has_its_samples() -> None:
    assert [args for args, _ in SAMPLES] == [
        "fixtures/generated/draft_project_eval.docx",
        "fixtures/generated/draft_project_eval.docx --format concise --lang en",
        "fixtures/generated/self_assessment.docx --profile sichuan --show-config --lang en",
    ]


@pytest.mark.parametrize(("args", "body"), SAMPLES, ids=[a for a, _ in SAMPLES])
def test_readme_sample_is_the_real_output(args: str, body: str) -> None:
    here = os.getcwd()
    os.chdir(ROOT)  # the README's commands run from the repository root
    try:
        result = CliRunner().invoke(main, [*shlex.split(args), "--jobs", "1"])
    finally:
        os.chdir(here)
    assert result.stdout.rstrip("\n") == body


def test_the_text_sample_shows_six_groups_for_six_slips() -> None:
    body = dict(SAMPLES)["fixtures/generated/draft_project_eval.docx"]
    headers = [line for line in body.splitlines() if re.match(r"^错误\s+[A-Z]+\d{3} ", line)]
    assert len(headers) == 6
    assert body.splitlines()[0].endswith("11 个问题（11 个错误），出自 6 处疑点；已核对 393 项，无法核对 0 项")
