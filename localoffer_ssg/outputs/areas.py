"""/areas/<key>/: the services that serve each of the council's localities (from site.toml), a
page of up to a hundred each, so a family without JavaScript can still look close to home."""

from __future__ import annotations

from typing import Iterator

from .. import routes
from ..model import Listing
from ..render import Output, Renderer
from .base import Generator
from .lists import Pager, _paged


def by_area(r: Renderer) -> dict[str, list[Listing]]:
    """Each area's services, in name order, worked out once per build."""
    found = r.memo.get("by_area")
    if found is None:
        found = r.memo["by_area"] = {a.key: [] for a in r.site.config.areas}
        for s in r.site.services:
            for key in dict.fromkeys(s.areas):
                if key in found:
                    found[key].append(s)
    return found


class Areas(Generator):
    name = "areas"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        lists = by_area(r)
        return _paged([len(lists[a.key]) for a in r.site.config.areas])

    def render(self, r: Renderer, key: tuple[int, int]) -> Iterator[Output]:
        area = r.site.config.areas[key[0]]
        services = by_area(r)[area.key]
        pager = Pager.of(routes.area(area.key), len(services), key[1])
        yield r.page("area.html", pager.url, title=r._("Services in %(area)s") % {"area": area.title},
                     area=area, pager=pager, services=services[pager.start:pager.end], total=len(services),
                     others=[a for a in r.site.config.areas if a.key != area.key],
                     breadcrumbs=[(r._("Home"), "/")],
                     description=r._("Services for families in %(area)s.") % {"area": area.title})
