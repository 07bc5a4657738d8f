"""What's new: /changes/ and the Atom feed list exactly the content commits, newest first, parsed
by a real feed parser; the same commit builds the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess

import feedparser
import pytest

from .conftest import build
from .test_history import CONTENT_SUBJECTS, SCRIPT, git, scripted

BASE = "https://example.org/local-offer/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("feed")
    root = scripted(tmp)
    out = tmp / "out"
    build(root, out)
    return root, out


def _log(root):
    """Content commits as git log tells them: (sha, committer date, subject)."""
    lines = git(root, "log", "--format=%H %cI %s", "--", "services", "content").splitlines()
    return [tuple(line.split(" ", 2)) for line in lines]


def test_the_page_lists_exactly_the_content_commits_newest_first(built):
    root, out = built
    html = (out / "changes/index.html").read_text()
    subjects = re.findall(r'<h2 id="c-[0-9a-f]{12}-h">([^<]*)</h2>', html)
    assert subjects == CONTENT_SUBJECTS == [s for _, _, s in _log(root)]
    assert "Tidy the 404 page layout" not in html  # a code-only commit
    for sha, when, _ in _log(root):
        assert f'id="c-{sha[:12]}"' in html and f'datetime="{when}"' in html


def test_changed_pages_are_linked_and_removed_services_named(built):
    _, out = built
    html = (out / "changes/index.html").read_text()
    section = lambda subject: html.split(f">{subject}</h2>")[1].split("</section>")[0]  # noqa: E731
    removed = section("Remove the holiday club and the old service")
    assert "<strong>Removed:</strong> Holiday Club; Old Service</p>" in removed and "<a " not in removed
    renamed = section("Rename the after school club")
    assert '<a href="/local-offer/services/after-school-clubs/">After School Club</a>' in renamed
    edited = section("Speech therapy: new summary")
    assert '<strong>Updated:</strong> <a href="/local-offer/services/speech-therapy/">Speech Therapy Drop-in</a>' \
        in edited
    first = section("Add the Local Offer")
    # Added then renamed: linked where it is now. Added then removed: named, not linked.
    assert 'href="/local-offer/services/after-school-clubs/"' in first and "Holiday Club" in first
    assert 'href="/local-offer/services/holiday-club/"' not in first


def test_the_feed_is_valid_atom_with_an_entry_per_content_commit(built):
    root, out = built
    feed = feedparser.parse((out / "changes.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    log = _log(root)
    assert [e.title for e in feed.entries] == [s for _, _, s in log]
    assert feed.feed.updated == log[0][1]
    for entry, (sha, when, _) in zip(feed.entries, log):
        assert dt.datetime.fromisoformat(entry.updated) == dt.datetime.fromisoformat(when)
        assert entry.id.startswith("urn:uuid:")
        alternate = [link.href for link in entry.links if link.rel == "alternate"]
        assert len(alternate) == 1 and alternate[0].startswith(BASE)
    guide = feed.entries[0]
    assert guide.link == BASE + "guides/therapies/"
    removal = next(e for e in feed.entries if e.title.startswith("Remove"))
    sha = next(sha for sha, _, subject in log if subject.startswith("Remove"))
    assert removal.link == BASE + "changes/#c-" + sha[:12] and "Removed: Holiday Club" in removal.summary
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [BASE + "changes.xml"]


def test_entry_ids_stay_the_same_as_new_commits_come_and_the_same_commit_builds_the_same_bytes(built, tmp_path):
    root, out = built
    ids = [e.id for e in feedparser.parse((out / "changes.xml").read_bytes()).entries]
    again = tmp_path / "again"
    build(root, again, cache=False)
    assert (again / "changes.xml").read_bytes() == (out / "changes.xml").read_bytes()
    assert (again / "changes/index.html").read_bytes() == (out / "changes/index.html").read_bytes()
    path = root / "services" / "speech-therapy.yaml"
    path.write_text(path.read_text().replace("Free weekly", "Free"))
    git(root, "commit", "-q", "-am", "Speech therapy: shorter summary", when="2026-05-01T09:00:00+00:00")
    newer = feedparser.parse(build(root, tmp_path / "newer").out.joinpath("changes.xml").read_bytes())
    assert newer.entries[0].title == "Speech therapy: shorter summary"
    assert [e.id for e in newer.entries[1:]] == ids


def test_every_page_advertises_the_feed_and_the_footer_and_home_page_link_to_whats_new(built):
    _, out = built
    for page in ("index.html", "services/speech-therapy/index.html", "a-z/index.html"):
        html = (out / page).read_text()
        assert '<link rel="alternate" type="application/atom+xml" href="/local-offer/changes.xml"' in html
        assert '<a href="/local-offer/changes/">What\'s new</a>' in html
    assert "What's new: the latest changes" in (out / "index.html").read_text()
    assert BASE + "changes/" in (out / "sitemap.xml").read_text()


def _name(n: int) -> str:
    """Names as varied as real ones, which compress as little."""
    return "Club " + hashlib.sha1(str(n).encode()).hexdigest()[:16]


def test_a_long_busy_history_keeps_the_page_within_its_weight_and_lists_the_latest_100(tmp_path):
    from localoffer_ssg.pageweight import BUDGET, weigh

    from .test_history import HOLIDAY
    root = scripted(tmp_path, SCRIPT[:1])
    # One commit adds 300 services; then 120 commits change 20 each: written with fast-import,
    # one process for the whole history.
    stream, mark = [], 0
    def commit(subject, files, when):  # noqa: E306
        nonlocal mark
        mark += 1
        stream.append(f"commit refs/heads/main\nmark :{mark}\ncommitter Editor <e@exampleshire.example.org> "
                      f"{when} +0000\ndata {len(subject)}\n{subject}\n" + ("from refs/heads/main^0\n" if mark == 1 else ""))
        for path, text in files:
            stream.append(f"M 100644 inline {path}\ndata {len(text.encode())}\n{text}\n")
    club = HOLIDAY.replace("[leisure]", "[health]")
    bulk = [(f"services/club-{n:03d}.yaml", club.replace("Holiday Club", _name(n))) for n in range(300)]
    commit("Add 300 clubs", bulk, 1775000000)
    for n in range(120):  # each changes 20 clubs
        commit(f"Club {n}: new summary", [(f"services/club-{m:03d}.yaml", club.replace(
            "Holiday Club", _name(m)).replace("Play sessions", f"Play sessions ({n})"))
            for m in range(n * 20 % 300, n * 20 % 300 + 20)], 1775000000 + 3600 * n)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True)
    git(root, "reset", "-q", "--hard", "main")
    out = tmp_path / "out"
    build(root, out)
    html = (out / "changes/index.html").read_text()
    assert len(re.findall(r'<h2 id="c-', html)) == 100
    assert "Club 119: new summary" in html and "Club 19: new summary" not in html
    assert weigh(out, "changes/index.html", "/local-offer/").total <= BUDGET
    assert len(feedparser.parse((out / "changes.xml").read_bytes()).entries) == 100
