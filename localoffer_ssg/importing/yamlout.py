"""Service files a person can read and edit: block style, the fields in the spec's order,
Markdown as literal blocks, dates and phone numbers unquoted, no anchors."""

from __future__ import annotations

import re

import yaml

FIELD_ORDER = ("name", "summary", "description", "themes", "age_range", "contact", "last_reviewed",
               "organisation", "needs", "eligibility", "how_to_access", "cost", "locations", "hours",
               "languages", "areas", "covers", "status", "easy_read", "keywords")
MARKDOWN = ("description", "eligibility", "how_to_access", "easy_read")
_DATE_LINE = re.compile(r"^(last_reviewed): '(\d{4}-\d{2}-\d{2})'$", re.M)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # a value used twice is written twice, not as *1
        return True

    def increase_indent(self, flow=False, indentless=False):  # lists indented under their key
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def ordered(record: dict) -> dict:
    return {k: record[k] for k in FIELD_ORDER if k in record}


def dump(record: dict) -> str:
    """The YAML text of one record (a dict of plain values, in any order)."""
    data = ordered(record)
    for key in MARKDOWN:  # literal blocks keep Markdown's lines as written
        if key in data:
            data[key] = "\n".join(line.rstrip() for line in data[key].strip("\n").split("\n")) + "\n"
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100_000)
    return _DATE_LINE.sub(r"\1: \2", text)
