"""Every kind of page, loaded with its Content-Security-Policy in force (no bypass), reports no
policy violation and no console error; search still finds services."""

from __future__ import annotations

from pathlib import Path

import pytest

WATCH = ("document.addEventListener('securitypolicyviolation', function (e) {"
         " (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI); });")


def _one(out: Path, pattern: str) -> str:
    found = sorted(p for p in out.glob(pattern) if "pagefind" not in p.parts)
    assert found, pattern
    rel = found[0].relative_to(out).as_posix()
    return "/" + rel.removesuffix("index.html")


PAGE_TYPES = ["index.html", "services/*/index.html", "services/*/easy-read/index.html", "themes/*/index.html",
              "themes/*/ages/*/index.html", "ages/*/index.html", "a-z/index.html",
              "*/index.html", "easy-read/index.html", "feedback/index.html", "accessibility/index.html",
              "you-said-we-did/index.html", "404.html", "search/index.html"]


@pytest.fixture
def strict_page(browser):
    context = browser.new_context()  # the policy in force, as a family's browser has it
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.add_init_script(WATCH)
    tab.console_errors = errors
    yield tab
    context.close()


@pytest.mark.parametrize("pattern", PAGE_TYPES)
def test_page_type_runs_under_its_policy(example_served, strict_page, pattern):
    base, out = example_served
    path = _one(out, pattern)
    strict_page.goto(base + path, wait_until="networkidle")
    if pattern.startswith("search/"):
        strict_page.fill("input[type=search]", "speech")
        strict_page.keyboard.press("Enter")
        strict_page.wait_for_load_state("networkidle")
        strict_page.wait_for_timeout(500)  # let the results draw; a pause, not an assertion on time
    policy = strict_page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert policy and "script-src 'self'" in policy
    assert strict_page.evaluate("window.__violations || []") == [], path
    assert strict_page.console_errors == [], path
