"""Claims that there is no problem, for the whole project or for its funds.

"经自查，项目暂无问题", "项目实施过程中不存在问题", "在资金管理、预算执行方面无问题", a
存在问题 section that says 无: each is a claim the rules hold against the execution rate
the report states (a low rate is a problem of budget execution). Only a bare "no problem"
counts: "不存在截留、挤占等问题" denies some problems, not all; a question, a condition or a
duty ("确保不出现问题") claims nothing. Areas are kept only when every one is about money
(资金, 预算, 财务, 经费, 支出, 执行): "在项目决策方面无问题" says nothing of execution.
"""

from __future__ import annotations

import re

from auditor.extract.text import split_sentences
from auditor.facts import Facts, NoProblemClaim, Quote
from auditor.models import Document, Paragraph
from auditor.normalize import compact

_NONE = re.compile(r"(?:暂无|暂未发现|无|不存在|没有|未发现)(?:明显|重大|任何|其他|突出)?的?问题")
# what may stand before "无问题" in its clause for the claim to be about the whole project
_WHOLE = re.compile(
    r"^(?:(?:经(?:自查|核查|检查|评价|审核)[^，,]{0,6}|总体(?:来看|而言)?|目前|截至[^，,]{0,12}|综上)[，,]?)?"
    r"(?:本|该)?(?:项目|单位|部门)?(?:在)?(?:实施|执行|建设|管理)?(?:过程)?(?:中)?(?:均|都|也|暂|尚)?$"
)
_AREAS = re.compile(r"在(?P<areas>[\u4e00-\u9fff、和及与]{2,40}?)(?:等)?方面(?:均|都|也)?$")
_MONEY_AREA = re.compile(r"资金|预算|财务|经费|支出|执行")
_NOT_A_CLAIM = re.compile(r"是否|[?？]|吗|如果|假如|若(?!干)|一旦|确保|防止|避免|杜绝|以免|应当?|需要?|要求|力争")


def extract_no_problems(doc: Document, facts: Facts) -> None:
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or block.heading_level is not None or "问题" not in block.text:
            continue
        for s, start, end in split_sentences(block.text):
            claim = _claim(s)
            if claim is None:
                continue
            quote = Quote(location=block.location.with_span(start, end), text=s)
            facts.no_problems.append(NoProblemClaim(areas=claim, source=quote))
    said = {c.source.location.block for c in facts.no_problems}
    for plist in facts.problems:
        b = plist.source.location.block
        if plist.says_none and not plist.entries and b is not None and not any(k in said for k in range(b + 1, b + 4)):
            quote = Quote(location=plist.source.location, text=plist.source.text.strip().rstrip("：:") + "：无")
            facts.no_problems.append(NoProblemClaim(areas=[], source=quote))  # a bare 无 under the title


def _claim(s: str) -> list[str] | None:
    """The areas a sentence says have no problem ([] for the whole project), None when it
    claims no such thing (or names an area other than money)."""
    found = _NONE.search(s)
    if found is None or _NOT_A_CLAIM.search(s):
        return None
    whole = re.sub(r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、．])", "", compact(s[: found.start()]))
    if _WHOLE.match(whole):
        return []
    cs = max(s.rfind(x, 0, found.start()) for x in "，,：:") + 1
    before = compact(s[cs : found.start()])
    m = _AREAS.search(before)
    if m is None:
        return None
    areas = [a for a in re.split(r"[、和及与]", m.group("areas")) if len(a) >= 2]
    if not areas or not all(_MONEY_AREA.search(a) for a in areas):
        return None
    return areas
