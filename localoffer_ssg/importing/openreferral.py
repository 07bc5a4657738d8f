"""ORUK exports as drafts: one service (ORUK 3.0 or 1.0), a page envelope (`contents`, or
Outpost's `content`), a bare list, or a folder of such files. Each draft says where it came from
as a JSON path, so a problem names the record it is in."""

from __future__ import annotations

import json
from pathlib import Path

from ..outputs.oruk import EXTENSION, TAXONOMY_PREFIX
from . import fields
from .record import PROBLEM, WARNING, Draft

_STATUS = {"active": "active", "temporarily closed": "temporarily-closed", "inactive": "closed", "defunct": "closed"}
_OWN = {"themes": "theme_keys", "needs": "need_keys", "checklist": "covers"}  # our taxonomies, by name


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def records(doc, where: str) -> tuple[list[tuple[str, dict]], list[str]]:
    """The service records in one parsed file, with their JSON paths, and what could not be read."""
    if isinstance(doc, list):
        items = [(f"{where} $[{i}]", x) for i, x in enumerate(doc)]
    elif isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        items = [(f"{where} $.contents[{i}]", x) for i, x in enumerate(doc["contents"])]
    elif isinstance(doc, dict) and isinstance(doc.get("content"), list):
        items = [(f"{where} $.content[{i}]", x) for i, x in enumerate(doc["content"])]
    elif isinstance(doc, dict) and "name" in doc:
        items = [(f"{where} $", doc)]
    else:
        return [], [f"{where}: not an ORUK service, page or list of services"]
    bad = [path for path, x in items if not isinstance(x, dict)]
    return [(p, x) for p, x in items if isinstance(x, dict)], [f"{p}: not a service record" for p in bad]


def read(path: Path) -> tuple[list[Draft], list[str]]:
    """Drafts from a JSON file or every *.json file in a folder (in name order)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    drafts, notes, seen = [], [], set()
    if not files:
        notes.append(f"{path}: no .json files here")
    listed: list[tuple[str, dict]] = []
    for file in files:
        try:
            doc = json.loads(file.read_text("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            notes.append(f"{file.name}: not JSON ({exc})")
            continue
        found, problems = records(doc, file.name)
        notes += problems
        listed += found
    # A folder may hold each record and the pages that list it, maybe without its related
    # objects (as ORUK's list endpoints give them): a record's own file comes first.
    for where, item in sorted(listed, key=lambda found: not found[0].endswith(" $")):
        key = item.get("id")
        if isinstance(key, str) and key in seen:
            continue
        seen.add(key)
        drafts.append(draft(where, item))
    return drafts, notes


def _ages(d: Draft, item: dict) -> None:
    v = d.values
    pairs = [(item.get("minimum_age"), item.get("maximum_age")), (item.get("min_age"), item.get("max_age"))]
    pairs += [(e.get("minimum_age"), e.get("maximum_age")) for e in map(_dict, _list(item.get("eligibilitys")))]
    for low, high in pairs:
        low, high = fields.number(low), fields.number(high)
        if low is not None or high is not None:
            v["age_min"], v["age_max"] = low, high
            return


def _costs(d: Draft, item: dict) -> None:
    v = d.values
    options = [_dict(o) for o in _list(item.get("cost_options"))]
    amounts = []
    for o in options:
        try:
            amounts.append(float(str(o.get("amount")).lstrip("£"))) if o.get("amount") not in (None, "") else None
        except ValueError:
            pass
    if isinstance(item.get("free"), bool):
        v["cost_free"] = item["free"]
    elif amounts:
        v["cost_free"] = all(a == 0 for a in amounts)
    elif options:
        v["cost_free"] = False
    described = [_text(o.get("amount_description")) or _text(o.get("option")) for o in options]
    details = "; ".join(x for x in described if x) or _text(item.get("fees_description")) or _text(item.get("fees"))
    if details and not (v.get("cost_free") and details.casefold() == "free") and details != "There is a charge":
        v["cost_details"] = details
    if details and v.get("cost_free") is None and details.casefold().startswith("free"):
        v["cost_free"] = True


def _hours(item: dict) -> str:
    found = [_dict(s) for s in _list(item.get("schedules")) + _list(item.get("regular_schedules"))]
    described = [_text(s.get("description")) for s in found if _text(s.get("description"))]
    if described:
        return "; ".join(dict.fromkeys(described))
    times = []
    for s in found:
        day = _text(s.get("weekday")) or _text(s.get("byday"))
        opens, closes = _text(s.get("opens_at"))[:5], _text(s.get("closes_at"))[:5]
        if day or opens:
            day = day if day.isupper() else day.title()  # ORUK's byday (MO,TU) stays as written
            times.append(" ".join(x for x in (day, opens, "to " + closes if closes else "") if x))
    return "; ".join(times)


def _location(raw: dict) -> dict:
    loc = _dict(raw.get("location")) or raw
    address = _dict((_list(loc.get("addresses")) or _list(loc.get("physical_addresses")) or [{}])[0]) or loc
    street = ", ".join(x for x in (_text(address.get("address_1")), _text(address.get("address_2")),
                                   _text(address.get("city"))) if x)
    lat, lon = loc.get("latitude"), loc.get("longitude")
    point = _list(_dict(loc.get("geometry")).get("coordinates"))
    if lat is None and len(point) == 2:
        lon, lat = point
    access = [_text(a.get("description")) or _text(a.get("accessibility")) or _text(a.get("name"))
              for a in map(_dict, _list(loc.get("accessibility")) + _list(loc.get("accessibilities")))]
    return {"name": _text(loc.get("name")), "address": street, "postcode": _text(address.get("postal_code")),
            "accessibility": [a for a in access if a], "latitude": lat, "longitude": lon}


def _terms(d: Draft, item: dict) -> None:
    v = d.values
    terms, needs = [], []
    for attribute in map(_dict, _list(item.get("attributes"))):
        term = _dict(attribute.get("taxonomy_term"))
        taxonomy = _text(term.get("taxonomy"))
        if taxonomy.startswith(TAXONOMY_PREFIX):
            own = _OWN.get(taxonomy.removeprefix(TAXONOMY_PREFIX))
            if own and _text(term.get("code")):
                v.setdefault(own, []).append(term["code"])
            continue
        terms.append(_text(term.get("name")) or _text(term.get("term")))
    for link in map(_dict, _list(item.get("service_taxonomys"))):
        terms.append(_text(_dict(link.get("taxonomy")).get("name")))
    terms += [_text(_dict(t).get("name")) for t in _list(item.get("taxonomies"))]
    terms += [_text(_dict(t).get("audienceType")) for t in _list(item.get("pc_targetAudience"))]
    needs += [_text(_dict(t).get("name")) for t in _list(item.get("send_needs"))]
    if any(_text(_dict(a.get("taxonomy_term")).get("taxonomy")).startswith(TAXONOMY_PREFIX)
           for a in map(_dict, _list(item.get("attributes")))):
        for own in _OWN.values():  # our own export: what it does not list, the service has not
            v.setdefault(own, [])
    terms = [t for t in dict.fromkeys(terms) if t]
    if terms and "theme_keys" not in v:
        v["themes"] = terms
    if "need_keys" not in v:
        v["needs"] = [t for t in dict.fromkeys(needs) if t]  # unmapped ones are reported
        v["need_terms"] = terms  # categories that may name a need; most do not


def draft(where: str, item: dict) -> Draft:
    d = Draft(where)
    v = d.values
    extension = _dict(item.get(EXTENSION))
    if _text(extension.get("id")):
        v["id"] = extension["id"]
    if extension.get("keywords"):
        v["keywords"] = [k for k in _list(extension["keywords"]) if isinstance(k, str)]
    for ours, theirs in (("name", "name"), ("summary", "short_description"), ("description", "description"),
                         ("eligibility", "eligibility_description"), ("how_to_access", "application_process")):
        if _text(item.get(theirs)):
            v[ours] = item[theirs]
    status = _text(item.get("status")).casefold()
    if status:
        v["status"] = _STATUS.get(status, "active")
        if status not in _STATUS:
            d.note(WARNING, "status", f"{item['status']!r} is not an ORUK status; imported as active")
    _ages(d, item)
    if _text(item.get("assured_date")):
        v["last_reviewed"] = fields.day(item["assured_date"])
    organisation = _dict(item.get("organization")) or _dict(item.get("organisation"))
    if _text(organisation.get("name")):
        v["organisation"] = organisation["name"]
    contacts = [_dict(c) for c in _list(item.get("contacts"))]
    phones = [_text(_dict(p).get("number")) for c in contacts for p in _list(c.get("phones"))]
    phones += [_text(c.get("phone")) for c in contacts] + [_text(_dict(p).get("number")) for p in _list(item.get("phones"))]
    emails = [_text(item.get("email"))] + [_text(c.get("email")) for c in contacts]
    names = [_text(c.get("name")) for c in contacts if _text(c.get("name"))]
    v["contact"] = {"name": names[0] if names else "", "website": _text(item.get("url")),
                    "phones": [p for p in phones if p], "emails": [e for e in emails if e]}
    _costs(d, item)
    v["hours"] = _hours(item)
    v["locations"] = [_location(_dict(x)) for x in _list(item.get("service_at_locations")) + _list(item.get("locations"))]
    v["languages"] = [_text(_dict(x).get("name")) or _text(_dict(x).get("language")) for x in _list(item.get("languages"))]
    v["areas"] = [_text(_dict(x).get("name")) or _text(_dict(x).get("service_area"))
                  for x in _list(item.get("service_areas"))]
    _terms(d, item)
    if not _text(item.get("name")):
        d.note(PROBLEM, "name", "the record has no name")
    return d
