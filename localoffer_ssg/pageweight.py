"""Page weight: the gzipped bytes of a built page plus the stylesheets and scripts it loads."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

BUDGET = 14 * 1024  # what fits in the first network round trip
_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


@dataclass(frozen=True)
class Weight:
    page: str
    html: int  # gzipped bytes
    assets: int  # gzipped bytes of the CSS and JS the page loads itself

    @property
    def total(self) -> int:
        return self.html + self.assets


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh(site: Path, rel: str, base_path: str = "/") -> Weight:
    """Weigh `rel` (e.g. 'services/x/index.html') in the built site folder `site`."""
    html = (site / rel).read_bytes()
    assets = 0
    for ref in sorted(set(_ASSET.findall(html.decode("utf-8")))):
        if ref.startswith(base_path):
            file = site / ref[len(base_path):]
            if file.is_file():
                assets += gzipped(file.read_bytes())
    return Weight(rel, gzipped(html), assets)
