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
