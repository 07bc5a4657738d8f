"""The build, in one screen: load -> validate -> model -> render -> write -> index."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import (cache, catalogs, history, i18n, languages, load, outputs, processes, records, render, search, searchwords,
               synonyms, workers, write)
from .config import Config, load_config
from .diagnostics import ERROR, ConfigError, ContentError, Diagnostic, apply_strictness, errors
from .model import build_site
from .render import Renderer
from .spare import start as start_spare
from .synonyms import Synonyms
from .templates import template_errors
from .theme import Theme
from .validate import Rules, check_site


# Above this many files, an old site is deleted, and a full build's spare copy made, by separate
# processes once the build is done, not by the build itself.
BACKGROUND_FILES = 2000


@dataclass
class Options:
    root: Path = Path(".")
    out: Path | None = None  # default: root/_site
    base_url: str | None = None
    search: bool = True
    strict: bool = False
    fail_overdue: bool = False
    today: dt.date | None = None
    jobs: int | None = None  # worker processes for rendering; default: one per CPU
    cache: bool = True  # reuse what the last build into `out` made (.cache/, safe to delete)


@dataclass
class Result:
    out: Path
    pages: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: int = 0  # pages rendered this time (the rest were unchanged)
    cache: cache.BuildCache | None = None  # what the next build into `out` may reuse
    root: Path = Path(".")
    unsaved: bool = False  # the cache has news that finish() will save
    notes: list[str] = field(default_factory=list)  # what git could not date, said once as a warning


def today() -> dt.date:
    """Today's date, or the one SOURCE_DATE_EPOCH fixes, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _load_and_validate(config: Config, options: Options, old: cache.BuildCache, changed: set[Path] | None = None):
    """Load and validate: every service file through records (reusing unchanged entries), then
    the checks that look across the whole site."""
    load.set_file_limit(config.max_file_kb)
    files, problems = _service_files(config.root, old, changed)
    sources = load.load_site_files(config.root)  # load
    context = _context(config, sources, options.search)
    same = old.context == context.digest
    paths = {str(p) for p in changed} if changed is not None and same else None
    found = records.update(files, old.entries if same else {}, context, paths)
    sources.diagnostics = problems + found.problems + sources.diagnostics
    diags = check_site(config, sources, found.facts, context.rules, options.today or today())  # validate
    diags += searchwords.read(config.root)[1] + catalogs.check(config)
    sources.translations = i18n.load(config)
    if sources.translations or sources.translations.problems:
        sources.translations.history = history.read(config.root)  # when a translation's source changed
        diags += i18n.check(sources.translations, {p.rel for p in sources.pages} | {f.rel for f in files},
                            sources.translations.history.dates, config.root)
    return sources, found, context, apply_strictness(diags, options.strict, options.fail_overdue)


def _service_files(root: Path, old: cache.BuildCache, changed: set[Path] | None):
    """The service files, and any misnamed ones. When every changed file under services/ is one
    the last build read and it is still there (an edit), the folder need not be listed again."""
    folder = root / "services"
    edited = {p for p in changed or () if folder in p.parents} if changed is not None else None
    if edited is not None and old.entries and all(
            p.suffix == ".yaml" and p.parent == folder and f"services/{p.name}" in old.entries and p.is_file()
            for p in edited):
        base = str(folder)
        return [load.ServiceFile(f"{base}/{rel[9:]}", rel, rel[9:-5]) for rel in old.entries], []
    return load.scan_services(root)


def _context(config: Config, sources: load.Sources, search: bool) -> records.Context:
    valid = [(rel, located) for rel, located in sources.synonyms if not synonyms.check(rel, located)]
    words = Synonyms.from_sources(valid) if search else None
    return records.Context(Rules.of(config, sources), config.review_months, words)


def check(options: Options) -> tuple[Config, list[Diagnostic]]:
    """Load and validate everything; write nothing."""
    config = load_config(options.root.resolve(), options.base_url)
    with _no_cycle_collection():
        return config, _load_and_validate(config, replace(options, search=False), cache.BuildCache())[3]


@contextmanager
def _no_cycle_collection():
    """A build makes millions of objects and frees few: Python's cycle collector would walk them
    again and again (a third of a warm build's time). Reference counting still frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(options: Options, previous: cache.BuildCache | None = None, changed: set[Path] | None = None,
          finish_now: bool = True) -> Result:
    """Build the site. Raises ContentError (nothing written) when the content has errors.
    `previous` is the cache of the last build into the same folder, when the caller kept it;
    then `changed`, when given, names every file changed since (the others are not looked at).
    With `finish_now` false, the caller calls finish() later."""
    with _no_cycle_collection():
        return _build(options, previous, changed, finish_now)


def _build(options: Options, previous: cache.BuildCache | None, changed: set[Path] | None,
           finish_now: bool) -> Result:
    config = load_config(options.root.resolve(), options.base_url)
    out = (options.out or config.root / "_site").resolve()
    _refuse_unsafe_out(config.root, out)
    if previous is None:
        previous, changed = cache.load(config.root, out) if options.cache else cache.BuildCache(), None
    staging = write.new_staging(out)
    try:
        result = _build_into(staging, config, out, options, previous, changed, finish_now)
    except BaseException:
        write.discard(staging)
        raise
    if finish_now:
        finish(options, result)
    return result


def _build_into(staging: Path, config: Config, out: Path, options: Options, previous: cache.BuildCache,
                changed: set[Path] | None, finish_now: bool = True) -> Result:
    # In place: only pages whose inputs changed are staged, then moved into `out`. The folder is
    # the build's own (a page deleted from it by hand comes back with --no-cache).
    in_place = options.cache and bool(previous.outputs) and out.is_dir()
    sources, found, context, diags = _load_and_validate(config, options, previous, changed)  # load, validate
    if errors(diags):
        raise ContentError(diags)
    site = build_site(config, sources, found.listings, options.today or today(), context.words,
                      sources.translations.history or history.read(config.root))  # model, with dates from git
    with template_errors(config.root):
        renderer = Renderer(site, Theme(config.root / "layouts"), options.search, records.Dated(site, found.services),
                            cache.templates_dir(config.root, Path(render.__file__)) if options.cache else None,
                            lambda ids: records.models([records.file_of(config.root, i) for i in ids], context,
                                                       found.entries))
        languages.attach(renderer, sources, sources.translations)  # the same outputs in each other language
        planned = outputs.plan(renderer)
    files = {rel: digest for pairs in planned.values() for rel, digest in pairs}
    if len(files) != sum(map(len, planned.values())):
        write.check_unique([rel for pairs in planned.values() for rel, _ in pairs])
    before = previous.outputs if in_place else {}
    todo = [u for u, pairs in planned.items() if pairs and (before.get(pairs[0][0]) != pairs[0][1]
            or len(pairs) > 1 and any(before.get(r) != d for r, d in pairs[1:]))]
    outputs.prepare(renderer, todo)
    written = workers.render_to(renderer, staging, options.jobs or processes.jobs(), todo)  # render, write
    if in_place:
        removed = [rel for rel in previous.outputs if rel not in files]
        indexed = previous.indexed  # unless indexed here, finish() brings the index up to date
        spare_files = previous.spare
        if written or removed:
            cache.forget(config.root, out)
            # A whole new site is made beside the live one and swapped in at once, so a build
            # killed at any moment leaves the last site whole: the spare site (the one before
            # last) brought up to date when there is one, else the staged pages with the
            # unchanged ones linked in beside them.
            here = options.search and finish_now
            skip = ("pagefind",) if here else ()
            spare = write.spare_of(out)
            if previous.spare and spare.is_dir():
                work = write.claim(spare)  # under a work folder's name: if this build stops, it is not trusted
                try:
                    write.refresh(work, out, previous.spare, files, staging, written, skip)
                except BaseException:
                    write.discard(work)
                    raise
                write.discard(staging)
                staging = work
            else:
                write.link_unchanged(staging, out, written, removed, skip=skip)
            indexed = _index(options, files, staging) if here else indexed
            kept = write.publish(staging, out, background=len(files) > BACKGROUND_FILES, keep=spare)
            spare_files = previous.outputs if kept else {}
        else:
            write.discard(staging)
    else:
        indexed = _index(options, files, staging)  # index
        big = len(written) > BACKGROUND_FILES
        write.publish(staging, out, background=big)
        # A big site's copy to keep as the spare, made after this build is done, so that the next
        # build brings it up to date instead of linking every file (a small one links quickly).
        spare_files = files if big and options.cache and start_spare(out, write.spare_of(out)) else {}
    saved = cache.BuildCache(context=context.digest, entries=found.entries, outputs=files, indexed=indexed,
                             spare=spare_files)
    return Result(out, sum(rel.endswith(".html") for rel in files), diags, notes=site.history.notes,
                  rendered=sum(rel.endswith(".html") for rel in written), cache=saved, root=config.root,
                  unsaved=options.cache and bool(written or found.read or previous.outputs.keys() != files.keys()
                                                 or (previous.context, previous.indexed) != (context.digest, indexed)))


def finish(options: Options, result: Result) -> None:
    """After a build is published: index the folder in place if its index is behind its pages,
    then save the cache. `serve` calls this once the browser has been told to reload."""
    assert result.cache is not None
    if options.search:
        pages = _pages_digest(result.cache.outputs)
        if result.cache.indexed != pages or not (result.out / "pagefind").is_dir():
            new = Path(tempfile.mkdtemp(prefix=f".pagefind.new-{os.getpid()}-", dir=result.out.parent))
            try:
                search.index(result.out, new / "pagefind")
                write.replace_tree(new / "pagefind", result.out / "pagefind")
            finally:
                write.discard(new)
            result.cache.indexed = pages
            result.unsaved = options.cache
    if result.unsaved:
        cache.save(result.root, result.out, result.cache)
        result.unsaved = False


def _pages_digest(files: dict[str, str]) -> str:
    return hashlib.blake2b("".join(f"{r}={d}" for r, d in sorted(files.items())).encode()).hexdigest()


def _index(options: Options, files: dict[str, str], staging: Path) -> str:
    """Run Pagefind over a new site staged whole (an in-place build is indexed by finish())."""
    if not options.search:
        return ""
    search.index(staging)
    return _pages_digest(files)


def _refuse_unsafe_out(root: Path, out: Path) -> None:
    """The output folder is replaced whole, so it must never hold the site's own sources."""
    sources = [root / name for name in ("content", "services", "layouts", "static")]
    if out == root or out in root.parents or any(out == s or s in out.parents for s in sources):
        raise ConfigError([Diagnostic(str(out), 0, 0, ERROR, "--out", "would replace the site's own "
                                      "files; choose an empty or build-only folder such as _site")])

