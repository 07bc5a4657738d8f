"""The command line as editors use it: exit codes, messages, and what gets written."""

import json
import os
import shutil

import pytest

from .conftest import SITES, run_cli

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}  # 2026-06-01


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    return root


def test_plain_build_writes_underscore_site_in_the_current_folder(site):
    done = run_cli("--no-search", cwd=site, env=ENV)
    assert done.returncode == 0, done.stderr
    pages = sum(1 for _ in (site / "_site").rglob("*.html"))
    assert (site / "_site/index.html").is_file() and f"Built {pages} pages into " in done.stderr


def test_check_writes_nothing(site):
    done = run_cli("check", "--root", str(site), env=ENV)
    assert done.returncode == 0 and done.stderr.splitlines()[-1] == "No errors found."
    assert not (site / "_site").exists()


def test_content_error_exits_1_without_traceback_and_keeps_last_good_site(site):
    assert run_cli("build", "--root", str(site), "--no-search", env=ENV).returncode == 0
    before = (site / "_site/services/speech-therapy/index.html").read_bytes()
    path = site / "services/speech-therapy.yaml"
    path.write_text(path.read_text().replace("max: 11", "max: 30"))
    done = run_cli("build", "--root", str(site), "--no-search", env=ENV)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "services/speech-therapy.yaml:9:26: error: age_range.max: must be at most 25 (got 30)" in done.stderr
    assert (site / "_site/services/speech-therapy/index.html").read_bytes() == before


@pytest.mark.parametrize("args", [["frobnicate"], ["build", "--bogus"], ["check", "--format", "xml"],
                                  ["serve", "--port", "eighty"]])
def test_usage_errors_exit_2_with_help(site, args):
    done = run_cli(*args, "--root", str(site), env=ENV)
    assert done.returncode == 2 and "usage:" in done.stderr and "Traceback" not in done.stderr


def test_configuration_error_exits_2(site):
    (site / "site.toml").write_text((site / "site.toml").read_text().replace("council =", "councl ="))
    done = run_cli("check", "--root", str(site), env=ENV)
    assert done.returncode == 2
    assert "site.toml:4:1: error: site.councl: unknown key. Did you mean 'council'?" in done.stderr


def test_missing_site_root_exits_2(tmp_path):
    done = run_cli("build", "--root", str(tmp_path / "nowhere"))
    assert done.returncode == 2 and "no site.toml here" in done.stderr


def test_out_folder_may_not_swallow_the_sources(site):
    done = run_cli("build", "--root", str(site), "--out", str(site), "--no-search", env=ENV)
    assert done.returncode == 2 and "would replace the site's own files" in done.stderr
    assert (site / "services/speech-therapy.yaml").is_file()


def test_json_and_github_formats(site):
    (site / "services/speech-therapy.yaml").write_text(
        (site / "services/speech-therapy.yaml").read_text().replace("[health]", "[helth]"))
    done = run_cli("check", "--root", str(site), "--format", "json", env=ENV)
    (problem,) = json.loads(done.stdout)
    assert done.returncode == 1
    assert (problem["path"], problem["line"], problem["field"]) == ("services/speech-therapy.yaml", 7, "themes[0]")
    done = run_cli("check", "--root", str(site), "--format", "github", env=ENV)
    assert done.stdout.startswith("::error file=services/speech-therapy.yaml,line=7,col=10,title=themes[0]::")


LATE = {**ENV, "SOURCE_DATE_EPOCH": "1830297600"}  # 2028-01-01: every record is overdue


def test_overdue_is_a_warning_even_when_strict_unless_fail_overdue(site):
    done = run_cli("check", "--root", str(site), "--strict", "--verbose", env=LATE)
    assert done.returncode == 0 and "warning: last_reviewed: overdue for review" in done.stderr
    done = run_cli("check", "--root", str(site), "--strict", "--fail-overdue", env=LATE)
    assert done.returncode == 1 and done.stderr.count("error: last_reviewed: overdue for review") == 4


def test_overdue_reviews_are_summed_up_in_one_line_and_listed_with_verbose(site):
    done = run_cli("check", "--root", str(site), env=LATE)
    assert done.returncode == 0 and "overdue for review" not in done.stderr
    assert done.stderr.splitlines() == [
        f"warning: 3 services and 1 page are past their review date: run `localoffer check --root {site} "
        "--verbose` to list them", "No errors found. 4 warnings."]
    for command in (["check"], ["build", "--no-search"]):
        done = run_cli(*command, "--root", str(site), "--verbose", env=LATE)
        assert done.returncode == 0 and done.stderr.count(": warning: last_reviewed: overdue for review") == 4
        assert "past their review date" not in done.stderr
    done = run_cli("check", "--root", str(site), "--format", "json", env=LATE)
    assert [d["kind"] for d in json.loads(done.stdout)] == ["overdue"] * 4  # machines get every record


@pytest.mark.parametrize("verbose", [[], ["--verbose"]], ids=["summary", "verbose"])
def test_errors_print_after_every_warning_with_the_tally_last(site, verbose):
    path = site / "services/after-school-club.yaml"  # sorts before two of the overdue records
    path.write_text(path.read_text().replace("max: 18", "max: 30"))
    done = run_cli("build", "--root", str(site), "--no-search", *verbose, env=LATE)
    lines = done.stderr.splitlines()
    error = "services/after-school-club.yaml:5:27: error: age_range.max: must be at most 25 (got 30)"
    assert done.returncode == 1 and error in lines
    warnings = [i for i, line in enumerate(lines) if line.startswith("warning: ") or ": warning: " in line]
    assert warnings and max(warnings) < lines.index(error) == len(lines) - 2
    assert lines[-1] == "1 error, 4 warnings. Build stopped: nothing was written."


def test_check_links_builds_to_a_temporary_folder(site):
    done = run_cli("check", "--root", str(site), "--links", env=ENV)
    assert done.returncode == 0, done.stderr
    assert not (site / "_site").exists()


def test_console_script_is_installed():
    assert shutil.which("localoffer"), "pip install -e . installs the `localoffer` command"


def test_broken_template_stops_the_build_with_its_line_and_keeps_the_last_good_site(site):
    assert run_cli("build", "--root", str(site), "--no-search", env=ENV).returncode == 0
    before = (site / "_site/themes/health/index.html").read_bytes()
    (site / "layouts/theme.html").write_text('{% extends "base.html" %}\n{% block main %}\n'
                                             "<h1>{{ theme.nmae.upper() }}</h1>\n{% endblock %}\n")
    done = run_cli("build", "--root", str(site), "--no-search", env=ENV)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "layouts/theme.html:3:1: error: template error:" in done.stderr
    assert (site / "_site/themes/health/index.html").read_bytes() == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith("._site")) == []


def test_control_characters_quoted_from_a_file_are_shown_not_sent_to_the_terminal(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    record = root / "services" / "speech-therapy.yaml"
    record.write_text(record.read_text().replace("[health]", '["\\e[2J\\u202eevil"]'))
    for fmt in ("text", "github"):
        done = run_cli("check", "--root", str(root), "--format", fmt)
        said = done.stdout + done.stderr
        assert done.returncode == 1 and "is not a theme" in said
        assert "\x1b" not in said and "\u202e" not in said and "U+001B[2J" in said, said
