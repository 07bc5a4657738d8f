"""History from git: each page's 'Last updated' date and history links match git log, in a
temporary repository with a scripted history; shallow clones, uncommitted edits and no git."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SITES, build, run_cli

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}  # conftest.TODAY, so builds by both ways share a cache

HOLIDAY = """name: Holiday Club
summary: Play sessions in the school holidays.
description: Games and crafts.
themes: [health]
age_range: {min: 5, max: 11}
contact: {phone: 01632 960 010}
last_reviewed: 2026-01-05
"""

# (commit date, subject, what it does): a rename, a deletion and a code-only commit among them
SCRIPT = [
    ("2026-01-10T09:00:00+00:00", "Add the Local Offer", "all"),
    ("2026-02-03T10:15:00+00:00", "Speech therapy: new summary", "edit-service"),
    ("2026-02-20T23:30:00+01:00", "Rename the after school club", "rename"),
    ("2026-03-05T08:00:00+00:00", "Remove the holiday club and the old service", "delete"),
    ("2026-03-15T12:00:00+00:00", "Tidy the 404 page layout", "code"),
    ("2026-04-01T16:45:00+00:00", "Therapies guide: clearer wording", "edit-page"),
]
CONTENT_SUBJECTS = [s for _, s, what in reversed(SCRIPT) if what != "code"]


def git(root: Path, *args: str, when: str = "2026-01-01T00:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@exampleshire.example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@exampleshire.example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def _step(root: Path, what: str) -> None:
    if what == "all":
        (root / "services" / "holiday-club.yaml").write_text(HOLIDAY)
    elif what == "edit-service":
        path = root / "services" / "speech-therapy.yaml"
        path.write_text(path.read_text().replace("Free drop-in sessions", "Free weekly drop-in sessions"))
    elif what == "rename":
        git(root, "mv", "services/after-school-club.yaml", "services/after-school-clubs.yaml")
    elif what == "delete":
        git(root, "rm", "-q", "services/holiday-club.yaml", "services/old-service.yaml")
    elif what == "code":
        path = root / "layouts" / "404.html"
        path.write_text(path.read_text() + "\n")
    elif what == "edit-page":
        path = root / "content" / "guides" / "therapies.md"
        path.write_text(path.read_text().replace("## Speech therapy", "## Speech and language therapy"))


def scripted(tmp: Path, script=SCRIPT) -> Path:
    """The basic fixture site in a new git repository with `script` as its history."""
    root = tmp / "site"
    shutil.copytree(SITES / "valid" / "basic", root, ignore=shutil.ignore_patterns(".cache", "_site"))
    (root / ".gitignore").write_text(".cache/\n_site/\n")
    git(root, "init", "-q", "-b", "main")
    for when, subject, what in script:
        _step(root, what)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", subject, when=when)
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return scripted(tmp_path_factory.mktemp("history"))


def _updated(html: str) -> str | None:
    found = re.search(r'Last updated: <time datetime="([0-9-]+)">', html)
    return found[1] if found else None


def _pages(root: Path) -> dict[str, str]:
    """Each content file with a page of its own, and that page's output file."""
    pages = {f"services/{p.stem}.yaml": f"services/{p.stem}/index.html" for p in (root / "services").glob("*.yaml")
             if "status: closed" not in p.read_text()}
    for path in (root / "content").rglob("*.md"):
        rel = path.relative_to(root).as_posix()
        if path.name.endswith(".easy.md") or rel == "content/index.md":
            continue  # easy-read pages and the home page show no dates
        stem = rel.removeprefix("content/").removesuffix(".md").removesuffix("index").rstrip("/")
        pages[rel] = f"{stem}/index.html"
    return pages


def test_every_page_shows_the_date_of_the_last_commit_that_touched_its_file(repo, tmp_path):
    out = tmp_path / "out"
    result = build(repo, out)
    assert result.notes == []
    pages = _pages(repo)
    assert "services/after-school-clubs.yaml" in pages and "content/guides/therapies.md" in pages
    for rel, page in pages.items():
        expected = git(repo, "log", "-1", "--format=%cs", "--", rel).strip()
        assert _updated((out / page).read_text()) == expected, rel
    expected = {"services/speech-therapy.yaml": "2026-02-03", "services/after-school-clubs.yaml": "2026-02-20",
                "content/guides/therapies.md": "2026-04-01", "content/guides/index.md": "2026-01-10"}
    for rel, day in expected.items():
        assert _updated((out / pages[rel]).read_text()) == day
    therapies = (out / "guides/therapies/index.html").read_text()
    assert re.search(r"Last reviewed: <time[^>]*>1 April 2026</time>. Last updated: <time[^>]*>1 April 2026<",
                     therapies)


def test_history_and_suggest_a_change_links_point_at_the_file_on_the_host(repo, tmp_path):
    out = tmp_path / "out"
    build(repo, out)
    page = (out / "services/after-school-clubs/index.html").read_text()
    base = "https://git.example.org/testshire/local-offer"
    assert f'<a href="{base}/commits/main/services/after-school-clubs.yaml">See the history of this page</a>' in page
    assert f'<a href="{base}/edit/main/services/after-school-clubs.yaml">Suggest a change to this page</a>' in page
    guide = (out / "guides/therapies/index.html").read_text()
    assert f'href="{base}/commits/main/content/guides/therapies.md"' in guide


def _with_settings(repo: Path, tmp: Path, old: str, new: str) -> Path:
    copy = tmp / "copy"
    shutil.copytree(repo, copy)
    toml = copy / "site.toml"
    toml.write_text(toml.read_text().replace(old, new))
    git(copy, "commit", "-q", "-am", "Settings", when="2026-04-02T09:00:00+00:00")
    return copy


def test_gitlab_links_use_its_own_forms_and_no_repo_url_means_no_links(repo, tmp_path):
    gitlab = _with_settings(repo, tmp_path / "a", 'repo_url = "https://git.example.org/testshire/local-offer"',
                            'repo_url = "https://gitlab.example.org/testshire/local-offer"\nbranch = "live"')
    build(gitlab, tmp_path / "out-a")
    page = (tmp_path / "out-a/services/speech-therapy/index.html").read_text()
    assert 'href="https://gitlab.example.org/testshire/local-offer/-/commits/live/services/speech-therapy.yaml"' in page
    assert 'href="https://gitlab.example.org/testshire/local-offer/-/edit/live/services/speech-therapy.yaml"' in page
    bare = _with_settings(repo, tmp_path / "b", 'repo_url = "https://git.example.org/testshire/local-offer"\n', "")
    build(bare, tmp_path / "out-b")
    page = (tmp_path / "out-b/services/speech-therapy/index.html").read_text()
    assert "See the history" not in page and "Suggest a change" not in page
    assert _updated(page) == "2026-02-03"  # the date still shows


def test_a_site_in_a_subfolder_links_to_its_files_by_their_path_in_the_repository(tmp_path):
    top = tmp_path / "repo"
    top.mkdir()
    shutil.copytree(SITES / "valid" / "basic", top / "localoffer", ignore=shutil.ignore_patterns(".cache", "_site"))
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Add", when="2026-01-10T09:00:00+00:00")
    build(top / "localoffer", tmp_path / "out")
    page = (tmp_path / "out/services/speech-therapy/index.html").read_text()
    assert "/commits/main/localoffer/services/speech-therapy.yaml" in page and _updated(page) == "2026-01-10"


def test_uncommitted_edits_are_undated_and_named_once_and_dated_once_committed(repo, tmp_path):
    site = tmp_path / "copy"
    shutil.copytree(repo, site)
    path = site / "services" / "speech-therapy.yaml"
    path.write_text(path.read_text().replace("weekly", "fortnightly"))
    (site / "content" / "guides" / "new-guide.md").write_text("---\ntitle: New guide\n---\nA new guide.\n")
    out = tmp_path / "out"
    done = run_cli("build", "--root", str(site), "--out", str(out), "--no-search", env=ENV)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "not yet committed" in line]
    assert len(notes) == 1 and notes[0].startswith("warning: 2 files (")
    assert "services/speech-therapy.yaml" in notes[0] and "content/guides/new-guide.md" in notes[0]
    assert _updated((out / "services/speech-therapy/index.html").read_text()) is None
    assert _updated((out / "guides/new-guide/index.html").read_text()) is None
    assert _updated((out / "services/after-school-clubs/index.html").read_text()) == "2026-02-20"
    # Committing changes no file, only what git says: exactly the pages whose dates changed
    # (and What's new) are rendered again.
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Speech therapy: fortnightly; a new guide", when="2026-05-01T10:00:00+00:00")
    result = build(site, out)
    assert result.notes == []
    changed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if before.get(p) != p.read_bytes())
    assert changed == ["changes/index.html", "guides/new-guide/index.html", "services/speech-therapy/index.html"]
    assert _updated((out / "services/speech-therapy/index.html").read_text()) == "2026-05-01"
    assert _updated((out / "guides/new-guide/index.html").read_text()) == "2026-05-01"
    assert build(site, out).rendered == 0


def test_a_new_commit_re_renders_exactly_the_pages_whose_dates_changed(repo, tmp_path):
    site = tmp_path / "copy"
    shutil.copytree(repo, site)
    out = tmp_path / "out"
    build(site, out)
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    path = site / "services" / "speech-therapy.yaml"
    path.write_text(path.read_text() + "# checked with the service\n")  # a comment: the record is the same
    git(site, "commit", "-q", "-am", "Speech therapy: checked", when="2026-05-02T10:00:00+00:00")
    result = build(site, out)
    changed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if before.get(p) != p.read_bytes())
    assert changed == ["changes/index.html", "services/speech-therapy/index.html"]
    assert _updated((out / "services/speech-therapy/index.html").read_text()) == "2026-05-02"
    assert result.rendered < result.pages / 2


def test_a_shallow_clone_dates_what_its_commits_show_and_says_what_it_could_not(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    out = tmp_path / "out"
    done = run_cli("build", "--root", str(clone), "--out", str(out), "--no-search", env=ENV)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "shallow clone" in line]
    assert len(notes) == 1 and "fetch-depth: 0" in notes[0] and "content/guides/therapies.md" not in notes[0]
    # The last two commits are there: the code change and the therapies guide.
    assert _updated((out / "guides/therapies/index.html").read_text()) == "2026-04-01"
    assert _updated((out / "services/speech-therapy/index.html").read_text()) is None
    changes = (out / "changes/index.html").read_text()
    assert "Therapies guide: clearer wording" in changes and "Add the Local Offer" not in changes


def test_without_git_the_build_succeeds_and_says_so_once(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", site, ignore=shutil.ignore_patterns(".cache", "_site"))
    out = tmp_path / "out"
    done = run_cli("build", "--root", str(site), "--out", str(out), "--no-search", env=ENV)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("not in a git repository") == 1
    page = (out / "services/speech-therapy/index.html").read_text()
    assert _updated(page) is None and "Last reviewed" in page and "See the history of this page" in page
    (site / ".git").mkdir()  # looks like a repository, but git is not installed
    done = subprocess.run([sys.executable, "-m", "localoffer_ssg", "build", "--root", str(site), "--out",
                           str(tmp_path / "out-g"), "--no-search"], env={**ENV, "PATH": str(tmp_path / "empty")},
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr.count("git is not installed") == 1, done.stderr


def test_open_data_records_carry_when_git_last_changed_them(repo, tmp_path):
    out = tmp_path / "out"
    build(repo, out)
    speech = json.loads((out / "api/services/speech-therapy.json").read_text("utf-8"))
    assert speech["last_modified"] == "2026-02-03T10:15:00.000Z"
    club = json.loads((out / "api/services/after-school-clubs.json").read_text("utf-8"))
    assert club["last_modified"] == "2026-02-20T22:30:00.000Z"  # the rename, at its time in UTC
