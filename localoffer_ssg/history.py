"""What git knows about the content: when each file last changed, and the latest content commits.
Read with one `git log` for the whole site (plus a look at the repository and its uncommitted
files); without git the build goes on, and says what it could not date."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .config import Config

LATEST = 100  # content commits /changes/ and the feed show
CONTENT = ("services", "content", "you-said-we-did.yaml")  # git pathspecs for what pages are made from
_FORMAT = "%x1e%H%x1f%P%x1f%cI%x1f%s"


@dataclass(frozen=True)
class Change:
    """One content file in a commit. `path` is where the file is now (renames followed)."""

    kind: str  # added, changed or removed
    path: str  # relative to the site root, e.g. services/swim.yaml
    at: str  # the path in that commit, to name a file the site no longer has


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime  # committer date, with the committer's offset
    subject: str
    changes: tuple[Change, ...]


@dataclass
class History:
    dates: dict[str, dt.date] = field(default_factory=dict)  # site file: date of its last commit
    times: dict[str, dt.datetime] = field(default_factory=dict)  # and its time, for open data
    commits: list[Commit] = field(default_factory=list)  # content commits, newest first
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (sha, path): title of a file now gone
    prefix: str = ""  # the site root within the repository, e.g. '' or 'site/'
    notes: list[str] = field(default_factory=list)  # what could not be dated, said once by the build


def is_content(path: str) -> bool:
    parts = path.split("/")
    if path == "you-said-we-did.yaml":
        return True
    if parts[0] == "services":
        return len(parts) == 2 and path.endswith(".yaml") and not parts[1].startswith(".")
    return parts[0] == "content" and path.endswith(".md") and not any(p[:1] in "._" for p in parts[1:])


def _in_git(root: Path) -> bool:
    """A look for .git before starting any process: most sites built outside git pay nothing."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((folder / ".git").exists() for folder in (root, *root.parents))


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True,
                          timeout=300, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    if done.returncode:
        raise OSError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["git failed"])
    return done.stdout.decode("utf-8", "replace")


def read(root: Path) -> History:
    """The site's history; empty, with a note, when git cannot tell it."""
    out = History()
    if not _in_git(root):
        out.notes.append("the site is not in a git repository, so pages show no 'Last updated' date and "
                         "/changes/ lists nothing: keep the site in git to show them")
        return out
    if shutil.which("git") is None:
        out.notes.append("git is not installed, so pages show no 'Last updated' date and /changes/ lists "
                         "nothing: install git to show them")
        return out
    try:
        facts = _git(root, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--show-prefix")
        shallow_flag, shallow_file, prefix = (facts.split("\n") + ["", "", ""])[:3]
        out.prefix = prefix
        log = _git(root, "log", "-M", "--name-status", "-z", "--relative", "--no-color", f"--format={_FORMAT}",
                   "--", *CONTENT) if _has_commits(root) else ""
        dirty = _dirty(_git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *CONTENT), prefix)
    except (OSError, subprocess.SubprocessError) as exc:
        out.notes.append(f"git could not read the history ({exc}), so pages show no 'Last updated' date")
        return out
    boundary = set((root / shallow_file).read_text().split()) if shallow_flag == "true" and \
        (root / shallow_file).is_file() else set()
    undated = _parse(log, boundary, out)
    for path in dirty:
        out.dates.pop(path, None)
        out.times.pop(path, None)
    undated = sorted(p for p in undated if p not in out.dates and (root / p).is_file())
    if undated:
        out.notes.append(f"this is a shallow clone, so {_files(undated)} changed before its oldest commit "
                         "show no 'Last updated' date: fetch the full history (git fetch --unshallow, or "
                         "fetch-depth: 0 for actions/checkout)")
    dirty = sorted(p for p in dirty if (root / p).is_file())
    if dirty:
        out.notes.append(f"{_files(dirty)} not yet committed, so their pages show no 'Last updated' date "
                         "until they are")
    _name_gone(root, out)
    return out


def _has_commits(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "-q", "HEAD")
        return True
    except OSError:
        return False


def _files(paths: list[str]) -> str:
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return f"{len(paths)} file{'s' if len(paths) != 1 else ''} ({shown})" + (" have" if len(paths) != 1 else " has")


def _dirty(status: str, prefix: str) -> set[str]:
    """Site files with uncommitted changes (porcelain paths are from the repository's top)."""
    found: set[str] = set()
    tokens = iter(status.split("\0"))
    for token in tokens:
        if len(token) < 4:
            continue
        code, path = token[:2], token[3:]
        if "R" in code or "C" in code:
            next(tokens, None)  # the path it came from
        if path.startswith(prefix) and is_content(path[len(prefix):]):
            found.add(path[len(prefix):])
    return found


def _parse(log: str, boundary: set[str], out: History) -> set[str]:
    """Fill dates and commits from `git log` output, newest first. Returns the files only the
    oldest commit of a shallow clone shows, which seem added there and so cannot be dated."""
    moved: dict[str, str] = {}  # an older path: where the file is now, from renames seen so far
    undated: set[str] = set()
    for record in log.split("\x1e")[1:]:
        head, _, body = record.partition("\0")
        sha, parents, when, subject = (head.split("\x1f") + ["", "", ""])[:4]
        tokens = body.lstrip("\n").split("\0")
        changes: list[Change] = []
        i = 0
        while i < len(tokens) and tokens[i]:
            status = tokens[i][:1]
            if status in "RC":
                old, new, i = tokens[i + 1], tokens[i + 2], i + 3
                now = moved.get(new, new)
                if status == "R":
                    moved[old] = now
                    if is_content(old) and not is_content(new):
                        changes.append(Change("removed", old, old))
                if is_content(new):
                    changes.append(Change("changed", now, new))
                continue
            path, i = tokens[i + 1], i + 2
            if is_content(path):
                kind = {"A": "added", "D": "removed"}.get(status, "changed")
                changes.append(Change(kind, path if kind == "removed" else moved.get(path, path), path))
        if not changes:
            continue  # code, tests, workflows, or a merge
        if sha in boundary and not parents:
            undated.update(c.path for c in changes)
            continue
        day = dt.datetime.fromisoformat(when)
        for c in changes:
            if c.kind != "removed":
                out.dates.setdefault(c.path, day.date())
                out.times.setdefault(c.path, day)
        if len(out.commits) < LATEST:
            out.commits.append(Commit(sha, day, subject, tuple(dict.fromkeys(changes))))
    return undated


_TITLE = re.compile(r"^(?:name|title):[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def _name_gone(root: Path, out: History) -> None:
    """Titles of files the latest commits name that the site no longer has, read from git in
    one process: a removed service is named on /changes/, not linked."""
    wanted = sorted({(c.sha, ch.at, ch.kind) for c in out.commits for ch in c.changes
                     if ch.kind == "removed" or not (root / ch.path).is_file()})
    if not wanted:
        return
    specs = "".join(f"{sha}{'^' if kind == 'removed' else ''}:{out.prefix}{at}\n" for sha, at, kind in wanted)
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=specs.encode(), capture_output=True,
                              timeout=300)
    except (OSError, subprocess.SubprocessError):
        return
    data, pos = done.stdout, 0
    for sha, at, _ in wanted:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            text = data[pos:pos + size].decode("utf-8", "replace")
            pos += size + 1
            found = _TITLE.search(text)
            if found:
                out.names[(sha, at)] = found[1].strip("'\"")


def links(config: Config, prefix: str, rel: str) -> tuple[str, str]:
    """The host's history page and web editor for a site file: GitHub's or GitLab's forms."""
    repo = config.repo_url.rstrip("/").removesuffix(".git")
    if not repo:
        return "", ""
    path = f"{config.branch}/{prefix}{rel}"
    dash = "/-" if "gitlab" in urlsplit(repo).netloc else ""  # GitLab's pages sit under /-/
    return f"{repo}{dash}/commits/{path}", f"{repo}{dash}/edit/{path}"
