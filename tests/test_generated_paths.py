"""Pages the engine makes itself: links from content to them are known, and no content page may
take their addresses (or any address under their folders)."""

import shutil

import pytest

from localoffer_ssg import routes
from localoffer_ssg.config import load_config

from .conftest import SITES, run_cli


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    return root


def _page(root, rel, body):
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: A page\nsummary: A page for a test.\nlast_reviewed: 2026-01-10\n---\n{body}\n")


def test_links_to_every_kind_of_generated_page_are_known(site):
    config = load_config(site)
    theme, band = config.themes[0].key, routes.AGE_BANDS[1]
    targets = [routes.theme_age(theme, band), routes.booklet(theme), routes.CHANGES, routes.CHANGES_FEED,
               routes.MY_LIST, "/api/services.csv"] + [routes.area(a.key) for a in config.areas]
    _page(site, "links.md", "\n".join(f"- [{path}]({path})" for path in targets))
    done = run_cli("check", "--root", str(site))
    assert done.returncode == 0, done.stderr
    built = run_cli("build", "--root", str(site), "--out", str(site.parent / "out"), "--no-search")
    assert built.returncode == 0, built.stderr
    for path in targets:
        assert (site.parent / "out" / routes.output_file(path)).is_file(), path


@pytest.mark.parametrize("rel", ["changes.md", "print/health.md", "print/anything/else.md", "services/x.md",
                                 "api/index.md", "areas/north.md", "my-list.md"])
def test_a_page_may_not_take_an_address_the_engine_makes(site, rel):
    _page(site, rel, "Some text.")
    done = run_cli("check", "--root", str(site))
    assert done.returncode == 1
    assert f"content/{rel}:1:1: error: would be published at" in done.stderr
