#!/usr/bin/env python3
"""Quality bars of the published site, measured as a reader gets it (nginx config of deploy/, gzip on).

1. Bytes: headless Chromium (Playwright + CDP ``Network.loadingFinished`` ``encodedDataLength``,
   i.e. compressed body + response headers) on the first load of ``luat/dieu-6/`` with an empty
   cache -- everything the page loads until the network is idle: fonts, scripts, search index if
   any -- then on a second page (``luat/dieu-7/``) reached by a click (Material's instant
   navigation, warm cache). Requests the page's CDP session does not see (a worker's) are added
   from Playwright's own request sizes. Targets: first load <= 100 KB, second page <= 15 KB
   (KB = 1024 bytes). Then the first load of every other page type, each with its budget
   (:data:`PAGE_TYPES`): the guide ``huong-dan/`` (its flow diagram is rendered at build time), an
   FAQ page, the case helper ``truong-hop-cua-toi/`` and the home page. With the bytes, two
   load-independent counts of the work a page gives the main thread: its elements, and the
   elements with a ``title`` in the content (with Material's ``content.tooltips``, which we keep off,
   one tooltip component per element would be mounted at load).
2. Lighthouse 12.8.x (npm; installed on first use into a cache folder with
   ``npm install --prefix``), default mobile emulation, ``--runs`` times on the article, the guide,
   the FAQ page and the case helper, interleaved (run i of every page, then run i+1) so that a busy
   machine weighs on all of them alike; the median of each category is reported, with Total
   Blocking Time and the load average (``os.getloadavg``) of each run. Targets: performance >= 95
   (>= 98 on the guide); accessibility, best practices and SEO = 100 (on the article; accessibility
   = 100 on every page).

Writes ``reports/quality.json`` (every figure) and ``reports/QUALITY.md`` (a short table), and
prints the same. ``--check`` exits 1 when a target is missed.

    python tests/bench/measure_quality.py [--runs 5] [--site DIR] [--no-lighthouse] [--check]

``--site DIR`` measures an already published site (built with ``--site-url
http://127.0.0.1:<port>/boi-thuong-nha-nuoc/``; served on that port) instead of publishing one. Needs nginx,
``/usr/bin/chromium`` (or ``CHROMIUM_PATH``) and, for Lighthouse, Node >= 18 with npm.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from conftest import CHROMIUM, CHROMIUM_ARGS, MOBILE, SUBPATH, NginxError, build_site, nginx_serving  # noqa: E402

LIGHTHOUSE_VERSION = "12.8.2"  # the last release that runs on Node 20 (13.x needs Node >= 22.19)
TOOLS = Path(os.environ.get("BTNN_TOOLS_CACHE", Path.home() / ".cache" / "boi-thuong-nha-nuoc"))
FIRST_PAGE = "luat/dieu-6/"
SECOND_PAGE = "luat/dieu-7/"
GUIDE_PAGE = "huong-dan/"  # the page with the flow diagram (rendered at build time, no Mermaid)
KB = 1024
# Every other page type: its first load (empty cache) has a budget; those with a Lighthouse target are
# also measured by Lighthouse. The article page is FIRST_PAGE above (budget first_load_bytes).
PAGE_TYPES = {
    "guide": {"path": GUIDE_PAGE, "label": "the guide (flow diagram rendered at build time, no Mermaid)",
              "bytes": 100 * KB, "performance": 98},
    "faq": {"path": "hoi-dap/thoi-hieu/", "label": "an FAQ page", "bytes": 100 * KB, "performance": 95},
    "helper": {"path": "truong-hop-cua-toi/", "label": "the case helper (its script loads on this page only)",
               "bytes": 130 * KB, "performance": 95},
    "home": {"path": "", "label": "the home page", "bytes": 100 * KB},
}
TARGETS = {
    "first_load_bytes": 100 * KB,
    "second_page_bytes": 15 * KB,
    **{f"{k}_bytes": v["bytes"] for k, v in PAGE_TYPES.items()},
    **{f"{k}_performance": v["performance"] for k, v in PAGE_TYPES.items() if "performance" in v},
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
# Counted in the page after load (load-independent evidence of main-thread work). Tooltips: the
# elements with a title in the content of the HTML as delivered, which Material sees when it mounts
# (elements our scripts add later, such as the copy buttons, get no Material tooltip).
COUNTS_JS = """() => {
  const article = document.querySelector("article") || document.body;
  return {elements: document.getElementsByTagName("*").length, links: article.querySelectorAll("a[href]").length};
}"""


def page_counts(page, url: str) -> dict:
    counts = page.evaluate(COUNTS_JS)
    conn = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=10)
    try:
        conn.request("GET", urlsplit(url).path)
        html = conn.getresponse().read().decode("utf-8")
    finally:
        conn.close()
    article = html[html.find("<article"):html.find("</article>")]
    counts["content_titles"] = len(re.findall(r"<[a-z][^>]*\stitle=", article))
    return counts
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TYPES = ("document", "script", "stylesheet", "font", "fetch/xhr", "other")


KEEP_MARKER = "<!-- kept by measure_quality.py -->"


def resource_type(cdp_type: str | None) -> str:
    t = (cdp_type or "").lower()
    if t in ("xhr", "fetch"):
        return "fetch/xhr"
    return t if t in TYPES else "other"


# --- serving ------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def built_port(site_dir: Path) -> int | None:
    """The port of the local URL the site was built for (from sitemap.xml), if any."""
    m = re.search(r"<loc>http://127\.0\.0\.1:(\d+)" + re.escape(SUBPATH), (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    return int(m[1]) if m else None


@contextmanager
def serving(site_dir: Path, port: int):
    """Serve ``site_dir`` at http://127.0.0.1:<port>/boi-thuong-nha-nuoc/ with the deploy config."""
    root = Path(tempfile.mkdtemp(prefix="btnn-quality-nginx-"))
    root.chmod(0o755)
    try:
        with nginx_serving(shutil.which("nginx") or "/usr/sbin/nginx", root, site_dir.resolve(), port):
            yield f"http://127.0.0.1:{port}{SUBPATH}"
    except NginxError as e:
        raise SystemExit(str(e)) from None
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- bytes --------------------------------------------------------------------------------------

class Transfer:
    """Compressed bytes per request of one page context, from CDP plus Playwright for workers."""

    def __init__(self, context, page, base: str):
        self.base = base
        self.cdp: dict[str, dict] = {}
        self.seen: list = []  # Playwright requests (include dedicated workers' requests)
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)
        session.send("Network.enable")
        context.on("requestfinished", lambda request: self.seen.append(request))
        self.mark = 0

    def _sent(self, e):
        self.cdp.setdefault(e["requestId"], {}).update(url=e["request"]["url"], type=e.get("type"))

    def _response(self, e):
        # response.encodedDataLength: bytes received when the headers were parsed (= header bytes, HTTP/1.1)
        self.cdp.setdefault(e["requestId"], {}).update(type=e.get("type"), status=e["response"]["status"],
                                                       headers=int(e["response"].get("encodedDataLength") or 0))

    def _finished(self, e):
        self.cdp.setdefault(e["requestId"], {})["bytes"] = int(e["encodedDataLength"])

    def take(self) -> list[dict]:
        """Requests finished since the last call: [{url, type, bytes}]."""
        rows, urls = [], set()
        for r in list(self.cdp.values()):
            if r.get("taken") or "bytes" not in r or r.get("url", "").startswith("data:"):
                continue
            r["taken"] = True
            rows.append({"url": r["url"], "type": resource_type(r.get("type")), "bytes": r["bytes"],
                         "headers": min(r.get("headers", 0), r["bytes"])})
            urls.add(r["url"])
        for req in self.seen[self.mark:]:
            if req.url in urls or req.url.startswith("data:"):
                continue
            sizes = req.sizes()
            body, via = sizes["responseBodySize"], "playwright"
            if body <= 0:  # a worker's own script: Chromium reports no size; fetch it the same way
                body, via = compressed_size(req.url), "refetched"
            kind = resource_type(req.resource_type)
            if kind == "other" and urlsplit(req.url).path.endswith(".js"):
                kind = "script"  # loaded by a worker's importScripts()
            rows.append({"url": req.url, "type": kind,
                         "bytes": sizes["responseHeadersSize"] + body, "headers": sizes["responseHeadersSize"], "via": via})
        self.mark = len(self.seen)
        for r in rows:
            r["path"] = r["url"][len(self.base):] if r["url"].startswith(self.base) else r["url"]
        return sorted(rows, key=lambda r: (TYPES.index(r["type"]), -r["bytes"]))


def compressed_size(url: str) -> int:
    """Body bytes of ``url`` as sent to a browser that accepts gzip."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Accept-Encoding": "gzip"})
        return len(conn.getresponse().read())
    finally:
        conn.close()


def summarize(rows: list[dict]) -> dict:
    by_type = {t: sum(r["bytes"] for r in rows if r["type"] == t) for t in TYPES}
    return {"total": sum(by_type.values()), "headers": sum(r["headers"] for r in rows), "by_type": by_type,
            "requests": rows}


def settle(page, quiet_ms: int = 800, timeout_ms: int = 15000) -> None:
    """Wait until fonts are ready and no request has started for ``quiet_ms``."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    try:
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # a long-polling page would still be measured
        pass
    page.wait_for_timeout(quiet_ms)


def measure_bytes(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True, locale="vi-VN",
                                          service_workers="block")
            page = context.new_page()
            transfer = Transfer(context, page, base)
            page.goto(base + FIRST_PAGE)
            settle(page)
            first = summarize(transfer.take())
            first["counts"] = page_counts(page, base + FIRST_PAGE)
            page.evaluate("window.__quality_marker = 1")
            link = page.locator(f'article a[href$="/{SECOND_PAGE.split("/")[-2]}/"]:visible').first
            link.click()
            page.wait_for_url(re.compile(".*/" + re.escape(SECOND_PAGE) + "(#.*)?$"))
            settle(page)
            instant = page.evaluate("window.__quality_marker === 1")
            second = summarize(transfer.take())
            second["instant_navigation"] = instant
            context.close()
            others = {}
            for key, spec in PAGE_TYPES.items():
                context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True, locale="vi-VN",
                                              service_workers="block")
                page = context.new_page()
                transfer = Transfer(context, page, base)
                page.goto(base + spec["path"])
                settle(page)
                others[key] = {"url": base + spec["path"], **summarize(transfer.take()), "counts": page_counts(page, base + spec["path"])}
                context.close()
        finally:
            browser.close()
    return {"first_load": {"url": base + FIRST_PAGE, **first}, "second_page": {"url": base + SECOND_PAGE, **second},
            **others}


# --- Lighthouse ---------------------------------------------------------------------------------

def lighthouse_cli() -> list[str]:
    """``node …/lighthouse/cli/index.js``, installing Lighthouse into the tools cache if missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise SystemExit("Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
    prefix = TOOLS / f"lighthouse-{LIGHTHOUSE_VERSION}"
    cli = prefix / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {prefix}", flush=True)
        subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return [node, str(cli)]


def _lighthouse_once(cli: list[str], url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    load_before = os.getloadavg()[0]
    subprocess.run([*cli, url, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], check=True, env=env)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = {a: round(report["audits"][a]["numericValue"]) for a in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
    metrics["cumulative-layout-shift"] = round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3)
    failing = sorted({a["id"] for c in CATEGORIES if c != "performance" for a in report["categories"][c]["auditRefs"]
                      if a["weight"] and (report["audits"][a["id"]]["score"] or 0) < 1
                      and report["audits"][a["id"]]["scoreDisplayMode"] in ("binary", "numeric")})
    # The main-thread tasks Lighthouse counts as blocking (simulated, after first paint): what TBT is made of.
    long_tasks = [{"url": t["url"].rsplit("/", 1)[-1], "start": round(t["startTime"]), "ms": round(t["duration"])}
                  for t in report["audits"]["long-tasks"]["details"]["items"]]
    return {"scores": scores, "metrics": metrics, "failing_audits": failing, "long_tasks": long_tasks,
            "load_average": round((load_before + os.getloadavg()[0]) / 2, 1),
            "lighthouse": report["lighthouseVersion"], "benchmark_index": report["environment"]["benchmarkIndex"]}


def run_lighthouse(urls: dict[str, str], runs: int, tmp: Path) -> dict[str, dict]:
    """Lighthouse ``runs`` times on each URL, interleaved (run i of every page, then run i+1)."""
    cli = lighthouse_cli()
    results: dict[str, list] = {key: [] for key in urls}
    for i in range(runs):
        for key, url in urls.items():
            r = _lighthouse_once(cli, url, tmp / f"lighthouse-{key}-{i}.json")
            results[key].append(r)
            print(f"  lighthouse {key} run {i + 1}/{runs} (load {r['load_average']}): {r['scores']} {r['metrics']}",
                  flush=True)
    out = {}
    for key, rs in results.items():
        out[key] = {"url": urls[key], "form_factor": "mobile (Lighthouse default: Moto G Power, slow 4G, 4x CPU)",
                    "runs": rs, "median": {c: statistics.median(r["scores"][c] for r in rs) for c in CATEGORIES},
                    "lighthouse": rs[0]["lighthouse"]}
    return out


# --- report -------------------------------------------------------------------------------------

def verdicts(data: dict) -> dict[str, bool]:
    b = data["bytes"]
    out = {"first_load_bytes": b["first_load"]["total"] <= TARGETS["first_load_bytes"],
           "second_page_bytes": b["second_page"]["total"] <= TARGETS["second_page_bytes"],
           **{f"{k}_bytes": b[k]["total"] <= TARGETS[f"{k}_bytes"] for k in PAGE_TYPES}}
    lh = data.get("lighthouse")
    if lh:
        for c in CATEGORIES:
            out[c] = lh["article"]["median"][c] >= TARGETS[c]
        for k, spec in PAGE_TYPES.items():
            if k in lh:
                out[f"{k}_performance"] = lh[k]["median"]["performance"] >= spec["performance"]
                out[f"{k}_accessibility"] = lh[k]["median"]["accessibility"] >= TARGETS["accessibility"]
    return out


def kb(n: int) -> str:
    return f"{n / KB:.1f} KB"


def _runs(lh: dict, category: str) -> str:
    return ", ".join(str(r["scores"][category]) for r in lh["runs"])


def markdown(data: dict) -> str:
    ok = data["verdicts"]
    mark = {True: "✅", False: "❌"}
    b = data["bytes"]
    lh = data.get("lighthouse") or {}
    lines = [
        "# Quality bars",
        "",
        f"Measured {data['measured_at']} by `python tests/bench/measure_quality.py` "
        f"(site served by nginx with `deploy/nginx-boi-thuong.conf`, gzip on; headless Chromium; "
        f"load average {data['load_average']} on {os.cpu_count()} cores at the start). "
        "Figures: `reports/quality.json`.",
        "",
        "| bar | target | measured | |",
        "|---|---|---|---|",
        f"| first load of `{FIRST_PAGE}` (empty cache, everything incl. fonts) | ≤ {kb(TARGETS['first_load_bytes'])} "
        f"| {kb(b['first_load']['total'])} | {mark[ok['first_load_bytes']]} |",
        f"| next page `{SECOND_PAGE}` by instant navigation | ≤ {kb(TARGETS['second_page_bytes'])} "
        f"| {kb(b['second_page']['total'])} | {mark[ok['second_page_bytes']]} |",
    ]
    for k, spec in PAGE_TYPES.items():
        lines.append(f"| first load of {spec['label']}, `{spec['path'] or '/'}` | ≤ {kb(spec['bytes'])} "
                     f"| {kb(b[k]['total'])} | {mark[ok[f'{k}_bytes']]} |")
    if "article" in lh:
        for c in CATEGORIES:
            target = f"≥ {TARGETS[c]}" if c == "performance" else f"= {TARGETS[c]}"
            lines.append(f"| Lighthouse {c}, `{FIRST_PAGE}` mobile (median of {len(lh['article']['runs'])}: "
                         f"{_runs(lh['article'], c)}) | {target} | {lh['article']['median'][c]:g} | {mark[ok[c]]} |")
    for k, spec in PAGE_TYPES.items():
        if k not in lh:
            continue
        for c, target in (("performance", spec["performance"]), ("accessibility", TARGETS["accessibility"])):
            sign = "≥" if c == "performance" else "="
            lines.append(f"| Lighthouse {c}, `{spec['path']}` mobile (median of {len(lh[k]['runs'])}: {_runs(lh[k], c)}) "
                         f"| {sign} {target} | {lh[k]['median'][c]:g} | {mark[ok[f'{k}_{c}']]} |")
    lines += ["", "Compressed transfer (body + headers) per resource type:", "",
              "| type | first load | next page |", "|---|---|---|"]
    for t in TYPES:
        lines.append(f"| {t} | {kb(b['first_load']['by_type'][t])} | {kb(b['second_page']['by_type'][t])} |")
    lines.append(f"| **total** | **{kb(b['first_load']['total'])}** | **{kb(b['second_page']['total'])}** |")
    lines.append(f"| of which response headers | {kb(b['first_load']['headers'])} | {kb(b['second_page']['headers'])} |")
    lines.append(f"| requests | {len(b['first_load']['requests'])} | {len(b['second_page']['requests'])} |")
    lines += ["", "Work each page gives the main thread at load, counted (independent of the machine's load): "
              "elements in the page after load; elements with a `title` in the content as delivered "
              "(Material would mount a tooltip component for each with `content.tooltips`, which is off); links in the content.", "",
              "| page | elements | elements with a title | links |", "|---|---|---|---|"]
    for k, part in (("article", b["first_load"]), *((k, b[k]) for k in PAGE_TYPES)):
        path = FIRST_PAGE if k == "article" else PAGE_TYPES[k]["path"] or "/"
        c = part["counts"]
        lines.append(f"| `{path}` | {c['elements']} | {c['content_titles']} | {c['links']} |")
    if lh:
        lines += ["", "Lighthouse per run (mobile): performance score, Total Blocking Time, LCP, load average "
                  f"during the run; Lighthouse {next(iter(lh.values()))['lighthouse']}.", "",
                  "| page | runs |", "|---|---|"]
        for k, part in lh.items():
            path = FIRST_PAGE if k == "article" else PAGE_TYPES[k]["path"]
            runs = "; ".join(f"{r['scores']['performance']} (TBT {r['metrics']['total-blocking-time']} ms, "
                             f"LCP {r['metrics']['largest-contentful-paint']} ms, load {r['load_average']})"
                             for r in part["runs"])
            lines.append(f"| `{path}` | {runs} |")
    return "\n".join(lines) + "\n"


def print_bytes(name: str, part: dict) -> None:
    print(f"\n{name}: {kb(part['total'])} ({part['total']} B) in {len(part['requests'])} requests, "
          f"of which response headers {part['headers']} B")
    for t in TYPES:
        print(f"  {t:<11} {part['by_type'][t]:>8} B")
    for r in part["requests"]:
        print(f"    {r['bytes']:>8} B  {r['type']:<10} {r['path']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="Lighthouse runs (median reported; scores vary by a few points)")
    ap.add_argument("--site", type=Path, help="measure this published site instead of publishing one")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--reports", type=Path, default=ROOT / "reports", help="where quality.json and QUALITY.md go")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="btnn-quality-"))
    tmp.chmod(0o755)  # nginx workers may run as another user (nobody)
    try:
        # Instant navigation only works when the sitemap's URLs are on the page's origin (port
        # included): the site is built for the very URL it is served at.
        if args.site is None:
            port = _free_port()
            site_dir = tmp / "site"
            build_site(site_dir, f"http://127.0.0.1:{port}{SUBPATH}")
        else:
            site_dir = args.site
            port = built_port(site_dir)
            if port is None:
                raise SystemExit(f"{site_dir} was not built for http://127.0.0.1:<port>{SUBPATH} (publish.py --site-url)")
        with serving(site_dir, port) as base:
            data: dict = {"measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "targets": TARGETS,
                          "load_average": round(os.getloadavg()[0], 1)}
            data["bytes"] = measure_bytes(base)
            print_bytes("first load " + FIRST_PAGE, data["bytes"]["first_load"])
            print_bytes("second page " + SECOND_PAGE + (" (instant navigation)" if data["bytes"]["second_page"]
                                                        ["instant_navigation"] else " (FULL reload)"),
                        data["bytes"]["second_page"])
            for key, spec in PAGE_TYPES.items():
                print_bytes(f"{key} {spec['path'] or '/'}", data["bytes"][key])
            if not args.no_lighthouse:
                urls = {"article": base + FIRST_PAGE,
                        **{k: base + spec["path"] for k, spec in PAGE_TYPES.items() if "performance" in spec}}
                print(f"\nLighthouse, {args.runs} runs of each page, interleaved: {', '.join(urls.values())}", flush=True)
                data["lighthouse"] = run_lighthouse(urls, args.runs, tmp)
        data["verdicts"] = verdicts(data)
        for part in data["bytes"].values():
            for r in part["requests"]:
                r.pop("url", None)
        args.reports.mkdir(parents=True, exist_ok=True)
        (args.reports / "quality.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        md = markdown(data)
        kept = ""  # sections other benchmarks record below the marker (e.g. the publish gate's cost) are kept
        if (args.reports / "QUALITY.md").exists():
            old = (args.reports / "QUALITY.md").read_text(encoding="utf-8")
            kept = old[old.find(KEEP_MARKER):] if KEEP_MARKER in old else ""
        (args.reports / "QUALITY.md").write_text(md + ("\n" + kept if kept else ""), encoding="utf-8")
        print("\n" + md)
        missed = [k for k, v in data["verdicts"].items() if not v]
        print("targets missed: " + ", ".join(missed) if missed else "all targets met")
        return 1 if args.check and missed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
