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
* ``docs/assets/vendor/minisearch/index.js`` (+ ``LICENSE.txt``) -- the search library the
  site's search worker (``docs/assets/javascripts/search-worker.js``) builds its index with
  (UMD build; chosen over lunr and FlexSearch on the benchmark, see reports/QUALITY.md).

Mermaid is no longer vendored: the guide's flowchart is rendered at build time into HTML
(``scripts/lawsite/flowchart.py``), so no page downloads the 1 MB library. Running this script
removes a leftover ``docs/assets/vendor/mermaid/`` folder.

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

MINISEARCH = Pin(
    "minisearch",
    "7.2.0",
    "sha512-dqT2XBYUOZOiC5t2HRnwADjhNS2cecp9u+TJRiJ1Qp/f5qjkeT5APcGPjHw+bz89Ms8Jp+cG4AlE+QZ/QnDglg==",
)

MINISEARCH_DIR = ASSETS / "vendor" / "minisearch"
SHIM_DIR = ASSETS / "vendor" / "iframe-worker"
RETIRED = [ASSETS / "vendor" / "mermaid", ASSETS / "javascripts" / "mermaid-loader.js"]  # no longer vendored


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
    with npm_pack(MINISEARCH, tmp) as tar:
        files[MINISEARCH_DIR / "index.js"] = _member(tar, "dist/umd/index.js")
        files[MINISEARCH_DIR / "LICENSE.txt"] = _member(tar, "LICENSE.txt")
    return files


def stale(files: dict[Path, bytes] | None) -> list[Path]:
    """Files left from assets that are no longer vendored."""
    out = []
    for d in RETIRED:
        if d.is_file():
            out.append(d)
        elif d.is_dir():
            out += [p for p in sorted(d.rglob("*")) if p.is_file()]
    return out


def check() -> int:
    """Offline consistency check of the committed files (no npm, no network)."""
    required = [SHIM_DIR / "shim.js", SHIM_DIR / "LICENSE", MINISEARCH_DIR / "index.js", MINISEARCH_DIR / "LICENSE.txt"]
    problems = [f"missing {p.relative_to(ROOT)}" for p in required if not p.is_file()]
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
    for d in RETIRED:
        if d.is_dir():
            shutil.rmtree(d)

    print("vendor_assets: " + (f"{changed} file(s) changed" if changed else "all files unchanged"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
