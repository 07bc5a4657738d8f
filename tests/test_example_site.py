"""The example Local Offer in the repository root: complete, linked and reproducible."""

import filecmp

import tomllib

from localoffer_ssg import links, routes

from localoffer_ssg.pipeline import today

from .conftest import REPO, build, service_records


def _service_ids():
    import yaml

    ids = []
    for path in service_records(REPO):
        data = yaml.safe_load(path.read_text())
        if data.get("status", "active") != "closed":
            ids.append(path.stem)
    return ids


def test_every_page_type_is_built(example_site):
    config = tomllib.loads((REPO / "site.toml").read_text())
    expected = ["index.html", "a-z/index.html", "search/index.html", "feedback/index.html",
                "accessibility/index.html", "easy-read/index.html", "404.html", "sitemap.xml"]
    expected += [f"themes/{t['key']}/index.html" for t in config["themes"]]
    expected += [routes.output_file(routes.age_band(b)) for b in routes.AGE_BANDS]
    expected += [f"services/{i}/index.html" for i in _service_ids()]
    expected += ["what-is-the-local-offer/index.html", "ehc-plans/index.html",
                 "travel-assistance/index.html", "preparing-for-adulthood/index.html",
                 "information-advice-support/index.html", "complaints-and-disagreements/index.html"]
    missing = [rel for rel in expected if not (example_site / rel).is_file()]
    assert missing == []


def test_example_has_no_broken_internal_links(example_site):
    assert links.broken(example_site, "/") == []


def test_example_links_work_under_a_sub_path(tmp_path):
    out = tmp_path / "site"
    build(REPO, out, base_url="https://example.org/council/local-offer/", today=today())
    assert links.broken(out, "/council/local-offer/") == []
    assert 'href="/council/local-offer/a-z/"' in (out / "index.html").read_text()


def test_two_builds_are_byte_identical(tmp_path, example_site):
    again = tmp_path / "again"
    build(REPO, again, today=today())
    comparison = filecmp.dircmp(example_site, again)

    def differences(cmp):
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    for path in example_site.rglob("*"):  # dircmp's shallow compare trusts size and mtime
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(example_site)).read_bytes(), path


def test_example_covers_every_theme_and_age():
    import yaml

    services = [yaml.safe_load(p.read_text()) for p in service_records(REPO)]
    themes = {t for s in services for t in s["themes"]}
    config = tomllib.loads((REPO / "site.toml").read_text())
    assert {t["key"] for t in config["themes"]} <= themes
    ages = {a for s in services for a in range(s["age_range"]["min"], s["age_range"]["max"] + 1)}
    assert ages == set(range(26))
    assert len(services) >= 12


def test_every_service_is_within_three_clicks_of_home_without_javascript(example_site):
    import re

    def links_from(rel):
        html = (example_site / rel).read_text("utf-8")
        return {h for h in re.findall(r'<a href="(/[^"#?]*)', html) if h.endswith("/")}

    seen, frontier = {"/"}, {"/"}
    for _ in range(3):
        frontier = {link for page in frontier for link in links_from(routes.output_file(page))} - seen
        seen |= frontier
    services = {f"/services/{i}/" for i in _service_ids()}
    assert services - seen == set()


def _model():
    from localoffer_ssg.config import load_config
    from localoffer_ssg.load import load_sources
    from localoffer_ssg.model import build_model

    return build_model(load_config(REPO), load_sources(REPO), today())


def test_every_theme_need_age_band_and_statutory_topic_has_content():
    from localoffer_ssg.model import CHECKLIST, NEEDS

    site = _model()
    assert len(site.services) >= 55 and len([p for p in site.pages if not p.easy_read]) >= 20
    assert len([s for s in site.services if s.status == "active"]) >= 60
    assert [t.key for t in site.themes if len(site.by_theme[t.key]) < 3] == []
    assert [n for n in NEEDS if not any(n in s.needs for s in site.services)] == []
    assert [b for b, services in site.by_band.items() if len(services) < 10] == []
    assert [k for k in CHECKLIST if not any(site.by_topic[k])] == []
    assert [k for k in CHECKLIST if not site.by_topic[k][0]] == []  # each topic has a guide page
    # 16-25 is covered as well as school age
    assert len(site.by_band["16-25"]) >= len(site.by_band["5-10"]) * 0.8


def test_example_passes_strict_check_apart_from_overdue_reviews():
    from .conftest import run_cli

    done = run_cli("check", "--strict", "--verbose")  # --verbose lists each overdue record
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if ": warning: " in line]
    assert warnings and all("overdue for review" in w for w in warnings)


def test_some_reviews_are_overdue_so_staleness_shows(example_site):
    site = _model()
    overdue = [s for s in site.services if s.review_due < today()]
    assert 3 <= len(overdue) <= len(site.services) // 4
    assert "Due for review." in (example_site / overdue[0].url.lstrip("/") / "index.html").read_text()


def test_you_said_we_did_has_two_years(example_site):
    site = _model()
    assert len(site.comments) >= 2 and all(len(y.items) >= 3 for y in site.comments)
    html = (example_site / "you-said-we-did/index.html").read_text()
    assert all(y.year in html for y in site.comments)
