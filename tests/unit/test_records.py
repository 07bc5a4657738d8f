"""Service files through load -> validate -> model, alone or across processes, and reused."""

import os
import shutil

from localoffer_ssg import load, pipeline, records
from localoffer_ssg.config import load_config

from ..conftest import REPO, SITES


def _context(root):
    config = load_config(root)
    return pipeline._context(config, load.load_site_files(root), search=True)


def test_across_processes_gives_what_one_process_gives(monkeypatch):
    files, _ = load.scan_services(REPO)
    context = _context(REPO)
    serial = records.process(files, context)
    monkeypatch.setattr(records, "PARALLEL_FILES", 1)
    parallel = records.process(files, context)
    assert len(parallel) == len(files) > 50
    assert [(e.digest, e.facts, e.listing, s) for e, s in parallel] == \
        [(e.digest, e.facts, e.listing, s) for e, s in serial]


def _copy(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    return root


def _settle(root):
    """Date every file well in the past, as files are when a later build runs."""
    for path in (root / "services").iterdir():
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))


def test_unchanged_files_are_not_read_again_and_edited_ones_are(tmp_path):
    root = _copy(tmp_path)
    _settle(root)
    files, _ = load.scan_services(root)
    first = records.update(files, {}, _context(root))
    assert set(first.services) == {e.listing.id for e in first.entries.values() if e.listing}
    again = records.update(files, first.entries, _context(root))
    assert again.services == {} and again.entries == first.entries  # nothing read
    path = root / "services" / "speech-therapy.yaml"
    path.write_text(path.read_text().replace("name: ", "name: New ", 1))
    edited = records.update(files, first.entries, _context(root))
    assert list(edited.services) == ["speech-therapy"]
    assert edited.services["speech-therapy"].name.startswith("New ")


def test_a_file_saved_in_the_moment_it_was_read_is_read_again(tmp_path):
    root = _copy(tmp_path)
    for path in (root / "services").iterdir():
        os.utime(path)  # written just now: a save in the same moment could share the timestamp
    files, _ = load.scan_services(root)
    first = records.update(files, {}, _context(root))
    again = records.update(files, first.entries, _context(root))
    assert set(again.services) == set(first.services)
