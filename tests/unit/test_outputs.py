"""The generator registry: every output comes from one generator, and a new kind of page is a
small generator and a template, built, fingerprinted and reused like the others."""

import shutil
from pathlib import Path

import pytest

from localoffer_ssg import outputs, routes
from localoffer_ssg.outputs import Generator

from ..conftest import SITES, build

CARD = """{% extends "base.html" %}
{% block main %}<h1>{{ title }}</h1><p>Call {{ site.contact.phone }}</p>{% endblock %}
"""


class ContactCard(Generator):
    """The kind of page the README shows how to add."""

    name = "contact_card"

    def render(self, r, key):
        yield r.page("contact-card.html", "/contact-card/", title="Contact card", breadcrumbs=[("Home", "/")])


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    return root


def test_every_file_of_a_build_comes_from_exactly_one_unit(site, tmp_path):
    result = build(site, tmp_path / "out")
    written = {p.relative_to(result.out).as_posix() for p in result.out.rglob("*") if p.is_file()}
    assert set(result.cache.outputs) == written
    names = [g.name for g in outputs.GENERATORS]
    assert len(names) == len(set(names)) and all(names)


def test_a_new_kind_of_page_needs_only_a_generator_and_a_template(site, tmp_path, monkeypatch):
    (site / "layouts" / "contact-card.html").write_text(CARD)
    monkeypatch.setattr(outputs, "GENERATORS", (*outputs.GENERATORS, ContactCard()))
    monkeypatch.setitem(outputs._BY_NAME, "contact_card", ContactCard())
    out = tmp_path / "out"
    first = build(site, out, cache=True)
    card = out / "contact-card" / "index.html"
    assert "<h1>Contact card</h1>" in card.read_text()
    assert routes.output_file("/contact-card/") in first.cache.outputs
    assert "/contact-card/</loc>" in (out / "sitemap.xml").read_text()

    again = build(site, out, cache=True)  # nothing changed: nothing rendered again
    assert again.rendered == 0
    (site / "layouts" / "contact-card.html").write_text(CARD.replace("Call", "Phone"))
    edited = build(site, out, cache=True)  # its template changed: only it is rendered again
    assert edited.rendered == 1 and "Phone" in card.read_text()
