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
    staging, pages = write.stage([Output("/", b"new"), Output("/a/", b"a")], {}, out)
    assert (out / "index.html").read_text() == "old"  # untouched until published
    write.publish(staging, out)
    assert pages == 2 and (out / "index.html").read_text() == "new" and (out / "a/index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folders left


def test_failure_while_rendering_leaves_the_old_site_and_no_litter(tmp_path):
    out = tmp_path / "site"
    _old_site(out)

    def outputs():
        yield Output("/", b"new")
        raise RuntimeError("template blew up")

    with pytest.raises(RuntimeError):
        write.stage(outputs(), {}, out)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_two_outputs_for_one_file_are_refused(tmp_path):
    with pytest.raises(ContentError) as exc:
        write.stage([Output("/a/", b"1"), Output("/a/", b"2")], {}, tmp_path / "site")
    assert "two pages would be written here" in str(exc.value.diagnostics[0])


def test_assets_are_copied(tmp_path):
    css = tmp_path / "style.css"
    css.write_text("body{}")
    staging, _ = write.stage([], {"/assets/style.css": css}, tmp_path / "site")
    assert (staging / "assets/style.css").read_text() == "body{}"
