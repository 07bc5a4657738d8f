"""'Near a postcode' in Chromium, on the near fixture site: order and distances against ones
worked out here from the same table, messages for postcodes it cannot place, the browser's
position granted and refused, and not one request leaving 127.0.0.1."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

import pytest
import yaml

from localoffer_ssg import geography

from ..conftest import SITES, build, serve_dir
from .conftest import axe_violations

pytestmark = pytest.mark.browser
NEAR = SITES / "valid" / "near"
MANCHESTER = (53.4794, -2.2453)  # Manchester town hall


@pytest.fixture(scope="module")
def near_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("near-served") / "site"
    build(NEAR, out)
    with serve_dir(out) as base:
        yield base


@pytest.fixture
def tab(browser, request):
    """A page whose every request is recorded; options for the context come from the test."""
    options = getattr(request, "param", {})
    context = browser.new_context(**options)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda req: page.requests.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert not errors
    assert [u for u in page.requests if urlsplit(u).hostname != "127.0.0.1"] == []
    context.close()


def _expected(origin: tuple[float, float], theme: str | None = None, ages: tuple[int, int] | None = None,
              within: float = 0) -> list[tuple[str, float]]:
    """(name, miles) nearest first, from the fixture's records and the shipped table."""
    found = []
    for file in sorted((NEAR / "services").glob("*.yaml")):
        d = yaml.safe_load(file.read_text("utf-8"))
        if theme and theme not in d["themes"] or ages and (d["age_range"]["min"] > ages[1]
                                                           or d["age_range"]["max"] < ages[0]):
            continue
        points = [(p["latitude"], p["longitude"]) if "latitude" in p else
                  (geography.locate(p["postcode"]).latitude, geography.locate(p["postcode"]).longitude)
                  for p in d.get("locations", [])]
        if points:
            best = min(_haversine(origin, p) for p in points)
            if not within or best <= within:
                found.append((d["name"], best))
    return sorted(found, key=lambda f: f[1])


def _haversine(a, b) -> float:
    (la1, lo1), (la2, lo2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h)) / 1.609344


def _results(page) -> list[tuple[str, str]]:
    page.wait_for_selector("#near-results:not([hidden]) li")
    return [(li.locator("h3").inner_text(), li.locator(".facts").inner_text())
            for li in page.locator("#near-results li").all()]


def _ask(page, postcode: str, within: str = "") -> None:
    page.fill("#near-postcode", postcode)
    if within:
        page.select_option("#near-within", within)
    page.click("#near button[type=submit]")


def _sector(postcode):
    point = geography.locate(postcode)
    return point.latitude, point.longitude


@pytest.mark.parametrize("typed", ["M1 1AE", "m1 1ae", "M11AE"])
def test_a_postcode_sorts_the_topic_nearest_first_with_honest_distances(tab, near_url, typed):
    tab.goto(f"{near_url}/themes/leisure/")
    _ask(tab, typed)
    expected = _expected(_sector("M1 1AE"), theme="leisure")
    assert _results(tab) == [(name, geography.about(m, "sector")) for name, m in expected]
    assert [name for name, _ in expected] == ["Ancoats Play Club", "Stockport Swim Group",
                                              "Leeds Youth Theatre", "Edinburgh Outreach"]
    assert tab.url.endswith("#near=M1%201AE") and tab.locator("#near-all").is_hidden()


def test_services_without_a_place_come_after_the_located_ones(tab, near_url):
    tab.goto(f"{near_url}/themes/health/")
    _ask(tab, "OL1 1AA")
    shown = _results(tab)
    located = [name for name, _ in _expected(_sector("OL1 1AA"), theme="health")]
    assert [name for name, _ in shown] == located + ["Home Visiting Nurses", "Online Parent Course"]
    assert shown[-1][1] == "no fixed place: available across South Nearshire"


def test_within_combines_with_topic_and_age_and_is_kept_in_the_address(tab, near_url):
    tab.goto(f"{near_url}/themes/leisure/ages/5-10/")
    _ask(tab, "M1 1AE", within="10")
    expected = _expected(_sector("M1 1AE"), theme="leisure", ages=(5, 10), within=10)
    assert [n for n, _ in _results(tab)] == [n for n, _ in expected] == ["Ancoats Play Club", "Stockport Swim Group"]
    assert "2 services within 10 miles" in tab.inner_text("#near-results")
    tab.goto(f"{near_url}/ages/11-15/#near=M1%201AE&within=20")
    expected = _expected(_sector("M1 1AE"), ages=(11, 15), within=20)
    # Those with no place of their own are available across their areas, whatever the distance.
    assert [n for n, _ in _results(tab)] == [n for n, _ in expected] + ["Home Visiting Nurses", "Online Parent Course"]
    assert tab.input_value("#near-postcode") == "M1 1AE" and tab.input_value("#near-within") == "20"


def test_the_first_half_of_a_postcode_is_rounded_more_coarsely(tab, near_url):
    tab.goto(f"{near_url}/themes/leisure/")
    _ask(tab, "sk1")
    centre = geography.locate("SK1")
    expected = _expected((centre.latitude, centre.longitude), theme="leisure")
    assert _results(tab) == [(n, geography.about(m, "district")) for n, m in expected]
    assert "from the middle of SK1" in tab.inner_text("#near-results")


@pytest.mark.parametrize("typed, said", [
    ("", "Enter a postcode"),
    ("hello", "\u2018hello\u2019 is not a postcode"),
    ("BT1 1AA", "Northern Ireland postcodes (BT) are not in this site\u2019s postcode list"),
    ("ZX1 1AA", "We could not find ZX1 among the postcodes of Great Britain")])
def test_postcodes_it_cannot_place_get_a_clear_message(tab, near_url, typed, said):
    tab.goto(f"{near_url}/themes/leisure/")
    _ask(tab, typed)
    tab.wait_for_function("() => document.getElementById('near-status').textContent.length > 20")
    assert tab.inner_text("#near-status").startswith(said)
    assert tab.locator("#near-results").is_hidden() and tab.locator("#near-all").is_visible()
    assert tab.get_attribute("#near-postcode", "aria-invalid") == "true"


def test_the_sorting_and_its_tables_are_fetched_only_when_asked(tab, near_url):
    tab.goto(f"{near_url}/themes/leisure/")
    tab.wait_for_load_state("networkidle")
    on_use = (".json", "near-lib.js")
    assert not [u for u in tab.requests if u.endswith(on_use)]
    _ask(tab, "M1 1AE")
    _results(tab)
    assert {urlsplit(u).path for u in tab.requests if u.endswith(on_use)} == {
        "/assets/postcodes.json", "/assets/near.json", "/assets/near-lib.js"}


@pytest.mark.parametrize("tab", [{"permissions": ["geolocation"],
                                  "geolocation": {"latitude": MANCHESTER[0], "longitude": MANCHESTER[1]}}],
                         indirect=True)
def test_my_location_when_the_browser_shares_it(tab, near_url):
    tab.goto(f"{near_url}/themes/health/")
    tab.click("#near-here")
    shown = _results(tab)
    expected = _expected(MANCHESTER, theme="health")
    assert shown[:len(expected)] == [(n, geography.about(m, "exact", "sector")) for n, m in expected]
    assert "Nearest to your location" in tab.inner_text("#near-results") and tab.url.endswith("#near=here")


@pytest.mark.parametrize("tab", [{"permissions": []}], indirect=True)
def test_my_location_refused(tab, near_url):
    tab.goto(f"{near_url}/themes/health/")
    tab.context.clear_permissions()
    tab.click("#near-here")
    tab.wait_for_function("() => document.getElementById('near-status').textContent.includes('did not share')")
    assert tab.locator("#near-results").is_hidden() and tab.locator("#near-all").is_visible()


def test_without_javascript_the_form_is_not_offered(browser, near_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{near_url}/themes/leisure/")
    assert page.locator("#near").is_hidden() and page.locator("#near-all li").count() == 4
    context.close()


def test_no_accessibility_violations_with_results_shown(browser, near_url):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{near_url}/themes/health/ages/0-4/")
    assert axe_violations(page) == []
    _ask(page, "M1 1AE")
    _results(page)
    assert page.evaluate("document.activeElement.tagName") == "H2"
    assert axe_violations(page) == []
    context.close()
