#!/usr/bin/env python3
"""Compare search libraries on the development set: MiniSearch (shipped), lunr, FlexSearch.

Each library indexes the same documents with the same Vietnamese terms and gets the same query
analysis, synonyms and "điều N" references (``compare_engines.js``); only indexing and ranking
differ. Printed per library: hit@1 / hit@3 / MRR on ``dev.yml`` as written, without diacritics
and with one typo; index set-up time and p95 query time on a 4x CPU-throttled Chromium; the
library's size gzipped. Only the tuning half is used (never ``heldout.yml``).

    python tests/bench/compare_engines.py [--site DIR]

lunr and FlexSearch are not vendored (the site does not ship them): ``npm pack`` fetches the
pinned versions into a cache folder on first use, checked against their npm integrity.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import bench_search  # noqa: E402
from vendor_assets import Pin, npm_pack  # noqa: E402

TOOLS = Path(os.environ.get("BTNN_TOOLS_CACHE", Path.home() / ".cache" / "boi-thuong-nha-nuoc"))
LUNR = Pin("lunr", "2.3.9", "sha512-zTU3DaZaF3Rt9rhN3uBMGQD3dD2/vFQqnvZCDv4dl5iOzq2IZQqTxu90r4E5J+nP70J3ilqVCrbho2eWaeW8Ow==")
FLEXSEARCH = Pin("flexsearch", "0.8.212",
                 "sha512-wSyJr1GUWoOOIISRu+X2IXiOcVfg9qqBRyCPRUdLMIGJqPzMo+jMRlvE83t14v1j0dRMEaBbER/adQjp6Du2pw==")
LIBRARIES = {"minisearch": None, "lunr": (LUNR, "lunr.min.js"), "flexsearch": (FLEXSEARCH, "dist/flexsearch.bundle.min.js")}


def library_file(pin: Pin, member: str) -> Path:
    out = TOOLS / f"{pin.name}-{pin.version}" / Path(member).name
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp, npm_pack(pin, Path(tmp)) as tar:
            out.write_bytes(tar.extractfile(f"package/{member}").read())
    return out


class Compared:
    """bench_search.score() needs .run(queries) → [{ranked}]: one library behind that interface."""

    def __init__(self, page):
        self.page = page

    def run(self, queries):
        return self.page.evaluate("(qs) => CompareEngines.run(qs)", queries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="an already built site")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, MOBILE, build_site
    from playwright.sync_api import sync_playwright

    tmp = None
    site = args.site
    if site is None:
        tmp = tempfile.TemporaryDirectory(prefix="btnn-compare-")
        site = Path(tmp.name) / "site"
        build_site(site, "http://127.0.0.1:8000/boi-thuong-nha-nuoc/")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    questions = bench_search.load("dev")
    dev = [str(q["q"]) for q in questions]
    shipped = [site / f for f in ("assets/vendor/minisearch/index.js", "assets/javascripts/search-engine.js",
                                  "assets/javascripts/search-worker.js")]
    rows = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, lib in LIBRARIES.items():
                extra = [library_file(*lib)] if lib else []
                size = len(gzip.compress((extra[0] if extra else shipped[0]).read_bytes(), 9))
                context = browser.new_context(viewport=MOBILE)
                page = context.new_page()
                for f in [*extra, *shipped, HERE / "compare_engines.js"]:
                    page.add_script_tag(content=f.read_text(encoding="utf-8"))
                build_ms = page.evaluate("([n, ix]) => CompareEngines.build(n, ix)", [name, index])
                scores = bench_search.score(questions, Compared(page))
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                throttled_build = page.evaluate("([n, ix]) => CompareEngines.build(n, ix)", [name, index])
                Compared(page).run(dev[:5])
                times = sorted(r["ms"] for r in Compared(page).run(dev + [bench_search.no_diacritics(q) for q in dev]))
                context.close()
                rows[name] = {"bytes_gz": size, "build_ms": build_ms, "build_ms_4x": throttled_build,
                              "p95_ms_4x": times[int(0.95 * (len(times) - 1))], "p50_ms_4x": statistics.median(times),
                              "scores": {v: scores[v]["overall"] for v in bench_search.VARIANTS}}
        finally:
            browser.close()
    print(f"\ndev set: {len(questions)} questions\n")
    head = "| library | " + " | ".join(f"{v}: hit@1 / hit@3 / MRR" for v in bench_search.VARIANTS)
    print(head + " | set-up (4x) | p95 query (4x) | gzip |")
    print("|---" * (len(bench_search.VARIANTS) + 4) + "|")
    for name, r in rows.items():
        cells = " | ".join(f"{100 * s['hit1']:.0f} % / {100 * s['hit3']:.0f} % / {s['mrr']:.2f}" for s in r["scores"].values())
        print(f"| {name} | {cells} | {r['build_ms']:.0f} ms ({r['build_ms_4x']:.0f} ms) | {r['p95_ms_4x']:.1f} ms "
              f"| {r['bytes_gz'] / 1024:.1f} KB |")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
