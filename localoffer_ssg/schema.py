"""JSON Schema checks for service records and page front matter, worded for editors."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .diagnostics import ERROR, Diagnostic, did_you_mean, one_of
from .yamlsource import Located

if TYPE_CHECKING:  # jsonschema is imported when a record fails: it words the message
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = ("service", "page", "glossary", "you-said-we-did")


@lru_cache(maxsize=None)
def schema(kind: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"schema/{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _is_valid(kind: str):
    """A compiled validator: tens of times faster than jsonschema for the usual valid record."""
    try:
        import fastjsonschema
    except ImportError:
        return lambda data: not any(_validator(kind).iter_errors(data))
    compiled = fastjsonschema.compile(schema(kind))

    def is_valid(data) -> bool:
        try:
            compiled(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    return is_valid


@lru_cache(maxsize=None)
def _validator(kind: str) -> "Draft202012Validator":
    from jsonschema import Draft202012Validator

    # No format checker: validate.py checks dates itself, with a plainer message.
    return Draft202012Validator(schema(kind))


def field_name(path: tuple) -> str:
    """('locations', 0, 'postcode') -> 'locations[0].postcode'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_KIND = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
         "array": "a list", "object": "a set of named fields"}
_HINTS = {
    "age_range": "write it as `age_range: {min: 0, max: 25}`",
    "contact": "give at least one of phone, email or website, e.g. `contact: {phone: 01632 960 100}`",
    "cost": "write it as `cost: {free: true, details: ...}`",
    "last_reviewed": "write the date as YYYY-MM-DD, e.g. 2026-03-14",
    "postcode": "write a UK postcode in capitals, e.g. ZX1 1AA",
    "phone": "use digits and spaces, e.g. 01632 960 100",
    "email": "write a full address, e.g. team@example.org",
    "website": "write the full address starting https://",
}


def _hint(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return _HINTS.get(names[-1], "") if names else ""


def _message(err: "ValidationError") -> tuple[tuple, str, bool]:
    """Return (field path, message, points at key) for one schema error."""
    path = tuple(err.absolute_path)
    v, value = err.validator, err.instance
    if v == "additionalProperties":
        allowed = err.schema.get("properties", {})
        extra = sorted(set(value) - set(allowed))[0]
        return path + (extra,), ("unknown field." + did_you_mean(extra, allowed)
                                 + " Allowed fields: " + one_of(allowed)), True
    if v == "required":
        missing = err.message.split("'")[1]
        where = f" under {field_name(path)}" if path else ""
        hint = _hint(path + (missing,))
        return path + (missing,), f"is required; add a `{missing}:` line{where}" + (
            f" ({hint})" if hint else ""), True
    if v == "type" and not path and err.validator_value == "array":
        return path, "must be a list of entries, each starting with `- `", False
    if v == "type" and value is None:
        return path, "must not be empty; write a value after the colon", False
    if v == "type" and err.validator_value == "array" and isinstance(value, (str, int, float)):
        return path, f"must be a list (got {value!r}); write it as `{field_name(path)}: [{value}]`", False
    if v == "type":
        want = err.validator_value
        want = " or ".join(_KIND.get(w, w) for w in want) if isinstance(want, list) else _KIND.get(want, want)
        hint = _hint(path)
        return path, f"must be {want} (got {value!r})" + (f"; {hint}" if hint else ""), False
    if v == "minimum":
        return path, f"must be at least {err.validator_value} (got {value})", False
    if v == "maximum":
        return path, f"must be at most {err.validator_value} (got {value})", False
    if v == "enum":
        choices = [str(c) for c in err.validator_value]
        return path, f"'{value}' is not allowed." + did_you_mean(value, choices) + \
            " Use one of: " + one_of(choices), False
    if v == "anyOf" and path == ("contact",) or (v == "anyOf" and path and path[-1] == "contact"):
        return path, "needs at least one of phone, email or website", False
    if v == "minItems":
        return path, "must list at least one item", False
    if v == "uniqueItems":
        return path, "lists the same item twice; remove the repeat", False
    if v == "minLength":
        return path, "must not be empty", False
    if v == "maxLength":
        return path, f"is too long ({len(value)} characters; at most {err.validator_value}). Shorten it", False
    if v in ("pattern", "format"):
        hint = _hint(path) or "check the spelling"
        return path, f"'{value}' is not in the right form; {hint}", False
    return path, err.message, False


def check(kind: str, rel: str, source: Located) -> list[Diagnostic]:
    """Validate one record against its schema; every fault becomes a positioned diagnostic."""
    if kind in ("service", "page") and not isinstance(source.data, dict):
        what = "front matter" if kind == "page" else "a service file"
        return [Diagnostic(rel, 1, 1, ERROR, "", f"{what} must be a set of `field: value` lines")]
    if _is_valid(kind)(source.data):
        return []
    out = []  # jsonschema, slower, says exactly what is wrong and where
    for err in _validator(kind).iter_errors(source.data):
        if err.validator == "anyOf" and err.context and list(err.absolute_path) != ["contact"]:
            # Report the most specific branch error rather than a generic anyOf summary.
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        path, message, at_key = _message(err)
        pos = source.key_pos(path) if at_key else source.value_pos(path)
        out.append(Diagnostic(rel, pos.line, pos.col, ERROR, field_name(path), message))
    return out
