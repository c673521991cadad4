#!/usr/bin/env python3
"""Vendor the site's third-party browser assets from the npm registry into ``docs/assets``.

The site must work with no CDN at all (no Google Fonts, no unpkg), so every
third-party file the browser loads is copied into the repository and committed.
A normal build never runs this script and never needs npm; run it only to
(re)create or upgrade the vendored files, then commit the result.

What it writes (versions are pinned below, tarballs are checked against the
pinned npm ``integrity`` before anything is extracted):

The site uses the reader's system fonts (no web font: 68 KB per first visit
was too much for cheap phones on slow networks; every current system font
stack covers Vietnamese), so no font is vendored.

* ``docs/assets/vendor/iframe-worker/shim.js`` (+ ``LICENSE``) -- the Web Worker
  shim that Material's ``offline`` plugin needs for search from ``file://``
  (``extra.polyfills``; see DEPLOY.md).
* ``docs/assets/vendor/mermaid/<version>/mermaid.min.js`` (+ ``LICENSE``) --
  loaded on demand by ``docs/assets/javascripts/mermaid-loader.js``, whose
  ``MERMAID_PATH`` line this script keeps in step with the pinned version.

Usage::

    python3 scripts/vendor_assets.py            # fetch with `npm pack`, write what changed
    python3 scripts/vendor_assets.py --check    # offline: fail if a vendored file is missing/stale

The script is idempotent: a second run rewrites nothing (it reports
"unchanged"), and files left over from an older pinned version are removed.
Upgrading = change a version *and* its integrity below (``npm view
<pkg>@<version> dist.integrity``), run the script, rebuild, run the browser tests.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "docs" / "assets"


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    integrity: str  # npm dist.integrity of the tarball

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


IFRAME_WORKER = Pin(
    "iframe-worker",
    "1.0.4",
    "sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==",
)
MERMAID = Pin(
    "mermaid",
    "11.17.2",
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg==",
)

SHIM_DIR = ASSETS / "vendor" / "iframe-worker"
MERMAID_DIR = ASSETS / "vendor" / "mermaid" / MERMAID.version
MERMAID_LOADER = ASSETS / "javascripts" / "mermaid-loader.js"
LOADER_LINE = re.compile(r'^(\s*var MERMAID_PATH = )"[^"]*";', re.M)


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def npm_pack(pin: Pin, dest: Path) -> tarfile.TarFile:
    """Download ``pin`` with ``npm pack`` into ``dest`` and return the verified tarball."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("vendor_assets: npm is not installed (needed only to refresh vendored files)")
    out = subprocess.run(
        [npm, "pack", pin.spec, "--json", "--pack-destination", str(dest)],
        cwd=dest, check=True, capture_output=True, text=True,
    ).stdout
    filename = json.loads(out)[0]["filename"]
    tgz = dest / filename
    got = _integrity(tgz)
    if got != pin.integrity:
        sys.exit(f"vendor_assets: integrity mismatch for {pin.spec}:\n  pinned {pin.integrity}\n  got    {got}")
    return tarfile.open(tgz, "r:gz")


def _member(tar: tarfile.TarFile, path: str) -> bytes:
    f = tar.extractfile(f"package/{path}")
    if f is None:
        raise FileNotFoundError(path)
    return f.read()


def planned(tmp: Path) -> dict[Path, bytes]:
    """Fetch the pinned packages and return {destination: content} for every vendored file."""
    files: dict[Path, bytes] = {}
    with npm_pack(IFRAME_WORKER, tmp) as tar:
        files[SHIM_DIR / "shim.js"] = _member(tar, "shim/index.js")
        files[SHIM_DIR / "LICENSE"] = _member(tar, "LICENSE")
    with npm_pack(MERMAID, tmp) as tar:
        files[MERMAID_DIR / "mermaid.min.js"] = _member(tar, "dist/mermaid.min.js")
        files[MERMAID_DIR / "LICENSE"] = _member(tar, "LICENSE")
    return files


def loader_path() -> str:
    """The mermaid path, relative to the loader, that mermaid-loader.js must contain."""
    return f"../vendor/mermaid/{MERMAID.version}/mermaid.min.js"


def stale(files: dict[Path, bytes] | None) -> list[Path]:
    """Files in the vendored directories that the current pins do not produce."""
    keep = set(files) if files is not None else None
    out = []
    for d, expected_dir in ((ASSETS / "vendor" / "mermaid", MERMAID_DIR),):
        if not d.is_dir():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and (p.parent != expected_dir or (keep is not None and p not in keep)):
                out.append(p)
    return out


def check() -> int:
    """Offline consistency check of the committed files (no npm, no network)."""
    required = [SHIM_DIR / "shim.js", SHIM_DIR / "LICENSE", MERMAID_DIR / "mermaid.min.js", MERMAID_DIR / "LICENSE",
                MERMAID_LOADER]
    problems = [f"missing {p.relative_to(ROOT)}" for p in required if not p.is_file()]
    if MERMAID_LOADER.is_file() and f'"{loader_path()}"' not in MERMAID_LOADER.read_text():
        problems.append(f"mermaid-loader.js does not point to {loader_path()}")
    problems += [f"stale file {p.relative_to(ROOT)}" for p in stale(None)]
    for p in problems:
        print("vendor_assets:", p, file=sys.stderr)
    if not problems:
        print("vendor_assets: vendored files are complete and consistent")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify the committed files offline; change nothing")
    args = ap.parse_args(argv)
    if args.check:
        return check()

    with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
        files = planned(Path(tmp))

    changed = 0
    for path, data in files.items():
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed += 1
        print(f"wrote   {path.relative_to(ROOT)} ({len(data):,} B)")
    for path in stale(files):
        path.unlink()
        changed += 1
        print(f"removed {path.relative_to(ROOT)}")
    for parent in (ASSETS / "vendor" / "mermaid",):
        for d in parent.iterdir():
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()

    if MERMAID_LOADER.is_file():
        text = MERMAID_LOADER.read_text()
        new = LOADER_LINE.sub(lambda m: f'{m.group(1)}"{loader_path()}";', text)
        if new != text:
            MERMAID_LOADER.write_text(new)
            changed += 1
            print(f"updated {MERMAID_LOADER.relative_to(ROOT)} -> {loader_path()}")
    else:
        print(f"vendor_assets: warning: {MERMAID_LOADER.relative_to(ROOT)} is missing", file=sys.stderr)

    print(f"mermaid: {len(files[MERMAID_DIR / 'mermaid.min.js']):,} B")
    print("vendor_assets: " + (f"{changed} file(s) changed" if changed else "all files unchanged"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
