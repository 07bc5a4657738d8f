"""sitemap.xml: every page the generators before this one plan."""

from __future__ import annotations

import hashlib
from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from .base import Generator


def _pages(r: Renderer) -> list[str]:
    return sorted(path for path in ("/" + rel.removesuffix("index.html") for rel in r.planned) if path.endswith("/"))


class Sitemap(Generator):
    name = "sitemap"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        assert r.fingerprints is not None
        made_from = r.fingerprints.template("sitemap.xml") + r.globals_digest.encode() \
            + "\n".join(_pages(r)).encode()
        return [(routes.output_file(routes.SITEMAP), hashlib.blake2b(made_from, digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        xml = r.env.get_template("sitemap.xml").render(urls=[r.absolute(p) for p in _pages(r)])
        yield Output(routes.SITEMAP, xml.encode("utf-8"))
