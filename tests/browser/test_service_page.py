"""A service page on a phone: what a parent needs first (contact, how to get it, cost, ages and
any "please check" notice) sits in one box under the summary, on the first screen."""

from __future__ import annotations

import pytest

from localoffer_ssg.config import load_config
from localoffer_ssg.load import load_sources
from localoffer_ssg.model import build_model
from localoffer_ssg.pipeline import today

from ..conftest import REPO

PHONE = {"width": 375, "height": 812}

# Where the phone link is, and the box holding it: the part of the article it belongs to.
KEY_BOX_JS = r"""() => {
  const tel = document.querySelector('main a[href^="tel:"]');
  const what = document.getElementById('what');
  const box = tel.closest('article > *');
  const says = el => /please check (details )?with the service/i.test(el.textContent);
  const notice = [...document.querySelectorAll('main *')].find(el => says(el) && ![...el.children].some(says));
  const precedes = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {telBottom: tel.getBoundingClientRect().bottom, whatTop: what.getBoundingClientRect().top,
          boxBeforeDescription: box !== tel && precedes(box, what), boxText: box.innerText,
          noticeInBox: notice ? box.contains(notice) : null, hasNotice: !!notice,
          emailInBox: !!box.querySelector('a[href^="mailto:"]')};
}"""


@pytest.fixture(scope="module")
def services():
    return build_model(load_config(REPO), load_sources(REPO), today()).services


def test_contact_details_are_on_a_phones_first_screen(page, example_url, services):
    page.set_viewport_size(PHONE)
    late = []
    for service in services:
        assert page.goto(example_url + service.url).status == 200, service.url
        if not page.evaluate("!!document.querySelector('main a[href^=\"tel:\"]')"):
            continue
        found = page.evaluate(KEY_BOX_JS)
        assert found["boxBeforeDescription"], f"{service.url}: the contact details come after the description"
        assert found["emailInBox"] or "@" not in found["boxText"], service.url
        if found["telBottom"] > PHONE["height"]:
            late.append(f"{service.url}: phone link ends {found['telBottom']:.0f} px down")
    assert late == [], "\n".join(late)


def test_key_facts_box_has_how_to_get_it_cost_and_ages(page, example_url, services):
    service = next(s for s in services if s.cost_free and s.url.endswith("/exampleshire-sendiass/"))
    page.set_viewport_size(PHONE)
    page.goto(example_url + service.url)
    box = page.evaluate(KEY_BOX_JS)["boxText"]
    for words in ("How to get it", "Cost", "Free", "Ages"):
        assert words in box, f"{words!r} is not in the box under the summary: {box!r}"


def test_overdue_record_shows_its_notice_in_the_box(page, example_url, services):
    overdue = [s for s in services if s.review_due < today()]
    current = next(s for s in services if s.review_due >= today())
    assert overdue, "the example has records past their review date"
    page.set_viewport_size(PHONE)
    for service in overdue:
        page.goto(example_url + service.url)
        found = page.evaluate(KEY_BOX_JS)
        assert found["hasNotice"], f"{service.url}: no 'please check with the service' notice"
        assert found["noticeInBox"], f"{service.url}: the notice is not in the box under the summary"
    page.goto(example_url + current.url)
    assert not page.evaluate(KEY_BOX_JS)["hasNotice"], f"{current.url} is not overdue, but says so"
