"""Write phase: stream pages into a staging folder, then swap it in whole, so a failed or killed
build leaves the last good site untouched. An incremental build stages only the files that
changed and puts them into the spare site (the one before last, kept beside the output folder),
brings the rest of it up to date from the live site, and swaps it in the same way."""

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


def spare_of(out_dir: Path) -> Path:
    """Where the site before the live one is kept, for the next incremental build to bring up to
    date: only what changed in the last two builds is touched, not every file of the site."""
    return out_dir.parent / f".{out_dir.name}.spare"


def claim(spare: Path) -> Path:
    """Take the spare site for this build: renamed as a work folder, so that a build that stops
    while changing it leaves no spare behind to be trusted (the next one clears the folder)."""
    name = spare.name.removeprefix(".").removesuffix(".spare")
    work = Path(tempfile.mkdtemp(prefix=f".{name}.new-{os.getpid()}-", dir=spare.parent))
    os.rename(spare, work)  # onto the new empty folder: one step
    return work


def refresh(spare: Path, out_dir: Path, has: dict[str, str], wants: dict[str, str], staged: Path,
            written: list[str], skip: tuple[str, ...] = ()) -> None:
    """Make `spare` (holding `has`) the new site: the files this build `written` move in from
    `staged`, files it wants as the live site has them are linked from there, the rest go. The
    live site is never changed: a file is replaced by a new name entry, never written through."""
    new = set(written)
    for rel in has.keys() - wants.keys():
        _drop(spare, rel)
    for rel, digest in wants.items():
        if rel in new or has.get(rel) == digest:
            continue
        target = f"{spare}/{rel}"
        _drop(spare, rel)
        _make_folder(target.rpartition("/")[0])
        os.link(f"{out_dir}/{rel}", target)
    for folder in ("pagefind",):  # not a page: the index, as the live site has it unless indexed anew
        shutil.rmtree(spare / folder, ignore_errors=True)
        if folder not in skip and (out_dir / folder).is_dir():
            shutil.copytree(out_dir / folder, spare / folder, copy_function=os.link)
    _checkpoint("linked")
    for rel in written:
        target = f"{spare}/{rel}"
        _make_folder(target.rpartition("/")[0])
        os.replace(f"{staged}/{rel}", target)


def _drop(root: Path, rel: str) -> None:
    """Remove a file and the folders it leaves empty (an output folder holds only what it lists)."""
    try:
        os.unlink(f"{root}/{rel}")
    except FileNotFoundError:
        return
    folder = os.path.dirname(rel)
    while folder:
        try:
            os.rmdir(f"{root}/{folder}")
        except OSError:
            return
        folder = os.path.dirname(folder)


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


def publish(staging: Path, out_dir: Path, background: bool = False, keep: Path | None = None) -> bool:
    """Swap the staged site in place of `out_dir`, then drop the old one (for a big site, in a
    separate process, so the build does not wait for thousands of deletions), or with `keep`,
    keep it there as the spare site. True when the old site was kept."""
    os.chmod(staging, 0o755)
    old = swap_in(staging, out_dir)
    _checkpoint("swapped")
    if old is None:
        return False
    if keep is not None and old == staging:  # swapped in one step: the old site is whole
        if old != keep:
            if keep.exists():  # an older spare: out of the way under a work folder's name, then gone
                stale = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
                os.rename(keep, stale / keep.name)
                _remove(stale, background)
            os.rename(old, keep)
        return True
    _remove(old, background)
    return False


def _remove(old: Path, background: bool) -> None:
    if not old.exists():
        return
    if background:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(old)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    else:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
