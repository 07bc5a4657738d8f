"""Validate phase: schema checks plus the checks a schema cannot make (keys, dates, links)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import markdown, readability, routes, schema, synonyms
from .glossary import Glossary
from .theme import Theme
from .config import Config
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

    def column(self, line: int, needle: str) -> int:
        """1-based column of `needle` on file line `line`, or 1."""
        lines = self.file_text.splitlines()
        found = lines[line - 1].find(needle) if needle and 0 < line <= len(lines) else -1
        return found + 1 if found >= 0 else 1


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


def _reviewed(rel, src: Located, config: Config, today: dt.date) -> list[Diagnostic]:
    value = src.data.get("last_reviewed")
    if not isinstance(value, str):
        return []
    if not DATE_FORM.match(value):
        return []  # the schema reports the form
    try:
        day = dt.date.fromisoformat(value)
        if day <= today and add_months(day, config.review_months) >= today:
            return []  # the usual case: no message, so no need to find the line
    except ValueError:
        pass
    pos = src.value_pos(("last_reviewed",))
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return [Diagnostic(rel, pos.line, pos.col, ERROR, "last_reviewed",
                           f"'{value}' is not a real date; check the day and the month")]
    if day > today:
        return [Diagnostic(rel, pos.line, pos.col, ERROR, "last_reviewed",
                           f"{value} is in the future; use the date the details were last checked")]
    due = add_months(day, config.review_months)
    if due < today:
        return [Diagnostic(rel, pos.line, pos.col, WARNING, "last_reviewed",
                           f"overdue for review since {due.isoformat()}; check the details and "
                           "update the date", kind="overdue")]
    return []


def _service_checks(svc: RawService, config: Config, today: dt.date) -> list[Diagnostic]:
    src, rel, data = svc.source, svc.rel, svc.source.data
    out = _keys(rel, src, "themes", config.theme_keys, "a theme")
    out += _keys(rel, src, "areas", config.area_keys, "an area")
    out += _reviewed(rel, src, config, today)
    ages = data.get("age_range")
    if isinstance(ages, dict) and isinstance(ages.get("min"), int) and isinstance(ages.get("max"), int) \
            and ages["min"] > ages["max"]:
        pos = src.value_pos(("age_range", "min"))
        out.append(Diagnostic(rel, pos.line, pos.col, ERROR, "age_range.min",
                              f"must not be more than age_range.max (min is {ages['min']}, max is {ages['max']})"))
    return out


def _id_checks(services: list[RawService]) -> list[Diagnostic]:
    """An `id:` line must repeat the file name; the file whose name it is owns the id."""
    owners = {s.id: s.rel for s in services}
    out = []
    for svc in services:
        declared = svc.source.data.get("id") if isinstance(svc.source.data, dict) else None
        if not isinstance(declared, str) or declared == svc.id:
            continue
        pos = svc.source.value_pos(("id",))
        if declared in owners:
            message = (f"'{declared}' is already used by {owners[declared]}; ids must be unique. "
                       f"Change it to {svc.id} (the file name) or remove this line")
        else:
            message = (f"'{declared}' does not match the file name; rename the file to "
                       f"{declared}.yaml or remove this line")
        out.append(Diagnostic(svc.rel, pos.line, pos.col, ERROR, "id", message))
    return out


def _page_checks(page: RawPage, config: Config, today: dt.date, urls: dict[str, str]) -> list[Diagnostic]:
    out = _keys(page.rel, page.source, "themes", config.theme_keys, "a theme")
    out += _reviewed(page.rel, page.source, config, today)
    taken_by_engine = (page.url in routes.GENERATED or page.url.startswith(routes.GENERATED[-3:])) \
        and page.url != routes.HOME and not (page.url == routes.EASY_READ and page.rel == "content/index.easy.md")
    if taken_by_engine:
        out.append(Diagnostic(page.rel, 1, 1, ERROR, "", f"would be published at {page.url}, which "
                              "the site makes itself; move or rename the file"))
    elif page.url in urls:
        out.append(Diagnostic(page.rel, 1, 1, ERROR, "", f"would be published at {page.url}, the "
                              f"same address as {urls[page.url]}; rename one of them"))
    else:
        urls[page.url] = page.rel
    return out


def _static_paths(root: Path) -> set[str]:
    folder = root / "static"
    if not folder.is_dir():
        return set()
    return {"/static/" + p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _docs(sources: Sources) -> list[_Doc]:
    docs = [_Doc(p.rel, "", p.body, p.body_line, p.text, p.easy_read) for p in sources.pages]
    for svc in sources.services:
        data = svc.source.data
        if not isinstance(data, dict):
            continue
        for field in MARKDOWN_FIELDS:
            if isinstance(data.get(field), str):
                docs.append(_Doc(svc.rel, field, data[field], None, svc.text, field == "easy_read",
                                 svc.source))
    return docs


def _link_checks(doc: _Doc, known: set[str], closed: set[str], pictures: set[str]) -> list[Diagnostic]:
    out = []
    for link in markdown.links(doc.text):
        messages = _link_problems(link, known, closed, pictures)
        if messages:  # most links are fine, and finding a line number costs time
            line = doc.first_line + link.line
            col = doc.column(line, link.href)
            out += [Diagnostic(doc.rel, line, col, ERROR, doc.field, m) for m in messages]
    return out


def _link_problems(link: markdown.Link, known: set[str], closed: set[str], pictures: set[str]) -> list[str]:
    """What is wrong with one link or picture, in words an editor can act on."""
    out = []
    href = link.href
    if link.kind == "image" and not link.text.strip():
        out.append(f"image '{href}' has no alt text; write ![what the picture shows]({href})")
    if link.kind == "image" and markdown.is_picture_name(href):
        if href not in pictures:
            hint = did_you_mean(href, pictures) or " See the pictures in layouts/static/pictures/"
            out.append(f"there is no picture called '{href}'.{hint}")
        return out
    parts = urlsplit(href)
    path = parts.path
    if parts.scheme in ("http", "https", "mailto", "tel") or href.startswith("#"):
        pass
    elif parts.scheme or href.startswith("//"):
        out.append(f"link '{href}' is not allowed; use https://, mailto:, tel: or a site path")
    elif WEB_ADDRESS.match(href):
        out.append(f"link '{href}' looks like a web address; write it in full, like https://{href}")
    elif not path.startswith("/"):
        hint = did_you_mean("/" + path.removesuffix(".md").removeprefix("./") + "/", known)
        out.append(f"link '{href}' must be a site path starting with /, like /short-breaks/." + hint)
    elif path in closed:
        out.append(f"link '{href}' goes to a closed service, which is not published; remove the link")
    elif path not in known:
        hint = did_you_mean(path, known) or " Add a page or service there, or fix the address"
        out.append(f"link '{href}' goes to a page that does not exist." + hint)
    return out


def known_paths(config: Config, sources: Sources) -> tuple[set[str], set[str]]:
    """Site paths a link may point at, and the paths of closed services."""
    known = routes.fixed_paths() | {routes.theme(t.key) for t in config.themes}
    known |= {p.url for p in sources.pages}
    closed = set()
    for svc in sources.services:
        data = svc.source.data if isinstance(svc.source.data, dict) else {}
        if data.get("status", "active") in PUBLISHED:
            known.add(routes.service(svc.id))
            if data.get("easy_read"):
                known.add(routes.service_easy_read(svc.id))
        else:
            closed.add(routes.service(svc.id))
    return known | _static_paths(config.root), closed


def validate(config: Config, sources: Sources, today: dt.date) -> list[Diagnostic]:
    """Every problem in the site's content, sorted by file and line."""
    out = list(sources.diagnostics)
    for svc in sources.services:
        if svc.schema_problems is None:
            svc.schema_problems = schema.check("service", svc.rel, svc.source)
        out += svc.schema_problems
        if isinstance(svc.source.data, dict):
            out += _service_checks(svc, config, today)
    out += _id_checks(sources.services)
    urls: dict[str, str] = {}
    standard_urls = {p.url for p in sources.pages if not p.easy_read}
    for page in sources.pages:
        out += schema.check("page", page.rel, page.source)
        if isinstance(page.source.data, dict):
            out += _page_checks(page, config, today, urls)
        if page.easy_read and page.url != routes.EASY_READ \
                and page.url.removesuffix("easy-read/") not in standard_urls:
            out.append(Diagnostic(page.rel, 1, 1, ERROR, "", "is an easy-read version of a page that "
                                  "does not exist; add the standard page " +
                                  page.rel.replace(".easy.md", ".md")))
    for rel, located in sources.synonyms:
        out += synonyms.check(rel, located)
    for name, located in sources.data.items():
        out += schema.check(DATA_FILES[name], name, located)
    known, closed = known_paths(config, sources)
    pictures = {p.removeprefix("/assets/pictures/").removesuffix(".svg")
                for p in Theme(config.root / "layouts").assets if p.startswith("/assets/pictures/")}
    glossary_words = _glossary(sources).words()
    for doc in _docs(sources):
        out += _link_checks(doc, known, closed, pictures)
        if doc.easy_read:
            out += readability.check(doc.rel, doc.field, doc.text, doc.first_line, config.easy_read,
                                     glossary_words)[0]
    out += _data_links(sources, known)
    return sort_unique(out)


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
