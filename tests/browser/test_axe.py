"""axe-core finds no WCAG 2.2 A/AA violation on any page type, with icons on and off."""

import pytest

from .conftest import axe_violations

PAGE_TYPES = {
    "home": "/",
    "theme": "/themes/health/",
    "service": "/services/exampleshire-sendiass/",
    "service-temporarily-closed": "/services/rowan-house-short-breaks-centre/",
    "service-easy-read": "/services/exampleshire-sendiass/easy-read/",
    "a-z": "/a-z/",
    "age-band": "/ages/16-25/",
    "content-page": "/ehc-plans/needs-assessment/",
    "section-page": "/ehc-plans/",
    "easy-read-index": "/easy-read/",
    "content-easy-read": "/short-breaks/easy-read/",
    "you-said-we-did": "/you-said-we-did/",
    "covers": "/covers/",
    "search": "/search/",
    "feedback": "/feedback/",
    "accessibility": "/accessibility/",
    "404": "/404.html",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_axe_violations(page, icons_url, path):
    response = page.goto(icons_url + path)
    assert response.status == 200
    assert axe_violations(page) == []
    assert page.console_errors == []
