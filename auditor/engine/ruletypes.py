"""Rule types: declared forms for the common shapes, expanded at load into the general
form (when / let / check / values / places / key) the runner evaluates.

    agree:    the same quantity stated in several places carries one value
    sums_to:  parts add up to a total
    ratio:    a printed rate equals numerator / denominator
    order:    one date (or amount) does not come after another
    meets:    an actual against its target with the target's comparator

The engine writes the check, the arithmetic text of the message values, the places with
their roles and the claim key (hence the fingerprint), so every rule of a type reports
alike. A rule may still give any general field itself (a `when` guard, a `key` kept for
old fingerprints, extra `values`); the expression form stays the escape hatch for rules
of no type.

`agree` either names a collection of groups (`over: money_groups`) or builds the groups
itself from a collection of statements, which makes a new "stated twice" check a YAML
change only:

    agree:
      of: counts                      # the statements
      where: "item.kind == 'targets_total'"
      by: [kind, group]               # what makes two statements the same quantity
      value: fig                      # the field compared (default: the statement itself)

Statements that carry a `qualifier` are grouped by it too, and a part or a remainder is
never grouped (engine/identity.py).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

TYPES = ("agree", "sums_to", "ratio", "order", "meets")


class Agree(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    over: str | None = Field(None, description="a collection of groups (money_groups, rate_groups …)")
    of: str | None = Field(None, description="a collection of statements to group (money, rates, counts …)")
    where: str | None = Field(None, description="which statements of `of` take part (an expression on item)")
    by: list[str] = Field(default_factory=list, description="fields that make two statements the same quantity")
    value: str | None = Field(None, description="the field of a statement compared (default: the statement)")
    label: str = Field("label", description="the field naming the group in the message")
    min: int = Field(2, ge=2, description="statements needed to form a group")


class SumsTo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    total: str = Field(description="expression: the stated total")
    parts: str = Field(description="expression: the parts, a list")
    name: str | None = Field(None, description="expression naming the total in the message")


class Ratio(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str = Field(description="expression: the printed rate")
    numerator: str
    denominator: str
    name: str | None = Field(None, description="expression naming the rate in the message")
    roles: list[str] = Field(
        default_factory=lambda: ["rate", "numerator", "denominator"], min_length=3, max_length=3
    )


class Order(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first: str = Field(description="expression: what comes first (a date, or an amount)")
    then: str = Field(description="expression: what must not come before it")
    dates: bool = Field(True, description="dates at their printed precision (else amounts: then ≥ first)")
    roles: list[str] = Field(default_factory=lambda: ["first", "then"], min_length=2, max_length=2)


class Meets(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str = Field(description="expression: the target row (comparator and target value)")
    value: str | None = Field(None, description="expression: the value judged (default: the row's actual)")


def _and(guard: str | None, extra: str) -> str:
    return f"({guard}) and ({extra})" if guard else extra


def expand(data: Any) -> Any:
    """A rule mapping with a typed form, with the general fields it implies filled in
    (fields the author gave win). Other values pass through unchanged."""
    if not isinstance(data, dict):
        return data
    kinds = [t for t in TYPES if t in data]
    if len(kinds) != 1:
        return data  # none (expression form), or several: the model rejects the mix
    kind = kinds[0]
    spec = data[kind]
    if not isinstance(spec, dict):
        return data
    out = dict(data)
    name = str(data.get("name", "rule"))
    if kind == "agree":
        values = "m." + spec["value"] if spec.get("value") else "m"
        members = f"({values} for m in item.members)" if spec.get("value") else "item.members"
        gen = {
            "over": spec.get("over") or spec.get("of"),
            "check": f"agree({members})",
            "values": {"name": "item.label", "found": f"tally({members})"},
            "places": f"agreement_places({members})",
            "key": f"'{name}:' + item.key",
        }
    elif kind == "sums_to":
        total, parts = spec.get("total", "None"), spec.get("parts", "()")
        values = {"expected": f"sum_text({parts})", "found": total, "expected_range": "computed"}
        if spec.get("name"):
            values["name"] = spec["name"]
        gen = {
            "when": _and(data.get("when"), f"{total} is not None"),
            "let": {"computed": f"sum_interval({parts})"},
            "check": f"overlaps(computed, {total})",
            "values": values,
            "places": f"[place({total}, 'total')] + [place(m, 'part') for m in {parts}]",
            "key": f"'{name}:' + item.key",
        }
    elif kind == "order":
        first, then = spec.get("first", "None"), spec.get("then", "None")
        roles = spec.get("roles") or ["first", "then"]
        dates = spec.get("dates", True)
        gen = {
            "when": _and(data.get("when"), f"known({first}, {then})"),
            "check": f"not precedes({then}, {first})" if dates else f"interval({then}).hi >= interval({first}).lo",
            "values": {"found": f"fmt({first}) + ' — ' + fmt({then})"},
            "places": f"[place({first}, '{roles[0]}'), place({then}, '{roles[1]}')]",
            "key": f"'{name}:' + fmt({first}) + '—' + fmt({then})",
        }
    elif kind == "meets":
        target = spec.get("target", "None")
        judged = f"meets({target}, {spec['value']})" if spec.get("value") else f"meets({target})"
        gen = {
            "when": _and(data.get("when"), f"{judged} is not None"),
            "check": judged,
            "values": {
                "found": spec.get("value") or f"{target}.actual",
                "target": f"{target}.comparator + fmt({target}.target)",
            },
            "places": f"[place({target}, 'target')]",
            "key": f"'{name}:' + {target}.key",
        }
    else:
        v, n, d = spec.get("value", "None"), spec.get("numerator", "None"), spec.get("denominator", "None")
        roles = spec.get("roles") or ["rate", "numerator", "denominator"]
        values = {"expected": f"fmt({n}) + '/' + fmt({d}) + ' = ' + fmt(computed)", "found": v}
        if spec.get("name"):
            values["name"] = spec["name"]
        gen = {
            "when": _and(data.get("when"), f"known({v}, {n}, {d}) and not is_zero({d})"),
            "let": {"computed": f"rate({n}, {d})"},
            "check": f"overlaps(computed, {v})",
            "values": values,
            "places": f"[place({v}, '{roles[0]}'), place({n}, '{roles[1]}'), place({d}, '{roles[2]}')]",
            "key": f"'{name}:' + item.key",
        }
    for fld, value in gen.items():
        if fld == "values":
            out["values"] = {**value, **(data.get("values") or {})}
        elif fld == "let":
            out["let"] = {**value, **(data.get("let") or {})}
        elif fld == "when":
            out["when"] = value
        else:
            out.setdefault(fld, value)
    return out
