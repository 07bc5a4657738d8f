"""Render phase: the site model in, (site path, bytes) pairs out; one function per page kind."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    select_autoescape)
from markupsafe import Markup

from . import markdown, routes
from .cache import Fingerprints
from .model import CHECKLIST, NEEDS, Page, Service, Site
from .theme import Theme


@dataclass(frozen=True)
class Output:
    path: str  # site path, e.g. '/services/x/' or '/sitemap.xml'
    data: bytes


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def ages(low: int, high: int) -> str:
    return f"{low} to {high} years" if low != high else f"{low} years"


# A service's page fingerprints by everything they are made from: `serve` rebuilds in one
# process, and most services are the same from one rebuild to the next.
_SERVICE_PRINTS: dict[bytes, list[tuple[str, str]]] = {}


class Renderer:
    """Renders pages from the site model; `records` holds the full record of every service whose
    own pages are to be rendered (the model itself keeps only what lists show)."""

    def __init__(self, site: Site, theme: Theme, search: bool = True, records: Mapping[str, Service] | None = None,
                 compiled: Path | None = None):
        self.fingerprints: Fingerprints | None = None
        self.search = search
        self.site = site
        self.records = records if records is not None else {}
        self._service_inputs: bytes | None = None
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

    def fingerprint(self, units: list[Unit]) -> dict[Unit, list[tuple[str, str]]]:
        """For each unit, the (output file, fingerprint) pairs it would write."""
        self.fingerprints = Fingerprints(self.env)
        try:
            return {unit: self._service_prints(unit[1]) if unit[0] == "services" else
                    [(routes.output_file(o.path), o.data.decode()) for o in self.render([unit])]
                    for unit in units}
        finally:
            self.fingerprints = None

    def _service_prints(self, index: int) -> list[tuple[str, str]]:
        """A service's own pages are made from its record, the globals, their templates and the
        glossary (see services()): digesting those is much quicker than building the context."""
        assert self.fingerprints is not None
        listing = self.site.services[index]
        if self._service_inputs is None:
            prints = self.fingerprints
            glossary = repr(self.site.glossary).encode()
            self._service_inputs = prints.template("service.html") + prints.template("easy-read.html") \
                + self.globals_digest.encode() + hashlib.blake2b(glossary, digest_size=16).digest()
        base = self._service_inputs + listing.record
        pairs = _SERVICE_PRINTS.get(base)
        if pairs is None:
            pairs = [(routes.output_file(listing.url), hashlib.blake2b(base + b"page", digest_size=16).hexdigest())]
            if listing.has_easy_read:
                pairs.append((routes.output_file(listing.easy_read_url),
                              hashlib.blake2b(base + b"easy", digest_size=16).hexdigest()))
            if len(_SERVICE_PRINTS) > 200_000:
                _SERVICE_PRINTS.clear()
            _SERVICE_PRINTS[base] = pairs
        return pairs

    def crumbs(self, page: Page) -> list[tuple[str, str]]:
        trail = [("Home", "/")]
        parts = page.url.strip("/").split("/")
        for depth in range(1, len(parts)):
            parent = self.site.page_at("/" + "/".join(parts[:depth]) + "/")
            if parent and parent.url != page.url:
                trail.append((parent.title, parent.url))
        return trail

    # One method per kind of page. Each yields Outputs.

    def home(self) -> Iterator[Output]:
        intro = self.site.page_at("/")
        yield self.page("home.html", "/", title=self.site.config.title, intro=intro,
                        guides=[g for g in self.site.guides if g.url != "/"],
                        description=intro.summary if intro else "")

    def services(self, index: int) -> Iterator[Output]:
        # Keep what this passes to templates in step with _service_prints.
        svc = self.records[self.site.services[index].id]
        crumbs = [("Home", "/"), ("A to Z", routes.A_TO_Z)]
        yield self.page("service.html", svc.url, title=svc.name, service=svc, breadcrumbs=crumbs,
                        description=svc.summary, easy_read_url=svc.easy_read_url)
        if svc.easy_read:
            yield self.page("easy-read.html", svc.easy_read_url, title=svc.name, body=svc.easy_read,
                            standard_url=svc.url, description=svc.summary, shift=1,
                            glossary=self.site.glossary.used_in(markdown.plain_text(svc.easy_read)),
                            breadcrumbs=[("Home", "/"), ("Easy read", routes.EASY_READ)])

    def themes(self, at: tuple[int, int]) -> Iterator[Output]:
        theme = self.site.themes[at[0]]
        services = self.site.by_theme[theme.key]
        pager = Pager.of(routes.theme(theme.key), len(services), at[1])
        yield self.page("theme.html", pager.url, title=theme.title, theme=theme, pager=pager,
                        services=services[pager.start:pager.end], total=len(services),
                        guides=self.site.pages_by_theme[theme.key] if pager.number == 1 else [],
                        description=theme.description, breadcrumbs=[("Home", "/")])

    def a_to_z(self) -> Iterator[Output]:
        one_page = len(self.site.services) <= routes.A_TO_Z_ONE_PAGE
        yield self.page("a-z.html", routes.A_TO_Z, title="Services A to Z", letters=self.site.by_letter,
                        one_page=one_page, breadcrumbs=[("Home", "/")],
                        description=f"Every service in the {self.site.config.title}, A to Z.")

    def letters(self, at: tuple[int, int]) -> Iterator[Output]:
        key = list(self.site.by_letter)[at[0]]
        services = self.site.by_letter[key]
        pager = Pager.of(routes.letter(key), len(services), at[1])
        yield self.page("letter.html", pager.url, title=f"Services A to Z: {key}", letter=key, pager=pager,
                        services=services[pager.start:pager.end], total=len(services),
                        breadcrumbs=[("Home", "/"), ("A to Z", routes.A_TO_Z)],
                        description=f"Services starting with {key}.")

    def age_bands(self, at: tuple[int, int]) -> Iterator[Output]:
        band = routes.AGE_BANDS[at[0]]
        services = self.site.by_band[band.key]
        pager = Pager.of(routes.age_band(band), len(services), at[1])
        yield self.page("age.html", pager.url, title=f"Support for ages {band.min} to {band.max}",
                        band=band, pager=pager, services=services[pager.start:pager.end], total=len(services),
                        breadcrumbs=[("Home", "/")],
                        description=f"Services for children and young people aged {band.min} to {band.max}.")

    def pages(self, index: int) -> Iterator[Output]:
        page = self.site.pages[index]
        if page.url in ("/", routes.EASY_READ):
            return
        if page.easy_read:
            yield self.page("easy-read.html", page.url, title=page.title, body=page.body, page=page,
                            standard_url=page.url.removesuffix("easy-read/"), description=page.summary,
                            shift=0, glossary=self.site.glossary.used_in(markdown.plain_text(page.body)),
                            breadcrumbs=[("Home", "/"), ("Easy read", routes.EASY_READ)])
            return
        children = [p for p in self.site.pages if not p.easy_read and p.url != page.url
                    and p.url.startswith(page.url) and p.depth == page.depth + 1]
        easy = page.url + "easy-read/"
        yield self.page("page.html", page.url, title=page.title, page=page, children=children,
                        breadcrumbs=self.crumbs(page), description=page.summary,
                        easy_read_url=easy if easy in self.site.page_urls else "")

    def fixed(self) -> Iterator[Output]:
        home = [("Home", "/")]
        intro = self.site.page_at(routes.EASY_READ)
        yield self.page("easy-read-index.html", routes.EASY_READ, title="Easy read", intro=intro,
                        pages=self.site.easy_read_pages,
                        services=[s for s in self.site.services if s.has_easy_read], breadcrumbs=home,
                        description="Easy read pages: short words, short sentences and pictures.")
        yield self.page("search.html", routes.SEARCH, title="Search", breadcrumbs=home,
                        description="Search for services and information.")
        yield self.page("feedback.html", routes.FEEDBACK, title="Tell us what you think", breadcrumbs=home,
                        description="Give feedback about the Local Offer.")
        yield self.page("accessibility.html", routes.ACCESSIBILITY, title="Accessibility statement",
                        breadcrumbs=home, description="How accessible this website is and how to "
                        "get the information in another way.")
        yield self.page("you-said-we-did.html", routes.YOU_SAID_WE_DID, title="You said, we did",
                        years=self.site.comments, breadcrumbs=home,
                        description="What families and young people told us about the Local Offer, "
                        "and what we did about it.")
        yield self.page("covers.html", routes.COVERS, title="What the Local Offer includes",
                        topics=self.site.by_topic, breadcrumbs=home,
                        description="Where to find each part of the Local Offer that the law asks for.")
        yield self.page("404.html", routes.NOT_FOUND, title="Page not found")

    def sitemap_print(self, paths: list[str]) -> str:
        """What the sitemap of `paths` is made from, to tell whether it needs writing again."""
        template = Fingerprints(self.env).template("sitemap.xml")
        made_from = template + self.globals_digest.encode() + "\n".join(sorted(paths)).encode()
        return hashlib.blake2b(made_from, digest_size=16).hexdigest()

    def sitemap(self, paths: list[str]) -> Output:
        xml = self.env.get_template("sitemap.xml").render(
            urls=[self.absolute(p) for p in sorted(paths) if p.endswith("/")])
        return Output(routes.SITEMAP, xml.encode("utf-8"))

    def units(self) -> list[Unit]:
        """Every piece of rendering work: one per service, theme, band and page, and the rest."""
        site = self.site
        lists = [("themes", i, len(site.by_theme[t.key])) for i, t in enumerate(site.themes)]
        lists += [("age_bands", i, len(site.by_band[b.key])) for i, b in enumerate(routes.AGE_BANDS)]
        if len(site.services) > routes.A_TO_Z_ONE_PAGE:
            lists += [("letters", i, len(group)) for i, group in enumerate(site.by_letter.values())]
        return [("home", 0), *(("services", i) for i in range(len(site.services))),
                *((kind, (i, n)) for kind, i, size in lists for n in range(1, Pager.count(size) + 1)),
                ("a_to_z", 0), *(("pages", i) for i in range(len(site.pages))), ("fixed", 0)]

    def render(self, units: Iterable[Unit]) -> Iterator[Output]:
        for kind, index in units:
            method = getattr(self, kind)
            yield from (method(index) if kind in _INDEXED else method())


Unit = tuple[str, Any]  # (Renderer method, which item: an index, or (list, page number))
_INDEXED = {"services", "themes", "age_bands", "letters", "pages"}


@dataclass(frozen=True)
class Pager:
    """One page of a long list, and the addresses of all its pages."""

    path: str  # the list's first page
    number: int
    pages: int
    size: int

    @staticmethod
    def count(total: int) -> int:
        return max(1, -(-total // routes.LIST_PAGE_SIZE))

    @classmethod
    def of(cls, path: str, total: int, number: int) -> "Pager":
        return cls(path, number, cls.count(total), total)

    @property
    def url(self) -> str:
        return routes.paged(self.path, self.number)

    @property
    def start(self) -> int:
        return (self.number - 1) * routes.LIST_PAGE_SIZE

    @property
    def end(self) -> int:
        return min(self.start + routes.LIST_PAGE_SIZE, self.size)

    @property
    def links(self) -> list[tuple[int, str]]:
        return [(n, routes.paged(self.path, n)) for n in range(1, self.pages + 1)]
