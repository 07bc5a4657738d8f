"""Write phase: stream pages into a staging folder, then swap it in whole, so a failed build
leaves the last good site untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from . import routes
from .diagnostics import ERROR, ContentError, Diagnostic
from .render import Output


def stage(outputs: Iterable[Output], assets: dict[str, Path], out_dir: Path) -> tuple[Path, int]:
    """Write every output and asset into a new folder beside `out_dir`; return it and the page count."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        written: set[str] = set()
        pages = 0
        for out in outputs:
            rel = routes.output_file(out.path)
            if rel in written:  # two inputs mapping to one output would silently overwrite
                raise ContentError([Diagnostic(rel, 0, 0, ERROR, "", "two pages would be written here")])
            written.add(rel)
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(out.data)
            pages += rel.endswith(".html")
        for site_path, source in assets.items():
            target = staging / site_path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return staging, pages
    except BaseException:
        discard(staging)
        raise


def publish(staging: Path, out_dir: Path) -> None:
    """Swap the staged site in place of `out_dir` with renames, then drop the old one."""
    os.chmod(staging, 0o755)
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, old / "site")
    os.rename(staging, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
