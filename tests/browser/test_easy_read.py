"""The easy-read layout measured in Chromium: big text, generous spacing, pictures beside ideas."""

import pytest

from .conftest import axe_violations

PAGES = ["/short-breaks/easy-read/", "/services/exampleshire-sendiass/easy-read/", "/easy-read/"]


def _style(page, selector):
    return page.eval_on_selector(selector, """el => { const s = getComputedStyle(el);
        return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight), width: el.getBoundingClientRect().width,
                after: parseFloat(s.marginBottom)}; }""")


@pytest.mark.parametrize("path", PAGES)
def test_text_is_at_least_14pt_with_line_height_1_5(page, example_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(example_url + path)
    for selector in (".easy p", ".easy li"):
        if page.query_selector(selector) is None:
            continue
        style = _style(page, selector)
        assert style["size"] >= 18.6, selector  # 14pt = 18.67 CSS px
        assert style["line"] >= 1.5 * style["size"], selector
    # space between ideas: each paragraph, or each picture row holding one
    idea = ".easy .picture-row" if page.query_selector(".easy .picture-row") else ".easy > p"
    assert _style(page, idea)["after"] >= 0.5 * _style(page, ".easy p")["size"]


def test_lines_stay_short(page, example_url):
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(example_url + PAGES[0])
    chars_per_line = page.eval_on_selector(".easy", """el => el.getBoundingClientRect().width /
        (parseFloat(getComputedStyle(el).fontSize) * 0.5)""")
    assert chars_per_line <= 75


def test_picture_sits_left_of_its_text_and_stacks_on_a_narrow_screen(page, example_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(example_url + PAGES[0])
    row = page.query_selector(".picture-row")
    assert row is not None
    img, text = row.query_selector("img").bounding_box(), row.query_selector("p").bounding_box()
    assert img["x"] + img["width"] <= text["x"] and img["width"] >= 64
    assert row.query_selector("img").get_attribute("alt")
    page.set_viewport_size({"width": 320, "height": 800})
    img, text = row.query_selector("img").bounding_box(), row.query_selector("p").bounding_box()
    assert img["y"] + img["height"] <= text["y"] + 1


def test_pictures_stay_when_icons_are_off(page, icons_url):
    page.goto(icons_url + PAGES[0])
    assert page.eval_on_selector_all(".picture-row img", "els => els.filter(i => i.naturalWidth > 0).length") > 0


def test_variants_link_both_ways(page, example_url):
    page.goto(example_url + "/short-breaks/")
    page.click("text=Easy read version")
    assert page.url.endswith("/short-breaks/easy-read/")
    page.click("text=Standard version of this page")
    assert page.url.endswith("/short-breaks/")


def test_glossary_explains_hard_words_used_on_the_page(page, example_url):
    page.goto(example_url + "/ehc-plans/easy-read/")
    terms = page.eval_on_selector_all(".glossary dt", "els => els.map(e => e.textContent)")
    body = page.text_content(".easy").casefold()
    assert terms and all(t.casefold() in body for t in terms)


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_on_easy_read(page, example_url, path):
    page.goto(example_url + path)
    assert axe_violations(page) == []
