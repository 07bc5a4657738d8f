"""A site that turns on no other language is built as it was before sites could have languages:
the same bytes, recorded in tests/data/basic-output.sha256, and nothing that names a language.

When a change to the English output is meant, record the new output and say why in the commit:
    python3 tests/test_no_languages.py
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: record the output
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import SITES, build  # noqa: E402

RECORDED = Path(__file__).parent / "data" / "basic-output.sha256"
LANGUAGE_MARKS = ("hreflang", "data-i18n", 'class="wrap langs"', "/pl/", 'dir="rtl"')


def _digests(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _copy(tmp: Path) -> Path:
    """The fixture outside the repository: no git dates, so the output depends on it alone."""
    root = tmp / "basic"
    shutil.copytree(SITES / "valid" / "basic", root)
    return root


def _recorded() -> dict[str, str]:
    lines = RECORDED.read_text("utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines if line)}


def _differences(got: dict[str, str], want: dict[str, str]) -> list[str]:
    return sorted(f"{'changed' if k in got and k in want else 'new' if k in got else 'missing'}: {k}"
                  for k in got.keys() | want.keys() if got.get(k) != want.get(k))


def test_a_site_without_languages_builds_the_recorded_bytes(tmp_path):
    root = _copy(tmp_path)
    build(root, tmp_path / "site")
    differences = _differences(_digests(tmp_path / "site"), _recorded())
    assert not differences, ("a site with no [[languages]] now builds other bytes:\n  " + "\n  ".join(differences)
                             + "\nIf that is meant, run `python3 tests/test_no_languages.py` and say why in the commit.")


def test_no_page_of_a_site_without_languages_names_a_language(basic_site):
    assert not (basic_site / "pl").exists() and not (basic_site / "ur").exists()
    for page in basic_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert re.search(r'<html lang="en(-[A-Z]+)?">', html), page  # English, left to right
        found = [mark for mark in LANGUAGE_MARKS if mark in html]
        assert not found, f"{page.relative_to(basic_site)} has {found}"


def test_turning_languages_off_again_gives_back_the_same_site(tmp_path):
    """A council that tries a language and drops it: the next build, from its cache, is as if it
    never had one."""
    root = _copy(tmp_path)
    out = tmp_path / "site"
    toml = root / "site.toml"
    plain = toml.read_text("utf-8")
    toml.write_text(plain + '\n[[languages]]\ncode = "pl"\nname = "Polski"\n', "utf-8")
    guide = root / "content" / "guides" / "therapies.pl.md"
    guide.write_text("---\ntitle: Terapie\n---\nTerapie dla dzieci.\n", "utf-8")
    build(root, out)
    assert (out / "pl" / "guides" / "therapies" / "index.html").is_file()
    toml.write_text(plain, "utf-8")
    guide.unlink()
    build(root, out)
    differences = _differences(_digests(out), _recorded())
    assert not differences, "after turning Polish off:\n  " + "\n  ".join(differences)


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        build(_copy(Path(tmp)), Path(tmp) / "site")
        RECORDED.write_text("".join(f"{digest}  {path}\n" for path, digest in _digests(Path(tmp) / "site").items()),
                            "utf-8")
    print(f"recorded {RECORDED}")
