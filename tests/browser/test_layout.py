"""Layout in a real browser: target size, reflow, text spacing, reduced motion, forced colours, icons.

Most tests open one page of each type of the example site (the reflow test opens every page of
the example and of each fixture site) and measure what a user would meet:
targets too small to press, a page that scrolls sideways on a phone, text cut off when a reader
widens its spacing, movement that ignores "reduce motion", icons that vanish in high contrast,
and icons that are the only label of a link."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PAGE_TYPES = {
    "home": "/",
    "theme": "/themes/health/",
    "service": "/services/exampleshire-sendiass/",
    "a-z": "/a-z/",
    "age-band": "/ages/16-25/",
    "content-page": "/ehc-plans/needs-assessment/",
    "easy-read": "/services/exampleshire-sendiass/easy-read/",
    "search": "/search/",
    "404": "/404.html",
}
PAGES = pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())


def open_at(page, url: str, width: int, height: int = 800) -> None:
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response.status == 200, url


# --- 2.5.8 Target size (minimum) -----------------------------------------------------------

# Returns one line per target that is under 24 x 24 CSS px, not inline in a sentence, and
# without the spacing the exception allows (a 24 px circle on its centre touches no other target).
TARGETS_JS = r"""() => {
  const targets = [...document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')]
    .filter(el => { const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
                    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; });
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const box = el.parentElement.closest('p, li, dd, td, th');
    if (!box) return false;
    if (box.tagName === 'LI' && !box.closest('main')) return false;
    return /\w/.test(box.textContent.replace(el.textContent, ''));
  };
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const small = targets.filter(el => { const r = el.getBoundingClientRect();
                                       return (r.width < 24 || r.height < 24) && !inSentence(el); });
  const name = el => `${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.id).trim().slice(0, 40)}"`;
  const problems = [];
  for (const el of small) {
    const r = el.getBoundingClientRect(), [x, y] = centre(r);
    const clash = targets.find(other => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      const hitsBox = [...other.getClientRects()].some(o =>
        Math.hypot(Math.max(o.left - x, 0, x - o.right), Math.max(o.top - y, 0, y - o.bottom)) < 12);
      if (hitsBox) return true;
      if (!small.includes(other)) return false;
      const [ox, oy] = centre(other.getBoundingClientRect());
      return Math.hypot(ox - x, oy - y) < 24;
    });
    if (clash) problems.push(`${name(el)} is ${r.width.toFixed(1)}x${r.height.toFixed(1)} px, too close to ${name(clash)}`);
  }
  return problems;
}"""


@PAGES
def test_targets_are_at_least_24px_or_spaced(page, example_url, path):
    open_at(page, example_url + path, 1280)
    problems = {1280: page.evaluate(TARGETS_JS)}
    page.set_viewport_size({"width": 375, "height": 800})  # a phone: the layout reflows, no reload
    problems[375] = page.evaluate(TARGETS_JS)
    assert problems == {1280: [], 375: []}


# --- 1.4.10 Reflow --------------------------------------------------------------------------

# Elements that pass the viewport's right edge, or whose text spills out of them, unless a
# scrolling box of their own (such as a table) holds them.
STICKING_OUT_JS = r"""() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX) && a !== document.documentElement
          && a !== document.body) return true; } return false; };
  return [...document.body.querySelectorAll('*')]
    .filter(el => (el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1
                   && getComputedStyle(el).overflowX === 'visible') && !scrolls(el))
    .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> "${el.textContent.trim().slice(0, 40)}" `
               + `ends at x=${el.getBoundingClientRect().right.toFixed(0)}, content ${el.scrollWidth} wide`)
    .slice(0, 10);
}"""


def built_pages(base: str, out: Path) -> list[str]:
    """Every HTML page written into `out` (the search index's own files aside), as served addresses."""
    return sorted(f"{base}/{rel.removesuffix('index.html')}"
                  for rel in (p.relative_to(out).as_posix() for p in out.rglob("*.html"))
                  if not rel.startswith("pagefind/"))


def test_reflow_at_320px_no_page_scrolls_sideways(page, any_site_served):
    """Every page of the example and of each fixture site, not one of each type: a long address
    on a single page is enough to make it scroll sideways."""
    base, out = any_site_served
    urls = built_pages(base, out)
    assert len(urls) > 10
    page.set_viewport_size({"width": 320, "height": 640})
    offenders = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            offenders.append(f"{url} is {width[0]} px wide in {width[1]}: {page.evaluate(STICKING_OUT_JS)[-3:]}")
    assert offenders == [], f"{len(offenders)} of {len(urls)} pages scroll sideways at 320 px:\n" + "\n".join(offenders)


# --- 1.4.12 Text spacing --------------------------------------------------------------------

# The WCAG text-spacing bookmarklet (Steve Faulkner), as used in the Understanding document.
TEXT_SPACING_CSS = ("*{line-height:1.5!important;letter-spacing:.12em!important;"
                    "word-spacing:.16em!important}p{margin-bottom:2em!important}")

CLIPPED_JS = r"""() => [...document.querySelectorAll('body *')]
  .filter(el => !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
  .filter(el => { const cs = getComputedStyle(el), cut = v => v === 'hidden' || v === 'clip';
    return (cut(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (cut(cs.overflowY) && el.scrollHeight > el.clientHeight + 1); })
  .map(el => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`)"""


@PAGES
def test_text_spacing_clips_nothing(page, example_url, path):
    open_at(page, example_url + path, 1280)
    before = page.evaluate("document.querySelector('main').getBoundingClientRect().height")
    page.add_style_tag(content=TEXT_SPACING_CSS)
    after = page.evaluate("document.querySelector('main').getBoundingClientRect().height")
    assert after > before, "the text-spacing styles were not applied"
    for width in (1280, 320):  # a desktop, then a phone zoomed in (the reflow width)
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(CLIPPED_JS) == [], f"text cut off at {width} px wide"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, \
            (f"page scrolls sideways at {width} px wide", page.evaluate(STICKING_OUT_JS))


# --- 2.3.3 / prefers-reduced-motion ---------------------------------------------------------

MOVING_JS = r"""() => {
  const zero = list => list.split(',').every(v => parseFloat(v) === 0);
  const out = [];
  for (const el of [document.documentElement, ...document.querySelectorAll('body, body *')]) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (!zero(cs.transitionDuration) || !zero(cs.animationDuration) || cs.scrollBehavior === 'smooth')
        out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}: transition ${cs.transitionDuration}, `
                 + `animation ${cs.animationDuration}, scroll ${cs.scrollBehavior}`);
    }
  }
  return out.slice(0, 10);
}"""


@PAGES
def test_reduced_motion_stops_all_movement(page, example_url, path):
    page.emulate_media(reduced_motion="reduce")
    open_at(page, example_url + path, 1280)
    page.keyboard.press("Tab")  # the skip link's focus styles count too
    assert page.evaluate(MOVING_JS) == []


# --- Forced colours: icons --------------------------------------------------------------------

ICON_COLOURS_JS = r"""() => {
  const probe = document.body.appendChild(document.createElement('span'));
  probe.style.color = 'CanvasText';
  const canvasText = getComputedStyle(probe).color;
  probe.remove();
  return [...document.querySelectorAll('svg.icon')].map(svg => {
    const cs = getComputedStyle(svg);
    return {stroke: cs.stroke, color: cs.color, canvasText};
  });
}"""


def test_icons_use_system_colours_in_forced_colours(page, example_url):
    """In Windows high contrast the icons take a system colour, so they stay visible."""
    page.emulate_media(forced_colors="active")
    icons = []
    for path in ("/", "/themes/health/", "/services/exampleshire-sendiass/"):
        open_at(page, example_url + path, 1280)
        icons += page.evaluate(ICON_COLOURS_JS)
    assert icons, "the example site shows icons (icons = true); none were found"
    for icon in icons:
        # currentColor is a system colour here too: forced colours set `color` on every element.
        assert icon["stroke"] in (icon["canvasText"], icon["color"]), f"icon stroke is not a system colour: {icon}"
        assert icon["stroke"] not in ("none", "rgba(0, 0, 0, 0)")


# --- Icons are decoration only ----------------------------------------------------------------

ICONS_JS = r"""() => [...document.querySelectorAll('svg')].map(svg => {
  const parent = svg.parentElement;
  const texts = [];
  const walker = document.createTreeWalker(parent, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (svg.contains(node) || !node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) texts.push(node.textContent.trim());
  }
  return {html: svg.outerHTML.slice(0, 80), ariaHidden: svg.getAttribute('aria-hidden'),
          focusable: svg.getAttribute('focusable'), parent: parent.tagName, text: texts.join(' ')};
})"""


def site_pages(base: str) -> list[str]:
    """Every page the site lists in its sitemap, as addresses on the local server."""
    with urllib.request.urlopen(base + "/sitemap.xml") as response:
        sitemap = response.read().decode("utf-8")
    return [base + urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


@PAGES
def test_icons_are_hidden_decoration_beside_visible_text(page, icons_url, path, request):
    open_at(page, icons_url + path, 1280)
    icons = page.evaluate(ICONS_JS)
    if not request.node.callspec.params["icons_url"]:
        assert icons == [], "icons = false, but the page has <svg>"
    for icon in icons:
        assert icon["ariaHidden"] == "true", icon
        assert icon["focusable"] == "false", icon
        assert icon["text"], f"icon is the only visible content of its <{icon['parent']}>: {icon}"


def test_icon_setting_controls_every_page(icons_url, request):
    """icons = true puts icons on the site's pages; icons = false leaves no <svg> on any page."""
    icons_on = request.node.callspec.params["icons_url"]
    pages = site_pages(icons_url) + [icons_url + "/404.html"]
    assert len(pages) > 20
    with_svg = []
    for url in pages:
        with urllib.request.urlopen(url) as response:
            html = response.read().decode("utf-8")
        for tag in re.findall(r"<svg\b[^>]*>", html):
            with_svg.append(url)
            if icons_on:
                assert 'aria-hidden="true"' in tag and 'focusable="false"' in tag, (url, tag)
    if icons_on:
        assert with_svg, "icons = true, but no page shows an icon"
    else:
        assert with_svg == [], f"icons = false, but these pages have <svg>: {sorted(set(with_svg))[:5]}"
