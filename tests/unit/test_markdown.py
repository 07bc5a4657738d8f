"""Data-driven Markdown cases: each case in markdown_cases.txt is input, then expected HTML."""

from pathlib import Path

import pytest

from localoffer_ssg import markdown

CASES_FILE = Path(__file__).with_name("markdown_cases.txt")


def _cases():
    for block in CASES_FILE.read_text().split("\n=== ")[1:]:
        head, rest = block.split("\n", 1)
        name, _, options = head.partition(" ")
        source, expected = rest.split("\n---\n", 1)
        opts = dict(o.split("=") for o in options.split()) if options else {}
        yield pytest.param(source + "\n", expected.rstrip("\n") + "\n", opts, id=name)


@pytest.mark.parametrize("source, expected, opts", list(_cases()))
def test_rendering(source, expected, opts):
    html = markdown.to_html(source, opts.get("base", "/"), int(opts.get("shift", 0)), "pictures" in opts)
    assert html == expected


def test_links_report_their_line():
    text = "First paragraph.\n\nSecond with a [link](/a/)\nand [another](/b/) here.\n"
    assert [(link.href, link.line) for link in markdown.links(text)] == [("/a/", 2), ("/b/", 3)]


def test_images_are_listed_with_alt_text():
    (image,) = markdown.links("![A bus](/static/bus.svg)\n")
    assert (image.kind, image.text) == ("image", "A bus")
