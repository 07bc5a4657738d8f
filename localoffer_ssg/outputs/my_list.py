"""/my-list/: the services a family saved on this device, to print or share. The list lives in
the browser (mylist-page.js); without JavaScript the page says what it would do."""

from __future__ import annotations

from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from .base import Generator


class MyList(Generator):
    name = "my_list"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        booklets = [(t, routes.booklet(t.key)) for t in r.site.themes if r.site.by_theme[t.key]]
        # In another language, the saved services that have a page in it are shown from that page.
        here = sorted(path.split("/")[2] for path in r.versions.translated[r.language.code]
                      if path.startswith("/services/") and path.count("/") == 3) if r.language else []
        yield r.page("my-list.html", routes.MY_LIST, title=r._("My list"), booklets=booklets,
                     here_services=here, breadcrumbs=[(r._("Home"), "/")],
                     description=r._("Services you saved on this device, to print or send to someone."))
