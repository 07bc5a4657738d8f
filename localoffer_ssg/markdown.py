"""Markdown: CommonMark plus tables, raw HTML shown as text, links fitted to the base path,
headings with ids, and phone numbers and e-mail addresses that can be tapped."""

from __future__ import annotations

import html as htmllib
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, NamedTuple
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .links import is_safe as _is_safe_url


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


def _inline_line(block: Token, lines: list[str], *needles: str) -> int:
    """The line of a link in its block: where its address is written, or failing that (an address
    written with entities or escapes, or given by a reference) where its text is."""
    start, end = block.map or (0, 1)
    for needle in needles:
        for number in range(start, min(end, len(lines))):
            if needle and needle in lines[number]:
                return number
    return start


def _needles(href: str, label: str, kind: str) -> tuple[str, ...]:
    text = f"![{label}]" if kind == "image" else f"[{label}]"
    return href, unquote(href), text, label


# Link targets the Rust parser may drop silently (file:, javascript:, entity- or %-disguised
# schemes, autolinks with other schemes): texts with one go the slow way, which keeps them all.
_ODD_SCHEME = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<)(?!(?:https?|mailto|tel):|/[^/\\%&])[^\s)>\]]*?[:&%\\\x00-\x1f]", re.I)


_TICKS = re.compile(r"(?<!\\)`+")


def _unpanicked(call: Callable[[str], Any], text: str) -> Any:
    """The Rust engine's answer, or None where it panics (it does on a few texts, such as "[`"):
    those texts go to the reference engine, so an editor's typo never stops the build."""
    if "[" in text and "`" in text:  # a code span left open after a '[': known to panic, and say so on stderr
        runs = Counter(len(m.group()) for m in _TICKS.finditer(text))
        if any(n % 2 for n in runs.values()):
            return None
    try:
        return call(text)
    except BaseException as err:  # pyo3's PanicException is a BaseException
        if type(err).__name__ != "PanicException":
            raise
        return None


def _rust_links(tree: Any, text: str) -> list[Link]:
    found = []
    data = text.encode("utf-8")
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.name in ("link", "image", "autolink"):
            start = node.srcmap[0] if node.srcmap else 0
            label = "".join(c.meta.get("content", "") for c in node.children if c.name in ("text", "text_special"))
            kind = "image" if node.name == "image" else "link"
            found.append(Link(node.meta["url"], data[:start].count(b"\n"), kind, label))
        stack.extend(reversed(node.children))
    return found


def links(text: str) -> list[Link]:
    """Every link and image in `text`, with the line it is on."""
    found: list[Link] = []
    if "](" not in text and "]:" not in text and "<" not in text:
        return found  # no inline link, reference definition or autolink: skip the parse
    text = text.replace("\x00", "\ufffd")
    rust = _rust()
    # The Rust parser drops links with schemes like file: silently; those texts go the slow way.
    tree = _unpanicked(rust.tree, text) if rust is not None and not _ODD_SCHEME.search(text) else None
    if tree is not None:
        return _rust_links(tree, text)
    lines = text.splitlines()
    for block in _finder().parse(text):
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for index, tok in enumerate(children):
            if tok.type == "link_open":
                href = str(tok.attrGet("href") or "")
                label = children[index + 1].content if index + 1 < len(children) else ""
                found.append(Link(href, _inline_line(block, lines, *_needles(href, label, "link")), "link", label))
            elif tok.type == "image":
                src = str(tok.attrGet("src") or "")
                found.append(Link(src, _inline_line(block, lines, *_needles(src, tok.content, "image")), "image",
                                  tok.content))
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
    if "\x00" in text:  # CommonMark reads NUL as U+FFFD; say so first, so both engines agree
        text = text.replace("\x00", "\ufffd")
    rust = _rust()
    html = _unpanicked(rust.render, text) if rust is not None and not pictures else None
    if html is not None:
        return _finish(_fit_html(html, base_path, shift))
    md = parser()
    tokens = md.parse(text)
    _fit(tokens, base_path, shift)
    if pictures:
        tokens = _picture_rows(tokens, base_path)
    return _finish(md.renderer.render(tokens, md.options, {}))


# Both engines give the same HTML, so what follows works on that HTML rather than on either
# engine's tokens: the same HTML in gives the same HTML out. It is safe because Markdown text is
# always escaped: every "<" left in the HTML starts a real tag.

# UK numbers: 0 or +44 (optionally "(0)"), then 9 or 10 digits in groups split by a space or hyphen.
_PHONE = r"(?<![\w+/.-])(?:\+44[ \u00a0]?(?:\(0\)[ \u00a0]?)?|0)[1-9](?:[ \u00a0-]?\d){8,9}(?!\d)"
_EMAIL = r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?" \
         r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
_CONTACT = re.compile(f"(?P<email>{_EMAIL})|(?P<phone>{_PHONE})")
# What every match holds: found much faster than the full pattern, which looks behind at each place.
_CONTACT_HINT = re.compile(r"@|\+44|0(?<!\d0)[1-9]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_NO_LINKS_IN = {"a", "code", "pre"}  # a link inside a link is invalid; code is shown as written
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
# Ids the default layouts give their own elements on pages that show Markdown.
_LAYOUT_IDS = frozenset({"main", "site-q", "contents-title", "what", "who", "how", "cost", "contact",
                         "where", "topics", "words"})


def tel_href(number: str) -> str:
    """tel: and the digits, keeping a leading +; "+44 (0)1632" dials as +441632."""
    return "tel:" + "".join(c for c in number.replace("(0)", "") if c.isdigit() or c == "+")


def _contact_link(match: re.Match) -> str:
    found = match[0]  # only letters, digits and ._%+-()@ and spaces: nothing to escape
    href = "mailto:" + found if match["email"] else tel_href(found)
    return f'<a href="{href}">{found}</a>'


def _link_contacts(html: str) -> str:
    out, inside, pos = [], 0, 0
    for tag in _TAG.finditer(html):
        text = html[pos:tag.start()]
        out.append(_CONTACT.sub(_contact_link, text) if not inside and text else text)
        if tag[2].lower() in _NO_LINKS_IN:
            inside = max(inside - 1, 0) if tag[1] else inside + 1
        out.append(tag[0])
        pos = tag.end()
    rest = html[pos:]
    out.append(_CONTACT.sub(_contact_link, rest) if not inside else rest)
    return "".join(out)


def slug(text: str) -> str:
    """An id from heading text: "What short breaks are" gives what-short-breaks-are."""
    plain = unicodedata.normalize("NFKD", text.casefold().replace("'", "").replace("\u2019", ""))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain).strip("-") or "section"


def _text(inner_html: str) -> str:
    return htmllib.unescape(_TAG.sub("", inner_html)).strip()


def _heading_ids(html: str) -> str:
    used = set(_LAYOUT_IDS)

    def add_id(match: re.Match) -> str:
        base = slug(_text(match[2]))
        name, number = base, 1
        while name in used:  # repeats get -2, -3...: the first one keeps the plain id
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        return f'<h{match[1]} id="{name}">{match[2]}</h{match[1]}>'

    return _HEADING.sub(add_id, html)


_ALIGN = re.compile(r' style="text-align:(left|right|center)"')
_URL_ATTR = re.compile(r' (href|src)="([^"]*)"')
_PLAIN_URL = re.compile(r"(?:https?://|mailto:|tel:|/(?![/\\%])|#)[^:]*\Z|(?:https?://|mailto:|tel:)")


def _drop_unsafe(match: re.Match) -> str:
    value = match[2]
    return match[0] if _PLAIN_URL.match(value) or _is_safe_url(value) else ""


def _finish(html: str) -> str:
    # Validation refuses every unsafe address first; this is the second lock on the door, so
    # nothing a check might miss ever reaches a page as a working link.
    if 'href="' in html or 'src="' in html:
        html = _URL_ATTR.sub(_drop_unsafe, html)
    if ' style="text-align:' in html:  # table columns: classes, as the page's policy bans inline style
        html = _ALIGN.sub(lambda m: "" if m[1] == "left" else f' class="align-{m[1]}"', html)
    if "<h" in html:
        html = _heading_ids(html)
    if _CONTACT_HINT.search(html) and _CONTACT.search(html):  # most texts have none: skip the walk
        html = _link_contacts(html)
    return html


class Section(NamedTuple):
    id: str
    title: str


_SECTION = re.compile(r'<h2 id="([^"]*)">(.*?)</h2>', re.S)


def sections(text: str) -> tuple[Section, ...]:
    """The id and title of each `##` heading, exactly as to_html gives them (for a contents list)."""
    if "#" not in text and "-" not in text:  # no ATX or setext heading
        return ()
    return tuple(Section(m[1], _text(m[2])) for m in _SECTION.finditer(to_html(text)))
