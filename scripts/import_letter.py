#!/usr/bin/env python3
"""Write (or refresh) a priorities letter file in docs/nhiem-vu-trong-tam/ from the letter as received.

    python scripts/import_letter.py sources/cong-van-628-BTP-BTNN-2024.md
    python scripts/import_letter.py sources/cong-van-123-BTP-BTNN-2025.md --nam 2025
    python scripts/import_letter.py sources/cong-van-628-BTP-BTNN-2024.md --check   # exit 1 if the file drifted

The body of the letter file is the source, unchanged. The front matter is read
from the letter (số hiệu, ngày, cơ quan, người ký, nơi nhận); what only people
can write (title, description, nguyen_van, doi_tuong, can_cu) is kept from the
existing file. New tasks get ``can_cu: []``: publish refuses the letter until
each task has at least one căn cứ (see CONTRIBUTING.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lawsite import priorities
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Create or refresh docs/nhiem-vu-trong-tam/<year>.md from a letter in sources/.")
    ap.add_argument("source", type=Path, help="the letter as received (Markdown), e.g. sources/cong-van-....md")
    ap.add_argument("--nam", type=int, help="year of the priorities (default: the year in 'V/v ... năm YYYY')")
    ap.add_argument("--out", type=Path, help="letter file to write (default: docs/nhiem-vu-trong-tam/<nam>.md)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file differs from what would be written")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = args.root.resolve()
    source = args.source if args.source.is_absolute() else (Path.cwd() / args.source)
    if not source.is_file():
        print(f"{args.source}: no such file", file=sys.stderr)
        return 1
    try:
        # A first pass finds the year when --nam is not given, hence the out path.
        out = args.out or root / "docs" / priorities.SECTION / "x.md"
        text = priorities.import_letter(source, root, args.nam, existing=out if args.out else None)
        if args.out is None:
            nam = next(line.split(":", 1)[1].strip() for line in text.split("\n") if line.startswith("nam:"))
            out = root / "docs" / priorities.SECTION / f"{nam}.md"
            text = priorities.import_letter(source, root, args.nam, existing=out)
    except ProblemsFound as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    shown = out.relative_to(root) if out.is_relative_to(root) else out
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else None
        if current != text:
            print(f"{shown}: differs from {args.source} (run: python scripts/import_letter.py {args.source})", file=sys.stderr)
            return 1
        print(f"{shown}: up to date")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    empty = [line.split(":")[0].strip() for line in text.split("\n") if line.endswith(": []")]
    print(f"wrote {shown}" + (f"; fill in can_cu for: {', '.join(empty)}" if empty else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
