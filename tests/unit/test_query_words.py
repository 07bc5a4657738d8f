"""The search words file: the engine's list, a site's additions, and clear errors for editors."""

import pytest

from localoffer_ssg.diagnostics import ConfigError
from localoffer_ssg.outputs import search_words

from ..conftest import REPO


def test_the_default_list_has_every_kind_of_word():
    words = search_words.words(REPO)
    assert {"my", "son", "daughter", "child", "help", "get", "really", "yet"} <= set(words["stop"])
    assert words["spelling"]["doesnt"] == "does not" and words["spelling"]["recieve"] == "receive"
    assert words["phrases"]["bed wetting"][0] == "continence"
    assert "short breaks" in words["phrases"]["rest from looking after"]


def test_every_stop_word_is_a_word():
    # YAML reads a bare on or no as true or false; the list must hold words only
    assert all(isinstance(w, str) for w in search_words.words(REPO)["stop"])


def test_families_word_groups_become_phrases(tmp_path):
    (tmp_path / "synonyms.yaml").write_text("- [forest school, outdoor learning]\n", "utf-8")
    assert search_words.words(tmp_path)["phrases"]["outdoor learning"] == ["outdoor learning"]


def test_the_sites_own_entries_win(tmp_path):
    (tmp_path / "search-words.yaml").write_text("phrases:\n  bed wetting: [enuresis clinic]\n", "utf-8")
    assert search_words.words(tmp_path)["phrases"]["bed wetting"] == ["enuresis clinic"]


@pytest.mark.parametrize("text, where, says", [
    ("stop: [my, on]\n", "search-words.yaml:1:", "put it in quotes"),
    ("phrases: [a, b]\n", "search-words.yaml:1:1", "must be a mapping"),
    ("phrases:\n  bed wetting: []\n", "search-words.yaml:2:", "must name the site's words"),
    ("stopwords: [my]\n", "search-words.yaml:1:1", "unknown key"),
])
def test_a_broken_site_file_says_where_and_how_to_fix_it(tmp_path, text, where, says):
    (tmp_path / "search-words.yaml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        search_words.words(tmp_path)
    message = str(caught.value)
    assert message.startswith(where) and says in message, message
