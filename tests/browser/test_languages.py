"""Other languages in a real browser: a Polish speaker's path from an English service page to a
Polish search; the Urdu pages on a phone, right to left (reflow, focus, text spacing); axe on
every translated page type."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from localoffer_ssg import i18n

from .conftest import axe_violations
from .test_keyboard import tab_through
from .test_listen import STUB as STUB_SPEECH
from .test_layout import CLIPPED_JS, STICKING_OUT_JS, TEXT_SPACING_CSS, built_pages, open_at

TRANSLATED_TYPES = {
    "home": "",
    "theme": "themes/health/",
    "service": "services/exampleshire-sendiass/",
    "page": "what-is-the-local-offer/",
    "search": "search/",
    "a-z": "a-z/",
    "my-list": "my-list/",
    "feedback": "feedback/",
    "accessibility": "accessibility/",
}

# Where the focused element stands among the page's focusable elements, in document order.
FOCUS_INDEX_JS = r"""() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
  .indexOf(document.activeElement)"""

# Which side of <main> the page title's words start from: in right-to-left text, the right.
TITLE_GAPS_JS = r"""() => {
  const h1 = document.querySelector('main h1'), main = document.querySelector('main');
  const range = document.createRange(); range.selectNodeContents(h1);
  const text = range.getBoundingClientRect(), box = main.getBoundingClientRect();
  return {start: box.right - text.right, end: text.left - box.left};
}"""


def test_polish_speaker_switches_language_browses_a_theme_and_searches_in_polish(page, example_served):
    base, _ = example_served
    open_at(page, base + "/services/exampleshire-sendiass/", 1280)
    switch = page.locator("nav.langs")
    assert switch.get_attribute("aria-label") == "This page in other languages"
    switch.locator('a[hreflang="pl"]').click()
    page.wait_for_url(base + "/pl/services/exampleshire-sendiass/")
    assert page.evaluate("document.documentElement.lang") == "pl"
    assert "Bezpłatne, bezstronne i poufne porady" in page.locator("main").inner_text()
    assert page.locator("nav.langs [lang=pl]").inner_text() == "Polski"  # the current one, not a link

    topic = page.locator("main a[href^='/pl/themes/']").first
    title = topic.inner_text()
    topic.click()
    page.wait_for_url(re.compile(re.escape(base) + r"/pl/themes/[a-z-]+/"))
    assert page.evaluate("document.documentElement.lang") == "pl"
    assert page.locator("h1").inner_text() == title
    assert page.locator("main a[href='/pl/services/exampleshire-sendiass/']").count() == 1

    page.fill("#site-q", "poufne porady")
    page.locator("form.find button").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/pl/search/\?q="))
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''")
    status = page.locator("#search-status").inner_text()
    assert "wynik" in status and "„poufne porady”" in status, status  # said in Polish
    links = page.locator("#results-list h3 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "/pl/services/exampleshire-sendiass/" in links, links
    assert all(urllib.parse.urlsplit(href).path.startswith("/pl/") for href in links), \
        f"a Polish search found pages in other languages: {links}"
    assert page.console_errors == []


def test_english_search_finds_no_polish_pages(page, example_served):
    base, _ = example_served
    open_at(page, base + "/search/?q=" + urllib.parse.quote("SENDIASS"), 1280)
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''")
    links = page.locator("#results-list h3 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "/services/exampleshire-sendiass/" in links
    assert not any(href.startswith(("/pl/", "/ur/")) for href in links), links


def test_urdu_pages_reflow_at_320px_right_to_left(page, example_served):
    base, out = example_served
    urls = built_pages(base + "/ur", out / "ur")
    assert len(urls) > 20
    page.set_viewport_size({"width": 320, "height": 640})
    offenders = []
    for url in urls:
        assert page.goto(url).status == 200, url
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", url
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            offenders.append(f"{url} is {width[0]} px wide in {width[1]}: {page.evaluate(STICKING_OUT_JS)[-3:]}")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize("path", TRANSLATED_TYPES.values(), ids=TRANSLATED_TYPES.keys())
def test_urdu_page_starts_on_the_right(page, example_url, path):
    open_at(page, f"{example_url}/ur/{path}", 1280)
    gaps = page.evaluate(TITLE_GAPS_JS)
    assert gaps["start"] < gaps["end"], f"the title is not set from the right: {gaps}"


@pytest.mark.parametrize("path", TRANSLATED_TYPES.values(), ids=TRANSLATED_TYPES.keys())
def test_urdu_focus_is_visible_and_follows_the_page_order_at_320px(page, example_url, path):
    url = f"{example_url}/ur/{path}"
    open_at(page, url, 320, 640)
    stops = tab_through(page)
    open_at(page, url, 320, 640)  # again, to read where each stop stands in the page
    order = []
    for _ in stops:
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUS_INDEX_JS))
    assert len(stops) >= 5, f"only {len(stops)} focusable elements found"
    problems = [s for s in stops if not (s["outline"] or s["shadow"]) or not s["inView"] or not s["onTop"]]
    assert problems == [], "\n".join(f"{s['name']}: outline {s['outlineStyle']}, in view {s['inView']} "
                                     f"{s['rect']}, on top {s['onTop']}" for s in problems)
    assert order == sorted(order) and order[0] == 0, f"focus jumps out of the page order: {order}"


@pytest.mark.parametrize("path", TRANSLATED_TYPES.values(), ids=TRANSLATED_TYPES.keys())
def test_urdu_text_spacing_clips_nothing_right_to_left(page, example_url, path):
    open_at(page, f"{example_url}/ur/{path}", 320)
    before = page.evaluate("document.querySelector('main').getBoundingClientRect().height")
    page.add_style_tag(content=TEXT_SPACING_CSS)
    after = page.evaluate("document.querySelector('main').getBoundingClientRect().height")
    assert after > before, "the text-spacing styles were not applied"
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(CLIPPED_JS) == [], f"text cut off at {width} px wide"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, \
            (f"page scrolls sideways at {width} px wide", page.evaluate(STICKING_OUT_JS))


@pytest.mark.parametrize("code", ["pl", "ur"])
@pytest.mark.parametrize("path", TRANSLATED_TYPES.values(), ids=TRANSLATED_TYPES.keys())
def test_translated_pages_have_no_axe_violations(page, example_url, code, path):
    response = page.goto(f"{example_url}/{code}/{path}")
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == code
    assert axe_violations(page) == []
    assert page.console_errors == []


def _found(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''")
    return page.locator("#results-list h3 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")


def test_polish_search_finds_other_endings_of_a_word(page, example_url):
    """Pagefind stems Polish: 'poradami' (with advice) finds the page that says 'porady'."""
    for word in ("poradami", "poufnych"):
        assert "/pl/services/exampleshire-sendiass/" in _found(page, f"{example_url}/pl/search/?q={word}"), word


def test_urdu_search_finds_urdu_pages(page, example_url):
    found = _found(page, f"{example_url}/ur/search/?q=" + urllib.parse.quote("مشورہ"))
    assert "/ur/services/exampleshire-sendiass/" in found
    assert all(href.startswith("/ur/") for href in found), found
    assert "نتائج" in page.locator("#search-status").inner_text()


POLISH = i18n.compile_po(i18n.LOCALE / "pl" / "LC_MESSAGES" / "messages.po")


def pl(message: str, **values) -> str:
    """What the Polish catalog says for `message`; never the English itself."""
    said = POLISH.gettext(message)
    assert said != message, f"not translated: {message}"
    return said % values if values else said


def test_polish_family_saves_a_service_lists_it_and_asks_by_email_in_polish(page, example_served):
    base, _ = example_served
    page.add_init_script(STUB_SPEECH)
    open_at(page, base + "/pl/services/exampleshire-sendiass/", 1280)
    assert page.locator(".listen button").all_inner_texts() == [pl("Listen"), pl("Pause"), pl("Stop")]
    assert page.get_attribute(".listen", "aria-label") == pl("Listen to this page")
    page.locator("button[data-mylist-add]").click()
    assert page.locator(".mylist-add [role=status]").inner_text() == pl("Saved on your list.")
    name = page.locator("main h1").inner_text()
    open_at(page, base + "/services/little-steps-portage/", 1280)  # a service only in English
    page.locator("button[data-mylist-add]").click()

    open_at(page, base + "/pl/services/exampleshire-sendiass/", 1280)
    page.locator("header a[href='/pl/my-list/']").click()
    page.wait_for_url(base + "/pl/my-list/")
    page.wait_for_function("document.querySelectorAll('#my-list .entry h2 a').length === 2")
    main = page.locator("main")
    assert POLISH.ngettext("%(num)s service saved on this device.", "%(num)s services saved on this device.", 2) \
        % {"num": 2} in main.inner_text()
    polish, english = page.locator("#my-list .entry").all()
    assert polish.locator("h2").inner_text() == name  # from the Polish page, so in Polish
    assert polish.locator(":scope > h2").get_attribute("lang") is None
    assert english.locator(":scope > h2").get_attribute("lang") == "en-GB"  # read as English
    assert polish.locator("button").inner_text() == pl("Remove from my list")
    assert page.locator(".tools h2").inner_text() == pl("Send this list to someone")

    page.goto(base + "/pl/feedback/?page=/pl/services/exampleshire-sendiass/")
    page.wait_for_function("document.getElementById('fb-mailto').href.indexOf('body=') > 0")
    href = urllib.parse.unquote(page.get_attribute("#fb-mailto", "href"))
    assert "subject=" + pl("Local Offer feedback") in href and pl("My message:") in href, href
    assert page.console_errors == []


def test_polish_family_sorts_a_topic_by_distance_in_polish(page, example_served):
    base, _ = example_served
    open_at(page, base + "/pl/themes/health/", 1280)
    page.fill("#near-postcode", "XYZ")
    page.locator("#near button[type=submit]").click()
    status = page.locator("#near-status")
    expected = pl("‘%(text)s’ is not a postcode. A postcode looks like SW1A 1AA, or the first half, like SW1A.",
                  text="XYZ")
    page.wait_for_function("t => document.getElementById('near-status').textContent === t", arg=expected)
    page.fill("#near-postcode", "IP1")
    page.locator("#near button[type=submit]").click()
    page.wait_for_selector("#near-results h2")
    assert page.locator("#near-results h2").inner_text() == pl("Nearest to %(place)s", place="IP1")
    summary = page.locator("#near-results p").first.inner_text()
    assert summary.endswith(pl("Distances are straight lines, from the middle of %(place)s.", place="IP1")), summary
    assert status.inner_text() == ""
    assert page.console_errors == []
