"""Each service file's own way through load -> validate -> model, in one process per CPU when
there are many. The build cache keeps an Entry per file, so an unchanged file is not read again."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from . import processes
from .diagnostics import Diagnostic, errors
from .load import ServiceFile, read_service
from .model import Listing, Service, Site, make_service, model_context
from .synonyms import Synonyms
from .validate import Rules, ServiceFacts, check_service

PARALLEL_FILES = 500  # at least this many files to read are shared across processes
SETTLED_NS = 2_000_000_000  # a file this much older than its entry cannot have changed unseen


@dataclass
class Entry:
    """What one service file gave: enough for the site-wide checks and the lists."""

    stat: tuple[int, int, int]  # size, mtime_ns, inode when it was read
    seen_ns: int  # when it was read
    digest: bytes
    problems: list[Diagnostic]  # from reading it; empty when it parsed
    facts: ServiceFacts | None  # None when it could not be parsed
    listing: Listing | None  # published, valid services only

    def unchanged(self, stat: os.stat_result) -> bool:
        """Same size, time and inode, and not written in the same moment as it was read (two
        quick saves can share a timestamp), so the bytes are the ones read before."""
        return self.stat == _key(stat) and stat.st_mtime_ns + SETTLED_NS < self.seen_ns


@dataclass
class Records:
    entries: dict[str, Entry] = field(default_factory=dict)  # by file, in file order
    services: dict[str, Service] = field(default_factory=dict)  # full records made this time, by id
    read: int = 0  # files read this time

    @property
    def facts(self) -> list[ServiceFacts]:
        return [e.facts for e in self.entries.values() if e.facts is not None]

    @property
    def listings(self) -> list[Listing]:
        return [e.listing for e in self.entries.values() if e.listing is not None]

    @property
    def problems(self) -> list[Diagnostic]:
        return [d for e in self.entries.values() for d in e.problems]


@dataclass(frozen=True)
class Context:
    """Everything a service file's entry depends on besides its bytes."""

    rules: Rules
    review_months: int
    words: Synonyms | None  # families' words, when the site has search

    @property
    def model(self) -> str:
        """Stands for review_months and words in record fingerprints."""
        return model_context(self.review_months, self.words)

    @property
    def digest(self) -> str:
        return f"{self.rules.digest}|{self.model}"


def _key(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def _one(file: ServiceFile, context: Context) -> tuple[Entry, Service | None]:
    stat = os.stat(file.path)
    seen = time.time_ns()
    raw, problems = read_service(file)
    if raw is None:
        return Entry(_key(stat), seen, b"", problems, None, None), None
    facts = check_service(raw, context.rules)
    service = listing = None
    if not problems and not errors(facts.problems):
        service = make_service(raw, context.review_months, context.words, context.model)
        listing = Listing.of(service) if facts.published else None
    return Entry(_key(stat), seen, raw.digest, problems, facts, listing), service


def _chunk(files: list[ServiceFile], context: Context) -> list[tuple[Entry, Service | None]]:
    return [_one(f, context) for f in files]


def process(files: list[ServiceFile], context: Context) -> list[tuple[Entry, Service | None]]:
    """Read, check and model `files`, in order; across processes when there are many."""
    workers = processes.jobs()
    if len(files) < PARALLEL_FILES or workers < 2 or not processes.can_fork():
        return _chunk(files, context)
    return processes.in_parallel(_chunk, files, workers, context, smallest=50)


def update(files: list[ServiceFile], old: dict[str, Entry], context: Context,
           changed: set[str] | None = None) -> Records:
    """Entries for `files`: those whose file is unchanged come from `old`, the rest are read.
    `changed`, when given, holds every file that may have changed since `old` was made."""
    out = Records()
    todo: list[ServiceFile] = []
    for file in files:
        entry = old.get(file.rel)
        if entry is not None and changed is not None and file.path not in changed:
            out.entries[file.rel] = entry
            continue
        try:
            if entry is not None and entry.unchanged(os.stat(file.path)):
                out.entries[file.rel] = entry
                continue
        except OSError:
            pass
        out.entries[file.rel] = None  # type: ignore[assignment]  # keeps file order
        todo.append(file)
    out.read = len(todo)
    for file, (entry, service) in zip(todo, process(todo, context)):
        out.entries[file.rel] = entry
        if service is not None and entry.listing is not None:
            out.services[service.id] = service
    return out


def models(files: list[ServiceFile], context: Context, entries: dict[str, Entry] | None = None) -> dict[str, Service]:
    """Full records for `files` (for pages that must be rendered again). A file that still has
    the bytes its entry in `entries` was made from passed every check then: it is only modelled."""
    entries = entries or {}
    if len(files) < PARALLEL_FILES or processes.jobs() < 2 or not processes.can_fork():
        found = _remodel(files, context, entries)
    else:
        found = processes.in_parallel(_remodel, files, processes.jobs(), context, entries, smallest=50)
    return {s.id: s for s in found if s is not None}


def _remodel(files: list[ServiceFile], context: Context, entries: dict[str, Entry]) -> list[Service | None]:
    out = []
    for file in files:
        entry = entries.get(file.rel)
        raw, problems = read_service(file)
        if raw is not None and not problems and entry is not None and entry.listing is not None \
                and raw.digest == entry.digest:
            out.append(make_service(raw, context.review_months, context.words, context.model))
        else:  # changed since this build read it, or not published: checked again
            out.append(_one(file, context)[1])
    return out


def file_of(root: Path, service_id: str) -> ServiceFile:
    return ServiceFile(str(root / "services" / f"{service_id}.yaml"), f"services/{service_id}.yaml", service_id)


class Dated(Mapping[str, Service]):
    """Full records by id, each with what git says of its file (Site.dated) once it is asked
    for: by the worker that renders its pages, not for every record before rendering starts."""

    def __init__(self, site: Site, services: dict[str, Service]):
        self.site, self.plain, self.done = site, services, {}

    def __getitem__(self, key: str) -> Service:
        found = self.done.get(key)
        if found is None:
            found = self.done[key] = self.site.dated({key: self.plain[key]})[key]
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.plain

    def __iter__(self) -> Iterator[str]:
        return iter(self.plain)

    def __len__(self) -> int:
        return len(self.plain)

    def update(self, more: Mapping[str, Service]) -> None:
        for key in more:
            self.done.pop(key, None)
        self.plain.update(more)
