"""`serve` in Chromium: a failed rebuild shows its errors on every open page, until the next good build."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

from ..test_serve import MESSAGE, _edit, _write
from ..test_serve import served as live  # noqa: F401 (a fixture: `serve` on the basic site)
from .conftest import AXE_TAGS

BANNER = "#localoffer-build-errors"


def _banner_violations(page) -> list[str]:
    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).with_name("axe.min.js")))
    result = page.evaluate("([sel, tags]) => axe.run(sel, {runOnly: {type: 'tag', values: tags}})",
                           [BANNER, AXE_TAGS])
    return [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]


def test_failed_build_shows_on_open_pages_until_fixed(live, page):
    root, base = live
    path = root / "services/speech-therapy.yaml"
    original = path.read_text()
    page.goto(base + "/services/speech-therapy/")
    assert page.locator(BANNER).count() == 0

    _edit(path, "max: 11", "max: 99")
    banner = page.locator(f"{BANNER}[role=alert]")
    banner.wait_for()  # no reload by hand: the open page is told
    assert MESSAGE in banner.inner_text()
    assert page.locator("h1").inner_text() == "Speech Therapy Drop-in"  # the last good page underneath
    assert _banner_violations(page) == []

    other = page.context.new_page()  # a page opened while the build is broken shows it too
    other.goto(base + "/a-z/")
    assert MESSAGE in other.locator(BANNER).inner_text()

    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")  # the first stop on the page, before the skip link
    assert page.evaluate("document.activeElement.textContent") == "Dismiss"
    page.keyboard.press("Enter")
    banner.wait_for(state="detached")
    other.keyboard.press("Tab")
    other.keyboard.press("Escape")
    other.locator(BANNER).wait_for(state="detached")

    # New errors show again, even where the last ones were dismissed; markup in them stays text.
    _edit(path, "[health]", '["</script><b id=injected>x</b>"]')
    banner.wait_for()
    assert "'</script><b id=injected>x</b>' is not a theme in site.toml" in banner.inner_text()
    assert page.locator("#injected").count() == 0

    with page.expect_event("load"), other.expect_event("load"):  # the next good build reloads them
        _write(path, original.replace("Speech Therapy Drop-in", "Talking Drop-in"))
    assert page.locator(BANNER).count() == 0 and other.locator(BANNER).count() == 0
    assert page.locator("h1").inner_text() == "Talking Drop-in"
    assert page.console_errors == []


def test_banner_works_under_the_pages_own_content_security_policy(live, browser):
    """No bypass here: the banner's script and styles are files, as the pages' policy demands."""
    root, base = live
    context = browser.new_context()
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "/services/speech-therapy/")
        assert "Content-Security-Policy" in page.content()
        _edit(root / "services/speech-therapy.yaml", "max: 11", "max: 99")
        banner = page.locator(f"{BANNER}[role=alert]")
        banner.wait_for()
        assert MESSAGE in banner.inner_text()
        page.wait_for_function("([sel]) => getComputedStyle(document.querySelector(sel)).position === 'sticky'",
                               arg=[BANNER])  # its stylesheet applied
        assert refused == []
    finally:
        context.close()
