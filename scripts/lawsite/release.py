"""Where a publish may write, and how a new site replaces the live one without a failed request.

Layout for ``--out /srv/www/btnn``::

    /srv/www/btnn                -> btnn.releases/20261201T223805Z-3f2a9c1d   (symlink: what the web server serves)
    /srv/www/btnn.releases/
        .lawsite-releases                       marker: this folder belongs to publish.py
        20261130T101500Z-1b2c3d4e/              one complete site, with .lawsite-published inside
        20261201T223805Z-3f2a9c1d/
        .build-*                                 a build in progress (removed if a run was killed)

A release is built and compressed in its own folder, then a *new* symlink is
renamed over the old one (``rename(2)`` is atomic), so every request sees
either the old or the new site, never a gap. The last :data:`KEEP` releases
stay for ``--rollback``. Publish only deletes what carries its markers, and
refuses an ``--out`` that could hold anything else (the project, a git
checkout, a file, a folder of someone else's files).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

KEEP = 5
MARKER = ".lawsite-published"  # inside every published site
RELEASES_MARKER = ".lawsite-releases"  # inside the releases folder
MARKER_TEXT = "Published by scripts/publish.py (Luật Trách nhiệm bồi thường của Nhà nước). Safe to replace.\n"
BUILD_PREFIX = ".build-"
# Folders of the project a site must never be written into.
PROJECT_FOLDERS = ("docs", "sources", "data", "overrides", "includes", "hooks", "scripts", "tests", "deploy", ".git")


class OutRefused(Exception):
    """``--out`` may not be used; carries the message (usage error, exit 2)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _refuse(path: Path, what: str, todo: str) -> OutRefused:
    return OutRefused(Problem(str(path), 0, 0, what, todo))


def releases_dir(out: Path) -> Path:
    return out.with_name(out.name + ".releases")


def is_published_site(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: Path, project: Path) -> None:
    """Refuse an ``--out`` that could hold anything publish did not write; return if it is safe."""
    out = Path(os.path.abspath(out))
    project = project.resolve()
    if out.is_symlink():
        target = out.resolve()
        if target.parent != releases_dir(out).resolve() or not is_published_site(target):
            raise _refuse(out, f"--out is a symbolic link to {target}, which is not a release of this publish",
                          "pass the folder the web server serves, or remove the link")
        return
    real = out.resolve()
    if _inside(project, real):
        raise _refuse(out, "--out is the project folder or contains it; publishing there would delete the sources",
                      "choose a folder outside the project, e.g. --out site (the default) or /srv/www/boi-thuong-nha-nuoc")
    for name in PROJECT_FOLDERS:
        if _inside(real, project / name):
            raise _refuse(out, f"--out is inside the project's {name}/ folder",
                          "choose a folder outside the project's sources, e.g. --out site (the default)")
    if out.exists() and not out.is_dir():
        raise _refuse(out, "--out is a file, not a folder", "pass a folder (it is created if missing)")
    if out.is_dir():
        if (out / ".git").exists():
            raise _refuse(out, "--out holds a .git folder (a checkout), publish would replace it",
                          "choose another folder")
        if any(out.iterdir()) and not is_published_site(out):
            raise _refuse(out, f"--out is a folder with files publish did not write (no {MARKER} marker)",
                          "choose an empty or new folder, or move the files away")
    rel = releases_dir(out)
    if rel.is_symlink() or (rel.exists() and not (rel / RELEASES_MARKER).is_file()):
        raise _refuse(rel, f"{rel.name} exists but was not made by publish (no {RELEASES_MARKER} marker)",
                      "move it away or choose another --out")


@dataclass
class Releases:
    """The release folders of one ``--out``."""

    out: Path

    def __post_init__(self) -> None:
        self.out = Path(os.path.abspath(self.out))
        self.dir = releases_dir(self.out)

    def prepare(self) -> bool:
        """Create the releases folder if needed; True if this run created it."""
        created = not self.dir.exists()
        self.dir.mkdir(parents=True, exist_ok=True)
        marker = self.dir / RELEASES_MARKER
        if not marker.exists():
            marker.write_text(MARKER_TEXT, encoding="utf-8")
        return created

    def discard_if_unused(self) -> None:
        """After a failed first publish: remove the releases folder again if it holds no release."""
        if self.dir.is_dir() and not self.list() and all(p.name == RELEASES_MARKER for p in self.dir.iterdir()):
            shutil.rmtree(self.dir, ignore_errors=True)

    def remove_stale_builds(self) -> list[Path]:
        """Builds left by a run that was killed (SIGKILL, power loss) are removed by the next run."""
        removed = []
        if self.dir.is_dir():
            for p in self.dir.iterdir():
                if p.name.startswith(BUILD_PREFIX) and p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p)
        for p in self.out.parent.glob(f".{self.out.name}.build-*"):  # the pre-release layout's temp folders
            if p.is_dir() and not p.is_symlink() and is_owned_build(p):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
        return removed

    def new_build_dir(self) -> Path:
        tmp = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=self.dir))
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; the web server must read the site
        return tmp

    def list(self) -> list[Path]:
        """Complete releases, oldest first (names sort by time)."""
        if not self.dir.is_dir():
            return []
        return sorted(p for p in self.dir.iterdir()
                      if not p.name.startswith(".") and not p.is_symlink() and is_published_site(p))

    def current(self) -> Path | None:
        if self.out.is_symlink():
            return self.out.resolve()
        return None

    def add(self, build: Path, name: Callable[[Path], str], site_url: str | None = None) -> Path:
        """Mark a finished build as published and rename it to ``name(build)`` inside the releases folder."""
        if site_url is not None:  # an installed tarball keeps the marker it was built with
            (build / MARKER).write_text(MARKER_TEXT + f"site_url: {site_url}\n", encoding="utf-8")
        name = name(build)
        target = self.dir / name
        n = 1
        while target.exists():
            n += 1
            target = self.dir / f"{name}.{n}"
        build.rename(target)
        return target

    def switch(self, release: Path) -> None:
        """Point ``out`` at ``release``: a new symlink renamed over the old one (atomic).

        A site published in place by an older publish.py (a real folder with the marker) or an
        empty folder is first moved into the releases folder: only that first switch has a gap.
        """
        link = self.out.with_name(f".{self.out.name}.link-{os.getpid()}")
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(os.path.relpath(release, self.out.parent))
        try:
            if self.out.is_dir() and not self.out.is_symlink():
                if is_published_site(self.out):
                    self.out.rename(self.dir / "00000000T000000Z-legacy")
                else:  # empty (check_out refused anything else)
                    self.out.rmdir()
            os.replace(link, self.out)
        except BaseException:
            link.unlink(missing_ok=True)
            raise

    def prune(self, keep: int = KEEP) -> list[Path]:
        """Remove all but the newest ``keep`` releases; never the live one."""
        live = self.current()
        old = [p for p in self.list() if p != live]
        removed = old[: max(0, len(old) - (keep - 1))]
        for p in removed:
            shutil.rmtree(p, ignore_errors=True)
        return removed

    def previous(self) -> Path | None:
        """The newest release older than the live one."""
        live = self.current()
        older = [p for p in self.list() if live is None or p.name < live.name]
        return older[-1] if older else None


def is_owned_build(path: Path) -> bool:
    """A temp folder of an older publish.py: only generated site files, so it is safe to remove."""
    return (path / "sitemap.xml").exists() or not any(path.iterdir())

