"""The glossary: hard words explained at the end of the easy-read pages that use them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str
    forms: tuple[str, ...]  # the term and its other forms


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...] = ()

    @classmethod
    def from_data(cls, data: Any) -> "Glossary":
        entries = [Entry(e["term"].strip(), e["meaning"].strip(),
                         tuple(dict.fromkeys([e["term"].strip(), *e.get("also", ())])))
                   for e in data or ()]
        return cls(tuple(sorted(entries, key=lambda e: e.term.casefold())))

    def used_in(self, text: str) -> list[Entry]:
        """Entries whose term or another form appears in `text` as whole words."""
        folded = f" {_fold(text)} "
        return [e for e in self.entries if any(f" {_fold(f)} " in folded for f in e.forms)]

    def words(self) -> set[str]:
        """Every single word inside any term or form, folded; with a plain plural 's'."""
        out: set[str] = set()
        for entry in self.entries:
            for form in entry.forms:
                for word in _fold(form).split():
                    out |= {word, word + "s", word.removesuffix("s")}
        return out
