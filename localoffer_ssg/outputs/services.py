"""Each published service's page, and its easy-read page when it has one."""

from __future__ import annotations

import hashlib
from typing import Iterator

from .. import markdown, routes
from ..render import Output, Renderer
from .base import Generator

# A service's page fingerprints by everything they are made from: `serve` rebuilds in one
# process, and most services are the same from one rebuild to the next.
_PRINTS: dict[bytes, list[tuple[str, str]]] = {}


class Services(Generator):
    name = "services"

    def units(self, r: Renderer) -> range:
        return range(len(r.site.services))

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        """A service's own pages are made from its record, the globals, their templates and the
        glossary (see render()): digesting those is much quicker than building the context."""
        listing = r.site.services[key]
        base = self._inputs(r) + listing.record
        pairs = _PRINTS.get(base)
        if pairs is None:
            pairs = [(routes.output_file(listing.url), hashlib.blake2b(base + b"page", digest_size=16).hexdigest())]
            if listing.has_easy_read:
                pairs.append((routes.output_file(listing.easy_read_url),
                              hashlib.blake2b(base + b"easy", digest_size=16).hexdigest()))
            if len(_PRINTS) > 200_000:
                _PRINTS.clear()
            _PRINTS[base] = pairs
        return pairs

    def _inputs(self, r: Renderer) -> bytes:
        """What every service's pages share, digested once per build."""
        shared = r.memo.get(self.name)
        if shared is None:
            prints = r.fingerprints
            assert prints is not None
            glossary = repr(r.site.glossary).encode()
            shared = r.memo[self.name] = prints.template("service.html") + prints.template("easy-read.html") \
                + r.globals_digest.encode() + hashlib.blake2b(glossary, digest_size=16).digest()
        return shared

    def prepare(self, r: Renderer, keys: list[int]) -> None:
        """The full records of the services to render that the build did not keep."""
        missing = [r.site.services[i].id for i in keys if r.site.services[i].id not in r.records]
        if missing:
            r.records.update(r.read_records(missing))

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        # Keep what this passes to templates in step with fingerprint().
        svc = r.records[r.site.services[key].id]
        crumbs = [(r._("Home"), "/"), (r._("A to Z"), routes.A_TO_Z)]
        yield r.page("service.html", svc.url, title=svc.name, service=svc, breadcrumbs=crumbs,
                     description=svc.summary, easy_read_url=svc.easy_read_url)
        if svc.easy_read:
            yield r.page("easy-read.html", svc.easy_read_url, title=svc.name, body=svc.easy_read,
                         standard_url=svc.url, description=svc.summary, shift=1,
                         glossary=r.site.glossary.used_in(markdown.plain_text(svc.easy_read)),
                         breadcrumbs=[(r._("Home"), "/"), (r._("Easy read"), routes.EASY_READ)])
