#!/usr/bin/env python3
"""Build the Local Offer in this folder: python build.py [build|check|serve] [options]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localoffer_ssg.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
