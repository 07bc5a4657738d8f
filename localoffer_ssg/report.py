"""The editors' report, from the content alone: reviews past or coming due (with whom to chase),
records missing what families look for, thin topics, themes and ages, and internal link faults."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import cache, pipeline, routes
from .config import load_config
from .diagnostics import Diagnostic, errors, plural
from .model import CHECKLIST, Service
from .validate import add_months

SOON_DAYS = 30  # 'due in the next 30 days'
FEW = 3  # fewer services than this makes a topic, theme or age band thin
# Without locations, a record should say it is delivered at home, online or by phone.
_REMOTE = re.compile(r"\b(online|at home|in (?:your|the family) home|home visits?|visits? you|by (?:phone|video"
                     r"|post)|phone line|helpline|video call|webchat|anywhere in)\b", re.IGNORECASE)


_HINTS = {"locations": "locations (or a note in the text that it is delivered at home or online)"}


@dataclass(frozen=True)
class Due:
    path: str
    name: str
    last_reviewed: str
    review_due: str
    contact: str  # who to chase: name, phone, e-mail
    url: str


@dataclass(frozen=True)
class Missing:
    path: str
    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Thin:
    key: str
    title: str
    services: int
    pages: int = 0


@dataclass
class Report:
    today: str
    overdue: list[Due] = field(default_factory=list)
    due_soon: list[Due] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    topics: list[Thin] = field(default_factory=list)  # statutory checklist topics with few services
    themes: list[Thin] = field(default_factory=list)
    bands: list[Thin] = field(default_factory=list)
    grid: dict[str, dict[str, int]] = field(default_factory=dict)  # theme title: band: services
    links: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _contact(svc: Service) -> str:
    c = svc.contact
    return ", ".join(x for x in (svc.organisation if svc.organisation != svc.name else "", c.name, c.phone,
                                 c.email) if x) or c.website


def _missing(svc: Service) -> tuple[str, ...]:
    text = " ".join((svc.summary, svc.description, svc.how_to_access, svc.eligibility))
    gaps = [name for name, value in (("eligibility", svc.eligibility), ("how_to_access", svc.how_to_access))
            if not value.strip()]
    if svc.cost_free is None and not svc.cost_details:
        gaps.append("cost")
    if not svc.locations and not _REMOTE.search(text):
        gaps.append("locations")
    if not svc.hours.strip():
        gaps.append("hours")
    return tuple(gaps)


def make(root: Path, today: dt.date | None = None) -> tuple[Report, list[Diagnostic]]:
    """Read and check the site as `check` does (the same load and validate), then sum it up."""
    today = today or pipeline.today()
    options = pipeline.Options(root=root, search=False, today=today)
    config = load_config(root.resolve())
    with pipeline._no_cycle_collection():
        sources, found, _, diags = pipeline._load_and_validate(config, options, cache.BuildCache())
    services = sorted(found.services.values(), key=lambda s: s.rel)
    out = Report(today.isoformat())
    soon = today + dt.timedelta(days=SOON_DAYS)
    dated = [(s.rel, s.name, s.last_reviewed, s.review_due, _contact(s), s.url) for s in services]
    for page in sorted(sources.pages, key=lambda p: p.rel):
        reviewed = page.source.data.get("last_reviewed")
        try:
            day = dt.date.fromisoformat(reviewed) if isinstance(reviewed, str) else None
        except ValueError:
            day = None
        if day:
            dated.append((page.rel, str(page.source.data.get("title", page.rel)).strip(), day,
                          add_months(day, config.review_months), config.contact.email, page.url))
    for rel, name, reviewed, due, contact, url in sorted(dated, key=lambda d: (d[3], d[0])):
        item = Due(rel, name, reviewed.isoformat(), due.isoformat(), contact, url)
        if due < today:
            out.overdue.append(item)
        elif due <= soon:
            out.due_soon.append(item)
    out.missing = [Missing(s.rel, s.name, gaps) for s in services if (gaps := _missing(s))]
    _coverage(out, config, services, sources)
    out.links = [str(d) for d in diags if d.message.startswith("link '")]
    out.errors = [str(d) for d in errors(diags)]
    return out, diags


def _coverage(out: Report, config, services: list[Service], sources) -> None:
    pages = [p.source.data for p in sources.pages if not p.easy_read]
    for key, title in CHECKLIST.items():
        count = sum(key in s.covers for s in services)
        if count < FEW:
            out.topics.append(Thin(key, title, count, sum(key in (p.get("covers") or ()) for p in pages)))
    for theme in config.themes:
        count = sum(theme.key in s.themes for s in services)
        if count < FEW:
            out.themes.append(Thin(theme.key, theme.title, count))
        out.grid[theme.title] = {b.key: sum(theme.key in s.themes and b.overlaps(s.age_min, s.age_max)
                                            for s in services) for b in routes.AGE_BANDS}
    for band in routes.AGE_BANDS:
        count = sum(band.overlaps(s.age_min, s.age_max) for s in services)
        empty = sum(1 for row in out.grid.values() if row[band.key] == 0)
        if count < FEW or empty:
            gaps = f" ({empty} of {len(out.grid)} themes have no service for these ages)" if empty else ""
            out.bands.append(Thin(band.key, band.title + gaps, count))


def to_json(report: Report) -> str:
    return json.dumps(asdict(report), indent=2)


def _due_rows(items: list[Due], md: bool) -> list[str]:
    if md:
        return ["| Record | Last reviewed | Due | Contact |", "|---|---|---|---|"] + [
            f"| {_cell(d.name)} (`{d.path}`) | {d.last_reviewed} | {d.review_due} | {_cell(d.contact)} |"
            for d in items]
    return [f"  {d.path}: {d.name}; last reviewed {d.last_reviewed}, due {d.review_due}; contact: {d.contact}"
            for d in items]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reviews(report: Report, md: bool = True) -> list[str]:
    """Only the reviews: what the scheduled reminder puts in its issue."""
    head = "### " if md else ""
    lines = [f"{head}Past their review date ({len(report.overdue)})", ""]
    lines += _due_rows(report.overdue, md) if report.overdue else ["None."]
    lines += ["", f"{head}Due for review in the next {SOON_DAYS} days ({len(report.due_soon)})", ""]
    lines += _due_rows(report.due_soon, md) if report.due_soon else ["None."]
    return lines


def to_text(report: Report, md: bool = False) -> str:
    h2, h3 = ("## ", "### ") if md else ("", "")
    bullet = "- " if md else "  "
    lines = [f"{h2}Local Offer report for {report.today}", ""] + reviews(report, md)
    lines += ["", f"{h3}Records missing recommended fields ({len(report.missing)})", ""]
    quote = "`" if md else ""
    lines += [f"{bullet}{quote}{m.path}{quote} ({m.name}): " + ", ".join(_HINTS.get(f, f) for f in m.fields)
              for m in report.missing] or ["None."]
    lines += ["", f"{h3}Thin coverage", ""]
    thin = [f"{bullet}checklist topic: {t.title}: {plural(t.services, 'service')}, {plural(t.pages, 'page')}"
            for t in report.topics]
    thin += [f"{bullet}theme: {t.title}: {plural(t.services, 'service')}" for t in report.themes]
    thin += [f"{bullet}ages: {t.title}: {plural(t.services, 'service')}" for t in report.bands]
    lines += thin or ["None."]
    bands = [b.key for b in routes.AGE_BANDS]
    lines += ["", f"{h3}Services per theme and age band", ""]
    if md:
        lines += ["| Theme | " + " | ".join(bands) + " |", "|---|" + "---:|" * len(bands)]
        lines += [f"| {title} | " + " | ".join(str(row[b]) for b in bands) + " |" for title, row in report.grid.items()]
    else:
        width = max([len(t) for t in report.grid] + [5])
        lines += ["  " + "Theme".ljust(width) + "".join(b.rjust(7) for b in bands)]
        lines += ["  " + title.ljust(width) + "".join(str(row[b]).rjust(7) for b in bands)
                  for title, row in report.grid.items()]
    lines += ["", f"{h3}Internal link faults ({len(report.links)})", ""]
    lines += [f"{bullet}{line}" for line in report.links] or ["None."]
    if report.errors:
        lines += ["", f"{h3}Errors ({len(report.errors)}): fix these first", ""]
        lines += [f"{bullet}{line}" for line in report.errors]
    return "\n".join(lines) + "\n"
