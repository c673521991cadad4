"""Finish a built site before it goes live: drop what readers never need, add robots.txt, pre-compress.

* Source maps (``*.map``) and their ``sourceMappingURL`` comments: developer files, 1 MB, not for the portal.
* Search language files of Material (``lunr.<lang>.min.js``) for languages the site does not use.
* ``robots.txt`` naming the sitemap (absolute address from the site URL).
* ``file.gz`` beside every compressible file (nginx ``gzip_static``, Apache/IIS rules in DEPLOY.md),
  written inside the build folder *before* the switch, so no half-written file is ever served.
  ``mtime=0`` keeps the output reproducible.

All functions take the build folder and are independent of MkDocs.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

COMPRESS_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
MIN_COMPRESS = 512  # bytes; smaller files gain nothing (nginx gzip_min_length)
RE_SOURCEMAP = re.compile(rb"\n?(?://|/\*)# sourceMappingURL=[^\n]*?(?:\*/)?\s*$")
LUNR_ALWAYS = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


def strip_developer_files(site: Path) -> int:
    """Remove source maps and the comments that point at them; return the number of files removed."""
    removed = 0
    for f in sorted(site.rglob("*.map")):
        f.unlink()
        removed += 1
    for f in sorted(site.rglob("*.min.js")) + sorted(site.rglob("*.min.css")):
        data = f.read_bytes()
        stripped = RE_SOURCEMAP.sub(b"\n", data)
        if stripped != data:
            f.write_bytes(stripped)
    return removed


def strip_unused_search_languages(site: Path, languages: list[str]) -> int:
    """Remove ``lunr.<lang>.min.js`` (and the segmenters) of languages not in ``languages``."""
    folder = site / "assets" / "javascripts" / "lunr"
    if not folder.is_dir():
        return 0
    keep = LUNR_ALWAYS | {f"lunr.{lang}.min.js" for lang in languages}
    if "ja" in languages:
        keep.add("tinyseg.js")
    if "th" in languages:
        keep.add("wordcut.js")
    removed = 0
    for f in sorted(folder.rglob("*.js")):
        if f.name not in keep:
            f.unlink()
            removed += 1
    return removed


def write_robots(site: Path, site_url: str) -> None:
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")


def precompress(site: Path) -> tuple[int, int, int]:
    """Write ``f.gz`` (level 9, mtime 0) beside every compressible file; return (files, bytes in, bytes out)."""
    files = raw = packed = 0
    for f in sorted(site.rglob("*")):
        if f.suffix not in COMPRESS_SUFFIXES or not f.is_file():
            continue
        data = f.read_bytes()
        if len(data) < MIN_COMPRESS:
            continue
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        if len(gz) >= len(data):
            continue
        f.with_name(f.name + ".gz").write_bytes(gz)
        files += 1
        raw += len(data)
        packed += len(gz)
    return files, raw, packed


def finish(site: Path, site_url: str, languages: list[str]) -> dict:
    """Every step above, in order; return figures for the summary."""
    maps = strip_developer_files(site)
    lunr = strip_unused_search_languages(site, languages)
    write_robots(site, site_url)
    files, raw, packed = precompress(site)
    return {"source_maps_removed": maps, "search_languages_removed": lunr, "gz_files": files,
            "bytes": raw, "gz_bytes": packed}
