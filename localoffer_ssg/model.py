"""Model phase: typed records built from validated data, and the collections pages list."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace

from . import routes
from .config import Config, Theme
from .glossary import Glossary
from .load import Sources
from .synonyms import Recall, Synonyms
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


@dataclass(frozen=True)
class Location:
    name: str
    address: str = ""
    postcode: str = ""
    accessibility: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class ServiceContact:
    name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""

    @property
    def phone_href(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")


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
    # Stands for all of the above when the build cache compares what pages were made from.
    fingerprint: bytes = field(default=b"", compare=False, repr=False)

    @property
    def url(self) -> str:
        return routes.service(self.id)

    @property
    def text(self) -> str:
        return "\n".join((self.summary, self.description, self.eligibility, self.how_to_access))

    @property
    def age_bands(self) -> list[routes.AgeBand]:
        return [b for b in routes.AGE_BANDS if b.overlaps(self.age_min, self.age_max)]

    @property
    def easy_read_url(self) -> str:
        return routes.service_easy_read(self.id) if self.easy_read else ""


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

    @property
    def depth(self) -> int:
        return self.url.count("/") - 1


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
    services: list[Service]  # published only, sorted by name
    pages: list[Page]  # sorted by order then title
    by_theme: dict[str, list[Service]] = field(default_factory=dict)
    pages_by_theme: dict[str, list[Page]] = field(default_factory=dict)
    by_band: dict[str, list[Service]] = field(default_factory=dict)
    by_letter: dict[str, list[Service]] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)
    comments: list["CommentsYear"] = field(default_factory=list)  # you said, we did
    by_topic: dict[str, tuple[list[Page], list[Service]]] = field(default_factory=dict)

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


def _service(svc_id: str, rel: str, d: dict, review_months: int) -> Service:
    reviewed = dt.date.fromisoformat(d["last_reviewed"])
    cost = d.get("cost") or {}
    return Service(
        id=svc_id, rel=rel, name=d["name"].strip(), summary=d["summary"].strip(),
        description=d["description"], themes=tuple(d["themes"]),
        age_min=d["age_range"]["min"], age_max=d["age_range"]["max"],
        contact=ServiceContact(**{k: str(v).strip() for k, v in d["contact"].items()}),
        last_reviewed=reviewed, review_due=add_months(reviewed, review_months),
        organisation=d.get("organisation", ""), needs=tuple(d.get("needs", ())),
        eligibility=d.get("eligibility", ""), how_to_access=d.get("how_to_access", ""),
        cost_free=cost.get("free"), cost_details=cost.get("details", ""),
        locations=tuple(Location(**{**loc, "accessibility": tuple(loc.get("accessibility", ()))})
                        for loc in d.get("locations") or ()),
        hours=d.get("hours", ""), languages=tuple(d.get("languages", ())),
        areas=tuple(d.get("areas", ())), covers=tuple(d.get("covers", ())),
        status=d.get("status", "active"), easy_read=d.get("easy_read", ""),
        keywords=tuple(d.get("keywords", ())),
    )


def _page(raw, d: dict) -> Page:
    reviewed = d.get("last_reviewed")
    return Page(rel=raw.rel, url=raw.url, easy_read=raw.easy_read, title=d["title"].strip(),
                body=raw.body, summary=d.get("summary", ""),
                last_reviewed=dt.date.fromisoformat(reviewed) if reviewed else None,
                themes=tuple(d.get("themes", ())), covers=tuple(d.get("covers", ())),
                order=d.get("order", 100))


def _with_terms(record, words: Synonyms, name: str, text: str, keywords: tuple[str, ...] = (),
                recall: Recall | None = None):
    strong = tuple(dict.fromkeys(keywords + words.expand(name, recall)))
    weak = tuple(t for t in words.expand(text, recall) if t not in strong and t.casefold() not in name.casefold())
    return replace(record, strong_terms=strong, search_terms=weak)


def sort_key(text: str) -> str:
    return text.casefold().removeprefix("the ")


def build_model(config: Config, sources: Sources, today: dt.date, recall: Recall | None = None) -> Site:
    """Turn validated sources into the site model. Assumes validation found no errors.
    `recall` (kept between builds by the cache) remembers the families' words found in each text."""
    words = Synonyms.from_sources(sources.synonyms)
    services = [replace(_service(s.id, s.rel, s.source.data, config.review_months),
                        fingerprint=hashlib.blake2b(s.digest + f"{s.rel}|{config.review_months}|{words.digest}"
                                                    .encode(), digest_size=16).digest())
                for s in sources.services]
    services = sorted((_with_terms(s, words, "\n".join((s.name, *s.keywords)), s.text, s.keywords, recall)
                       for s in services if s.status in PUBLISHED), key=lambda s: (sort_key(s.name), s.id))
    pages = sorted((_with_terms(_page(p, p.source.data), words, p.source.data["title"],
                                f"{p.source.data.get('summary', '')}\n{p.body}", recall=recall)
                    for p in sources.pages), key=lambda p: (p.order, sort_key(p.title), p.url))
    site = Site(config, today, services, pages)
    site.by_theme = {t.key: [s for s in services if t.key in s.themes] for t in config.themes}
    site.pages_by_theme = {t.key: [p for p in pages if t.key in p.themes and not p.easy_read]
                           for t in config.themes}
    site.by_band = {b.key: [s for s in services if b.overlaps(s.age_min, s.age_max)]
                    for b in routes.AGE_BANDS}
    letters: dict[str, list[Service]] = defaultdict(list)
    for s in services:
        first = sort_key(s.name)[:1].upper()
        letters[first if first.isalpha() else "#"].append(s)
    site.by_letter = dict(sorted(letters.items()))
    data = {name: located.data for name, located in sources.data.items()}
    site.glossary = Glossary.from_data(data.get("glossary.yaml"))
    site.comments = sorted((CommentsYear(y["year"], dt.date.fromisoformat(y["published"]), y.get("summary", ""),
                                         tuple(Comment(**item) for item in y["items"]))
                            for y in data.get("you-said-we-did.yaml") or ()),
                           key=lambda y: y.published, reverse=True)
    site.by_topic = {key: ([p for p in pages if key in p.covers and not p.easy_read],
                           [s for s in services if key in s.covers]) for key in CHECKLIST}
    return site
