"""What the import makes of values written the many ways directories write them."""

import datetime as dt

import pytest

from localoffer_ssg.importing import fields, htmlmd, yamlout


@pytest.mark.parametrize("text, ages", [
    ("0-25", (0, 25)), ("5 to 11 years", (5, 11)), ("Under 5s", (0, 4)), ("16+", (16, 25)),
    ("Up to 19", (0, 19)), ("Birth to 5", (0, 5)), ("All ages", (0, 25)), ("0 – 19 years", (0, 19)),
    ("18 months to 5 years", (1, 5)), ("Aged 14 to 25", (14, 25)), ("11", (11, 11)), ("adults", None),
])
def test_ages_written_in_words_and_ranges(text, ages):
    assert fields.ages(text) == ages


@pytest.mark.parametrize("text, number", [
    ("01632960100", "01632 960 100"), ("+44 (0)1632 960 100", "01632 960 100"), ("01632-960-100", "01632 960 100"),
    ("0044 1632 960100", "01632 960 100"), ("Tel: (01632) 960100 ext 2", "01632 960 100"),
    ("020 7987 1753", "020 7987 1753"), ("01179123456", "0117 912 3456"), ("0800 035 4213", "0800 035 4213"),
    ("Youth line: 0117 332 7111", "0117 332 7111"), ("07700900123", "07700 900 123"), ("92939293", ""),
])
def test_phone_numbers_in_many_formats(text, number):
    assert fields.phone(text) == number


def test_bare_web_address_gets_https():
    assert fields.website("www.example.org/clubs") == ("https://www.example.org/clubs", True)
    assert fields.website("https://example.org/") == ("https://example.org/", False)
    assert fields.website("see our leaflet") == ("", False)


def test_dates_and_postcodes():
    assert fields.day("2024-03-01T10:00:00Z") == dt.date(2024, 3, 1)
    assert fields.day("01/03/2024") == dt.date(2024, 3, 1)
    assert fields.postcode("zx11aa") == "ZX1 1AA" and fields.postcode("ABC 1234") == ""


def test_summary_is_the_first_sentence_not_a_heading():
    assert fields.first_sentence("## About us\n\nWe lend **toys**. Free.\n") == "We lend toys."


def test_html_becomes_markdown_and_relative_links_lose_their_address():
    text = htmlmd.to_markdown('<h1>About</h1><p>We help&nbsp;families. <a href="/x">More</a> or '
                              '<a href="https://example.org/">our site</a>.</p><ul><li>One</li></ul>')
    assert text == "## About\n\nWe help families. More or [our site](https://example.org/).\n\n- One\n"
    assert htmlmd.to_markdown("Line one\r\n\r\n\r\nLine two") == "Line one\n\nLine two\n"


def test_written_yaml_is_block_style_in_field_order_with_literal_markdown():
    text = yamlout.dump({"contact": {"phone": "01632 960 100"}, "name": "Toy: library", "summary": "x",
                         "description": "One.\n\nTwo.", "themes": ["leisure"], "age_range": {"min": 0, "max": 5},
                         "last_reviewed": "2026-01-02", "languages": ["Polish", "Polish"]})
    assert text.splitlines()[:4] == ["name: 'Toy: library'", "summary: x", "description: |", "  One."]
    assert "themes:\n  - leisure\n" in text and "last_reviewed: 2026-01-02\n" in text
    assert "&" not in text and "*" not in text  # no anchors or aliases
