"""Offline, in Chromium: pages a family has visited, and the services on their list, open again
without a connection; a page never visited says plainly that it is not saved and offers the list."""

from __future__ import annotations

import pytest

from .conftest import axe_violations

VISITED = ["/", "/services/little-steps-portage/", "/short-breaks/"]


@pytest.fixture
def offline_context(browser):
    """A fresh profile, under the site's own Content-Security-Policy."""
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


@pytest.fixture
def axe_context(browser):
    """A fresh profile that lets axe's script in."""
    context = browser.new_context(service_workers="allow", bypass_csp=True)
    yield context
    context.close()


def controlled(page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def offline_from(context, url: str):
    """A page that opened `url` once, with the service worker in control, and then lost the connection."""
    page = context.new_page()
    page.goto(url)
    controlled(page)
    context.set_offline(True)
    return page


def test_visited_pages_and_the_list_open_offline(offline_context, example_url):
    page = offline_context.new_page()
    page.goto(example_url + "/")
    controlled(page)
    for path in VISITED:
        page.goto(example_url + path)
    # A service only on the list (shared to this family), never opened itself:
    page.goto(f"{example_url}/my-list/?s=sibs-together")
    page.wait_for_function("() => document.querySelector('.entry h2 a')")
    page.get_by_role("button", name="Save this list on this device").click()
    offline_context.set_offline(True)
    for path in VISITED:
        page.goto(example_url + path)
        assert page.locator("main h1").count() == 1 and "You are offline" not in page.title()
    page.reload()
    assert page.locator("main h1").inner_text() == "Short breaks"
    page.goto(f"{example_url}/services/sibs-together/")
    assert page.locator("main h1").inner_text() == "Sibs Together"
    page.goto(f"{example_url}/my-list/")
    page.wait_for_function("() => document.querySelector('.entry h2 a')")
    assert page.locator(".entry h2").all_inner_texts() == ["Sibs Together"]


def test_a_page_not_visited_says_so_and_offers_the_list(axe_context, example_url):
    page = offline_from(axe_context, example_url + "/")
    page.goto(f"{example_url}/services/exampleshire-camhs/")
    assert page.locator("main h1").inner_text() == "You are offline"
    assert "has not been saved on this device" in page.locator("main").inner_text()
    page.get_by_role("link", name="Open my list").click()
    assert page.locator("main h1").inner_text() == "My list"
    assert "Your list is empty" in page.locator("main").inner_text()
    page.go_back()
    assert axe_violations(page) == []  # axe comes from a local file: it works offline too


def test_only_the_shell_is_kept_before_a_visit(offline_context, example_url):
    page = offline_context.new_page()
    page.goto(example_url + "/")
    controlled(page)
    kept = page.evaluate("""async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        return {names, urls: (await cache.keys()).map(r => new URL(r.url).pathname)};
    }""")
    version = page.evaluate("fetch('/sw.js').then(r => r.text())").split('"version": "')[1].split('"')[0]
    assert kept["names"] == [f"localoffer:/:{version}"]
    assert not [u for u in kept["urls"] if u.startswith("/pagefind/") or u.startswith("/services/")]
    assert {"/offline/", "/my-list/", "/assets/style.css", "/assets/site.js"} <= set(kept["urls"])


def test_a_page_in_another_language_not_visited_says_so_in_that_language(offline_context, example_url):
    from .test_languages import pl
    page = offline_from(offline_context, example_url + "/pl/")
    page.goto(f"{example_url}/pl/themes/health/")
    assert page.evaluate("document.documentElement.lang") == "pl"
    assert page.locator("main h1").inner_text() == pl("You are offline")
    page.goto(f"{example_url}/services/exampleshire-camhs/")  # an English page: the English answer
    assert page.locator("main h1").inner_text() == "You are offline"
