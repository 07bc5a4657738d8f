"""Keyboard use in a real browser: the skip link, and a focus indicator that is visible and not
hidden, in normal colours and in forced colours (Windows high contrast)."""

from __future__ import annotations

import pytest

from .test_layout import PAGES, PAGE_TYPES, open_at

MAX_TABS = 80

# Before any key is pressed: remember how every focusable element looks without focus.
REMEMBER_JS = r"""() => {
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
    const cs = getComputedStyle(el);
    window.__unfocused.set(el, {shadow: cs.boxShadow, outline: cs.outlineStyle});
  }
}"""

# The focused element: is its indicator visible, is it in the viewport, is it on top?
FOCUSED_JS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const before = (window.__unfocused && window.__unfocused.get(el)) || {shadow: 'none', outline: 'none'};
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2
                  && !/rgba\(.*, 0\)$/.test(cs.outlineColor);
  const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== before.shadow;
  const r = el.getBoundingClientRect();
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const inView = r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1;
  const onTop = [...el.getClientRects()].some(q => {
    const hit = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
    return hit && (hit === el || el.contains(hit));
  });
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {name: `<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent || el.id).trim().slice(0, 40)}"`,
          key: el.outerHTML.slice(0, 200) + '@' + Math.round(r.top + scrollY) + ',' + Math.round(r.left + scrollX),
          outline, shadow, outlineStyle: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
          boxShadow: cs.boxShadow, inView, onTop, rect: [r.left, r.top, r.width, r.height].map(Math.round),
          coveredBy: hit ? `<${hit.tagName.toLowerCase()} class="${hit.className}">` : 'nothing'};
}"""


def tab_through(page) -> list[dict]:
    """Press Tab until focus leaves the page or comes round again; the state at each stop."""
    page.evaluate(REMEMBER_JS)
    stops, seen = [], set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED_JS)
        if state is None or state["key"] in seen:
            break
        seen.add(state["key"])
        stops.append(state)
    return stops


@PAGES
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page, example_url, path):
    open_at(page, example_url + path, 1280)
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED_JS)
    assert skip is not None, "the first Tab did not focus anything on the page"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert skip["inView"] and skip["onTop"], f"the skip link is not visible when focused: {skip}"
    assert skip["outline"] or skip["shadow"], f"the skip link has no focus indicator: {skip}"
    page.keyboard.press("Enter")
    assert page.evaluate("!!document.activeElement.closest('main')"), \
        "Enter on the skip link did not move focus to <main>"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), \
        "after the skip link, the next Tab left the main content"


@PAGES
def test_every_focus_stop_is_visible_and_not_obscured(page, example_url, path):
    open_at(page, example_url + path, 1280, 720)
    stops = tab_through(page)
    assert len(stops) >= 5, f"only {len(stops)} focusable elements found"
    problems = [s for s in stops if not (s["outline"] or s["shadow"]) or not s["inView"] or not s["onTop"]]
    assert problems == [], "\n".join(
        f"{s['name']}: outline {s['outlineStyle']}, box-shadow {s['boxShadow']}, in view {s['inView']} "
        f"{s['rect']}, on top {s['onTop']} (centre shows {s['coveredBy']})" for s in problems)


@pytest.mark.parametrize("path", [PAGE_TYPES[k] for k in ("home", "service", "content-page", "search")],
                         ids=["home", "service", "content-page", "search"])
def test_focus_outline_survives_forced_colours(page, example_url, path):
    """High contrast removes box shadows and backgrounds: the focus ring must be an outline."""
    page.emulate_media(forced_colors="active")
    open_at(page, example_url + path, 1280, 720)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    stops = tab_through(page)
    assert len(stops) >= 5
    problems = [s for s in stops if not s["outline"]]
    assert problems == [], "\n".join(f"{s['name']}: outline {s['outlineStyle']}" for s in problems)
