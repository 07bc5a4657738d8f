"""/assets/search-words.json: how the search page reads a family's sentence (stop words,
spellings, everyday phrases), from the engine's list, the site's own and the families' words."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterator

from .. import routes, synonyms
from ..diagnostics import ERROR, ConfigError, Diagnostic
from ..render import Output, Renderer
from ..yamlsource import Located, parse_yaml
from .base import Generator

PATH = "/assets/search-words.json"
SITE_FILE = "search-words.yaml"
DEFAULT_FILE = Path(__file__).parent.parent / "data" / SITE_FILE
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


def words(root: Path) -> dict[str, Any]:
    """The merged words: families' word groups first, then the engine's list, then the site's."""
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
    if problems:
        raise ConfigError(problems)
    return merged


def _data(r: Renderer) -> bytes:
    if "search_words" not in r.memo:
        r.memo["search_words"] = json.dumps(words(r.site.config.root), ensure_ascii=False,
                                            separators=(",", ":"), sort_keys=True).encode()
    return r.memo["search_words"]


class SearchWords(Generator):
    name = "search_words"

    def units(self, r: Renderer) -> tuple[int, ...]:
        return (0,) if r.search else ()

    def fingerprint(self, r: Renderer, key: int) -> list[tuple[str, str]]:
        return [(routes.output_file(PATH), hashlib.blake2b(_data(r), digest_size=16).hexdigest())]

    def render(self, r: Renderer, key: int) -> Iterator[Output]:
        yield Output(PATH, _data(r))
