from localoffer_ssg import links


def _site(tmp_path, files):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_working_links_under_a_sub_path(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="/lo/a/#x">a</a><link href="/lo/s.css">',
                            "a/index.html": '<h2 id="x">X</h2><a href="../">up</a>', "s.css": ""})
    assert links.broken(site, "/lo/") == []


def test_missing_page_fragment_and_outside_base_are_reported(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="/lo/nope/">1</a><a href="/lo/#gone">2</a>'
                                          '<a href="/other/">3</a><a href="https://x.org/">4</a>'})
    problems = [m for _, m in links.broken(site, "/lo/")]
    assert problems == ["'/lo/nope/' does not exist", "'/lo/#gone' points at a missing #gone",
                        "'/other/' is outside the site's base path /lo/"]
