"""A site's own message catalogs (locale/<code>.po at its root), checked before anything is
built: every line well formed, and every translation with only the placeholders of its English
(others stop a page from rendering) and only its HTML tags (the strings go into pages as HTML)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from .config import Config
from .diagnostics import ERROR, WARNING, Diagnostic

# A comment, a blank line, a keyword with its quoted text, or more quoted text.
_LINE = re.compile(r'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*'
                   r'|\s*"(?:[^"\\]|\\.)*"\s*)$')
_TAG = re.compile(r"<[^>]*>?")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%|%")


def check(config: Config) -> list[Diagnostic]:
    """Every problem in the site's catalogs, with file and line."""
    folder = config.root / "locale"
    out: list[Diagnostic] = []
    codes = {lang.code for lang in config.languages}
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        rel = f"locale/{path.name}"
        if path.stem not in codes:
            out.append(Diagnostic(rel, 1, 1, WARNING, "", f"no language in site.toml has the code "
                                  f"'{path.stem}', so nothing uses this catalog: add a [[languages]] table "
                                  f"with code = \"{path.stem}\", or rename or delete the file"))
        out += check_file(path, rel)
    return out


def check_file(path: Path, rel: str) -> list[Diagnostic]:
    from babel.messages.pofile import read_po
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        return [Diagnostic(rel, line, 1, ERROR, "", "is not UTF-8 text: save the file as UTF-8")]
    bad = [Diagnostic(rel, n, 1, ERROR, "", "is not a line a catalog can have: each is a comment (# ...), "
                      'msgid "...", msgstr "..." or more "..." text, with its quotes closed '
                      '(write \\" for a quote inside the text)')
           for n, line in enumerate(text.splitlines(), 1) if not _LINE.match(line)]
    if bad:
        return bad
    from babel.core import Locale, UnknownLocaleError
    try:
        locale = Locale.parse(path.stem.replace("-", "_"))  # so that each plural form is read
    except (UnknownLocaleError, ValueError):
        locale = None
    out = []
    for message in read_po(io.BytesIO(data), locale=locale):
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        allowed = set().union(*(_names(e)[0] for e in english))
        tags = {t for e in english for t in _TAG.findall(e)}
        for said in message.string if isinstance(message.string, tuple) else (message.string,):
            names, lone = _names(said)
            where = f"the translation of {english[0]!r}"
            if lone:
                out.append(Diagnostic(rel, message.lineno, 1, ERROR, "", f"{where} has a % on its own: "
                                      "write %% for a percent sign"))
            # The interface's strings go into pages as HTML: a translation may only use the English's tags.
            for tag in sorted(set(_TAG.findall(said)) - tags):
                out.append(Diagnostic(rel, message.lineno, 1, ERROR, "", f"{where} has the HTML {tag}, which "
                                      "the English does not have: use only the English's tags, as they are"))
            for name in sorted(names - allowed):
                known = ", ".join(f"%({n})s" for n in sorted(allowed)) or "none"
                out.append(Diagnostic(rel, message.lineno, 1, ERROR, "", f"{where} uses %({name})s, which "
                                      f"the English does not have: use only these placeholders ({known})"))
    return out


def _names(text: str) -> tuple[set[str], bool]:
    """The placeholders in `text`, and whether it has a '%' that is none of them."""
    found = _PLACEHOLDER.findall(text) if "%" in text else []
    return {n for n in found if n}, any(m.group() == "%" for m in _PLACEHOLDER.finditer(text))
