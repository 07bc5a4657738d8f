"""The index phase: real Pagefind over the built site, main content only; --no-search skips it."""

import json

import pytest

from .conftest import SITES, build


@pytest.fixture(scope="module")
def searched_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("searched") / "site"
    build(SITES / "valid" / "basic", out, search=True)
    return out


def test_pagefind_indexes_services_and_pages_only(searched_site):
    out = searched_site
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text())
    (language,) = entry["languages"].values()
    # 2 published services + 1 service easy read + 3 pages; home, lists and A to Z are not indexed
    assert language["page_count"] == 6


def test_no_search_builds_without_an_index(tmp_path):
    out = tmp_path / "site"
    build(SITES / "valid" / "basic", out, search=False)
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()
    # families' words are there for the index only
    assert "data-pagefind-weight" not in (out / "services/speech-therapy/index.html").read_text()


def test_service_pages_carry_filters_and_families_words(searched_site):
    html = (searched_site / "services/speech-therapy/index.html").read_text()
    for marker in ('data-pagefind-filter="theme:Health"', 'data-pagefind-filter="age:Ages 0 to 4"',
                   'data-pagefind-filter="age:Ages 5 to 10"', 'data-pagefind-filter="cost:Free"',
                   'data-pagefind-filter="need:Communication and interaction"',
                   'data-pagefind-filter="area:Testford"', 'data-pagefind-meta="summary"'):
        assert marker in html
    assert 'data-pagefind-filter="age:Ages 16 to 25"' not in html
    assert "speech and language therapy" in html.split('data-pagefind-weight="5"')[1].split("</p>")[0]
