"""Checks against text and files that could mislead a reader or leak or clobber files: invisible
control characters, text-direction overrides, links to files outside the site, and names
that would overwrite each other on a disk that ignores case."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from .diagnostics import ERROR, Diagnostic
from .yamlsource import Located

# C0 and C1 controls (not tab or line ends) and the bidirectional embeddings, overrides and
# isolates that make text show in another order than it is written ("Trojan Source").
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MOST = 5  # a pasted block can hold hundreds: the first few say enough


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (f"a hidden text-direction mark ({code} {name}), which makes text show in a different "
                "order from how it is written; delete it")
    return (f"a hidden control character ({code}{' ' + name if name else ''}), which often comes with text "
            "pasted from Word or a web page; delete it")


def _strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    stack = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, dict):
            stack.extend((here + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((here + (i,), v) for i, v in enumerate(value))


def characters(rel: str, text: str, source: Located | None) -> list[Diagnostic]:
    """Hidden characters in a file, as written or as YAML escapes like "\\u202e" (which only a
    file with a backslash can hold, so only such files have their values walked)."""
    out = []
    for match in INVISIBLE.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        col = start - text.rfind("\n", 0, start)
        out.append(Diagnostic(rel, line, col, ERROR, "", "has " + _describe(match[0])))
        if len(out) == _MOST:
            return out
    if source is not None and "\\" in text and not out:
        for path, value in _strings(source.data):
            found = INVISIBLE.search(value)
            if found:
                pos = source.value_pos(path)
                field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
                out.append(Diagnostic(rel, pos.line, pos.col, ERROR, field, "has " + _describe(found[0])))
    return sorted(out, key=lambda d: (d.line, d.col))[:_MOST]


def odd_name(stem: str) -> str | None:
    """For a file name with characters outside a-z, 0-9 and '-': which one, said plainly, when
    it only looks like an ordinary letter or digit."""
    for char in stem:
        if ord(char) > 127 and unicodedata.category(char)[0] in "LN":
            return (f"'{char}' ({unicodedata.name(char, f'U+{ord(char):04X}')}) is not a plain English "
                    "letter, though it may look like one; retype the name")
        if ord(char) > 127 or char in "\\/:":
            return f"'{char}' (U+{ord(char):04X}) cannot be part of a page address; retype the name"
    return None


def site_files(root: Path) -> list[Diagnostic]:
    """Links to files elsewhere on the computer (a pull request can add one that publishes a
    private file), and files whose names differ only in case (one would overwrite the other on
    Windows and macOS disks)."""
    out = []
    for name in ("static", "layouts"):  # services/ and content/: see load (names are lowercase)
        folder = root / name
        if not folder.is_dir():
            continue
        seen: dict[str, str] = {}
        for here, dirs, files in os.walk(folder):
            for entry in sorted(dirs + files):
                path = Path(here, entry)
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
                    out.append(Diagnostic(rel, 1, 1, ERROR, "", "is a link to another file or folder; put the "
                                          "file itself here (links can publish files from outside the site)"))
                    if entry in dirs:
                        dirs.remove(entry)
                    continue
                other = seen.setdefault(rel.casefold(), rel)
                if other != rel:
                    out.append(Diagnostic(rel, 1, 1, ERROR, "", f"has the same name as {other} apart from "
                                          "capital letters; on many computers one would overwrite the "
                                          "other, so rename one of them"))
    return out
