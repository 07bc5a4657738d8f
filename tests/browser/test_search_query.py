"""What a family types, turned into search terms: the page's own functions, run in Chromium."""

import json
import shutil

import pytest

from localoffer_ssg.outputs import search_words

from ..conftest import REPO, serve_dir


@pytest.fixture(scope="module")
def query_page(browser, tmp_path_factory):
    """A blank page with search-query.js and the example's words, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("query")
    shutil.copy(REPO / "layouts/static/search-query.js", folder / "search-query.js")
    (folder / "search-words.json").write_text(json.dumps(search_words.words(REPO)), "utf-8")
    (folder / "index.html").write_text("<!doctype html><title>q</title>", "utf-8")
    with serve_dir(folder) as base:
        page = browser.new_page()
        page.goto(base + "/")
        page.evaluate("""async () => {
            const q = await import('/search-query.js');
            const words = q.prepare(await (await fetch('/search-words.json')).json());
            window.rw = (text) => q.rewrite(text, words);
            window.q = q;
        }""")
        yield page
        page.close()


def units(page, text):
    return page.evaluate("t => rw(t).units", text)


def test_case_apostrophes_and_filler_words_are_dropped(query_page):
    assert units(query_page, "My little girl DOESN’T speak yet") == units(query_page, "my little girl doesnt speak yet")
    assert units(query_page, "my little girl doesnt speak yet") == [["speech", "talking"]]


def test_misspellings_are_corrected(query_page):
    assert units(query_page, "speech theraphy") == [["speech therapy"]]
    assert units(query_page, "my son has dislexia") == [["dyslexia"]]
    assert ["receive"] in units(query_page, "what can we recieve")


def test_longer_phrases_win_over_the_words_in_them(query_page):
    assert units(query_page, "i need a rest from looking after him") == [["short breaks"]]
    assert units(query_page, "someone to talk to")[0][0] == "someone to talk to"


def test_small_words_may_sit_inside_a_phrase_and_endings_do_not_matter(query_page):
    assert units(query_page, "he does not really speak") == [["speech", "talking"]]
    assert units(query_page, "bed wetting") == units(query_page, "he wets the bed")


def test_a_phrase_can_mean_any_of_several_site_words(query_page):
    assert units(query_page, "funding") == [["funding", "personal budget", "benefits"]]


def test_families_word_groups_keep_their_phrases_whole(query_page):
    # "learning to travel on my own" is a group phrase: its small words must not be dropped
    assert units(query_page, "learning to travel on my own") == [["learning to travel on my own"]]


def test_words_that_mean_something_are_kept_and_numbers_dropped(query_page):
    assert units(query_page, "cerebral palsy splints for a 6 year old") == [["cerebral palsy"], ["splints"]]


def test_easy_read_in_the_words_asks_for_easy_read_pages(query_page):
    found = query_page.evaluate("rw('easy read short breaks')")
    assert found["easyRead"] and found["units"] == [["short breaks"]]
    assert not query_page.evaluate("rw('short breaks').easyRead")


def test_merge_ranks_pages_strong_on_more_terms_first(query_page):
    order = query_page.evaluate("""() => q.merge([
        [{id: 'a', score: 9}, {id: 'b', score: 8}, {id: 'd', score: 1}],
        [{id: 'b', score: 18}, {id: 'c', score: 20}, {id: 'd', score: 1}],
    ]).map(r => r.id)""")
    assert order[0] == "b" and order[-1] == "d"  # strong on both first; weak on both last


def test_a_site_adds_its_own_words(tmp_path):
    (tmp_path / "search-words.yaml").write_text("stop: [pupil]\nphrases:\n  fun day: [Family Fun Day]\n", "utf-8")
    words = search_words.words(tmp_path)
    assert "pupil" in words["stop"] and "my" in words["stop"]
    assert words["phrases"]["fun day"] == ["Family Fun Day"] and "bed wetting" in words["phrases"]
