"""Real Chromium through Playwright, on sites served from 127.0.0.1.

Locally the browser tests skip when Chromium is missing; under CI=true that is a failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from localoffer_ssg.config import load_config
from localoffer_ssg.pipeline import today

from ..conftest import REPO, SITES, build, serve_dir

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI must run the browser tests (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def copy_site(dest: Path, icons: bool) -> Path:
    """A copy of the example site root, with icons switched on or off."""
    for name in ("content", "services", "layouts"):
        shutil.copytree(REPO / name, dest / name)
    for name in ("synonyms.yaml", "glossary.yaml", "you-said-we-did.yaml"):
        shutil.copy(REPO / name, dest / name)
    toml = (REPO / "site.toml").read_text("utf-8")
    (dest / "site.toml").write_text(toml.replace("icons = true", f"icons = {str(icons).lower()}"), "utf-8")
    return dest


@pytest.fixture(scope="session")
def example_served(tmp_path_factory):
    """The example site, built with search, served on 127.0.0.1: (base address, output folder)."""
    out = tmp_path_factory.mktemp("served") / "site"
    build(REPO, out, search=True, today=today())
    with serve_dir(out) as base:
        yield base, out


@pytest.fixture(scope="session")
def example_url(example_served):
    return example_served[0]


VALID_SITES = sorted(p.name for p in (SITES / "valid").iterdir() if (p / "site.toml").is_file())


@pytest.fixture(scope="session", params=["example", *VALID_SITES])
def any_site_served(request, tmp_path_factory):
    """The example site, then each fixture site in tests/sites/valid/: (the site's address, output
    folder). A fixture site is served under its base_url's path, as it would be published."""
    if request.param == "example":
        yield request.getfixturevalue("example_served")
        return
    root = SITES / "valid" / request.param
    served = tmp_path_factory.mktemp(request.param)
    sub_path = load_config(root).base_path.strip("/")
    out = served / sub_path
    build(root, out)
    with serve_dir(served) as base:
        yield f"{base}/{sub_path}".rstrip("/"), out


@pytest.fixture(scope="session", params=[True, False], ids=["icons-on", "icons-off"])
def icons_url(request, tmp_path_factory):
    """The example site with icons on and off, without search, served on 127.0.0.1."""
    root = copy_site(tmp_path_factory.mktemp("icons"), request.param)
    out = root / "_site"
    build(root, out, today=today())
    with serve_dir(out) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.console_errors = errors
    yield tab
    context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core on the open page; return one line per violation and node."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(script))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
            for v in result["violations"] for node in v["nodes"]]
