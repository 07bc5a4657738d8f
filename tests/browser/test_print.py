"""Printing a page: only the content, under the site's name and the page's address; every link's
address written out once, in full; nothing cut off; no buttons or pills drawn as boxes."""

from __future__ import annotations

import re

import pytest

from localoffer_ssg.config import load_config

from ..conftest import REPO
from .test_layout import PAGE_TYPES, open_at

PRINTED = pytest.mark.parametrize("path", [PAGE_TYPES["service"], PAGE_TYPES["content-page"]],
                                  ids=["service", "content-page"])
BASE_URL = load_config(REPO).base_url  # the example is built with its own base_url

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

# What each link in main prints: its text and the generated text after it (quotes removed).
PRINTED_LINKS_JS = r"""selector => [...document.querySelectorAll(selector)]
  .filter(a => a.getClientRects().length > 0)
  .map(a => { const after = getComputedStyle(a, '::after').content;
              return {href: a.getAttribute('href'), text: a.innerText.trim(),
                      after: ['none', 'normal'].includes(after) ? '' : after.replace(/"/g, '')}; })"""

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

# Links and buttons in main that print with a border or a filled background.
BOXES_JS = r"""() => [...document.querySelectorAll('main a, main button')]
  .filter(el => el.getClientRects().length > 0)
  .filter(el => { const cs = getComputedStyle(el);
    const border = ['Top', 'Right', 'Bottom', 'Left'].some(side =>
      cs[`border${side}Style`] !== 'none' && parseFloat(cs[`border${side}Width`]) > 0);
    return border || cs.backgroundColor !== 'rgba(0, 0, 0, 0)'; })
  .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> "${el.innerText.trim().slice(0, 30)}"`)"""


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
def test_print_shows_the_site_name_and_the_page_address(page, example_url, path):
    address = BASE_URL.rstrip("/") + path
    open_at(page, example_url + path, 1280)
    assert address not in page.evaluate("document.body.innerText"), "the address shows on screen too"
    printed(page, example_url + path)
    text = page.evaluate("document.body.innerText")
    assert "Exampleshire Local Offer" in text.split("\n")[0] and address in text.split("\n")[0], \
        f"the printed page does not start with the site name and {address}: {text[:200]!r}"


@PRINTED
def test_print_writes_each_outside_address_once(page, example_url, path):
    """A phone number or e-mail address shown as its link text is not printed again after it."""
    printed(page, example_url + path)
    links = page.evaluate(PRINTED_LINKS_JS, 'main a[href^="http"], main a[href^="mailto:"], main a[href^="tel:"]')
    if path == PAGE_TYPES["service"]:
        schemes = {link["href"].split(":")[0] for link in links}
        assert {"https", "mailto", "tel"} <= schemes, "the service page should have web, email and phone links"
    for link in links:
        shown = f"{link['text']} {link['after']}"
        if link["href"].startswith("tel:"):
            digits = re.sub(r"\D", "", link["href"])
            assert re.sub(r"\D", "", shown) == digits, f"phone link prints as {shown!r}"
        else:
            address = link["href"].removeprefix("mailto:").split("?")[0]
            assert shown.count(address) == 1, f"link prints as {shown!r}, not with {address!r} once"


@PRINTED
def test_print_writes_out_the_full_address_of_links_within_the_site(page, example_url, path):
    printed(page, example_url + path)
    links = page.evaluate(PRINTED_LINKS_JS, 'main a[href^="/"]')
    assert links, "the page links to other pages of the site"
    wrong = [link for link in links if BASE_URL.rstrip("/") + link["href"] not in link["after"]]
    assert wrong == [], f"printed without {BASE_URL} and their path: {wrong[:3]}"


@pytest.mark.parametrize("path", [PAGE_TYPES["home"], PAGE_TYPES["service"], PAGE_TYPES["a-z"]],
                         ids=["home", "service", "a-z"])
def test_print_draws_no_buttons_or_pills_as_boxes(page, example_url, path):
    page.goto(example_url + path)
    assert page.evaluate(BOXES_JS), "on screen, the page has tiles, pills or letter boxes"
    printed(page, example_url + path)
    assert page.evaluate(BOXES_JS) == []


@PRINTED
def test_print_cuts_nothing_off(page, example_url, path):
    printed(page, example_url + path)
    assert page.evaluate(CUT_OFF_JS) == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
