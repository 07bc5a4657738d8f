"""What every generator shares while rendering: the Jinja environment, URL building, icons, the
Markdown filter and the header and footer, made once per build (the kinds are in outputs/)."""

from __future__ import annotations

import gettext
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    select_autoescape)
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from . import i18n, markdown, routes
from .cache import Fingerprints
from .config import Language
from .model import CHECKLIST, NEEDS, Service, Site
from .theme import Theme


YOUR_LANGUAGE = "/your-language/"  # the page on getting information in another language, when a site has it


@dataclass(frozen=True)
class Output:
    path: str  # site path, e.g. '/services/x/' or '/sitemap.xml'
    data: bytes


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def ages(low: int, high: int) -> str:
    return f"{low} to {high} years" if low != high else f"{low} years"


def _fast_gettext(catalog: gettext.NullTranslations) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` for templates: the string from `catalog`, made safe, with
    the named values put in escaped (what Jinja's i18n extension does with newstyle=True)."""
    lookup, plural = catalog.gettext, catalog.ngettext

    def text(message: str, /, **values: Any) -> Markup:
        return Markup(lookup(message)) % values  # always: '%%' is how a catalog string says '%'

    def plural_text(singular: str, plural_form: str, count: int, /, **values: Any) -> Markup:
        values.setdefault("num", count)
        return Markup(plural(singular, plural_form, count)) % values

    made: dict[str, Markup] = {}

    @pass_context  # so that Jinja does not work it out at compile time: compiled templates serve every language
    def literal(_context: Any, message: str) -> Markup:
        found = made.get(message)
        if found is None:
            found = made[message] = text(message)
        return found

    return {"_": text, "gettext": text, "ngettext": plural_text, LITERAL: literal}


LITERAL = "_literal_gettext"  # the filter `_("Plain words")` becomes (see Literals)


class Literals(Extension):
    """`_("Plain words")` with no values, most of a page's strings, compiled as a call of the
    filter LITERAL, which gives the same string once made: Jinja calls a filter directly, but
    a function through the template context, at several times the cost."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        i, before = 0, None
        while i < len(tokens):
            token = tokens[i]
            if token.type == "name" and token.value in ("_", "gettext") and before != "dot" \
                    and [t.type for t in tokens[i + 1:i + 4]] == ["lparen", "string", "rparen"]:
                line = token.lineno
                yield from (Token(line, "lparen", "("), tokens[i + 2], Token(line, "pipe", "|"),
                            Token(line, "name", LITERAL), Token(line, "rparen", ")"))
                i, before = i + 4, "rparen"
                continue
            yield token
            i, before = i + 1, token.type


def script_words(words: dict[str, Any]) -> Markup:
    """The attribute a script reads its words from, on a page in another language."""
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    # In single quotes, so that the JSON's many double quotes need no escaping.
    return Markup(" data-i18n='%s'" % text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;"))


def _site_words(catalog: gettext.NullTranslations) -> Callable[[str], Markup]:
    """`site_words` for templates in another language: words from site.toml, as the site's own
    catalog translates them, or marked as English where it does not."""
    def site_words(text: str) -> Markup:
        said = catalog.gettext(text)
        return Markup("%s") % said if said != text else Markup('<span lang="en">%s</span>') % text
    return site_words


def _counted(catalog: gettext.NullTranslations, code: str) -> Callable[..., dict[str, str]]:
    """`counted` for templates: a count's words for each plural category of the language (CLDR,
    as a script's Intl.PluralRules names them), with `{n}` where the number goes."""
    from babel import Locale
    rule = Locale.parse(code).plural_form
    samples: dict[str, int] = {}
    for n in range(1000):  # the first number of each category, to ask the catalog with
        samples.setdefault(rule(n), n)
    samples.setdefault("other", 5)  # a script falls back on it; in some languages only fractions are "other"

    def counted(singular: str, plural_form: str, /, **values: str) -> dict[str, str]:
        values = {"num": "{n}", **values}
        return {category: catalog.ngettext(singular, plural_form, n) % values for category, n in samples.items()}
    return counted


class Renderer:
    """Renders pages from the site model for every generator. `records` holds the full record of
    each service whose own pages are to be rendered (the model keeps only what lists show), and
    `read_records` reads more of them by id. A renderer for another language (`language`) has
    that language's catalog and site view, and renders each page at its unprefixed path: the
    Localised generators put it under /<code>/."""

    def __init__(self, site: Site, theme: Theme, search: bool = True, records: dict[str, Service] | None = None,
                 compiled: Path | None = None,
                 read_records: Callable[[list[str]], Mapping[str, Service]] | None = None,
                 language: Language | None = None, catalog: gettext.NullTranslations | None = None,
                 versions: Any = None, words: dict[str, Any] | None = None):
        self.language = language
        self.versions = versions  # languages.Versions, when the site has other languages
        self.languages: dict[str, Renderer] = {}  # the English renderer's, by code
        self.compiled = compiled
        catalog = catalog or gettext.NullTranslations()
        self._ = catalog.gettext  # for generators' titles; English is the source
        self.ngettext = catalog.ngettext
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
            extensions=["jinja2.ext.i18n", Literals],
        )
        self.env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
        # The same as Jinja's new-style gettext for the templates here (all HTML or XML, so always
        # escaped), as plain functions: a template calls its context's functions at several times
        # the cost, and a page asks for some thirty strings.
        fast = _fast_gettext(catalog)
        self.env.filters[LITERAL] = fast.pop(LITERAL)
        self.env.globals.update(fast)
        self._catalog_digest = repr(sorted(getattr(catalog, "_catalog", {}).items(), key=repr)).encode() if language else b""
        # url and icon are filters as well as functions: a template calls a filter directly, a
        # function through the context, at several times the cost on every page. pass_context
        # keeps Jinja from working out `'/x'|url` once at compile time: compiled templates are
        # cached between builds, and the base path may differ.
        self.env.filters.update(markdown=self._markdown, long_date=long_date,
                                url=pass_context(lambda _, path: self.url(path)),
                                icon=pass_context(lambda _, name: self.icon(name)),
                                ages=lambda record: ages(record.age_min, record.age_max),
                                in_english=pass_context(lambda _, path: self.in_english(path)))
        self.env.globals.update(
            url=self.url, icon=self.icon, site=config, routes=routes, needs=NEEDS,
            checklist=CHECKLIST, themes=config.themes, theme_titles={t.key: t.title for t in config.themes},
            area_titles={a.key: a.title for a in config.areas}, age_bands=routes.AGE_BANDS,
            ages=ages, today=site.today, search_enabled=search, dir=language.dir if language else "ltr",
            your_language=YOUR_LANGUAGE if YOUR_LANGUAGE in site.page_urls else "", translated=False,
            script_words=script_words, site_words=str,
        )
        if language is not None:
            code = language.code
            self.env.filters.update(long_date=lambda day: i18n.long_date(day, code),
                                    ages=lambda record: self.ages(record.age_min, record.age_max))
            # Scripts take their words from the page in another language (data-i18n), and
            # have English built in: English pages carry none.
            self.env.globals.update(ages=self.ages, translated=True, counted=_counted(catalog, code),
                                    site_words=_site_words(catalog),
                                    **(words or {}))
        # The header, the footer and listen.js's words are the same on every page: rendered once,
        # not once a page.
        self.env.globals.update({name: Markup(self.env.get_template(f"_{name}.html").render())
                                 for name in ("header", "footer", "listen_words")})

    def url(self, path: str) -> str:
        if self.language is not None and self.versions.has(self.language.code, path):
            return f"{self._base_path}{self.language.code}/{path.lstrip('/')}"
        return self._base_path + path.lstrip("/")

    def in_english(self, path: str) -> Markup:
        """' lang="en"' on a link, in another language, to a page that exists only in English."""
        if self.language is None or self.versions.has(self.language.code, path):
            return Markup("")
        return Markup(' lang="en"')

    def ages(self, low: int, high: int) -> str:
        if low == high:
            return self.ngettext("%(num)d year", "%(num)d years", low) % {"num": low}
        return self.ngettext("%(low)d to %(high)d year", "%(low)d to %(high)d years", high) % {"low": low,
                                                                                              "high": high}

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
        context.setdefault("alternates", self.versions.alternates(path, self.language.code if self.language else "")
                           if self.versions is not None else ())
        if self.fingerprints is not None:  # what the page is made from, instead of the page
            digest = self.fingerprints.page(template, {**context, "path": path, "": self.globals_digest})
            return Output(path, digest.encode())
        canonical = self.absolute(f"{self.language.code}{path}" if self.language else path)
        html = self.env.get_template(template).render(path=path, canonical=canonical, **context)
        return Output(path, html.encode("utf-8"))

    @cached_property
    def globals_digest(self) -> str:
        """Everything every page may use besides its own context: settings, date, icons, and
        the header and footer made from them."""
        icons = b"".join(p.read_bytes() for d in self.theme.template_dirs
                         for p in sorted((d / "icons").glob("*.svg")))
        chrome = (self.env.globals["header"] + self.env.globals["footer"]).encode()
        return hashlib.blake2b(repr((self.site.config, self.site.today, self.search)).encode() + icons + chrome
                               + self._catalog_digest, digest_size=16).hexdigest()

    @contextmanager
    def fingerprinting(self) -> Iterator[Fingerprints]:
        """While active, page() returns what a page is made from instead of the page."""
        self.fingerprints = Fingerprints(self.env)
        for other in self.languages.values():
            other.fingerprints = Fingerprints(other.env)
        try:
            yield self.fingerprints
        finally:
            self.fingerprints = None
            for other in self.languages.values():
                other.fingerprints = None
