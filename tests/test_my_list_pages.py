"""What the build writes for My list, Listen, reporting a problem and working offline: pages
that make sense without JavaScript, scripts only where they are used and none inline, and a
service worker at the site's root whose cache is named after the build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import SITES, build


def page(out: Path, rel: str) -> str:
    return (out / rel).read_text("utf-8")


OURS = {"site.js", "listen.js", "mylist-page.js", "feedback.js"}


def scripts(html: str) -> set[str]:
    """Which of the scripts for My list, Listen and feedback the page loads."""
    return set(re.findall(r'<script src="/local-offer/assets/([^"]+)"', html)) & OURS


def settings(out: Path) -> dict:
    js = (out / "sw.js").read_text("utf-8")
    return json.loads(re.search(r"^var S = (\{.*\});$", js, re.M).group(1))


def test_my_list_without_javascript_explains_and_links_every_booklet(basic_site):
    html = page(basic_site, "my-list/index.html")
    assert "It needs JavaScript" in html and "the list stays on your device" in html
    assert '<a href="/local-offer/print/health/">Health: printable list</a>' in html
    assert '<a href="/local-offer/print/education/">Education: printable list</a>' in html
    assert scripts(html) == {"site.js", "mylist-page.js"}


def test_the_header_links_to_my_list_and_service_pages_have_the_button_hidden(basic_site):
    html = page(basic_site, "services/speech-therapy/index.html")
    assert '<a href="/local-offer/my-list/">My list<span data-mylist-count></span></a>' in html
    button = re.search(r'<p class="mylist-add" hidden[^>]*><button type="button" aria-pressed="false" '
                       r'data-mylist-add="speech-therapy" data-name="Speech Therapy Drop-in">Add to my list</button>', html)
    assert button, "the button is there for site.js, hidden until it runs"


def test_scripts_load_only_where_they_are_used(basic_site):
    assert scripts(page(basic_site, "index.html")) == {"site.js"}
    assert scripts(page(basic_site, "themes/health/index.html")) == {"site.js"}
    assert scripts(page(basic_site, "services/speech-therapy/index.html")) == {"site.js", "listen.js"}
    assert scripts(page(basic_site, "guides/therapies/index.html")) == {"site.js", "listen.js"}
    assert scripts(page(basic_site, "guides/therapies/easy-read/index.html")) == {"site.js", "listen.js"}
    assert scripts(page(basic_site, "feedback/index.html")) == {"site.js", "feedback.js"}
    assert scripts(page(basic_site, "print/health/index.html")) == {"site.js"}


def test_no_page_has_an_inline_script_or_event_handler(basic_site):
    for path in basic_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<[^>]+\son[a-z]+=", html), path


def test_every_page_ends_with_a_link_to_report_a_problem_on_it(basic_site):
    for rel, path in (("services/speech-therapy/index.html", "/local-offer/services/speech-therapy/"),
                      ("guides/index.html", "/local-offer/guides/"), ("index.html", "/local-offer/")):
        html = page(basic_site, rel)
        link = f'<p class="report"><a href="/local-offer/feedback/?page={path}">Is something wrong on this page? Tell us</a></p>'
        assert link in html and html.index(link) < html.index("</main>")
    assert "Is something wrong on this page" not in page(basic_site, "feedback/index.html")


def test_the_feedback_form_offers_the_reasons_and_the_parts_the_law_names(tmp_path):
    root = tmp_path / "src"
    shutil.copytree(SITES / "valid" / "basic", root)
    with (root / "site.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[feedback]\nform_action = "https://forms.example.org/local-offer"\n')
    build(root, tmp_path / "out")
    html = page(tmp_path / "out", "feedback/index.html")
    names = re.findall(r'name="([a-z]+)"(?: type="radio" value="([a-z-]+)")?', html.split('<form class="feedback"')[1])
    assert names == [("page", ""), *[("reason", v) for v in ("closed", "contact", "out-of-date", "other")],
                     *[("area", v) for v in ("content", "quality", "missing", "accessibility", "development",
                                             "involvement")], ("message", ""), ("email", "")]


def test_the_service_worker_sits_at_the_sites_root_and_keeps_only_the_shell(basic_site):
    found = settings(basic_site)
    assert found["base"] == "/local-offer/" and found["offline"] == "/local-offer/offline/"
    assert set(found["shell"]) == {"/local-offer/offline/", "/local-offer/my-list/", "/local-offer/assets/style.css",
                                   "/local-offer/assets/print.css", "/local-offer/assets/site.js",
                                   "/local-offer/assets/mylist-page.js", "/local-offer/assets/booklet.css"}
    assert found["skip"] == ["/local-offer/pagefind/"], "the search index is never kept ahead of a visit"
    assert "You are offline" in page(basic_site, "offline/index.html")
    assert "Open my list" in page(basic_site, "offline/index.html")


def _copy(dest: Path) -> Path:
    shutil.copytree(SITES / "valid" / "basic", dest, ignore=shutil.ignore_patterns(".cache"))
    return dest


@pytest.mark.parametrize("change", ["service", "none"])
def test_the_cache_is_renamed_when_the_content_changes(tmp_path, change):
    """Two folders with the same content give the same name; a changed record, a new one."""
    first, second = _copy(tmp_path / "first"), _copy(tmp_path / "second")
    if change == "service":
        record = second / "services" / "speech-therapy.yaml"
        record.write_text(record.read_text("utf-8").replace("01632 960", "01632 961", 1), "utf-8")
    build(first, tmp_path / "out1")
    build(second, tmp_path / "out2")
    before, after = settings(tmp_path / "out1")["version"], settings(tmp_path / "out2")["version"]
    assert (before != after) if change == "service" else (before == after)
