"""Load phase: read every service file and page from a site root, keeping line numbers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import i18n, safety, synonyms
from .cache import signature
from .diagnostics import ERROR, Diagnostic
from .yamlsource import Located, parse_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATA_FILES = {"glossary.yaml": "glossary", "you-said-we-did.yaml": "you-said-we-did"}  # file: schema
LINKED = ("is a link to another file or folder; put the file itself here (links can publish files "
          "from outside the site)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)


@dataclass
class RawService:
    id: str
    rel: str  # path relative to the site root, for messages
    source: Located
    text: str = ""  # the file as written, to place columns in messages
    digest: bytes = b""  # of the file's bytes


class ServiceFile(NamedTuple):  # a tuple, not a Path and a dataclass: thousands per build
    path: str
    rel: str
    id: str


@dataclass
class RawPage:
    rel: str
    url: str  # site path such as '/ehc-plans/annual-reviews/'
    easy_read: bool
    source: Located  # front matter
    body: str
    body_line: int  # 1-based file line where the body starts
    text: str = ""


@dataclass
class Sources:
    services: list[RawService] = field(default_factory=list)
    pages: list[RawPage] = field(default_factory=list)
    synonyms: list[tuple[str, Located]] = field(default_factory=list)  # (file, groups)
    data: dict[str, Located] = field(default_factory=dict)  # DATA_FILES found, by file name
    translations: Any = None  # i18n.Translations: pages and service texts in other languages
    diagnostics: list[Diagnostic] = field(default_factory=list)


_LIMIT = [1024 * 1024]  # bytes; site.toml's max_file_kb, set once a build (forked workers inherit it)


def set_file_limit(kilobytes: int) -> None:
    _LIMIT[0] = kilobytes * 1024


def _too_big(rel: str, size: int) -> Diagnostic | None:
    """A file so big it is surely a mistake (a pasted document, a runaway export) is refused
    before it is parsed, so it cannot stall the build or fill the memory."""
    if size <= _LIMIT[0]:
        return None
    return Diagnostic(rel, 1, 1, ERROR, "", f"is {size // 1024:,} KB, more than the {_LIMIT[0] // 1024:,} KB a "
                      "file may be; shorten it or split it up (the limit is max_file_kb in site.toml)")


def _read(path: Path, rel: str, diags: list[Diagnostic]) -> str | None:
    big = _too_big(rel, path.stat().st_size)
    if big is not None:
        diags.append(big)
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.append(Diagnostic(rel, line, 1, ERROR, "", "is not UTF-8 text; save it as UTF-8"))
    return None


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


def read_service(file: ServiceFile) -> tuple[RawService | None, list[Diagnostic]]:
    """One service file, parsed; faults come back as diagnostics."""
    with open(file.path, "rb", buffering=0) as handle:  # unbuffered: fewer calls to the system
        big = _too_big(file.rel, os.fstat(handle.fileno()).st_size)
        if big is not None:
            return None, [big]
        data = handle.readall()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Diagnostic(file.rel, line, 1, ERROR, "", "is not UTF-8 text; save it as UTF-8")]
    located, problems = parse_yaml(text, file.rel)
    service = RawService(file.id, file.rel, located, text, signature(data)) if located is not None else None
    return service, problems


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


def _yml(rel: str, stem: str) -> Diagnostic:
    return Diagnostic(rel, 1, 1, ERROR, "", f"rename to {stem}.yaml (service files end in .yaml)")


def _misplaced(root: Path, subfolder: Path) -> list[Diagnostic]:
    out = []
    for path in sorted(p for p in subfolder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".yml":
            out.append(_yml(rel, path.stem))
        elif path.suffix == ".yaml":
            out.append(Diagnostic(rel, 1, 1, ERROR, "", "service files must sit directly in services/, "
                                  "not in a subfolder"))
    return out


def scan_services(root: Path) -> tuple[list[ServiceFile], list[Diagnostic]]:
    """The service files to read, in order, and what is wrong with the names of any others."""
    folder = root / "services"
    files: list[ServiceFile] = []
    diags: list[Diagnostic] = []
    if not folder.is_dir():
        return files, diags
    # os.scandir, not Path.rglob: this runs on every build, over thousands of files
    found = sorted((e.name, e.is_dir(), e.is_symlink()) for e in os.scandir(folder) if not e.name.startswith("."))
    base = str(folder)
    for name, is_dir, is_link in found:
        rel = f"services/{name}"
        stem, dot, suffix = name.rpartition(".")
        stem, suffix = (stem, dot + suffix) if dot else (name, "")
        if is_link:
            diags.append(Diagnostic(rel, 1, 1, ERROR, "", LINKED))
        elif is_dir:
            diags += _misplaced(root, folder / name)
        elif suffix == ".yml":
            diags.append(_yml(rel, stem))
        elif suffix != ".yaml" or i18n.is_translation(name):  # translations: see i18n.py
            continue
        elif not ID_PATTERN.match(stem):
            odd = safety.odd_name(stem)
            diags.append(Diagnostic(rel, 1, 1, ERROR, "", "file name must be lowercase letters and digits "
                                    "joined by hyphens" + (f": {odd}" if odd else
                                                           f"; rename it to '{slug(stem)}.yaml'") +
                                    "; it becomes the page address"))
        else:
            files.append(ServiceFile(f"{base}/{name}", rel, stem))
    return files, diags


def load_pages(root: Path, out: Sources) -> None:
    folder = root / "content"
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "_")) for p in parts) or i18n.is_translation(parts[-1]):
            continue  # translations (page.<lang>.md) are read by i18n.py
        if any(folder.joinpath(*parts[:n]).is_symlink() for n in range(1, len(parts) + 1)):
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "", LINKED))
            continue
        if not all(ID_PATTERN.match(p) for p in (*parts[:-1], parts[-1].removesuffix(".md").removesuffix(".easy"))):
            odd = next(filter(None, map(safety.odd_name, parts)), None)
            out.diagnostics.append(Diagnostic(rel, 1, 1, ERROR, "", "folder and file names must be "
                                              "lowercase letters and digits joined by hyphens, like "
                                              "'short-breaks.md'; they become the page address" +
                                              (f": {odd}" if odd else "")))
            continue
        diags: list[Diagnostic] = []
        text = _read(path, rel, diags)
        page = _parse_page(rel, parts)(text, diags) if text is not None else None
        out.diagnostics += diags
        if page is not None:
            out.pages.append(page)


def load_site_files(root: Path) -> Sources:
    """Pages, synonyms and data files: everything but the service files."""
    out = Sources()
    load_pages(root, out)
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


def load_sources(root: Path) -> Sources:
    """Read services/*.yaml, content/**/*.md, synonyms and data files; faults become diagnostics."""
    files, diags = scan_services(root)
    out = load_site_files(root)
    out.diagnostics = diags + out.diagnostics
    for file in files:
        service, problems = read_service(file)
        out.diagnostics += problems
        if service is not None:
            out.services.append(service)
    return out
