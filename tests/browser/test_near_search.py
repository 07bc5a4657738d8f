"""'Near a postcode' on the search page: a postcode alone lists every service nearest first; with
words, the results are put in order of distance, and 'within' leaves out those further away."""

from __future__ import annotations

import pytest

from localoffer_ssg import geography

from ..conftest import build, serve_dir
from .test_near import NEAR, _ask, _expected, _sector, tab  # noqa: F401 (tab is a fixture)

pytestmark = pytest.mark.browser
UNPLACED = ["Home Visiting Nurses", "Online Parent Course"]  # no place of their own: across their areas


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    out = tmp_path_factory.mktemp("near-search") / "site"
    build(NEAR, out, search=True)
    with serve_dir(out) as base:
        yield base


def _shown(page) -> list[tuple[str, str]]:
    page.wait_for_function("() => [...document.querySelectorAll('#results-list .facts')]"
                           ".some(p => /mile|available across/.test(p.textContent))")
    return [(li.locator("h3").inner_text(), li.locator(".facts").inner_text().split(" · ")[0])
            for li in page.locator("#results-list li").all()]


def test_a_postcode_alone_lists_every_service_nearest_first(tab, searchable):
    tab.goto(f"{searchable}/search/")
    assert tab.is_hidden("#near-postcode")  # folded: on a phone the results come first
    tab.click(".near-box summary")
    _ask(tab, "M1 1AE")
    expected = _expected(_sector("M1 1AE"))
    shown = _shown(tab)
    assert shown[:len(expected)] == [(name, geography.about(m, "sector")) for name, m in expected]
    assert [name for name, _ in shown[len(expected):]] == UNPLACED
    assert tab.url.endswith("#near=M1%201AE")


def test_words_and_within_keep_only_near_matches_in_order_of_distance(tab, searchable):
    tab.goto(f"{searchable}/search/?q=play#near=M1%201AE&within=20")
    expected = _expected(_sector("M1 1AE"), theme="leisure", within=20)
    shown = _shown(tab)
    names = [name for name, _ in shown]
    located = [name for name in names if name not in UNPLACED]
    assert located and located == [name for name, _ in expected if name in located]  # nearest first
    assert names == located + [name for name in names if name in UNPLACED]  # then those across areas
    far = {name for name, m in _expected(_sector("M1 1AE")) if m > 20}
    assert far and not far & set(names)  # Edinburgh and Leeds are further than 20 miles
    assert tab.input_value("#q") == "play" and "q=play" in tab.url and "within=20" in tab.url
