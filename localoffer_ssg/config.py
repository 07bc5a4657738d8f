"""site.toml: declared once, validated once; unknown keys are rejected with a hint."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import ERROR, ConfigError, Diagnostic, did_you_mean

CONFIG_FILE = "site.toml"
KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Each table's keys: name -> (type, default). A default of `...` means required.
SITE_KEYS: dict[str, tuple[type, Any]] = {
    "id": (str, ...),
    "title": (str, ...),
    "council": (str, ...),
    "base_url": (str, "/"),
    "language": (str, "en-GB"),
    "repo_url": (str, ""),  # where the site's files are kept: GitHub's or GitLab's (a host named gitlab...)
    "branch": (str, "main"),
    "icons": (bool, True),
    "review_months": (int, 12),
    "max_file_kb": (int, 1024),  # the largest service, page or data file read; bigger ones are refused
}
CONTACT_KEYS: dict[str, tuple[type, Any]] = {
    "email": (str, ""),
    "phone": (str, ""),
    "address": (str, ""),
    "hours": (str, ""),
}
FEEDBACK_KEYS: dict[str, tuple[type, Any]] = {"form_action": (str, "")}
THEME_KEYS: dict[str, tuple[type, Any]] = {
    "key": (str, ...),
    "title": (str, ...),
    "description": (str, ""),
    "icon": (str, ""),
}
AREA_KEYS: dict[str, tuple[type, Any]] = {"key": (str, ...), "title": (str, ...)}
# Languages besides English the site is published in: code, its name in its own words, and dir.
LANGUAGE_KEYS: dict[str, tuple[type, Any]] = {
    "code": (str, ...),
    "name": (str, ...),
    "dir": (str, "ltr"),
    "title": (str, ""),  # the site's title in this language (default: the English one)
}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
ACCESSIBILITY_KEYS: dict[str, tuple[type, Any]] = {
    "compliance": (str, "full"),  # full, partial or not: the model statement's three wordings
    "standard": (str, "WCAG 2.2 AA"),
    "prepared": (dt.date, None),
    "reviewed": (dt.date, None),
    "tested": (dt.date, None),
    "tested_by": (str, ""),
    "reply_days": (int, 5),
    "issues": (list, []),
}
EASY_READ_KEYS: dict[str, tuple[type, Any]] = {
    "max_sentence_words": (int, 15),
    "max_syllables": (int, 3),  # longer words need a glossary entry
    "min_reading_ease": (int, 70),  # Flesch reading ease, 0 (hard) to 100 (easy)
}
COMPLIANCE = ("full", "partial", "not")
TABLES = {"site": SITE_KEYS, "contact": CONTACT_KEYS, "feedback": FEEDBACK_KEYS,
          "accessibility": ACCESSIBILITY_KEYS, "easy_read": EASY_READ_KEYS, "themes": THEME_KEYS,
          "areas": AREA_KEYS, "languages": LANGUAGE_KEYS}
_TYPE_NAMES = {str: "text in quotes", int: "a whole number", bool: "true or false",
               dt.date: "a date like 2026-11-01 (without quotes)", list: "a list like [\"...\"]"}

DEFAULT_THEMES = (
    ("early-years", "Early years", "baby"),
    ("education", "Education", "school"),
    ("health", "Health", "health"),
    ("social-care", "Social care", "care"),
    ("leisure", "Leisure and activities", "leisure"),
    ("preparing-for-adulthood", "Preparing for adulthood", "adult"),
    ("money-housing-travel", "Money, housing and travel", "money"),
    ("ehc-plans", "Assessments and EHC plans", "plan"),
    ("information-and-support", "Information and support", "info"),
)


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    description: str = ""
    icon: str = ""


@dataclass(frozen=True)
class Area:
    key: str
    title: str


@dataclass(frozen=True)
class Language:
    code: str  # e.g. 'pl': pages at /pl/...
    name: str  # in its own words, e.g. 'Polski'
    dir: str = "ltr"  # or 'rtl'
    title: str = ""


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str
    address: str
    hours: str


@dataclass(frozen=True)
class Accessibility:
    compliance: str
    standard: str
    prepared: dt.date | None
    reviewed: dt.date | None
    tested: dt.date | None
    tested_by: str
    reply_days: int
    issues: tuple[str, ...]


@dataclass(frozen=True)
class EasyRead:
    max_sentence_words: int
    max_syllables: int
    min_reading_ease: int


@dataclass(frozen=True)
class Config:
    root: Path
    id: str
    title: str
    council: str
    base_url: str
    language: str
    repo_url: str
    branch: str
    icons: bool
    review_months: int
    max_file_kb: int
    contact: Contact
    form_action: str
    accessibility: Accessibility
    easy_read: EasyRead
    themes: tuple[Theme, ...]
    areas: tuple[Area, ...]
    # Not in repr: what pages are made from digests repr(config), and a page shows other languages
    # only through its own context (its alternates), so adding a language rebuilds only those.
    languages: tuple[Language, ...] = field(default=(), repr=False)

    @property
    def base_path(self) -> str:
        """The URL path every internal link starts with, e.g. '/' or '/local-offer/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def theme_keys(self) -> set[str]:
        return {t.key for t in self.themes}

    @property
    def area_keys(self) -> set[str]:
        return {a.key for a in self.areas}


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _locate(text: str, table: str, key: str | None) -> int:
    """Line of `key` inside `table` ('site', 'themes[1]'), or of the table's header; 1 if unknown."""
    name, _, rest = table.partition("[")
    wanted = int(rest[:-1]) if rest else None
    seen: dict[str, int] = {}
    current, header_line, found = None, 0, 0
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            index = seen[header[2]] = seen.get(header[2], -1) + 1
            current = (header[2], index if header[1] == "[[" else None)
            if current == (name, wanted):
                header_line = number
            continue
        match = _KEY.match(line)
        if match and current == (name, wanted) and match[1] == key:
            found = number
            break
    return found or header_line or 1


_TOML_HINTS = [
    ("Illegal character '\\n'", "the line ends before the closing quote mark; text values need double "
     'quotes at both ends, like title = "Our Local Offer"'),
    ("Invalid value", 'text values need double quotes, like title = "Our Local Offer"'),
    ("Cannot overwrite a value", "a key is set twice; keep only one"),
    ("Cannot declare", "a table is declared twice; keep only one [table] header"),
]


class _Checker:
    def __init__(self, text: str):
        self.text = text
        self.diags: list[Diagnostic] = []

    def fail(self, field: str, message: str) -> None:
        """Report `field` ('site.title', 'themes[1].key', 'contcat') at its line."""
        table, _, key = field.rpartition(".") if "." in field else (field, "", "")
        line = _locate(self.text, table, key or None)
        self.diags.append(Diagnostic(CONFIG_FILE, line, 1, ERROR, field, message))

    def table(self, name: str, raw: Any, keys: dict[str, tuple[type, Any]]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.fail(name, f"must be a table like [{name}]")
            raw = {}
        out: dict[str, Any] = {}
        for key in raw:
            if key not in keys:
                self.fail(f"{name}.{key}", "unknown key." + did_you_mean(key, keys)
                          + " Known keys: " + ", ".join(keys))
        for key, (kind, default) in keys.items():
            if key not in raw:
                if default is ...:
                    where = f"this [[{name.split('[')[0]}]] table" if "[" in name else f"[{name}]"
                    self.fail(f"{name}.{key}", f"is required; add `{key} = ...` to {where}")
                out[key] = None if default is ... else default
                continue
            value = raw[key]
            wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool)) \
                or (kind is dt.date and isinstance(value, dt.datetime))
            if wrong:
                self.fail(f"{name}.{key}", f"must be {_TYPE_NAMES[kind]} (got {value!r})")
                value = default if default is not ... else None
            out[key] = value
        return out


def _keyed(checker: _Checker, name: str, raw: Any, keys) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        checker.fail(name, f"must be a list of [[{name}]] tables")
        return []
    items = [checker.table(f"{name}[{i}]", item, keys) for i, item in enumerate(raw)]
    seen: set[str] = set()
    for i, item in enumerate(items):
        key = item.get("key")
        if key is None:
            continue
        if not KEY_PATTERN.match(key):
            checker.fail(f"{name}[{i}].key", f"'{key}' must be lowercase words joined by "
                         "hyphens, like 'short-breaks'")
        if key in seen:
            checker.fail(f"{name}[{i}].key", f"'{key}' is used twice; keys must be unique")
        seen.add(key)
    return items


def load_config(root: Path, base_url: str | None = None) -> Config:
    """Read and check `root/site.toml`; raise ConfigError listing every problem."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ConfigError([Diagnostic(str(path), 0, 0, ERROR, "",
                                      "no site.toml here; is --root pointing at a site folder?")])
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(match[1]), int(match[2])) if match else (1, 1)
        problem = str(exc).split(" (at ")[0]
        hint = next((h for needle, h in _TOML_HINTS if needle in str(exc)), problem)
        raise ConfigError([Diagnostic(CONFIG_FILE, line, col, ERROR, "", f"TOML syntax: {hint}")]) from None
    checker = _Checker(text)
    for name in raw:
        if name not in TABLES:
            checker.fail(name, "unknown table." + did_you_mean(name, TABLES)
                         + " Known tables: " + ", ".join(TABLES))
    site = checker.table("site", raw.get("site", {}), SITE_KEYS)
    contact = checker.table("contact", raw.get("contact", {}), CONTACT_KEYS)
    feedback = checker.table("feedback", raw.get("feedback", {}), FEEDBACK_KEYS)
    access = checker.table("accessibility", raw.get("accessibility", {}), ACCESSIBILITY_KEYS)
    easy = checker.table("easy_read", raw.get("easy_read", {}), EASY_READ_KEYS)
    if access["compliance"] not in COMPLIANCE:
        checker.fail("accessibility.compliance", f"must be one of {', '.join(COMPLIANCE)} "
                     f"(got {access['compliance']!r})")
    if not all(isinstance(i, str) for i in access["issues"] or []):
        checker.fail("accessibility.issues", "must be a list of sentences in quotes")
    default_themes = [{"key": k, "title": t, "icon": i} for k, t, i in DEFAULT_THEMES]
    themes = _keyed(checker, "themes", raw.get("themes", default_themes), THEME_KEYS)
    areas = _keyed(checker, "areas", raw.get("areas", []), AREA_KEYS)
    languages = _languages(checker, raw.get("languages", []))
    if base_url is not None:
        site["base_url"] = base_url
    if site["base_url"] and not re.match(r"^(https?://[^/\s]+)?/", site["base_url"] + "/"):
        checker.fail("site.base_url", "must be a full address like 'https://example.org/' "
                     "or a path like '/local-offer/'")
    if site["repo_url"] and not re.match(r"^https?://[^/\s]+/\S+$", site["repo_url"]):
        checker.fail("site.repo_url", "must be the repository's web address, like "
                     "'https://github.com/exampleshire/local-offer'")
    if site["review_months"] is not None and not 1 <= site["review_months"] <= 60:
        checker.fail("site.review_months", "must be between 1 and 60")
    if not 1 <= site["max_file_kb"] <= 100_000:
        checker.fail("site.max_file_kb", "must be between 1 and 100000 (kilobytes)")
    if checker.diags:
        raise ConfigError(sorted(checker.diags))
    return Config(
        root=root,
        **{k: site[k] for k in SITE_KEYS},
        contact=Contact(**contact),
        form_action=feedback["form_action"],
        accessibility=Accessibility(**{**access, "issues": tuple(access["issues"] or ())}),
        easy_read=EasyRead(**easy),
        themes=tuple(Theme(**t) for t in themes),
        areas=tuple(Area(**a) for a in areas),
        languages=languages,
    )


def _languages(checker: _Checker, raw: Any) -> tuple[Language, ...]:
    if not isinstance(raw, list):
        checker.fail("languages", "must be a list of [[languages]] tables")
        return ()
    out: list[Language] = []
    for i, item in enumerate(raw):
        found = checker.table(f"languages[{i}]", item, LANGUAGE_KEYS)
        code = found["code"]
        if code is None or found["name"] is None:
            continue
        if not LANGUAGE_CODE.match(code) or code == "en":
            checker.fail(f"languages[{i}].code", f"'{code}' must be a two or three letter language code "
                         "in lowercase other than English, like 'pl' or 'ur'")
        elif code in {lang.code for lang in out}:
            checker.fail(f"languages[{i}].code", f"'{code}' is listed twice; keep one [[languages]] table")
        if found["dir"] not in ("ltr", "rtl"):
            checker.fail(f"languages[{i}].dir", "must be 'ltr' (left to right) or 'rtl' (right to left)")
        out.append(Language(**found))
    return tuple(out)
