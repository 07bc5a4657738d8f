"""Open data under /api/: each published service as an ORUK record, ORUK pages listing them (each
service's own fields, as ORUK's list endpoints give them), the taxonomies they use, an index
naming the version and profile, and /api/services.csv."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any, Iterator

from .. import __version__
from ..cache import CACHE_DIR
from ..render import Output, Renderer
from . import oruk, spreadsheet
from .base import Generator

INDEX = "/api/index.json"
CSV = "/api/services.csv"
TAXONOMIES = "/api/taxonomies/index.json"
_SOURCES = [Path(__file__), Path(oruk.__file__), Path(spreadsheet.__file__)]
_MADE: dict[bytes, str] = {}  # recent records' JSON, by what they were made from


def service_path(service_id: str) -> str:
    return f"/api/services/{service_id}.json"


def page_path(number: int) -> str:
    return f"/api/services/page-{number}.json"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def last_modified(r: Renderer, service_id: str) -> str:
    """When git last changed a service's file, as ISO 8601 in UTC, or '' where unknown."""
    when = r.site.history.times.get(f"services/{service_id}.yaml")
    if not isinstance(when, dt.datetime):
        return ""
    return when.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _both(record: dict) -> tuple[str, str]:
    """The JSON of a record and of its list item, in one pass: the item is the record without
    its related objects, which come after its own fields and before its extension."""
    extension = record[oruk.EXTENSION]
    item = oruk.list_item(record)
    del item[oruk.EXTENSION]
    related = {k: v for k, v in record.items() if k not in item and k != oruk.EXTENSION}
    if list(record) != [*item, *related, oruk.EXTENSION]:  # not in that order: two passes
        return _json(record), _json(oruk.list_item(record))
    own, tail = _json(item)[:-1], f'"{oruk.EXTENSION}":{_json(extension)}}}'
    joint = "," if item else ""
    return own + (joint + _json(related)[1:-1] if related else "") + "," + tail, own + "," + tail


class OpenData(Generator):
    name = "api"

    def units(self, r: Renderer) -> list:
        # Each page right after its services: workers take units in runs, so a page mostly finds
        # its records' JSON already made (see record_json). The spreadsheet, the longest unit,
        # first: last, one worker would still be making it when the others are done.
        pages = max(1, -(-len(r.site.services) // oruk.PAGE_SIZE))
        units: list = [("csv", 0)]
        for n in range(1, pages + 1):
            units += [("service", i) for i in self._on_page(r, n)] + [("page", n)]
        return units + [("index", 0), ("taxonomies", 0)]

    def _shared(self, r: Renderer) -> bytes:
        """What every open-data file is made from besides its records: settings and this code."""
        shared = r.memo.get(self.name)
        if shared is None:
            made_from = repr((r.site.config, __version__)).encode() + b"".join(p.read_bytes() for p in _SOURCES)
            shared = r.memo[self.name] = hashlib.blake2b(made_from, digest_size=16).digest()
        return shared

    def _on_page(self, r: Renderer, number: int) -> list[int]:
        start = (number - 1) * oruk.PAGE_SIZE
        return list(range(start, min(start + oruk.PAGE_SIZE, len(r.site.services))))

    def fingerprint(self, r: Renderer, key: tuple[str, int]) -> list[tuple[str, str]]:
        # One digest per service from its record's fingerprint, as for service pages: building
        # the record to digest it would cost as much as writing it.
        kind, n = key
        services = r.site.services
        if kind == "service":
            listing = services[n]
            made = listing.record + last_modified(r, listing.id).encode()
            return [(service_path(listing.id).lstrip("/"), self._digest(r, made))]
        if kind == "page":  # only the records on it: an edit re-reads one page's, not every one
            made = b"".join(services[i].record + last_modified(r, services[i].id).encode()
                            for i in self._on_page(r, n))
            return [(page_path(n).lstrip("/"), self._digest(r, made + str(len(services)).encode()))]
        if kind == "csv":
            return [(CSV.lstrip("/"), self._digest(r, b"".join(s.record for s in services)))]
        if kind == "index":
            return [(INDEX.lstrip("/"), self._digest(r, str(len(services)).encode()))]
        names = list(oruk.taxonomies(r.site.config))
        return [(TAXONOMIES.lstrip("/"), self._digest(r, b"index"))] + [
            (f"api/taxonomies/{name}.json", self._digest(r, name.encode())) for name in names]

    def _digest(self, r: Renderer, made: bytes) -> str:
        return hashlib.blake2b(self._shared(r) + made, digest_size=16).hexdigest()

    def prepare(self, r: Renderer, keys: list[tuple[str, int]]) -> None:
        """Read the records the units need that the build did not keep. The spreadsheet is made
        here, from rows kept in .cache/ by record, so an edit re-reads one record, not all."""
        wanted: list[int] = []
        for kind, n in keys:
            if kind == "service":
                wanted.append(n)
            elif kind == "page":
                wanted += self._on_page(r, n)
        services = r.site.services
        # Made here when records must be read for it (reading is shared across processes, which
        # a worker cannot start), else by the worker that writes it.
        if ("csv", 0) in keys and any(s.id not in r.records for s in services):
            r.memo["api.csv"] = self._spreadsheet(r)
        missing = list(dict.fromkeys(services[i].id for i in wanted if services[i].id not in r.records))
        if missing:
            r.records.update(r.read_records(missing))

    def _spreadsheet(self, r: Renderer) -> bytes:
        # The build's own cache setting: a build with --no-cache has no compiled-template folder.
        keep = r.env.bytecode_cache is not None
        path = r.site.config.root / CACHE_DIR / "api-rows.pickle"
        kept: dict[bytes, str] = {}
        shared = self._shared(r)
        if keep:
            try:
                with open(path, "rb") as handle:
                    made_with, kept = pickle.load(handle)
                if made_with != shared:
                    kept = {}
            except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
                kept = {}
        services = r.site.services
        missing = [s.id for s in services if s.record not in kept and s.id not in r.records]
        if missing:
            r.records.update(r.read_records(missing))
        rows = {}
        for listing in services:
            text = kept.get(listing.record)
            if text is None:
                svc = r.records[listing.id]
                text = spreadsheet.encode_row(spreadsheet.row(svc, oruk.absolute(r.site.config, svc.url) or svc.url))
            rows[listing.record] = text
        if keep and rows != kept:
            path.parent.mkdir(exist_ok=True)
            temporary = path.with_suffix(".tmp")
            with open(temporary, "wb") as handle:
                pickle.dump((shared, rows), handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(path)
        return (spreadsheet.header() + "".join(rows.values())).encode("utf-8")

    def _terms(self, r: Renderer) -> dict[str, dict[str, dict]]:
        terms = r.memo.get("api.terms")
        if terms is None:
            config, ids = r.site.config, oruk.Ids(r.site.config)
            terms = r.memo["api.terms"] = {
                name: {t.code: oruk.term_object(config, ids, name, t) for t in found}
                for name, (_, found) in oruk.taxonomies(config).items()}
        return terms

    def record_json(self, r: Renderer, service_id: str) -> tuple[str, str]:
        """A service's record as its own file has it, and as a page lists it."""
        modified = last_modified(r, service_id)
        svc = r.records[service_id]
        key = self._shared(r) + svc.fingerprint + modified.encode()
        made = _MADE.get(key)
        if made is None:
            made = _MADE[key] = _both(oruk.service_record(svc, r.site.config, self._terms(r), modified))
            if len(_MADE) > 4 * oruk.PAGE_SIZE:  # only the last few pages' records are asked for again
                del _MADE[next(iter(_MADE))]
        return made

    def render(self, r: Renderer, key: tuple[str, int]) -> Iterator[Output]:
        kind, n = key
        services = r.site.services
        if kind == "service":
            yield Output(service_path(services[n].id), self.record_json(r, services[n].id)[0].encode())
        elif kind == "page":
            docs = [self.record_json(r, services[i].id)[1] for i in self._on_page(r, n)]
            envelope = _json(oruk.page_envelope([], n, len(services)) | {"size": len(docs), "empty": not docs})
            yield Output(page_path(n), (envelope[:-len("[]}")] + "[" + ",".join(docs) + "]}").encode())
        elif kind == "csv":
            data = r.memo.get("api.csv")
            yield Output(CSV, data if data is not None else self._spreadsheet(r))
        elif kind == "index":
            yield Output(INDEX, _json(self._index(r)).encode())
        else:
            config = r.site.config
            names = list(oruk.taxonomies(config))
            docs = [oruk.taxonomy_document(config, name) for name in names]
            listed = [{k: v for k, v in d.items() if k != "terms"} for d in docs]
            yield Output(TAXONOMIES, _json(oruk.page_envelope(listed, 1, len(listed), len(listed) or 1)).encode())
            for name, doc in zip(names, docs):
                yield Output(f"/api/taxonomies/{name}.json", _json(doc).encode())

    def _index(self, r: Renderer) -> dict:
        config = r.site.config
        where = lambda path: oruk.absolute(config, path) or r.url(path)  # noqa: E731
        pages = max(1, -(-len(r.site.services) // oruk.PAGE_SIZE))
        return {"version": oruk.VERSION, "profile": oruk.PROFILE, "publisher": config.council,
                "title": config.title, "total_services": len(r.site.services),
                "services": [where(page_path(n)) for n in range(1, pages + 1)],
                "service": where("/api/services/{id}.json"), "services_csv": where(CSV),
                "taxonomies": where(TAXONOMIES),
                "note": "A static export: every record and page is a file. There are no query filters "
                        "or proximity search; read every page, or the CSV, and filter locally."}
