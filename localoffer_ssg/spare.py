"""The spare site after a full build: a copy of the new site made of hard links, in a process
of its own once the build is done, so the first incremental build finds a spare to bring up
to date instead of linking every file itself (see write.refresh). Imports nothing heavy: it
starts a fresh interpreter."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_NO_REPLACE = 1  # renameat2's RENAME_NOREPLACE


def start(out_dir: Path, spare: Path) -> bool:
    """Begin copying the live site `out_dir` as the spare site `spare`, after removing any older
    spare (it holds another site). False where the copy cannot be made safely."""
    if not _can_rename_no_replace():
        return False
    if spare.exists():
        stale = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
        os.rename(spare, stale / spare.name)
        _detach([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(stale)])
    package = str(Path(__file__).resolve().parent.parent)
    _detach([sys.executable, "-c", f"import sys; sys.path.insert(0, {package!r}); "
             "from localoffer_ssg import spare; spare.copy(*sys.argv[1:])", str(out_dir), str(spare)])
    return True


def _detach(command: list[str]) -> None:
    subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def copy(out_dir: str, spare: str) -> None:
    """Link every file of `out_dir` into a work folder (cleared by the next build if this process
    is killed), then rename it to `spare` unless the live site changed meanwhile or a build has
    put a spare there: then the copy may not be the site the build cache says the spare holds."""
    parent = os.path.dirname(out_dir)
    work = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.new-{os.getpid()}-", dir=parent)
    source = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        before = os.fstat(source)
        # Through file descriptors: a build that swaps another site in cannot mix it into the copy.
        for here, _, files, fd in os.fwalk(".", dir_fd=source):
            folder = os.path.join(work, here)
            if here != ".":
                os.mkdir(folder)
            for name in files:
                os.link(name, os.path.join(folder, name), src_dir_fd=fd, follow_symlinks=False)
        after, live = os.fstat(source), os.stat(out_dir)
        # Swapping a site in or out, or changing the search index, changes the folder's ctime.
        unchanged = (after.st_ctime_ns, after.st_mtime_ns) == (before.st_ctime_ns, before.st_mtime_ns) \
            and (live.st_dev, live.st_ino) == (before.st_dev, before.st_ino)
        if not (unchanged and _rename_no_replace(work, spare)):
            shutil.rmtree(work, ignore_errors=True)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
    finally:
        os.close(source)


def _renameat2():
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


def _can_rename_no_replace() -> bool:
    return _renameat2() is not None and hasattr(os, "fwalk")


def _rename_no_replace(a: str, b: str) -> bool:
    rename = _renameat2()
    at_cwd = -100
    return rename is not None and rename(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _NO_REPLACE) == 0
