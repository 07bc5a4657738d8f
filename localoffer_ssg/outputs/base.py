"""What every kind of output is: a generator with units of work, what each is made from, and how
each renders. The pipeline, the workers and the cache go through the registry and know no kind."""

from __future__ import annotations

from typing import Any, Hashable, Iterable, Iterator

from .. import routes
from ..render import Output, Renderer

Unit = tuple[str, Any]  # (generator name, its key for one piece of work)


class Generator:
    """One kind of output. Subclasses set `name` and write `render`; the rest has defaults."""

    name = ""

    def units(self, r: Renderer) -> Iterable[Hashable]:
        """The keys of this kind's pieces of work for the site (by default, one piece)."""
        return (0,)

    def fingerprint(self, r: Renderer, key: Any) -> list[tuple[str, str]]:
        """The (output file, digest of what it is made from) pairs one unit would write. By
        default the unit is rendered with `r` fingerprinting: r.page() digests its context."""
        return [(routes.output_file(o.path), o.data.decode()) for o in self.render(r, key)]

    def prepare(self, r: Renderer, keys: list[Any]) -> None:
        """Called once before the units with `keys` are rendered (by default, nothing to do)."""

    def render(self, r: Renderer, key: Any) -> Iterator[Output]:
        raise NotImplementedError
