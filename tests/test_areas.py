"""Where services are, without JavaScript and in open data: area pages, map links, the places
'Near a postcode' fetches, and coordinates in the exports. On the near fixture site."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from localoffer_ssg import geography
from localoffer_ssg.pageweight import BUDGET, weigh

from .conftest import SITES, build

NEAR = SITES / "valid" / "near"


@pytest.fixture(scope="module")
def near_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("near") / "site"
    build(NEAR, out)
    return out


def _names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/services/[^"]+/">([^<]+)</a>', html)


def test_each_area_lists_the_services_that_serve_it(near_site):
    north = (near_site / "areas/north/index.html").read_text("utf-8")
    south = (near_site / "areas/south/index.html").read_text("utf-8")
    assert _names(north) == ["Ancoats Play Club", "Bolton Therapy Centre", "Home Visiting Nurses",
                             "Leeds Youth Theatre", "Salford Speech Clinic"]
    assert _names(south) == ["Home Visiting Nurses", "Online Parent Course", "Stockport Swim Group"]
    assert "<h1>Services in North Nearshire</h1>" in north and 'href="/areas/south/"' in north


def test_area_pages_are_linked_from_home_and_from_each_services_areas_line(near_site):
    home = (near_site / "index.html").read_text("utf-8")
    assert '<a href="/areas/north/">North Nearshire</a>' in home and '<a href="/areas/south/">' in home
    nurses = (near_site / "services/home-visiting-nurses/index.html").read_text("utf-8")
    assert re.search(r'<dt>Areas</dt><dd><a href="/areas/north/">North Nearshire</a>, '
                     r'<a href="/areas/south/">South Nearshire</a></dd>', nurses)


def test_every_place_has_a_plain_map_link(near_site):
    bolton = (near_site / "services/bolton-therapy-centre/index.html").read_text("utf-8")
    assert re.findall(r'<a href="(https://www\.openstreetmap\.org/[^"]+)">Open in a map</a>', bolton) == [
        "https://www.openstreetmap.org/search?query=Bolton%2C+BL1+1AA",
        "https://www.openstreetmap.org/search?query=Oldham%2C+OL1+1AA"]
    leeds = (near_site / "services/leeds-youth-theatre/index.html").read_text("utf-8")
    assert 'href="https://www.openstreetmap.org/?mlat=53.79970&amp;mlon=-1.54920#map=16/53.79970/-1.54920"' in leeds
    assert not re.search(r'<(script|img|iframe|link)[^>]+openstreetmap', bolton + leeds)


def test_the_places_file_has_each_services_position_from_its_record_or_postcode(near_site):
    data = json.loads((near_site / "assets/near.json").read_text("utf-8"))
    by_url = {s[0]: s for s in data["services"]}
    stockport = geography.locate("SK1 1AA")
    assert by_url["/services/stockport-swim-group/"][5] == [[stockport.latitude, stockport.longitude, "s"]]
    assert by_url["/services/salford-speech-clinic/"][5] == [[53.4875, -2.2901, "e"]]
    assert len(by_url["/services/bolton-therapy-centre/"][5]) == 2
    nurses = by_url["/services/home-visiting-nurses/"]
    assert nurses[5] == [] and [data["areas"][i][0] for i in nurses[6]] == ["north", "south"]
    assert "Contains OS data" in data["attribution"]


def test_the_postcode_table_is_an_asset_of_the_site_and_not_on_any_page(near_site):
    assert (near_site / "assets/postcodes.json").read_bytes() == geography.TABLE.read_bytes()
    for page in near_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert '"districts"' not in text and "AB10" not in text, page


@pytest.mark.parametrize("rel", ["themes/health/index.html", "ages/5-10/index.html",
                                 "themes/leisure/ages/11-15/index.html"])
def test_lists_offer_near_a_postcode_with_javascript_only_and_within_the_page_budget(near_site, rel):
    html = (near_site / rel).read_text("utf-8")
    assert re.search(r'<form class="near" id="near" [^>]*hidden', html)
    assert 'autocomplete="postal-code"' in html and '<script src="/assets/near.js" defer></script>' in html
    assert "<script>" not in html  # no inline script: the policy allows only the site's files
    assert weigh(near_site, rel).total <= BUDGET


def test_coordinates_are_in_the_open_data(near_site):
    oruk = json.loads((near_site / "api/services/stockport-swim-group.json").read_text("utf-8"))
    found = json.dumps(oruk)
    point = geography.locate("SK1 1AA")
    assert f'"latitude": {point.latitude}, "longitude": {point.longitude}' in found
    rows = list(csv.DictReader(io.StringIO((near_site / "api/services.csv").read_text("utf-8-sig"))))
    leeds = next(r for r in rows if r["name"] == "Leeds Youth Theatre")
    assert (leeds["location_latitude"], leeds["location_longitude"]) == ("53.7997", "-1.5492")


def test_the_accessibility_statement_carries_the_postcode_datas_attribution(near_site):
    statement = (near_site / "accessibility/index.html").read_text("utf-8")
    assert geography.ATTRIBUTION in statement and "Open Government Licence v3.0" in statement
