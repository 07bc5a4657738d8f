"""Parents' own sentences (tests/search_sentences.yaml) typed into the example site's search."""

from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

SENTENCES = yaml.safe_load((Path(__file__).parents[1] / "search_sentences.yaml").read_text("utf-8"))


def top_three(page, base, sentence):
    page.goto(f"{base}/search/?q={quote(sentence)}")
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    urls = page.eval_on_selector_all("#results-list h3 a", "els => els.map(a => a.getAttribute('href'))")
    return [u.removeprefix("/services/").rstrip("/") for u in urls[:3]]


def test_the_table_is_large_and_says_why():
    assert len(SENTENCES) >= 40
    assert all(row["q"] == row["q"].lower() and row["expect"] and row["why"] for row in SENTENCES)


def test_nine_in_ten_sentences_find_a_relevant_service_in_the_top_three_and_none_is_empty(page, example_url):
    misses, empty = [], []
    for row in SENTENCES:
        top = top_three(page, example_url, row["q"])
        if not top:
            empty.append(row["q"])
        elif not set(top) & set(row["expect"]):
            misses.append(f"{row['q']!r}: got {top}, want one of {row['expect']} ({row['why']})")
    assert not empty, empty
    assert len(misses) <= len(SENTENCES) // 10, "\n".join(misses)


@pytest.mark.parametrize("sentence, shown", [
    ("my little girl doesnt speak yet", "Showing results for speech, talking"),
    ("i need a rest from looking after him", "Showing results for short breaks"),
])
def test_the_page_says_which_words_the_results_are_for_and_keeps_what_was_typed(page, example_url, sentence, shown):
    top_three(page, example_url, sentence)
    assert page.text_content("#search-words") == shown and page.is_visible("#search-words")
    assert page.input_value("#q") == sentence and quote(sentence) in page.url.replace("+", "%20")


def test_the_words_line_is_hidden_when_nothing_was_changed(page, example_url):
    top_three(page, example_url, "wheelchair")
    assert not page.is_visible("#search-words")
