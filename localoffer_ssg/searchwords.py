"""The words the search page reads a family's sentence with (stop words, spellings, everyday
phrases): the engine's list in data/, the site's own search-words.yaml, the families' words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import synonyms
from .diagnostics import ERROR, ConfigError, Diagnostic
from .yamlsource import Located, parse_yaml

SITE_FILE = "search-words.yaml"
DEFAULT_FILE = Path(__file__).parent / "data" / SITE_FILE
SHAPES = {"spelling": (dict, "a mapping of `typed: meant`, like `recieve: receive`"),
          "phrases": (dict, "a mapping of `everyday words: [site words]`, like `bed wetting: [continence]`"),
          "stop": (list, "a list of words, like `[my, really, yet]`")}


def _check(rel: str, located: Located) -> list[Diagnostic]:
    data = located.data
    if data is None:
        return []
    if not isinstance(data, dict):
        return [Diagnostic(rel, 1, 1, ERROR, "", "must be a mapping with any of the keys spelling, phrases, stop")]
    out = []
    for key, value in data.items():
        pos = located.key_pos((key,))
        if key not in SHAPES:
            out.append(Diagnostic(rel, pos.line, pos.col, ERROR, str(key), "unknown key; use spelling, phrases or stop"))
        elif not isinstance(value, SHAPES[key][0]):
            out.append(Diagnostic(rel, pos.line, pos.col, ERROR, key, "must be " + SHAPES[key][1]))
        elif key == "stop":
            for index, word in enumerate(value):
                if not isinstance(word, str):
                    at = located.value_pos((key, index))
                    out.append(Diagnostic(rel, at.line, at.col, ERROR, f"stop[{index}]", f"{word!r} is not a word: "
                                          "put it in quotes, like 'on' (YAML reads on, no and yes as true or false)"))
        elif key == "phrases":
            for phrase, targets in value.items():
                words = targets if isinstance(targets, list) else [targets]
                if not words or not all(isinstance(w, str) and w.strip() for w in words):
                    at = located.value_pos((key, phrase))
                    out.append(Diagnostic(rel, at.line, at.col, ERROR, f"phrases.{phrase}",
                                          "must name the site's words to search for, like `[short breaks]`"))
    return out


def read(root: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The merged words (families' word groups first, then the engine's list, then the site's),
    and what is wrong with the site's file, located."""
    phrases: dict[str, list[str]] = {}
    groups, _ = synonyms.load(root)
    for rel, located in groups:
        if synonyms.check(rel, located):
            continue  # reported by `check`; the build already refused such a file
        for group in located.data or ():
            for word in group:
                if " " in str(word).strip():  # a phrase is searched as a whole, small words and all
                    phrases.setdefault(str(word).strip().lower(), [str(word).strip()])
    merged: dict[str, Any] = {"spelling": {}, "phrases": phrases, "stop": []}
    problems: list[Diagnostic] = []
    for path, rel in ((DEFAULT_FILE, "(default search words)"), (root / SITE_FILE, SITE_FILE)):
        if not path.is_file():
            continue
        located, diags = parse_yaml(path.read_text("utf-8"), rel)
        problems += diags + (_check(rel, located) if located is not None else [])
        if located is None or problems:
            continue
        data = located.data or {}
        merged["spelling"].update({str(k): str(v) for k, v in (data.get("spelling") or {}).items()})
        for phrase, targets in (data.get("phrases") or {}).items():
            phrases[str(phrase)] = [str(t) for t in (targets if isinstance(targets, list) else [targets])]
        merged["stop"] += [str(w) for w in data.get("stop") or () if str(w) not in merged["stop"]]
    return merged, problems


def words(root: Path) -> dict[str, Any]:
    """The merged words; a fault in a words file stops the build (`check` reports it first)."""
    merged, problems = read(root)
    if problems:
        raise ConfigError(problems)
    return merged


