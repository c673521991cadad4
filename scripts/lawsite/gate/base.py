"""What every check of the gate shares: the context it reads, the check record, the files authors write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus import Corpus
from ..problems import Problem

if TYPE_CHECKING:
    from .built import Built


@dataclass
class Context:
    """What the checks read, and the counts they report for the summary line."""

    root: Path
    strict_citations: bool = True
    site_url: str = "http://127.0.0.1:8000/"
    site_dir: Path | None = None
    corpus: Corpus | None = None
    links: int = 0
    citations: int = 0
    notes: list[str] = field(default_factory=list)
    """One-line facts for the summary (e.g. off-origin links counted)."""
    built: Built | None = None
    """The built site (``site_dir``) read once for every output check (:mod:`lawsite.gate.built`)."""

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def shown(self, path: Path) -> str:
        """Path as authors see it: relative to the project."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def pages(ctx: Context) -> list[Path]:
    """The hand-written Markdown: every page under docs/ and every snippet under includes/."""
    out = sorted(ctx.docs.rglob("*.md"))
    includes = ctx.root / "includes"
    if includes.is_dir():
        out += sorted(includes.rglob("*.md"))
    return out


def read_text(path: Path) -> str | None:
    """A file's text, or None when it is not UTF-8 (the ``text`` check reports where)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Check:
    name: str
    stage: str
    run: Callable[[Context], list[Problem]]
    blocking: bool = False
    needs_corpus: bool = True
