"""HTML in a directory's descriptions, as the Markdown a service file holds."""

from __future__ import annotations

import html
import re

from markdownify import MarkdownConverter

_TAG = re.compile(r"</?(p|br|div|span|a|ul|ol|li|h[1-6]|strong|b|em|i|table|tr|td)\b[^>]*>", re.I)
_SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.I)


class _Converter(MarkdownConverter):
    def convert_a(self, el, text, *args, **kwargs):
        # A relative link would point into the site it came from: keep its words only.
        href = (el.get("href") or "").strip()
        if not _SAFE_LINK.match(href):
            return text
        return super().convert_a(el, text, *args, **kwargs)

    def convert_img(self, el, text, *args, **kwargs):
        return el.get("alt") or ""  # pictures stay where they were published


def is_html(text: str) -> bool:
    return bool(_TAG.search(text)) or "&nbsp;" in text or "&amp;" in text


def to_markdown(text: str) -> str:
    """Markdown for `text`: HTML is converted (headings start at ##, the page title being #);
    plain text keeps its paragraphs. It ends in one new line, as a YAML block does."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    if is_html(text):
        text = _Converter(heading_style="ATX", bullets="-", escape_underscores=False,
                          escape_asterisks=False, strip=["script", "style"]).convert(text)
        text = html.unescape(text).replace("\xa0", " ")
        text = re.sub(r"^#\s", "## ", text, flags=re.M)
    lines = [line.rstrip() for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return out + "\n" if out else ""


def plain(text: str) -> str:
    """One line of plain text from a name or a short field that may hold HTML."""
    text = re.sub(r"<[^>]+>", " ", str(text or "")) if is_html(str(text or "")) else str(text or "")
    return " ".join(html.unescape(text).replace("\xa0", " ").split())
