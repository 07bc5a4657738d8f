"""The build, in one screen: load -> validate -> model -> render -> write -> index."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, search, workers, write
from .config import Config, load_config
from .diagnostics import ERROR, ConfigError, ContentError, Diagnostic, apply_strictness, errors
from .load import Sources, load_sources
from .model import build_model
from .render import Renderer
from .synonyms import Recall
from .templates import template_errors
from .theme import Theme
from .validate import validate


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


def today() -> dt.date:
    """Today's date, or the one SOURCE_DATE_EPOCH fixes, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def check(options: Options) -> tuple[Config, Sources, list[Diagnostic]]:
    """Load and validate everything; write nothing."""
    config = load_config(options.root.resolve(), options.base_url)
    sources = load_sources(config.root)
    diags = validate(config, sources, options.today or today())
    return config, sources, apply_strictness(diags, options.strict, options.fail_overdue)


def build(options: Options) -> Result:
    """Build the site. Raises ContentError (nothing written) when the content has errors."""
    config = load_config(options.root.resolve(), options.base_url)
    out = (options.out or config.root / "_site").resolve()
    _refuse_unsafe_out(config.root, out)
    day = options.today or today()
    previous = cache.load(config.root, out) if options.cache else cache.BuildCache()
    sources = load_sources(config.root, previous.sources)  # load
    diags = apply_strictness(validate(config, sources, day), options.strict, options.fail_overdue)
    if errors(diags):
        raise ContentError(diags)
    recall = Recall(previous.terms) if options.cache else None
    site = build_model(config, sources, day, recall)  # model
    theme = Theme(config.root / "layouts")
    renderer = Renderer(site, theme, options.search)
    units = renderer.units()
    with template_errors(config.root):
        planned = renderer.fingerprint(units)
    outputs = {rel: digest for pairs in planned.values() for rel, digest in pairs}
    old = out if out.is_dir() else None
    todo = [u for u, pairs in planned.items()
            if not old or any(previous.outputs.get(rel) != d or not (out / rel).is_file() for rel, d in pairs)]
    staging = write.new_staging(out)
    try:
        changed = set(todo)
        reused = [rel for u, pairs in planned.items() if u not in changed for rel, _ in pairs]
        if old:
            write.link_unchanged(out, staging, reused)
        written = reused + workers.render_to(renderer, staging, options.jobs or workers.default_jobs(), todo)  # render, write
        write.check_unique(written)
        with template_errors(config.root):
            write.write_outputs(staging, [renderer.sitemap(["/" + r.removesuffix("index.html") for r in written])])
        write.copy_assets(staging, {**theme.assets, **_site_static(config.root)})
        indexed = _index(options, previous, outputs, out, staging)  # index
        write.publish(staging, out, background=len(written) > 2000)
    except BaseException:
        write.discard(staging)
        raise
    if options.cache:
        cache.save(config.root, out, cache.BuildCache(sources=sources.memo, outputs=outputs, indexed=indexed,
                                                       terms=recall.new if recall else {}))
    pages = sum(rel.endswith(".html") for rel in written)
    return Result(out, pages, diags, rendered=pages - sum(rel.endswith(".html") for rel in reused))


def _index(options: Options, previous: cache.BuildCache, outputs: dict[str, str], out: Path,
           staging: Path) -> str:
    """Run Pagefind, unless no page changed since the index in `out` was made."""
    if not options.search:
        return ""
    pages = hashlib.blake2b("".join(f"{r}={d}" for r, d in sorted(outputs.items())).encode()).hexdigest()
    if previous.indexed == pages and (out / "pagefind").is_dir():
        write.link_tree(out / "pagefind", staging / "pagefind")
    else:
        search.index(staging)
    return pages


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
