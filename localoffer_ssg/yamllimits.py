"""What a YAML document may not do to the build: nest without end, or repeat values with aliases
until it is too big to hold. Both are refused before PyYAML's recursive composer sees them."""

from __future__ import annotations

from typing import Iterable

import yaml

MAX_DEPTH = 32  # a service needs four or five levels; thousands would exhaust the stack
MAX_VALUES = 100_000  # what aliases may expand a document to ("billion laughs" bombs go far past it)


class Refused(Exception):
    """A document built to hurt the build: too deep, or aliases that multiply without end."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


def too_deep(mark) -> Refused:
    return Refused(mark, f"is nested more than {MAX_DEPTH} levels deep; a record needs only a few, "
                    "so check the indentation and the brackets [ ] and { }")


def check_depth(events: Iterable[yaml.Event]) -> None:
    """Refuse deep nesting from the parser's events, before PyYAML's composer recurses into it."""
    depth = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep(event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def check_size(root: yaml.Node) -> None:
    """How many values the document holds once every alias is written out, counted without
    writing them out; refused past MAX_VALUES, at the first alias that takes it there."""
    sizes: dict[int, int] = {}
    order: list[yaml.Node] = []  # children before parents
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in _children(node))
    if sizes[id(root)] <= MAX_VALUES:
        return
    counted, visited = 0, set()
    walk = [(root, root.start_mark)]
    while walk:
        node, mark = walk.pop()
        if id(node) in visited:  # an alias: its whole value counts again here
            counted += sizes[id(node)]
            if counted > MAX_VALUES:
                break
            continue
        visited.add(id(node))
        counted += 1
        if isinstance(node, yaml.MappingNode):
            walk.extend((v, k.start_mark) for k, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            walk.extend((v, node.start_mark) for v in reversed(node.value))
    raise Refused(mark, f"repeats values with aliases (*name) so often that the file would hold more "
                   f"than {MAX_VALUES:,} values; write the values out instead of repeating them with & and *")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []
