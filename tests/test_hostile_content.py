"""Hostile but valid content: well-known script-injection payloads (after OWASP's XSS filter
evasion cheat sheet) placed in every text field of a record and every position in Markdown are
built, and no output file, the search index included, carries anything a browser would run."""

from __future__ import annotations

import gzip
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from localoffer_ssg import links, pipeline
from localoffer_ssg.config import load_config
from localoffer_ssg.outputs import headers

REPO = Path(__file__).resolve().parent.parent
BASIC = REPO / "tests" / "sites" / "valid" / "basic"

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"><script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<body onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
    "</title><script>alert(1)</script>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "{{ 7*7 }}{% raw %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "`<script>alert(1)</script>`",
]


def _markdown(payload: str) -> str:
    """The payload in each place Markdown can put text: paragraph, heading, emphasis, link text
    and title, picture alt text, table cells, list, quote, code, and a reference link's title."""
    return (f"{payload}\n\n## {payload}\n\n*{payload}* and **{payload}**\n\n"
            f"[{payload}](/a-z/ \"{payload.replace(chr(34), '')}\") and [more][ref]\n\n"
            f"- {payload}\n\n> {payload}\n\n| {payload} | b |\n|:-:|--:|\n| {payload} | c |\n\n"
            f"    {payload}\n\n[ref]: /a-z/ '{payload.replace(chr(39), '')}'\n")


def _service(n: int, payload: str) -> dict:
    return {
        "name": f"Club {n} {payload}"[:120], "summary": payload, "description": _markdown(payload),
        "eligibility": _markdown(payload), "how_to_access": _markdown(payload), "organisation": payload,
        "themes": ["education"], "age_range": {"min": 5, "max": 18},
        "contact": {"name": payload, "website": "https://club.example.org/?q=%3Cscript%3E"},
        "cost": {"free": False, "details": payload}, "hours": payload, "languages": [payload],
        "keywords": [payload], "locations": [{"name": payload, "address": payload}],
        "last_reviewed": "2026-02-01",
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns(".cache", "_site"))
    for n, payload in enumerate(PAYLOADS):
        (root / "services" / f"hostile-{n}.yaml").write_text(yaml.safe_dump(_service(n, payload)), "utf-8")
        front = yaml.safe_dump({"title": f"Page {n} {payload}"[:150], "summary": payload})
        (root / "content" / f"hostile-{n}.md").write_text(f"---\n{front}---\n\n{_markdown(payload)}", "utf-8")
    out = root / "_site"
    result = pipeline.build(pipeline.Options(root=root, out=out, today=pipeline.today(), cache=False))
    assert not [d for d in result.diagnostics if d.level == "error"]
    return root, out


_BANNED_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "style"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}


class _Scan(HTMLParser):
    def __init__(self, base_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_path, self.problems, self.policy = base_path, [], ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _BANNED_TAGS or tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = values.get("content") or ""
        if tag == "script" and not (values.get("src") or "").startswith(self.base_path + "assets/"):
            self.problems.append(f"<script {values}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "style"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            empty_icon = tag == "link" and values.get("rel") == "icon" and value == "data:,"  # the layout's own
            if name in _URL_ATTRS and value and not links.is_safe(value) and not empty_icon:
                self.problems.append(f"<{tag} {name}={value!r}>")


def test_no_page_carries_anything_that_runs(hostile_site):
    root, out = hostile_site
    config = load_config(root)
    pages = sorted(p for p in out.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 2 * len(PAYLOADS)
    for page in pages:
        scan = _Scan(config.base_path)
        scan.feed(page.read_text("utf-8"))
        assert scan.problems == [], page.relative_to(out)
        assert "script-src 'self'" in scan.policy and "unsafe-inline" not in scan.policy, page
    shown = (out / "services" / "hostile-0" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown  # shown as text, as written


def _fragments(out: Path):
    for file in sorted((out / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(file.read_bytes())
        yield json.loads(data[data.index(b"{"):])


def test_the_search_index_holds_no_dangerous_address(hostile_site):
    _, out = hostile_site
    fragments = list(_fragments(out))
    assert fragments
    for fragment in fragments:
        assert links.is_safe(fragment["url"]), fragment["url"]
        for key, value in fragment.get("meta", {}).items():
            assert key in ("title", "image", "image_alt", "kind", "summary", "theme", "themes", "ages", "area",
                           "areas", "type", "easy_read", "language") or not key.startswith("on"), key
            if key == "image":
                assert links.is_safe(value), value


def test_headers_file_and_readme_give_the_same_policy(hostile_site):
    root, out = hostile_site
    text = (out / "_headers").read_text("utf-8")
    policy = headers.policy(load_config(root), header=True)
    assert f"  Content-Security-Policy: {policy}\n" in text
    assert "  X-Content-Type-Options: nosniff\n" in text
    readme = (REPO / "README.md").read_text("utf-8")
    default = headers.policy(load_config(REPO), header=True)
    assert f'add_header Content-Security-Policy "{default}" always;' in readme
    assert f'Header always set Content-Security-Policy "{default}"' in readme
