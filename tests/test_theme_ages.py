"""A topic narrowed to an age band, as static pages: 'health, ages 5 to 10' in two clicks from
home, without JavaScript or search, with long lists paged."""

import importlib.util
import re

import pytest
import yaml

from localoffer_ssg import links, routes

from .conftest import REPO, build, service_records

HREF = re.compile(r'<a [^>]*?href="(/[^"#?]*)"')


def _published(root):
    for path in service_records(root):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data.get("status", "active") != "closed":
            yield path.stem, data


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "site"
    build(REPO, out, today=None)
    return out


def test_each_topic_and_age_lists_exactly_its_services(example):
    for theme in ("health", "education", "social-care"):
        for band in routes.AGE_BANDS:
            html = (example / routes.output_file(routes.theme_age(theme, band))).read_text("utf-8")
            listed = {h.split("/")[2] for h in HREF.findall(html) if h.startswith("/services/")}
            expected = {sid for sid, d in _published(REPO) if theme in d["themes"]
                        and band.overlaps(d["age_range"]["min"], d["age_range"]["max"])}
            assert listed == expected, (theme, band.key)
            assert f"Services ({len(expected)})" in html


def test_two_clicks_from_home(example):
    home = (example / "index.html").read_text("utf-8")
    assert "/themes/health/" in HREF.findall(home)
    theme = (example / "themes/health/index.html").read_text("utf-8")
    assert "/themes/health/ages/5-10/" in HREF.findall(theme)
    age = (example / "ages/5-10/index.html").read_text("utf-8")
    assert "/themes/health/ages/5-10/" in HREF.findall(age)
    assert links.broken(example, "/") == []


def test_long_topic_and_age_lists_keep_their_paging(tmp_path):
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    root = tmp_path / "site"
    corpus.write_corpus(1000, root)
    out = tmp_path / "out"
    build(root, out, today=None)
    paged = sorted(out.glob("themes/*/ages/*/page-2/index.html"))
    assert paged, "no topic and age list is long enough to page"
    first = paged[0].parent.parent / "index.html"
    assert f"Showing 1 to {routes.LIST_PAGE_SIZE} of" in first.read_text("utf-8")
    assert links.broken(out, "/") == []
