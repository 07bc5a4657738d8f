"""The search page on a phone (375 px wide): results first, filters behind a button, counts on
arrival, a helpful empty page, and an honest page without JavaScript."""

import re

import pytest


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


def searched(tab, base, query):
    tab.goto(f"{base}/search/?q={query}")
    tab.wait_for_function("document.getElementById('search-status').textContent.length > 0")


def top(tab, selector):
    return tab.eval_on_selector(selector, "e => e.getBoundingClientRect().top")


def test_on_a_phone_results_come_straight_after_the_box_and_filters_fold_behind_a_button(phone, example_url):
    searched(phone, example_url, "short+breaks")
    assert not phone.is_visible("#filters")
    first = top(phone, "#results-list li")
    assert top(phone, "#q") < top(phone, "#filter-toggle") < first < 812  # the first result shows without scrolling
    assert phone.text_content("#filter-toggle") == "Filter"
    phone.click("#filter-toggle")
    assert phone.is_visible("#filters") and phone.get_attribute("#filter-toggle", "aria-expanded") == "true"
    phone.check("#f-cost-1")
    phone.wait_for_function("location.search.includes('cost=Free')")
    assert phone.text_content("#filter-toggle") == "Filter (1 on)"


def test_on_a_wide_screen_filters_sit_beside_the_results(browser, example_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    searched(tab, example_url, "short+breaks")
    assert tab.is_visible("#filters") and not tab.is_visible("#filter-toggle")
    filters, result = (tab.eval_on_selector(s, "e => e.getBoundingClientRect().toJSON()") for s in ("#filters", "#results-list li"))
    assert filters["right"] <= result["left"] and abs(filters["top"] - result["top"]) < 200
    context.close()


def test_filter_counts_are_right_on_arrival_from_the_header_box(phone, example_url):
    phone.goto(example_url + "/a-z/")
    phone.fill("#site-q", "school")
    phone.press("#site-q", "Enter")
    phone.wait_for_url(re.compile(r"/search/\?q=school"))
    phone.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    counts = phone.eval_on_selector_all(".count", "els => els.map(e => e.textContent)")
    assert counts and any(c != "(0)" for c in counts)
    free = int(phone.text_content("label[for=f-cost-1] .count").strip("()"))
    phone.click("#filter-toggle")
    phone.check("#f-cost-1")
    phone.wait_for_function("location.search.includes('cost=Free')")
    phone.wait_for_function(f"document.getElementById('search-status').textContent.startsWith('{free} ')")


def test_no_results_offers_the_team_and_browse_links_and_says_which_words_were_used(phone, example_url):
    searched(phone, example_url, "qqxjv+xylophonez")
    status = phone.text_content("#search-status")
    assert status.startswith("No results") and "qqxjv, xylophonez" in status
    assert phone.is_visible("#search-empty") and not phone.is_visible("#results-heading")
    links = phone.eval_on_selector_all("#search-empty a", "els => els.map(a => a.getAttribute('href'))")
    assert any(h.startswith("tel:") for h in links) and any(h.startswith("mailto:") for h in links)
    assert "/a-z/" in links


def test_a_service_outranks_its_easy_read_copy_and_results_show_summaries(phone, example_url):
    searched(phone, example_url, "short+breaks")
    urls = phone.eval_on_selector_all("#results-list h3 a", "els => els.map(a => a.getAttribute('href'))")
    assert urls and not any(u.endswith("/easy-read/") for u in urls)
    texts = phone.eval_on_selector_all("#results-list li p", "els => els.map(p => p.textContent)")
    assert not any("Standard version of this page" in t for t in texts)
    searched(phone, example_url, "easy+read+short+breaks")
    urls = phone.eval_on_selector_all("#results-list h3 a", "els => els.map(a => a.getAttribute('href'))")
    assert urls[0].endswith("/easy-read/")


def test_temporarily_closed_services_rank_below_open_ones(phone, example_url):
    searched(phone, example_url, "short+breaks")
    while phone.is_visible("#more"):
        count = phone.eval_on_selector_all("#results-list li", "els => els.length")
        phone.click("#more")
        phone.wait_for_function(f"document.querySelectorAll('#results-list li').length > {count}")
    facts = phone.eval_on_selector_all("#results-list li .facts", "els => els.map(p => p.textContent.includes('Temporarily closed'))")
    assert True in facts and facts.index(True) > facts.index(False)
    assert facts[:facts.index(True)] == [False] * facts.index(True)


def test_without_javascript_no_dead_search_box_but_browse_routes_and_a_topic_by_age_grid(browser, example_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    tab = context.new_page()
    tab.goto(example_url + "/search/?q=respite")
    assert not tab.is_visible("#q") and not tab.is_visible("#filters")
    assert tab.is_visible("text=Search needs JavaScript")
    links = tab.eval_on_selector_all("#no-js a", "els => els.map(a => a.getAttribute('href'))")
    assert {"/a-z/", "/ages/0-4/", "/themes/health/", "/themes/health/ages/5-10/"} <= set(links)
    assert tab.is_visible("table.grid")
    context.close()


def test_an_empty_results_heading_is_never_shown(phone, example_url):
    phone.goto(example_url + "/search/")
    phone.wait_for_function("document.querySelectorAll('.count')[0].textContent.length > 0")
    assert not phone.is_visible("#results-heading") and not re.search(r"\bResults\b", phone.inner_text("main"))


def test_words_typed_while_search_is_loading_are_kept(page, example_url):
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))  # it waits until told
    page.goto(example_url + "/search/")
    page.focus("#q")
    page.keyboard.type("autism")
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_function("!document.querySelector('.filters .count:empty')")  # the script has started
    assert page.input_value("#q") == "autism"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#results-list li').length > 0")
    assert "q=autism" in page.url
