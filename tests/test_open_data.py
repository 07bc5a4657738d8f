"""Open data under /api/: ORUK UK-profile records and pages valid against the official schemas,
stable identifiers, the taxonomies, and a spreadsheet that opens with its accents intact."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from localoffer_ssg.pipeline import today

from .conftest import REPO, build, service_records

SCHEMAS = Path(__file__).resolve().parent / "data" / "oruk"
# The page envelope of ORUK's API reference (HSDS 3.0 "Lists"); its items are service_list.json.
PAGE = {"type": "object", "required": ["total_items", "total_pages", "page_number", "size", "first_page",
                                        "last_page", "empty", "contents"],
        "properties": {"total_items": {"type": "integer", "minimum": 0},
                       "total_pages": {"type": "integer", "minimum": 1},
                       "page_number": {"type": "integer", "minimum": 1}, "size": {"type": "integer", "minimum": 0},
                       "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
                       "empty": {"type": "boolean"}, "contents": {"type": "array"}}}


def _validator(name: str) -> Draft202012Validator:
    schema = PAGE if name == "page" else json.loads((SCHEMAS / f"{name}.json").read_text())
    checker = Draft202012Validator.FORMAT_CHECKER
    # Without these the format checks would pass silently: uri needs jsonschema[format].
    assert {"uuid", "uri", "email", "date-time"} <= set(checker.checkers)
    return Draft202012Validator(schema, format_checker=checker)


def _problems(validator: Draft202012Validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def api(example_site) -> Path:
    return example_site / "api"


def _published_ids() -> list[str]:
    import yaml

    return sorted(p.stem for p in service_records(REPO)
                  if yaml.safe_load(p.read_text()).get("status", "active") != "closed")


def test_every_published_service_is_a_valid_oruk_record(api):
    validator = _validator("service")
    files = sorted(p.stem for p in (api / "services").glob("*.json") if not p.stem.startswith("page-"))
    assert files == _published_ids()
    for stem in files:
        doc = json.loads((api / "services" / f"{stem}.json").read_text("utf-8"))
        assert _problems(validator, doc) == [], stem
        assert doc["localoffer"]["id"] == stem


def test_pages_are_valid_envelopes_that_list_every_service_once(api):
    page_validator, item_validator = _validator("page"), _validator("service_list")
    pages = sorted((api / "services").glob("page-*.json"), key=lambda p: int(p.stem[5:]))
    seen = []
    for number, path in enumerate(pages, 1):
        doc = json.loads(path.read_text("utf-8"))
        assert _problems(page_validator, doc) == [], path.name
        assert doc["page_number"] == number and doc["total_pages"] == len(pages)
        assert doc["first_page"] == (number == 1) and doc["last_page"] == (number == len(pages))
        assert doc["size"] == len(doc["contents"]) and doc["empty"] is False
        for item in doc["contents"]:
            assert _problems(item_validator, item) == [], item["name"]
        seen += [item["localoffer"]["id"] for item in doc["contents"]]
    assert sorted(seen) == _published_ids() and len(seen) == doc["total_items"]


def test_pages_list_each_services_own_fields_and_leave_related_objects_to_its_file(api):
    related = {"schedules", "service_areas", "service_at_locations", "languages", "cost_options", "contacts",
               "attributes", "funding"}
    items = [item for path in (api / "services").glob("page-*.json")
             for item in json.loads(path.read_text("utf-8"))["contents"]]
    for item in items:
        own = json.loads((api / "services" / f"{item['localoffer']['id']}.json").read_text("utf-8"))
        assert item == {k: v for k, v in own.items() if k not in related}, item["name"]
    assert any("contacts" in json.loads((api / "services" / f"{i['localoffer']['id']}.json").read_text("utf-8"))
               for i in items)


def _git_time(rel: str) -> str:
    """When git last committed `rel`, in UTC, as the export writes it; '' when git cannot say."""
    try:
        dirty = subprocess.run(["git", "status", "--porcelain", "--", rel], cwd=REPO, capture_output=True,
                               text=True, check=True).stdout
        when = subprocess.run(["git", "log", "-1", "--format=%cI", "--", rel], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    if dirty or not when:
        return ""
    utc = dt.datetime.fromisoformat(when).astimezone(dt.timezone.utc)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_a_record_carries_what_families_need(api):
    doc = json.loads((api / "services" / "ashgrove-school.json").read_text("utf-8"))
    assert (doc["minimum_age"], doc["maximum_age"], doc["assured_date"]) == (4, 19, "2026-07-01")
    assert doc["contacts"][0]["phones"][0]["number"] == "01632 960 275"
    address = doc["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"]) == ("Ashgrove Road", "Brackenford", "ZX2 3AG")
    assert doc["schedules"][0]["description"].startswith("School day 9am")
    assert doc["cost_options"][0]["amount"] == 0
    assert [a["name"] for a in doc["service_areas"]] == ["Brackenford", "Eldermere"]
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in doc["attributes"]}
    assert {("localoffer-themes", "education"), ("localoffer-needs", "cognition-and-learning"),
            ("localoffer-age-bands", "11-15")} <= terms
    assert doc.get("last_modified", "") == _git_time("services/ashgrove-school.yaml")  # or left out, not made up
    assert not any(value in ("", [], {}, None) for key, value in doc.items())


def test_taxonomies_are_published_and_terms_point_at_them(api):
    index = json.loads((api / "taxonomies" / "index.json").read_text())
    names = [t["name"] for t in index["contents"]]
    assert names == ["localoffer-themes", "localoffer-needs", "localoffer-age-bands", "localoffer-checklist"]
    themes = json.loads((api / "taxonomies" / "themes.json").read_text())
    doc = json.loads((api / "services" / "ashgrove-school.json").read_text("utf-8"))
    used = next(a["taxonomy_term"] for a in doc["attributes"] if a["taxonomy_term"]["code"] == "education")
    assert used in themes["terms"] and used["term_uri"].endswith("/api/taxonomies/themes.json#education")


def test_index_names_version_profile_and_files(api):
    index = json.loads((api / "index.json").read_text())
    assert index["version"] == "3.0" and "uk-profile" in index["profile"]
    assert index["services"][0].endswith("/api/services/page-1.json")


def test_identifiers_survive_a_rebuild_on_another_host(tmp_path, api):
    site = tmp_path / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("_site", ".cache", ".git", "tests", ".venv"))
    build(site, tmp_path / "out", base_url="https://other.example.org/offer/", today=today())
    before = json.loads((api / "services" / "ashgrove-school.json").read_text("utf-8"))
    after = json.loads((tmp_path / "out" / "api" / "services" / "ashgrove-school.json").read_text("utf-8"))
    assert after["id"] == before["id"] and after["attributes"] == [
        {**a, "taxonomy_term": {**a["taxonomy_term"], "term_uri": a["taxonomy_term"]["term_uri"].replace(
            "https://localoffer.exampleshire.example.org/", "https://other.example.org/offer/")}}
        for a in before["attributes"]]
    text = (site / "site.toml").read_text().replace('id = "exampleshire-local-offer"', 'id = "another-council"')
    (site / "site.toml").write_text(text)
    build(site, tmp_path / "out2", today=today())
    other = json.loads((tmp_path / "out2" / "api" / "services" / "ashgrove-school.json").read_text("utf-8"))
    assert other["id"] != before["id"]


def test_spreadsheet_has_one_row_per_service_in_utf8_with_bom(api):
    data = (api / "services.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == _published_ids()
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:7] == ["id", "name", "summary", "description", "themes", "age_min", "age_max"]
    school = next(r for r in rows if r["id"] == "ashgrove-school")
    assert school["themes"] == "education" and school["areas"] == "brackenford; eldermere"
    assert school["location_postcode"] == "ZX2 3AG" and school["cost_free"] == "yes"
    assert any("£" in r["cost_details"] for r in rows)  # pound signs survive as UTF-8
    assert re.search(r"\r\n", data.decode("utf-8"))  # Excel's line ends


def test_one_service_edit_rewrites_its_record_and_page_only(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("_site", ".cache", ".git", "tests", ".venv"))
    out = tmp_path / "out"
    build(site, out, cache=True, today=today())
    stamps = {p: p.stat().st_mtime_ns for p in (out / "api").rglob("*.json")}
    path = site / "services" / "ashgrove-school.yaml"
    path.write_text(path.read_text().replace("160 pupils", "170 pupils"))
    build(site, out, cache=True, today=today())
    changed = sorted(p.relative_to(out).as_posix() for p, t in stamps.items() if p.stat().st_mtime_ns != t)
    assert changed == ["api/services/ashgrove-school.json", "api/services/page-1.json"]
    assert "170 pupils" in (out / "api" / "services.csv").read_text("utf-8-sig")
