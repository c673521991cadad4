#!/usr/bin/env python3
"""Vendor the site's third-party browser assets from the npm registry into ``docs/assets``.

The site must work with no CDN at all (no Google Fonts, no unpkg), so every
third-party file the browser loads is copied into the repository and committed.
A normal build never runs this script and never needs npm; run it only to
(re)create or upgrade the vendored files, then commit the result.

What it writes (versions are pinned below, tarballs are checked against the
pinned npm ``integrity`` before anything is extracted):

* ``docs/assets/fonts/be-vietnam-pro-<version>/`` -- Be Vietnam Pro woff2 files
  (``@fontsource/be-vietnam-pro``), subsets latin + vietnamese, weights 400 and
  700, normal and italic, plus the font's licence as ``OFL.txt``.  The version
  is part of the path, so the web server may cache these files forever.
* ``docs/assets/stylesheets/fonts.css`` -- ``@font-face`` rules (``unicode-range``
  copied from the package, ``font-display: swap``) and
  ``:root{--md-text-font:"Be Vietnam Pro"}`` for Material (``theme.font: false``).
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


FONT = Pin(
    "@fontsource/be-vietnam-pro",
    "5.3.0",
    "sha512-xhAQBGHDxP5BF8IJxedy5MoWUmc1DlPCcZbMLhvnPkf8TaYCbbUVs3LjpuJ4BYdTrdiCLaewNaY8z+owq/FqFw==",
)
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

FONT_FAMILY = "Be Vietnam Pro"
FONT_SLUG = "be-vietnam-pro"
# Order matters: for overlapping unicode-ranges the face declared *last* wins,
# so keep fontsource's order (vietnamese before latin).
FONT_SUBSETS = ("vietnamese", "latin")
FONT_WEIGHTS = (400, 700)  # Material uses 300 only for h1/h2; the browser falls back to 400
# Italic costs 67,824 B on disk but nothing on pages without italic text:
# browsers download a face only when a glyph on the page needs it.
FONT_STYLES = ("normal", "italic")

FONT_DIR = ASSETS / "fonts" / f"{FONT_SLUG}-{FONT.version}"
FONTS_CSS = ASSETS / "stylesheets" / "fonts.css"
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


def font_files() -> list[tuple[str, int, str]]:
    return [(subset, weight, style) for subset in FONT_SUBSETS for weight in FONT_WEIGHTS for style in FONT_STYLES]


def font_name(subset: str, weight: int, style: str) -> str:
    return f"{FONT_SLUG}-{subset}-{weight}-{style}.woff2"


def unicode_range(css: str, subset: str) -> str:
    """The unicode-range of ``subset`` in fontsource's ``400.css`` (one commented block per subset)."""
    m = re.search(rf"/\* {FONT_SLUG}-{subset}-400-normal \*/\s*@font-face\s*{{[^}}]*?unicode-range:\s*([^;]+);", css)
    if not m:
        raise ValueError(f"no unicode-range for subset {subset!r} in fontsource 400.css")
    return m.group(1).strip()


def fonts_css(ranges: dict[str, str]) -> str:
    rel = f"../fonts/{FONT_DIR.name}"
    lines = [
        "/* Generated by scripts/vendor_assets.py -- do not edit.",
        f"   {FONT_FAMILY} {FONT.version} ({FONT.name}), SIL Open Font License 1.1: {rel}/OFL.txt",
        "   Subsets latin + vietnamese; the browser downloads a file only when the page uses",
        "   a character of its unicode-range in that weight/style. */",
    ]
    for subset, weight, style in font_files():
        lines.append(
            "@font-face{"
            f'font-family:"{FONT_FAMILY}";font-style:{style};font-weight:{weight};font-display:swap;'
            f'src:url("{rel}/{font_name(subset, weight, style)}") format("woff2");'
            f"unicode-range:{ranges[subset]}}}"
        )
    lines.append(f':root{{--md-text-font:"{FONT_FAMILY}"}}')
    return "\n".join(lines) + "\n"


def planned(tmp: Path) -> dict[Path, bytes]:
    """Fetch the pinned packages and return {destination: content} for every vendored file."""
    files: dict[Path, bytes] = {}
    with npm_pack(FONT, tmp) as tar:
        css = _member(tar, "400.css").decode()
        ranges = {s: unicode_range(css, s) for s in FONT_SUBSETS}
        for subset, weight, style in font_files():
            name = font_name(subset, weight, style)
            files[FONT_DIR / name] = _member(tar, f"files/{name}")
        files[FONT_DIR / "OFL.txt"] = _member(tar, "LICENSE")
    files[FONTS_CSS] = fonts_css(ranges).encode()
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
    for d, expected_dir in ((ASSETS / "fonts", FONT_DIR), (ASSETS / "vendor" / "mermaid", MERMAID_DIR)):
        if not d.is_dir():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and (p.parent != expected_dir or (keep is not None and p not in keep)):
                out.append(p)
    return out


def check() -> int:
    """Offline consistency check of the committed files (no npm, no network)."""
    fonts = [FONT_DIR / font_name(*f) for f in font_files()]
    others = [FONT_DIR / "OFL.txt", FONTS_CSS, SHIM_DIR / "shim.js", SHIM_DIR / "LICENSE",
              MERMAID_DIR / "mermaid.min.js", MERMAID_DIR / "LICENSE", MERMAID_LOADER]
    problems = [f"missing {p.relative_to(ROOT)}" for p in fonts + others if not p.is_file()]
    if FONTS_CSS.is_file():
        css = FONTS_CSS.read_text()
        problems += [f"fonts.css does not reference {p.name}" for p in fonts if p.name not in css]
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
    for parent in (ASSETS / "fonts", ASSETS / "vendor" / "mermaid"):
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

    fonts = sum(len(d) for p, d in files.items() if p.suffix == ".woff2")
    print(f"fonts: {fonts:,} B in {len(font_files())} woff2 files; "
          f"mermaid: {len(files[MERMAID_DIR / 'mermaid.min.js']):,} B")
    print("vendor_assets: " + (f"{changed} file(s) changed" if changed else "all files unchanged"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
