"""The build cache in `.cache/` (safe to delete): what each service file gave, and a fingerprint
of everything each output page was made from, so unchanged files are not read again and
unchanged pages are not rendered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from . import __version__, markdown

CACHE_DIR = ".cache"
FORMAT = 7  # raise when BuildCache or what it holds changes shape, or the same text renders differently


@dataclass
class BuildCache:
    """What the last successful build into one output folder knew. `outputs` lists exactly
    the files that build left there, so the next build may update the folder in place."""

    key: str = field(default_factory=lambda: _key())  # engine version, Markdown engine, format
    context: str = ""  # what the entries were checked and modelled with (records.Context.digest)
    entries: dict[str, Any] = field(default_factory=dict)  # service file: records.Entry
    outputs: dict[str, str] = field(default_factory=dict)  # output file: fingerprint
    indexed: str = ""  # fingerprint of all pages the search index was made from
    spare: dict[str, str] = field(default_factory=dict)  # what the spare site beside `out` holds


def _key() -> str:
    return f"{__version__}/{markdown.engine()}/{FORMAT}"


def templates_dir(root: Path, engine: Path) -> Path:
    """Where Jinja keeps compiled templates between builds. Jinja keys them by template source
    only, but compiled code also depends on how `engine` (the module that sets up Jinja) defines
    filters, so each version of it gets its own folder."""
    version = hashlib.blake2b(_key().encode() + engine.read_bytes(), digest_size=8).hexdigest()
    folder = root / CACHE_DIR / f"templates-{version}"
    folder.mkdir(parents=True, exist_ok=True)
    _ignore(folder.parent)
    return folder


def _ignore(folder: Path) -> None:
    if not (folder / ".gitignore").is_file():
        (folder / ".gitignore").write_text("*\n")


def _file(root: Path, out: Path) -> Path:
    name = hashlib.blake2b(str(out).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"build-{name}.pickle"


def load(root: Path, out: Path) -> BuildCache:
    """The cache for building `root` into `out`; an empty one if missing, stale or unreadable."""
    try:
        with open(_file(root, out), "rb") as handle:
            cache = pickle.load(handle)
        current = isinstance(cache, BuildCache) and cache.key == _key() \
            and all(hasattr(cache, f.name) for f in dataclasses.fields(BuildCache))
        if not current:
            return BuildCache()
        cache.entries = _load_entries(_file(root, out), cache.entries)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError, KeyError):
        return BuildCache()
    return cache


def save(root: Path, out: Path, cache: BuildCache) -> None:
    path = _file(root, out)
    path.parent.mkdir(exist_ok=True)
    _ignore(path.parent)
    parts = _save_entries(path, cache.entries)  # first: the cache names only whole files
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(dataclasses.replace(cache, entries=parts), handle, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
    os.replace(temporary, path)
    for old in path.parent.glob(f"{path.stem}-*.pickle"):  # parts of earlier saves
        if old.name not in parts["files"]:
            old.unlink(missing_ok=True)


# The entries, most of the cache, are kept in parts, each in a file named after its bytes: a
# save writes again only the parts holding an entry that changed, not all 10,000 entries.
ENTRY_PARTS = 16
_SAVED: dict[str, tuple[str, list]] = {}  # part file: the (file, entry) pairs it holds, as last read or written


def _part(rel: str) -> int:
    return zlib.crc32(rel.encode()) % ENTRY_PARTS


def _save_entries(path: Path, entries: dict[str, Any]) -> dict[str, list[str]]:
    parts: list[list] = [[] for _ in range(ENTRY_PARTS)]
    for rel, entry in entries.items():
        parts[_part(rel)].append((rel, entry))
    files = []
    for number, pairs in enumerate(parts):
        known = _SAVED.get(f"{path.stem}/{number}")
        if known is not None and len(known[1]) == len(pairs) \
                and all(b is d and a == c for (a, b), (c, d) in zip(known[1], pairs)):
            files.append(known[0])
            continue
        data = pickle.dumps(dict(pairs), protocol=pickle.HIGHEST_PROTOCOL)
        name = f"{path.stem}-{hashlib.blake2b(data, digest_size=12).hexdigest()}.pickle"
        if not (path.parent / name).is_file():
            temporary = path.parent / f"{name}.tmp"
            temporary.write_bytes(data)
            os.replace(temporary, path.parent / name)
        _SAVED[f"{path.stem}/{number}"] = (name, pairs)
        files.append(name)
    return {"files": files, "order": list(entries)}


def _load_entries(path: Path, parts: dict[str, list[str]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for number, name in enumerate(parts["files"]):
        with open(path.parent / name, "rb") as handle:
            part = pickle.load(handle)
        found.update(part)
        _SAVED[f"{path.stem}/{number}"] = (name, list(part.items()))
    return {rel: found[rel] for rel in parts["order"]}


def forget(root: Path, out: Path) -> None:
    """Drop the cache before `out` is changed in place: if the build stops halfway, the next
    one must not trust a record of files that may no longer be there."""
    try:
        _file(root, out).unlink()
    except FileNotFoundError:
        pass


def signature(data: bytes) -> bytes:
    """Content, not timestamps: two quick saves can share an mtime."""
    return hashlib.blake2b(data, digest_size=16).digest()


_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+(\[[^\]]*\]|"[^"]*"|'[^']*')""")
_NAME = re.compile(r""""([^"]*)"|'([^']*)'""")


def _referenced(source: str) -> list[str]:
    """Templates a template extends, includes or imports by name (what jinja2.meta finds, without
    parsing the template: this runs on every build)."""
    return [a or b for found in _REFERENCE.findall(source) for a, b in _NAME.findall(found) if a or b]


_PLAIN = {str, Markup, int, float, bool, type(None), dt.date}


class Fingerprints:
    """Digests of rendering inputs: template files (with what they extend and include) and the
    template context. Records and other dataclasses are digested once per build."""

    def __init__(self, env: Environment):
        self.env = env
        self._templates: dict[str, bytes] = {}
        self._objects: dict[int, tuple[Any, bytes]] = {}

    def _template_closure(self, name: str, seen: set[str]) -> None:
        if name in seen:
            return
        seen.add(name)
        source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        for child in _referenced(source):
            self._template_closure(child, seen)

    def template(self, name: str) -> bytes:
        if name not in self._templates:
            closure: set[str] = set()
            self._template_closure(name, closure)
            digest = hashlib.blake2b(digest_size=16)
            for used in sorted(closure):
                digest.update(used.encode() + b"\0" + self.env.loader.get_source(self.env, used)[0].encode())  # type: ignore[union-attr]
            self._templates[name] = digest.digest()
        return self._templates[name]

    def value(self, value: Any) -> bytes:
        kind = type(value)
        if kind in _PLAIN:
            return repr(value).encode()
        if kind is list or kind is tuple:  # lists of records are most of a list page's context
            if value and getattr(value[0], "fingerprint", None):
                try:
                    prints = [item.fingerprint for item in value]
                    if all(prints):
                        return b"[" + b",".join(prints) + b"]"
                except (AttributeError, TypeError):  # not all records, or not all bytes
                    pass
            return b"[" + b",".join(map(self.value, value)) + b"]"
        if getattr(value, "fingerprint", None):  # a record that knows what it was made from
            return value.fingerprint
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            found = self._objects.get(id(value))
            if found is None or found[0] is not value:
                digest = hashlib.blake2b(repr(value).encode(), digest_size=16).digest()
                found = (value, digest)  # keep the object alive so its id stays unique
                self._objects[id(value)] = found
            return found[1]
        if isinstance(value, (list, tuple)):
            return b"[" + b",".join(map(self.value, value)) + b"]"
        if isinstance(value, dict):
            return b"{" + b",".join(self.value(k) + b":" + self.value(v) for k, v in value.items()) + b"}"
        return repr(value).encode()

    def page(self, template: str, context: dict[str, Any]) -> str:
        digest = hashlib.blake2b(self.template(template), digest_size=16)
        for key in sorted(context):
            digest.update(key.encode() + b"=" + self.value(context[key]) + b";")
        return digest.hexdigest()
