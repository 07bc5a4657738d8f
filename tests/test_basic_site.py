"""The valid fixture site built end to end, its output read as a visitor would see it."""

import re
import shutil

import pytest

from localoffer_ssg import links

from .conftest import SITES, build

EXPECTED_FILES = """404.html a-z/index.html accessibility/index.html ages/0-4/index.html
ages/11-15/index.html ages/16-25/index.html ages/5-10/index.html
easy-read/index.html feedback/index.html guides/index.html guides/therapies/easy-read/index.html
guides/therapies/index.html index.html search/index.html services/after-school-club/index.html
services/speech-therapy/easy-read/index.html services/speech-therapy/index.html sitemap.xml
themes/education/index.html themes/health/index.html covers/index.html you-said-we-did/index.html
my-list/index.html offline/index.html sw.js print/education/index.html print/health/index.html
_headers changes/index.html changes.xml areas/testford/index.html
api/index.json api/services.csv api/services/page-1.json api/services/after-school-club.json
api/services/speech-therapy.json api/taxonomies/index.json api/taxonomies/age-bands.json
api/taxonomies/checklist.json api/taxonomies/needs.json api/taxonomies/themes.json""".split() + [
    f"themes/{theme}/ages/{band}/index.html" for theme in ("education", "health")
    for band in ("0-4", "5-10", "11-15", "16-25")]


def read(site, rel):
    return (site / rel).read_text("utf-8")


def test_exactly_the_expected_pages_are_written(basic_site):
    files = sorted(p.relative_to(basic_site).as_posix() for p in basic_site.rglob("*")
                   if p.is_file() and not p.relative_to(basic_site).as_posix().startswith("assets/"))
    assert files == sorted(EXPECTED_FILES)


def test_theme_assets_are_copied(basic_site):
    for rel in ("style.css", "print.css", "search.css", "search.js", "easy-read.css", "pictures/phone.svg"):
        assert (basic_site / "assets" / rel).is_file(), rel


def test_no_broken_internal_links_under_the_sub_path(basic_site):
    assert links.broken(basic_site, "/local-offer/") == []


def test_service_page_sections_come_in_the_promised_order(basic_site):
    html = read(basic_site, "services/speech-therapy/index.html")
    headings = re.findall(r"<h2 id=\"(\w+)\"", html)
    assert headings == ["contact", "how", "what", "who", "where", "topics"]
    assert html.index("Contact") < html.index("What it is") < html.index("Topics")


@pytest.mark.parametrize("details, free, said", [("Free. Sessions last an hour.", "true", "Free"),
                                                 ("No charge.", "true", "Free"),
                                                 ("There is a cost of £5 a session.", "false", "There is a cost")])
def test_cost_says_free_or_not_once(tmp_path, details, free, said):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    record = root / "services" / "speech-therapy.yaml"
    record.write_text(record.read_text().replace("cost: {free: true, details: No charge.}",
                                                 f"cost: {{free: {free}, details: '{details}'}}"))
    out = build(root, tmp_path / "out")
    html = read(out.out, "services/speech-therapy/index.html")
    cost = html[html.index('id="cost"'):]
    cost = cost[:cost.index("</dd>")]
    assert cost.count(said) == 1 and details in cost, cost


def test_service_contact_links_are_tap_to_call_and_email(basic_site):
    html = read(basic_site, "services/speech-therapy/index.html")
    assert '<a href="tel:01632960002">01632 960 002</a>' in html
    assert '<a href="mailto:talk@testshire.example.org">' in html


def test_raw_html_in_content_is_shown_as_text(basic_site):
    html = read(basic_site, "services/speech-therapy/index.html")
    assert "&lt;b&gt;raw HTML stays text&lt;/b&gt;" in html and "<b>raw" not in html


def test_internal_links_carry_the_base_path(basic_site):
    html = read(basic_site, "services/speech-therapy/index.html")
    assert 'href="/local-offer/guides/therapies/"' in html
    assert 'href="/local-offer/assets/style.css"' in html


def test_one_h1_and_lang_on_every_page(basic_site):
    for page in basic_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert html.count("<h1") == 1, page
        assert '<html lang="en-GB">' in html, page
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, page


def test_temporarily_closed_service_shows_a_notice(basic_site):
    html = read(basic_site, "services/after-school-club/index.html")
    assert "This service is temporarily closed." in html
    assert "Temporarily closed" in read(basic_site, "themes/education/index.html")


def test_closed_service_is_nowhere(basic_site):
    for page in basic_site.rglob("*.html"):
        assert "Old Service" not in page.read_text("utf-8")


def test_age_band_pages_list_overlapping_services(basic_site):
    assert "Speech Therapy Drop-in" in read(basic_site, "ages/0-4/index.html")
    assert "After School Club" not in read(basic_site, "ages/0-4/index.html")
    assert "After School Club" in read(basic_site, "ages/16-25/index.html")


def test_easy_read_variants_link_both_ways(basic_site):
    standard = read(basic_site, "guides/therapies/index.html")
    easy = read(basic_site, "guides/therapies/easy-read/index.html")
    assert 'href="/local-offer/guides/therapies/easy-read/"' in standard
    assert 'href="/local-offer/guides/therapies/"' in easy
    index = read(basic_site, "easy-read/index.html")
    assert "/local-offer/services/speech-therapy/easy-read/" in index


def test_site_layout_overrides_one_template_and_the_rest_fall_back(basic_site):
    assert "This is the Testshire 404 page" in read(basic_site, "404.html")
    assert "Services A to Z" in read(basic_site, "a-z/index.html")


def test_icons_off_means_no_svg_anywhere(basic_site):
    for page in basic_site.rglob("*.html"):
        assert "<svg" not in page.read_text("utf-8"), page


def test_nested_page_has_breadcrumbs_through_its_parent(basic_site):
    crumbs = read(basic_site, "guides/therapies/index.html").split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Home", "Guides"]


def test_sitemap_lists_absolute_addresses_of_pages(basic_site):
    xml = read(basic_site, "sitemap.xml")
    assert "<loc>https://example.org/local-offer/services/speech-therapy/</loc>" in xml
    assert "404" not in xml


def test_footer_has_team_contacts_feedback_and_accessibility(basic_site):
    html = read(basic_site, "index.html")
    footer = html.split("<footer")[1]
    for needle in ("tel:01632960001", "mailto:team@testshire.example.org", "/local-offer/feedback/",
                   "/local-offer/accessibility/"):
        assert needle in footer


def test_header_search_is_a_plain_get_form(basic_site):
    html = read(basic_site, "a-z/index.html")
    assert '<form class="find" role="search" action="/local-offer/search/" method="get">' in html


@pytest.mark.parametrize("rel", ["index.html", "services/speech-therapy/index.html"])
def test_pages_make_no_third_party_requests(basic_site, rel):
    html = read(basic_site, rel)
    fetched = re.findall(r'<(?:script|img|iframe)[^>]+src="([^"]+)"', html)
    fetched += re.findall(r'<link rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', html)
    assert fetched and all(ref.startswith(("/local-offer/", "data:")) for ref in fetched), fetched
