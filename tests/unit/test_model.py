import datetime as dt

from localoffer_ssg.config import load_config
from localoffer_ssg.load import load_sources
from localoffer_ssg.model import build_model

from ..conftest import SITES

TODAY = dt.date(2026, 6, 1)


def _site():
    root = SITES / "valid" / "basic"
    return build_model(load_config(root), load_sources(root), TODAY)


def test_closed_services_are_not_published():
    assert [s.id for s in _site().services] == ["after-school-club", "speech-therapy"]


def test_services_fall_in_every_age_band_their_range_touches():
    site = _site()
    assert [s.id for s in site.by_band["0-4"]] == ["speech-therapy"]
    assert [s.id for s in site.by_band["11-15"]] == ["after-school-club", "speech-therapy"]
    assert [s.id for s in site.by_band["16-25"]] == ["after-school-club"]


def test_theme_and_letter_groupings():
    site = _site()
    assert [s.id for s in site.by_theme["health"]] == ["speech-therapy"]
    assert list(site.by_letter) == ["A", "S"]
    assert [p.url for p in site.pages_by_theme["health"]] == ["/guides/therapies/"]


def test_review_due_date_follows_review_months():
    service = next(s for s in _site().services if s.id == "speech-therapy")
    assert service.review_due == dt.date(2027, 3, 1)


def _site_with(tmp_path, pages):
    import shutil

    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    for rel, text in pages.items():
        (root / "content" / rel).write_text(text)
    return build_model(load_config(root), load_sources(root), TODAY)


def test_long_pages_carry_their_sections_for_a_contents_list(tmp_path):
    body = "Intro.\n\n## What short breaks are\n\n### Detail\n\n## Who can get them\n\n## How to ask\n\n## Contact\n"
    site = _site_with(tmp_path, {"guides/breaks.md": "---\ntitle: Short breaks\n---\n" + body,
                                 "guides/breaks.easy.md": "---\ntitle: Short breaks\n---\n" + body})
    page = site.page_at("/guides/breaks/")
    assert [(s.id, s.title) for s in page.contents] == [
        ("what-short-breaks-are", "What short breaks are"), ("who-can-get-them", "Who can get them"),
        ("how-to-ask", "How to ask"), ("contact-2", "Contact")]
    assert site.page_at("/guides/breaks/easy-read/").contents == ()


def test_short_pages_have_sections_but_no_contents_list():
    page = _site().page_at("/guides/therapies/")
    assert [s.id for s in page.sections] == ["speech-therapy"]
    assert page.contents == ()


def test_service_phone_links_dial_the_digits():
    from localoffer_ssg.model import ServiceContact

    assert ServiceContact(phone="01632 960 002").phone_href == "tel:01632960002"
    assert ServiceContact(phone="+44 (0)1632 960002").phone_href == "tel:+441632960002"
