"""Working with little data or none: the service worker at /sw.js and the page it shows for a
page this device has not kept. The worker's cache is named after a digest of everything the
site is made from, so a new build replaces pages kept from an old one."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from .. import cache, routes
from ..render import Output, Renderer
from .assets import _files
from .base import Generator

# Kept when the worker installs, before any visit: all a page needs to open, and what the
# offline page offers. Everything else is kept only once it has been visited.
SHELL = (routes.OFFLINE, routes.MY_LIST, "/assets/style.css", "/assets/print.css", "/assets/site.js",
         "/assets/mylist-page.js", "/assets/booklet.css")


def version(r: Renderer) -> str:
    """A digest of what every page is made from: settings, templates, records, pages, assets."""
    found = r.memo.get("sw_version")
    if found is None:
        # Not r.globals_digest: that includes where the site folder is, and the same content
        # built anywhere gives the same bytes.
        settings = dataclasses.replace(r.site.config, root=Path("."))
        chrome = r.env.globals["header"] + r.env.globals["footer"]
        digest = hashlib.blake2b(repr((settings, r.site.today, r.search, chrome)).encode(), digest_size=8)
        for d in r.theme.template_dirs:
            for p in sorted(d.glob("*.html")):
                digest.update(p.name.encode() + cache.signature(p.read_bytes()))
        for s in r.site.services:
            digest.update(s.record)
        for page in r.site.pages:
            digest.update(repr((page.url, page.title, page.summary, page.body)).encode())
        for path, file in _files(r).items():
            digest.update(path.encode() + cache.signature(file.read_bytes()))
        digest.update(repr(r.site.comments).encode())
        found = r.memo["sw_version"] = digest.hexdigest()
    return found


class Offline(Generator):
    name = "offline"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield r.page("offline.html", routes.OFFLINE, title=r._("You are offline"),
                     description=r._("This page has not been saved on this device."))


class ServiceWorker(Generator):
    name = "service_worker"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        assert r.fingerprints is not None
        made_from = r.fingerprints.template("sw.js") + json.dumps(self._settings(r)).encode()
        return [(routes.output_file(routes.SERVICE_WORKER), hashlib.blake2b(made_from, digest_size=16).hexdigest())]

    def _settings(self, r: Renderer) -> dict:
        settings = {"version": version(r), "base": r.url("/"), "offline": r.url(routes.OFFLINE),
                    "shell": [r.url(p) for p in SHELL], "skip": [r.url("/pagefind/")]}
        if r.languages:  # a page in another language, not kept, is answered with its offline page
            settings["offlines"] = {code: r.url(f"/{code}{routes.OFFLINE}") for code in r.languages}
            settings["shell"] += list(settings["offlines"].values())
        return settings

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        settings = self._settings(r)
        js = r.env.get_template("sw.js").render(settings=Markup(json.dumps(settings)))
        yield Output(routes.SERVICE_WORKER, js.encode("utf-8"))
