"""One date for a build, taken from the sources, never from the clock.

Two builds of the same sources must be byte-identical whatever day they run
(issue 12 §6). MkDocs and Material take every date they print (``sitemap.xml``
``<lastmod>``, the gzip header of ``sitemap.xml.gz``, ``build_date_utc``) from
``SOURCE_DATE_EPOCH`` when it is set (https://reproducible-builds.org/specs/source-date-epoch/).
:func:`source_date_epoch` chooses it, in this order:

1. ``SOURCE_DATE_EPOCH`` from the environment (the standard override; CI and packagers set it);
2. the commit time of the last git commit of the project (``git log -1 --format=%ct``);
3. without git (a tarball of the project): the newest modification time of the input files.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

INPUTS = ("mkdocs.yml", "docs", "sources", "data", "overrides", "includes", "hooks", "scripts")


def _git_time(root: Path) -> int | None:
    if not (root / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout.strip()
    return int(text) if out.returncode == 0 and text.isdigit() else None


def _newest_input(root: Path) -> int:
    newest = 0
    for name in INPUTS:
        p = root / name
        files = [p] if p.is_file() else (f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        for f in files:
            newest = max(newest, int(f.stat().st_mtime))
    return newest


def source_date_epoch(root: Path) -> tuple[int, str]:
    """``(seconds, where it came from)`` for this project."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env), "SOURCE_DATE_EPOCH"
    git = _git_time(root)
    if git is not None:
        return git, "git log -1"
    return _newest_input(root), "newest input file"
