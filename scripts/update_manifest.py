#!/usr/bin/env python3
"""Record the source texts as they are now in ``sources/MANIFEST.json``, after showing what changed.

Publish refuses any source text that differs from the manifest. When an
official text really changed (a new instrument imported, a correction
published by the issuing body), review the change and run this command: it
prints the textual diff of every changed file (against the recorded version
in the git history) and the units that differ, then writes the manifest.

    python scripts/update_manifest.py           # print the diff, write the manifest
    python scripts/update_manifest.py --check   # print the diff only; exit 1 if anything differs
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lawsite.gate import manifest
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only show the differences; exit 1 if there are any")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = args.root.resolve()
    old, problems = manifest.load(root)
    try:
        new = manifest.build(root)
    except ProblemsFound as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        print("manifest not written: the sources do not parse", file=sys.stderr)
        return 1
    except UnicodeDecodeError as e:
        print(f"sources/: a file is not valid UTF-8 ({e}); manifest not written", file=sys.stderr)
        return 1
    changes = manifest.compare(root, old) if old is not None else problems
    for name, entry in new["files"].items():
        was = (old or {}).get("files", {}).get(name)
        if was and was.get("sha256") == entry["sha256"]:
            continue
        before = manifest.recorded_text(root, was["git_blob"]) if was and was.get("git_blob") else None
        now = (root / "sources" / name).read_text(encoding="utf-8")
        if was is None:
            print(f"new file: sources/{name} ({len(now.splitlines())} lines)")
        elif before is None:
            print(f"changed: sources/{name} (the recorded version is not in the git history; no text diff)")
        else:
            sys.stdout.writelines(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                                       f"a/sources/{name}", f"b/sources/{name}", n=1))
    for name in (old or {}).get("files", {}):
        if name not in new["files"]:
            print(f"removed: sources/{name}")
    for p in changes:
        print(p)
    if not changes:
        print(f"{manifest.MANIFEST}: up to date ({len(new['files'])} files)")
        return 0
    if args.check:
        return 1
    (root / manifest.MANIFEST).write_text(manifest.dump(new), encoding="utf-8")
    print(f"{manifest.MANIFEST}: written ({len(new['files'])} files, {len(changes)} differences recorded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
