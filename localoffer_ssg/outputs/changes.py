"""What changed: /changes/ and the Atom feed /changes.xml, from the latest content commits in git."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, replace
from typing import Iterator

from .. import routes
from ..history import Commit
from ..render import Output, Renderer
from .base import Generator

CHANGES = routes.CHANGES
FEED = routes.CHANGES_FEED
SHOWN = 12  # pages named per kind of change: one commit may touch thousands of services
ON_PAGE = 200  # pages named on /changes/ in all, so it stays within the page weight budget
_EMPTY = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)  # a feed with no entries: never the clock


@dataclass(frozen=True)
class Item:
    title: str
    url: str  # "" when the site no longer has the page


@dataclass(frozen=True)
class Entry:
    sha: str
    when: dt.datetime
    subject: str
    added: tuple[Item, ...]
    changed: tuple[Item, ...]
    removed: tuple[Item, ...]
    more: int  # items not shown
    id: str  # the feed entry's id: stable for the commit

    @property
    def anchor(self) -> str:
        return f"c-{self.sha[:12]}"

    @property
    def first_url(self) -> str:
        return next((i.url for i in self.added + self.changed if i.url), "")


def _titles(r: Renderer) -> dict[str, tuple[str, str]]:
    """Each site file that has a page: (title, site path)."""
    found = {f"services/{s.id}.yaml": (s.name, s.url) for s in r.site.services}
    found.update({p.rel: (p.title + (" (easy read)" if p.easy_read else ""), p.url) for p in r.site.pages})
    found["you-said-we-did.yaml"] = ("You said, we did", routes.YOU_SAID_WE_DID)
    return found


def _fallback(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].removesuffix(".md").removesuffix(".yaml").removesuffix(".easy")
    return stem.replace("-", " ").capitalize()


def _entry(r: Renderer, commit: Commit, titles: dict[str, tuple[str, str]]) -> Entry:
    groups: dict[str, list[Item]] = {"added": [], "changed": [], "removed": []}
    names = r.site.history.names
    for change in commit.changes:
        title, url = titles.get(change.path, ("", ""))
        if change.kind == "removed":
            url = ""
            title = names.get((commit.sha, change.at)) or title or _fallback(change.at)
        elif not url:
            if (r.site.config.root / change.path).is_file():
                continue  # still there but not published (a draft or a closed service): not named
            title = names.get((commit.sha, change.at)) or _fallback(change.at)
        groups[change.kind].append(Item(title, url))
    shown = {k: tuple(v[:SHOWN]) for k, v in groups.items()}
    more = sum(len(v) - SHOWN for v in groups.values() if len(v) > SHOWN)
    ident = uuid.uuid5(uuid.NAMESPACE_URL, f"{r.site.config.id}/changes/{commit.sha}")
    return Entry(commit.sha, commit.when, commit.subject, shown["added"], shown["changed"], shown["removed"],
                 more, f"urn:uuid:{ident}")


def entries(r: Renderer) -> list[Entry]:
    """The latest content commits, newest first, as the page and the feed show them."""
    found = r.memo.get("changes")
    if found is None:
        titles = _titles(r)
        found = r.memo["changes"] = [_entry(r, c, titles) for c in r.site.history.commits]
    return found


def _within_budget(found: list[Entry]) -> list[Entry]:
    """The entries with no more than ON_PAGE pages named in all; the rest are counted."""
    left, out = ON_PAGE, []
    for e in found:
        groups = []
        for items in (e.added, e.changed, e.removed):
            groups.append(items[:max(left, 0)])
            left -= len(items)
        cut = sum(map(len, (e.added, e.changed, e.removed))) - sum(map(len, groups))
        out.append(replace(e, added=groups[0], changed=groups[1], removed=groups[2], more=e.more + cut) if cut else e)
    return out


class Changes(Generator):
    name = "changes"

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield r.page("changes.html", CHANGES, title="What's new", entries=_within_budget(entries(r)),
                     description="The latest changes to the Local Offer, newest first.")


class ChangesFeed(Generator):
    name = "changes_feed"

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        assert r.fingerprints is not None
        made_from = r.fingerprints.template("changes.xml") + r.globals_digest.encode() + repr(entries(r)).encode()
        return [(routes.output_file(FEED), hashlib.blake2b(made_from, digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        found = entries(r)
        config = r.site.config
        xml = r.env.get_template("changes.xml").render(
            entries=found, updated=found[0].when if found else _EMPTY, absolute=r.absolute,
            feed_id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, config.id + '/changes')}",
            changes_path=CHANGES, feed_path=FEED)
        yield Output(FEED, xml.encode("utf-8"))
