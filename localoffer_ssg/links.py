"""Check every internal link and asset reference in a built site, fragments included."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
