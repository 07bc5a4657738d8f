"""The README's examples: copying one into the example site must add to it, not overwrite it."""

from __future__ import annotations

import json
import os
import re
import shutil

import yaml

from tests.conftest import REPO, run_cli, service_records

SITE_PARTS = ("site.toml", "content", "services", "layouts", "glossary.yaml", "synonyms.yaml",
              "you-said-we-did.yaml")


def _service_example() -> tuple[str, str]:
    """The id (from `services/<id>.yaml`) and the YAML of the README's 'Add a service' example."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add a service", 1)[1].split("\n## ", 1)[0]
    ids = set(re.findall(r"`services/([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml`", section))
    assert len(ids) == 1, f"the section should name one example file services/<id>.yaml, found {ids}"
    return ids.pop(), re.findall(r"```yaml\n(.*?)```", section, re.S)[0]


def test_add_a_service_example_uses_an_id_and_name_no_service_has():
    service_id, text = _service_example()
    name = yaml.safe_load(text)["name"]
    assert not (REPO / "services" / f"{service_id}.yaml").exists(), \
        f"copying the example to services/{service_id}.yaml would overwrite a service"
    taken = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"].casefold(): p.name
             for p in service_records(REPO)}
    assert name.casefold() not in taken, f"the example's name {name!r} is already {taken.get(name.casefold())}"


def test_add_a_service_example_checks_clean_in_the_example_site(tmp_path):
    service_id, text = _service_example()
    for part in SITE_PARTS:
        src = REPO / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / part)
    (tmp_path / "services" / f"{service_id}.yaml").write_text(text, encoding="utf-8")
    env = os.environ | {"SOURCE_DATE_EPOCH": "1780272000"}  # 2026-06-01, just after its last_reviewed
    done = run_cli("check", "--root", str(tmp_path), "--format", "json", env=env)
    own = [d for d in json.loads(done.stdout) if d["path"] == f"services/{service_id}.yaml"]
    assert own == [], own
