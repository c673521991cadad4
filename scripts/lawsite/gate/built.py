"""The built site as the output checks read it: listed once, each page read once, parsed once.

The output stage used to list the build folder three times, read every page
three times, run the id pattern over each page twice (links and duplicate
ids) and parse each page with Lexbor in the origin check. :class:`Built` does
each of those once and shares the result:

* ``files``: every file of the build, listed once (before publish writes its
  pre-compressed copies beside them);
* ``pages``: every built ``.html`` page as a :class:`lawsite.htmlcheck.Page`
  (text read once; its ids found once, for links into it and for duplicates);
* :meth:`tree`: the Lexbor parse of a page or SVG. Parsing starts in one
  background thread as soon as the site is listed: Lexbor parses without
  holding the GIL, so it runs on a second core while the link and id checks
  read the same pages.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..htmlcheck import Page
from .locate import Locator

PARSED = (".html", ".htm", ".svg")
"""Files the origin check reads as HTML (SVG too: its ``href``s and ``<style>``)."""


def read(path: Path) -> str:
    """A built file's text (undecodable bytes replaced: the checks then report what they find, not a traceback)."""
    return path.read_text(encoding="utf-8", errors="replace")


class Built:
    """One build folder, read once for every output check (see the module docstring)."""

    def __init__(self, root: Path, site: Path):
        self.site = site.resolve()
        self.files = sorted(p for p in self.site.rglob("*") if p.is_file())
        self.pages = {p: Page(p, read(p)) for p in self.files if p.suffix == ".html"}
        self.locate = Locator(root, self.site)
        self._pool: ThreadPoolExecutor | None = None
        self._trees: dict[Path, Future] = {}

    def text(self, path: Path) -> str:
        page = self.pages.get(path)
        return page.text if page is not None else read(path)

    def _parse(self, path: Path) -> LexborHTMLParser:
        return LexborHTMLParser(self.text(path))

    def prefetch(self) -> None:
        """Start parsing every page and SVG, in listing order, in one background thread."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="parse")
            self._trees = {p: self._pool.submit(self._parse, p) for p in self.files if p.suffix in PARSED}

    def tree(self, path: Path) -> LexborHTMLParser:
        """The parsed page (from the background thread if it was prefetched; each tree is handed out once)."""
        future = self._trees.pop(path, None)
        return future.result() if future is not None else self._parse(path)

    def close(self) -> None:
        """Stop the background parsing (after the checks, or when a signal unwinds them)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._trees.clear()
