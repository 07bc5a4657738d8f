"""Families' words: groups of terms that mean the same, so a search for one finds the others."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ERROR, Diagnostic
from .yamlsource import Located, parse_yaml

SITE_FILE = "synonyms.yaml"
DEFAULT_FILE = Path(__file__).with_name("data") / "synonyms.yaml"


def load(root: Path) -> tuple[list[tuple[str, Located]], list[Diagnostic]]:
    """The default groups and the site's own, each with the file they came from."""
    found, diags = [], []
    for path, rel in ((DEFAULT_FILE, "(default synonyms)"), (root / SITE_FILE, SITE_FILE)):
        if path.is_file():
            located, problems = parse_yaml(path.read_text("utf-8"), rel)
            diags += problems
            if located is not None:
                found.append((rel, located))
    return found, diags


def check(rel: str, source: Located) -> list[Diagnostic]:
    """Each entry must be a list of two or more words or phrases."""
    if source.data is None:
        return []
    if not isinstance(source.data, list):
        return [Diagnostic(rel, 1, 1, ERROR, "", "must be a list of groups, one per line, "
                           "like `- [short breaks, respite]`")]
    out = []
    for index, group in enumerate(source.data):
        pos = source.value_pos((index,))
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(w, str) and w.strip() for w in group):
            out.append(Diagnostic(rel, pos.line, pos.col, ERROR, "", "this group must list two or more "
                                  "words that mean the same, like `- [short breaks, respite]`"))
    return out


def _plain(text: str) -> str:
    """Fold case and punctuation so 'Education, health and care (EHC) plan' matches its group."""
    return " ".join(re.sub(r"[^\w']+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def from_sources(cls, sources: list[tuple[str, Located]]) -> "Synonyms":
        groups = []
        for _, located in sources:
            for group in located.data or ():
                groups.append(tuple(dict.fromkeys(str(w).strip() for w in group)))
        return cls(tuple(groups))

    def _pattern(self) -> re.Pattern[str]:
        # One pattern for all groups: a named alternative per group keeps this one pass per text.
        alternatives = []
        for index, group in enumerate(self.groups):
            words = sorted({re.escape(_plain(w)) for w in group}, key=len, reverse=True)
            alternatives.append(f"(?P<g{index}>{'|'.join(words)})")
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)") if alternatives else re.compile("(?!)")

    def expand(self, text: str) -> tuple[str, ...]:
        """Terms from every group that `text` mentions, which `text` does not already contain."""
        pattern = self.__dict__.get("_compiled")
        if pattern is None:
            pattern = self._pattern()
            object.__setattr__(self, "_compiled", pattern)
        folded = _plain(text)
        hits = {m.lastgroup for m in pattern.finditer(folded)}
        extra: list[str] = []
        for name in sorted(hits, key=lambda g: int(g[1:])):
            for word in self.groups[int(name[1:])]:
                if f" {_plain(word)} " not in f" {folded} " and word not in extra:
                    extra.append(word)
        return tuple(extra)
