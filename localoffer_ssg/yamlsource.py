"""YAML with positions: every value keeps its line and column, and duplicate keys are reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .diagnostics import ERROR, Diagnostic
from .yamllimits import MAX_DEPTH, Refused, check_depth, check_size, too_deep

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_PLAIN_TAGS: dict[str, str] = {}  # plain scalar -> the tag it resolves to


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text, so a bad date is a field error, not a crash, and
    notes duplicate keys (which PyYAML would silently resolve to the last one)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }
    has_duplicates = False

    def resolve(self, kind, value, implicit):
        # The parser asks this for every scalar: keys and short values recur across files, so
        # plain ones are looked up once (a service file has about 80 scalars).
        if kind is yaml.ScalarNode and implicit[0] and len(value) < 40:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _PLAIN_TAGS[value] = super().resolve(kind, value, implicit)
                if len(_PLAIN_TAGS) > 50_000:
                    _PLAIN_TAGS.clear()
            return tag
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node, deep=False):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            self.has_duplicates = True
        return super().construct_mapping(node, deep)


Path_ = tuple  # a field path such as ("age_range", "max") or ("locations", 0, "name")


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based line of the value (or key)
    col: int  # 1-based column
    text_line: int  # 1-based line where a scalar's text starts (after `|` or `>`)


class Located:
    """Parsed YAML, plus where each key and value sits in the file. Positions are worked out
    only when a message needs one: most files are valid, and walking every node costs time."""

    def __init__(self, data: Any, text: str = "", rel: str = "", line_offset: int = 0):
        self.data = data
        self._source = (text, rel, line_offset)
        self._values: dict[Path_, Pos] | None = None
        self._keys: dict[Path_, Pos] = {}

    def _positions(self) -> list[Diagnostic]:
        text, rel, offset = self._source
        self._values, diags = {}, []
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            _walk(node, (), self, offset, rel, diags)
        return diags

    @property
    def values(self) -> dict[Path_, Pos]:
        if self._values is None:
            self._positions()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path_, Pos]:
        self.values  # noqa: B018 (fills both maps)
        return self._keys

    def value_pos(self, path: Path_) -> Pos:
        """Position of the value at `path`, or of its nearest parent that exists."""
        if self._values is None and len(path) == 1 and isinstance(path[0], str):
            quick = _top_level_scalar(self._source[0], path[0], self._source[2])
            if quick is not None:
                return quick
        values = self.values
        while path and path not in values:
            path = path[:-1]
        return values.get(path, Pos(1, 1, 1))

    def key_pos(self, path: Path_) -> Pos:
        return self.keys.get(path) or self.value_pos(path)


_AFTER_KEY = re.compile(r"[ \t]*:[ \t]+(?=[^\s#&!*])")


def _top_level_scalar(text: str, key: str, line_offset: int) -> Pos | None:
    """Where a top-level `key: value` written on one line puts its value, found without parsing
    the file again; None when the layout is anything less plain (the full walk then decides)."""
    starts = [0] if text.startswith(key) else []
    at = text.find("\n" + key)
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n" + key, at + 1)
    found = [(start, match.end()) for start in starts if (match := _AFTER_KEY.match(text, start + len(key)))]
    if len(found) != 1:
        return None
    begin, end = found[0]
    line = text.count("\n", 0, begin) + 1 + line_offset
    block = text[end] in "|>"
    return Pos(line, end - begin + 1, line + 1 if block else line)


def _pos(node: yaml.Node, line_offset: int) -> Pos:
    line = node.start_mark.line + 1 + line_offset
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    return Pos(line, node.start_mark.column + 1, line + 1 if block else line)


def _walk(node, path, located, line_offset, rel, diags) -> None:
    located._values[path] = _pos(node, line_offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = path + (key,)
            kpos = _pos(key_node, line_offset)
            if key in seen:
                name = ".".join(str(p) for p in child)
                diags.append(Diagnostic(rel, kpos.line, kpos.col, ERROR, name,
                                        f"appears twice (first on line {seen[key]}); keep only one"))
            else:
                seen[key] = kpos.line
            located._keys[child] = kpos
            _walk(value_node, child, located, line_offset, rel, diags)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), located, line_offset, rel, diags)


_STR = "tag:yaml.org,2002:str"
_VALUE_TAGS = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:null"}
_PLAIN_VALUES: dict[str, Any] = {}  # short plain scalar -> its value (str, int, float, bool or None)
_NO_KEY = object()


class _Unusual(Exception):
    """The document uses something only PyYAML's own composer and constructor handle: anchors,
    aliases, tags, merge keys, keys that are not text or whole numbers, or several documents."""


def _scalar(loader: _Loader, event: yaml.ScalarEvent) -> Any:
    if not event.implicit[0]:  # quoted or block text, or tagged
        if event.tag is None or event.tag == "!":
            return event.value
        raise _Unusual
    value = event.value
    known = _PLAIN_VALUES.get(value, _NO_KEY)
    if known is not _NO_KEY:
        return known
    tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag not in _VALUE_TAGS:
        raise _Unusual
    made = value if tag == _STR else loader.construct_object(yaml.ScalarNode(tag, value))
    if len(value) < 40 and len(_PLAIN_VALUES) < 50_000:
        _PLAIN_VALUES[value] = made
    return made


def _quick(loader: _Loader) -> Any:
    """An ordinary document built straight from the parser's events, without making a node for
    every value first: that saves about a quarter of the time a service file takes to read, and
    a big site has thousands. Raises _Unusual for anything else."""
    get = loader.get_event
    get()  # the stream's start
    if type(get()) is not yaml.DocumentStartEvent:
        raise _Unusual  # an empty file
    stack: list[list[Any]] = []  # open collections: [collection, pending key, is a mapping]
    while True:
        event = get()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                raise _Unusual
            value = _scalar(loader, event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            mapping = kind is yaml.MappingStartEvent
            stack.append([{} if mapping else [], _NO_KEY, mapping])
            if len(stack) > MAX_DEPTH:
                raise too_deep(event.start_mark)
            continue
        elif (kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent) and stack:
            value = stack.pop()[0]
        else:
            raise _Unusual  # an alias
        if not stack:
            break
        top = stack[-1]
        if not top[2]:
            top[0].append(value)
        elif top[1] is _NO_KEY:
            if type(value) is not str and type(value) is not int:
                raise _Unusual
            top[1] = value
        else:
            if top[1] in top[0]:
                loader.has_duplicates = True
            top[0][top[1]] = value
            top[1] = _NO_KEY
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unusual  # more than one document
    return value


def _read(text: str) -> tuple[Any, bool]:
    """The document's data, and whether a mapping repeats a key."""
    loader = _Loader(text)
    try:
        return _quick(loader), loader.has_duplicates
    except _Unusual:
        pass
    finally:
        loader.dispose()
    _check_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_size(node)
        return (loader.construct_document(node) if node is not None else None), loader.has_duplicates
    finally:
        loader.dispose()


def _check_depth(text: str) -> None:
    loader = _Loader(text)
    try:
        check_depth(iter(loader.get_event, None))
    finally:
        loader.dispose()


# A value that starts with a quote: `key: "text`, `- 'text` (group 1 is everything before it).
_QUOTED_START = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s#'"\[{][^:#]*:\s+)?)(["'])""")


def _closes(rest: str, char: str) -> bool:
    """Whether a quoted text that continues with `rest` ends on this line."""
    if char == "'":
        return re.search(r"'(?!')", rest.replace("''", "")) is not None
    return re.search(r'(?<!\\)"', rest.replace("\\\\", "")) is not None


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quote opened on or before line `last` (0-based) that does not
    close on its line, when closing it there makes the fault go away or move further down.
    The parser itself reports where the quoted text ran out, often many lines later."""
    for at, source in enumerate(lines[: last + 1]):
        match = _QUOTED_START.match(source)
        if not match or _closes(source[match.end():], match.group(2)):
            continue
        fixed = lines[:at] + [source.rstrip() + match.group(2)] + lines[at + 1:]
        try:
            _read("\n".join(fixed) + "\n")
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if mark is None or mark.line <= last:
                continue  # not this quote: the fault stays where it was
        except (yaml.YAMLError, ValueError, TypeError):
            continue
        return at, match.end(1), match.group(2)
    return None


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document; syntax faults come back as diagnostics, never as exceptions."""
    try:
        data, duplicates = _read(text)
    except Refused as exc:
        line = exc.mark.line + 1 + line_offset if exc.mark else 1 + line_offset
        return None, [Diagnostic(rel, line, exc.mark.column + 1 if exc.mark else 1, ERROR, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 1
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "could not be read"
        lines = text.splitlines()
        source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if "\t" in source_line[: (mark.column if mark else 0) + 1]:
            return None, [Diagnostic(rel, line, col, ERROR, "", "YAML syntax: a tab is used for "
                                     "indenting; indent with spaces instead")]
        quote = _unclosed_quote(lines, mark.line if mark else len(lines))
        if quote is not None:
            at, column, char = quote
            return None, [Diagnostic(rel, at + 1 + line_offset, column + 1, ERROR, "",
                                     f"YAML syntax: the quote {char} opened here is never closed; "
                                     f"add a closing {char} at the end of the text, or remove the opening one")]
        return None, [Diagnostic(rel, line, col, ERROR, "", f"YAML syntax: {problem}. "
                                 "Check indentation, and put text containing ': ' in quotes")]
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return None, [Diagnostic(rel, 1 + line_offset, 1, ERROR, "", f"YAML could not be read: {exc}")]
    located = Located(data, text, rel, line_offset)
    return located, (located._positions() if duplicates else [])
