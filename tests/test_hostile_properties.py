"""Property tests: random valid records always build; random damage to valid files (lines
deleted, types swapped, files cut short, control characters, any Unicode) gives located errors,
never a traceback; any text in Markdown comes out as text, never as markup that runs."""

from __future__ import annotations

import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localoffer_ssg import links, markdown, pipeline
from localoffer_ssg.diagnostics import ConfigError, ContentError

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "sites" / "invalid" / "link-to-file-on-computer"
FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_words = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
                 min_size=1, max_size=60).filter(lambda t: t.strip() and t == t.strip())


@pytest.fixture(scope="module")
def site():
    root = Path(tempfile.mkdtemp()) / "site"
    shutil.copytree(BASE, root)
    swim = root / "services" / "swim-club.yaml"
    swim.write_text(swim.read_text("utf-8").replace("  Read [our leaflet](file:///C:/Leaflets/swim-club.pdf) "
                                                    "before you come.\n", ""), "utf-8")
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)


def _check(root: Path):
    """Located diagnostics from `check`; any other exception fails the test."""
    try:
        return pipeline.check(pipeline.Options(root=root, today=pipeline.today()))[1]
    except (ContentError, ConfigError) as exc:
        return exc.diagnostics


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("iframe", "object", "embed", "style", "base", "frame") or tag == "script" and not values.get("src") \
                or tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "style") \
                    or name in ("href", "src") and tag != "link" and value and not links.is_safe(value):
                self.bad.append(f"{tag} {name}={value!r}")


@FEW
@given(name=_words, summary=_words, description=_words, low=st.integers(0, 25), span=st.integers(0, 25))
def test_random_valid_records_always_build(site, tmp_path_factory, name, summary, description, low, span):
    record = {"name": name[:120], "summary": summary[:300], "description": description, "themes": ["leisure"],
              "age_range": {"min": low, "max": min(25, low + span)}, "contact": {"phone": "01632 960 300"},
              "last_reviewed": "2026-01-15"}
    (site / "services" / "random.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    diags = _check(site)
    if any(d.level == "error" for d in diags):
        # The only faults random text may have: hidden characters, links it happened to spell
        assert all("hidden" in d.message or "link" in d.message for d in diags if d.level == "error"), diags
        return
    out = tmp_path_factory.mktemp("out") / "site"
    pipeline.build(pipeline.Options(root=site, out=out, search=False, cache=False, today=pipeline.today()))
    page = (out / "services" / "random" / "index.html").read_text("utf-8")
    scan = _Tags()
    scan.feed(page)
    assert scan.bad == []


def _damage(text: str, how: str, at: int, extra: str) -> str:
    lines = text.splitlines(True)
    where = at % max(1, len(lines))
    if how == "delete line":
        return "".join(lines[:where] + lines[where + 1:])
    if how == "truncate":
        return text[: at % max(1, len(text))]
    if how == "insert":
        cut = at % max(1, len(text))
        return text[:cut] + extra + text[cut:]
    if how == "swap type":  # a value becomes a list, a mapping or a number
        key, _, _ = lines[where].partition(":")
        return "".join(lines[:where] + [f"{key}: {extra!r}\n" if ":" in lines[where] else f"{key}: [1, {{a: 2}}]\n"]
                       + lines[where + 1:])
    return text


@FEW
@given(file=st.sampled_from(["services/swim-club.yaml", "services/play-club.yaml", "content/index.md"]),
       how=st.sampled_from(["delete line", "truncate", "insert", "swap type"]), at=st.integers(0, 10_000),
       extra=st.one_of(st.text(max_size=8), st.sampled_from(["\x00", "\x07", "\x1b[2J", "\u202e", "\t", ": ", "- ",
                                                           "&a", "*a", "{", "[", "---\n", "\ufeff"])))
def test_damaged_files_give_located_errors_never_a_traceback(site, file, how, at, extra):
    path = site / file
    original = path.read_bytes()
    try:
        path.write_text(_damage(original.decode("utf-8"), how, at, extra), "utf-8", errors="surrogatepass")
        for diag in _check(site):
            if diag.level == "error":
                assert diag.path and (diag.line > 0 or diag.path == "site.toml"), diag
                assert "Traceback" not in diag.message
    finally:
        path.write_bytes(original)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["<", "<script>", "](javascript:", "<img onerror=", "](", "&#", "%"]))
def test_any_markdown_comes_out_as_text(text, spice):
    text = spice + text + spice
    scan = _Tags()
    scan.feed(markdown.to_html(text))
    assert scan.bad == []
    flagged = [link.href for link in markdown.links(text)]
    scan.close()
    assert all(isinstance(h, str) for h in flagged)
