"""Each language's view of the site, and its renderer: made once per build, after the English
ones. A language has its own home page, lists and search page, and the pages and services that
have been translated; every other link goes to the English page, marked as English."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Iterator, Mapping

from . import i18n, routes
from .config import Language
from .load import RawPage, Sources
from .model import CHECKLIST, NEEDS, Listing, Service, Site, build_site, sort_key
from .render import Renderer

# What every language publishes, translated or not: the home page, search, the lists, and the
# pages made of the interface's words alone (my list, feedback, the accessibility statement, offline).
LISTS = ("/themes/", "/ages/", routes.A_TO_Z)
INTERFACE = (routes.HOME, routes.SEARCH, routes.MY_LIST, routes.FEEDBACK, routes.ACCESSIBILITY, routes.OFFLINE)
ENGLISH = "English"
PAGE_WORDS = ("summary", "description", "eligibility", "how_to_access", "cost_details", "hours")


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: what the language switch and hreflang links need."""

    code: str  # the hreflang, e.g. 'en-GB' or 'pl'
    name: str  # in its own words
    url: str
    absolute: str
    current: bool


class Versions:
    """Which site paths exist in which language, known before anything is rendered."""

    def __init__(self, english: Renderer, languages: tuple[Language, ...], translated: dict[str, set[str]]):
        self.english = english
        self.languages = languages
        self.translated = translated  # language: its translated page and service paths

    def has(self, code: str, path: str) -> bool:
        return path in self.translated[code] or path in INTERFACE or path.startswith(LISTS)

    def alternates(self, path: str, current: str) -> list[Alternate]:
        """Every version of the page at `path` (unprefixed), English first; none if only English."""
        codes = [lang for lang in self.languages if self.has(lang.code, path)]
        if not codes or path == routes.NOT_FOUND:
            return []
        e = self.english
        out = [Alternate(e.site.config.language, ENGLISH, e.url(path), e.absolute(path), current == "")]
        for lang in codes:
            there = f"/{lang.code}{path}"
            out.append(Alternate(lang.code, lang.name, e.url(there), e.absolute(there), current == lang.code))
        return out


class TranslatedRecords(Mapping[str, Service]):
    """Full service records in one language: the English record, its words replaced by the
    translation's. Reading more records reads them into the English renderer's."""

    def __init__(self, english: dict[str, Service], overlays: dict[str, dict[str, str]]):
        self.english = english
        self.overlays = overlays

    def __getitem__(self, key: str) -> Service:
        record = self.english[key]
        words = self.overlays.get(key)
        return replace(record, strong_terms=(), search_terms=(),  # families' words are English
                       **{k: v.strip() if k in ("name", "summary") else v for k, v in words.items()}) \
            if words else record

    def left_in_english(self, service: Service) -> frozenset[str]:
        """The words of a service's page that its translation leaves in English (marked so)."""
        done = self.overlays.get(service.id) or {}
        return frozenset(k for k in PAGE_WORDS if k not in done and getattr(service, k))

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)

    def update(self, more: Mapping[str, Service]) -> None:
        self.english.update(more)


def _listing(listing: Listing, words: dict[str, str] | None) -> Listing:
    if not words:
        return listing
    name, summary = words.get("name", listing.name).strip(), words.get("summary", listing.summary).strip()
    digest = hashlib.blake2b(repr(sorted(words.items())).encode(), digest_size=16).digest()
    order = sort_key(name)
    first = order[:1].upper()
    return replace(listing, name=name, summary=summary, order=(order, listing.id),
                   letter=first if first.isalpha() else "#",
                   record=hashlib.blake2b(listing.record + digest, digest_size=16).digest(),
                   fingerprint=hashlib.blake2b(listing.fingerprint + digest, digest_size=16).digest())


def site_view(site: Site, lang: Language, sources: Sources, translations: i18n.Translations,
              gettext) -> Site:
    """The site as one language shows it: its pages, its services' words, its theme titles."""
    raws = []
    for t in translations.pages:
        english = site.page_at(t.url)
        if t.lang != lang.code or english is None or english.easy_read:
            continue
        data = {"title": t.data["title"], "summary": str(t.data.get("summary") or ""), "themes": english.themes,
                "covers": english.covers, "order": english.order,
                "last_reviewed": english.last_reviewed.isoformat() if english.last_reviewed else None}
        raws.append(RawPage(t.rel, t.url, False, SimpleNamespace(data=data), t.body, 1))  # type: ignore[arg-type]
    words = {sid: t.fields() for (code, sid), t in translations.services.items() if code == lang.code}
    config = replace(site.config, language=lang.code, title=gettext(lang.title or site.config.title),
                     # descriptions stay English here: pages show them through site_words, which marks
                     # them as English where the site's catalog has no translation
                     themes=tuple(replace(t, title=gettext(t.title)) for t in site.config.themes))
    listings = [_listing(s, words.get(s.id)) for s in site.services]
    return build_site(config, Sources(pages=raws, data=sources.data), listings, site.today, None, site.history)


def attach(english: Renderer, sources: Sources, translations: i18n.Translations) -> None:
    """Make each language's renderer; the English one learns which pages have translations."""
    config = english.site.config
    if not config.languages:
        return
    translated: dict[str, set[str]] = {}
    by_id = {s.id: s for s in english.site.services}
    made = {}
    for lang in config.languages:
        catalog = i18n.catalog(lang, config.root)
        view = site_view(english.site, lang, sources, translations, catalog.gettext)
        overlays = {sid: t.fields() for (code, sid), t in translations.services.items()
                    if code == lang.code and sid in by_id}
        paths = {p.url for p in view.pages}
        for sid, words in overlays.items():
            paths.add(routes.service(sid))
            if "easy_read" in words and by_id[sid].has_easy_read:
                paths.add(routes.service_easy_read(sid))
        translated[lang.code] = paths
        made[lang.code] = (lang, view, catalog, overlays)
    versions = Versions(english, config.languages, translated)
    english.versions = versions
    # A service's English page lists its translations: their languages join its fingerprint.
    english.site.services = [replace(s, record=hashlib.blake2b(s.record + repr(
        [c for c in translated if routes.service(s.id) in translated[c]]).encode(), digest_size=16).digest())
        if any(routes.service(s.id) in p for p in translated.values()) else s for s in english.site.services]
    for code, (lang, view, catalog, overlays) in made.items():
        records = TranslatedRecords(english.records, overlays)
        english.languages[code] = Renderer(
            view, english.theme, english.search, records,  # type: ignore[arg-type]
            english.compiled, english.read_records, language=lang, catalog=catalog, versions=versions,
            words={"your_language": english.env.globals["your_language"], "left_in_english": records.left_in_english,
                   "needs": {k: catalog.gettext(v) for k, v in NEEDS.items()},
                   "checklist": {k: catalog.gettext(v) for k, v in CHECKLIST.items()}})
