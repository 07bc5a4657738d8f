"""Fixed pages read in a sensible order: the feedback page leads with what a visitor can use,
and the easy-read index shows its list of pages before the introduction."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import SITES, build

INTRO = """---
title: Easy read
---
These pages are for young people. Each page is about one kind of help.

Some words are hard. Look for Words to know at the end of each page.
"""


def _site(tmp_path: Path, form_action: str | None) -> Path:
    """The basic fixture site with an easy-read introduction, with or without a feedback form."""
    root = tmp_path / "src"
    shutil.copytree(SITES / "valid" / "basic", root)
    (root / "content" / "index.easy.md").write_text(INTRO, encoding="utf-8")
    if form_action is not None:
        with (root / "site.toml").open("a", encoding="utf-8") as toml:
            toml.write(f'\n[feedback]\nform_action = "{form_action}"\n')
    out = tmp_path / "site"
    build(root, out)
    return out


def _main(out: Path, rel: str) -> str:
    html = (out / rel).read_text("utf-8")
    return html[html.index("<main"):html.index("</main>")]


def _headings(main: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", main, re.S)]


@pytest.fixture(scope="module")
def without_form(tmp_path_factory) -> Path:
    return _site(tmp_path_factory.mktemp("no-form"), None)


@pytest.fixture(scope="module")
def with_form(tmp_path_factory) -> Path:
    return _site(tmp_path_factory.mktemp("form"), "https://forms.example.org/local-offer")


def test_feedback_without_a_form_starts_with_the_ways_to_contact_the_team(without_form):
    main = _main(without_form, "feedback/index.html")
    assert "<form" not in main
    assert _headings(main)[0] == "How to contact the Local Offer team"
    assert "Other ways" not in main
    ways = main.index("tel:01632960001"), main.index("mailto:team@testshire.example.org"), main.index("Town Hall")
    assert max(ways) < main.index("You said, we did"), "the ways to get in touch come first"


def test_feedback_with_a_form_shows_the_form_then_other_ways(with_form):
    main = _main(with_form, "feedback/index.html")
    assert 'action="https://forms.example.org/local-offer"' in main
    assert _headings(main) == ["Other ways to tell us"]
    assert main.index("<form") < main.index("Other ways to tell us") < main.index("tel:01632960001")


def test_easy_read_index_lists_the_pages_before_the_introduction(without_form):
    main = _main(without_form, "easy-read/index.html")
    first_link = min(main.index("/local-offer/guides/therapies/easy-read/"),
                     main.index("/local-offer/services/speech-therapy/easy-read/"))
    assert first_link < main.index("These pages are for young people")
    assert _headings(main)[-1] == "About these pages"
