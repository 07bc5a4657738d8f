"""The import mapping: which spreadsheet columns feed which field, and which categories and words
stand for which theme or need. The default is data/import-mapping.toml; a file given with
--mapping replaces or adds to the keys it has, table by table."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..config import Config
from ..diagnostics import ERROR, ConfigError, Diagnostic, did_you_mean
from ..model import NEEDS

TABLES = ("columns", "rows", "defaults", "themes", "needs")


@dataclass
class Mapping:
    columns: dict[str, list[str]]
    skip_first_cell: list[str]
    fill_down: list[str]
    default_theme: str
    themes: dict[str, str]  # word (casefolded) -> theme key
    needs: dict[str, str]

    def column_fields(self) -> dict[str, str]:
        """Column name (casefolded) -> field, the first field naming a column winning."""
        out: dict[str, str] = {}
        for field, names in self.columns.items():
            for name in names:
                out.setdefault(name.strip().casefold(), field)
        return out


def default_text() -> str:
    return resources.files("localoffer_ssg").joinpath("data/import-mapping.toml").read_text("utf-8")


def load(path: Path | None, config: Config) -> Mapping:
    """The default mapping with the tables of `path` in place of its own; ConfigError if wrong."""
    raw = tomllib.loads(default_text())
    if path is not None:
        where = str(path)
        try:
            given = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError([Diagnostic(where, 0, 0, ERROR, "", f"cannot read the mapping file: {exc}")]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([Diagnostic(where, 1, 1, ERROR, "", f"TOML syntax: {exc}")]) from None
        problems = [Diagnostic(where, 1, 1, ERROR, name, "unknown table." + did_you_mean(name, TABLES)
                               + " Known tables: " + ", ".join(TABLES)) for name in given if name not in TABLES]
        known = raw["columns"]
        problems += [Diagnostic(where, 1, 1, ERROR, f"columns.{name}", "unknown field." + did_you_mean(name, known))
                     for name in given.get("columns", {}) if name not in known]
        if problems:
            raise ConfigError(problems)
        for table, values in given.items():  # each key given replaces the default's, the rest stay
            raw.setdefault(table, {}).update(values)
    themes = {k.casefold(): v for k, v in raw.get("themes", {}).items()}
    needs = {k.casefold(): v for k, v in raw.get("needs", {}).items()}
    bad = [Diagnostic(str(path or "import-mapping.toml"), 1, 1, ERROR, f"themes.{word}",
                      f"'{key}' is not a theme in site.toml." + did_you_mean(key, config.theme_keys))
           for word, key in themes.items() if key not in config.theme_keys]
    bad += [Diagnostic(str(path or "import-mapping.toml"), 1, 1, ERROR, f"needs.{word}",
                       f"'{key}' is not an area of need." + did_you_mean(key, NEEDS)) for word, key in needs.items()
            if key not in NEEDS]
    if bad and path is not None:  # the default's words may name themes a site has renamed
        raise ConfigError(bad)
    themes = {w: k for w, k in themes.items() if k in config.theme_keys}
    needs = {w: k for w, k in needs.items() if k in NEEDS}
    rows, defaults = raw.get("rows", {}), raw.get("defaults", {})
    columns = {k: [v] if isinstance(v, str) else list(v) for k, v in raw.get("columns", {}).items()}
    return Mapping(columns, [s.casefold() for s in rows.get("skip_first_cell", [])], rows.get("fill_down", []),
                   defaults.get("theme", ""), themes, needs)


def _words(word: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])")


def match_terms(terms: list[str], words: dict[str, str], own: dict[str, str]) -> tuple[list[str], list[str]]:
    """Keys for `terms` (a directory's categories): a term is a key or title of our own (`own`:
    casefolded name -> key), or holds a word of the mapping. Returns (keys, unmapped terms)."""
    keys: list[str] = []
    unmapped: list[str] = []
    for term in terms:
        t = term.strip().casefold()
        found = [own[t]] if t in own else ([words[t]] if t in words else
                                           [k for w, k in words.items() if _words(w).search(t)])
        if found:
            keys += found
        else:
            unmapped.append(term.strip())
    return list(dict.fromkeys(keys)), unmapped


def match_text(text: str, words: dict[str, str], limit: int = 2) -> list[str]:
    """Keys whose words appear in `text`, in order of first appearance, at most `limit`."""
    t = text.casefold()
    hits = sorted((m.start(), key) for word, key in words.items() for m in [_words(word).search(t)] if m)
    return list(dict.fromkeys(key for _, key in hits))[:limit]
