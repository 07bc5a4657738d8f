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


def test_assets_are_copied(tmp_path):
    css = tmp_path / "style.css"
    css.write_text("body{}")
    staging = write.new_staging(tmp_path / "site")
    write.copy_assets(staging, {"/assets/style.css": css})
    assert (staging / "assets/style.css").read_text() == "body{}"


def test_unchanged_files_are_linked_not_copied(tmp_path):
    out = tmp_path / "site"
    _old_site(out)
    staging = write.new_staging(out)
    write.link_unchanged(out, staging, ["index.html"])
    assert (staging / "index.html").stat().st_ino == (out / "index.html").stat().st_ino
