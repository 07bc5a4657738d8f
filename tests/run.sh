#!/usr/bin/env bash
# Install everything the tests need, then run every test.
# Chromium (browser tests) and Java (HTML checker) come from Debian's packages when missing;
# Python packages go into .venv in this folder (see install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}; browser tests will skip (they fail under CI=true)." >&2
  fi
fi

bash install.sh test
# .venv/bin first on PATH, as in an activated venv: a test runs the `localoffer` command.
export PATH="$PWD/.venv/bin:$PATH" VIRTUAL_ENV="$PWD/.venv"
exec python3 -m pytest -n auto "$@"
