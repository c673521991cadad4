"""Shared harness of the fault suite: seed one fault, run publish, check how it was refused.

Every fault asserts the same five things (issue 12): the exit code, the exact
``path:line`` (or ``path``) at the start of a message line, no traceback, the
live site byte-identical, and nothing left behind beside it.

* :class:`Project` is ONE throw-away copy of the project per session; :meth:`Project.edit`
  changes a file for one fault and restores it afterwards (so faults cost no copy).
* :func:`snapshot` fingerprints the live site (every file's bytes through the ``--out``
  symlink) and the folder that holds it.
* :func:`run` calls ``publish.main`` in-process and returns the exit code and all output.
* :func:`assert_refused` is the one assertion every table row makes.

Content faults (the ``gate`` engineer's part) and location/environment faults (``publish``)
both use it: write a :class:`Fault` row, let the table test do the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import publish

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "site.releases", "node_modules", ".pytest_cache",
                                ".ruff_cache", ".hypothesis", "__pycache__", "*.egg-info")


class Project:
    """A copy of the project whose files a fault may change (restored after each fault)."""

    def __init__(self, dest: Path):
        shutil.copytree(ROOT, dest, ignore=IGNORE)
        self.root = dest

    def __truediv__(self, rel: str) -> Path:
        return self.root / rel

    @contextlib.contextmanager
    def edit(self, rel: str, change: Callable[[bytes], bytes | None]) -> Iterator[Path]:
        """Apply ``change`` to the bytes of ``rel`` (None deletes the file); restore on exit."""
        path = self.root / rel
        before = path.read_bytes() if path.exists() else None
        after = change(before if before is not None else b"")
        if after is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(after)
        try:
            yield path
        finally:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)


def snapshot(out: Path, full: bool = False) -> dict[str, str]:
    """Fingerprint of the live site and of the folder around it: {name: sha256 or kind}.

    Every file of the live site counts by inode, size and modification time (any write or
    replacement changes them); ``full=True`` hashes the bytes too (slower: 16 MB).
    """
    shot: dict[str, str] = {}
    for p in sorted(out.parent.iterdir()):
        if p.is_symlink():
            shot[p.name] = "-> " + str(p.readlink())
        elif p.is_dir():
            shot[p.name] = "dir " + " ".join(sorted(c.name for c in p.iterdir()))
        else:
            shot[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    live = out.resolve()
    if live.is_dir():
        h = hashlib.sha256()
        for f in sorted(live.rglob("*")):
            st = f.lstat()
            h.update(f"{f.relative_to(live)}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            if full and f.is_file():
                h.update(f.read_bytes())
        shot["<live site>"] = h.hexdigest()
    return shot


@dataclass
class Result:
    code: int
    output: str

    def lines(self) -> list[str]:
        return self.output.splitlines()


def run(*args: str) -> Result:
    """``publish.main(args)`` in-process; stdout and stderr together."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        code = publish.main(list(args))
    return Result(code, buf.getvalue())


@dataclass
class Fault:
    """One row of a fault table."""

    id: str
    kind: str
    code: int
    where: str  # the exact start of a message line: "docs/x.md:12:3" or "path" for a whole file/folder
    message: str = ""  # a part of that line
    marks: list = field(default_factory=list)


def assert_refused(result: Result, code: int, where: str, message: str, before: dict, out: Path) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.code == code, f"exit {result.code}, expected {code}:\n{result.output}"
    hits = [ln for ln in result.lines() if ln.startswith(f"{where}:") or ln == where]
    assert hits, f"no message at {where!r}:\n{result.output}"
    assert any(message in ln for ln in hits), f"{message!r} not in {hits}"
    assert snapshot(out) == before, "the live site or the folder around it changed"
