"""`localoffer import`: a dry run by default, never overwriting without --force, every problem with
its row or JSON path, written records that pass check, and a round trip that loses nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from localoffer_ssg.pipeline import today

from .conftest import REPO, build, run_cli

SAMPLES = REPO.parent / "shared" / "import-samples"
SITE_FILES = ("site.toml", "content", "glossary.yaml", "synonyms.yaml", "you-said-we-did.yaml")


def _empty_site(folder: Path) -> Path:
    """The example site without its services: what a council moving in starts from."""
    folder.mkdir()
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.is_file():
            shutil.copy(source, folder / name)
    return folder


def _bare_site(folder: Path) -> Path:
    """A new site with nothing in it but its settings."""
    folder.mkdir()
    shutil.copy(REPO / "site.toml", folder / "site.toml")
    return folder


def _check(root: Path) -> None:
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 0, result.stderr


def _records(path):
    """An exported file's data without `last_modified`: when git last changed a record belongs to
    the site's history, which an import does not carry (the imported site has none)."""
    def drop(value):
        if isinstance(value, dict):
            return {k: drop(v) for k, v in value.items() if k != "last_modified"}
        return [drop(v) for v in value] if isinstance(value, list) else value
    return drop(json.loads(path.read_text("utf-8")))


def test_round_trip_through_oruk_and_csv_gives_the_same_data(tmp_path, example_site):
    first = example_site / "api"
    for kind, source in (("oruk", first / "services"), ("csv", first / "services.csv")):
        site = _empty_site(tmp_path / kind)
        result = run_cli("import", kind, str(source), "--root", str(site), "--write")
        assert result.returncode == 0, result.stdout + result.stderr
        build(site, tmp_path / f"{kind}-out", today=today())
        again = tmp_path / f"{kind}-out" / "api"
        for path in sorted(first.rglob("*.json")):
            assert _records(again / path.relative_to(first)) == _records(path), (kind, path.name)
        assert (again / "services.csv").read_bytes() == (first / "services.csv").read_bytes()


MESSY = (
    "Guidance,Name of service,Name of organisation,Contact phone,Website,Age range,Sub-category,"
    "Opening hours description,More details (service description),Postcode,Location name\r\n"
    "Guidance,The official name,Who runs it,A phone number,,,,,,,\r\n"
    ",Caf\xe9 Club,Brackenford Parents,+44 (0)1632 960100,www.cafe-club.example.org,0-25,Play,"
    "\"Monday 10:00 - 12:00\",<p>A <strong>friendly</strong> group. Costs \xa32.</p>,zx1 1aa,Hall\r\n"
    ",,,,,,,\"Tuesday 10:00 - 12:00\",,,\r\n"
    ",,,,,,,,,,\r\n"
    ",Swim Time,,01632-960-101,,5 to 11 years,Sport,,,,\r\n"
    ",Little Ones,,(01632) 960 102,,Under 5s,,,Songs and stories for babies.,,\r\n"
    ",No Way To Reach,,,,,Sport,,,,\r\n"
)


def test_messy_spreadsheet_is_imported_and_checked(tmp_path):
    site = _bare_site(tmp_path / "site")
    sheet = tmp_path / "providers.csv"
    sheet.write_bytes(MESSY.encode("cp1252"))  # as Excel saves "CSV" on Windows
    dry = run_cli("import", "csv", str(sheet), "--root", str(site))
    assert dry.returncode == 1  # one row cannot be imported
    assert not (site / "services").exists()  # a dry run writes nothing
    out = dry.stdout
    assert "read as Windows-1252" in out
    assert "providers.csv row 3 (Café Club): create services/caf-club.yaml" in out
    assert "providers.csv row 8 (No Way To Reach): cannot import" in out
    assert "error: contact: has no phone number, e-mail address or web address" in out
    assert "https:// added to 'www.cafe-club.example.org'" in out
    assert "Dry run: nothing written" in dry.stderr
    wrote = run_cli("import", "csv", str(sheet), "--root", str(site), "--write")
    assert sorted(p.name for p in (site / "services").iterdir()) == ["caf-club.yaml", "little-ones.yaml",
                                                                    "swim-time.yaml"]
    assert "Wrote 3 file(s)" in wrote.stderr
    _check(site)
    import yaml

    cafe = yaml.safe_load((site / "services" / "caf-club.yaml").read_text("utf-8"))
    assert cafe["name"] == "Café Club" and cafe["contact"]["phone"] == "01632 960 100"
    assert cafe["hours"] == "Monday 10:00 - 12:00; Tuesday 10:00 - 12:00"  # the continuation row
    assert cafe["description"] == "A **friendly** group. Costs £2.\n"
    assert cafe["locations"] == [{"name": "Hall", "postcode": "ZX1 1AA"}]
    assert cafe["age_range"] == {"min": 0, "max": 25} and cafe["themes"] == ["leisure"]
    assert cafe["last_reviewed"] == today()
    little = yaml.safe_load((site / "services" / "little-ones.yaml").read_text("utf-8"))
    assert little["age_range"] == {"min": 0, "max": 4} and little["summary"] == "Songs and stories for babies."
    swim = yaml.safe_load((site / "services" / "swim-time.yaml").read_text("utf-8"))
    assert swim["age_range"] == {"min": 5, "max": 11} and swim["contact"]["phone"] == "01632 960 101"


def test_existing_files_are_kept_unless_forced(tmp_path):
    site = _bare_site(tmp_path / "site")
    sheet = tmp_path / "one.csv"
    sheet.write_text("name,contact_phone,themes,ages,description\r\n"
                     "Toy Library,01632 960 530,leisure,0-11,Borrow toys.\r\n", "utf-8")
    run_cli("import", "csv", str(sheet), "--root", str(site), "--write")
    path = site / "services" / "toy-library.yaml"
    again = run_cli("import", "csv", str(sheet), "--root", str(site))
    assert "unchanged services/toy-library.yaml" in again.stdout
    sheet.write_text(sheet.read_text().replace("Borrow toys.", "Borrow toys and games."), "utf-8")
    kept = run_cli("import", "csv", str(sheet), "--root", str(site), "--write")
    assert "change services/toy-library.yaml (summary, description changed): kept; add --force" in kept.stdout
    assert "Borrow toys.\n" in path.read_text()
    run_cli("import", "csv", str(sheet), "--root", str(site), "--write", "--force")
    assert "Borrow toys and games." in path.read_text()


def test_oruk_export_with_missing_optional_parts(tmp_path):
    site = _bare_site(tmp_path / "site")
    page = {"total_items": 2, "total_pages": 1, "page_number": 1, "size": 2, "first_page": True,
            "last_page": True, "empty": False, "contents": [
                {"id": "1", "name": "Bare Service", "status": "active", "url": "example.org/bare",
                 "minimum_age": -1, "maximum_age": -1},
                {"id": "2", "status": "active", "email": "a@example.org"}]}
    (tmp_path / "page.json").write_text(json.dumps(page))
    result = run_cli("import", "oruk", str(tmp_path / "page.json"), "--root", str(site), "--write")
    assert result.returncode == 1
    assert "page.json $.contents[1] ((no name)): cannot import" in result.stdout
    assert "page.json $.contents[0] (Bare Service): create services/bare-service.yaml" in result.stdout
    for warning in ("no ages given; set to 0 to 25", "the source has no description",
                    "set to the import date", "nothing mapped to a theme"):
        assert warning in result.stdout
    _check(site)


def test_bad_mapping_file_is_a_usage_error(tmp_path):
    site = _bare_site(tmp_path / "site")
    (tmp_path / "map.toml").write_text('[colums]\nname = ["Service"]\n')
    (tmp_path / "x.csv").write_text("Service\nA\n")
    result = run_cli("import", "csv", str(tmp_path / "x.csv"), "--root", str(site), "--mapping",
                     str(tmp_path / "map.toml"))
    assert result.returncode == 2 and "Did you mean 'columns'?" in result.stderr


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="real directory exports are read where they are, not shipped")
def test_real_directory_exports_import_and_pass_check(tmp_path):
    site = _bare_site(tmp_path / "site")
    for kind, name in (("oruk", "bristol-oruk3-services-page.json"), ("oruk", "northlincs-oruk1-services-list.json"),
                       ("oruk", "bucks-outpost-services-page.json"), ("oruk", "oruk3-uk-profile-example-service-full.json"),
                       ("csv", "towerhamlets-breakfast-clubs-dfe-data-capture-raw.csv"),
                       ("csv", "outpost-services-import-sample.csv")):
        result = run_cli("import", kind, str(SAMPLES / name), "--root", str(site), "--write")
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, name
    _check(site)
    assert len(list((site / "services").glob("*.yaml"))) > 90


def test_a_mapping_file_adds_columns_and_words_to_the_default(tmp_path):
    site = _bare_site(tmp_path / "site")
    (tmp_path / "map.toml").write_text('[columns]\nname = ["Club"]\n\n[themes]\n"breakfast" = "leisure"\n')
    (tmp_path / "x.csv").write_text("Club,Contact phone,Sub-category\nEarly Birds,01632 960 111,Breakfast\n")
    result = run_cli("import", "csv", str(tmp_path / "x.csv"), "--root", str(site), "--mapping",
                     str(tmp_path / "map.toml"), "--write")
    assert result.returncode == 0, result.stdout
    text = (site / "services" / "early-birds.yaml").read_text()
    assert "themes:\n  - leisure\n" in text and "phone: 01632 960 111" in text
