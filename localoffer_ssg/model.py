"""Model phase: typed records built from validated data, and the collections pages list."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace

from . import geography, markdown, routes
from .config import Config, Theme
from .glossary import Glossary
from .history import History, links
from .load import Sources
from .synonyms import Synonyms
from .validate import PUBLISHED, add_months

NEEDS = {
    "communication-and-interaction": "Communication and interaction",
    "cognition-and-learning": "Cognition and learning",
    "social-emotional-mental-health": "Social, emotional and mental health",
    "sensory-physical": "Sensory and physical needs",
}

CHECKLIST = {
    "education-health-care-provision": "Education, health and care provision, in and outside the area",
    "identifying-and-assessing": "Identifying and assessing SEN, and asking for an EHC needs assessment",
    "other-education": "Other education, such as sports and arts",
    "training": "Training, apprenticeships and supported internships",
    "travel": "Travel to and from school, college and early years settings",
    "transitions-and-adulthood": "Moving between phases and preparing for adulthood",
    "information-advice-support": "Information, advice and support, childcare and leisure",
    "complaints-and-disagreements": "Complaints, disagreements, mediation and tribunal appeals",
    "comments-and-responses": "Comments on the Local Offer and our response",
    "offline-access": "Getting this information without the internet",
}

CONTENTS_FROM = 4  # `##` sections a page needs before it gets a contents list


@dataclass(frozen=True)
class Location:
    name: str
    address: str = ""
    postcode: str = ""
    accessibility: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    # How the point was found: 'exact' (given in the record), 'sector' or 'district' (the centre
    # of its postcode's sector or district, from the shipped table), or '' when it is not known.
    precision: str = ""

    @property
    def map_url(self) -> str:
        if self.precision != "exact":  # a postcode's centre is not the door: look the address up
            where = ", ".join(part for part in (self.address, self.postcode) if part)
            return geography.map_search(where) if where else ""
        return geography.map_link(self.latitude, self.longitude)


@dataclass(frozen=True)
class ServiceContact:
    name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""

    @property
    def phone_href(self) -> str:
        return markdown.tel_href(self.phone)


@dataclass(frozen=True)
class Service:
    id: str
    rel: str
    name: str
    summary: str
    description: str
    themes: tuple[str, ...]
    age_min: int
    age_max: int
    contact: ServiceContact
    last_reviewed: dt.date
    review_due: dt.date
    organisation: str = ""
    needs: tuple[str, ...] = ()
    eligibility: str = ""
    how_to_access: str = ""
    cost_free: bool | None = None
    cost_details: str = ""
    locations: tuple[Location, ...] = ()
    hours: str = ""
    languages: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    status: str = "active"
    easy_read: str = ""
    keywords: tuple[str, ...] = ()
    # Families' words for what the page says: `strong` for its name and keywords, `search_terms`
    # for the rest, so a search ranks the service named for a thing above ones that mention it.
    strong_terms: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()
    # From git, set when the page is rendered (Site.dated): not part of the cached record.
    last_updated: dt.date | None = None
    history_url: str = ""
    edit_url: str = ""
    # Stands for all of the above when the build cache compares what pages were made from.
    fingerprint: bytes = field(default=b"", compare=False, repr=False)

    @property
    def url(self) -> str:
        return routes.service(self.id)

    @property
    def age_bands(self) -> list[routes.AgeBand]:
        return [b for b in routes.AGE_BANDS if b.overlaps(self.age_min, self.age_max)]

    @property
    def easy_read_url(self) -> str:
        return routes.service_easy_read(self.id) if self.easy_read else ""


@dataclass(frozen=True)
class Listing:
    """What lists show of a service: all a build needs to keep of a record it does not render."""

    id: str
    name: str
    summary: str
    themes: tuple[str, ...]
    age_min: int
    age_max: int
    cost_free: bool | None
    status: str
    review_due: dt.date
    has_easy_read: bool
    needs: tuple[str, ...]
    areas: tuple[str, ...]
    covers: tuple[str, ...]
    places: tuple[tuple[float, float, str], ...]  # (latitude, longitude, precision) of each located place
    record: bytes = field(compare=False, repr=False)  # the full record's fingerprint
    fingerprint: bytes = field(default=b"", compare=False, repr=False)
    # Worked out once, as every build sorts and groups every listing:
    order: tuple[str, str] = field(default=("", ""), compare=False, repr=False)
    letter: str = field(default="", compare=False, repr=False)
    bands: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def of(cls, svc: Service) -> "Listing":
        keys = lambda values: tuple(map(sys.intern, values))  # noqa: E731 (shared, they pickle once)
        shown = (svc.id, svc.name, svc.summary, keys(svc.themes), svc.age_min, svc.age_max, svc.cost_free,
                 sys.intern(svc.status), svc.review_due, bool(svc.easy_read), keys(svc.needs), keys(svc.areas),
                 keys(svc.covers),
                 tuple((p.latitude, p.longitude, p.precision) for p in svc.locations if p.precision))
        order = sort_key(svc.name)
        first = order[:1].upper()
        return cls(*shown, record=svc.fingerprint,
                   fingerprint=hashlib.blake2b(repr(shown).encode(), digest_size=16).digest(),
                   order=(order, svc.id), letter=first if first.isalpha() else "#",
                   bands=tuple(b.key for b in routes.AGE_BANDS if b.overlaps(svc.age_min, svc.age_max)))

    @property
    def url(self) -> str:
        return routes.service(self.id)

    @property
    def easy_read_url(self) -> str:
        return routes.service_easy_read(self.id) if self.has_easy_read else ""


@dataclass(frozen=True)
class Page:
    rel: str
    url: str
    easy_read: bool
    title: str
    body: str
    summary: str = ""
    last_reviewed: dt.date | None = None
    themes: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    order: int = 100
    strong_terms: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()
    sections: tuple[markdown.Section, ...] = ()  # the body's `##` headings: id and title
    last_updated: dt.date | None = None  # from git, with the links below
    history_url: str = ""
    edit_url: str = ""

    @property
    def depth(self) -> int:
        return self.url.count("/") - 1

    @property
    def contents(self) -> tuple[markdown.Section, ...]:
        """The sections a contents list shows: only long pages need one."""
        return self.sections if len(self.sections) >= CONTENTS_FROM else ()


@dataclass(frozen=True)
class Comment:
    you_said: str
    we_did: str
    link: str = ""


@dataclass(frozen=True)
class CommentsYear:
    year: str
    published: dt.date
    summary: str
    items: tuple[Comment, ...]


@dataclass
class Site:
    config: Config
    today: dt.date
    services: list[Listing]  # published only, sorted by name
    pages: list[Page]  # sorted by order then title
    by_theme: dict[str, list[Listing]] = field(default_factory=dict)
    pages_by_theme: dict[str, list[Page]] = field(default_factory=dict)
    by_band: dict[str, list[Listing]] = field(default_factory=dict)
    by_letter: dict[str, list[Listing]] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)
    comments: list["CommentsYear"] = field(default_factory=list)  # you said, we did
    by_topic: dict[str, tuple[list[Page], list[Listing]]] = field(default_factory=dict)
    history: History = field(default_factory=History)  # from git: when each file last changed

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self.config.themes

    @property
    def page_urls(self) -> set[str]:
        return {p.url for p in self.pages}

    def page_at(self, url: str) -> Page | None:
        return next((p for p in self.pages if p.url == url), None)

    @property
    def guides(self) -> list[Page]:
        """Top-level standard pages, for the home page and navigation."""
        return [p for p in self.pages if not p.easy_read and p.depth == 1]

    @property
    def easy_read_pages(self) -> list[Page]:
        return [p for p in self.pages if p.easy_read and p.url != routes.EASY_READ]

    def git_facts(self, rel: str) -> dict:
        """What git says of one site file: its last commit's date and its history and edit links."""
        history_url, edit_url = links(self.config, self.history.prefix, rel)
        return {"last_updated": self.history.dates.get(rel), "history_url": history_url, "edit_url": edit_url}

    def dated(self, services: dict[str, Service]) -> dict[str, Service]:
        """Full records with what git says of their files, for their own pages."""
        if not (self.history.dates or self.config.repo_url):
            return services
        return {key: replace(s, **self.git_facts(s.rel)) for key, s in services.items()}


def make_service(raw, review_months: int, words: Synonyms | None, context: str) -> Service:
    """The record for one valid service file. `context` stands for the settings it was made with;
    families' words (`words`) are only looked for when the site has search."""
    d = raw.source.data
    reviewed = dt.date.fromisoformat(d["last_reviewed"])
    cost = d.get("cost") or {}
    name, keywords = d["name"].strip(), tuple(d.get("keywords", ()))
    summary, description = d["summary"].strip(), d["description"]
    eligibility, how_to_access = d.get("eligibility", ""), d.get("how_to_access", "")
    strong = weak = ()
    if words is not None:
        named = "\n".join((name, *keywords))
        strong = tuple(dict.fromkeys(keywords + words.expand(named)))
        weak = tuple(t for t in words.expand("\n".join((summary, description, eligibility, how_to_access)))
                     if t not in strong and t.casefold() not in named.casefold())
    return Service(
        id=raw.id, rel=raw.rel, name=name, summary=summary,
        description=description, themes=tuple(d["themes"]),
        age_min=d["age_range"]["min"], age_max=d["age_range"]["max"],
        contact=ServiceContact(**{k: str(v).strip() for k, v in d["contact"].items()}),
        last_reviewed=reviewed, review_due=add_months(reviewed, review_months),
        organisation=d.get("organisation", ""), needs=tuple(d.get("needs", ())),
        eligibility=eligibility, how_to_access=how_to_access,
        cost_free=cost.get("free"), cost_details=cost.get("details", ""),
        locations=tuple(_location(loc) for loc in d.get("locations") or ()),
        hours=d.get("hours", ""), languages=tuple(d.get("languages", ())),
        areas=tuple(d.get("areas", ())), covers=tuple(d.get("covers", ())),
        status=d.get("status", "active"), easy_read=d.get("easy_read", ""),
        keywords=keywords, strong_terms=strong, search_terms=weak,
        fingerprint=hashlib.blake2b(raw.digest + f"{raw.rel}|{context}".encode(), digest_size=16).digest(),
    )


def _location(loc: dict) -> Location:
    """A place, with its map position: its own when given, else its postcode's centre."""
    lat, lon = loc.get("latitude"), loc.get("longitude")
    precision = "exact" if lat is not None and lon is not None else ""
    if not precision and loc.get("postcode"):
        point = geography.locate(loc["postcode"])  # the table is read on the first such place
        if point is not None:
            lat, lon, precision = point.latitude, point.longitude, point.precision
    return Location(**{**loc, "accessibility": tuple(loc.get("accessibility", ())),
                       "latitude": lat if precision else None, "longitude": lon if precision else None,
                       "precision": precision})


def _page(raw, d: dict) -> Page:
    reviewed = d.get("last_reviewed")
    return Page(rel=raw.rel, url=raw.url, easy_read=raw.easy_read, title=d["title"].strip(),
                body=raw.body, summary=d.get("summary", ""),
                last_reviewed=dt.date.fromisoformat(reviewed) if reviewed else None,
                themes=tuple(d.get("themes", ())), covers=tuple(d.get("covers", ())),
                order=d.get("order", 100),
                # Easy-read pages have no contents list: short pages, and their layout shows none.
                sections=() if raw.easy_read else markdown.sections(raw.body))


def _with_terms(page: Page, words: Synonyms | None) -> Page:
    if words is None:
        return page
    strong = words.expand(page.title)
    weak = tuple(t for t in words.expand(f"{page.summary}\n{page.body}")
                 if t not in strong and t.casefold() not in page.title.casefold())
    return replace(page, strong_terms=strong, search_terms=weak)


def sort_key(text: str) -> str:
    return text.casefold().removeprefix("the ")


def model_context(review_months: int, words: Synonyms | None) -> str:
    """What a service record depends on besides its own file."""
    # The postcode table places records, and listings carry the places: both change old entries.
    return f"{review_months}|{words.digest if words else '-'}|places-{geography.VERSION}"


def build_model(config: Config, sources: Sources, today: dt.date, search: bool = True) -> Site:
    """Turn validated sources into the site model. Assumes validation found no errors."""
    words = Synonyms.from_sources(sources.synonyms) if search else None
    context = model_context(config.review_months, words)
    services = [make_service(s, config.review_months, words, context) for s in sources.services]
    return build_site(config, sources, [Listing.of(s) for s in services if s.status in PUBLISHED], today, words)


def _with_history(site: Site) -> None:
    """Pages get their dates and links from git; a service's listing stands for its page in the
    build cache, so what git says of its file joins the record's fingerprint."""
    if site.history.dates or site.config.repo_url:
        site.pages = [replace(p, **site.git_facts(p.rel)) for p in site.pages]
    if site.history.dates or site.history.prefix:  # the links are otherwise made from settings alone
        facts = site.git_facts
        site.services = [replace(s, record=hashlib.blake2b(s.record + repr(facts(f"services/{s.id}.yaml")).encode(),
                                                           digest_size=16).digest()) for s in site.services]


def build_site(config: Config, sources: Sources, listings: list[Listing], today: dt.date,
               words: Synonyms | None, history: History | None = None) -> Site:
    """The site model from every published service's listing, the pages, the data files and git."""
    services = sorted(listings, key=lambda s: s.order)
    pages = sorted((_with_terms(_page(p, p.source.data), words) for p in sources.pages),
                   key=lambda p: (p.order, sort_key(p.title), p.url))
    site = Site(config, today, services, pages, history=history or History())
    _with_history(site)
    services, pages = site.services, site.pages
    site.by_theme = {t.key: [] for t in config.themes}
    site.pages_by_theme = {t.key: [p for p in pages if t.key in p.themes and not p.easy_read]
                           for t in config.themes}
    site.by_band = {b.key: [] for b in routes.AGE_BANDS}
    letters: dict[str, list[Listing]] = defaultdict(list)
    covering: dict[str, list[Listing]] = {key: [] for key in CHECKLIST}
    for s in services:  # one pass: this runs on every build, over every service
        for key in dict.fromkeys(s.themes):
            site.by_theme[key].append(s)
        for band in s.bands:
            site.by_band[band].append(s)
        for key in dict.fromkeys(s.covers):
            covering[key].append(s)
        letters[s.letter].append(s)
    site.by_letter = dict(sorted(letters.items()))
    data = {name: located.data for name, located in sources.data.items()}
    site.glossary = Glossary.from_data(data.get("glossary.yaml"))
    site.comments = sorted((CommentsYear(y["year"], dt.date.fromisoformat(y["published"]), y.get("summary", ""),
                                         tuple(Comment(**item) for item in y["items"]))
                            for y in data.get("you-said-we-did.yaml") or ()),
                           key=lambda y: y.published, reverse=True)
    site.by_topic = {key: ([p for p in pages if key in p.covers and not p.easy_read], covering[key])
                     for key in CHECKLIST}
    return site
