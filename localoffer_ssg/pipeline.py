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

from . import cache, load, records, routes, search, synonyms, workers, write
from .config import Config, load_config
from .diagnostics import ERROR, ConfigError, ContentError, Diagnostic, apply_strictness, errors
from .model import build_site, model_context
from .render import Output, Renderer
from .synonyms import Synonyms
from .templates import template_errors
from .theme import Theme
from .validate import Rules, check_site


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


def today() -> dt.date:
    """Today's date, or the one SOURCE_DATE_EPOCH fixes, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _load_and_validate(config: Config, options: Options, old: cache.BuildCache):
    """Load and validate: every service file through records (reusing unchanged entries), then
    the checks that look across the whole site."""
    files, problems = load.scan_services(config.root)
    sources = load.load_site_files(config.root)  # load
    context = _context(config, sources, options.search)
    found = records.update(files, old.entries if old.context == context.digest else {}, context)
    sources.diagnostics = problems + found.problems + sources.diagnostics
    diags = check_site(config, sources, found.facts, context.rules, options.today or today())  # validate
    return sources, found, context, apply_strictness(diags, options.strict, options.fail_overdue)


def _context(config: Config, sources: load.Sources, search: bool) -> records.Context:
    valid = [(rel, located) for rel, located in sources.synonyms if not synonyms.check(rel, located)]
    words = Synonyms.from_sources(valid) if search else None
    return records.Context(Rules.of(config, sources), config.review_months, words, model_context(config, words))


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


def build(options: Options, previous: cache.BuildCache | None = None) -> Result:
    """Build the site. Raises ContentError (nothing written) when the content has errors.
    `previous` is the cache of the last build into the same folder, when the caller kept it."""
    with _no_cycle_collection():
        return _build(options, previous)


def _build(options: Options, previous: cache.BuildCache | None) -> Result:
    config = load_config(options.root.resolve(), options.base_url)
    out = (options.out or config.root / "_site").resolve()
    _refuse_unsafe_out(config.root, out)
    if previous is None:
        previous = cache.load(config.root, out) if options.cache else cache.BuildCache()
    sources, found, context, diags = _load_and_validate(config, options, previous)  # load, validate
    if errors(diags):
        raise ContentError(diags)
    site = build_site(config, sources, found.listings, options.today or today(), context.words)  # model
    theme = Theme(config.root / "layouts")
    renderer = Renderer(site, theme, options.search, found.services,
                        cache.templates_dir(config.root) if options.cache else None)
    units = renderer.units()
    with template_errors(config.root):
        planned = renderer.fingerprint(units)
    write.check_unique([rel for pairs in planned.values() for rel, _ in pairs])
    outputs = {rel: digest for pairs in planned.values() for rel, digest in pairs}
    in_place = options.cache and bool(previous.outputs) and out.is_dir()
    # In place, a page is rendered again only when what it is made from changed: the folder is the
    # build's own (a page deleted from it by hand comes back with --no-cache).
    todo = [u for u, pairs in planned.items() if not in_place or any(previous.outputs.get(r) != d for r, d in pairs)]
    missing = [site.services[u[1]].id for u in todo if u[0] == "services"]
    found.services.update(records.models([records.file_of(config.root, i) for i in missing
                                          if i not in found.services], context))
    staging = write.new_staging(out)
    try:
        written = workers.render_to(renderer, staging, options.jobs or records.jobs(), todo)  # render, write
        extras = _extras(renderer, theme, outputs)
        outputs.update({rel: cache.signature(extra.data).hex() for rel, extra in extras.items()})
        written += write.write_outputs(staging, [extra for rel, extra in extras.items()
                                                 if not in_place or previous.outputs.get(rel) != outputs[rel]])
        if in_place:
            removed = [rel for rel in previous.outputs if rel not in outputs]
            if written or removed:
                cache.forget(config.root, out)
                write.commit(staging, out, written, removed)
            indexed = _index(options, previous, outputs, out, None)  # index
            write.discard(staging)
        else:
            indexed = _index(options, previous, outputs, out, staging)  # index
            write.publish(staging, out, background=len(written) > 2000)
    except BaseException:
        write.discard(staging)
        raise
    saved = cache.BuildCache(context=context.digest, entries=found.entries, outputs=outputs, indexed=indexed)
    if options.cache and (written or found.read or saved != previous):
        cache.save(config.root, out, saved)
    pages = sum(rel.endswith(".html") for rel in outputs)
    return Result(out, pages, diags, rendered=sum(rel.endswith(".html") for rel in written), cache=saved)


def _index(options: Options, previous: cache.BuildCache, outputs: dict[str, str], out: Path,
           staging: Path | None) -> str:
    """Run Pagefind over the staged site, or over `out` once changed pages are in place (None),
    unless no page changed since the index in `out` was made."""
    if not options.search:
        return ""
    pages = hashlib.blake2b("".join(f"{r}={d}" for r, d in sorted(outputs.items())).encode()).hexdigest()
    current = previous.indexed == pages and (out / "pagefind").is_dir()
    if staging is not None:
        if current:
            write.link_tree(out / "pagefind", staging / "pagefind")
        else:
            search.index(staging)
    elif not current:
        new = Path(tempfile.mkdtemp(prefix=".pagefind.new-", dir=out.parent))
        try:
            search.index(out, new / "pagefind")
            write.replace_tree(new / "pagefind", out / "pagefind")
        finally:
            write.discard(new)
    return pages


def _extras(renderer: Renderer, theme: Theme, outputs: dict[str, str]) -> dict[str, Output]:
    """The sitemap of every page in `outputs`, and the static files, by output file."""
    root = renderer.site.config.root
    with template_errors(root):
        sitemap = renderer.sitemap(["/" + rel.removesuffix("index.html") for rel in outputs])
    assets = {**theme.assets, **_site_static(root)}
    return {routes.output_file(sitemap.path): sitemap,
            **{routes.output_file(p): Output(p, f.read_bytes()) for p, f in assets.items()}}


def _refuse_unsafe_out(root: Path, out: Path) -> None:
    """The output folder is replaced whole, so it must never hold the site's own sources."""
    sources = [root / name for name in ("content", "services", "layouts", "static")]
    if out == root or out in root.parents or any(out == s or s in out.parents for s in sources):
        raise ConfigError([Diagnostic(str(out), 0, 0, ERROR, "--out", "would replace the site's own "
                                      "files; choose an empty or build-only folder such as _site")])


def _site_static(root: Path) -> dict[str, Path]:
    folder = root / "static"
    if not folder.is_dir():
        return {}
    return {"/static/" + p.relative_to(folder).as_posix(): p
            for p in sorted(folder.rglob("*")) if p.is_file()}
