"""Incremental builds give byte-for-byte the output of a clean build, after any edits."""

import filecmp
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localoffer_ssg import pipeline

from .conftest import SITES, TODAY, build

SERVICE = """name: {name}
summary: {summary}
description: |
  {description}
themes: [{theme}]
age_range: {{min: {low}, max: {high}}}
contact: {{phone: 01632 960 123}}
last_reviewed: 2026-03-01
"""
DEFAULT_LAYOUTS = Path(__file__).resolve().parents[1] / "layouts"
PROTECTED = "speech-therapy"  # a page links to it, so it must stay

words = st.sampled_from(["Play", "Swim", "Talk", "Sensory", "Music", "Art", "Youth", "Family"])
edits = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 9), words, st.integers(0, 12), st.sampled_from(["health", "education"])),
    st.tuples(st.just("edit"), st.integers(0, 9), words, st.integers(0, 12), st.sampled_from(["health", "education"])),
    st.tuples(st.just("remove"), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("close"), st.integers(0, 9)),
    st.tuples(st.just("page"), words),
    st.tuples(st.just("layout"), words),
    st.tuples(st.just("header"), words),
    st.tuples(st.just("easy"), st.integers(0, 9), words),
    st.tuples(st.just("glossary"), words),
    st.tuples(st.just("static"), words),
    st.tuples(st.just("config"), words),
    st.tuples(st.just("nothing")),
)


def _services(root: Path) -> list[Path]:
    return sorted(p for p in (root / "services").glob("*.yaml") if p.stem != PROTECTED)


def apply(root: Path, edit: tuple) -> None:
    kind, *args = edit
    services = _services(root)
    if kind in ("add", "edit"):
        number, word, low, theme = args
        target = root / "services" / f"{word.lower()}-club-{number}.yaml" if kind == "add" or not services \
            else services[number % len(services)]
        target.write_text(SERVICE.format(name=f"{word} Club {number}", summary=f"A {word.lower()} club.",
                                         description=f"{word} for everyone.", theme=theme, low=low, high=low + 5))
    elif kind == "remove" and services:
        services[args[0] % len(services)].unlink()
    elif kind == "rename" and services:
        source = services[args[0] % len(services)]
        target = source.with_name(f"renamed-{args[1]}.yaml")
        if not target.exists():
            source.rename(target)
    elif kind == "close" and services:
        path = services[args[0] % len(services)]
        lines = [line for line in path.read_text().splitlines() if not line.startswith("status:")]
        path.write_text("\n".join(lines) + "\nstatus: closed\n")
    elif kind == "page":
        (root / "content" / "guides" / "extra.md").write_text(f"---\ntitle: {args[0]} guide\n---\nAbout {args[0]}.\n")
    elif kind == "layout":
        path = root / "layouts" / "404.html"
        path.write_text(path.read_text().replace("<h1>", f"<h1 data-word=\"{args[0]}\">", 1)
                        if "data-word" not in path.read_text() else path.read_text().replace("data-word", "data-x"))
    elif kind == "header":  # rendered once per build, and on every page
        path = root / "layouts" / "_header.html"
        text = path.read_text() if path.exists() else (DEFAULT_LAYOUTS / "_header.html").read_text()
        path.write_text(text.replace('<label for="site-q">', f'<label for="site-q">{args[0]} ', 1))
    elif kind == "easy" and services:  # an easy-read version, which shows glossary words
        path = services[args[0] % len(services)]
        lines = [line for line in path.read_text().splitlines() if not line.startswith(("easy_read:", "  We "))]
        path.write_text("\n".join(lines) + f"\neasy_read: |\n  We run a {args[1].lower()} club. Ask for a carer.\n")
    elif kind == "glossary":
        (root / "glossary.yaml").write_text(f"- term: carer\n  meaning: A person who looks after you.\n"
                                            f"- term: talk\n  meaning: To say words. {args[0]}.\n")
    elif kind == "static":
        (root / "static").mkdir(exist_ok=True)
        (root / "static" / "leaflet.txt").write_text(f"{args[0]} leaflet\n")
    elif kind == "config":
        path = root / "site.toml"
        text = path.read_text()
        path.write_text(text.replace('title = "Testshire', f'title = "{args[0]} Testshire', 1))


def same_tree(a: Path, b: Path) -> list[str]:
    left = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if left != right:
        return sorted(set(left) ^ set(right))
    return [rel for rel in left if not filecmp.cmp(a / rel, b / rel, shallow=False)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=5))
def test_incremental_output_equals_a_clean_build(steps):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(SITES / "valid" / "basic", root)
        build(root, root / "_site", jobs=1)
        for step in steps:
            apply(root, step)
            incremental = build(root, root / "_site", jobs=1)
            clean = build(root, Path(tmp) / f"clean-{steps.index(step)}", jobs=1, cache=False)
            assert clean.pages == incremental.pages
            assert same_tree(root / "_site", clean.out) == [], step


def test_unchanged_site_renders_nothing_and_one_edit_renders_only_what_shows_it(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    build(root, root / "_site", jobs=1)
    assert build(root, root / "_site", jobs=1).rendered == 0
    path = root / "services" / "after-school-club.yaml"
    path.write_text(path.read_text().replace("Games, crafts", "Games, music, crafts"))
    again = build(root, root / "_site", jobs=1)
    # its page, the lists that show it (A to Z, its theme, its age bands) and nothing else
    assert 0 < again.rendered < again.pages / 2
    assert "music" in (root / "_site/services/after-school-club/index.html").read_text()


def test_a_big_sites_full_build_leaves_a_copy_that_the_next_build_brings_up_to_date(tmp_path, monkeypatch):
    """After a full build of a big site, a copy of it made of links is kept as the spare site, so
    the next build changes only what changed, and still gives the output of a clean build."""
    monkeypatch.setattr(pipeline, "BACKGROUND_FILES", 0)  # the basic site counts as big
    root, out = tmp_path / "site", tmp_path / "out" / "site"
    shutil.copytree(SITES / "valid" / "basic", root)
    build(root, out, jobs=1)
    spare = out.parent / ".site.spare"
    for _ in range(1200):  # made by a process of its own once the build is done
        if spare.is_dir():
            break
        time.sleep(0.05)
    inodes = lambda folder: {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}  # noqa: E731
    assert inodes(spare) == inodes(out)  # the same files, linked, not copied
    copy = spare.stat().st_ino
    apply(root, ("edit", 0, "Music", 3, "health"))
    build(root, out, jobs=1)
    assert out.stat().st_ino == copy  # the copy, brought up to date, is the new site
    clean = build(root, tmp_path / "clean", jobs=1, cache=False)
    assert same_tree(out, clean.out) == []


def _sources(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=5))
def test_serve_rebuilds_told_what_changed_equal_a_clean_build(steps):
    """`serve` keeps the last build in memory and names the changed files, as the file watcher
    reports them; the output must still be that of a clean build."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(SITES / "valid" / "basic", root)
        options = pipeline.Options(root=root, out=root / "_site", search=False, today=TODAY, jobs=1)
        kept = pipeline.build(options, finish_now=False).cache
        for number, step in enumerate(steps):
            before = _sources(root)
            apply(root, step)
            after = _sources(root)
            changed = {p.resolve() for p in before.keys() ^ after.keys()}
            changed |= {p.resolve() for p in before.keys() & after.keys() if before[p] != after[p]}
            kept = pipeline.build(options, kept, changed, finish_now=False).cache
            clean = build(root, Path(tmp) / f"clean-{number}", jobs=1, cache=False)
            assert same_tree(root / "_site", clean.out) == [], step
