"""Eligibility rules as data, and their evaluation: pure functions over plain values (no database).

A program's ``rules`` is a JSON list, validated by RULES_SCHEMA, e.g.::

    [{"rule": "alive"}, {"rule": "disability", "severities": ["severe"]}, {"rule": "domicile_malang"},
     {"rule": "decile_max", "max": 4}, {"rule": "not_enrolled", "programs": ["aslut-2026"]}]

``evaluate(rules, facts)`` returns every failed rule with its reason in words; an empty list means eligible.
The facts of many persons are gathered set-based in eligibility.py, so a cycle of 100,000 enrolees is
re-checked without a query per person.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MALANG_PREFIX = "35.73."
RULE_NAMES = ("alive", "ppks", "age", "disability", "domicile_malang", "decile_max", "not_enrolled")

RULES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["rule"],
        "oneOf": [
            {"properties": {"rule": {"const": "alive"}}, "additionalProperties": False},
            {"properties": {"rule": {"const": "domicile_malang"}}, "additionalProperties": False},
            {"properties": {"rule": {"const": "ppks"},
                            "categories": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
             "required": ["categories"], "additionalProperties": False},
            {"properties": {"rule": {"const": "age"},
                            "min": {"type": ["integer", "null"], "minimum": 0, "maximum": 130},
                            "max": {"type": ["integer", "null"], "minimum": 0, "maximum": 130}},
             "additionalProperties": False},
            {"properties": {"rule": {"const": "disability"},
                            "severities": {"type": "array", "minItems": 1,
                                           "items": {"enum": ["light", "moderate", "severe"]}}},
             "required": ["severities"], "additionalProperties": False},
            {"properties": {"rule": {"const": "decile_max"}, "max": {"type": "integer", "minimum": 1, "maximum": 10}},
             "required": ["max"], "additionalProperties": False},
            {"properties": {"rule": {"const": "not_enrolled"},
                            "programs": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
             "required": ["programs"], "additionalProperties": False},
        ],
    },
}


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one person."""

    alive: bool = True
    age: int | None = None
    categories: frozenset = field(default_factory=frozenset)  # current PPKS category codes
    severities: frozenset = field(default_factory=frozenset)  # disability severities
    kelurahan_code: str | None = None
    decile: int | None = None
    enrolled: frozenset = field(default_factory=frozenset)  # codes of programs with an open enrolment


@dataclass(frozen=True)
class Failure:
    rule: str
    reason: str


def validate(rules) -> list:
    """Check the shape (schema) and the sense (age range in order) of a rule list; return it."""
    import jsonschema

    try:
        jsonschema.validate(rules, RULES_SCHEMA)
    except jsonschema.ValidationError as exc:
        raise ValidationError({"rules": _("The eligibility rules are not valid: %(error)s") % {
            "error": exc.message}}) from exc
    names = [r["rule"] for r in rules]
    if len(names) != len(set(names)):
        raise ValidationError({"rules": _("Each kind of rule may appear once.")})
    for rule in rules:
        if rule["rule"] == "age":
            low, high = rule.get("min"), rule.get("max")
            if low is None and high is None:
                raise ValidationError({"rules": _("An age rule needs a minimum or a maximum age.")})
            if low is not None and high is not None and low > high:
                raise ValidationError({"rules": _("The minimum age is above the maximum age.")})
    return rules




def _severity_labels(values):
    from desaku.people.models import Severity

    labels = dict(Severity.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


def check(rule: dict, facts: Facts) -> str | None:
    """The reason ``facts`` fail ``rule``, or None when they pass."""
    name = rule["rule"]
    if name == "alive":
        return None if facts.alive else _("The person has died.")
    if name == "ppks":
        wanted = set(rule["categories"])
        return None if wanted & facts.categories else _("Not in a required PPKS category (%(codes)s).") % {
            "codes": ", ".join(sorted(wanted))}
    if name == "age":
        low, high = rule.get("min"), rule.get("max")
        if facts.age is None:
            return _("The age is not known.")
        if low is not None and facts.age < low:
            return _("Younger than %(min)s years (age %(age)s).") % {"min": low, "age": facts.age}
        if high is not None and facts.age > high:
            return _("Older than %(max)s years (age %(age)s).") % {"max": high, "age": facts.age}
        return None
    if name == "disability":
        wanted = set(rule["severities"])
        if wanted & facts.severities:
            return None
        return _("No recorded disability of the required severity (%(severity)s).") % {
            "severity": _severity_labels(sorted(wanted))}
    if name == "domicile_malang":
        if facts.kelurahan_code and facts.kelurahan_code.startswith(MALANG_PREFIX):
            return None
        return _("No recorded domicile in Kota Malang.")
    if name == "decile_max":
        if facts.decile is None:
            return _("No welfare decile recorded (DTKS/DTSEN).")
        if facts.decile > rule["max"]:
            return _("Welfare decile %(decile)s is above %(max)s.") % {"decile": facts.decile, "max": rule["max"]}
        return None
    if name == "not_enrolled":
        clash = sorted(set(rule["programs"]) & facts.enrolled)
        return _("Already enrolled in %(programs)s.") % {"programs": ", ".join(clash)} if clash else None
    raise ValueError(f"unknown rule {name!r}")


def evaluate(rules: list, facts: Facts) -> list[Failure]:
    """Every failed rule with its reason; empty when the person is eligible."""
    failures = []
    for rule in rules:
        reason = check(rule, facts)
        if reason is not None:
            failures.append(Failure(rule["rule"], reason))
    return failures


def describe_rule(rule: dict, category_names: dict | None = None, program_names: dict | None = None) -> str:
    name = rule["rule"]
    if name == "alive":
        return _("alive")
    if name == "ppks":
        names = category_names or {}
        return _("in PPKS category %(list)s") % {"list": _(" or ").join(names.get(c, c) for c in rule["categories"])}
    if name == "age":
        low, high = rule.get("min"), rule.get("max")
        if low is not None and high is not None:
            return _("aged %(min)s to %(max)s") % {"min": low, "max": high}
        if low is not None:
            return _("aged %(min)s or over") % {"min": low}
        return _("aged %(max)s or under") % {"max": high}
    if name == "disability":
        return _("with a disability of severity %(severity)s") % {"severity": _severity_labels(rule["severities"])}
    if name == "domicile_malang":
        return _("living in Kota Malang")
    if name == "decile_max":
        return _("welfare decile %(max)s or lower") % {"max": rule["max"]}
    if name == "not_enrolled":
        names = program_names or {}
        return _("not enrolled in %(list)s") % {"list": ", ".join(names.get(p, p) for p in rule["programs"])}
    return name


def describe(rules: list, category_names: dict | None = None, program_names: dict | None = None) -> str:
    """The rules in one sentence ("Alive, with a disability of severity Severe, living in Kota Malang.")."""
    if not rules:
        return _("Everyone is eligible.")
    text = ", ".join(describe_rule(r, category_names, program_names) for r in rules)
    return text[:1].upper() + text[1:] + "."
