#!/usr/bin/env python3
"""Benchmark: reference checks alone, a plain ``mkdocs build``, and the full publish.

Prints figures and ratios from one process, alternating runs so both see the
same machine state. Targets (issue "Cross-references"): checks under 1 s;
publish with all checks at most 1.2× a plain build of the same docs.

    python tests/bench/bench_publish.py [--runs 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

import publish  # noqa: E402
from lawsite import corpus, gate  # noqa: E402

CPU: dict[str, list[float]] = {"plain": [], "full": []}
"""CPU seconds of this process per run: steadier than wall time when other jobs share the machine."""


def plain_build(out: Path) -> float:
    t, c = time.perf_counter(), time.process_time()
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True))
    CPU["plain"].append(time.process_time() - c)
    return time.perf_counter() - t


def full_publish(out: Path) -> float:
    t, c = time.perf_counter(), time.process_time()
    code = publish.main(["--out", str(out)])
    if code:
        raise SystemExit("publish failed")
    CPU["full"].append(time.process_time() - c)
    return time.perf_counter() - t


def checks_only() -> float:
    """The gate's source stage: manifest, corpus, pages, raw HTML, citations, FAQ numbers..."""
    t = time.perf_counter()
    gate.run("source", gate.Context(ROOT))
    return time.perf_counter() - t


def output_checks(site_dir: Path) -> float:
    """The gate's output stage on a built site: links, ids, origins."""
    t = time.perf_counter()
    gate.run("output", gate.Context(ROOT, site_dir=site_dir, site_url=publish.DEFAULT_SITE_URL))
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    plain, full, chk, html = [], [], [], []
    try:
        plain_build(tmp / "warmup")  # imports, template cache
        CPU["plain"].clear()
        for i in range(args.runs):
            plain.append(plain_build(tmp / f"plain-{i}"))
            full.append(full_publish(tmp / f"site-{i}"))
            corpus._load.cache_clear()
            chk.append(checks_only())
            html.append(output_checks(tmp / f"site-{i}"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = statistics.median
    print(f"runs: {args.runs} (median)")
    print(f"gate, source stage (before build):  {med(chk):.3f} s   target < 1 s")
    print(f"gate, output stage (built site):    {med(html):.3f} s")
    print(f"plain mkdocs build --strict:         {med(plain):.3f} s")
    print(f"publish with all checks:            {med(full):.3f} s")
    print(f"ratio publish / plain build:        {med(full) / med(plain):.2f}   target <= 1.20 (wall time)")
    print(f"CPU: plain {med(CPU['plain']):.3f} s, publish {med(CPU['full']):.3f} s, "
          f"ratio {med(CPU['full']) / med(CPU['plain']):.2f}   target <= 1.20 (process time)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
