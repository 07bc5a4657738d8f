"""The shipped postcode table, postcode reading, distances and the checks on places."""

import json

import pytest

from localoffer_ssg import geography
from localoffer_ssg.model import _location
from localoffer_ssg.yamlsource import parse_yaml

# Well-known places, and the postcode sector they are in (positions from OpenStreetMap).
KNOWN = [("SW1A 1AA", (51.5014, -0.1419), 0.6),  # Buckingham Palace
         ("EH1 2NG", (55.9486, -3.1999), 0.6),  # Edinburgh Castle
         ("M1 1AE", (53.4808, -2.2426), 1.0),  # Manchester Piccadilly
         ("CF10 1EP", (51.4816, -3.1791), 1.0),  # Cardiff city centre
         ("ZE1 0AA", (60.1553, -1.1450), 2.0)]  # Lerwick, Shetland


@pytest.mark.parametrize("postcode, place, within", KNOWN)
def test_sector_centres_lie_close_to_known_places(postcode, place, within):
    point = geography.locate(postcode)
    assert point.precision == "sector"
    assert geography.miles((point.latitude, point.longitude), place) < within


def test_the_table_covers_great_britain_without_northern_ireland():
    districts = geography.table()
    assert 2800 < len(districts) < 3000 and sum(len(d[2]) for d in districts.values()) > 10000
    assert not [d for d in districts if d.startswith("BT")]
    text = geography.TABLE.read_text("utf-8")
    assert "Contains OS data \u00a9 Crown copyright" in json.loads(text)["attribution"]


@pytest.mark.parametrize("typed", ["sw1a 1aa", "SW1A1AA", "  sw1a   1aa ", "Sw1A 1Aa"])
def test_any_case_or_spacing_reads_the_same(typed):
    assert geography.locate(typed) == geography.locate("SW1A 1AA")


def test_the_first_half_alone_gives_the_district_centre():
    district = geography.locate("sw1a")
    assert district.precision == "district"
    assert geography.miles((district.latitude, district.longitude), (51.5014, -0.1419)) < 1.5


def test_an_unknown_sector_falls_back_to_its_district():
    assert geography.locate("SW1A 9ZZ").precision == "district"


@pytest.mark.parametrize("typed", ["", "hello", "12345", "SW1A 1AAA", "1AA SW1"])
def test_badly_formed_postcodes_are_not_read(typed):
    assert geography.parse(typed) is None and geography.locate(typed) is None


def test_northern_ireland_and_fictional_postcodes_are_read_but_not_placed():
    assert geography.parse("bt1 1aa").northern_ireland and geography.locate("BT1 1AA") is None
    assert geography.locate("ZX1 1AA") is None


def test_distance_in_miles():
    # London (Buckingham Palace) to Edinburgh Castle, great circle: about 331.6 miles.
    assert geography.miles((51.5014, -0.1419), (55.9486, -3.1999)) == pytest.approx(331.6, abs=1)
    assert geography.miles((53.0, -2.0), (53.0, -2.0)) == 0


@pytest.mark.parametrize("miles, precisions, said", [
    (0.4, ("sector",), "less than a mile"), (1.4, ("exact", "sector"), "about 1 mile"),
    (2.6, ("sector",), "about 3 miles"), (3.0, ("district",), "less than 5 miles"),
    (12.4, ("sector", "district"), "about 10 miles"), (13.0, ("district",), "about 15 miles")])
def test_distances_are_rounded_no_finer_than_the_points_are_known(miles, precisions, said):
    assert geography.about(miles, *precisions) == said


def test_a_place_is_given_its_own_position_or_its_postcodes_centre():
    own = _location({"name": "Clinic", "postcode": "M1 1AE", "latitude": 53.1, "longitude": -2.1})
    assert (own.latitude, own.longitude, own.precision) == (53.1, -2.1, "exact")
    assert own.map_url.startswith("https://www.openstreetmap.org/?mlat=53.10000&mlon=-2.10000")
    placed = _location({"name": "Clinic", "address": "High Street", "postcode": "M1 1AE"})
    assert placed.precision == "sector" and placed.latitude == geography.locate("M1 1AE").latitude
    assert placed.map_url == "https://www.openstreetmap.org/search?query=High+Street%2C+M1+1AE"
    unknown = _location({"name": "Clinic", "postcode": "ZX1 1AA"})
    assert unknown.precision == "" and unknown.latitude is None


def _warnings(locations: str) -> list[str]:
    src, problems = parse_yaml("name: X\nlocations:\n" + locations, "services/x.yaml")
    assert not problems
    return [str(d) for d in geography.check_places("services/x.yaml", src)]


def test_a_postcode_outside_the_table_is_a_located_warning():
    found = _warnings("  - name: Hall\n    postcode: ZX1 1AA\n")
    assert len(found) == 1 and found[0].startswith(
        "services/x.yaml:4:15: warning: locations[0].postcode: the postcode district ZX1 is not in the postcode table")
    assert "add latitude and longitude" in found[0]


def test_a_northern_ireland_postcode_says_why():
    found = _warnings("  - name: Hall\n    postcode: BT1 1AA\n")
    assert len(found) == 1 and "Northern Ireland (BT) postcodes are not in the postcode table" in found[0]


def test_known_postcodes_and_given_positions_need_nothing():
    assert _warnings("  - name: A\n    postcode: M1 1AE\n  - name: B\n    postcode: ZX1 1AA\n"
                     "    latitude: 52.1\n    longitude: 0.7\n") == []


def test_half_a_position_is_a_warning():
    found = _warnings("  - name: A\n    latitude: 52.1\n")
    assert found == ["services/x.yaml:4:15: warning: locations[0].longitude: latitude is given without longitude; "
                     "give both, e.g. latitude: 52.4862 and longitude: -1.8904, or neither to place it by its postcode"]
