"""/assets/search-words.json: how the search page reads a family's sentence (stop words,
spellings, everyday phrases), from the engine's list, the site's own and the families' words."""

from __future__ import annotations

import hashlib
import json
from typing import Iterator

from .. import routes
from ..render import Output, Renderer
from ..searchwords import words
from .base import Generator

PATH = "/assets/search-words.json"
__all__ = ["SearchWords", "words"]


def _data(r: Renderer) -> bytes:
    if "search_words" not in r.memo:
        r.memo["search_words"] = json.dumps(words(r.site.config.root), ensure_ascii=False,
                                            separators=(",", ":"), sort_keys=True).encode()
    return r.memo["search_words"]


class SearchWords(Generator):
    name = "search_words"

    def units(self, r: Renderer) -> tuple[int, ...]:
        return (0,) if r.search else ()

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        return [(routes.output_file(PATH), hashlib.blake2b(_data(r), digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield Output(PATH, _data(r))
