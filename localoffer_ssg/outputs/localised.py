"""A kind of output in another language: the same generator, with that language's renderer, its
pages put under /<code>/. Only what the language has is kept: its translated pages and services,
its home page, search and lists; everything else stays English only."""

from __future__ import annotations

from typing import Any, Hashable, Iterable, Iterator

from ..render import Output, Renderer
from .base import Generator


class Localised(Generator):
    def __init__(self, inner: Generator, code: str):
        self.inner = inner
        self.code = code
        self.name = f"{inner.name}@{code}"

    def _renderer(self, r: Renderer) -> Renderer:
        return r.languages[self.code]

    def _has(self, lr: Renderer, rel: str) -> bool:
        path = "/" + rel.removesuffix("index.html")
        return lr.versions.has(self.code, path)

    def units(self, r: Renderer) -> Iterable[Hashable]:
        return self.inner.units(self._renderer(r))

    def fingerprint(self, r: Renderer, key: Any) -> list[tuple[str, str]]:
        lr = self._renderer(r)
        return [(f"{self.code}/{rel}", digest) for rel, digest in self.inner.fingerprint(lr, key)
                if self._has(lr, rel)]

    def prepare(self, r: Renderer, keys: list[Any]) -> None:
        self.inner.prepare(self._renderer(r), keys)

    def render(self, r: Renderer, key: Any) -> Iterator[Output]:
        lr = self._renderer(r)
        for out in self.inner.render(lr, key):
            if lr.versions.has(self.code, out.path):
                yield Output(f"/{self.code}{out.path}", out.data)
