"""Validate phase: schema checks plus the checks a schema cannot make (keys, dates, links)."""

from __future__ import annotations

import datetime as dt
import re
import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import geography, links, load, markdown, readability, routes, safety, schema, synonyms
from .glossary import Glossary
from .theme import Theme
from .config import Config, EasyRead
from .diagnostics import ERROR, WARNING, Diagnostic, did_you_mean, one_of, sort_unique
from .load import DATA_FILES, RawPage, RawService, Sources
from .yamlsource import Located

MARKDOWN_FIELDS = ("description", "eligibility", "how_to_access", "easy_read")
PUBLISHED = ("active", "temporarily-closed")
DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEB_ADDRESS = re.compile(r"^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.(org|com|net|uk|gov|nhs|io|info)(/|$))", re.I)


@dataclass
class _Doc:
    """One Markdown text and where its first line sits in its file."""

    rel: str
    field: str
    text: str
    body_line: int | None  # pages know it; a service field's line is looked up on demand
    file_text: str
    easy_read: bool = False
    source: Located | None = None

    @property
    def first_line(self) -> int:
        if self.body_line is None:
            assert self.source is not None
            self.body_line = self.source.value_pos((self.field,)).text_line
        return self.body_line

    def column(self, line: int, *needles: str) -> int:
        """1-based column of the first of `needles` found on file line `line`, or 1."""
        lines = self.file_text.splitlines()
        for needle in needles:
            found = lines[line - 1].find(needle) if needle and 0 < line <= len(lines) else -1
            if found >= 0:
                return found + 1
        return 1


@lru_cache(maxsize=4096)  # every build checks every record's review date; dates repeat
def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _keys(rel, src: Located, field, known: set[str], what: str) -> list[Diagnostic]:
    values = src.data.get(field)
    out = []
    if not isinstance(values, list):
        return out
    for index, value in enumerate(values):
        if isinstance(value, str) and value not in known:
            pos = src.value_pos((field, index))
            hint = did_you_mean(value, known) or f" Use one of: {one_of(known)}"
            out.append(Diagnostic(rel, pos.line, pos.col, ERROR, f"{field}[{index}]",
                                  f"'{value}' is not {what} in site.toml.{hint}"))
    return out


@dataclass(frozen=True)
class Rules:
    """What checking one file needs to know about the rest of the site."""

    theme_keys: frozenset[str]
    area_keys: frozenset[str]
    easy_read: EasyRead
    glossary_words: frozenset[str]
    pictures: frozenset[str]
    max_file_kb: int = 1024

    @classmethod
    def of(cls, config: Config, sources: Sources) -> "Rules":
        pictures = {p.removeprefix("/assets/pictures/").removesuffix(".svg")
                    for p in Theme(config.root / "layouts").assets if p.startswith("/assets/pictures/")}
        return cls(frozenset(config.theme_keys), frozenset(config.area_keys), config.easy_read,
                   frozenset(_glossary(sources).words()), frozenset(pictures), config.max_file_kb)

    @cached_property
    def digest(self) -> str:
        # The checks' version too: a site checked before a new easy-read check would keep its old findings.
        return hashlib.blake2b(repr((readability.CHECKS, sorted(self.theme_keys), sorted(self.area_keys),
                                     self.easy_read, sorted(self.glossary_words),
                                     sorted(self.pictures), self.max_file_kb)).encode(),
                               digest_size=16).hexdigest()


SiteLink = tuple  # (rel, field, line, col, href): a link whose target only the whole site can judge


@dataclass
class ServiceFacts:
    """What checking one service file found, and what the site-wide checks need from it."""

    rel: str
    id: str
    problems: list[Diagnostic] = field(default_factory=list)
    declared_id: tuple[str, int, int] | None = None  # an `id:` line that differs from the file name
    published: bool = False
    easy_read: bool = False
    reviewed: tuple[dt.date, int, int] | None = None  # a real review date and where it is written
    links: tuple[SiteLink, ...] = ()


def check_service(svc: RawService, rules: Rules) -> ServiceFacts:
    """Every check that needs this one file only; links to site paths are judged by check_site."""
    src, rel, data = svc.source, svc.rel, svc.source.data
    facts = ServiceFacts(rel, svc.id, schema.check("service", rel, src))
    if not isinstance(data, dict):
        return facts
    out = facts.problems
    if safety.INVISIBLE.search(svc.text) or "\\" in svc.text:
        out += safety.characters(rel, svc.text, src)
    out += _keys(rel, src, "themes", rules.theme_keys, "a theme")
    out += _keys(rel, src, "areas", rules.area_keys, "an area")
    out += geography.check_places(rel, src)
    facts.reviewed = _real_date(rel, src, out)
    ages = data.get("age_range")
    if isinstance(ages, dict) and isinstance(ages.get("min"), int) and isinstance(ages.get("max"), int) \
            and ages["min"] > ages["max"]:
        pos = src.value_pos(("age_range", "min"))
        out.append(Diagnostic(rel, pos.line, pos.col, ERROR, "age_range.min",
                              f"must not be more than age_range.max (min is {ages['min']}, max is {ages['max']})"))
    declared = data.get("id")
    if isinstance(declared, str) and declared != svc.id:
        pos = src.value_pos(("id",))
        facts.declared_id = (declared, pos.line, pos.col)
    facts.published = data.get("status", "active") in PUBLISHED
    facts.easy_read = bool(data.get("easy_read"))
    links: list[SiteLink] = []
    for field_name in MARKDOWN_FIELDS:
        if isinstance(data.get(field_name), str):
            doc = _Doc(rel, field_name, data[field_name], None, svc.text, field_name == "easy_read", src)
            out += _doc_checks(doc, rules, links)
    facts.links = tuple(links)
    return facts


def _real_date(rel, src: Located, out: list[Diagnostic]) -> tuple[dt.date, int, int] | None:
    value = src.data.get("last_reviewed")
    if not isinstance(value, str) or not DATE_FORM.match(value):
        return None  # the schema reports the form
    pos = src.value_pos(("last_reviewed",))
    try:
        return dt.date.fromisoformat(value), pos.line, pos.col
    except ValueError:
        out.append(Diagnostic(rel, pos.line, pos.col, ERROR, "last_reviewed",
                              f"'{value}' is not a real date; check the day and the month"))
    return None


def _dated(rel: str, reviewed: tuple[dt.date, int, int] | None, review_months: int,
           today: dt.date) -> list[Diagnostic]:
    """A review date in the future is an error; one too long ago is a warning."""
    if reviewed is None:
        return []
    day, line, col = reviewed
    if day > today:
        return [Diagnostic(rel, line, col, ERROR, "last_reviewed",
                           f"{day.isoformat()} is in the future; use the date the details were last checked")]
    due = add_months(day, review_months)
    if due < today:
        return [Diagnostic(rel, line, col, WARNING, "last_reviewed",
                           f"overdue for review since {due.isoformat()}; check the details and "
                           "update the date", kind="overdue")]
    return []


def _id_checks(facts: list[ServiceFacts]) -> list[Diagnostic]:
    """An `id:` line must repeat the file name; the file whose name it is owns the id."""
    owners = {f.id: f.rel for f in facts}
    out = []
    for fact in facts:
        if fact.declared_id is None:
            continue
        declared, line, col = fact.declared_id
        if not load.ID_PATTERN.match(declared):
            continue  # the schema says what form an id takes
        if declared in owners:
            message = (f"'{declared}' is already used by {owners[declared]}; ids must be unique. "
                       f"Change it to {fact.id} (the file name) or remove this line")
        else:
            message = (f"'{declared}' does not match the file name; rename the file to "
                       f"{declared}.yaml or remove this line")
        out.append(Diagnostic(fact.rel, line, col, ERROR, "id", message))
    return out


def _page_checks(page: RawPage, rules: Rules, review_months: int, today: dt.date, urls: dict[str, str],
                 links: list[SiteLink]) -> list[Diagnostic]:
    out = _keys(page.rel, page.source, "themes", rules.theme_keys, "a theme")
    out += safety.characters(page.rel, page.text, page.source)
    out += _dated(page.rel, _real_date(page.rel, page.source, out), review_months, today)
    taken_by_engine = (page.url in routes.GENERATED or page.url.startswith(routes.GENERATED_FOLDERS)) \
        and page.url != routes.HOME and not (page.url == routes.EASY_READ and page.rel == "content/index.easy.md")
    if taken_by_engine:
        out.append(Diagnostic(page.rel, 1, 1, ERROR, "", f"would be published at {page.url}, which "
                              "the site makes itself; move or rename the file"))
    elif page.url in urls:
        out.append(Diagnostic(page.rel, 1, 1, ERROR, "", f"would be published at {page.url}, the "
                              f"same address as {urls[page.url]}; rename one of them"))
    else:
        urls[page.url] = page.rel
    return out + _doc_checks(_Doc(page.rel, "", page.body, page.body_line, page.text, page.easy_read),
                             rules, links)


def _static_paths(root: Path) -> set[str]:
    folder = root / "static"
    if not folder.is_dir():
        return set()
    return {"/static/" + p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _doc_checks(doc: _Doc, rules: Rules, site_links: list[SiteLink]) -> list[Diagnostic]:
    """Problems one Markdown text shows by itself; links to site paths are set aside in `site_links`."""
    out = []
    for link in markdown.links(doc.text):
        messages, site_path = _link_form(link, rules.pictures)
        if messages or site_path:  # most links are fine, and finding a line number costs time
            line = doc.first_line + link.line
            col = doc.column(line, link.href, unquote(link.href), f"[{link.text}]", link.text)
            out += [Diagnostic(doc.rel, line, col, ERROR, doc.field, m) for m in messages]
            if site_path:
                site_links.append((doc.rel, doc.field, line, col, link.href))
    if doc.easy_read:
        out += readability.check(doc.rel, doc.field, doc.text, doc.first_line, rules.easy_read,
                                 set(rules.glossary_words))[0]
    return out


def _link_form(link: markdown.Link, pictures: frozenset[str]) -> tuple[list[str], bool]:
    """What is wrong with how one link or picture is written, and whether it names a site path."""
    out = []
    href = link.href
    if link.kind == "image" and not link.text.strip():
        out.append(f"image '{href}' has no alt text; write ![what the picture shows]({href})")
    if link.kind == "image" and markdown.is_picture_name(href):
        if href not in pictures:
            hint = did_you_mean(href, pictures) or " See the pictures in layouts/static/pictures/"
            out.append(f"there is no picture called '{href}'.{hint}")
        return out, False
    problem = links.form_problem(href)
    if problem is not None:
        out.append(problem)
        return out, False
    if urlsplit(href).scheme or href.startswith("#"):
        return out, False
    if WEB_ADDRESS.match(href):
        out.append(f"link '{href}' looks like a web address; write it in full, like https://{href}")
    else:
        return out, True
    return out, False


def _site_link(link: SiteLink, known: set[str], closed: set[str]) -> list[Diagnostic]:
    """A link to a site path must reach a published page or service."""
    rel, field_name, line, col, href = link
    path = href.partition("#")[0].partition("?")[0]  # what urlsplit gives for a link with no scheme
    if not path.startswith("/"):
        hint = did_you_mean("/" + path.removesuffix(".md").removeprefix("./") + "/", known)
        message = f"link '{href}' must be a site path starting with /, like /short-breaks/." + hint
    elif path in closed:
        message = f"link '{href}' goes to a closed service, which is not published; remove the link"
    elif path not in known:
        hint = did_you_mean(path, known) or " Add a page or service there, or fix the address"
        message = f"link '{href}' goes to a page that does not exist." + hint
    else:
        return []
    return [Diagnostic(rel, line, col, ERROR, field_name, message)]


def known_paths(config: Config, pages: list[RawPage], facts: list[ServiceFacts]) -> tuple[set[str], set[str]]:
    """Site paths a link may point at, and the paths of closed services."""
    known = routes.fixed_paths() | {routes.area(a.key) for a in config.areas}
    known |= {path for t in config.themes for path in (routes.theme(t.key), routes.booklet(t.key),
                                                         *(routes.theme_age(t.key, b) for b in routes.AGE_BANDS))}
    known |= {p.url for p in pages}
    closed = set()
    for fact in facts:
        if fact.published:
            known.add(routes.service(fact.id))
            if fact.easy_read:
                known.add(routes.service_easy_read(fact.id))
        else:
            closed.add(routes.service(fact.id))
    return known | _static_paths(config.root), closed


def check_site(config: Config, sources: Sources, facts: list[ServiceFacts], rules: Rules,
               today: dt.date) -> list[Diagnostic]:
    """Every problem in the site's content, given what check_service found in each service file."""
    out = list(sources.diagnostics)
    links: list[SiteLink] = []
    for fact in facts:
        out += fact.problems
        out += _dated(fact.rel, fact.reviewed, config.review_months, today)
        links += fact.links
    out += _id_checks(facts)
    urls: dict[str, str] = {}
    standard_urls = {p.url for p in sources.pages if not p.easy_read}
    for page in sources.pages:
        out += schema.check("page", page.rel, page.source)
        if isinstance(page.source.data, dict):
            out += _page_checks(page, rules, config.review_months, today, urls, links)
        if page.easy_read and page.url != routes.EASY_READ \
                and page.url.removesuffix("easy-read/") not in standard_urls:
            out.append(Diagnostic(page.rel, 1, 1, ERROR, "", "is an easy-read version of a page that "
                                  "does not exist; add the standard page " +
                                  page.rel.replace(".easy.md", ".md")))
    for rel, located in sources.synonyms:
        out += synonyms.check(rel, located)
    for name, located in sources.data.items():
        out += schema.check(DATA_FILES[name], name, located)
    out += safety.site_files(config.root)
    known, closed = known_paths(config, sources.pages, facts)
    for link in links:
        out += _site_link(link, known, closed)
    out += _data_links(sources, known)
    return sort_unique(out)


def validate(config: Config, sources: Sources, today: dt.date) -> list[Diagnostic]:
    """Every problem in the site's content, sorted by file and line."""
    rules = Rules.of(config, sources)
    return check_site(config, sources, [check_service(s, rules) for s in sources.services], rules, today)


def _glossary(sources: Sources) -> Glossary:
    located = sources.data.get("glossary.yaml")
    if located is None or schema.check("glossary", "glossary.yaml", located):
        return Glossary()
    return Glossary.from_data(located.data)


def _data_links(sources: Sources, known: set[str]) -> list[Diagnostic]:
    """Links in you-said-we-did.yaml must go to pages that exist."""
    located = sources.data.get("you-said-we-did.yaml")
    out = []
    for y, year in enumerate(located.data if located and isinstance(located.data, list) else ()):
        for i, item in enumerate(year.get("items") or () if isinstance(year, dict) else ()):
            link = item.get("link") if isinstance(item, dict) else None
            if isinstance(link, str) and urlsplit(link).path not in known:
                pos = located.value_pos((y, "items", i, "link"))
                out.append(Diagnostic("you-said-we-did.yaml", pos.line, pos.col, ERROR,
                                      f"[{y}].items[{i}].link", f"'{link}' goes to a page that does not "
                                      "exist." + (did_you_mean(link, known) or " Fix the address")))
    return out
