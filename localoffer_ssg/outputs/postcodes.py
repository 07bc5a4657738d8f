"""What 'Near a postcode' fetches, only when a family uses it, from the site itself: the postcode
table (/assets/postcodes.json) and where each service is (/assets/near.json)."""

from __future__ import annotations

import hashlib
import json
from typing import Iterator

from .. import geography, routes
from ..render import Output, Renderer
from .base import Generator

TABLE_PATH = "/assets/postcodes.json"
PLACES_PATH = "/assets/near.json"
PRECISION = {"exact": "e", "sector": "s", "district": "d"}


class PostcodeTable(Generator):
    """The shipped centres of Great Britain's postcode sectors and districts, as they are."""

    name = "postcode_table"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        # The table changes only with the engine: its version and size stand for its bytes.
        return [(routes.output_file(TABLE_PATH), f"{geography.VERSION}/{geography.TABLE.stat().st_size}")]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield Output(TABLE_PATH, geography.TABLE.read_bytes())


def places(r: Renderer) -> bytes:
    """Every published service with what the near list filters and sorts on: address, name,
    topics, ages, places (latitude, longitude, how exact) and the areas it serves."""
    found = r.memo.get("near_places")
    if found is None:
        themes = [t.key for t in r.site.themes]
        areas = [a.key for a in r.site.config.areas]
        theme_at, area_at = {k: i for i, k in enumerate(themes)}, {k: i for i, k in enumerate(areas)}
        services = [[r.url(s.url), s.name, [theme_at[t] for t in s.themes if t in theme_at], s.age_min, s.age_max,
                     [[lat, lon, PRECISION[p]] for lat, lon, p in s.places],
                     [area_at[a] for a in s.areas if a in area_at]] for s in r.site.services]
        data = {"themes": themes, "areas": [[a.key, a.title] for a in r.site.config.areas],
                "attribution": geography.ATTRIBUTION, "services": services}
        found = r.memo["near_places"] = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return found


class NearPlaces(Generator):
    name = "near_places"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        return [(routes.output_file(PLACES_PATH), hashlib.blake2b(places(r), digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield Output(PLACES_PATH, places(r))
