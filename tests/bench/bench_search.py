#!/usr/bin/env python3
"""Search benchmark: the site's real engine on citizens' questions, and its speed and size budgets.

For each question of ``tests/bench/questions/dev.yml`` (the tuning half) and ``heldout.yml``
(the held-back half), typed three ways -- as written, without diacritics, and with one
deterministic typo -- it runs the engine the site ships (``search-engine.js`` + MiniSearch +
the result rendering of ``search-worker.js``, in headless Chromium; :mod:`search_engine`) and
prints hit@1, hit@3 and MRR (over the first 10 results) per category and overall, per half.

Then, on a 4x CPU-throttled Chromium (CDP ``Emulation.setCPUThrottlingRate``, mobile viewport):
the p95 engine time per query, the index set-up time, and -- through nginx with the deploy
config, in Material's real search box -- the time from the last keystroke to the rendered
result list. Finally the bytes: index + engine gzipped as nginx serves them, and the first load
of an article page (``measure_quality.measure_bytes``).

    python tests/bench/bench_search.py [--site DIR] [--halves dev,heldout] [--no-speed] [--json FILE]

``--site DIR``: an already published site (built for http://127.0.0.1:<port>/boi-thuong-nha-nuoc/);
otherwise one is published into a temporary folder. Never tune on ``heldout``: use
``--halves dev`` while tuning.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from search_engine import Engine  # noqa: E402

from lawsite import tokens  # noqa: E402

QUESTIONS = HERE / "questions"
VARIANTS = ("as written", "no diacritics", "one typo")
TOP = 10
# Keyboard neighbours (QWERTY, to the right; Vietnamese phones use it with Telex/VNI)
NEIGHBOUR = dict(zip("qwertyuiopasdfghjklzxcvbnm", "wertyuiopqsdfghjklaxcvbnmz", strict=True))
TARGETS = {"heldout_hit3": 0.90, "heldout_hit1": 0.70, "dev_floor_hit3": 0.85, "p95_ms": 30.0,
           "keystroke_ms": 100.0, "search_bytes": 200 * 1024, "article_first_load": 90 * 1024}


def load(half: str) -> list[dict]:
    path = QUESTIONS / f"{half}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or [] if path.is_file() else []


def no_diacritics(q: str) -> str:
    return tokens.fold(q)


def one_typo(q: str) -> str:
    """Replace the middle letter of the longest word (≥ 4 letters; the first if tied) by its keyboard neighbour."""
    words = [(len(w), -i, w) for i, w in enumerate(q.split()) if sum(c.isalpha() for c in w) >= 4]
    if not words:
        return q
    _, neg_i, word = max(words)
    i = -neg_i
    letters = [k for k, c in enumerate(word) if c.isalpha()]
    pos = letters[len(letters) // 2]
    base = tokens.fold(word[pos]).lower()
    typo = word[:pos] + NEIGHBOUR.get(base, "x") + word[pos + 1:]
    parts = q.split()
    parts[i] = typo
    return " ".join(parts)


VARIANT_FN = {"as written": lambda q: q, "no diacritics": no_diacritics, "one typo": one_typo}


def matches(result: str, target: str) -> bool:
    """A target without '#' matches any result on that page; with '#', that unit or one inside it."""
    page, _, anchor = target.partition("#")
    rpage, _, ranchor = result.partition("#")
    if rpage != page:
        return False
    return not anchor or ranchor == anchor or ranchor.startswith(anchor + "-")


def rank(ranked: list[str], answers: list[str]) -> int | None:
    for i, loc in enumerate(ranked[:TOP], 1):
        if any(matches(loc, a) for a in answers):
            return i
    return None


def score(questions: list[dict], engine: Engine) -> dict:
    """{variant: {"overall": {...}, "by_category": {...}, "misses": [...]}}."""
    out = {}
    for variant in VARIANTS:
        queries = [VARIANT_FN[variant](str(q["q"])) for q in questions]
        runs = engine.run(queries)
        rows = defaultdict(list)
        misses = []
        for q, query, r in zip(questions, queries, runs, strict=True):
            k = rank(r["ranked"], q["answers"])
            rows[q.get("category", "?")].append(k)
            rows["overall"].append(k)
            if k is None or k > 3:
                misses.append({"id": q["id"], "q": query, "rank": k, "top": r["ranked"][:3], "answers": q["answers"]})
        stats = {cat: metrics(ks) for cat, ks in rows.items()}
        out[variant] = {"overall": stats.pop("overall"), "by_category": dict(sorted(stats.items())), "misses": misses}
    return out


def metrics(ks: list[int | None]) -> dict:
    n = len(ks)
    return {"n": n, "hit1": sum(k == 1 for k in ks) / n, "hit3": sum(k is not None and k <= 3 for k in ks) / n,
            "mrr": sum(1 / k for k in ks if k) / n}


def pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def print_scores(half: str, s: dict) -> None:
    print(f"\n== {half} ==")
    print(f"{'category':<22}" + "".join(f"{v:>27}" for v in VARIANTS))
    print(f"{'':<22}" + "   hit@1  hit@3   MRR    n" * len(VARIANTS))
    cats = [*s[VARIANTS[0]]["by_category"], "overall"]
    for cat in cats:
        cells = []
        for v in VARIANTS:
            m = s[v]["overall"] if cat == "overall" else s[v]["by_category"][cat]
            cells.append(f"   {pct(m['hit1']):>5}  {pct(m['hit3']):>5}  {m['mrr']:.2f} {m['n']:>4}")
        print(f"{cat:<22}" + "".join(cells))


# --- speed --------------------------------------------------------------------------------------

def throttle(page, rate: float = 4) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})


def engine_speed(browser, site_dir: Path, queries: list[str]) -> dict:
    from conftest import MOBILE

    context = browser.new_context(viewport=MOBILE)
    try:
        page = context.new_page()
        throttle(page)
        engine = Engine(page, site_dir)
        engine.run(queries[:5])  # warm-up (JIT), as after the first keystrokes
        times = sorted(r["ms"] for r in engine.run(queries))
        return {"setup_ms": engine.setup_ms, "queries": len(times), "p50_ms": statistics.median(times),
                "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))], "max_ms": times[-1]}
    finally:
        context.close()


KEY_PROBE = """() => {
    window.__probe = {key: 0, render: 0};
    document.addEventListener('keyup', () => { window.__probe.key = performance.now(); }, true);
    const list = document.querySelector('.md-search-result__list');
    new MutationObserver(() => { window.__probe.render = performance.now(); }).observe(list, {childList: true});
}"""


def keystroke_latency(browser, base: str, queries: list[str]) -> dict:
    """Material's real box, 4x throttled phone: last keystroke → last change of the result list."""
    from conftest import MOBILE

    context = browser.new_context(viewport=MOBILE, locale="vi-VN", is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        response = page.goto(base + "luat/dieu-6/", wait_until="load")
        if not response or response.status != 200:  # (e.g. 403: nginx's workers cannot read the site folder)
            raise SystemExit(f"{base}luat/dieu-6/: HTTP {response.status if response else '?'} from nginx; "
                             "is the site folder readable by other users (chmod 755)?")
        page.locator('label.md-header__button[for="__search"]').click()  # the search button on a phone
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
        page.keyboard.type("thoi hieu")  # the index is loaded and the engine built (set-up is timed above)
        page.wait_for_selector(".md-search-result__list > li", timeout=120000)
        throttle(page)  # then the phone: 4x slower CPU for every keystroke that follows
        page.evaluate(KEY_PROBE)
        out = []
        for q in queries:
            page.locator("input.md-search__input").fill("")
            page.keyboard.press("Backspace")
            page.wait_for_timeout(300)
            page.keyboard.type(q, delay=120)  # a quick phone typist: ~8 keys per second
            page.wait_for_timeout(1500)
            p = page.evaluate("window.__probe")
            out.append(max(0.0, p["render"] - p["key"]))
        out.sort()
        return {"queries": len(out), "p50_ms": statistics.median(out), "max_ms": out[-1],
                "p95_ms": out[min(len(out) - 1, int(0.95 * len(out)))]}
    finally:
        context.close()


SEARCH_FILES = ("search/search_index.json", "assets/javascripts/search-worker.js",
                "assets/javascripts/search-engine.js", "assets/vendor/minisearch/index.js")


def byte_budget(base: str) -> dict:
    from measure_quality import compressed_size, measure_bytes

    files = {f: compressed_size(base + f) for f in SEARCH_FILES}
    first = measure_bytes(base)["first_load"]
    return {"search_files": files, "search_total": sum(files.values()), "article_first_load": first["total"],
            "article_first_load_search_requests": [u for u in first["requests"] if "search" in str(u)]}


# --- main ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="an already published site (built for 127.0.0.1:<port>/boi-thuong-nha-nuoc/)")
    ap.add_argument("--halves", default="dev,heldout", help="which halves to score (tune with: dev)")
    ap.add_argument("--no-speed", action="store_true", help="skip the throttled timing and byte measurements")
    ap.add_argument("--misses", action="store_true", help="print the questions not in the first three")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, build_site
    from measure_quality import _free_port, built_port, serving
    from playwright.sync_api import sync_playwright

    tmp = None
    site = args.site
    if site is None:
        tmp = tempfile.TemporaryDirectory(prefix="btnn-search-bench-")
        Path(tmp.name).chmod(0o755)  # (mode 700 by default: nginx's workers, user nobody under root, got 403)
        port = _free_port()
        site = Path(tmp.name) / "site"
        build_site(site, f"http://127.0.0.1:{port}/boi-thuong-nha-nuoc/")
    data: dict = {"halves": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            engine = Engine(page, site)
            for half in args.halves.split(","):
                questions = load(half)
                if not questions:
                    print(f"{half}: no questions")
                    continue
                s = score(questions, engine)
                data["halves"][half] = s
                print_scores(half, s)
                if args.misses:
                    for v in VARIANTS:
                        for m in s[v]["misses"]:
                            print(f"  miss [{v}] {m['id']} rank={m['rank']} {m['q'][:90]!r}\n      top={m['top']} want={m['answers']}")
            page.close()
            if not args.no_speed:
                dev = [str(q["q"]) for q in load("dev")]
                data["engine_speed"] = e = engine_speed(browser, site, dev + [no_diacritics(q) for q in dev])
                print(f"\n4x CPU throttle, mobile: index set-up {e['setup_ms']:.0f} ms; query p50 {e['p50_ms']:.1f} ms, "
                      f"p95 {e['p95_ms']:.1f} ms, max {e['max_ms']:.1f} ms ({e['queries']} queries)", flush=True)
                port = built_port(site)
                with serving(site, port) as base:
                    data["keystroke"] = k = keystroke_latency(browser, base, [no_diacritics(q)[:40] for q in dev[:8]])
                print(f"last keystroke → results rendered (Material's box, nginx, 4x throttle): p50 {k['p50_ms']:.0f} ms, "
                      f"p95 {k['p95_ms']:.0f} ms, max {k['max_ms']:.0f} ms ({k['queries']} queries)", flush=True)
        finally:
            browser.close()
    if not args.no_speed:  # (measure_bytes drives its own Playwright: outside the block above)
        with serving(site, built_port(site)) as base:
            data["bytes"] = b = byte_budget(base)
        print("bytes (gzip, as served): " + ", ".join(f"{f.rsplit('/', 1)[-1]} {n / 1024:.1f} KB"
                                                      for f, n in b["search_files"].items())
              + f"; total {b['search_total'] / 1024:.1f} KB; article first load {b['article_first_load'] / 1024:.1f} KB")
    if args.json:
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
