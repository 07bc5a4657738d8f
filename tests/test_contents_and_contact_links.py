"""Built pages: long guides open with a contents list that works, and contact details can be tapped."""

import re
from html.parser import HTMLParser

import yaml

from .conftest import REPO


class _Outline(HTMLParser):
    """The contents list's (href, text) pairs and the page's h2 headings (id, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.contents: list[list[str]] = []
        self.headings: list[list[str]] = []
        self._nav = False
        self._into: list[str] | None = None  # the pair whose text is being read
        self._until = ""  # the end tag that finishes it

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "nav" and values.get("class") == "contents":
            self._nav = True
        elif self._into is None and ((tag == "a" and self._nav) or (tag == "h2" and not self._nav)):
            self._into, self._until = [values.get("href" if tag == "a" else "id") or "", ""], tag
            (self.contents if tag == "a" else self.headings).append(self._into)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav = False
        if tag == self._until:
            self._into, self._until = None, ""

    def handle_data(self, data):
        if self._into is not None:
            self._into[1] += data


def _outline(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


def test_a_long_guide_opens_with_a_contents_list_of_its_sections(example_site):
    source = (REPO / "content" / "health-services.md").read_text()
    titles = re.findall(r"^## (.+)$", source, re.M)
    assert len(titles) >= 4, "the example guide should stay long enough for a contents list"
    html = (example_site / "health-services" / "index.html").read_text()
    assert '<nav class="contents" aria-labelledby="contents-title"' in html
    assert html.index('<nav class="contents"') < html.index(f">{titles[0]}</h2>")
    outline = _outline(html)
    assert [text for _, text in outline.contents] == titles
    sections = {heading_id: text for heading_id, text in outline.headings}
    for href, text in outline.contents:
        assert href.startswith("#") and sections.get(href[1:]) == text, href
    assert "what-short-breaks-are" in (example_site / "short-breaks" / "index.html").read_text()


def test_every_guide_with_four_sections_has_one_and_easy_read_pages_have_none(example_site):
    for path in sorted((REPO / "content").rglob("*.md")):
        rel = path.relative_to(REPO / "content").with_suffix("")
        if rel.name == "index" or "." in rel.name:
            continue
        count = len(re.findall(r"^## ", path.read_text(), re.M))
        html = (example_site / rel / "index.html").read_text()
        assert ('<nav class="contents"' in html) == (count >= 4), rel
    assert '<nav class="contents"' not in (example_site / "short-breaks" / "easy-read" / "index.html").read_text()


def test_a_short_guide_has_no_contents_list(basic_site):
    html = (basic_site / "guides" / "therapies" / "index.html").read_text()
    assert '<h2 id="speech-therapy">Speech therapy</h2>' in html
    assert 'class="contents"' not in html


def test_phone_numbers_and_emails_in_text_can_be_tapped(example_site):
    description = yaml.safe_load((REPO / "services" / "exampleshire-camhs.yaml").read_text())["description"]
    assert "01632 960 356" in description, "the example service should still give a phone number"
    service = (example_site / "services" / "exampleshire-camhs" / "index.html").read_text()
    what = service[service.index('id="what"'):service.index('id="who"')]
    assert '<a href="tel:01632960356">01632 960 356</a>' in what
    easy = (example_site / "services" / "exampleshire-camhs" / "easy-read" / "index.html").read_text()
    assert '<a href="tel:01632960355">01632 960 355</a>' in easy
    guide = (example_site / "social-care" / "index.html").read_text()
    assert '<a href="mailto:childrensfrontdoor@exampleshire.example.org">' in guide
    assert '<a href="tel:01632960391">01632 960 391</a>' in guide
