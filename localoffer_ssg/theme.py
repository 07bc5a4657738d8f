"""The theme: templates and assets from the site's layouts/, falling back to the default theme."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

_PACKAGED = Path(__file__).parent / "layouts"
DEFAULT_THEME = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).parent.parent / "layouts"


@dataclass
class Theme:
    site_layouts: Path
    default: Path = DEFAULT_THEME
    _icons: dict[str, str] = field(default_factory=dict)

    @property
    def template_dirs(self) -> list[Path]:
        dirs = [self.site_layouts] if self.site_layouts.is_dir() else []
        return dirs + ([self.default] if self.default.resolve() not in [d.resolve() for d in dirs] else [])

    def find(self, rel: str) -> Path | None:
        for folder in self.template_dirs:
            if (folder / rel).is_file():
                return folder / rel
        return None

    @cached_property
    def assets(self) -> dict[str, Path]:
        """Static files by site path ('/assets/style.css'); a site's own file wins."""
        found: dict[str, Path] = {}
        for folder in reversed(self.template_dirs):
            static = folder / "static"
            if static.is_dir():
                for path in static.rglob("*"):
                    if path.is_file():
                        found["/assets/" + path.relative_to(static).as_posix()] = path
        return dict(sorted(found.items()))

    def icon(self, name: str) -> str:
        """Inline SVG for an icon, hidden from screen readers: it never stands alone."""
        if name not in self._icons:
            path = self.find(f"icons/{name}.svg")
            svg = path.read_text("utf-8").strip() if path else ""
            self._icons[name] = re.sub(r"^<svg\b", '<svg class="icon" aria-hidden="true" focusable="false"',
                                       svg) if svg else ""
        return self._icons[name]
