"""Where postcodes are: the shipped table of sector and district centres for Great Britain, and
distances between points. The table is read once per process, and only when a place needs it."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote_plus

from .diagnostics import WARNING, Diagnostic

TABLE = Path(__file__).with_name("data") / "postcodes.json"
# Required by the Open Government Licence wherever the table is used (as in the table itself).
ATTRIBUTION = ("Contains OS data \u00a9 Crown copyright and database right 2025. "
               "Contains Royal Mail data \u00a9 Royal Mail copyright and database right 2025. "
               "Contains National Statistics data \u00a9 Crown copyright and database right 2025.")
VERSION = "cpo-2025-09"  # the table's source release: raise with each new table
MILE_KM = 1.609344
EARTH_KM = 6371.0088  # mean radius

# Outward code (district) and, for a full or sector postcode, the sector digit. Spaces are optional.
FULL = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])([A-Z]{2})$")
SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])$")
DISTRICT = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)$")

@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    precision: str  # 'exact', 'sector' or 'district'


@dataclass(frozen=True)
class Postcode:
    district: str
    sector: str = ""  # the sector digit, when given

    @property
    def northern_ireland(self) -> bool:
        return self.district.startswith("BT")


def parse(text: str) -> Postcode | None:
    """A full, sector or district postcode in any case and spacing; None when it is not one."""
    compact = re.sub(r"\s+", "", text).upper()
    for form in (FULL, SECTOR, DISTRICT):
        found = form.match(compact)
        if found:
            return Postcode(found.group(1), found.group(2) if form is not DISTRICT else "")
    return None


@cache
def table() -> dict[str, list]:
    """District -> [latitude, longitude, {sector digit: [latitude, longitude]}]."""
    return json.loads(TABLE.read_text("utf-8"))["districts"]




def locate(text: str) -> Point | None:
    """The centre of a postcode's sector, or of its district when the sector is not known."""
    code = parse(text)
    if code is None:
        return None
    entry = table().get(code.district)
    if entry is None:
        return None
    sector = entry[2].get(code.sector) if code.sector else None
    if sector is not None:
        return Point(sector[0], sector[1], "sector")
    return Point(entry[0], entry[1], "district")


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h)) / MILE_KM


def about(distance: float, *precisions: str) -> str:
    """'about 3 miles', rounded no finer than the points are known: whole miles from sector
    centres or better, the nearest 5 miles when a district centre stands in for a postcode.
    The same rule is in layouts/static/near.js."""
    step = 5 if "district" in precisions else 1
    if distance < step:
        return "less than a mile" if step == 1 else "less than 5 miles"
    rounded = max(step, round(distance / step) * step)
    return f"about {rounded} mile{'s' if rounded != 1 else ''}"


def map_link(latitude: float, longitude: float) -> str:
    """A plain OpenStreetMap link to a point: nothing is loaded from it until it is followed."""
    return f"https://www.openstreetmap.org/?mlat={latitude:.5f}&mlon={longitude:.5f}#map=16/{latitude:.5f}/{longitude:.5f}"


def map_search(address: str) -> str:
    """A plain OpenStreetMap search for an address, for places known only by their postcode."""
    return "https://www.openstreetmap.org/search?query=" + quote_plus(address.strip(", "))


def check_places(rel: str, src) -> list[Diagnostic]:
    """Warnings for places families could not find by distance: a postcode outside the table
    with no latitude and longitude, or only one of the two given."""
    out = []
    places = src.data.get("locations")
    for i, loc in enumerate(places if isinstance(places, list) else ()):
        if not isinstance(loc, dict):
            continue
        has = [k for k in ("latitude", "longitude") if isinstance(loc.get(k), (int, float))]
        if len(has) == 1:
            other = "longitude" if has[0] == "latitude" else "latitude"
            pos = src.value_pos(("locations", i, has[0]))
            out.append(Diagnostic(rel, pos.line, pos.col, WARNING, f"locations[{i}].{other}",
                                  f"{has[0]} is given without {other}; give both, e.g. latitude: 52.4862 "
                                  "and longitude: -1.8904, or neither to place it by its postcode"))
        code = parse(loc["postcode"]) if has == [] and isinstance(loc.get("postcode"), str) else None
        if code is None or code.district in table():
            continue
        pos = src.value_pos(("locations", i, "postcode"))
        why = ("Northern Ireland (BT) postcodes are not in the postcode table, which covers Great "
               "Britain only" if code.northern_ireland else
               f"the postcode district {code.district} is not in the postcode table for Great Britain")
        out.append(Diagnostic(rel, pos.line, pos.col, WARNING, f"locations[{i}].postcode",
                              f"{why}, so families cannot find this place by distance; check the postcode, "
                              "or add latitude and longitude to this place (e.g. latitude: 52.4862, "
                              "longitude: -1.8904)"))
    return out
