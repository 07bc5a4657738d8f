"""`check --external`: every link to another site in records and pages, tried over the network
(a few at a time, fewer per host, with time-outs and one retry, HEAD then GET), so dead links and
moved pages are found before families find them. Recent results are kept in .cache/."""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import markdown
from .diagnostics import WARNING, Diagnostic
from .load import Sources
from .validate import MARKDOWN_FIELDS

CACHE_FILE = Path(".cache") / "external-links.json"
KEEP_GOOD = 7 * 24 * 3600  # a link that worked is tried again after a week; a broken one every run
WORKERS, PER_HOST, TIMEOUT, HOPS = 16, 2, 10.0, 5
_AGENT = "localoffer-ssg link check (+https://github.com/)"


@dataclass(frozen=True)
class Place:
    rel: str
    line: int
    col: int
    field: str


def gather(sources: Sources) -> dict[str, list[Place]]:
    """Every http(s) address in service records and pages, with where each is written."""
    found: dict[str, list[Place]] = {}
    for svc in sources.services:
        data = svc.source.data if isinstance(svc.source.data, dict) else {}
        for name in MARKDOWN_FIELDS:
            if isinstance(data.get(name), str):
                first = svc.source.value_pos((name,)).text_line
                for link in markdown.links(data[name]):
                    line = first + link.line
                    _add(found, link.href, Place(svc.rel, line, _column(svc.text, line, link.href), name))
        contact = data.get("contact")
        if isinstance(contact, dict) and isinstance(contact.get("website"), str):
            pos = svc.source.value_pos(("contact", "website"))
            _add(found, contact["website"], Place(svc.rel, pos.line, pos.col, "contact.website"))
    for page in sources.pages:
        for link in markdown.links(page.body):
            line = page.body_line + link.line
            _add(found, link.href, Place(page.rel, line, _column(page.text, line, link.href), ""))
    return found


def _column(text: str, line: int, href: str) -> int:
    lines = text.splitlines()
    return lines[line - 1].find(href) + 1 or 1 if 0 < line <= len(lines) else 1


def _add(found: dict[str, list[Place]], href: str, place: Place) -> None:
    if urlsplit(href).scheme in ("http", "https"):
        found.setdefault(href.partition("#")[0], []).append(place)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # each hop is looked at, not followed blindly
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _once(url: str, method: str) -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _AGENT})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as reply:
            return reply.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "") if exc.headers else ""


def probe(url: str) -> tuple[str, str]:
    """('ok' | 'moved' | 'broken', what to tell the editor)."""
    here = url
    for _ in range(HOPS):
        status, location = _try(here)
        if status in (301, 308) and location:
            return "moved", f"has moved permanently to {urljoin(here, location)}; update the link"
        if status in (302, 303, 307) and location:
            here = urljoin(here, location)
            continue
        if 200 <= status < 400:
            return "ok", ""
        if status == 0:
            return "broken", f"could not be reached ({location}); check the address or try again later"
        return "broken", f"gives HTTP error {status}" + (" (the page is not there)" if status in (404, 410) else "") \
            + "; fix or remove the link"
    return "broken", "redirects too many times; check the address"


def _try(url: str) -> tuple[int, str]:
    """HEAD, then GET where HEAD is refused or the server fails; the whole again once after a
    time-out, a refused connection or a server error. Status 0 means no answer (and why)."""
    last = (0, "no answer")
    for attempt in range(2):
        for method in ("HEAD", "GET"):
            try:
                status, location = _once(url, method)
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
                reason = str(getattr(exc, "reason", exc))
                last = (0, "timed out" if "timed out" in reason else reason)
                break  # GET would meet the same silence: wait, then try once more
            last = (status, location)
            if method == "HEAD" and (status in (403, 405, 501) or status >= 500):
                continue  # some servers refuse HEAD: ask for the page itself
            if status < 500:
                return last
            break
        if attempt == 0:
            time.sleep(0.2)
    return last


class _Hosts:
    """At most PER_HOST requests to any one host at a time: a council's links often share a host."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Semaphore] = {}

    def gate(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._gates.setdefault(urlsplit(url).netloc.lower(), threading.Semaphore(PER_HOST))


def check(root: Path, sources: Sources, now: float | None = None) -> list[Diagnostic]:
    """A warning at every place a broken or permanently moved link is written."""
    now = time.time() if now is None else now
    found = gather(sources)
    cache_path = root / CACHE_FILE
    try:
        cached = json.loads(cache_path.read_text("utf-8"))
    except (OSError, ValueError):
        cached = {}
    results = {u: (r[1], r[2]) for u, r in cached.items() if isinstance(r, list) and len(r) == 3
               and r[1] == "ok" and now - r[0] < KEEP_GOOD and u in found}
    hosts = _Hosts()

    def one(url: str) -> tuple[str, tuple[str, str]]:
        with hosts.gate(url):
            return url, probe(url)

    todo = [u for u in found if u not in results]
    with ThreadPoolExecutor(max_workers=min(WORKERS, max(1, len(todo)))) as pool:
        results.update(dict(pool.map(one, todo)))
    keep = {u: [cached[u][0] if u not in todo else now, *r] for u, r in results.items()}
    try:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        temp = cache_path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(keep, indent=0, sort_keys=True), "utf-8")
        os.replace(temp, cache_path)
    except OSError:
        pass  # a cache that cannot be saved only makes the next run slower
    out = []
    for url, (state, message) in sorted(results.items()):
        if state != "ok":
            for place in found[url]:
                out.append(Diagnostic(place.rel, place.line, place.col, WARNING, place.field,
                                      f"link {url} {message}", kind="external"))
    return out
