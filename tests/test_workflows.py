"""The GitHub workflows: valid against GitHub's schema (offline), every action pinned to a full
commit with its version named, least privilege, and every command they run explained in the README."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
OURS = ("check.yml", "deploy.yml", "review.yml")


def _load(name: str) -> dict:
    return yaml.load((WORKFLOWS / name).read_text(), Loader=yaml.BaseLoader)  # 'on' stays a string


def _steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_validate_against_the_github_workflow_schema():
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    done = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows",
                           *[str(WORKFLOWS / name) for name in OURS]], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", OURS)
def test_every_action_is_pinned_to_a_full_commit_with_its_version_in_a_comment(name):
    uses = [line for line in (WORKFLOWS / name).read_text().splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("name", OURS)
def test_permissions_are_declared_and_least_privilege(name):
    flow = _load(name)
    granted = {k: v for k, v in flow["permissions"].items() if v == "write"}
    expected = {"check.yml": {}, "deploy.yml": {"pages": "write", "id-token": "write"},
                "review.yml": {"issues": "write"}}[name]
    assert granted == expected and flow["permissions"]["contents"] == "read"
    for step in _steps(flow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_are_checked_built_reported_and_the_site_uploaded():
    flow = _load("check.yml")
    assert "pull_request" in flow["on"]
    runs = [s.get("run", "") for s in _steps(flow)]
    assert "python3 build.py check --format github" in runs
    assert any(r.startswith("python3 build.py report --format markdown >> \"$GITHUB_STEP_SUMMARY\"") for r in runs)
    build = next(r for r in runs if r.startswith("python3 build.py build"))
    upload = next(s for s in _steps(flow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == build.split("--out ")[1]
    checkout = next(s for s in _steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == "0"


def test_the_monthly_reminder_opens_or_updates_one_issue_with_the_built_in_token():
    flow = _load("review.yml")
    assert "schedule" in flow["on"] and "workflow_dispatch" in flow["on"]
    assert re.fullmatch(r"\d+ \d+ 1 \* \*", flow["on"]["schedule"][0]["cron"])  # once a month
    text = (WORKFLOWS / "review.yml").read_text()
    assert "secrets." not in text  # only the GITHUB_TOKEN github-script is given
    script = next(s for s in _steps(flow) if "github-script" in s.get("uses", ""))["with"]["script"]
    assert '"Records due for review"' in script and "issues.update" in script and "issues.create" in script
    assert "python3 build.py report --reviews --format markdown > review-report.md" in [s.get("run") for s in
                                                                                         _steps(flow)]


@pytest.mark.parametrize("name", OURS)
def test_every_command_the_workflows_run_is_in_the_readme(name):
    readme = (REPO / "README.md").read_text()
    for step in _steps(_load(name)):
        for command in filter(None, step.get("run", "").splitlines()):
            assert command.strip() in readme, f"{name}: `{command}` is not in the README"
