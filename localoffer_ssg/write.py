"""Write phase: stream pages into a staging folder, then swap it in whole, so a failed or killed
build leaves the last good site untouched. An incremental build stages only the files that
changed, links the unchanged ones in beside them, and swaps the folder in the same way."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from . import routes
from .diagnostics import ERROR, ContentError, Diagnostic
from .render import Output


# Tests kill a build at a named moment to prove nothing is lost: "write:N" (after N files),
# "staged", "linked", "swapped". Unset in real use.
_KILL_AT = os.environ.get("LOCALOFFER_KILL_AT", "")


def _checkpoint(name: str) -> None:
    if _KILL_AT == name:
        os.kill(os.getpid(), 9)


def new_staging(out_dir: Path) -> Path:
    """An empty folder beside `out_dir`, on the same disk so the final swap is a rename. What
    killed builds left there is cleared first, so such folders never pile up."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(out_dir.parent)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-{os.getpid()}-", dir=out_dir.parent))


_LEFTOVER = re.compile(r"\.[^/]+\.(?:new|old)-(\d+)-")  # a work folder, and the build process it is for


def clear_leftovers(folder: Path) -> None:
    """Delete the work folders of builds whose process is gone (one still running keeps its own)."""
    for entry in os.scandir(folder):
        match = _LEFTOVER.match(entry.name)
        if match and entry.is_dir(follow_symlinks=False) and not _alive(int(match[1])):
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 with RENAME_EXCHANGE), so there is never a
    moment without a whole site in place; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        rename = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, exchange = -100, 2
    if rename(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0:
        return True
    return False


def swap_in(new: Path, target: Path) -> Path | None:
    """Put folder `new` where `target` is; returns where the old one now is (to delete), if any."""
    if not target.exists():
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
    os.rename(target, old / target.name)  # elsewhere, a short moment with no folder in place
    os.rename(new, target)
    return old


def write_outputs(staging: Path, outputs: Iterable[Output]) -> list[str]:
    """Write outputs as they come (nothing is held in memory); return the files written."""
    written = []
    made: set[str] = set()
    base = str(staging)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for out in outputs:  # os calls, not pathlib: this runs once per page of the site
        rel = routes.output_file(out.path)
        target = f"{base}/{rel}"
        folder = target.rpartition("/")[0]
        if folder not in made:
            _make_folder(folder)
            made.add(folder)
        handle = os.open(target, flags, 0o644)
        try:
            data = memoryview(out.data)
            while data:
                data = data[os.write(handle, data):]
        finally:
            os.close(handle)
        written.append(rel)
        if _KILL_AT:
            _checkpoint(f"write:{len(written)}")
    if _KILL_AT:
        _checkpoint("staged")
    return written


def _make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)  # one call when its parent exists, as it mostly does
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_unchanged(staging: Path, out_dir: Path, written: list[str], removed: list[str],
                   skip: tuple[str, ...] = ()) -> None:
    """Hard-link every file of `out_dir` that this build neither wrote nor removed into `staging`
    (no data is copied), so the staged folder is the whole new site. Folders in `skip` are left out."""
    taken = set(written) | set(removed)
    base, made = str(out_dir), set()
    for here, dirs, files in os.walk(base):
        rel_dir = here[len(base) + 1:]
        if not rel_dir:
            dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if rel in taken:
                continue
            folder = f"{staging}/{rel_dir}" if rel_dir else str(staging)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.link(f"{here}/{name}", f"{folder}/{name}")
    _checkpoint("linked")


def commit(staging: Path, out_dir: Path, files: list[str], removed: list[str],
           skip: tuple[str, ...] = ()) -> None:
    """Make `staging` (holding the changed `files`) the whole new site and swap it in for `out_dir`
    in one step; pages in `removed` are gone from it."""
    link_unchanged(staging, out_dir, files, removed, skip)
    publish(staging, out_dir)


def replace_tree(new: Path, target: Path) -> None:
    """Put folder `new` where `target` is (the search index), removing the old one."""
    old = swap_in(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_unique(written: list[str]) -> None:
    """Two inputs mapping to one output would silently overwrite each other: refuse."""
    seen: set[str] = set()
    for rel in written:
        if rel in seen:
            raise ContentError([Diagnostic(rel, 0, 0, ERROR, "", "two pages would be written here")])
        seen.add(rel)


def publish(staging: Path, out_dir: Path, background: bool = False) -> None:
    """Swap the staged site in place of `out_dir`, then drop the old one (for a big site, in a
    separate process, so the build does not wait for thousands of deletions)."""
    os.chmod(staging, 0o755)
    old = swap_in(staging, out_dir)
    _checkpoint("swapped")
    if old is None:
        return
    if background:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(old)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    else:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
