"""Load phase: read every service file and page from a site root, keeping line numbers."""

from __future__ import annotations

import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import synonyms
from .cache import signature
from .diagnostics import ERROR, Diagnostic
from .yamlsource import Located, parse_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATA_FILES = {"glossary.yaml": "glossary", "you-said-we-did.yaml": "you-said-we-did"}  # file: schema
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)


@dataclass
class RawService:
    id: str
    rel: str  # path relative to the site root, for messages
    source: Located
    text: str = ""  # the file as written, to place columns in messages
    digest: bytes = b""  # of the file's bytes
    # Where validation keeps its schema result for this file: it depends on the file alone,
    # and the record travels in the build cache, so an unchanged file is checked once.
    schema_problems: list[Diagnostic] | None = None


@dataclass
class RawPage:
    rel: str
    url: str  # site path such as '/ehc-plans/annual-reviews/'
    easy_read: bool
    source: Located  # front matter
    body: str
    body_line: int  # 1-based file line where the body starts
    text: str = ""


Memo = dict  # rel -> (content digest, what reading it gave), carried between builds


@dataclass
class Sources:
    services: list[RawService] = field(default_factory=list)
    pages: list[RawPage] = field(default_factory=list)
    synonyms: list[tuple[str, Located]] = field(default_factory=list)  # (file, groups)
    data: dict[str, Located] = field(default_factory=dict)  # DATA_FILES found, by file name
    diagnostics: list[Diagnostic] = field(default_factory=list)
    memo: Memo = field(default_factory=dict)  # for the next build's cache


def _read(path: Path, rel: str, diags: list[Diagnostic]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.append(Diagnostic(rel, line, 1, ERROR, "", "is not UTF-8 text; save it as UTF-8"))
    return None


def _remembered(path: Path, rel: str, old: Memo | None, new: Memo, parse):
    """parse(text) for this file, or what it gave last time if the file is byte-for-byte the same."""
    data = path.read_bytes()
    digest = signature(data)
    hit = old.get(rel) if old else None
    if hit is not None and hit[0] == digest:
        new[rel] = hit
        return hit[1]
    diags: list[Diagnostic] = []
    try:
        result = parse(data.decode("utf-8"), diags)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result = None
        diags.append(Diagnostic(rel, line, 1, ERROR, "", "is not UTF-8 text; save it as UTF-8"))
    new[rel] = (digest, (result, diags))
    return result, diags


def slug(name: str) -> str:
    """A suggested file name: 'Swim Club_2' -> 'swim-club-2'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "service"


def page_url(parts: tuple[str, ...]) -> tuple[str, bool]:
    """Map content path parts to (site path, is easy read): a/b.md -> /a/b/, a/index.md -> /a/."""
    *dirs, name = parts
    stem = name[:-3]
    easy = stem.endswith(".easy")
    if easy:
        stem = stem[:-5]
    segments = dirs if stem == "index" else [*dirs, stem]
    url = "/" + "".join(s + "/" for s in segments)
    if easy:
        url = url + "easy-read/" if url != "/" else "/easy-read/"
    return url, easy


def _parse_service(rel: str, service_id: str):
    def parse(text: str, diags: list[Diagnostic]) -> RawService | None:
        located, problems = parse_yaml(text, rel)
        diags += problems
        digest = signature(text.encode("utf-8"))
        return RawService(service_id, rel, located, text, digest) if located is not None else None
    return parse


def _parse_page(rel: str, parts: tuple[str, ...]):
    def parse(text: str, diags: list[Diagnostic]) -> RawPage | None:
        match = FRONT_MATTER.match(text)
        if not match:
            diags.append(Diagnostic(rel, 1, 1, ERROR, "", "no front matter found. Start the file "
                                    "with a line '---', then 'title: ...', then '---'"))
            return None
        located, problems = parse_yaml(match.group(1) or "", rel, line_offset=1)
        diags += problems
        if located is None:
            return None
        url, easy = page_url(parts)
        body_line = text.count("\n", 0, match.end()) + 1
        return RawPage(rel, url, easy, located, text[match.end():], body_line, text)
    return parse


def _load_services(root: Path, out: Sources, old: Memo | None) -> None:
    folder = root / "services"
    if not folder.is_dir():
        return
    tasks: list[tuple[Path, str]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith("."):
            continue
        if path.suffix == ".yml":
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "",
                                              f"rename to {path.stem}.yaml (service files end in .yaml)"))
            continue
        if path.suffix != ".yaml":
            continue
        if path.parent != folder:
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "",
                                              "service files must sit directly in services/, not in a subfolder"))
            continue
        if not ID_PATTERN.match(path.stem):
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "", "file name must be lowercase "
                                              "letters and digits joined by hyphens; rename it to "
                                              f"'{slug(path.stem)}.yaml'; it becomes the page address"))
            continue
        tasks.append((path, rel))
    for rel, remembered in _read_services(tasks, old):
        out.memo[rel] = remembered
        service, diags = remembered[1]
        out.diagnostics += diags
        if service is not None:
            out.services.append(service)


PARALLEL_FILES = 1000  # a cold load of at least this many services is parsed across processes


def _read_chunk(tasks: list[tuple[Path, str]], old: Memo | None = None) -> list[tuple[str, tuple]]:
    out = []
    for path, rel in tasks:
        fresh: Memo = {}
        _remembered(path, rel, old, fresh, _parse_service(rel, path.stem))
        out.append((rel, fresh[rel]))
    return out


def _read_services(tasks: list[tuple[Path, str]], old: Memo | None) -> list[tuple[str, tuple]]:
    """(rel, (digest, (service, diagnostics))) per file, in order. With nothing remembered and many
    files (a cold build), YAML is parsed in one process per CPU: it is most of the load time."""
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if old or len(tasks) < PARALLEL_FILES or jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _read_chunk(tasks, old)
    chunks = [tasks[i:i + 250] for i in range(0, len(tasks), 250)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return [item for part in pool.map(_read_chunk, chunks) for item in part]


def _load_pages(root: Path, out: Sources, old: Memo | None) -> None:
    folder = root / "content"
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "_")) for p in parts):
            continue
        if not all(ID_PATTERN.match(p) for p in (*parts[:-1], parts[-1].removesuffix(".md").removesuffix(".easy"))):
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "", "folder and file names must be "
                                              "lowercase letters and digits joined by hyphens, like "
                                              "'short-breaks.md'; they become the page address"))
            continue
        page, diags = _remembered(path, rel, old, out.memo, _parse_page(rel, parts))
        out.diagnostics += diags
        if page is not None:
            out.pages.append(page)


def load_sources(root: Path, memo: Memo | None = None) -> Sources:
    """Read services/*.yaml, content/**/*.md and synonyms; parse faults become diagnostics.
    Files unchanged since the build that left `memo` are not parsed again."""
    out = Sources()
    _load_services(root, out, memo)
    _load_pages(root, out, memo)
    out.synonyms, problems = synonyms.load(root)
    out.diagnostics += problems
    for name in DATA_FILES:
        text = _read(root / name, name, out.diagnostics) if (root / name).is_file() else None
        if text is not None:
            located, problems = parse_yaml(text, name)
            out.diagnostics += problems
            if located is not None:
                out.data[name] = located
    return out
