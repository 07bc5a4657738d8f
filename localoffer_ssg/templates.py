"""Turn a broken template into a file:line message instead of a traceback."""

from __future__ import annotations

import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from jinja2 import TemplateError, TemplateSyntaxError

from .diagnostics import ERROR, ContentError, Diagnostic


def _rel(filename: str | None, root: Path) -> str:
    if not filename:
        return "layouts"
    path = Path(filename)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def template_errors(root: Path) -> Iterator[None]:
    try:
        yield
    except TemplateSyntaxError as exc:
        raise ContentError([Diagnostic(_rel(exc.filename, root), exc.lineno or 0, 1, ERROR, "",
                                       f"template syntax: {exc.message}")]) from None
    except TemplateError as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml"))]
        where = frames[-1] if frames else None
        raise ContentError([Diagnostic(_rel(where.filename if where else None, root),
                                       where.lineno if where else 0, 1, ERROR, "",
                                       f"template error: {exc}")]) from None
