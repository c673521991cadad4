"""Run the site's real search engine (the browser files, unchanged) in headless Chromium.

Used by the search benchmark (``bench_search.py``) and the floor test: the page loads
``vendor/minisearch/index.js``, ``search-engine.js`` and ``search-worker.js`` from a built
site (the worker file, outside a worker, only defines how results are rendered), builds the
engine from the site's ``search/search_index.json`` exactly as the worker does, and answers
queries with the items the worker would post to Material.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

SCRIPTS = ("assets/vendor/minisearch/index.js", "assets/javascripts/search-engine.js",
           "assets/javascripts/search-worker.js")

SETUP = """(index) => {
    const t0 = performance.now();
    window.__engine = SiteSearchEngine.create(index);
    window.__render = SiteSearchResults(SiteSearchEngine, window.__engine);
    return performance.now() - t0;
}"""

QUERY = """(queries) => queries.map(q => {
    const t0 = performance.now();
    const r = window.__render(q);
    const ms = performance.now() - t0;
    const ranked = r.items.filter(g => !g[0].fallback).map(g => g[0].location);
    return {q, ms, ranked, none: !!r.none};
})"""


class Engine:
    """The engine loaded into ``page`` from ``site_dir`` (a built site)."""

    def __init__(self, page, site_dir: Path):
        self.page = page
        page.goto("about:blank")
        for rel in SCRIPTS:
            page.add_script_tag(content=(site_dir / rel).read_text(encoding="utf-8"))
        index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        self.setup_ms = page.evaluate(SETUP, index)
        self.setup_wall_ms = (time.perf_counter() - t0) * 1000

    def run(self, queries: list[str]) -> list[dict]:
        """For each query: ``{q, ms, ranked: [locations, best first], none: bool}``."""
        return self.page.evaluate(QUERY, queries)

    def ranked(self, query: str) -> list[str]:
        return self.run([query])[0]["ranked"]
