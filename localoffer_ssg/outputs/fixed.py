"""The pages every site has whatever its content: easy-read index, search, feedback,
accessibility, you said we did, what the Local Offer includes, and the 404 page."""

from __future__ import annotations

from typing import Iterator

from .. import geography, routes
from ..render import Output, Renderer
from .base import Generator


class Fixed(Generator):
    name = "fixed"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        site = r.site
        home = [(r._("Home"), "/")]
        yield r.page("easy-read-index.html", routes.EASY_READ, title="Easy read", intro=site.page_at(routes.EASY_READ),
                     pages=site.easy_read_pages, services=[s for s in site.services if s.has_easy_read],
                     breadcrumbs=home, description="Easy read pages: short words, short sentences and pictures.")
        yield r.page("search.html", routes.SEARCH, title=r._("Search"), breadcrumbs=home,
                     description=r._("Search for services and information."))
        yield r.page("feedback.html", routes.FEEDBACK, title=r._("Tell us what you think"), breadcrumbs=home,
                     description=r._("Give feedback about the Local Offer."))
        yield r.page("accessibility.html", routes.ACCESSIBILITY, title=r._("Accessibility statement"),
                     breadcrumbs=home, attribution=geography.ATTRIBUTION,
                     description=r._("How accessible this website is and how to get the information in "
                                     "another way."))
        yield r.page("you-said-we-did.html", routes.YOU_SAID_WE_DID, title="You said, we did",
                     years=site.comments, breadcrumbs=home,
                     description="What families and young people told us about the Local Offer, "
                     "and what we did about it.")
        yield r.page("covers.html", routes.COVERS, title="What the Local Offer includes",
                     topics=site.by_topic, breadcrumbs=home,
                     description="Where to find each part of the Local Offer that the law asks for.")
        yield r.page("404.html", routes.NOT_FOUND, title="Page not found")
