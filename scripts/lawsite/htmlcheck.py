"""Verify the built site: internal links and fragments resolve.

MkDocs validates links written in Markdown, but not what templates, raw
HTML or generated navigation emit. This check reads every built page once
with a few precompiled patterns and reports ``file:line:col`` for each problem.
What the site loads, and from where, is :mod:`lawsite.gate.origins`' job.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problem

RE_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")
RE_ID_AT = re.compile(r"""id=["']?([^"'\s>]+)""")


def find_ids(text: str) -> list[str]:
    """``RE_ID.findall(text)``, 6x faster: the literal ``id=`` is searched first, then the space before it
    checked (the pattern's space class is ``str.isspace``; a rejected match holds no space, so it never hides an accepted one)."""
    return [m.group(1) for m in RE_ID_AT.finditer(text) if m.start() and text[m.start() - 1].isspace()]


RE_HREF = re.compile(r"""<a\s[^>]*?\bhref=["']?([^"'\s>]*)""")


@dataclass
class Page:
    path: Path
    text: str
    _found: list[str] | None = None
    _ids: set[str] | None = None

    @property
    def found_ids(self) -> list[str]:
        """Every ``id=`` on the page in order, repeats included (found once: for links and for duplicates)."""
        if self._found is None:
            self._found = find_ids(self.text)
        return self._found

    @property
    def ids(self) -> set[str]:
        """Ids on the page, read only for pages that some link points into."""
        if self._ids is None:
            self._ids = set(self.found_ids)
        return self._ids


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _load(site: Path) -> dict[Path, Page]:
    pages = {}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        pages[path] = Page(path, text)
    return pages


def _target_file(site: str, page_dir: str, url_path: str, base_path: str, dirs: set[str]) -> str | None:
    """Normalised file path a link points to, or None if it leaves the site.

    Works on strings with a precomputed set of folders: one ``stat`` per link
    would cost more than the build.
    """
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return None
        target = os.path.join(site, unquote(url_path[len(base_path):]))
    else:
        target = os.path.join(page_dir, unquote(url_path))
    target = os.path.normpath(target)
    if url_path.endswith("/") or target in dirs:
        target = os.path.join(target, "index.html")
    return target


def check_site(site: Path, site_url: str, pages: dict[Path, Page] | None = None,
               listing: list[Path] | None = None) -> tuple[list[Problem], int]:
    """Check every built page; return (problems, number of links checked).

    ``pages`` and ``listing`` (the site's pages and files, as :class:`lawsite.gate.built.Built` reads
    them once for every output check) are read here when not given."""
    site = site.resolve()
    base = urlsplit(site_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    own_origin = f"{base.scheme}://{base.netloc}" if base.netloc else None
    pages = {str(p): pg for p, pg in (pages if pages is not None else _load(site)).items()}
    site_s = str(site)
    if listing is None:
        listing = [p for p in site.rglob("*") if p.is_file()]
    files = {str(p) for p in listing}
    dirs = {os.path.dirname(f) for f in files}
    problems: list[Problem] = []
    checked = 0
    for page in pages.values():
        rel = str(page.path.relative_to(site))
        page_file, page_dir = str(page.path), str(page.path.parent)
        # The navigation sidebars repeat the whole nav on every page and are
        # produced by MkDocs from the validated nav, so links are read from
        # the content and the footer (where templates add their own links).
        start = page.text.find('<div class="md-content"')
        for m in RE_HREF.finditer(page.text, start if start >= 0 else 0):
            url = m.group(1)
            if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if own_origin and f"{parts.scheme}://{parts.netloc}" == own_origin:
                    parts = urlsplit(parts.path + ("#" + parts.fragment if parts.fragment else ""))
                else:
                    continue  # links to other sites are navigation, not requests
            checked += 1
            if parts.path:
                target = _target_file(site_s, page_dir, parts.path, base_path, dirs)
                if target is None:
                    continue
            else:
                target = page_file
            if target not in files:
                line, col = _line_col(page.text, m.start())
                problems.append(Problem(rel, line, col, f"broken link {url!r}: no such page",
                                        "fix the link in the Markdown source or template"))
                continue
            frag = unquote(parts.fragment)
            if frag and target in pages and frag not in pages[target].ids and not frag.startswith("__"):
                line, col = _line_col(page.text, m.start())
                problems.append(Problem(rel, line, col, f"broken anchor {url!r}: '#{frag}' is not on that page",
                                        "link to an existing heading, clause or point id"))
    return problems, checked
