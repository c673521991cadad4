#!/usr/bin/env python3
"""Harvest every citation of the official sources into ``tests/data/law_citations.tsv``.

The table is the golden file of the citation grammar: one row per citation
found in the text of an article (its title included), with the unit being
read and the targets the citation names. Rows carry ``checked=hand`` once a
person has read the citation in the source and confirmed its targets; those
rows are never rewritten by this script.

Usage::

    python scripts/harvest_citations.py            # report differences, exit 1 if any
    python scripts/harvest_citations.py --write    # write the table (keeps hand-checked rows)
    python scripts/harvest_citations.py --survey   # the survey numbers per instrument

A difference between the parser and a hand-checked row is a parser
regression (or a reviewed correction of the table, made by hand).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from lawsite import importer  # noqa: E402
from lawsite.citations import Context, find_citations, survey, target_str  # noqa: E402
from lawsite.instruments import INSTRUMENTS  # noqa: E402
from lawsite.model import VanBan  # noqa: E402

TABLE = ROOT / "tests" / "data" / "law_citations.tsv"
COLUMNS = ("instrument", "article", "clause", "point", "line", "text", "targets", "external", "basis", "checked")


@dataclass(frozen=True)
class Paragraph:
    """A piece of law text and where it is read from."""

    text: str
    ctx: Context
    line: int


def load(key: str, root: Path = ROOT) -> VanBan:
    inst = INSTRUMENTS[key]
    return importer.load(root / "sources" / inst.source, key, inst.expected_articles)


def paragraphs(vb: VanBan) -> Iterator[Paragraph]:
    """Every text of an instrument with its reading context.

    The article title is read at article level. A paragraph that continues a
    point ("Trường hợp ... quy định tại điểm này", Luật Điều 28 khoản 2) is
    read in that point, which is what "điểm này" there means; "khoản này"
    and "Điều này" are unaffected.
    """
    for dieu in vb.dieu.values():
        base = Context(vb.key, dieu=dieu.number, chuong=dieu.chuong, muc=dieu.muc)
        yield Paragraph(dieu.title, base, dieu.line)
        last_point: str | None = None
        current_clause: int | None = None
        for d in dieu.doan:
            if d.khoan != current_clause:
                current_clause, last_point = d.khoan, None
            if d.kind == "diem":
                last_point = d.diem
            ctx = Context(vb.key, dieu=dieu.number, khoan=d.khoan, diem=last_point,
                          chuong=dieu.chuong, muc=dieu.muc)
            yield Paragraph(d.text, ctx, d.line)


def harvest(root: Path = ROOT) -> list[dict[str, str]]:
    """One row per citation found in the three sources, in source order."""
    rows = []
    for key in INSTRUMENTS:
        for para in paragraphs(load(key, root)):
            for c in find_citations(para.text, para.ctx):
                rows.append({
                    "instrument": key,
                    "article": str(para.ctx.dieu),
                    "clause": "" if para.ctx.khoan is None else str(para.ctx.khoan),
                    "point": para.ctx.diem or "",
                    "line": str(para.line),
                    "text": c.text,
                    "targets": "; ".join(target_str(t) for t in c.targets),
                    "external": c.external or "",
                    "basis": c.basis,
                    "checked": "",
                })
    return rows


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_table(rows: list[dict[str, str]], path: Path = TABLE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["instrument"], row["line"], row["text"]


def merge(fresh: list[dict[str, str]], old: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """Fresh rows, with hand-checked rows kept as they are; and the differences found."""
    by_key: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in old:
        by_key.setdefault(_key(row), []).append(row)
    out, diffs = [], []
    for row in fresh:
        prior = by_key.get(_key(row))
        if prior:
            kept = prior.pop(0)
            if kept["targets"] != row["targets"] or kept["external"] != row["external"]:
                diffs.append(f"{row['instrument']} line {row['line']}: {row['text']!r}: table {kept['targets']!r}"
                             f" / parser {row['targets']!r}")
            out.append(kept if kept["checked"] else row)
        else:
            diffs.append(f"{row['instrument']} line {row['line']}: new citation {row['text']!r} → {row['targets']}")
            out.append(row)
    for rows in by_key.values():
        for row in rows:
            diffs.append(f"{row['instrument']} line {row['line']}: citation {row['text']!r} no longer found")
            if row["checked"]:
                out.append(row)
    return out, diffs


def survey_instrument(key: str, root: Path = ROOT) -> dict:
    """:func:`lawsite.citations.survey` summed over every paragraph of an instrument."""
    total: dict = {}
    for para in paragraphs(load(key, root)):
        s = survey(para.text, para.ctx)
        for k, v in s.items():
            if k == "problems":
                total.setdefault(k, []).extend(f"line {para.line}: {msg}" for _, _, msg in v)
            elif isinstance(v, dict):
                sub = total.setdefault(k, {})
                for kk, vv in v.items():
                    sub[kk] = sub.get(kk, 0) + vv
            else:
                total[k] = total.get(k, 0) + v
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the table (hand-checked rows are kept)")
    ap.add_argument("--survey", action="store_true", help="print the survey numbers per instrument")
    args = ap.parse_args(argv)
    if args.survey:
        for key in INSTRUMENTS:
            s = survey_instrument(key)
            print(f"{key}: {s['citations']} citations — {s['internal']} internal (linkable, "
                  f"{s['targets']} targets, {s['links']} links; by basis {s['by_basis']}), "
                  f"{s['external']} to other instruments, {s['unclassified']} unclassified "
                  f"({s['unresolved']} unresolved, {s['orphans']} orphan mentions)")
            for p in s.get("problems", []):
                print("   ", p)
        return 0
    fresh = harvest()
    old = read_table() if TABLE.exists() else []
    rows, diffs = merge(fresh, old)
    for d in diffs:
        print(d)
    if args.write:
        write_table(rows)
        print(f"wrote {len(rows)} rows to {TABLE.relative_to(ROOT)} "
              f"({sum(1 for r in rows if r['checked'])} hand-checked)")
        return 0
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
