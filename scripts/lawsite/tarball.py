"""Build once, deploy many: a release as a versioned, reproducible tarball with its SHA-256.

``publish.py --tarball DIR`` writes ``DIR/boi-thuong-nha-nuoc-<date>-<digest>.tar.gz`` and
``….tar.gz.sha256`` (the ``sha256sum`` format) from the checked, compressed release;
``publish.py --install FILE.tar.gz --out …`` verifies the checksum and deploys it as a new
release without building (the same switch as a publish). Entries are sorted, owned by 0:0
and dated ``SOURCE_DATE_EPOCH``, so the same sources give the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
import time
from pathlib import Path

from .problems import Problem

NAME = "boi-thuong-nha-nuoc"


class BadTarball(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def tree_digest(folder: Path) -> str:
    """SHA-256 over every file's relative path and bytes (the identity of a release)."""
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(folder)).encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write(release: Path, dest: Path, epoch: int) -> tuple[Path, str]:
    """Write the tarball of ``release`` into ``dest``; return its path and SHA-256."""
    version = time.strftime("%Y%m%d", time.gmtime(epoch)) + "-" + tree_digest(release)[:12]
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"{NAME}-{version}.tar.gz"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for f in sorted(release.rglob("*")):
            rel = f"{NAME}/{f.relative_to(release)}"
            info = tarfile.TarInfo(rel)
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            if f.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            elif f.is_file():
                info.size, info.mode = f.stat().st_size, 0o644
                with f.open("rb") as fh:
                    tar.addfile(info, fh)
    part = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        with part.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0, filename="") as gz:
            gz.write(buf.getvalue())
        digest = sha256_file(part)
        sums = path.with_name(path.name + ".sha256")
        sums.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path, digest


def extract(path: Path, into: Path) -> None:
    """Verify ``path`` against ``path.sha256`` and unpack its site into ``into`` (an empty folder)."""
    sums = path.with_name(path.name + ".sha256")
    if not path.is_file():
        raise BadTarball(Problem(str(path), 0, 0, "no such file", "pass the .tar.gz written by publish.py --tarball"))
    if not sums.is_file():
        raise BadTarball(Problem(str(sums), 0, 0, "the checksum file is missing",
                                 "copy the .sha256 file written beside the tarball too"))
    want = sums.read_text(encoding="utf-8").split()[0] if sums.read_text(encoding="utf-8").split() else ""
    got = sha256_file(path)
    if got != want:
        raise BadTarball(Problem(str(path), 0, 0, f"SHA-256 is {got}, the .sha256 file says {want}",
                                 "the file is damaged or was changed: copy it again from the build machine"))
    try:
        with tarfile.open(path, "r:gz") as tar:
            for m in tar.getmembers():
                parts = Path(m.name).parts
                if not parts or parts[0] != NAME or ".." in parts or m.name.startswith("/") or not (m.isfile() or m.isdir()):
                    raise BadTarball(Problem(str(path), 0, 0, f"unexpected entry {m.name!r}",
                                             "install only tarballs written by publish.py --tarball"))
                target = into / Path(*parts[1:]) if len(parts) > 1 else into
                if m.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    src = tar.extractfile(m)
                    assert src is not None
                    target.write_bytes(src.read())
    except (tarfile.TarError, EOFError, gzip.BadGzipFile) as e:
        raise BadTarball(Problem(str(path), 0, 0, f"not a readable tarball: {e}", "copy it again")) from e
