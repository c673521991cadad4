"""Read ``data/thay-doi.yml`` into plain values that remember where they were written.

Authors edit the file by hand, so every value keeps its line and column and
a mistake is reported as ``data/thay-doi.yml:LINE:COL``. This module only
reads YAML (syntax and shape); whether the content is right (dates, quotes,
units that exist) is :mod:`lawsite.changes_check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem, ProblemsFound

DATA_FILE = Path("data") / "thay-doi.yml"


@dataclass(frozen=True)
class Value:
    """A scalar, list or mapping from the file, with its position (1-based)."""

    value: object
    line: int
    col: int


def _convert(node: yaml.Node, loader: yaml.SafeLoader) -> Value:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        return Value({str(_convert(k, loader).value): _convert(v, loader) for k, v in node.value}, line, col)
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(v, loader) for v in node.value], line, col)
    # Scalars resolve by YAML's own rules (dates, null, numbers), exactly as safe_load would.
    return Value(loader.construct_object(node, deep=True), line, col)


def read_text(text: str, shown: str = str(DATA_FILE)) -> list[Value]:
    """Records of the file, each a :class:`Value` holding a mapping of Values; raise ProblemsFound on bad YAML."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProblemsFound([Problem(shown, line, col, f"not valid YAML: {e.problem or e}",
                                     "check indentation and quotes (see CONTRIBUTING.md)")]) from None
    if root is None:
        return []
    data = _convert(root, yaml.SafeLoader(""))
    if not isinstance(data.value, list):
        raise ProblemsFound([Problem(shown, data.line, data.col, "the file must be a list of changes",
                                     "start each change with '- id: ...'")])
    return data.value


def read(root: Path) -> list[Value]:
    """Records of ``data/thay-doi.yml`` under the project ``root`` (none if the file does not exist)."""
    path = root / DATA_FILE
    if not path.exists():
        return []
    return read_text(path.read_text(encoding="utf-8"))
