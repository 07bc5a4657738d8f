"""Markdown: CommonMark plus tables, raw HTML shown as text, links fitted to the base path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Link:
    href: str
    line: int  # 0-based line within the Markdown text
    kind: str  # 'link' or 'image'
    text: str  # link text or image alt


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # html=False: editors' raw HTML is escaped, never passed through to the page.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


@lru_cache(maxsize=1)
def _finder() -> MarkdownIt:
    """A parser that keeps every link, even ones the renderer drops (file:, javascript:), so
    validation can report them instead of letting them vanish from the page."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = lambda url: True
    return md


def _inline_line(block: Token, lines: list[str], needle: str) -> int:
    start, end = block.map or (0, 1)
    for number in range(start, min(end, len(lines))):
        if needle and needle in lines[number]:
            return number
    return start


def links(text: str) -> list[Link]:
    """Every link and image in `text`, with the line it is on."""
    found: list[Link] = []
    lines = text.splitlines()
    for block in _finder().parse(text):
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for index, tok in enumerate(children):
            if tok.type == "link_open":
                href = str(tok.attrGet("href") or "")
                label = children[index + 1].content if index + 1 < len(children) else ""
                found.append(Link(href, _inline_line(block, lines, href), "link", label))
            elif tok.type == "image":
                src = str(tok.attrGet("src") or "")
                found.append(Link(src, _inline_line(block, lines, src), "image", tok.content))
    return found


def _fit(tokens: list[Token], base_path: str, shift: int) -> None:
    prefix = base_path.rstrip("/")
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close") and shift:
            tok.tag = f"h{min(int(tok.tag[1]) + shift, 6)}"
        if tok.children:
            _fit(tok.children, base_path, shift)
        for attr in ("href", "src"):
            value = tok.attrGet(attr)
            if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
                tok.attrSet(attr, prefix + value)


def to_html(text: str, base_path: str = "/", shift: int = 0) -> str:
    """Render Markdown; headings move down `shift` levels so they sit under the page's own."""
    md = parser()
    tokens = md.parse(text)
    _fit(tokens, base_path, shift)
    return md.renderer.render(tokens, md.options, {})
