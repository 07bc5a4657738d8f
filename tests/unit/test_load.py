import pytest

from localoffer_ssg.load import load_sources, page_url


@pytest.mark.parametrize("parts, url, easy", [
    (("index.md",), "/", False),
    (("index.easy.md",), "/easy-read/", True),
    (("short-breaks.md",), "/short-breaks/", False),
    (("short-breaks.easy.md",), "/short-breaks/easy-read/", True),
    (("ehc-plans", "index.md"), "/ehc-plans/", False),
    (("ehc-plans", "annual-reviews.md"), "/ehc-plans/annual-reviews/", False),
])
def test_content_paths_map_to_site_paths(parts, url, easy):
    assert page_url(parts) == (url, easy)


def _write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_page_body_line_counts_front_matter(tmp_path):
    _write(tmp_path, "content/a.md", "---\ntitle: A\nsummary: S\n---\nBody\n")
    (page,) = load_sources(tmp_path).pages
    assert page.body_line == 5 and page.body == "Body\n"
    assert page.source.value_pos(("summary",)).line == 3


def test_front_matter_missing_is_reported(tmp_path):
    _write(tmp_path, "content/a.md", "# Title\n")
    sources = load_sources(tmp_path)
    assert sources.pages == [] and "no front matter" in sources.diagnostics[0].message


def test_service_id_comes_from_file_name(tmp_path):
    _write(tmp_path, "services/play-club.yaml", "name: x\n")
    assert [s.id for s in load_sources(tmp_path).services] == ["play-club"]


@pytest.mark.parametrize("name, message", [("Play_Club.yaml", "file name must be lowercase"),
                                           ("play.yml", "rename to play.yaml")])
def test_bad_service_file_names(tmp_path, name, message):
    _write(tmp_path, f"services/{name}", "name: x\n")
    sources = load_sources(tmp_path)
    assert sources.services == [] and message in sources.diagnostics[0].message


def test_non_utf8_file_is_reported_not_crashed(tmp_path):
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "a.yaml").write_bytes(b"name: caf\xe9\n")
    assert "not UTF-8" in load_sources(tmp_path).diagnostics[0].message
