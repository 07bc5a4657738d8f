"""Lists of services, a page of up to a hundred each: by theme, by age band, A to Z."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .. import routes
from ..model import Listing
from ..render import Output, Renderer
from .base import Generator


@dataclass(frozen=True)
class Pager:
    """One page of a long list, and the addresses of all its pages."""

    path: str  # the list's first page
    number: int
    pages: int
    size: int

    @staticmethod
    def count(total: int) -> int:
        return max(1, -(-total // routes.LIST_PAGE_SIZE))

    @classmethod
    def of(cls, path: str, total: int, number: int) -> "Pager":
        return cls(path, number, cls.count(total), total)

    @property
    def url(self) -> str:
        return routes.paged(self.path, self.number)

    @property
    def start(self) -> int:
        return (self.number - 1) * routes.LIST_PAGE_SIZE

    @property
    def end(self) -> int:
        return min(self.start + routes.LIST_PAGE_SIZE, self.size)

    @property
    def links(self) -> list[tuple[int, str]]:
        return [(n, routes.paged(self.path, n)) for n in range(1, self.pages + 1)]


def _paged(sizes: list[int]) -> list[tuple[int, int]]:
    """(list, page number) for every page of lists of these sizes."""
    return [(i, n) for i, size in enumerate(sizes) for n in range(1, Pager.count(size) + 1)]


def by_theme_and_band(r: Renderer) -> dict[tuple[str, str], list[Listing]]:
    """Each topic's services that suit each age band, worked out once per build."""
    found = r.memo.get("by_theme_and_band")
    if found is None:
        found = r.memo["by_theme_and_band"] = {
            (t.key, b.key): [s for s in r.site.by_theme[t.key] if b.overlaps(s.age_min, s.age_max)]
            for t in r.site.themes for b in routes.AGE_BANDS}
    return found


class Themes(Generator):
    name = "themes"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        return _paged([len(r.site.by_theme[t.key]) for t in r.site.themes])

    def render(self, r: Renderer, key: tuple[int, int]) -> Iterator[Output]:
        theme = r.site.themes[key[0]]
        services = r.site.by_theme[theme.key]
        pager = Pager.of(routes.theme(theme.key), len(services), key[1])
        lists = by_theme_and_band(r)
        yield r.page("theme.html", pager.url, title=theme.title, theme=theme, pager=pager,
                     services=services[pager.start:pager.end], total=len(services),
                     guides=r.site.pages_by_theme[theme.key] if pager.number == 1 else [],
                     by_age=[(b, len(lists[theme.key, b.key])) for b in routes.AGE_BANDS],
                     description=r._(theme.description) if theme.description else "",
                     breadcrumbs=[(r._("Home"), "/")])


class ThemeAges(Generator):
    """Each topic for each age band ('health, ages 5 to 10'), for families without search."""

    name = "theme_ages"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        lists = by_theme_and_band(r)
        return [((t, b), n) for t, theme in enumerate(r.site.themes) for b, band in enumerate(routes.AGE_BANDS)
                for n in range(1, Pager.count(len(lists[theme.key, band.key])) + 1)]

    def render(self, r: Renderer, key: tuple[tuple[int, int], int]) -> Iterator[Output]:
        (t, b), number = key
        theme, band = r.site.themes[t], routes.AGE_BANDS[b]
        lists = by_theme_and_band(r)
        services = lists[theme.key, band.key]
        pager = Pager.of(routes.theme_age(theme.key, band), len(services), number)
        yield r.page("theme-age.html", pager.url, title=r._("%(topic)s: ages %(min)s to %(max)s") % {"topic": theme.title, "min": band.min, "max": band.max},
                     theme=theme, band=band, pager=pager, services=services[pager.start:pager.end],
                     total=len(services), by_age=[(other, len(lists[theme.key, other.key]))
                                                  for other in routes.AGE_BANDS],
                     breadcrumbs=[(r._("Home"), "/"), (theme.title, routes.theme(theme.key))],
                     description=r._("%(topic)s: services for children and young people aged %(min)s to %(max)s.")
                     % {"topic": theme.title, "min": band.min, "max": band.max})


class AgeBands(Generator):
    name = "age_bands"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        return _paged([len(r.site.by_band[b.key]) for b in routes.AGE_BANDS])

    def render(self, r: Renderer, key: tuple[int, int]) -> Iterator[Output]:
        band = routes.AGE_BANDS[key[0]]
        services = r.site.by_band[band.key]
        pager = Pager.of(routes.age_band(band), len(services), key[1])
        lists = by_theme_and_band(r)
        yield r.page("age.html", pager.url, title=r._("Support for ages %(min)s to %(max)s") % {"min": band.min, "max": band.max},
                     band=band, pager=pager, by_theme=[(t, len(lists[t.key, band.key])) for t in r.site.themes], services=services[pager.start:pager.end], total=len(services),
                     breadcrumbs=[(r._("Home"), "/")],
                     description=r._("Services for children and young people aged %(min)s to %(max)s.")
                     % {"min": band.min, "max": band.max})


class Letters(Generator):
    """A page per first letter, once there are too many services for one A to Z page."""

    name = "letters"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        if len(r.site.services) <= routes.A_TO_Z_ONE_PAGE:
            return []
        return _paged([len(group) for group in r.site.by_letter.values()])

    def render(self, r: Renderer, key: tuple[int, int]) -> Iterator[Output]:
        letter = list(r.site.by_letter)[key[0]]
        services = r.site.by_letter[letter]
        pager = Pager.of(routes.letter(letter), len(services), key[1])
        yield r.page("letter.html", pager.url, title=r._("Services A to Z: %(letter)s") % {"letter": letter}, letter=letter, pager=pager,
                     services=services[pager.start:pager.end], total=len(services),
                     breadcrumbs=[(r._("Home"), "/"), (r._("A to Z"), routes.A_TO_Z)],
                     description=r._("Services starting with %(letter)s.") % {"letter": letter})


class AToZ(Generator):
    name = "a_to_z"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        one_page = len(r.site.services) <= routes.A_TO_Z_ONE_PAGE
        yield r.page("a-z.html", routes.A_TO_Z, title=r._("Services A to Z"), letters=r.site.by_letter,
                     one_page=one_page, breadcrumbs=[(r._("Home"), "/")],
                     description=r._("Every service in the %(site)s, A to Z.") % {"site": r.site.config.title})
