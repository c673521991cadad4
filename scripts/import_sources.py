#!/usr/bin/env python3
"""Import the official texts from ``../shared/sources`` into ``sources/``.

The law, decree, circular, the 2024 letter and PROVENANCE.md are copied
byte for byte, after every instrument has been parsed and validated by the
importer (structure, numbering, NFC). If anything is wrong, the error names
file and line and nothing is written. ``--check`` only compares the repo
copy with the shared sources (like a "regenerate and compare" check) and
exits 1 on drift.

The repository's ``sources/`` is what a user of the project builds from;
``../shared/sources`` exists only in the maintainers' workplace. Without it,
``--check`` says so and skips (exit 0); an import, or a ``--from`` folder that
does not exist, is an error with a message (exit 2), never a traceback.

    python scripts/import_sources.py            # import
    python scripts/import_sources.py --check    # verify the repo copy
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from lawsite import glossary, importer, site
    from lawsite.instruments import INSTRUMENTS
    from lawsite.problems import ProblemsFound
except ModuleNotFoundError as e:  # run with a Python that lacks the project's packages
    sys.exit(f"error: Python package '{e.name}' is missing; run `python3 scripts/dev.py test` once (it creates "
             f".venv with the pinned packages), then `.venv/bin/python scripts/import_sources.py`")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FROM = ROOT.parent / "shared" / "sources"
OTHER_FILES = ("PROVENANCE.md", "cong-van-628-BTP-BTNN-2024.md")


def files_to_import() -> list[str]:
    return [i.source for i in INSTRUMENTS.values()] + list(OTHER_FILES)


def validate(src: Path) -> list[str]:
    """Parse every instrument in ``src``; return the problems as strings."""
    problems: list[str] = []
    for inst in INSTRUMENTS.values():
        path = src / inst.source
        if not path.exists():
            problems.append(f"{path}:1:1: missing source file — expected {inst.source} for {inst.short_title}")
            continue
        try:
            importer.load(path, inst.key, inst.expected_articles)
        except ProblemsFound as e:
            problems.extend(str(p) for p in e.problems)
    for name in OTHER_FILES:
        if not (src / name).exists():
            problems.append(f"{src / name}:1:1: missing source file")
    return problems


def import_sources(src: Path, dest: Path) -> None:
    """Validate then copy; raise SystemExit(1) with messages and write nothing on error."""
    problems = validate(src)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"import aborted: {len(problems)} problem(s); nothing was written to {dest}", file=sys.stderr)
        raise SystemExit(1)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest) as tmp:
        for name in files_to_import():
            shutil.copyfile(src / name, Path(tmp) / name)
        for name in files_to_import():
            (Path(tmp) / name).replace(dest / name)
    print(f"imported {len(files_to_import())} files from {src} into {dest}")
    if dest.resolve() == (ROOT / "sources").resolve():
        glossary.write_abbreviations_file(ROOT, site.load_corpus(ROOT).vanban["luat"])
        print(f"regenerated {glossary.ABBR_FILE}")


def missing_source_dir(src: Path) -> str | None:
    """Why ``src`` cannot be read as a folder of official sources, or None if it can."""
    if src.is_dir():
        return None
    return (f"{src}: no such folder — the official sources are only beside the maintainers' checkout "
            f"(../shared/sources); the repository's sources/ is what the site builds from")


def check(src: Path, dest: Path) -> int:
    drift = [n for n in files_to_import()
             if not (dest / n).exists() or (src / n).read_bytes() != (dest / n).read_bytes()]
    for n in drift:
        print(f"{dest / n}:1:1: differs from {src / n} — run: python scripts/import_sources.py", file=sys.stderr)
    return 1 if drift else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="src", type=Path, default=DEFAULT_FROM, help="folder of the official sources")
    ap.add_argument("--to", dest="dest", type=Path, default=ROOT / "sources", help="folder in the repo")
    ap.add_argument("--check", action="store_true", help="only compare the repo copy with the sources")
    args = ap.parse_args(argv)
    why = missing_source_dir(args.src)
    if why and args.check and args.src == DEFAULT_FROM:
        print(f"skipped: {why}. Nothing to compare; pass --from FOLDER to compare with another copy.",
              file=sys.stderr)
        return 0
    if why:
        print(f"error: {why}. Pass --from FOLDER with the official sources.", file=sys.stderr)
        return 2
    if args.check:
        return check(args.src, args.dest)
    import_sources(args.src, args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
