"""The default text report, end to end through the CLI on fixtures with planted defects:
one group per slip (findings sharing their odd place; most severe first), the lead
finding then the others involving the same place, places with their quotes, the
arithmetic, one closing summary line, colour only where it belongs."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.report.text import display_text, trim_quote
from fixtures.make_fixtures import DEFAULT_OUT, build_spec, places, render

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Planted defects (printed figures changed through spec.overrides, as bench/detection.py does):
# two first-level scores raised by one point (the table no longer adds up; two score rates
# and two section statements disagree), a survey date after the report, an execution rate
# that no longer matches the money.
PLANTED = {
    "table1.决策.score": "17.50",
    "table1.效益.score": "23.95",
    "dates.survey_end": "2024年12月28日",
    "money.body.execution_rate": "98.70%",
}


@pytest.fixture(scope="module")
def mutant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = build_spec("project_eval")
    keys = {key for key, _, _ in places(spec)}
    assert set(PLANTED) <= keys, "the fixture spec no longer has these places"
    spec.overrides.update(PLANTED)
    return render(spec, "docx", tmp_path_factory.mktemp("mutant") / "draft.docx")


def _audit(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--jobs", "1"], env=env)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout


def _summary(path: Path) -> str:
    """The expected English summary head for `path`, counted from the JSON report."""
    doc = json.loads(CliRunner().invoke(main, [str(path), "--format", "json", "--jobs", "1"]).stdout)
    findings = doc["files"][0]["findings"]
    if not findings:
        return f"{path}: no findings;"
    counts = Counter(f["severity"] for f in findings)
    parts = ", ".join(
        f"{counts[sev]} {word}{'' if counts[sev] == 1 else 's'}"
        for sev, word in (("error", "error"), ("warning", "warning"), ("info", "note"))
        if counts[sev]
    )
    slips = len({f["group"] for f in findings})
    shared = f" from {slips} slip{'' if slips == 1 else 's'}" if slips < len(findings) else ""
    return f"{path}: {len(findings)} finding{'' if len(findings) == 1 else 's'} ({parts}){shared};"


def _headers(lines: list[str]) -> list[str]:
    """Group header lines: unindented, with a rule id after the severity label."""
    return [line for line in lines if re.match(r"^\S+\s+[A-Z]+\d{3} ", line)]


def _json(path: Path, *args: str) -> list[dict]:
    out = CliRunner().invoke(main, [str(path), "--format", "json", "--jobs", "1", *args]).stdout
    return json.loads(out)["files"][0]["findings"]


def _group(lines: list[str], rule_id: str) -> list[str]:
    """The first slip group that holds a finding of `rule_id` (as its lead, in the
    header, or listed under it): the header and its indented lines."""
    start = 0
    for i, line in enumerate(lines):
        if _headers([line]):
            start = i
        if re.match(rf"^\S+\s+{rule_id} ", line) or re.match(rf"^  \d+\. (\S+ )?{rule_id} ", line):
            break
    else:
        raise StopIteration(rule_id)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return lines[start:end]


def test_findings_that_share_a_slip_are_one_group(mutant: Path) -> None:
    code, out = _audit(str(mutant))
    assert code == 1
    lines = out.splitlines()
    group = _group(lines, "SCORE003")
    # the planted 17.50 is read by four rules: one group, led by the table-vs-table finding
    assert re.fullmatch(r"错误\s+SCORE008 同一指标在各表中得分不一致 — 「[^」]+」下，表1 绩效评价得分情况表，第2行「决策」，"
                        r"评价得分列的 17\.50，4 个问题", group[0])
    assert group[1].startswith("  1. 指标“决策”在不同表格中的得分不一致：17.50")
    assert "  涉及同一处的其他问题：" in group
    listed = [m[1] for line in group if (m := re.match(r"  \d+\. ([A-Z]+\d{3}) ", line))]
    assert listed == ["RATE001", "SCORE003", "SCORE005"]  # same severity: by rule id
    start = next(i for i, line in enumerate(group) if re.match(r"  \d+\. SCORE003 一级指标得分之和与总分不符：", line))
    # the sum as a reviewer writes it; the rounding said in words, no intervals
    assert group[start].endswith("各指标得分合计为 17.50 + 17.44 + 28.50 + 23.95 = 87.39，而合计/总分为 85.39（四舍五入后仍不一致）")
    own = group[start : start + 8]
    assert "     应为：17.50 + 17.44 + 28.50 + 23.95 = 87.39" in own
    assert "     实为：85.39" in own
    # both places of the disagreement: the printed total and the planted parts
    # each place: the table's caption, the row's label, the column's header
    assert any(re.fullmatch(r"     @ .*表1 绩效评价得分情况表，第6行「合计」，评价得分列（合计）：85\.39", line) for line in own)
    assert any(re.fullmatch(r"     @ .*表1 绩效评价得分情况表，第2行「决策」，评价得分列（组成项）：17\.50", line) for line in own)
    assert any(re.fullmatch(r"     @ .*表1 绩效评价得分情况表，第5行「效益」，评价得分列（组成项）：23\.95", line) for line in own)


def test_every_finding_is_shown_once_and_groups_follow_the_json(mutant: Path) -> None:
    _, out = _audit(str(mutant), "--lang", "en")
    findings = _json(mutant, "--lang", "en")
    lines = out.splitlines()
    numbered = [line for line in lines if re.match(r"^  \d+\. ", line)]
    assert len(numbered) == len(findings)
    groups = {f["group"] for f in findings}
    assert len(_headers(lines)) == len(groups) == 4  # the four planted slips
    for g in groups:
        members = [f for f in findings if f["group"] == g]
        assert [f["group_role"] for f in members].count("lead") == 1
        assert g == next(f["fingerprint"] for f in members if f["group_role"] == "lead")


def test_a_figure_every_finding_involves_heads_one_group(tmp_path: Path) -> None:
    # the department's expense table: its total changed, so its detail sum and every
    # share computed from it disagree; one group names the figure they all involve
    spec = build_spec("department_eval")
    spec.overrides["money.basic_detail.total.amount"] = "218.57"
    path = render(spec, "md", tmp_path / "shares.md")
    lines = _audit(str(path))[1].splitlines()
    assert len(_headers(lines)) == 1
    head = _headers(lines)[0]
    n = len([line for line in lines if re.match(r"  \d+\. ", line)])
    assert n >= 3 and re.fullmatch(rf"错误\s+MONEY006 \S+ — 第\d+行，.*第\d+行「(合计|总计)」，\S+列的 218\.57，{n} 个问题", head)
    assert lines[0].endswith(f"{n} 个问题（{n} 个错误），出自 1 处疑点；已核对 {lines[0].split('已核对 ')[1]}")
    # each share still quotes the total as its denominator
    assert sum("（分母）：218.57" in line for line in lines) == n - 1


def test_groups_run_from_errors_to_warnings(mutant: Path) -> None:
    _, out = _audit(str(mutant), "--lang", "en")
    headers = _headers(out.splitlines())
    order = {"error": 0, "warning": 1, "info": 2}
    severities = [order[h.split()[0]] for h in headers]
    assert severities == sorted(severities) and severities[0] == 0 and severities[-1] == 1
    # the planted execution rate: the restated rate leads, the money check follows it
    rate = _group(out.splitlines(), "RATE007")
    assert re.match(r"warning\s+RATE005 Same rate stated differently — 98\.70% at ", rate[0])


def test_english_labels_and_aligned_arithmetic(mutant: Path) -> None:
    _, out = _audit(str(mutant), "--lang", "en")
    group = _group(out.splitlines(), "SCORE003")
    assert re.fullmatch(r'error\s+SCORE008 Indicator score differs across tables — 17\.50 at under "[^"]+", '
                        r'table "表1 绩效评价得分情况表", row 2 "决策", column "评价得分", 4 findings', group[0])
    assert "  other findings involving the same place:" in group
    assert "     expected: 17.50 + 17.44 + 28.50 + 23.95 = 87.39" in group
    assert "        found: 85.39" in group  # values line up under each other
    assert any(re.search(r'@ .*row 6 "合计", column "评价得分" \(total\): 85\.39$', line) for line in group)
    assert not re.search("[应实]为", out)


def test_intervals_only_with_verbose(mutant: Path) -> None:
    plain = _audit(str(mutant), "--lang", "en")[1]
    verbose = _audit(str(mutant), "--lang", "en", "-v")[1]
    assert "interval [" not in plain and "= [" not in plain
    rate = next(line for line in plain.splitlines() if "RATE001 Score rate in the table differs from the score: The score rate of '决策'" in line)
    assert "should be 17.50/20 ≈ 87.50%; the table prints 82.50% (still differs after rounding)" in rate
    assert "17.50/20 = [87.475, 87.525]%" in verbose and "(interval [82.495, 82.505]%)" in verbose
    # the JSON keeps the rules' own messages, intervals included
    message = next(f["message_en"] for f in _json(mutant, "--lang", "en") if f["rule_id"] == "RATE001")
    assert "= [" in message and "(interval [" in message


def test_one_summary_line_closes_a_single_report(mutant: Path) -> None:
    _, out = _audit(str(mutant), "--lang", "en")
    lines = out.splitlines()
    assert lines[0].startswith(_summary(mutant)) and lines[-1] == lines[0]
    assert lines[-2] == ""
    assert re.search(r"; \d+ claims checked, \d+ not checkable$", lines[-1])


def test_output_is_deterministic(mutant: Path) -> None:
    assert _audit(str(mutant)) == _audit(str(mutant))


def test_html_fragments_are_not_shown_raw(mutant: Path, tmp_path: Path) -> None:
    tagged = tmp_path / "tagged.docx"
    d = docx.Document(str(mutant))
    hits = [p for p in d.paragraphs if "此次评价得分16.50分，" in p.text]
    assert len(hits) == 1
    hits[0].text = hits[0].text.replace("16.50分，", "16.50分，</p> <p>")
    d.save(str(tagged))
    json_out = CliRunner().invoke(main, [str(tagged), "--format", "json"]).stdout
    # literal paragraph tags are line breaks from reading on (auditor.normalize)
    assert "此次评价得分16.50分，" in json_out and "</p>" not in json_out and "<p>" not in json_out
    _, out = _audit(str(tagged))
    line = next(line for line in _group(out.splitlines(), "SCORE005") if "（正文）" in line)
    assert "此次评价得分16.50分" in line
    assert "<p>" not in out and "</p>" not in out


def test_control_characters_from_a_report_never_reach_the_terminal(tmp_path: Path) -> None:
    spec = build_spec("project_eval")
    spec.overrides["table1.决策.score"] = "17.50"
    text = render(spec, "md", tmp_path / "draft.md").read_text("utf-8")
    assert text.count("此次评价得分16.50分，") == 1
    hostile = tmp_path / "hostile.md"
    hostile.write_text(text.replace("此次评价得分16.50分，", "此次评价得分16.50分，\x1b[2J\x1b[31m"), "utf-8")
    _, out = _audit(str(hostile), "--color", "never")
    assert "\x1b" not in out
    line = next(line for line in _group(out.splitlines(), "SCORE005") if "（正文）" in line)
    assert "16.50分，\ufffd[2J\ufffd[31m" in line


# ---------------------------------------------------------------------------- colour


def test_no_colour_when_not_a_terminal_or_never(mutant: Path) -> None:
    assert not ANSI.search(_audit(str(mutant))[1])
    assert not ANSI.search(_audit(str(mutant), "--color", "never")[1])
    assert not ANSI.search(_audit(str(mutant), "--color", "auto", env={"NO_COLOR": "1"})[1])


def test_colour_always(mutant: Path) -> None:
    _, out = _audit(str(mutant), "--color", "always")
    assert "\x1b[1mSCORE003\x1b[0m" in out  # rule ids bold
    assert re.search(r"\x1b\[31m(\x1b\[1m)?错误\x1b\[0m", out)  # errors red
    assert re.search(r"\x1b\[33m警告\x1b\[0m", out)  # warnings yellow
    # stripping the codes gives the uncoloured report exactly
    assert ANSI.sub("", out) == _audit(str(mutant), "--color", "never")[1]


def test_colour_is_never_written_to_an_output_file(mutant: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    CliRunner().invoke(main, [str(mutant), "--output", str(out), "--jobs", "1"])
    text = out.read_text("utf-8")
    assert "SCORE003" in text and not ANSI.search(text)


def _on_a_terminal(args: list[str], no_color: str | None) -> str:
    """Run the CLI with stdout on a pseudo-terminal, as a reviewer would."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor.cli", *args], stdout=slave, stderr=subprocess.DEVNULL, env=env
    )
    os.close(slave)
    chunks = []
    while select.select([master], [], [], 120)[0]:  # a hung child fails the test, not the run
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    proc.wait(timeout=120)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("", True), ("1", False)])
def test_auto_colours_a_terminal_unless_no_color(mutant: Path, no_color: str | None, coloured: bool) -> None:
    out = _on_a_terminal([str(mutant), "--jobs", "1"], no_color)
    assert "SCORE003" in out
    assert bool(ANSI.search(out)) is coloured


def test_colour_always_overrides_no_color_on_request(mutant: Path) -> None:
    # no-color.org: an explicit command-line flag wins over the environment
    out = _on_a_terminal([str(mutant), "--jobs", "1", "--color", "always"], "1")
    assert ANSI.search(out)


# ---------------------------------------------------------------------------- batch


def test_batch_is_per_file_then_by_slip_and_ends_on_the_total(mutant: Path, tmp_path: Path) -> None:
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(DEFAULT_OUT / "project_eval.docx", root / "a_original.docx")
    shutil.copy(mutant, root / "b_draft.docx")
    shutil.copy(DEFAULT_OUT / "self_assessment.md", root / "c_original.md")
    (root / "d_broken.docx").write_bytes(b"not a zip")
    files = [root / name for name in ("a_original.docx", "b_draft.docx", "c_original.md")]
    heads = [_summary(f) for f in files]
    result = CliRunner().invoke(main, [str(root), "--jobs", "1", "--lang", "en", "--include", "*.md"])
    assert result.exit_code == 2  # one input unreadable
    lines = result.stdout.splitlines()
    starts = [next(i for i, line in enumerate(lines) if line.startswith(head)) for head in heads]
    assert starts == sorted(starts) and starts[0] == 0  # per file, in input order
    for f, start, end in zip(files, starts, [*starts[1:], len(lines) - 1], strict=True):
        block = lines[start:end]
        while block and block[-1] == "":
            block.pop()
        groups = _headers(block)
        assert len(groups) == len({x["group"] for x in _json(f, "--lang", "en")}), f"{f.name}: one group per slip"
        # every line of the block is its head, a group header, or indented under one
        assert all(line in groups or line.startswith("  ") for line in block[1:]), f.name
        if groups:  # a block with findings stands apart
            assert start == 0 or lines[start - 1] == ""
    assert any(re.match(r"  \d+\. RATE001 ", line) for line in lines[starts[1] : starts[2]])
    total = sum(int(head.split(": ")[1].split()[0]) if "no findings" not in head else 0 for head in heads)
    slips = sum(len({x["group"] for x in _json(f)}) for f in files)
    assert lines[-1].startswith(f"total: {total} findings ({slips} slips) in 4 reports, 1 unreadable;")
    assert "d_broken.docx" not in result.stdout and "d_broken.docx" in result.stderr
    assert sum(1 for line in lines if line.startswith(str(files[1]))) == 1  # a batch closes on the total only


def test_batch_output_does_not_depend_on_the_job_count(mutant: Path, tmp_path: Path) -> None:
    root = tmp_path / "reports"
    root.mkdir()
    for name in ("x.docx", "y.docx"):
        shutil.copy(mutant, root / name)
    one = CliRunner().invoke(main, [str(root), "--jobs", "1"]).stdout
    two = subprocess.run(
        [sys.executable, "-m", "auditor.cli", str(root), "--jobs", "2"], capture_output=True, text=True, timeout=300
    ).stdout
    assert one == two and one.count("SCORE003 一级指标得分之和与总分不符") == 2


# ---------------------------------------------------------------------------- quotes


def test_long_quotes_are_trimmed_around_the_figure() -> None:
    text = (
        "依据某某办法和某某细则，评价组于当年开展了现场核查与资料审阅工作。"
        "本项目年初预算为十八万元，后追加预算36.72万元，追加后的资金主要用于设备更新和运行维护，"
        "另有部分用于人员培训与档案整理。"
    )
    shown, span = trim_quote(text, "36.72")
    assert shown.startswith("…本项目年初预算") and shown.endswith("…")  # starts at the figure's sentence
    assert span is not None and shown[span[0] : span[1]] == "36.72"
    assert sum(2 if ord(ch) > 0x2E7F else 1 for ch in shown) <= 80


def test_figure_is_matched_as_a_whole_number_and_across_spaces() -> None:
    text = "2024 年共发生 24 件投诉。" + "其" * 60
    shown, span = trim_quote(text, "24")
    assert span is not None and shown[span[0] : span[1]] == "24" and shown[span[0] - 2 : span[0]] == "生 "
    _, span = trim_quote("评价期间：2024 年 6 月 18 日至年底", "2024年6月18日")
    assert span == (5, 20)


def test_short_quotes_and_tags() -> None:
    assert trim_quote("合计 100 85.39", "85.39") == ("合计 100 85.39", (7, 12))
    assert display_text("<p>签字：</p> <p>2024年4月18日</p>&amp;") == "签字： 2024年4月18日 &"
    assert display_text("a < b and c > d") == "a < b and c > d"  # not a tag: left alone


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
def test_corpus_report_quotes_stay_short_and_clean() -> None:
    _, out = _audit(str(CORPUS / "000_d151785e31374ea4.docx"))
    # the quote follows the place (which may hold a colon of its own: "表 2：…") and its role
    places_ = [m[1] for line in out.splitlines() if line.lstrip().startswith("@ ")
               if (m := re.search(r"(?:）|列|段|行|页)：(.*)$", line))]
    assert places_ and not any("<p>" in q or "</p>" in q for q in places_)
    assert max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in q) for q in places_) <= 80
