"""What is wrong with a link: the one place that decides which addresses a page may carry
(`form_problem`), and the check of every internal link and asset in a built site (`broken`)."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SCHEMES = ("https", "http", "mailto", "tel")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_PLAIN_SCHEME = re.compile(r"(?i)(?:https?|mailto|tel):")
# What browsers skip in an address: ASCII whitespace and control characters anywhere in the scheme
# ("java\tscript:" runs), plus invisible format characters a paste can carry.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _decoded(href: str) -> str:
    """The address as a browser may end up reading it: entities and %-escapes undone (twice over,
    for doubly encoded ones), ignored characters dropped, lowercase."""
    text = href
    for _ in range(3):
        before = text
        text = unquote(htmllib.unescape(text))
        if text == before:
            break
    return _IGNORED.sub("", text).lower()


def _leaves_site(href: str) -> bool:
    """Whether a browser would take the address somewhere other than an allowed scheme or this
    site: another scheme however disguised, or another host (//host, or /\\host, which browsers
    read as //host)."""
    plain = href.strip()
    decoded = _decoded(plain)
    scheme = _SCHEME.match(decoded)
    if scheme:
        return not (scheme[1] in SCHEMES and _PLAIN_SCHEME.match(plain))
    return decoded.startswith(("//", "/\\", "\\"))


def form_problem(href: str) -> str | None:
    """Why a link or picture address may not be published, or None. Only https:, http:, mailto:,
    tel:, site paths, relative paths and #fragments pass, however the address is disguised."""
    if _leaves_site(href):
        return f"link '{href}' is not allowed; use https://, mailto:, tel: or a site path"
    if _SCHEME.match(_decoded(href.strip())):
        return None
    decoded = _decoded(href.strip())
    if "\\" in decoded:
        return f"link '{href}' has a backslash (\\) in it; use / in site paths, like /short-breaks/"
    if ".." in decoded.partition("#")[0].split("/") or "%2f" in href.lower():
        return f"link '{href}' has '..' or an encoded / in it; write the full site path, like /short-breaks/"
    return None


def is_safe(href: str) -> bool:
    """Whether an address is harmless on a page, whatever else may be wrong with it."""
    return not _leaves_site(href)


_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "form": "action", "source": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        attr = _ATTRS.get(tag)
        if attr and values.get(attr):
            self.refs.append(str(values[attr]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _target(site: Path, path: str) -> Path:
    file = site / unquote(path).lstrip("/")
    return file / "index.html" if path.endswith("/") or file.is_dir() else file


def broken(site: Path, base_path: str = "/") -> list[tuple[str, str]]:
    """(file, problem) for every internal reference that does not resolve."""
    parsed: dict[Path, _Page] = {}
    problems = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        page = parsed.setdefault(file, _parse(file))
        here = base_path + (rel[:-10] if rel.endswith("index.html") else rel)
        for ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue
            absolute = urlsplit(urljoin(here, ref))
            if not absolute.path.startswith(base_path):
                problems.append((rel, f"'{ref}' is outside the site's base path {base_path}"))
                continue
            target = _target(site, absolute.path[len(base_path) - 1:])
            if not target.is_file():
                problems.append((rel, f"'{ref}' does not exist"))
            elif absolute.fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, _parse(target)).ids
                if absolute.fragment not in ids:
                    problems.append((rel, f"'{ref}' points at a missing #{absolute.fragment}"))
    return problems
