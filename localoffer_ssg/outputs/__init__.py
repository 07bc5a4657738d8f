"""Every kind of output the site has, in one registry, in the order it is planned and written.
A new kind of output is a module here and a template; nothing else needs to change."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..render import Output, Renderer
from .api import OpenData
from .areas import Areas
from .assets import Assets
from .base import Generator, Unit
from .booklets import Booklets
from .changes import Changes, ChangesFeed
from .fixed import Fixed
from .headers import Headers
from .localised import Localised
from .lists import AgeBands, AToZ, Letters, ThemeAges, Themes
from .my_list import MyList
from .offline import Offline, ServiceWorker
from .pages import Home, Pages
from .postcodes import NearPlaces, PostcodeTable
from .print_links import PrintLinks
from .search_words import SearchWords
from .services import Services
from .sitemap import Sitemap

# Fixed order: the sitemap lists what the generators before it plan, so it comes after them.
GENERATORS: tuple[Generator, ...] = (
    Home(), Services(), Themes(), ThemeAges(), AgeBands(), Letters(), AToZ(), Pages(), Fixed(), Changes(),
    ChangesFeed(), Booklets(), MyList(), Offline(), ServiceWorker(), Areas(),
    PostcodeTable(), NearPlaces(), Sitemap(), Assets(), Headers(), PrintLinks(), SearchWords(), OpenData())
_BY_NAME = {g.name: g for g in GENERATORS}
# What each of the site's other languages has: the same generators, with that language's renderer.
LOCALISED = ("home", "services", "themes", "theme_ages", "age_bands", "letters", "a_to_z", "pages", "fixed",
             "my_list", "offline")


def generators(r: Renderer) -> tuple[Generator, ...]:
    """The registry, with each other language's generators before the sitemap (which lists them)."""
    if not r.languages:
        return GENERATORS
    found = r.memo.get("generators")
    if found is None:
        extra = tuple(Localised(g, code) for code in r.languages for g in GENERATORS if g.name in LOCALISED)
        at = next(i for i, g in enumerate(GENERATORS) if g.name == "sitemap")
        found = r.memo["generators"] = GENERATORS[:at] + extra + GENERATORS[at:]
    return found

__all__ = ["GENERATORS", "Generator", "Unit", "plan", "prepare", "render"]


def plan(r: Renderer) -> dict[Unit, list[tuple[str, str]]]:
    """Every unit of work, with the (output file, fingerprint) pairs it would write."""
    planned: dict[Unit, list[tuple[str, str]]] = {}
    r.planned = []
    with r.fingerprinting():
        for generator in generators(r):
            name = generator.name
            for key in generator.units(r):
                pairs = planned[(name, key)] = generator.fingerprint(r, key)
                r.planned.extend(rel for rel, _ in pairs)
    return planned


def prepare(r: Renderer, units: list[Unit]) -> None:
    """Let each generator get ready for the units of its own that are to be rendered."""
    for generator in generators(r):
        keys = [key for name, key in units if name == generator.name]
        if keys:
            generator.prepare(r, keys)


def render(r: Renderer, units: Iterable[Unit]) -> Iterator[Output]:
    for name, key in units:
        generator = _BY_NAME.get(name)
        if generator is None:  # another language's
            by_name = r.memo.get("by_name") or r.memo.setdefault("by_name", {g.name: g for g in generators(r)})
            generator = by_name[name]
        yield from generator.render(r, key)
