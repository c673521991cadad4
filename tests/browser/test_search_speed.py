"""The search engine's fast path gives exactly the results of MiniSearch alone.

To meet the speed budget (issue 10: p95 ≤ 30 ms on a 4x throttled phone; tests/bench/bench_search.py
measures it), search-engine.js scores the query terms the index holds as typed straight from
MiniSearch's index (exactTerms) and sends only typos and the unfinished last syllable through
MiniSearch's search. That reads MiniSearch's internals, so a MiniSearch upgrade could break it
silently: here, on every development question (three ways, finished and still being typed, whole
and cut short), the ranked documents, their scores and matched terms must equal the one-pass
search that sends every term through MiniSearch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench_search import VARIANT_FN, load  # noqa: E402
from search_engine import Engine  # noqa: E402

COMPARE = """(queries) => {
    const E = SiteSearchEngine, engine = window.__engine, out = [];
    for (const [q, partial] of queries) {
        const fast = E.search(engine, q, partial), slow = E.search(engine, q, partial, true);
        const bad = (why) => out.push({q, partial, why});
        if (fast.length !== slow.length) { bad(`${fast.length} results, one-pass ${slow.length}`); continue; }
        for (let i = 0; i < Math.min(30, fast.length); i++) {
            const a = fast[i], b = slow[i];
            if (a.doc.i !== b.doc.i) { bad(`result ${i + 1}: ${a.doc.l}, one-pass ${b.doc.l}`); break; }
            if (Math.abs(a.score - b.score) > 1e-9 * Math.abs(b.score)) { bad(`score of ${a.doc.l}: ${a.score} vs ${b.score}`); break; }
            if ([...a.matched].sort().join() !== [...b.matched].sort().join()) { bad(`terms of ${a.doc.l}`); break; }
        }
    }
    return out;
}"""


@pytest.fixture(scope="module")
def engine(browser, server):
    page = browser.new_page()
    yield Engine(page, server.site_dir)
    page.close()


def test_fast_path_equals_minisearch_alone(engine):
    questions = load("dev")
    assert questions, "tests/bench/questions/dev.yml is missing"
    queries = []
    for q in questions:
        for fn in VARIANT_FN.values():
            text = fn(str(q["q"]))
            queries += [[text, False], [text, True], [text[:12], True]]
    queries += [["tạm ứng", False], ["thoi hieu yeu cau boi thuonh", False], ["dieu 41 khoan 3", False],
                ["boi th", True], ["xyzzy quokka", False], ["ng", True]]
    assert engine.page.evaluate(COMPARE, queries) == []
