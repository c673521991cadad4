"""Map a finding in the built site back to the file an author edits.

A built page ``hoi-dap/chi-tra/index.html`` comes from ``docs/hoi-dap/chi-tra.md``
(or ``.../chi-tra/index.md``); a built asset from the same path under
``docs/``. The offending text (a URL, an attribute) is looked up in that
source, then in the snippets (``includes/``) and the theme overrides
(``overrides/``) and ``mkdocs.yml``; if found, the problem is reported there at ``line:col``,
else at the built file. Generated pages (the law's articles) have no Markdown
source: their findings point at the built file.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class Locator:
    def __init__(self, root: Path, site: Path):
        self.root = root
        self.site = site
        self.docs = root / "docs"
        self._texts: dict[Path, str | None] = {}
        self.shared = sorted((root / "includes").rglob("*.md")) if (root / "includes").is_dir() else []
        self.shared += sorted((root / "overrides").rglob("*.html")) if (root / "overrides").is_dir() else []
        self.shared.append(root / "mkdocs.yml")  # extra_css, extra_javascript, theme settings

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def source_of(self, built: Path) -> Path | None:
        """The Markdown page (or asset) under docs/ that a built file was made from."""
        rel = built.relative_to(self.site)
        if rel.suffix != ".html":
            src = self.docs / rel
            return src if src.is_file() else None
        if rel.name == "index.html":
            stem = rel.parent
            cands = [self.docs / "index.md"] if str(stem) == "." else [self.docs / f"{stem}.md", self.docs / stem / "index.md"]
        else:
            cands = [self.docs / rel.with_suffix(".md")]
        return next((c for c in cands if c.is_file()), None)

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def built(self, built: Path) -> str:
        return f"{built.relative_to(self.site)} (built)"

    def problem(self, built: Path, text: str, needle: str, message: str, hint: str, offset: int | None = None) -> Problem:
        """A finding about ``needle`` in built file ``built`` (whose text is ``text``), located at its source."""
        src = self.source_of(built)
        for cand in ([src] if src else []) + self.shared:
            s = self._text(cand)
            at = s.find(needle) if s and needle else -1
            if at >= 0:
                line, col = _line_col(s, at)
                return Problem(self.shown(cand), line, col, f"{message} (in {built.relative_to(self.site)})", hint)
        at = offset if offset is not None else max(text.find(needle), 0) if needle else 0
        line, col = _line_col(text, at)
        return Problem(self.built(built), line, col, message, hint)

    def asset(self, built: Path, line: int, col: int, message: str, hint: str) -> Problem:
        """A finding at ``line:col`` of a built asset, reported in its docs/ source when it is a copy."""
        src = self.source_of(built)
        if src is not None and self._text(src) == self._text(built):
            return Problem(self.shown(src), line, col, message, hint)
        return Problem(self.built(built), line, col, message, hint)
