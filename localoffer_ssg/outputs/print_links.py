"""A print stylesheet made for the site: a printed link within the site writes out its full
address, which a fixed stylesheet cannot know (the site's address is in site.toml)."""

from __future__ import annotations

import hashlib
from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from .base import Generator

PATH = "/assets/print-links.css"


def _css(r: Renderer) -> bytes:
    base = r.site.config.base_url
    origin = "/".join(base.split("/")[:3]) if base.startswith("http") else ""
    quoted = origin.replace("\\", "\\\\").replace('"', '\\"')
    return (f'main a[href^="/"]::after{{content:" ({quoted}" attr(href) ")";font-size:90%;'
            f'overflow-wrap:anywhere}}\n').encode()


class PrintLinks(Generator):
    name = "print_links"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        return [(routes.output_file(PATH), hashlib.blake2b(_css(r), digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield Output(PATH, _css(r))
