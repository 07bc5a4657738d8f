"""Other languages: message catalogs compiled at build time, translated pages and service texts,
and the checks on them (a translation whose source is gone, or older than its source)."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config, Language
from .diagnostics import ERROR, WARNING, Diagnostic
from .yamlsource import Located, parse_yaml

LOCALE = Path(__file__).parent / "locale"  # the engine's catalogs: locale/<code>/LC_MESSAGES/messages.po
# content/<page>.<lang>.md and services/<id>.<lang>.yaml
TRANSLATION = re.compile(r"^(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3})\.(?P<ext>md|yaml)$")
# What a service's translation may hold: its words, never its facts (ages, phones, dates).
SERVICE_TEXT = ("name", "summary", "description", "eligibility", "how_to_access", "hours", "easy_read")
COST_TEXT = ("details",)


@dataclass
class PageTranslation:
    lang: str
    rel: str  # content/what-is-the-local-offer.pl.md
    source: str  # content/what-is-the-local-offer.md
    url: str  # the English page's site path
    data: dict  # front matter
    body: str
    located: Located


@dataclass
class ServiceTranslation:
    lang: str
    rel: str  # services/<id>.<lang>.yaml
    id: str
    data: dict
    located: Located

    @property
    def source(self) -> str:
        return f"services/{self.id}.yaml"

    def fields(self) -> dict[str, str]:
        """The translated fields, as the model names them."""
        out = {k: self.data[k] for k in SERVICE_TEXT if isinstance(self.data.get(k), str)}
        details = (self.data.get("cost") or {}).get("details") if isinstance(self.data.get("cost"), dict) else None
        if isinstance(details, str):
            out["cost_details"] = details
        return out


@dataclass
class Translations:
    pages: list[PageTranslation] = field(default_factory=list)
    services: dict[tuple[str, str], ServiceTranslation] = field(default_factory=dict)  # (lang, id)
    problems: list[Diagnostic] = field(default_factory=list)
    history: Any = None  # the site's git history, when read to date the translations

    def __bool__(self) -> bool:
        return bool(self.pages or self.services)


def is_translation(name: str) -> bool:
    """A translated page or service file (left to this module by load)."""
    return TRANSLATION.match(name) is not None


def load(config: Config) -> Translations:
    """Every translated page and service file, parsed; faults come back as problems."""
    from .load import FRONT_MATTER, ID_PATTERN, page_url  # load skips these files and imports this module
    out = Translations()
    codes = {lang.code for lang in config.languages}
    root = config.root
    content = root / "content"
    for path in sorted(content.rglob("*.*.md")) if content.is_dir() else ():
        parts = path.relative_to(content).parts
        match = TRANSLATION.match(parts[-1])
        if not match or any(p.startswith((".", "_")) or not ID_PATTERN.match(p) for p in parts[:-1]):
            continue
        rel = path.relative_to(root).as_posix()
        if not _known(rel, match["lang"], codes, out.problems):
            continue
        text = path.read_text("utf-8", errors="replace")
        front = FRONT_MATTER.match(text)
        if not front:
            out.problems.append(Diagnostic(rel, 1, 1, ERROR, "", "no front matter found. Start the file with "
                                           "a line '---', then 'title: ...' in this language, then '---'"))
            continue
        located, problems = parse_yaml(front.group(1) or "", rel, line_offset=1)
        out.problems += problems
        if located is None or not isinstance(located.data, dict):
            continue
        if not isinstance(located.data.get("title"), str):
            out.problems.append(Diagnostic(rel, 1, 1, ERROR, "title", "is required: the page's title in "
                                           "this language"))
            continue
        source = "/".join(("content", *parts[:-1], match["stem"] + ".md"))
        url, _ = page_url((*parts[:-1], match["stem"] + ".md"))
        out.pages.append(PageTranslation(match["lang"], rel, source, url, located.data, text[front.end():],
                                         located))
    for path in sorted((root / "services").glob("*.*.yaml")):
        match = TRANSLATION.match(path.name)
        rel = f"services/{path.name}"
        if not match or not _known(rel, match["lang"], codes, out.problems):
            continue
        located, problems = parse_yaml(path.read_text("utf-8", errors="replace"), rel)
        out.problems += problems
        if located is not None and isinstance(located.data, dict):
            found = ServiceTranslation(match["lang"], rel, match["stem"], located.data, located)
            out.problems += _facts(found)
            out.services[(found.lang, found.id)] = found
    return out


def _known(rel: str, code: str, codes: set[str], problems: list[Diagnostic]) -> bool:
    if code in codes:
        return True
    problems.append(Diagnostic(rel, 1, 1, ERROR, "", f"'{code}' is not one of the site's languages: add a "
                               f"[[languages]] table with code = \"{code}\" to site.toml, or rename the file"))
    return False


def _facts(t: ServiceTranslation) -> list[Diagnostic]:
    """Only words may be translated: facts come from the English record, so they cannot drift."""
    out = []
    for key, value in t.data.items():
        line = t.located.key_pos((key,)).line
        if key == "translated_from":
            continue
        if key == "cost" and isinstance(value, dict) and set(value) <= set(COST_TEXT):
            continue
        if key not in SERVICE_TEXT:
            out.append(Diagnostic(t.rel, line, 1, ERROR, key, f"cannot be translated: facts such as ages, phone "
                                  f"numbers and dates come from {t.source}; remove it here (translate only "
                                  + ", ".join(SERVICE_TEXT) + " and cost details)"))
        elif not isinstance(value, str):
            out.append(Diagnostic(t.rel, line, 1, ERROR, key, "must be text"))
    return out


def check(translations: Translations, sources: set[str], dates: dict[str, dt.date], root: Path) -> list[Diagnostic]:
    """A translation whose source is gone (error), or whose source changed after it (warning).
    `sources`: the site files that exist; `dates`: each file's last change, from git."""
    out = list(translations.problems)
    for t in [*translations.pages, *translations.services.values()]:
        if t.source not in sources:
            out.append(Diagnostic(t.rel, 1, 1, ERROR, "", f"is a translation of {t.source}, which does not "
                                  "exist (renamed or deleted?): rename or delete this translation"))
            continue
        made = _date(t.data.get("translated_from")) or dates.get(t.rel)
        changed = dates.get(t.source) or _modified(root / t.source)
        if made and changed and changed > made:
            line = t.located.key_pos(("translated_from",)).line if "translated_from" in t.data else 1
            out.append(Diagnostic(t.rel, line, 1, WARNING, "", f"{t.source} changed on {changed.isoformat()}, "
                                  f"after this translation ({made.isoformat()}): have the changes translated, "
                                  "then commit this file (or set translated_from to the English version's date)",
                                  kind="stale-translation"))
    return out


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _modified(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def catalog(lang: Language, root: Path) -> gettext.NullTranslations:
    """The language's interface strings: the site's own catalog (locale/<code>.po at the site
    root) first, then the engine's; compiled in memory, so no .mo file is ever committed."""
    found: gettext.NullTranslations | None = None
    for path in (root / "locale" / f"{lang.code}.po", LOCALE / lang.code / "LC_MESSAGES" / "messages.po"):
        if path.is_file():
            compiled = compile_po(path)
            if found is None:
                found = compiled
            else:
                found.add_fallback(compiled)
    return found or gettext.NullTranslations()


def compile_po(path: Path) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    with path.open("rb") as handle:
        messages = read_po(handle)
    data = io.BytesIO()
    write_mo(data, messages, use_fuzzy=False)
    data.seek(0)
    return gettext.GNUTranslations(data)


def long_date(day: dt.date | None, code: str) -> str:
    from babel.dates import format_date
    return format_date(day, "long", locale=code) if day else ""


def messages():
    """Every interface string, extracted from the templates and the engine as babel.cfg says,
    with the needs, checklist and default topic names the model holds."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    from .config import DEFAULT_THEMES
    from .model import CHECKLIST, NEEDS
    top = Path(__file__).parent.parent
    with (top / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    out = Catalog(project="localoffer-ssg")
    keywords = {**DEFAULT_KEYWORDS, "counted": (1, 2)}  # a count's words for a script (see render)
    for rel, line, message, comments, _ in extract_from_dir(str(top), method_map, options_map, keywords):
        if message:
            out.add(message, locations=[(rel, line)], auto_comments=comments)
    for text in [*NEEDS.values(), *CHECKLIST.values(), *(title for _, title, _ in DEFAULT_THEMES)]:
        out.add(text, locations=[("localoffer_ssg/model.py", 0)])
    return out


def untranslated(code: str) -> list[str]:
    """The interface strings the engine's catalog for `code` has no translation of."""
    from babel.messages.pofile import read_po
    path = LOCALE / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        done = read_po(handle)
    out = []
    for message in messages():
        if not message.id:  # the catalog's header
            continue
        found = done.get(message.id)
        strings = found.string if found is not None else None
        if not found or found.fuzzy or not (all(strings) if isinstance(strings, tuple) else strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def update(codes: list[str]) -> None:
    """Bring each catalog up to date with the strings: new ones added untranslated, gone ones
    kept as obsolete (the translator decides)."""
    from babel.messages.pofile import read_po, write_po
    template = messages()
    for code in codes:
        path = LOCALE / code / "LC_MESSAGES" / "messages.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=code)
        else:
            from babel.messages.catalog import Catalog
            catalog = Catalog(locale=code, project="localoffer-ssg")
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


if __name__ == "__main__":  # python3 -m localoffer_ssg.i18n pl ur: update those catalogs
    import sys
    update(sys.argv[1:] or sorted(p.name for p in LOCALE.iterdir() if p.is_dir()))
    for code in sys.argv[1:]:
        print(code, len(untranslated(code)), "untranslated")
