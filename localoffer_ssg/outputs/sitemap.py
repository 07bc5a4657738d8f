"""sitemap.xml: every page the generators before this one plan, each with its other language
versions (xhtml:link rel="alternate" hreflang), as search engines read them."""

from __future__ import annotations

import hashlib
from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from .base import Generator


def _pages(r: Renderer) -> list[str]:
    return sorted(path for path in ("/" + rel.removesuffix("index.html") for rel in r.planned) if path.endswith("/"))


def _versions(r: Renderer, path: str) -> list[tuple[str, str]]:
    """(hreflang, address) of every version of the page at site path `path`, x-default last;
    none when the page is in one language only."""
    if r.versions is None:
        return []
    code, _, rest = path[1:].partition("/")
    unprefixed, current = (f"/{rest}", code) if code in r.languages else (path, "")
    found = r.versions.alternates(unprefixed, current)
    return [(v.code, v.absolute) for v in found] + [("x-default", found[0].absolute)] if found else []


class Sitemap(Generator):
    name = "sitemap"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        assert r.fingerprints is not None
        made_from = r.fingerprints.template("sitemap.xml") + r.globals_digest.encode() \
            + repr([(p, _versions(r, p)) for p in _pages(r)]).encode()
        return [(routes.output_file(routes.SITEMAP), hashlib.blake2b(made_from, digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        urls = [(r.absolute(p), _versions(r, p)) for p in _pages(r)]
        xml = r.env.get_template("sitemap.xml").render(urls=urls, alternates=any(v for _, v in urls))
        yield Output(routes.SITEMAP, xml.encode("utf-8"))
