"""A service as an Open Referral UK (HSDS 3.0 UK profile) record, with identifiers that survive
rebuilds, and the taxonomies its themes, needs, age bands and checklist topics come from."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from .. import routes
from ..config import Config
from ..model import CHECKLIST, NEEDS, Service

VERSION = "3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
PAGE_SIZE = 50  # services in each /api/services/page-<n>.json
# Our own vocabularies: `localoffer-<name>`, with each term's code the key used in services/*.yaml.
TAXONOMY_PREFIX = "localoffer-"
EXTENSION = "localoffer"  # what ORUK has no field for: the page address, file id and keywords
STATUS = {"active": "active", "temporarily-closed": "temporarily closed"}


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str


def taxonomies(config: Config) -> dict[str, tuple[str, list[Term]]]:
    """Every vocabulary a record uses: name -> (description, terms), in a fixed order."""
    return {
        "themes": ("Topics of this Local Offer, from its site.toml.",
                   [Term(t.key, t.title, t.description or t.title) for t in config.themes]),
        "needs": ("The four broad areas of need in the SEND Code of Practice (6.28 to 6.35).",
                  [Term(k, v, v) for k, v in NEEDS.items()]),
        "age-bands": ("Age groups a family can browse by; a service is in every band its ages overlap.",
                      [Term(b.key, b.title, b.title) for b in routes.AGE_BANDS]),
        "checklist": ("Topics the SEND Regulations 2014 (Schedule 2) require a Local Offer to cover.",
                      [Term(k, v, v) for k, v in CHECKLIST.items()]),
    }


def namespace(config: Config) -> uuid.UUID:
    """Every identifier is a UUIDv5 in the site's own namespace, made from its id in site.toml."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://localoffer-ssg.example.org/sites/{config.id}")


class Ids:
    """Identifiers for one site, made from names, so a rebuild or a new host gives the same ones."""

    def __init__(self, config: Config):
        self.ns = namespace(config).bytes

    def __call__(self, *parts: str) -> str:
        """uuid.uuid5(namespace, 'a/b'), made without UUID objects: a build makes millions."""
        digest = bytearray(hashlib.sha1(self.ns + "/".join(parts).encode()).digest()[:16])
        digest[6], digest[8] = (digest[6] & 0x0F) | 0x50, (digest[8] & 0x3F) | 0x80
        x = digest.hex()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def absolute(config: Config, path: str) -> str:
    """A full address for `path`, or '' when base_url is only a path (ORUK wants full URIs)."""
    base = config.base_url
    return base.rstrip("/") + "/" + path.lstrip("/") if base.startswith(("http://", "https://")) else ""


def term_object(config: Config, ids: Ids, taxonomy: str, term: Term) -> dict:
    out = {"id": ids("taxonomy_term", taxonomy, term.code), "code": term.code, "name": term.name,
           "description": term.description, "taxonomy": TAXONOMY_PREFIX + taxonomy,
           "taxonomy_id": ids("taxonomy", taxonomy), "term": term.name}
    uri = absolute(config, f"/api/taxonomies/{taxonomy}.json")
    if uri:
        out["term_uri"] = f"{uri}#{term.code}"
    return out


def taxonomy_document(config: Config, name: str) -> dict:
    ids = Ids(config)
    description, terms = taxonomies(config)[name]
    out = {"id": ids("taxonomy", name), "name": TAXONOMY_PREFIX + name, "description": description,
           "version": "1"}
    uri = absolute(config, f"/api/taxonomies/{name}.json")
    if uri:
        out["uri"] = uri
    out["terms"] = [term_object(config, ids, name, t) for t in terms]
    return out


def _address(location) -> list[dict]:
    """ORUK wants address_1 and city apart: the last comma-separated part of ours is the town."""
    if not (location.address or location.postcode):
        return []
    street, _, town = location.address.rpartition(",")
    if not street:
        street, town = location.address, ""
    return [{"address_1": street.strip(), "city": town.strip(), "state_province": "",
             "postal_code": location.postcode, "country": "GB", "address_type": "physical"}]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def service_record(svc: Service, config: Config, terms: dict[str, dict[str, dict]],
                   modified: str = "") -> dict:
    """The ORUK record of one published service; `terms` holds each taxonomy's term objects by
    code, `modified` is when git last changed its file (ISO 8601), where the build knows it."""
    ids = Ids(config)
    sid = ids("service", svc.id)
    out: dict = {"id": sid, "name": svc.name, "short_description": svc.summary, "description": svc.description.strip()}
    contact = svc.contact
    if contact.website:
        out["url"] = contact.website
    if contact.email:
        out["email"] = contact.email
    out["status"] = STATUS[svc.status]
    if svc.status == "temporarily-closed":
        out["alert"] = "This service is temporarily closed."
    if svc.cost_details:
        out["fees_description"] = svc.cost_details
    if svc.eligibility:
        out["eligibility_description"] = svc.eligibility.strip()
    if svc.how_to_access:
        out["application_process"] = svc.how_to_access.strip()
    out["minimum_age"], out["maximum_age"] = svc.age_min, svc.age_max
    out["assured_date"] = svc.last_reviewed.isoformat()
    if modified:
        out["last_modified"] = modified
    if svc.organisation:
        oid = ids("organization", _slug(svc.organisation))
        out["organization_id"] = oid
        out["organization"] = {"id": oid, "name": svc.organisation, "description": svc.organisation}
    if svc.hours:
        out["schedules"] = [{"id": ids("schedule", svc.id), "service_id": sid, "description": svc.hours}]
    areas = {a.key: a.title for a in config.areas}
    if svc.areas:
        out["service_areas"] = [{"id": ids("service_area", svc.id, key), "service_id": sid,
                                 "name": areas.get(key, key), "service_area": areas.get(key, key)}
                                for key in svc.areas]
    if svc.locations:
        out["service_at_locations"] = [_at_location(ids, svc, sid, i, loc) for i, loc in enumerate(svc.locations)]
    if svc.languages:
        out["languages"] = [{"id": ids("language", svc.id, str(i)), "service_id": sid, "name": name}
                            for i, name in enumerate(svc.languages)]
    if svc.cost_free is not None:
        cost = {"id": ids("cost_option", svc.id), "service_id": sid}
        if svc.cost_free:
            cost["amount"] = 0
        cost["amount_description"] = svc.cost_details or ("Free" if svc.cost_free else "There is a charge")
        out["cost_options"] = [cost]
    if contact.name or contact.phone or contact.email:
        person: dict = {"id": ids("contact", svc.id), "service_id": sid}
        if contact.name:
            person["name"] = contact.name
        if contact.email:
            person["email"] = contact.email
        if contact.phone:
            person["phones"] = [{"id": ids("phone", svc.id), "number": contact.phone}]
        out["contacts"] = [person]
    attributes = []
    for taxonomy, codes in (("themes", svc.themes), ("needs", svc.needs),
                            ("age-bands", [b.key for b in svc.age_bands]), ("checklist", svc.covers)):
        for code in codes:
            term = terms[taxonomy].get(code)
            if term is not None:
                attributes.append({"id": ids("attribute", svc.id, taxonomy, code), "link_id": sid,
                                   "link_type": "service", "taxonomy_term_id": term["id"], "taxonomy_term": term})
    if attributes:
        out["attributes"] = attributes
    extension = {"id": svc.id}
    page = absolute(config, svc.url)
    if page:
        extension["page"] = page
    if svc.keywords:
        extension["keywords"] = list(svc.keywords)
    out[EXTENSION] = extension
    return out


# What a page of services leaves out of each record, as ORUK's own list endpoints do (HSDS 3.0
# service_list): the related objects, which are in each service's own file.
_RELATED = ("schedules", "service_areas", "service_at_locations", "languages", "cost_options", "contacts",
            "attributes", "funding")


def list_item(record: dict) -> dict:
    """A record as a page of services lists it: its own fields and organisation, without the
    objects related to it."""
    return {k: v for k, v in record.items() if k not in _RELATED}


def _at_location(ids: Ids, svc: Service, sid: str, index: int, loc) -> dict:
    lid = ids("location", _slug(f"{loc.name} {loc.postcode}"))
    location: dict = {"id": lid, "location_type": "physical", "name": loc.name}
    if loc.latitude is not None and loc.longitude is not None:
        location["latitude"], location["longitude"] = loc.latitude, loc.longitude
    addresses = _address(loc)
    if addresses:
        addresses[0] = {"id": ids("address", svc.id, str(index)), "location_id": lid, **addresses[0]}
        location["addresses"] = addresses
    if loc.accessibility:
        location["accessibility"] = [{"id": ids("accessibility", svc.id, str(index), str(i)), "location_id": lid,
                                      "description": fact} for i, fact in enumerate(loc.accessibility)]
    return {"id": ids("service_at_location", svc.id, str(index)), "service_id": sid, "location_id": lid,
            "location": location}


def page_envelope(contents: list, number: int, total_items: int, size: int = PAGE_SIZE) -> dict:
    """ORUK's page: how many items and pages there are, where this one is, and its items."""
    pages = max(1, -(-total_items // size))
    return {"total_items": total_items, "total_pages": pages, "page_number": number, "size": len(contents),
            "first_page": number == 1, "last_page": number == pages, "empty": not contents, "contents": contents}
