"""Marking records reviewed: only the bytes of the last_reviewed date change, at the place the
loader found it; comments, key order, quoting and line endings stay as they were."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import cache, pipeline
from .config import load_config
from .diagnostics import Diagnostic, errors

_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Outcome:
    path: str  # as the editor named it
    message: str
    ok: bool


def _where(root: Path, found, sources, rel: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the last_reviewed value, as the loader placed it."""
    for facts in found.facts:
        if facts.rel == rel and facts.reviewed:
            return facts.reviewed[1], facts.reviewed[2]
    for page in sources.pages:
        if page.rel == rel and "last_reviewed" in page.source.data:
            pos = page.source.value_pos(("last_reviewed",))
            return pos.line, pos.col
    return None


def _replace(data: bytes, line: int, col: int, new: str) -> bytes | None:
    """`data` with the date at (line, col) replaced; None if no date is there."""
    lines = data.splitlines(keepends=True)
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1].decode("utf-8")
    start = len(text[:col - 1].encode("utf-8"))  # columns count characters; bytes are edited
    found = _DATE.match(lines[line - 1], start) or _DATE.match(lines[line - 1], start + 1)  # or inside a quote
    if found is None:
        return None
    raw = lines[line - 1]
    lines[line - 1] = raw[:found.start()] + new.encode() + raw[found.end():]
    return b"".join(lines)


def mark(root: Path, files: list[str], day: dt.date) -> list[Outcome]:
    """Set last_reviewed to `day` in each file, refusing files with errors and future dates."""
    today = pipeline.today()
    if day > today:
        return [Outcome(f, f"{day.isoformat()} is in the future; use the date the details were checked", False)
                for f in files]
    root = root.resolve()
    config = load_config(root)
    with pipeline._no_cycle_collection():  # the same load and validate as check and build
        sources, found, _, diags = pipeline._load_and_validate(
            config, pipeline.Options(root=root, search=False, today=today), cache.BuildCache())
    out = []
    for name in files:
        path = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        if not Path(name).is_absolute() and not path.is_file():
            path = root / name  # named from the site folder, as the report names files
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            out.append(Outcome(name, f"is not in the site folder {root}", False))
            continue
        out.append(_one(path, rel, name, day, errors(d for d in diags if d.path == rel),
                        _where(root, found, sources, rel)))
    return out


def _one(path: Path, rel: str, name: str, day: dt.date, faults: list[Diagnostic],
         where: tuple[int, int] | None) -> Outcome:
    if not path.is_file():
        return Outcome(name, "no such file", False)
    if faults:
        first = faults[0]
        return Outcome(name, f"has {len(faults)} error{'s' if len(faults) > 1 else ''}, so it was not changed; "
                       f"fix {'them' if len(faults) > 1 else 'it'} first (run `localoffer check`): {first}", False)
    if where is None:
        return Outcome(name, "has no last_reviewed date to update; add a line like "
                       f"`last_reviewed: {day.isoformat()}`", False)
    data = path.read_bytes()
    new = _replace(data, *where, day.isoformat())
    if new is None:
        return Outcome(name, f"could not find the last_reviewed date on line {where[0]}", False)
    if new == data:
        return Outcome(name, f"already reviewed on {day.isoformat()}", True)
    temporary = path.with_name(f".{path.name}.reviewed")
    temporary.write_bytes(new)
    os.chmod(temporary, path.stat().st_mode & 0o7777)
    os.replace(temporary, path)
    return Outcome(name, f"last_reviewed set to {day.isoformat()}", True)
