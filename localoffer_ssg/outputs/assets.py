"""Static files as they are: the theme's assets at /assets/ and the site's own static/ folder."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import cache, routes
from ..render import Output, Renderer
from .base import Generator


def _files(r: Renderer) -> dict[str, Path]:
    """Every static file by site path, listed once per build; a site's own file wins."""
    if "assets" in r.memo:
        return r.memo["assets"]
    folder = r.site.config.root / "static"
    own = {"/static/" + p.relative_to(folder).as_posix(): p
           for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}
    found = r.memo["assets"] = {**r.theme.assets, **own}
    return found


class Assets(Generator):
    name = "assets"

    def units(self, r: Renderer) -> list[str]:
        return list(_files(r))

    def fingerprint(self, r: Renderer, key: str) -> list[tuple[str, str]]:
        return [(routes.output_file(key), cache.signature(_files(r)[key].read_bytes()).hex())]

    def render(self, r: Renderer, key: str) -> Iterator[Output]:
        yield Output(key, _files(r)[key].read_bytes())
