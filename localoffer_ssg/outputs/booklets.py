"""Printable booklets: every published service in a topic with its key facts and contacts, in
parts of routes.BOOKLET_PAGE_SIZE so that a topic of thousands still builds and loads quickly."""

from __future__ import annotations

import hashlib
from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from .base import Generator
from .lists import Pager


def _count(total: int) -> int:
    return max(1, -(-total // routes.BOOKLET_PAGE_SIZE))


def _part(r: Renderer, key: tuple[int, int]):
    """The theme, its pager and the listings of one part of its booklet."""
    theme = r.site.themes[key[0]]
    services = r.site.by_theme[theme.key]
    pages = _count(len(services))
    pager = Pager(routes.booklet(theme.key), key[1], pages, len(services))
    size = routes.BOOKLET_PAGE_SIZE
    return theme, pager, services[(key[1] - 1) * size:key[1] * size]


class Booklets(Generator):
    name = "booklets"

    def units(self, r: Renderer) -> list[tuple[int, int]]:
        return [(i, n) for i, t in enumerate(r.site.themes) for n in range(1, _count(len(r.site.by_theme[t.key])) + 1)]

    def fingerprint(self, r: Renderer, key: tuple[int, int]) -> list[tuple[str, str]]:
        """Made from the full records of its services (their digests stand for them), the
        template, the settings and the part's place in the booklet."""
        prints = r.fingerprints
        assert prints is not None
        theme, pager, listings = _part(r, key)
        made_from = prints.template("booklet.html") + r.globals_digest.encode() \
            + repr((theme, pager)).encode() + b"".join(s.record for s in listings)
        return [(routes.output_file(routes.paged(pager.path, pager.number)),
                 hashlib.blake2b(made_from, digest_size=16).hexdigest())]

    def prepare(self, r: Renderer, keys: list[tuple[int, int]]) -> None:
        """The full records of every service in the parts to render that the build did not keep."""
        missing = [s.id for key in keys for s in _part(r, key)[2] if s.id not in r.records]
        if missing:
            r.records.update(r.read_records(list(dict.fromkeys(missing))))

    def render(self, r: Renderer, key: tuple[int, int]) -> Iterator[Output]:
        theme, pager, listings = _part(r, key)
        services = [r.records[s.id] for s in listings]
        changed = max((s.last_reviewed for s in services), default=None)
        title = f"{theme.title}: printable list" + (f", part {pager.number} of {pager.pages}" if pager.pages > 1 else "")
        yield r.page("booklet.html", pager.url, title=title, theme=theme, pager=pager, services=services,
                     changed=changed, breadcrumbs=[("Home", "/"), (theme.title, routes.theme(theme.key))],
                     description=f"Every {theme.title.lower()} service, with contact details, to print.")
