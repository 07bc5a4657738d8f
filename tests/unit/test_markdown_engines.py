"""The Rust accelerator is used only because it renders exactly what markdown-it-py renders."""

from pathlib import Path

import pytest
import yaml

from localoffer_ssg import markdown

REPO = Path(__file__).resolve().parents[2]
FIELDS = ("description", "eligibility", "how_to_access", "easy_read")


def _texts():
    roots = [REPO, *(p for p in (REPO / "tests" / "sites").glob("*/*") if p.is_dir())]
    for root in roots:
        for path in sorted(root.glob("services/*.yaml")):
            try:
                data = yaml.safe_load(path.read_text("utf-8"))
            except Exception:  # invalid fixtures are allowed to be unreadable
                continue
            if isinstance(data, dict):
                yield from (v for k, v in data.items() if k in FIELDS and isinstance(v, str))
        for path in sorted(root.glob("content/**/*.md")):
            parts = path.read_text("utf-8", errors="replace").split("---", 2)
            yield parts[2] if len(parts) == 3 else parts[0]
    cases = (REPO / "tests" / "unit" / "markdown_cases.txt").read_text().split("\n=== ")[1:]
    yield from (case.split("\n", 1)[1].split("\n---\n")[0] + "\n" for case in cases)


def test_rust_renders_exactly_what_python_renders(monkeypatch):
    rust = markdown._rust()
    if rust is None:
        pytest.fail("markdown-it-pyrs is a dependency: install it with `bash install.sh`")
    texts = list(_texts())
    assert len(texts) > 150
    for text in texts:
        for base, shift in (("/", 0), ("/sub/path/", 2)):
            fast = markdown.to_html(text, base, shift)
            markdown._rust.cache_clear()
            monkeypatch.setenv("LOCALOFFER_MARKDOWN", "python")
            slow = markdown.to_html(text, base, shift)
            monkeypatch.delenv("LOCALOFFER_MARKDOWN")
            markdown._rust.cache_clear()
            assert fast == slow, text


def test_rust_finds_the_same_links(monkeypatch):
    if markdown._rust() is None:
        pytest.fail("markdown-it-pyrs is a dependency: install it with `bash install.sh`")
    texts = [t for t in _texts() if "](" in t]
    assert len(texts) > 20
    for text in texts:
        fast = [(link.href, link.line, link.kind) for link in markdown.links(text)]
        markdown._rust.cache_clear()
        monkeypatch.setenv("LOCALOFFER_MARKDOWN", "python")
        slow = [(link.href, link.line, link.kind) for link in markdown.links(text)]
        monkeypatch.delenv("LOCALOFFER_MARKDOWN")
        markdown._rust.cache_clear()
        assert fast == slow, text


def test_a_panic_in_the_rust_engine_falls_back_to_the_reference(monkeypatch):
    """markdown-it-pyrs panics on some texts; the page is then made by markdown-it-py."""
    class PanicException(BaseException):  # the name pyo3 gives a Rust panic
        pass

    class Panicking:
        def render(self, text):
            raise PanicException("index out of bounds")

        tree = render

    monkeypatch.setattr(markdown, "_rust", lambda: Panicking())
    assert markdown.to_html("See [the form](/feedback/).") == '<p>See <a href="/feedback/">the form</a>.</p>\n'
    assert [link.href for link in markdown.links("See [the form](/feedback/).")] == ["/feedback/"]
