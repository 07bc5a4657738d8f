"""Validation rules, one behaviour each, on small in-memory sites."""

import datetime as dt

import pytest

from localoffer_ssg.config import load_config
from localoffer_ssg.load import load_sources
from localoffer_ssg.validate import add_months, validate

TODAY = dt.date(2026, 6, 1)
SITE = '[site]\nid = "t"\ntitle = "T"\ncouncil = "C"\nreview_months = 6\n[[areas]]\nkey = "north"\ntitle = "North"\n'
GOOD = """name: Play Club
summary: A club.
description: Fun.
themes: [leisure]
age_range: {min: 5, max: 11}
contact: {phone: 01632 960 123}
last_reviewed: 2026-05-01
"""


def _check(tmp_path, service=GOOD, pages=None):
    (tmp_path / "site.toml").write_text(SITE)
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "play-club.yaml").write_text(service)
    for rel, text in (pages or {}).items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [str(d) for d in validate(load_config(tmp_path), load_sources(tmp_path), TODAY)]


def test_a_good_service_has_no_problems(tmp_path):
    assert _check(tmp_path) == []


@pytest.mark.parametrize("change, expected", [
    (("max: 11", "max: 30"), "services/play-club.yaml:5:26: error: age_range.max: must be at most 25 (got 30)"),
    (("min: 5", "min: 12"), "services/play-club.yaml:5:18: error: age_range.min: must not be more than age_range.max (min is 12, max is 11)"),
    (("[leisure]", "[leisur]"), "services/play-club.yaml:4:10: error: themes[0]: 'leisur' is not a theme in site.toml. Did you mean 'leisure'?"),
    (("2026-05-01", "2026-07-01"), "services/play-club.yaml:7:16: error: last_reviewed: 2026-07-01 is in the future; use the date the details were last checked"),
    (("2026-05-01", "2026-02-30"), "services/play-club.yaml:7:16: error: last_reviewed: '2026-02-30' is not a real date; check the day and the month"),
    (("summary: A club.\n", "sumary: A club.\n"), "services/play-club.yaml:2:1: error: sumary: unknown field. Did you mean 'summary'?"),
    (("contact: {phone: 01632 960 123}", "contact: {name: Jo}"), "services/play-club.yaml:6:10: error: contact: needs at least one of phone, email or website"),
    (("age_range: {min: 5, max: 11}", "age_range: {min: five, max: 11}"), "services/play-club.yaml:5:18: error: age_range.min: must be a whole number (got 'five')"),
])
def test_service_faults_name_file_line_field_and_fix(tmp_path, change, expected):
    problems = _check(tmp_path, GOOD.replace(*change))
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_required_field_says_what_to_add(tmp_path):
    problems = _check(tmp_path, GOOD.replace("summary: A club.\n", ""))
    assert problems == ["services/play-club.yaml:1:1: error: summary: is required; add a `summary:` line"]


def test_every_error_is_reported_in_one_run(tmp_path):
    broken = GOOD.replace("max: 11", "max: 30").replace("[leisure]", "[nope]").replace("name: Play Club\n", "")
    assert len(_check(tmp_path, broken)) == 3


def test_overdue_review_is_a_warning_not_an_error(tmp_path):
    (problem,) = _check(tmp_path, GOOD.replace("2026-05-01", "2025-10-01"))
    assert ": warning: last_reviewed: overdue for review since 2026-04-01" in problem


def test_unknown_area_is_an_error(tmp_path):
    (problem,) = _check(tmp_path, GOOD + "areas: [south]\n")
    assert "'south' is not an area in site.toml" in problem


def test_broken_link_in_page_body_points_at_its_line(tmp_path):
    page = "---\ntitle: A\n---\nIntro.\n\nSee [club](/services/play-clubb/).\n"
    (problem,) = _check(tmp_path, pages={"a.md": page})
    assert problem.startswith("content/a.md:6:12: error: link '/services/play-clubb/' goes to a page that does not exist.")
    assert "Did you mean '/services/play-club/'?" in problem


def test_broken_link_in_service_block_scalar_points_at_its_line(tmp_path):
    service = GOOD.replace("description: Fun.\n", "description: |\n  Fun.\n\n  See [this](/nowhere/).\n")
    (problem,) = _check(tmp_path, service)
    assert problem.startswith("services/play-club.yaml:6:14: error: description: link '/nowhere/'")


def test_links_to_generated_pages_are_known(tmp_path):
    page = "---\ntitle: A\n---\n[a](/a-z/) [b](/ages/0-4/) [c](/themes/leisure/) [d](/services/play-club/#contact)\n"
    assert _check(tmp_path, pages={"a.md": page}) == []


def test_image_needs_alt_text(tmp_path):
    page = "---\ntitle: A\n---\n![](https://example.org/x.png)\n"
    (problem,) = _check(tmp_path, pages={"a.md": page})
    assert "has no alt text" in problem


def test_page_cannot_take_a_generated_address(tmp_path):
    (problem,) = _check(tmp_path, pages={"search.md": "---\ntitle: S\n---\n"})
    assert "would be published at /search/, which the site makes itself" in problem


@pytest.mark.parametrize("day, months, due", [(dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
                                              (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
                                              (dt.date(2025, 11, 15), 3, dt.date(2026, 2, 15))])
def test_add_months_clamps_to_month_end(day, months, due):
    assert add_months(day, months) == due
