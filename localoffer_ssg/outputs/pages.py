"""The home page and the content pages from content/ (guides and their easy-read versions)."""

from __future__ import annotations

from typing import Iterator

from .. import markdown, routes
from ..model import Page
from ..render import Output, Renderer
from .base import Generator


class Home(Generator):
    name = "home"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        intro = r.site.page_at("/")
        yield r.page("home.html", "/", title=r.site.config.title, intro=intro,
                     guides=[g for g in r.site.guides if g.url != "/"],
                     description=intro.summary if intro else "")


class Pages(Generator):
    name = "pages"

    def units(self, r: Renderer) -> range:
        return range(len(r.site.pages))

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        site = r.site
        page = site.pages[key]
        if page.url in ("/", routes.EASY_READ):  # their text is shown by Home and Fixed
            return
        if page.easy_read:
            yield r.page("easy-read.html", page.url, title=page.title, body=page.body, page=page,
                         standard_url=page.url.removesuffix("easy-read/"), description=page.summary,
                         shift=0, glossary=site.glossary.used_in(markdown.plain_text(page.body)),
                         breadcrumbs=[(r._("Home"), "/"), (r._("Easy read"), routes.EASY_READ)])
            return
        children = [p for p in site.pages if not p.easy_read and p.url != page.url
                    and p.url.startswith(page.url) and p.depth == page.depth + 1]
        easy = page.url + "easy-read/"
        yield r.page("page.html", page.url, title=page.title, page=page, children=children,
                     breadcrumbs=_crumbs(r, page), description=page.summary,
                     easy_read_url=easy if easy in site.page_urls else "")


def _crumbs(r: Renderer, page: Page) -> list[tuple[str, str]]:
    trail = [(r._("Home"), "/")]
    parts = page.url.strip("/").split("/")
    for depth in range(1, len(parts)):
        parent = r.site.page_at("/" + "/".join(parts[:depth]) + "/")
        if parent and parent.url != page.url:
            trail.append((parent.title, parent.url))
    return trail
