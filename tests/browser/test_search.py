"""Search in headless Chromium: families' words, filters checked against the records, no-JS routes."""

import re
from urllib.parse import quote

import pytest

from localoffer_ssg import pipeline, routes
from localoffer_ssg.config import load_config
from localoffer_ssg.load import load_sources
from localoffer_ssg.model import NEEDS, build_model

from ..conftest import REPO
from .conftest import axe_violations


@pytest.fixture(scope="module")
def site():
    return build_model(load_config(REPO), load_sources(REPO), pipeline.today())


def search(page, base, query="", **filters):
    params = [("q", query)] + [(k, v) for k, values in filters.items() for v in values]
    page.goto(f"{base}/search/?" + "&".join(f"{k}={quote(v)}" for k, v in params))
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    return results(page)


def results(page):
    return page.eval_on_selector_all("#results-list h3 a", "els => els.map(a => a.getAttribute('href'))")


def test_a_service_name_finds_that_service_first(page, example_url, site):
    for service in site.services[::9]:
        assert search(page, example_url, service.name)[0] == service.url, service.name


@pytest.mark.parametrize("query, expected", [
    ("respite", "/services/short-breaks-activity-programme/"),
    ("SALT", "/services/childrens-speech-and-language-therapy/"),
    ("speech therapy", "/services/childrens-speech-and-language-therapy/"),
    ("EHCP", "/services/send-assessment-and-review-team/"),
    ("CAMHS", "/services/exampleshire-camhs/"),
    ("ASD", "/services/communication-and-autism-team/"),
])
def test_families_words_find_the_right_service_in_the_top_three(page, example_url, query, expected):
    assert expected in search(page, example_url, query)[:3]


def _ids(urls):
    return {u for u in urls if u.startswith("/services/") and not u.endswith("/easy-read/")}


def _all(page):
    while page.is_visible("#more"):
        count = len(results(page))
        page.click("#more")
        page.wait_for_function(f"document.querySelectorAll('#results-list li').length > {count}")
    return results(page)


def test_each_filter_narrows_to_exactly_the_matching_records(page, example_url, site):
    theme = site.config.themes[1]
    band = routes.AGE_BANDS[3]
    need_key, need = next(iter(NEEDS.items()))
    area = site.config.areas[0]
    cases = [
        ({"theme": [theme.title]}, {s.url for s in site.services if theme.key in s.themes}),
        ({"age": [band.title]}, {s.url for s in site.services if band.overlaps(s.age_min, s.age_max)}),
        ({"need": [need]}, {s.url for s in site.services if need_key in s.needs}),
        ({"cost": ["Free"]}, {s.url for s in site.services if s.cost_free}),
        ({"area": [area.title]}, {s.url for s in site.services if area.key in s.areas}),
        ({"cost": ["Free"], "age": [band.title]},
         {s.url for s in site.services if s.cost_free and band.overlaps(s.age_min, s.age_max)}),
    ]
    for filters, expected in cases:
        search(page, example_url, **filters)
        assert _ids(_all(page)) == expected, filters
        assert expected


def test_filters_combine_with_a_query(page, example_url, site):
    found = _ids(search(page, example_url, "school", cost=["Free"]))
    assert found and all(next(s for s in site.services if s.url == url).cost_free for url in found)


def test_results_show_counts_and_are_announced(page, example_url):
    search(page, example_url, "speech therapy")
    status = page.locator("#search-status")
    assert re.match(r"\d+ results? for “speech therapy”", status.text_content())
    assert status.get_attribute("role") == "status"
    counts = page.eval_on_selector_all(".count", "els => els.map(e => e.textContent)")
    assert counts and all(re.fullmatch(r"\(\d+\)", c) for c in counts)


def _count(page) -> int:
    return int(page.text_content("#search-status").split()[0])


def test_ticking_a_filter_updates_results_and_the_address(page, example_url, site):
    search(page, example_url, "support")
    before = _count(page)
    page.check("#f-cost-1")
    page.wait_for_function("location.search.includes('cost=Free')")
    page.wait_for_function(f"parseInt(document.getElementById('search-status').textContent) < {before}")
    assert "q=support" in page.url and 0 < _count(page) < before


def test_header_search_box_lands_on_results(page, example_url):
    page.goto(example_url + "/a-z/")
    page.fill("#site-q", "wheelchair")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=wheelchair"))
    page.wait_for_function("document.querySelectorAll('#results-list li').length > 0")
    assert results(page)[0] == "/services/calderbridge-regional-wheelchair-service/"
    assert page.input_value("#q") == "wheelchair"


def test_keyboard_only_search(page, example_url):
    page.goto(example_url + "/search/")
    page.focus("#q")
    page.keyboard.type("autism")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#results-list li').length > 0")
    page.focus("#f-cost-1")
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('cost=Free')")


def test_no_console_errors_and_no_axe_violations_with_results(page, example_url):
    search(page, example_url, "short breaks", theme=["Social care"])
    assert page.is_visible("#filters") and page.is_visible("#results-list li")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_without_javascript_the_page_says_so_and_offers_browse_routes(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "/search/?q=respite")
    assert page.is_visible("text=Search needs JavaScript")
    links = page.eval_on_selector_all(".browse a", "els => els.map(a => a.getAttribute('href'))")
    assert "/a-z/" in links and "/ages/0-4/" in links and "/themes/health/" in links
    assert not page.is_visible("#filters")
    context.close()
