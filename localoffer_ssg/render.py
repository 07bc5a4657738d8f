"""What every generator shares while rendering: the Jinja environment, URL building, icons, the
Markdown filter and the header and footer, made once per build (the kinds are in outputs/)."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    select_autoescape)
from markupsafe import Markup

from . import markdown, routes
from .cache import Fingerprints
from .model import CHECKLIST, NEEDS, Service, Site
from .theme import Theme


@dataclass(frozen=True)
class Output:
    path: str  # site path, e.g. '/services/x/' or '/sitemap.xml'
    data: bytes


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def ages(low: int, high: int) -> str:
    return f"{low} to {high} years" if low != high else f"{low} years"


class Renderer:
    """Renders pages from the site model for every generator. `records` holds the full record of
    each service whose own pages are to be rendered (the model keeps only what lists show), and
    `read_records` reads more of them by id."""

    def __init__(self, site: Site, theme: Theme, search: bool = True, records: dict[str, Service] | None = None,
                 compiled: Path | None = None,
                 read_records: Callable[[list[str]], Mapping[str, Service]] | None = None):
        self.fingerprints: Fingerprints | None = None
        self.search = search
        self.site = site
        self.records = records if records is not None else {}
        self.read_records = read_records or (lambda ids: {})
        self.planned: list[str] = []  # output files planned so far (see outputs.plan)
        self.memo: dict[str, Any] = {}  # what a generator works out once per build, by its name
        self._base_path = site.config.base_path
        self.theme = theme
        config = site.config
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=select_autoescape(["html", "xml"], default_for_string=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            # compiled templates kept between builds (keyed by their source): a small rebuild
            # would otherwise spend most of its time compiling them
            bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
            auto_reload=False,  # a build renders with the templates it started with
        )
        # url and icon are filters as well as functions: a template calls a filter directly, a
        # function through the context, at several times the cost on every page. pass_context
        # keeps Jinja from working out `'/x'|url` once at compile time: compiled templates are
        # cached between builds, and the base path may differ.
        self.env.filters.update(markdown=self._markdown, long_date=long_date,
                                url=pass_context(lambda _, path: self.url(path)),
                                icon=pass_context(lambda _, name: self.icon(name)),
                                ages=lambda record: ages(record.age_min, record.age_max))
        self.env.globals.update(
            url=self.url, icon=self.icon, site=config, routes=routes, needs=NEEDS,
            checklist=CHECKLIST, themes=config.themes, theme_titles={t.key: t.title for t in config.themes},
            area_titles={a.key: a.title for a in config.areas}, age_bands=routes.AGE_BANDS,
            ages=ages, today=site.today, search_enabled=search,
        )
        # The header and footer are the same on every page: rendered once, not once a page.
        self.env.globals.update({name: Markup(self.env.get_template(f"_{name}.html").render())
                                 for name in ("header", "footer")})

    def url(self, path: str) -> str:
        return self._base_path + path.lstrip("/")

    def absolute(self, path: str) -> str:
        return self.site.config.base_url.rstrip("/") + "/" + path.lstrip("/") \
            if self.site.config.base_url.startswith("http") else self.url(path)

    def icon(self, name: str) -> Markup:
        return Markup(self.theme.icon(name)) if self.site.config.icons else Markup("")

    def _markdown(self, text: str, shift: int = 0, pictures: bool = False) -> Markup:
        return Markup(markdown.to_html(text or "", self._base_path, shift, pictures))

    def page(self, template: str, path: str, **context: Any) -> Output:
        context.setdefault("breadcrumbs", [])
        context.setdefault("description", "")
        context.setdefault("easy_read_url", "")
        context.setdefault("standard_url", "")
        if self.fingerprints is not None:  # what the page is made from, instead of the page
            digest = self.fingerprints.page(template, {**context, "path": path, "": self.globals_digest})
            return Output(path, digest.encode())
        html = self.env.get_template(template).render(path=path, canonical=self.absolute(path), **context)
        return Output(path, html.encode("utf-8"))

    @cached_property
    def globals_digest(self) -> str:
        """Everything every page may use besides its own context: settings, date, icons, and
        the header and footer made from them."""
        icons = b"".join(p.read_bytes() for d in self.theme.template_dirs
                         for p in sorted((d / "icons").glob("*.svg")))
        chrome = (self.env.globals["header"] + self.env.globals["footer"]).encode()
        return hashlib.blake2b(repr((self.site.config, self.site.today, self.search)).encode() + icons + chrome,
                               digest_size=16).hexdigest()

    @contextmanager
    def fingerprinting(self) -> Iterator[Fingerprints]:
        """While active, page() returns what a page is made from instead of the page."""
        self.fingerprints = Fingerprints(self.env)
        try:
            yield self.fingerprints
        finally:
            self.fingerprints = None
