from pathlib import Path

import pytest

from localoffer_ssg import write
from localoffer_ssg.diagnostics import ContentError
from localoffer_ssg.render import Output


def _old_site(out: Path) -> None:
    out.mkdir(parents=True)
    (out / "index.html").write_text("old")


def test_publish_replaces_the_old_site_whole(tmp_path):
    out = tmp_path / "site"
    _old_site(out)
    staging = write.new_staging(out)
    written = write.write_outputs(staging, [Output("/", b"new"), Output("/a/", b"a")])
    assert written == ["index.html", "a/index.html"]
    assert (out / "index.html").read_text() == "old"  # untouched until published
    write.publish(staging, out)
    assert (out / "index.html").read_text() == "new" and (out / "a/index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folders left


def test_two_outputs_for_one_file_are_refused():
    with pytest.raises(ContentError) as exc:
        write.check_unique(["a/index.html", "b/index.html", "a/index.html"])
    assert "two pages would be written here" in str(exc.value.diagnostics[0])


def test_commit_replaces_changed_files_and_removes_gone_pages(tmp_path):
    out = tmp_path / "site"
    _old_site(out)
    for rel in ("keep/index.html", "gone/deep/index.html"):
        (out / rel).parent.mkdir(parents=True)
        (out / rel).write_text("old")
    staging = write.new_staging(out)
    written = write.write_outputs(staging, [Output("/", b"new"), Output("/added/", b"added")])
    write.commit(staging, out, written, ["gone/deep/index.html"])
    assert (out / "index.html").read_text() == "new" and (out / "added/index.html").read_text() == "added"
    assert (out / "keep/index.html").read_text() == "old"  # not staged, so untouched
    assert not (out / "gone").exists()  # the emptied folders go too


def test_replace_tree_swaps_a_folder(tmp_path):
    (tmp_path / "site/pagefind").mkdir(parents=True)
    (tmp_path / "site/pagefind/old.pf").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new/new.pf").write_text("new")
    write.replace_tree(tmp_path / "new", tmp_path / "site/pagefind")
    assert [p.name for p in (tmp_path / "site/pagefind").iterdir()] == ["new.pf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
