"""A draft from a spreadsheet row or an ORUK record, made into a service file that passes check:
what the source lacks gets a sensible value and a warning saying what an editor should confirm;
a record that cannot be made valid is refused, with the reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import load
from ..config import Config
from ..diagnostics import ERROR
from ..model import CHECKLIST, NEEDS
from ..validate import Rules, check_service
from ..yamlsource import parse_yaml
from . import fields, htmlmd, mapping, yamlout

WARNING, PROBLEM = "warning", "error"


@dataclass
class Draft:
    """What one source record says, in this site's field names; `where` is its row or JSON path."""

    where: str
    values: dict = field(default_factory=dict)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (level, field, message)

    def note(self, level: str, name: str, message: str) -> None:
        self.notes.append((level, name, message))


@dataclass
class Made:
    draft: Draft
    id: str
    record: dict | None  # None when it cannot be made valid
    text: str = ""


@dataclass
class Context:
    config: Config
    mapping: mapping.Mapping
    rules: Rules
    today: dt.date
    known: set[str] = field(default_factory=set)  # site paths a link may go to

_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*([^)\s]+)\s*\)")


def _unlink(d: Draft, key: str, text: str, known: set[str]) -> str:
    """Links to pages this site does not have keep their words only, so the record passes check."""
    def replace(m: re.Match) -> str:
        href = m.group(3)
        if m.group(1) or re.match(r"^(https?:|mailto:|tel:|#)", href):
            return m.group(0)
        if href.split("#")[0].split("?")[0] in known:
            return m.group(0)
        d.note(WARNING, key, f"link to {href} removed: this site has no page there")
        return m.group(2)
    return _LINK.sub(replace, text)


def _own(config: Config, kind: str) -> dict[str, str]:
    if kind == "themes":
        pairs = [(t.key, t.key) for t in config.themes] + [(t.title, t.key) for t in config.themes]
    elif kind == "needs":
        pairs = [(k, k) for k in NEEDS] + [(v, k) for k, v in NEEDS.items()]
    else:
        pairs = [(a.key, a.key) for a in config.areas] + [(a.title, a.key) for a in config.areas]
    return {name.casefold(): key for name, key in pairs}


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _keys(d: Draft, ctx: Context, kind: str, words: dict[str, str]) -> list[str]:
    v = d.values
    keys, unmapped = mapping.match_terms(v.get(kind) or [], words, _own(ctx.config, kind))
    if kind == "needs":
        keys += mapping.match_terms(v.get("need_terms") or [], words, _own(ctx.config, kind))[0]
    if unmapped:
        d.note(WARNING, kind, f"no {kind[:-1]} for {', '.join(_short(u) for u in unmapped)}; add them to the "
               f"[{kind}] table of a mapping file")
    if not keys:
        text = f"{v.get('name', '')}\n{v.get('summary', '')}" + (f"\n{v.get('description', '')}" if kind == "themes" else "")
        keys = mapping.match_text(text, words)
        if keys:
            d.note(WARNING, kind, f"{', '.join(keys)} worked out from words in the text; confirm")
    return keys


def _ages(d: Draft) -> dict | None:
    v = d.values
    low, high = v.get("age_min"), v.get("age_max")
    if low is None and high is None and v.get("ages"):
        found = fields.ages(str(v["ages"]))
        low, high = found if found else (None, None)
        if found is None:
            d.note(WARNING, "age_range", f"cannot read ages from {v['ages']!r}")
    if low is None and high is None:
        d.note(WARNING, "age_range", "no ages given; set to 0 to 25: confirm who the service is for")
        return {"min": 0, "max": fields.MAX_AGE}
    low, high = low if low is not None else 0, high if high is not None else fields.MAX_AGE
    if low > high:
        low, high = high, low
        d.note(WARNING, "age_range", "youngest and oldest ages were the wrong way round; swapped")
    if low > fields.MAX_AGE:
        d.note(PROBLEM, "age_range", f"is for ages {low} and over: a Local Offer covers 0 to 25")
        return None
    if high > fields.MAX_AGE:
        d.note(WARNING, "age_range", f"oldest age {high} is over 25; set to 25")
        high = fields.MAX_AGE
    return {"min": low, "max": high}


def _contact(d: Draft) -> dict:
    given = d.values.get("contact") or {}
    out = {}
    if given.get("name"):
        out["name"] = htmlmd.plain(given["name"])
    for raw in given.get("phones") or []:
        number = fields.phone(raw)
        if number:
            out["phone"] = number
            break
        d.note(WARNING, "contact.phone", f"{raw!r} is not a UK phone number; left out")
    for raw in given.get("emails") or []:
        address = fields.email(raw)
        if address:
            out["email"] = address
            break
        d.note(WARNING, "contact.email", f"{raw!r} is not an e-mail address; left out")
    if given.get("website"):
        site, added = fields.website(given["website"])
        if site:
            out["website"] = site
            if added:
                d.note(WARNING, "contact.website", f"https:// added to {given['website']!r}; check it opens")
        else:
            d.note(WARNING, "contact.website", f"{given['website']!r} is not a web address; left out")
    return out


def _location(d: Draft, i: int, loc: dict) -> dict | None:
    out: dict = {}
    postcode = fields.postcode(loc.get("postcode", ""))
    if loc.get("postcode") and not postcode:
        d.note(WARNING, f"locations[{i}].postcode", f"{loc['postcode']!r} is not a UK postcode; left out")
    address = htmlmd.plain(loc.get("address", ""))
    name = htmlmd.plain(loc.get("name", "")) or address.split(",")[0].strip() or postcode
    if not name:
        return None
    out["name"] = name
    if address:
        out["address"] = address
    if postcode:
        out["postcode"] = postcode
    if loc.get("accessibility"):
        out["accessibility"] = list(dict.fromkeys(a for a in loc["accessibility"] if a))
    lat, lon = loc.get("latitude"), loc.get("longitude")
    try:
        lat, lon = (float(lat), float(lon)) if lat not in (None, "") and lon not in (None, "") else (None, None)
    except ValueError:
        lat = lon = None
    if lat is not None and -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0, 0):
        out["latitude"], out["longitude"] = lat, lon
    elif lat is not None:
        d.note(WARNING, f"locations[{i}]", f"map position {lat}, {lon} is not on Earth; left out")
    return out


def build(d: Draft, ctx: Context) -> dict | None:
    """Our record for a draft, or None (with a problem noted) when it cannot be made valid."""
    v, out = d.values, {}
    name = htmlmd.plain(v.get("name", ""))
    if not name:
        d.note(PROBLEM, "name", "has no service name")
        return None
    out["name"] = name if len(name) <= 120 else name[:119].rstrip() + "…"
    description = htmlmd.to_markdown(v.get("description", ""))
    summary = htmlmd.plain(v.get("summary", ""))
    if not description:
        kinds = [t for t in v.get("themes") or [] if t]
        places = [htmlmd.plain(loc.get("name", "")) for loc in v.get("locations") or [] if loc.get("name")]
        made_up = name + (f": {kinds[0][0].lower()}{kinds[0][1:]}" if kinds else "") + \
            (f" at {places[0]}" if places else "") + "."
        description = (summary or made_up) + "\n"
        d.note(WARNING, "description", "the source has no description; write what the service does")
    if not summary:
        summary = fields.first_sentence(description)
        d.note(WARNING, "summary", "made from the description's first sentence; confirm it reads well on its own")
    out["summary"] = summary if len(summary) <= 300 else fields.first_sentence(summary)
    out["description"] = _unlink(d, "description", description, ctx.known)
    themes = v["theme_keys"] if v.get("theme_keys") else _keys(d, ctx, "themes", ctx.mapping.themes)
    themes = [t for t in dict.fromkeys(themes) if t in ctx.config.theme_keys]
    if not themes and ctx.mapping.default_theme in ctx.config.theme_keys:
        themes = [ctx.mapping.default_theme]
        d.note(WARNING, "themes", f"nothing mapped to a theme; set to {themes[0]}: choose the right one")
    if not themes:
        d.note(PROBLEM, "themes", "nothing maps to a theme; add the source's categories to a mapping file")
        return None
    out["themes"] = themes
    ages = _ages(d)
    if ages is None:
        return None
    out["age_range"] = ages
    out["contact"] = _contact(d)
    if not {"phone", "email", "website"} & out["contact"].keys():
        d.note(PROBLEM, "contact", "has no phone number, e-mail address or web address families can use")
        return None
    reviewed = v.get("last_reviewed")
    if reviewed is None or reviewed > ctx.today:
        why = "the source gives none" if reviewed is None else f"the source's {reviewed} is in the future"
        d.note(WARNING, "last_reviewed", f"set to the import date ({ctx.today}): {why}; check the details")
        reviewed = ctx.today
    out["last_reviewed"] = reviewed.isoformat()
    if v.get("organisation"):
        out["organisation"] = htmlmd.plain(v["organisation"])
    needs = v["need_keys"] if "need_keys" in v else _keys(d, ctx, "needs", ctx.mapping.needs)
    if needs := [n for n in dict.fromkeys(needs) if n in NEEDS]:
        out["needs"] = needs
    for key in ("eligibility", "how_to_access"):
        if v.get(key):
            out[key] = _unlink(d, key, htmlmd.to_markdown(v[key]), ctx.known)
    if v.get("cost_free") is not None:
        out["cost"] = {"free": bool(v["cost_free"])}
        if v.get("cost_details"):
            out["cost"]["details"] = htmlmd.plain(v["cost_details"])
    elif v.get("cost_details"):
        d.note(WARNING, "cost", "the source does not say whether it is free; add `free: true` or `free: false`")
    locations = [loc for i, raw in enumerate(v.get("locations") or []) if (loc := _location(d, i, raw))]
    if locations:
        out["locations"] = locations
    if v.get("hours"):
        lines = [" ".join(line.split()) for line in str(v["hours"]).splitlines()]
        out["hours"] = "; ".join(line for line in lines if line)
    if v.get("languages"):
        out["languages"] = list(dict.fromkeys(htmlmd.plain(x) for x in v["languages"] if htmlmd.plain(x)))
    areas, unmapped = mapping.match_terms(v.get("areas") or [], {}, _own(ctx.config, "areas"))
    if unmapped:
        d.note(WARNING, "areas", f"not an area in site.toml: {', '.join(_short(u) for u in unmapped)}; left out")
    if areas:
        out["areas"] = areas
    if covers := [c for c in v.get("covers") or [] if c in CHECKLIST]:
        out["covers"] = covers
    if v.get("status") in ("temporarily-closed", "closed"):
        out["status"] = v["status"]
    if v.get("keywords"):
        out["keywords"] = list(dict.fromkeys(v["keywords"]))
    return out


def make(d: Draft, service_id: str, ctx: Context) -> Made:
    """Build the record, write it as YAML, and run that text through the same reading and
    checking as `localoffer check`: only a record that passes is ever written."""
    record = build(d, ctx)
    if record is None:
        return Made(d, service_id, None)
    text = yamlout.dump(record)
    rel = f"services/{service_id}.yaml"
    located, problems = parse_yaml(text, rel)
    if located is not None:
        problems += check_service(load.RawService(service_id, rel, located, text), ctx.rules).problems
    for p in problems:
        if p.level == ERROR:
            d.note(PROBLEM, p.field, p.message)
    if any(p.level == ERROR for p in problems):
        return Made(d, service_id, None, text)
    return Made(d, service_id, record, text)
