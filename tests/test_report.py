"""The editors' report: review dates at their boundaries, with contacts; missing fields; thin
coverage; link faults; three formats; exit 0 unless the content has errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest

from localoffer_ssg import report

from .conftest import SITES, run_cli

TODAY = dt.date(2026, 6, 1)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}  # 2026-06-01
RECORD = """name: {name}
summary: A club.
description: Games for everyone, at home or online.
themes: [health]
age_range: {{min: 16, max: 25}}
contact: {{name: Club desk, phone: 01632 960 0{n:02d}, email: club{n}@exampleshire.example.org}}
eligibility: Anyone.
how_to_access: Ring us.
cost: {{free: true}}
hours: Saturdays.
last_reviewed: {reviewed}
"""
# Reviewed dates whose review (12 months on) falls yesterday, today, tomorrow, in 30 and in 31 days.
BOUNDARIES = {"yesterday": "2025-05-31", "today": "2025-06-01", "tomorrow": "2025-06-02",
              "in-30-days": "2025-07-01", "in-31-days": "2025-07-02"}


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root, ignore=shutil.ignore_patterns(".cache", "_site"))
    for n, (name, day) in enumerate(BOUNDARIES.items(), 20):
        (root / "services" / f"due-{name}.yaml").write_text(RECORD.format(name=f"Due {name}", n=n, reviewed=day))
    return root


def test_reviews_due_at_each_boundary_with_the_contact_to_chase(site):
    found, _ = report.make(site, TODAY)
    overdue = [d.path for d in found.overdue]
    soon = [d.path for d in found.due_soon]
    assert "services/due-yesterday.yaml" in overdue
    assert soon == ["services/due-today.yaml", "services/due-tomorrow.yaml", "services/due-in-30-days.yaml"]
    assert "services/due-in-31-days.yaml" not in overdue + soon
    today = found.due_soon[0]
    assert today.review_due == "2026-06-01" and today.last_reviewed == "2025-06-01"
    assert today.contact == "Club desk, 01632 960 021, club21@exampleshire.example.org"


def test_missing_recommended_fields_and_a_note_for_services_without_a_place(site):
    found, _ = report.make(site, TODAY)
    missing = {m.path: m.fields for m in found.missing}
    assert missing["services/after-school-club.yaml"] == ("eligibility", "how_to_access", "locations", "hours")
    assert "services/due-today.yaml" not in missing  # no locations, but says it is delivered at home or online
    path = site / "services" / "due-today.yaml"
    path.write_text(path.read_text().replace(", at home or online", "").replace("hours: Saturdays.\n", ""))
    missing = {m.path: m.fields for m in report.make(site, TODAY)[0].missing}
    assert missing["services/due-today.yaml"] == ("locations", "hours")


def test_thin_topics_themes_and_ages_and_the_theme_by_age_table(site):
    found, _ = report.make(site, TODAY)
    assert found.grid["Health"] == {"0-4": 1, "5-10": 1, "11-15": 1, "16-25": 5}  # speech therapy, and the five above
    assert found.grid["Education"]["0-4"] == 0
    assert "travel" in [t.key for t in found.topics]
    assert [t.key for t in found.themes] == ["education"]  # one service
    assert "0-4" in [b.key for b in found.bands]
    text = run_cli("report", "--root", str(site), env=ENV).stdout
    assert "Services per theme and age band" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("Health"))
    assert row.split() == ["Health", "1", "1", "1", "5"]


def test_formats_markdown_for_a_job_summary_json_for_machines_and_exit_0(site):
    md = run_cli("report", "--root", str(site), "--format", "markdown", env=ENV)
    assert md.returncode == 0, md.stderr
    assert "### Due for review in the next 30 days (3)" in md.stdout
    assert "| Due today (`services/due-today.yaml`) | 2025-06-01 | 2026-06-01 | Club desk, 01632 960 021, " \
        "club21@exampleshire.example.org |" in md.stdout
    assert "| Theme | 0-4 | 5-10 | 11-15 | 16-25 |" in md.stdout
    data = json.loads(run_cli("report", "--root", str(site), "--format", "json", env=ENV).stdout)
    assert [d["path"] for d in data["due_soon"]][0] == "services/due-today.yaml" and data["today"] == "2026-06-01"
    reviews = run_cli("report", "--root", str(site), "--reviews", "--format", "markdown", env=ENV).stdout
    assert "Due tomorrow" in reviews and "Services per theme" not in reviews


def test_link_faults_are_listed_and_content_errors_exit_1(site):
    page = site / "content" / "guides" / "therapies.md"
    page.write_text(page.read_text() + "\nSee [the gone page](/no-such-page/).\n")
    done = run_cli("report", "--root", str(site), env=ENV)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/guides/therapies.md:" in done.stdout and "link '/no-such-page/'" in done.stdout
    assert "Due for review in the next 30 days (3)" in done.stdout  # the rest is still reported
