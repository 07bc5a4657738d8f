"""My list in Chromium, as a parent uses it: save services from their pages, find them after a
reload, send the list as a link to someone with a fresh browser, print it, and do all of it with
the keyboard. The list stays in the browser: no cookie is set."""

from __future__ import annotations

import io
import unicodedata

import pytest
import yaml

from ..conftest import REPO
from .conftest import axe_violations

CHOSEN = ["little-steps-portage", "exampleshire-camhs", "sibs-together"]


def record(service_id: str) -> dict:
    return yaml.safe_load((REPO / "services" / f"{service_id}.yaml").read_text("utf-8"))


def add(page, base: str, service_id: str) -> None:
    page.goto(f"{base}/services/{service_id}/")
    button = page.get_by_role("button", name="Add to my list")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def entries(page) -> list[str]:
    page.wait_for_function("() => !document.querySelector('#my-list').textContent.includes('Loading')")
    return page.locator(".entry h2").all_inner_texts()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)  # the PDF's font joins letters: "ﬀ" for "ff"


@pytest.fixture
def saved(page, example_url):
    for service_id in CHOSEN:
        add(page, example_url, service_id)
    return page


def test_saved_services_stay_after_a_reload_and_show_their_key_facts(saved, example_url):
    page = saved
    assert page.locator(".menu").get_by_role("link", name="My list (3)").count() == 1
    page.reload()
    assert page.get_by_role("button", name="Add to my list").get_attribute("aria-pressed") == "true"
    page.goto(f"{example_url}/my-list/")
    names = [record(s)["name"] for s in CHOSEN]
    assert entries(page) == names
    for service_id in CHOSEN:
        entry = page.locator(".entry", has_text=record(service_id)["name"]).inner_text()
        assert record(service_id)["contact"]["phone"] in entry
        assert record(service_id)["contact"]["email"] in entry
        assert "How to get it" in entry and "Ages" in entry
        assert f"/services/{service_id}/" in entry
    assert page.context.cookies() == []
    assert page.console_errors == []


def test_a_service_can_be_removed(saved, example_url):
    page = saved
    page.goto(f"{example_url}/my-list/")
    entries(page)
    page.get_by_role("button", name=f"Remove from my list: {record(CHOSEN[1])['name']}").click()
    assert entries(page) == [record(CHOSEN[0])["name"], record(CHOSEN[2])["name"]]
    assert "removed" in page.get_by_role("status").first.inner_text()
    assert page.locator(".menu").get_by_role("link", name="My list (2)").count() == 1
    page.reload()
    assert len(entries(page)) == 2


def test_the_shared_link_shows_the_list_in_a_fresh_browser_and_offers_to_save_it(saved, example_url, browser):
    page = saved
    page.goto(f"{example_url}/my-list/")
    link = page.locator("a.share-link").get_attribute("href")
    assert page.get_by_label("Address to copy").input_value() == link
    assert link.startswith(f"{example_url}/my-list/?s=")
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(link)
        assert entries(other) == [record(s)["name"] for s in CHOSEN]
        assert "shared" in other.locator("main").inner_text()
        assert other.get_by_role("button", name="Remove from my list").count() == 0
        other.get_by_role("button", name="Save this list on this device").click()
        assert other.url == f"{example_url}/my-list/"
        other.reload()
        assert entries(other) == [record(s)["name"] for s in CHOSEN]
        assert other.locator(".menu").get_by_role("link", name="My list (3)").count() == 1
    finally:
        fresh.close()


def test_the_list_prints_as_a_booklet_with_contacts_and_addresses(saved, example_url):
    page = saved
    page.goto(f"{example_url}/my-list/")
    entries(page)
    text = pdf_text(page.pdf(format="A4"))
    flat = " ".join(text.split())
    for service_id in CHOSEN:
        r = record(service_id)
        assert r["name"] in flat and r["contact"]["phone"] in flat and r["contact"]["email"] in flat
        assert f"/services/{service_id}/" in flat.replace(" ", "")
    for control in ("Remove from my list", "Print my list", "Copy the address", "Listen"):
        assert control not in flat


def test_a_saved_service_that_is_no_longer_listed_says_so(page, example_url):
    page.goto(f"{example_url}/my-list/")
    page.evaluate("""() => localStorage.setItem('mylist:/my-list/', JSON.stringify(
        [{id: 'little-steps-portage', name: 'Little Steps Portage'}, {id: 'old-toy-library', name: 'Old Toy Library'}]))""")
    page.reload()
    assert entries(page) == ["Little Steps Portage", "Old Toy Library"]
    gone = page.locator(".entry.gone")
    assert gone.count() == 1 and "no longer listed" in gone.inner_text()


def test_every_control_works_from_the_keyboard(page, example_url):
    page.goto(f"{example_url}/services/{CHOSEN[0]}/")
    button = page.get_by_role("button", name="Add to my list")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-mylist-add')"):
            break
    else:
        pytest.fail("Add to my list cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Space")
    page.goto(f"{example_url}/my-list/")
    entries(page)
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()"))
    assert {"Print my list", "Copy the address"} <= reached
    assert f"Remove from my list: {record(CHOSEN[0])['name']}" in reached
    page.locator("button", has_text="Remove from my list").focus()
    page.keyboard.press("Enter")
    assert entries(page) == []
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_without_javascript_the_page_explains_and_offers_booklets(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{example_url}/services/{CHOSEN[0]}/")
        assert page.get_by_role("button", name="Add to my list").count() == 0
        page.goto(f"{example_url}/my-list/")
        main = page.locator("main").inner_text()
        assert "needs JavaScript" in main and "stays on your device" in main
        assert page.get_by_role("link", name="Health: printable list").get_attribute("href") == "/print/health/"
    finally:
        context.close()


def test_no_accessibility_violations_in_any_state(saved, example_url):
    page = saved
    assert axe_violations(page) == []  # a service page with the button pressed
    page.goto(f"{example_url}/my-list/")
    entries(page)
    assert axe_violations(page) == []
    page.goto(f"{example_url}/my-list/?s={','.join(CHOSEN)},gone-service")
    entries(page)
    assert axe_violations(page) == []
    page.evaluate("localStorage.clear()")
    page.goto(f"{example_url}/my-list/")
    assert "Your list is empty" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_a_topic_booklet_prints_every_service_with_its_contacts(page, example_url):
    page.goto(f"{example_url}/themes/early-years/")
    page.get_by_role("link", name="Print this list").click()
    assert axe_violations(page) == []
    flat = " ".join(pdf_text(page.pdf(format="A4")).split())
    ids = [p.stem for p in sorted((REPO / "services").glob("*.yaml")) if "." not in p.stem]  # not translations
    records = [r for r in map(record, ids)
               if "early-years" in r["themes"] and r.get("status") != "closed"]
    assert records
    for r in records:
        assert r["name"] in flat and r["contact"]["phone"] in flat
    assert "Help from the Local Offer team" in flat and "01632 960 100" in flat
    assert "Is something wrong on this page" not in flat


def test_new_pages_have_no_accessibility_violations(page, example_url):
    for path in ("/offline/", "/feedback/", "/feedback/?page=/services/sibs-together/", "/print/health/page-2/"):
        page.goto(example_url + path)
        assert axe_violations(page) == [], path
