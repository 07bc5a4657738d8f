"""Other languages: catalogs complete, lang and dir right, hreflang reciprocal, the language switch
only offers pages that exist, stale and orphaned translations reported."""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from localoffer_ssg import i18n, pipeline
from localoffer_ssg.diagnostics import ContentError

from .conftest import REPO, build

SHIPPED = ("pl", "ur")
DIRS = {"pl": "ltr", "ur": "rtl"}
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
BASE = "https://localoffer.exampleshire.example.org/"


@pytest.mark.parametrize("code", SHIPPED)
def test_catalog_translates_every_interface_string(code):
    missing = i18n.untranslated(code)
    assert missing == [], f"untranslated in {code}: {missing}"


def _pages(out: Path) -> dict[str, str]:
    return {"/" + p.relative_to(out).as_posix().removesuffix("index.html"): p.read_text("utf-8")
            for p in out.rglob("*.html") if "pagefind" not in p.parts}


@pytest.fixture(scope="module")
def pages(example_site) -> dict[str, str]:
    return _pages(example_site)


def test_each_language_has_its_home_lists_search_and_translations(pages):
    for code in SHIPPED:
        for path in ("", "a-z/", "search/", "themes/health/", "ages/0-4/", "what-is-the-local-offer/",
                     "ehc-plans/needs-assessment/", "your-language/", "services/exampleshire-sendiass/"):
            assert f"/{code}/{path}" in pages, f"/{code}/{path} is missing"
    assert "/pl/short-breaks/" not in pages  # not translated: English only


def test_translated_pages_say_their_language_and_direction(pages):
    for path, html in pages.items():
        code = path.split("/")[1]
        if code in SHIPPED:
            dir_attr = ' dir="rtl"' if DIRS[code] == "rtl" else ""
            assert f'<html lang="{code}"{dir_attr}>' in html, path
        else:
            assert '<html lang="en-GB">' in html, path


def test_hreflang_pairs_are_reciprocal_across_the_site(pages):
    checked = 0
    for path, html in pages.items():
        links = dict(ALTERNATE.findall(html))
        if not links:
            continue
        assert links.pop("x-default") == links["en-GB"], path
        assert BASE + path.lstrip("/") in links.values(), f"{path} does not list itself"
        for code, href in links.items():
            other = "/" + href.removeprefix(BASE)
            assert other in pages, f"{path} names {href}, which does not exist"
            assert dict(ALTERNATE.findall(pages[other])) == {**links, "x-default": links["en-GB"]}, \
                f"{other} does not list the same versions as {path}"
            checked += 1
    assert checked > 100


def test_language_switch_links_only_to_pages_that_exist(pages):
    switch = re.compile(r'<nav class="wrap langs"[^>]*>(.*?)</nav>', re.S)
    for path, html in pages.items():
        found = switch.search(html)
        if not found:
            continue
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="[^"]+" lang="([^"]+)">', found[1]):
            assert href in pages, f"the switch on {path} links to {href}, which does not exist"
        assert found[1].count("<li>") >= 2


def test_untranslated_service_is_listed_in_english_and_marked(pages):
    html = pages["/pl/a-z/"]
    assert '<a href="/services/ashgrove-school/" lang="en">' in html  # no Polish version
    assert '<a href="/pl/services/exampleshire-sendiass/">Exampleshire SENDIASS (porady' in html
    assert "Usługi od A do Z" in html and "(po angielsku)" in html


def test_service_translation_keeps_the_english_facts(pages):
    english, polish = pages["/services/exampleshire-sendiass/"], pages["/pl/services/exampleshire-sendiass/"]
    phones = re.compile(r'href="tel:[^"]+"')
    assert phones.findall(english) == phones.findall(polish) != []
    assert "Bezpłatne, bezstronne i poufne porady" in polish


def test_footer_links_to_information_in_your_language(pages):
    assert '<a href="/your-language/">Information in your language</a>' in pages["/a-z/"]
    assert '<a href="/pl/your-language/">Informacje w Twoim języku</a>' in pages["/pl/a-z/"]


def test_plural_ages_follow_polish_rules(pages):
    assert "lat" in pages["/pl/ages/0-4/"]


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name in ("content", "services", "layouts", "locale"):
        shutil.copytree(REPO / name, root / name)
    for name in ("site.toml", "synonyms.yaml", "glossary.yaml", "you-said-we-did.yaml"):
        shutil.copy(REPO / name, root / name)
    return root


def _git(root: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_stale_translation_warns_with_file_and_line(tmp_path):
    root = _site(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "all", when="2025-01-10T12:00:00")
    source = root / "content" / "what-is-the-local-offer.md"
    source.write_text(source.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    _git(root, "commit", "-q", "-am", "source edited", when="2025-03-01T12:00:00")
    result = build(root, tmp_path / "out", today=pipeline.today())
    stale = [d for d in result.diagnostics if d.kind == "stale-translation"]
    assert {d.path for d in stale} == {"content/what-is-the-local-offer.pl.md",
                                       "content/what-is-the-local-offer.ur.md"}
    assert all(d.line == 1 and "2025-03-01" in d.message for d in stale)


def test_stale_without_git_uses_translated_from(tmp_path):
    root = _site(tmp_path)
    page = root / "content" / "what-is-the-local-offer.pl.md"
    page.write_text(page.read_text("utf-8").replace("---\ntitle:", "---\ntranslated_from: 2020-01-01\ntitle:", 1),
                    "utf-8")
    result = build(root, tmp_path / "out", today=pipeline.today())
    stale = [d for d in result.diagnostics if d.kind == "stale-translation"]
    assert [(d.path, d.line) for d in stale] == [("content/what-is-the-local-offer.pl.md", 2)]


def test_translation_of_a_page_that_is_gone_is_an_error(tmp_path):
    root = _site(tmp_path)
    (root / "content" / "what-is-the-local-offer.md").rename(root / "content" / "about-the-local-offer.md")
    with pytest.raises(ContentError) as caught:
        build(root, tmp_path / "out", today=pipeline.today())
    assert any(d.path == "content/what-is-the-local-offer.pl.md" and "does not exist" in d.message
               for d in caught.value.diagnostics)


def test_service_translation_may_not_hold_facts(tmp_path):
    root = _site(tmp_path)
    extra = root / "services" / "exampleshire-sendiass.pl.yaml"
    extra.write_text(extra.read_text("utf-8") + "age_range:\n  min: 0\n  max: 30\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        build(root, tmp_path / "out", today=pipeline.today())
    assert any(d.path == extra.relative_to(root).as_posix() and d.field == "age_range"
               for d in caught.value.diagnostics)


def test_without_languages_nothing_changes(tmp_path):
    """No [[languages]]: no language folders, switch or hreflang, and the same pages as with the
    translations deleted."""
    root = _site(tmp_path)
    toml = (root / "site.toml").read_text("utf-8")
    (root / "site.toml").write_text(toml[:toml.index("# Other languages")], "utf-8")
    for path in [*root.glob("content/**/*.pl.md"), *root.glob("content/**/*.ur.md"),
                 *root.glob("services/*.pl.yaml"), *root.glob("services/*.ur.yaml")]:
        path.unlink()
    built = _pages(tmp_path / "out") if build(root, tmp_path / "out", today=pipeline.today()) else {}
    assert not any(p.startswith(("/pl/", "/ur/")) for p in built)
    assert not any("hreflang" in html or 'class="wrap langs"' in html or "dir=" in html.split("\n", 2)[1]
                   for html in built.values())


def test_sitemap_lists_every_version_of_each_page_as_the_page_does(example_site, pages):
    import xml.etree.ElementTree as ET
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(example_site / "sitemap.xml").getroot()  # well-formed, or this raises
    listed = {}
    for url in root.findall("s:url", ns):
        listed[url.find("s:loc", ns).text] = {link.get("hreflang"): link.get("href")
                                             for link in url.findall("x:link", ns)}
    for code in SHIPPED:
        assert BASE + f"{code}/what-is-the-local-offer/" in listed
    checked = 0
    for path, html in pages.items():
        if BASE + path.lstrip("/") not in listed:
            continue
        assert listed[BASE + path.lstrip("/")] == dict(ALTERNATE.findall(html)), path
        checked += bool(listed[BASE + path.lstrip("/")])
    assert checked > 100


# Which page in another language runs each script that has words, and where it reads them from.
SCRIPTS = {
    "site.js": ("/pl/services/exampleshire-sendiass/", "button[data-mylist-add]"),
    "listen.js": ("/pl/what-is-the-local-offer/", "script[src$='/listen.js']"),
    "feedback.js": ("/pl/feedback/", "script[src$='/feedback.js']"),
    "mylist-page.js": ("/pl/my-list/", "#my-list"),
    "near.js near-lib.js": ("/pl/themes/health/", "#near"),
    "search.js": ("/pl/search/", "#search-form"),
}
SELECTOR = re.compile(r"^(?:(\w+)\[(\w[\w-]*)(?:\$='([^']+)')?\]|#([\w-]+))$")


def _english_keys(script: str) -> set[str]:
    """The top-level keys of the English words a script has built in: Object.assign({...}, ...)."""
    text = (REPO / "layouts" / "static" / script).read_text("utf-8")
    if "Object.assign({" not in text:  # a script with a word or two: said.key || "English"
        return set(re.findall(r"said\.(\w+) \|\|", text))
    start = text.index("Object.assign({") + len("Object.assign(")
    depth, keys, i = 0, set(), start
    while True:
        c = text[i]
        if c in "\"'":  # skip strings, which may hold braces and colons
            i = text.index(c, i + 1)
            while text[i - 1] == "\\":
                i = text.index(c, i + 1)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return keys
        elif depth == 1 and (m := re.match(r"[{,]\s*(\w+)\s*:", text[i - 1:])) and text[i - 1] in "{,":
            keys.add(m.group(1))
        i += 1


def _words_at(html: str, selector: str) -> dict:
    tag, attr, ends, ident = SELECTOR.match(selector).groups()
    if ident:
        pattern = rf'<\w+ [^>]*id="{ident}"[^>]*>'
    elif ends:
        pattern = rf'<{tag} [^>]*{attr}="[^"]*{re.escape(ends)}"[^>]*>'
    else:
        pattern = rf'<{tag} [^>]*{attr}[=\s>][^>]*>'
    element = re.search(pattern, html)
    assert element, f"no {selector}"
    words = re.search(r"data-i18n='([^']*)'", element.group(0))
    assert words, f"{selector} has no data-i18n"
    return json.loads(html_lib.unescape(words.group(1)))


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_gets_all_its_words_in_the_pages_language(pages, script):
    path, selector = SCRIPTS[script]
    words = _words_at(pages[path], selector)
    assert set(words) == set().union(*map(_english_keys, script.split())), f"{script} on {path}"
    english = {"Pause", "Stop", "Contact", "Print my list", "Enter your feedback", "Nearest to {place}"}
    assert not english & {v for v in words.values() if isinstance(v, str)}, "left in English"
    counts = [v for v in words.values() if isinstance(v, dict) and "other" in v]
    assert all({"one", "few", "many"} <= set(forms) for forms in counts), "Polish counts need one, few and many"


def test_english_pages_carry_no_script_words(pages):
    assert not [path for path, html in pages.items()
                if "data-i18n" in html and not path.startswith(("/pl/", "/ur/"))]


def test_templates_have_no_words_outside_the_catalogs():
    """Every word a template shows goes through _() or ngettext(), so no page in another
    language has interface text left in English."""
    found = []
    for template in sorted((REPO / "layouts").glob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", template.read_text("utf-8"), flags=re.S)
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        shown = re.sub(r"<[^>]*>|&\w+;", " ", text)
        found += [f"{template.name}: {line.strip()}" for line in shown.splitlines() if re.search(r"[A-Za-z]{2}", line)]
        found += [f"{template.name}: {m.group(0)}" for m in re.finditer(
            r'\b(?:aria-label|alt|title|placeholder)="([^"{]*[A-Za-z]{2}[^"{]*)"', text)]
    assert found == []


class _Texts(HTMLParser):
    """The page's shown text, each piece with the language it is marked as."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str):
        super().__init__()
        self.stack: list[tuple[str, bool]] = [(lang, False)]
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            lang, hidden = self.stack[-1]
            attrs = dict(attrs)
            self.stack.append((attrs.get("lang") or lang, hidden or tag in ("script", "style") or "hidden" in attrs))

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        lang, hidden = self.stack[-1]
        if not hidden and data.strip():
            self.found.append((lang, " ".join(data.split())))


def test_words_a_translation_leaves_in_english_are_marked_as_english(pages):
    """A screen reader reads each part in its own language: what a service's translation does
    not cover, and the English names of its organisation and access facts, are lang="en"."""
    import yaml
    checked = 0
    for path in sorted(REPO.glob("services/*.pl.yaml")):
        sid = path.name.split(".")[0]
        english = yaml.safe_load((REPO / "services" / f"{sid}.yaml").read_text("utf-8"))
        translated = yaml.safe_load(path.read_text("utf-8"))
        parser = _Texts("pl")
        parser.feed(pages[f"/pl/services/{sid}/"])
        left = [english[f] for f in ("summary", "description", "eligibility", "how_to_access", "hours")
                if english.get(f) and f not in translated]
        left += [item for loc in english.get("locations") or () for item in loc.get("accessibility") or ()]
        for text in left:  # its first words, up to any Markdown that would split them in the page
            start = " ".join(next(p for p in re.split(r"[*_#>`\[\]]+", text) if p.strip()).split()[:4])
            where = {lang for lang, shown in parser.found if start in shown}
            assert where and all(lang.startswith("en") for lang in where), f"{sid}: {start!r} shown as {where}"
            checked += 1
    assert checked > 5


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_catalogs_use_only_the_placeholders_of_their_english(code):
    from localoffer_ssg import catalogs
    assert catalogs.check_file(i18n.LOCALE / code / "LC_MESSAGES" / "messages.po", code) == []


def test_a_site_catalog_no_language_uses_is_reported(tmp_path):
    from localoffer_ssg import catalogs
    from localoffer_ssg.config import load_config
    root = _site(tmp_path)
    (root / "locale" / "de.po").write_text('msgid "Home"\nmsgstr "Startseite"\n', "utf-8")
    found = [d for d in catalogs.check(load_config(root)) if d.path == "locale/de.po"]
    assert [d.level for d in found] == ["warning"] and "code = \"de\"" in found[0].message
