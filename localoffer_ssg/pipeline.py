"""The build, in one screen: load -> validate -> model -> render -> write -> index."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import search, workers, write
from .config import Config, load_config
from .diagnostics import ERROR, ConfigError, ContentError, Diagnostic, apply_strictness, errors
from .load import Sources, load_sources
from .model import build_model
from .render import Renderer
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


@dataclass
class Result:
    out: Path
    pages: int
    diagnostics: list[Diagnostic] = field(default_factory=list)


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
    config, sources, diags = check(options)
    if errors(diags):
        raise ContentError(diags)
    out = (options.out or config.root / "_site").resolve()
    _refuse_unsafe_out(config.root, out)
    site = build_model(config, sources, options.today or today())
    theme = Theme(config.root / "layouts")
    staging = write.new_staging(out)
    try:
        written = workers.render_to(Renderer(site, theme, options.search), staging, options.jobs or workers.default_jobs())
        write.check_unique(written)
        write.copy_assets(staging, {**theme.assets, **_site_static(config.root)})
        if options.search:
            search.index(staging)
        write.publish(staging, out)
    except BaseException:
        write.discard(staging)
        raise
    return Result(out, sum(rel.endswith(".html") for rel in written), diags)


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
