"""Printable booklets at /print/<topic>/: exactly the topic's published services, each with its
key facts and contacts, the Local Offer team's details and when the details last changed; a
topic of 1,000 services is split into light parts."""

from __future__ import annotations

import html as markup
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from localoffer_ssg import routes
from localoffer_ssg.pageweight import BUDGET, weigh

from .conftest import REPO, build


def names_in(out: Path, rel: str) -> list[str]:
    html = (out / rel).read_text("utf-8")
    return [markup.unescape(re.sub(r"<[^>]+>", "", n)) for n in re.findall(r'<section class="entry" aria-labelledby="s-[^"]+">\n'
                                                            r'<h2 id="[^"]+">(.*?)</h2>', html)]


def whole_booklet(out: Path, theme: str) -> list[str]:
    """The services in every part of a topic's booklet, in order."""
    parts = sorted((out / "print" / theme).glob("page-*/index.html"), key=lambda p: int(p.parent.name[5:]))
    return [name for rel in [out / "print" / theme / "index.html", *parts] for name in names_in(out, rel)]


def published(root: Path, theme: str) -> list[str]:
    records = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((root / "services").glob("*.yaml"))
               if "." not in p.stem]  # not translations (<id>.<language>.yaml)
    return sorted((r["name"].strip() for r in records if theme in r["themes"] and r.get("status") != "closed"),
                  key=lambda name: name.casefold().removeprefix("the "))


def test_a_booklet_holds_exactly_the_topics_published_services(basic_site):
    assert names_in(basic_site, "print/education/index.html") == ["After School Club"]  # not the closed one
    assert names_in(basic_site, "print/health/index.html") == ["Speech Therapy Drop-in"]
    html = (basic_site / "print/health/index.html").read_text("utf-8")
    assert "Phone: <a href=\"tel:" in html and "<dt>Ages</dt>" in html
    assert "https://example.org/local-offer/services/speech-therapy/" in html, "links are written out"
    assert "Help from the Local Offer team" in html and "01632 960 001" in html and "Town Hall" in html
    assert "last changed on" in html


def test_the_examples_booklets_match_its_records(example_site):
    for theme in ("health", "early-years", "leisure", "education"):
        assert whole_booklet(example_site, theme) == published(REPO, theme)


def test_each_topic_page_links_to_its_booklet(basic_site):
    html = (basic_site / "themes/health/index.html").read_text("utf-8")
    assert '<a href="/local-offer/print/health/">Print this list</a>' in html


@pytest.fixture(scope="module")
def big_topic(tmp_path_factory):
    """1,000 services, all under one topic."""
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    root = tmp_path_factory.mktemp("big") / "site"
    corpus.write_corpus(1000, root)
    for path in (root / "services").glob("*.yaml"):
        record = yaml.safe_load(path.read_text("utf-8"))
        record["themes"] = ["health"]
        record.pop("status", None)
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), "utf-8")
    build(root, root / "_site", today=None)
    return root


def test_a_topic_of_a_thousand_services_is_printed_in_light_parts(big_topic):
    out = big_topic / "_site"
    parts = 1000 // routes.BOOKLET_PAGE_SIZE
    files = ["print/health/index.html"] + [f"print/health/page-{n}/index.html" for n in range(2, parts + 1)]
    assert not (out / f"print/health/page-{parts + 1}").exists()
    seen = [name for rel in files for name in names_in(out, rel)]
    assert seen == published(big_topic, "health") and len(seen) == 1000
    last = (out / files[-1]).read_text("utf-8")
    assert f"Part {parts}" in last and 'href="/print/health/page-2/"' in last
    assert [w.page for rel in files for w in [weigh(out, rel)] if w.total > BUDGET] == []
