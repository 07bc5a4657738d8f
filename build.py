#!/usr/bin/env python3
"""Build the Local Offer in this folder: python3 build.py [build|check|serve] [options]."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_PYTHON = HERE / ".venv/bin/python"


def main() -> None:
    # install.sh puts the package and its dependencies in .venv here, as Debian's python3 takes no
    # pip installs (PEP 668). Run in that venv so `python3 build.py` works without activating it;
    # it wins over the running Python, which may hold older copies of the libraries from apt.
    if VENV_PYTHON.is_file() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), str(HERE / "build.py"), *sys.argv[1:]])
    sys.path.insert(0, str(HERE))
    try:
        from localoffer_ssg.cli import run
    except ModuleNotFoundError as missing:
        print(f"build.py: {missing.name} is not installed. Run `bash install.sh` first: it sets up "
              f".venv in {HERE} with everything the build needs.", file=sys.stderr)
        sys.exit(2)
    run()


if __name__ == "__main__":
    main()
