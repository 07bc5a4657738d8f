"""The README's quick start, run as a new user would: a clean copy, a fresh HOME, Debian's python3.

It installs from PyPI into the copy's .venv, so it needs the package index; pip's own config applies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")
# A new user's shell may set a proxy or a package mirror; nothing else of this process's setup goes in.
PASSED_ON = ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
             "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CERT")


def _precondition(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the quick start test: {why}")
        pytest.skip(why)


def _quick_start() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)[0].strip()


def _copy_checkout(dest: Path) -> None:
    """Tracked files plus new ones not yet added: what a fresh clone of this work would hold."""
    if not (REPO / ".git").exists() or shutil.which("git") is None:  # a release tarball
        ignored = [line.rstrip("/") for line in (REPO / ".gitignore").read_text().splitlines() if line]
        shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", *ignored), dirs_exist_ok=True)
        return
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def test_quick_start_works_with_an_externally_managed_system_python(tmp_path):
    _precondition(SYSTEM_PYTHON.is_file(), f"{SYSTEM_PYTHON} is missing")
    stdlib = subprocess.run([SYSTEM_PYTHON, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    _precondition((Path(stdlib) / "EXTERNALLY-MANAGED").is_file(),
                  f"{SYSTEM_PYTHON} is not externally managed (no {stdlib}/EXTERNALLY-MANAGED)")

    command = _quick_start()
    setup, sep, serve = command.rpartition(" && ")
    assert sep and serve.endswith(" serve"), f"quick start should set up, then serve: {command!r}"
    checkout, home = tmp_path / "localoffer", tmp_path / "home"
    checkout.mkdir()
    home.mkdir()
    _copy_checkout(checkout)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    env |= {name: os.environ[name] for name in PASSED_ON if name in os.environ}

    done = subprocess.run(["bash", "-c", setup], cwd=checkout, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, f"{setup} failed:\n{done.stdout}\n{done.stderr}"
    assert all("break-system-packages" not in (checkout / f).read_text() for f in ("install.sh", "tests/run.sh"))
    assert (checkout / ".venv/bin/localoffer").is_file()
    assert not (home / ".local/lib").exists(), "nothing goes into the user's site-packages"

    # The README's serve command, as a one-off build: Debian's python3 runs build.py in .venv.
    build = serve.removesuffix(" serve") + " build --no-search"
    done = subprocess.run(["bash", "-c", build], cwd=checkout, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{build} failed:\n{done.stderr}"
    assert "Little Steps Portage" in (checkout / "_site/services/little-steps-portage/index.html").read_text()

    shutil.rmtree(checkout / "_site")
    done = subprocess.run([".venv/bin/localoffer", "build", "--no-search"], cwd=checkout, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (checkout / "_site/index.html").is_file()


STUBS = {
    # python3 whose venv cannot bootstrap pip until python3-venv is installed, as on a fresh Debian.
    "python3": """echo "python3 $*" >> "$LOG"
case "$1" in
  -c) echo 3.11 ;;
  -m) mkdir -p "$3/bin" && cp "$STUBS/venv-python" "$3/bin/python"
      [ -e "$STUBS/venv-installed" ] || { echo "ensurepip is not available" >&2; exit 1; } ;;
esac""",
    "venv-python": """echo "venv-python $*" >> "$LOG"
[ "$*" != "-m pip --version" ] || [ -e "$STUBS/venv-installed" ]""",
    "apt-get": 'echo "apt-get $* as uid $FAKE_UID" >> "$LOG"; [ "$1" != install ] || touch "$STUBS/venv-installed"',
    "id": 'echo "$FAKE_UID"',
    "sudo": 'echo "sudo $*" >> "$LOG"; FAKE_UID=0 exec "$@"',
}


@pytest.mark.parametrize("uid", ["0", "1000"])
def test_install_gets_python3_venv_from_apt_when_venv_cannot_make_pip(tmp_path, uid):
    """Root runs apt-get itself; a user goes through sudo. Then the venv is made again and used."""
    stubs, checkout = tmp_path / "bin", tmp_path / "localoffer"
    stubs.mkdir()
    checkout.mkdir()
    for name, body in STUBS.items():
        (stubs / name).write_text("#!/bin/bash\n" + body + "\n")
        (stubs / name).chmod(0o755)
    for name in ("install.sh", "pyproject.toml"):
        shutil.copy2(REPO / name, checkout / name)
    log = tmp_path / "log"
    env = {"HOME": str(tmp_path), "PATH": f"{stubs}:/usr/bin:/bin", "LOG": str(log), "STUBS": str(stubs),
           "FAKE_UID": uid}

    done = subprocess.run(["bash", "install.sh"], cwd=checkout, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    install = "apt-get install -y -qq python3-venv python3.11-venv as uid 0"
    assert install in calls
    assert any(c.startswith("sudo ") for c in calls) == (uid != "0")
    assert calls[-1] == "venv-python -m pip install -q --disable-pip-version-check -e ."
    assert calls.count("python3 -m venv .venv") == 2 and calls[calls.index(install) + 1] == "python3 -m venv .venv"
    assert "break-system-packages" not in log.read_text()
