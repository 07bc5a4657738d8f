#!/usr/bin/env bash
# Set up .venv in this folder with localoffer-ssg installed, using the system python3.
#   bash install.sh          the package and the `localoffer` command
#   bash install.sh test     the same plus what the tests need ('.[test]')
# Debian and Ubuntu mark their Python as externally managed (PEP 668), so everything goes
# into a virtual environment here and the system Python is never changed.
set -euo pipefail
cd "$(dirname "$0")"

extras="${1:-}"
venv=.venv
py="${PYTHON:-python3}"

die() { echo "install.sh: $*" >&2; exit 1; }

command -v "$py" >/dev/null 2>&1 || die "$py is missing. Install it with: sudo apt-get install python3"
version="$("$py" -c 'import sys; print(*sys.version_info[:2], sep=".")')"
case "$version" in
  3.1[1-9] | 3.[2-9][0-9]) ;;
  *) die "localoffer-ssg needs Python 3.11 or newer, but $py is $version." ;;
esac

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

make_venv() {
  rm -rf "$venv"  # a failed attempt leaves a venv without pip behind
  venv_error="$("$py" -m venv "$venv" 2>&1)"
}

# Reuse a working venv; otherwise make one. Debian leaves ensurepip out of its python3
# package (it is in python3-venv), so install that package when venv cannot bootstrap pip.
if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  if ! make_venv; then
    command -v apt-get >/dev/null 2>&1 || die "could not create $venv: $venv_error"
    echo "Installing python3-venv from Debian's packages, so $py can make a virtual environment."
    as_root apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv "python$version-venv" >/dev/null ||
      die "could not install python3-venv. Install it with: sudo apt-get install python3-venv python$version-venv"
    make_venv || die "could not create $venv: $venv_error"
  fi
fi

# pip runs again only when pyproject.toml changed since the last install of these extras.
stamp="$venv/.installed${extras:+-$extras}"
if [ ! -e "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing localoffer-ssg${extras:+ with [$extras]} into $venv ..."
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
