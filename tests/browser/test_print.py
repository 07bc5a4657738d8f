"""Printing a service or a guide: only the content, link addresses written out, nothing cut off."""

from __future__ import annotations

import pytest

from .test_layout import PAGE_TYPES, open_at

PRINTED = pytest.mark.parametrize("path", [PAGE_TYPES["service"], PAGE_TYPES["content-page"]],
                                  ids=["service", "content-page"])

# Parts of the page that mean nothing on paper.
CHROME = {
    "skip link": "a.skip",
    "header": "body > header",
    "navigation": "nav",
    "breadcrumbs": "nav[aria-label=Breadcrumb]",
    "search form": "form[role=search]",
    "footer": "body > footer",
}

SHOWN_JS = r"""selector => [...document.querySelectorAll(selector)].filter(el => {
  const r = el.getBoundingClientRect();
  return getComputedStyle(el).display !== 'none' && r.width * r.height > 0;
}).length"""

LINK_ADDRESSES_JS = r"""() => [...document.querySelectorAll(
    'main a[href^="http:"], main a[href^="https:"], main a[href^="mailto:"], main a[href^="tel:"]')]
  .map(a => ({href: a.getAttribute('href'), text: a.textContent.trim(),
              after: getComputedStyle(a, '::after').content}))"""

# Anything in main that is wider than its box (so cut off on paper), and main itself.
CUT_OFF_JS = r"""() => {
  const main = document.querySelector('main');
  const right = main.getBoundingClientRect().right;
  const out = [...main.querySelectorAll('*')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 || el.getBoundingClientRect().right > right + 1)
    .map(el => `<${el.tagName.toLowerCase()}> ${el.scrollWidth} in ${el.clientWidth}, right edge ${Math.round(el.getBoundingClientRect().right)} of ${Math.round(right)}`);
  if (main.scrollWidth > main.clientWidth) out.push(`<main> ${main.scrollWidth} in ${main.clientWidth}`);
  return out;
}"""


def printed(page, url: str, width: int = 700) -> None:
    page.emulate_media(media="print")
    open_at(page, url, width)
    assert page.evaluate("matchMedia('print').matches")


@PRINTED
def test_print_leaves_out_header_navigation_search_and_footer(page, example_url, path):
    page.goto(example_url + path)  # on screen, all of them are there
    for part, selector in CHROME.items():
        if part != "skip link":
            assert page.evaluate(SHOWN_JS, selector) > 0, f"no {part} on screen"
    printed(page, example_url + path)
    printed_parts = [part for part, selector in CHROME.items() if page.evaluate(SHOWN_JS, selector)]
    assert printed_parts == [], f"these parts still print: {printed_parts}"
    assert page.evaluate(SHOWN_JS, "main h1") == 1


@PRINTED
def test_print_writes_out_outside_link_addresses(page, example_url, path):
    printed(page, example_url + path)
    links = page.evaluate(LINK_ADDRESSES_JS)
    if path == PAGE_TYPES["service"]:
        schemes = {link["href"].split(":")[0] for link in links}
        assert {"https", "mailto", "tel"} <= schemes, "the service page should have web, email and phone links"
    for link in links:
        address = link["href"].split(":", 1)[1] if link["href"].startswith(("mailto:", "tel:")) else link["href"]
        assert address in link["after"], f"printed link {link['text']!r} does not show {address!r}: {link['after']}"
    internal = page.evaluate("getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after').content")
    assert internal in ("none", "normal", '""'), "links within the site should not print their address"


@PRINTED
def test_print_cuts_nothing_off(page, example_url, path):
    printed(page, example_url + path)
    assert page.evaluate(CUT_OFF_JS) == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
