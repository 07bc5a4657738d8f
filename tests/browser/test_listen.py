"""Listen to this page, in Chromium, with the browser's speech synthesis replaced at its API so
the test reads what would be spoken: the main content in the page's language, never the
navigation or hidden text; play, pause and stop from the keyboard; nothing without speech."""

from __future__ import annotations

from .conftest import axe_violations

STUB = """(() => {
  const log = window.__speech = {spoken: [], calls: []};
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; };
  Object.defineProperty(window, 'speechSynthesis', {value: {
    speak(u) { log.spoken.push({text: u.text, lang: u.lang}); log.calls.push('speak'); },
    pause() { log.calls.push('pause'); }, resume() { log.calls.push('resume'); },
    cancel() { log.calls.push('cancel'); log.spoken.length = 0; }, speaking: false, paused: false}});
})();"""

NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"


def spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def test_listen_reads_the_main_content_and_stops(page, example_url):
    page.add_init_script(STUB)
    page.goto(f"{example_url}/services/little-steps-portage/")
    play = page.get_by_role("button", name="Listen", exact=True)
    play.focus()
    page.keyboard.press("Enter")
    said = spoken(page)
    texts = [s["text"] for s in said]
    assert texts[0] == "Little Steps Portage"
    assert "Home visits that help babies and young children with SEND learn through play." in texts
    assert any("01632 960 210" in t for t in texts)
    assert {s["lang"] for s in said} == {"en-GB"}
    joined = " ".join(texts)
    for not_read in ("Skip to main content", "Services A to Z", "Add to my list", "Carry on",
                     "type:Service", "Contact the Local Offer team"):
        assert not_read not in joined
    assert page.evaluate("document.activeElement.textContent") == "Pause"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.calls").count("pause") == 1
    assert page.evaluate("document.activeElement.textContent") == "Carry on"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.calls")[-1] == "resume"
    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.__speech.calls")[-1] == "cancel"
    assert spoken(page) == []
    assert axe_violations(page) == []


def test_listen_is_on_guides_and_easy_read_pages(page, example_url):
    page.add_init_script(STUB)
    for path in ("/short-breaks/", "/short-breaks/easy-read/"):
        page.goto(example_url + path)
        page.get_by_role("button", name="Listen", exact=True).click()
        assert spoken(page)[0]["text"] == page.locator("main h1").inner_text()
        assert axe_violations(page) == []


def test_no_listen_control_where_the_browser_cannot_speak(page, example_url):
    page.add_init_script(NO_SPEECH)
    page.goto(f"{example_url}/services/little-steps-portage/")
    assert page.locator(".listen").count() == 0
    assert page.console_errors == []
