"""Markdown: CommonMark plus tables, raw HTML shown as text, links fitted to the base path."""

from __future__ import annotations

import os
import re
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


# The CommonMark rules we use, minus raw HTML, for the optional Rust accelerator.
_RUST_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
               "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table"]


@lru_cache(maxsize=1)
def _rust():
    """markdown-it-pyrs, when installed and not switched off: the same output, many times faster.
    tests/unit/test_markdown_engines.py proves the outputs match on every test and example text."""
    if os.environ.get("LOCALOFFER_MARKDOWN") == "python":
        return None
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(_RUST_RULES)


def engine() -> str:
    return "markdown-it-pyrs" if _rust() is not None else "markdown-it-py"


_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_SITE_LINK = re.compile(r'\b(href|src)="/(?!/)')


def _fit_html(html: str, base_path: str, shift: int) -> str:
    """What _fit does to tokens, done on HTML: safe because Markdown text is always escaped,
    so only real tags can match."""
    if shift:
        html = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", html)
    prefix = base_path.rstrip("/")
    return _SITE_LINK.sub(rf'\1="{prefix}/', html) if prefix else html


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


_ODD_SCHEME = re.compile(r"\]\(\s*<?(?!(?:https?|mailto|tel):)[a-z][a-z0-9+.-]*:|\]:\s*<?(?!(?:https?|mailto|tel):)[a-z][a-z0-9+.-]*:", re.I)


def _rust_links(rust, text: str) -> list[Link]:
    found = []
    data = text.encode("utf-8")
    stack = [rust.tree(text)]
    while stack:
        node = stack.pop()
        if node.name in ("link", "image"):
            start = node.srcmap[0] if node.srcmap else 0
            label = "".join(c.meta.get("content", "") for c in node.children if c.name == "text")
            found.append(Link(node.meta["url"], data[:start].count(b"\n"), node.name, label))
        stack.extend(reversed(node.children))
    return found


def links(text: str) -> list[Link]:
    """Every link and image in `text`, with the line it is on."""
    found: list[Link] = []
    if "](" not in text and "]:" not in text and "<" not in text:
        return found  # no inline link, reference definition or autolink: skip the parse
    rust = _rust()
    if rust is not None and not _ODD_SCHEME.search(text):
        # The Rust parser drops links with schemes like file: silently; those texts go the slow way.
        return _rust_links(rust, text)
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


def is_picture_name(src: str) -> bool:
    """A bare name like 'phone' means a picture from the theme's picture set."""
    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", src))


def plain_text(text: str) -> str:
    """The words a reader sees: no link addresses, picture names or Markdown marks."""
    out = []
    for token in parser().parse(text):
        if token.type == "inline":
            out.append("".join(c.content if c.type != "softbreak" else " " for c in token.children or ()
                               if c.type in ("text", "code_inline", "softbreak")))
    return "\n".join(out)


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


def _picture_rows(tokens: list[Token], base_path: str) -> list[Token]:
    """A paragraph that starts with a picture becomes a row: picture left, text right."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        inline = tokens[i + 1] if i + 1 < len(tokens) else None
        children = inline.children if inline is not None and inline.children else []
        if tok.type == "paragraph_open" and children and children[0].type == "image":
            image, rest = children[0], children[1:]
            while rest and rest[0].type in ("softbreak", "text") and not rest[0].content.strip():
                rest = rest[1:]
            if rest and rest[0].type == "text":
                rest[0].content = rest[0].content.lstrip()
            src = str(image.attrGet("src") or "")
            if is_picture_name(src):
                image.attrSet("src", f"{base_path}assets/pictures/{src}.svg")
            image.attrSet("width", "96")
            image.attrSet("height", "96")
            row = Token("picture_row_open", "div", 1, attrs={"class": "picture-row"}, block=True)
            pic = Token("inline", "", 0, children=[image], content="")
            text = Token("inline", "", 0, children=rest, content=inline.content)
            out += [row, pic, Token("paragraph_open", "p", 1, block=True), text,
                    Token("paragraph_close", "p", -1, block=True),
                    Token("picture_row_close", "div", -1, block=True)]
            i += 3
            continue
        out.append(tok)
        i += 1
    return out


def to_html(text: str, base_path: str = "/", shift: int = 0, pictures: bool = False) -> str:
    """Render Markdown; headings move down `shift` levels so they sit under the page's own.
    With `pictures`, paragraphs that start with a picture become picture rows (easy read)."""
    rust = _rust()
    if rust is not None and not pictures:
        return _fit_html(rust.render(text), base_path, shift)
    md = parser()
    tokens = md.parse(text)
    _fit(tokens, base_path, shift)
    if pictures:
        tokens = _picture_rows(tokens, base_path)
    return md.renderer.render(tokens, md.options, {})
