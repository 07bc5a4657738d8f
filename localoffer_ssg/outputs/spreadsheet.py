"""/api/services.csv: one row per published service, its columns in the record's field order.
Lists are joined with '; '; a service's locations with ' | ', position by position across the
location_* columns (a location's accessibility facts with '; ' inside its own part)."""

from __future__ import annotations

import csv
import io

from ..model import Service

LIST_SEP = "; "
LOCATION_SEP = " | "
COLUMNS = (
    "id", "name", "summary", "description", "themes", "age_min", "age_max",
    "contact_name", "contact_phone", "contact_email", "contact_website", "last_reviewed",
    "organisation", "needs", "eligibility", "how_to_access", "cost_free", "cost_details",
    "location_name", "location_address", "location_postcode", "location_accessibility",
    "location_latitude", "location_longitude", "hours", "languages", "areas", "covers", "status",
    "keywords", "page",
)
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def row(svc: Service, page: str) -> list[str]:
    c, locs = svc.contact, svc.locations
    free = "" if svc.cost_free is None else ("yes" if svc.cost_free else "no")
    joined = LIST_SEP.join
    return [
        svc.id, svc.name, svc.summary, svc.description.strip(), joined(svc.themes), str(svc.age_min), str(svc.age_max),
        c.name, c.phone, c.email, c.website, svc.last_reviewed.isoformat(),
        svc.organisation, joined(svc.needs), svc.eligibility.strip(), svc.how_to_access.strip(), free, svc.cost_details,
        LOCATION_SEP.join(loc.name for loc in locs), LOCATION_SEP.join(loc.address for loc in locs),
        LOCATION_SEP.join(loc.postcode for loc in locs),
        LOCATION_SEP.join(joined(loc.accessibility) for loc in locs),
        LOCATION_SEP.join(_number(loc.latitude) for loc in locs),
        LOCATION_SEP.join(_number(loc.longitude) for loc in locs),
        svc.hours, joined(svc.languages), joined(svc.areas), joined(svc.covers), svc.status,
        joined(svc.keywords), page,
    ]


def encode_row(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def header() -> str:
    return BOM + encode_row(list(COLUMNS))
