"""YAML data files read with the line and column of every value.

Authors edit the data files by hand (``data/*.yml``); a check must point at the
exact place, ``path:line:col``. PyYAML's composer (libyaml's when present) keeps
each node's start mark, so :func:`load` returns the plain data plus a lookup from a key path
(``(0, "dong")``) to its 1-based ``(line, col)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from .problems import Problem, ProblemsFound


@dataclass
class Located:
    """Plain data and where each value starts."""

    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def at(self, *path) -> tuple[int, int]:
        """(line, col) of the value at ``path``, or of its nearest parent that exists."""
        p = tuple(path)
        while p not in self.marks and p:
            p = p[:-1]
        return self.marks.get(p, (1, 1))

    def key_at(self, *path) -> tuple[int, int]:
        """(line, col) of the mapping key that ends ``path`` (for an unknown or misspelt key)."""
        return self.keys.get(tuple(path)) or self.at(*path)


def _convert(node: yaml.Node, path: tuple, marks: dict, keys: dict, loader: yaml.SafeLoader):
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for k, v in node.value:
            key = loader.construct_object(k, deep=True)
            keys[(*path, key)] = (k.start_mark.line + 1, k.start_mark.column + 1)
            out[key] = _convert(v, (*path, key), marks, keys, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(v, (*path, i), marks, keys, loader) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: about 6x faster, the same nodes and marks."""


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` with :data:`FAST_LOADER`; a broken text raises PyYAML's own error (its words, its mark)."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _load(text: str, loader_class) -> Located:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {(): (1, 1)})
        marks: dict = {}
        keys: dict = {}
        return Located(_convert(node, (), marks, keys, loader), marks, keys)
    finally:
        loader.dispose()


def load(text: str, shown: str) -> Located:
    """Parse ``text``; a syntax error becomes a located problem instead of a traceback.

    A valid file is read with :data:`FAST_LOADER`; a broken one again with PyYAML's own parser,
    whose messages and marks are the ones authors see (and the fault suite asserts)."""
    try:
        return _load(text, FAST_LOADER)
    except yaml.YAMLError:
        pass
    try:
        return _load(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark or e.context_mark
        line, col = (m.line + 1, m.column + 1) if m else (1, 1)
        raise ProblemsFound([Problem(shown, line, col, f"not valid YAML: {e.problem or e}",
                                     "fix the syntax (indentation, quotes, a missing ':')")]) from None


def as_date(value) -> dt.date | None:
    """A YAML date (unquoted 2024-07-01) or an ISO string; None if neither."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
