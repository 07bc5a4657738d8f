"""A larger generated site: long lists are split into light pages, and every service is still
three clicks from home without JavaScript."""

import importlib.util
import re

import pytest

from localoffer_ssg import links, routes
from localoffer_ssg.pageweight import BUDGET, weigh

from .conftest import REPO, build

SIZE = 450


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    root = tmp_path_factory.mktemp("large") / "site"
    corpus.write_corpus(SIZE, root)
    build(root, root / "_site", today=None)
    return root / "_site"


def test_long_lists_are_split_into_pages(large_site):
    assert (large_site / "a-z/b/index.html").is_file()
    pages = sorted(p.parent.name for p in (large_site / "ages/11-15").glob("page-*/index.html"))
    assert pages and pages[0] == "page-2"
    first = (large_site / "ages/11-15/index.html").read_text()
    assert f"Showing 1 to {routes.LIST_PAGE_SIZE} of" in first and 'aria-current="page"' in first


def test_no_broken_links(large_site):
    assert links.broken(large_site, "/") == []


def test_every_service_within_three_clicks_of_home(large_site):
    def links_from(path):
        html = (large_site / routes.output_file(path)).read_text("utf-8")
        return {h for h in re.findall(r'<a href="(/[^"#?]*)', html) if h.endswith("/")}

    seen, frontier = {"/"}, {"/"}
    for _ in range(3):
        frontier = {link for page in frontier for link in links_from(page)} - seen
        seen |= frontier
    services = {"/" + p.parent.relative_to(large_site).as_posix() + "/"
                for p in (large_site / "services").glob("*/index.html")}
    assert len(services) == SIZE and services - seen == set()


def test_every_page_fits_the_first_round_trip(large_site):
    heavy = [(w.page, w.total) for p in large_site.rglob("*.html")
             if not p.relative_to(large_site).as_posix().startswith("pagefind/")
             for w in [weigh(large_site, p.relative_to(large_site).as_posix())] if w.total > BUDGET]
    assert heavy == []
