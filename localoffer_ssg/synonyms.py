"""Families' words: groups of terms that mean the same, so a search for one finds the others."""

from __future__ import annotations

import hashlib
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

    @property
    def digest(self) -> str:
        cached = self.__dict__.get("_digest")
        if cached is None:
            cached = hashlib.blake2b(repr(self.groups).encode(), digest_size=16).hexdigest()
            object.__setattr__(self, "_digest", cached)
        return cached

    @classmethod
    def from_sources(cls, sources: list[tuple[str, Located]]) -> "Synonyms":
        groups = []
        for _, located in sources:
            for group in located.data or ():
                groups.append(tuple(dict.fromkeys(str(w).strip() for w in group)))
        return cls(tuple(groups))

    def _phrases(self) -> dict[str, list[tuple[tuple[str, ...], int, str]]]:
        """Each group's words as word tuples, filed under their first word."""
        cached = self.__dict__.get("_cached")
        if cached is None:
            cached = {}
            for index, group in enumerate(self.groups):
                for word in group:
                    phrase = tuple(_plain(word).split())
                    if phrase:
                        cached.setdefault(phrase[0], []).append((phrase, index, f" {' '.join(phrase)} "))
            object.__setattr__(self, "_cached", cached)  # frozen dataclass: cache once
        return cached

    def _group_phrases(self) -> list[list[tuple[str, tuple[str, ...]]]]:
        cached = self.__dict__.get("_words")
        if cached is None:
            cached = [[(w, tuple(_plain(w).split())) for w in group] for group in self.groups]
            object.__setattr__(self, "_words", cached)
        return cached

    def expand(self, text: str) -> tuple[str, ...]:
        """Terms from every group that `text` mentions, which `text` does not already contain."""
        by_first = self._phrases()
        folded = _plain(text)
        padded = f" {folded} "
        found: set[tuple[str, ...]] = set()
        hits: set[int] = set()
        # Only words that start some phrase matter; the set intersection and the substring
        # search run in C, which keeps this fast on long texts.
        for first in by_first.keys() & set(folded.split()):
            for phrase, index, needle in by_first[first]:
                if len(phrase) == 1 or needle in padded:
                    found.add(phrase)
                    hits.add(index)
        extra: list[str] = []
        for index in sorted(hits):
            for word, phrase in self._group_phrases()[index]:
                if phrase not in found and word not in extra:
                    extra.append(word)
        return tuple(extra)
