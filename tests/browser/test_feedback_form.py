"""Telling the council something is wrong, in Chromium: from a service's page to the feedback
form, and what a form backend on 127.0.0.1 receives; without a form, the e-mail link carries the
page and the reason. Errors are summed up at the top in the GOV.UK pattern."""

from __future__ import annotations

import http.server
import threading
import urllib.parse

import pytest

from localoffer_ssg.pipeline import today

from ..conftest import build, serve_dir
from .conftest import axe_violations, copy_site

SERVICE = "little-steps-portage"


class _Recorder(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self.received.append(dict(urllib.parse.parse_qsl(body, keep_blank_values=True)))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Thank you</title><p>Thank you</p>")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feedback", _Recorder.received
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def form_site(tmp_path_factory, endpoint):
    """The example site with its feedback form posting to the local endpoint."""
    root = copy_site(tmp_path_factory.mktemp("form"), icons=True)
    toml = (root / "site.toml").read_text("utf-8")
    (root / "site.toml").write_text(toml.replace('form_action = ""', f'form_action = "{endpoint[0]}"'), "utf-8")
    build(root, root / "_site", today=today())
    with serve_dir(root / "_site") as base:
        yield base


def open_from_service(page, base: str) -> None:
    page.goto(f"{base}/services/{SERVICE}/")
    page.get_by_role("link", name="Is something wrong on this page? Tell us").click()
    page.wait_for_url("**/feedback/?page=**")


def test_a_report_from_a_service_page_reaches_the_form_backend(page, form_site, endpoint):
    received = endpoint[1]
    received.clear()
    open_from_service(page, form_site)
    assert page.get_by_label("Which page is it about? (optional)").input_value() == f"{form_site}/services/{SERVICE}/"
    assert page.locator("#fb-reasons").is_visible()
    page.get_by_label("The contact details are wrong").check()
    page.get_by_label("Your feedback").fill("The phone number has changed.")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url(endpoint[0])
    assert received == [{"page": f"{form_site}/services/{SERVICE}/", "reason": "contact", "area": "content",
                         "message": "The phone number has changed.", "email": ""}]


def test_reasons_for_a_service_are_not_offered_for_other_pages(page, form_site):
    page.goto(f"{form_site}/short-breaks/")
    page.get_by_role("link", name="Is something wrong on this page? Tell us").click()
    page.wait_for_url("**/feedback/?page=**")  # loaded, so its script has filled the page in
    assert page.get_by_label("Which page is it about? (optional)").input_value() == f"{form_site}/short-breaks/"
    assert not page.locator("#fb-reasons").is_visible()
    for area in ("What the Local Offer says", "The quality of a service or support", "Support that is missing",
                 "How easy the information is to find and use", "How the Local Offer was made and is reviewed",
                 "How families and young people were involved"):
        assert page.get_by_label(area).count() == 1


def test_errors_are_summed_up_at_the_top_and_link_to_their_fields(page, form_site, endpoint):
    received = endpoint[1]
    received.clear()
    page.goto(f"{form_site}/feedback/")
    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible() and page.evaluate("document.activeElement.className") == "error-summary"
    assert summary.get_by_role("link").all_inner_texts() == [
        "Choose which part of the Local Offer it is about", "Enter your feedback"]
    assert page.title().startswith("Error: ")
    assert page.locator("#fb-message-error").text_content() == "Error: Enter your feedback"
    assert page.get_by_label("Your feedback").get_attribute("aria-describedby") == "fb-message-error"
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Enter your feedback").click()
    assert page.evaluate("document.activeElement.id") == "fb-message"
    assert received == []


def test_the_form_can_be_filled_in_with_the_keyboard_only(page, form_site, endpoint):
    received = endpoint[1]
    received.clear()
    open_from_service(page, form_site)
    page.get_by_label("Which page is it about? (optional)").focus()
    page.keyboard.press("Tab")  # into the reasons: arrow keys move between them
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "contact"
    page.keyboard.press("Tab")  # the part of the Local Offer is already chosen
    page.keyboard.press("Tab")
    page.keyboard.type("Closed on Fridays now.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(endpoint[0])
    assert received[0]["reason"] == "contact" and received[0]["message"] == "Closed on Fridays now."


def test_without_javascript_the_browser_checks_the_form(browser, form_site, endpoint):
    received = endpoint[1]
    received.clear()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{form_site}/feedback/?page=/services/{SERVICE}/")
        assert page.locator("#fb-reasons").is_visible()
        page.get_by_role("button", name="Send feedback").click()
        assert page.evaluate("document.querySelector('#fb-form').checkValidity()") is False
        assert page.url.endswith("/feedback/?page=/services/little-steps-portage/") and received == []
    finally:
        context.close()


def test_without_a_form_the_email_link_carries_the_page_and_reason(page, example_url):
    open_from_service(page, example_url)
    page.get_by_label("Information is out of date").check()
    href = urllib.parse.unquote(page.locator("#fb-mailto").get_attribute("href"))
    assert href.startswith("mailto:localoffer@exampleshire.example.org?subject=Local Offer feedback: Information is out of date")
    assert f"Page: {example_url}/services/{SERVICE}/" in href
    assert "What is wrong: Information is out of date" in href
    assert "Which part of the Local Offer: What the Local Offer says" in href
    main = page.locator("main").inner_text()
    assert "01632 960 100" in main and "County Hall" in main
    assert axe_violations(page) == []
