"""One shape for every problem the pipeline reports.

Authors see ``path:line:col: what is wrong — what to do``; the same object is
asserted in tests, so wording and location stay precise.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A located problem in a source, docs page or built file."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        tail = f" — {self.hint}" if self.hint else ""
        level = "" if self.severity == ERROR else f"{self.severity}: "
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path  # line 0: a file or folder as a whole
        return f"{where}: {level}{self.message}{tail}"


class ProblemsFound(Exception):
    """Raised with every problem of a step, so one run shows them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
