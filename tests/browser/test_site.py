"""The built site as a reader gets it: through nginx (deploy/), in headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SUBPATH = "/boi-thuong-nha-nuoc/"
PAGES = ["", "luat/", "luat/dieu-6/", "luat/chuong-5/", "luat/toan-van/", "nghi-dinh-68-2018/dieu-3/"]
YEAR = 31536000


def _get(server, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile-390"])
def test_fragment_link_scrolls_clause_into_view(open_page, server, mobile):
    page, watch = open_page(mobile=mobile)
    page.goto(server.url("luat/dieu-7/#khoan-1"), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
    box = page.evaluate("""() => {
        const el = document.getElementById('khoan-1');
        if (!el) return null;
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.md-header');
        return {top: r.top, bottom: r.bottom, header: header ? header.getBoundingClientRect().bottom : 0,
                height: innerHeight, scrollY: scrollY};
    }""")
    assert box is not None, "luat/dieu-7/ has no element #khoan-1"
    # in the viewport, and not hidden under Material's fixed header
    assert box["header"] - 1 <= box["top"] < box["height"] - 20, box
    watch.assert_clean()


def test_pages_load_only_from_own_origin_without_errors(open_page, server):
    page, watch = open_page()
    for path in PAGES:
        url = server.url(path)
        resp = page.goto(url, wait_until="networkidle")
        assert resp is not None and resp.status == 200, f"{url}: {resp and resp.status}"
        assert "script-src" in (resp.headers.get("content-security-policy") or ""), f"{url}: no CSP header"
        assert page.locator("html").get_attribute("lang") == "vi"
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.startswith("system-ui"), f"text should use the system font stack, got {family}"
    fonts = [u for u in watch.requests if u.endswith((".woff2", ".woff", ".ttf", ".otf"))]
    assert not fonts, f"no web font is downloaded (budget for slow networks), got {fonts}"
    assert not [u for u in watch.requests if "mermaid" in u], "no page downloads Mermaid (diagrams are built into the HTML)"
    watch.assert_clean()


def test_unknown_url_gets_the_sites_404_page(open_page, server):
    page, watch = open_page()
    url = server.url("khong-co-trang-nay/dieu-999/")
    watch.expect_status(url, 404)
    resp = page.goto(url, wait_until="networkidle")
    assert resp is not None and resp.status == 404
    assert resp.text() == (server.site_dir / "404.html").read_text(encoding="utf-8")
    assert page.locator("html").get_attribute("lang") == "vi"
    # styled by Material (its stylesheet loaded from the sub-path at this depth)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    watch.assert_clean()


def test_404_page_text_is_vietnamese(server):
    html = (server.site_dir / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in html
    assert "Không tìm thấy trang" in html
    assert f'href="{server.base}luat/"' in html  # links work under the sub-path


def test_compression_and_caching_headers(server):
    html = _get(server, SUBPATH)
    assert html.status == 200
    assert html.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in (html.getheader("Vary") or "")
    assert html.getheader("Cache-Control") == "no-cache"

    index = _get(server, SUBPATH + "search/search_index.json")
    assert (index.status, index.getheader("Cache-Control")) == (200, "no-cache")
    assert index.getheader("Content-Encoding") == "gzip"

    site = server.site_dir
    fingerprinted = [next(site.glob("assets/javascripts/bundle.*.min.js")),
                     next(site.glob("assets/stylesheets/main.*.min.css"))]
    for f in fingerprinted:
        resp = _get(server, SUBPATH + f.relative_to(site).as_posix())
        cache = resp.getheader("Cache-Control") or ""
        assert resp.status == 200 and f"max-age={YEAR}" in cache and "immutable" in cache, (f.name, cache)
        assert resp.getheader("Content-Security-Policy"), f"{f.name}: security headers lost in nested location"
    css = _get(server, SUBPATH + "assets/stylesheets/" + fingerprinted[1].name)
    assert css.getheader("Content-Encoding") == "gzip"
    bundle = _get(server, SUBPATH + fingerprinted[0].relative_to(site).as_posix())
    assert bundle.getheader("Content-Encoding") == "gzip"


def test_directory_urls_redirect_relative(server):
    for path, target in ((SUBPATH.rstrip("/"), SUBPATH), (SUBPATH + "luat/dieu-7", SUBPATH + "luat/dieu-7/")):
        resp = _get(server, path)
        assert (resp.status, resp.getheader("Location")) == (301, target)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
NOT_JS_TYPE = re.compile(r"""\btype=["']?(?!["'])(?!(text/javascript|application/javascript|module)\b)""", re.I)


def inline_scripts(html: str) -> list[str]:
    """Text of the inline <script> elements a browser executes (not JSON / JSON-LD data blocks)."""
    return [body for attrs, body in INLINE_SCRIPT.findall(html) if not NOT_JS_TYPE.search(attrs)]


def test_csp_allows_exactly_the_inline_scripts_of_the_build(server):
    directives = (d.strip().split(" ", 1) for d in server.csp().split(";") if d.strip())
    csp = {d[0]: d[1] if len(d) > 1 else "" for d in directives}
    allowed = set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", csp["script-src"]))
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    found: dict[str, list[str]] = {}
    for f in sorted(server.site_dir.rglob("*.html")):
        for script in inline_scripts(f.read_text(encoding="utf-8")):
            digest = "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            found.setdefault(digest, []).append(f.relative_to(server.site_dir).as_posix())
    missing = {h: pages for h, pages in found.items() if h not in allowed}
    assert not missing, ("inline scripts not allowed by the CSP in deploy/nginx-boi-thuong-headers.conf (add the hashes to "
                         "script-src in all three locations, see DEPLOY.md):\n" +
                         "\n".join(f"  '{h}' e.g. {p[0]} ({len(p)} pages)" for h, p in missing.items()))
    unused = allowed - set(found)
    assert not unused, f"script-src hashes that no page needs any more (remove them): {sorted(unused)}"


def test_all_locations_send_the_same_headers(server):
    """Each location with its own add_header includes the host's and the site's header files."""
    text = (Path(server.root) / "snippets" / "boi-thuong-nha-nuoc.conf").read_text()
    text = "\n".join(ln.split("#", 1)[0] if not ln.lstrip().startswith("location") else ln for ln in text.splitlines())
    # each part between two `location` lines that sets a header includes both header files
    parts = [p for p in re.split(r"\n\s*location ", text) if "add_header" in p]
    assert len(parts) >= 3
    for part in parts:
        head = part.split("add_header", 1)[0]
        assert "include snippets/host-headers.conf;" in head and "include snippets/boi-thuong-nha-nuoc-headers.conf;" in head, part
    assert "Content-Security-Policy" not in text, "the CSP belongs in deploy/nginx-boi-thuong-headers.conf only"
    assert urlsplit(server.base).path == SUBPATH


def test_host_headers_survive_and_marker_files_are_hidden(server):
    """HSTS set for the whole host reaches pages and assets of the site; publish's marker is not served."""
    site = server.site_dir
    for path in ("", "luat/dieu-6/", next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix(),
                 "assets/stylesheets/site.css", "khong-co-trang-nay/"):
        resp = _get(server, SUBPATH + path)
        assert (resp.getheader("Strict-Transport-Security") or "").startswith("max-age="), path
        assert "script-src" in (resp.getheader("Content-Security-Policy") or ""), path
    assert _get(server, SUBPATH + ".lawsite-published").status == 404
    assert (site / ".lawsite-published").is_file()


def test_output_has_no_source_maps_or_unused_search_languages_but_robots_and_404_title(server):
    site = server.site_dir
    assert not list(site.rglob("*.map"))
    assert not [f for f in site.rglob("*.min.js") if b"sourceMappingURL" in f.read_bytes()]
    lunr = sorted(f.name for f in (site / "assets" / "javascripts" / "lunr").rglob("*.js"))
    assert lunr == ["lunr.multi.min.js", "lunr.stemmer.support.min.js", "lunr.vi.min.js"], lunr
    robots = _get(server, SUBPATH + "robots.txt")
    assert robots.status == 200
    assert f"Sitemap: {server.base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", (site / "404.html").read_text(encoding="utf-8"))[1]
    assert title.startswith("Không tìm thấy trang"), title
