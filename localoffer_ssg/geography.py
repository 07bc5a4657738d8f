"""Where postcodes are: the shipped table of sector and district centres for Great Britain, and
distances between points. The table is read once per process, and only when a place needs it."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "postcodes.json"
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


@cache
def attribution() -> str:
    return json.loads(TABLE.read_text("utf-8"))["attribution"]


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
