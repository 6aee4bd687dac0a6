"""A profile as `audit rules` and `audit profiles` show it: the rules it switches on and
off, the parameters it sets (with the rule's own default), its weights and lexicon words."""

from __future__ import annotations

import json
from typing import Any

from auditor.profiles import ENABLED_PARAM, Profile, RunLayer, available, load_profile

_WORDS = {
    "zh": {
        "profile": "评分方案", "extends": "继承", "on": "开启", "off": "关闭", "params": "参数",
        "weights": "一级指标分值", "lexicon": "词表补充", "default": "规则默认", "none": "无",
    },
    "en": {
        "profile": "profile", "extends": "extends", "on": "switches on", "off": "switches off",
        "params": "parameters", "weights": "first-level weights", "lexicon": "lexicon additions",
        "default": "rule default", "none": "none",
    },
}


def _w(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "zh"]


def _v(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def summary_lines(profile: Profile, layer: RunLayer, rules: list[Any], lang: str = "zh", origin: str = "") -> list[str]:
    """Commented lines (`# …`) for the head of `audit rules`, and the body of `audit profiles NAME`."""
    w = _w(lang)
    by_id = {r.id: r for r in rules}
    chain = " ← ".join(ly.name for ly in reversed(profile.layers))
    lines = [f"# {w['profile']}: {chain}{origin} — {profile.description(lang)}"]
    on = [rid for rid in profile.enabled]
    off = [rid for rid in profile.disabled]
    lines.append(f"#   {w['on']}: {', '.join(on) or w['none']}")
    lines.append(f"#   {w['off']}: {', '.join(off) or w['none']}")
    params = []
    for rid in sorted(layer.params):
        for key, value in sorted(layer.params[rid].items()):
            if key == ENABLED_PARAM:
                continue
            default = by_id[rid].params.get(key) if rid in by_id else None
            params.append(f"{rid}.{key} = {_v(value)} ({w['default']} {_v(default)})")
    lines.append(f"#   {w['params']}: {'; '.join(params) or w['none']}")
    if profile.weights is not None:
        lines.append(f"#   {w['weights']}: " + ", ".join(f"{k} {_num(v)}" for k, v in profile.weights.items()))
    if profile.lexicon:
        lines.append(f"#   {w['lexicon']}: {_v(profile.lexicon)}")
    return lines


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def rule_is_on(rule: Any, params: dict[str, dict[str, Any]], ignored: tuple[str, ...]) -> bool:
    """Whether a rule runs under the effective parameters (an `enabled` switch left off, or
    ignored by the profile, means not)."""
    if rule.id in ignored:
        return False
    value = params.get(rule.id, {}).get(ENABLED_PARAM, rule.params.get(ENABLED_PARAM, True))
    return bool(value)


def listing(lang: str = "zh") -> list[str]:
    """One line per shipped profile: name, parent, description."""
    out = []
    names = available()
    width = max(len(n) for n in names)
    for name in names:
        p = load_profile(name)
        parent = p.layers[-1].data.extends
        ext = f" ({_w(lang)['extends']} {parent})" if parent else ""
        out.append(f"{name:<{width}}  {p.description(lang)}{ext}")
    return out


def as_json(profile: Profile, layer: RunLayer) -> dict[str, Any]:
    return {
        "name": profile.name,
        "file": profile.file,
        "extends": profile.layers[-1].data.extends,
        "description": {"zh": profile.description("zh"), "en": profile.description("en")},
        "enable": list(profile.enabled),
        "disable": list(profile.disabled),
        "params": layer.params,
        "weights": profile.weights,
        "lexicon": profile.lexicon,
    }
