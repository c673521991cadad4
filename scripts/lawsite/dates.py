"""When a page's sources last changed: from the repository history, reproducibly.

Pages show "Cập nhật lần cuối" (last updated) and the published output may carry
dates (sitemap, archives). Both must be the same for the same sources, whoever
builds them and whenever, so the date never comes from the clock or from file
modification times (a fresh clone touches every file):

1. the committer date (UTC) of the last commit that changed the file(s), from
   ``git log`` in the project's own repository;
2. without usable history (a tarball or zip without ``.git``, git missing, the
   file not committed yet): ``SOURCE_DATE_EPOCH`` if set
   (https://reproducible-builds.org/specs/source-date-epoch/);
3. otherwise ``None``: the page shows no date rather than a wrong one.

Results are cached per process (one ``git`` call per distinct set of files).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

ENV = "SOURCE_DATE_EPOCH"


def source_date_epoch(environ: dict[str, str] | None = None) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as an aware UTC datetime, or None if unset or not an integer."""
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)


@lru_cache(maxsize=1024)
def _git_timestamp(root: str, paths: tuple[str, ...]) -> int | None:
    """Committer time of the last commit touching ``paths`` (relative to ``root``), None without history."""
    if not (Path(root) / ".git").exists():
        return None  # a tarball inside some other repository must not read that repository's history
    try:
        out = subprocess.run(
            ["git", "-C", root, "log", "-1", "--format=%ct", "--", *paths],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return int(value) if out.returncode == 0 and value.isdigit() else None


def last_changed_at(root: Path, paths: Iterable[Path]) -> dt.datetime | None:
    """When ``paths`` last changed (aware UTC datetime), by the rules of this module."""
    root = Path(root).resolve()
    rel = tuple(sorted(os.path.relpath(Path(p).resolve(), root) for p in paths))
    if rel:
        ts = _git_timestamp(str(root), rel)
        if ts is not None:
            return dt.datetime.fromtimestamp(ts, tz=dt.timezone.utc)
    return source_date_epoch()


def last_changed(root: Path, paths: Iterable[Path]) -> dt.date | None:
    """The UTC date on which ``paths`` last changed, or None when nothing reproducible is known."""
    when = last_changed_at(root, paths)
    return when.date() if when else None


def page_sources(root: Path, src_uri: str, meta: dict | None) -> list[Path]:
    """The files a page is made from: an instrument's official text, else the page's own Markdown file.

    Generated pages of an instrument say so in their front matter (``van_ban: luat``);
    other generated pages (glossary, source lists) have no single source and get no date.
    """
    from .instruments import INSTRUMENTS

    key = (meta or {}).get("van_ban")
    if key in INSTRUMENTS:
        return [Path(root) / "sources" / INSTRUMENTS[key].source]
    own = Path(root) / "docs" / src_uri
    return [own] if own.is_file() else []
