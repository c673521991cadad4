"""The site through Apache with deploy/apache-boi-thuong.conf: the same answers as through nginx."""

from __future__ import annotations

import gzip
import http.client

import pytest

pytestmark = pytest.mark.browser

SUBPATH = "/boi-thuong-nha-nuoc/"


def _get(port: int, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


def _paths(site) -> list[str]:
    rel = lambda p: p.relative_to(site).as_posix()  # noqa: E731
    return ["", "luat/dieu-6/", "search/search_index.json", "sitemap.xml", "robots.txt", "khong-co-trang-nay/",
            rel(next(site.glob("assets/javascripts/bundle.*.min.js"))), rel(next(site.glob("assets/stylesheets/main.*.min.css"))),
            rel(next(site.glob("assets/javascripts/workers/search.*.min.js"))), "assets/stylesheets/site.css",
            "assets/favicon.svg", ".lawsite-published"]


HEADERS = ("Content-Encoding", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


def test_apache_sends_what_nginx_sends(server, apache_server):
    for path in _paths(server.site_dir):
        a, a_body = _get(apache_server.port, SUBPATH + path)
        n, n_body = _get(server.port, SUBPATH + path)
        assert a.status == n.status, (path, a.status, n.status)
        for h in HEADERS:
            assert a.getheader(h) == n.getheader(h), (path, h, a.getheader(h), n.getheader(h))
        assert a.getheader("Content-Type", "").split(";")[0] == n.getheader("Content-Type", "").split(";")[0], path
        if a.getheader("Content-Encoding") == "gzip":
            a_body, n_body = gzip.decompress(a_body), gzip.decompress(n_body)
        assert a_body == n_body, path
        assert "Accept-Encoding" in (a.getheader("Vary") or ""), path


def test_apache_redirects_to_the_slash_address(apache_server):
    for path, target in ((SUBPATH.rstrip("/"), SUBPATH), (SUBPATH + "luat/dieu-7", SUBPATH + "luat/dieu-7/")):
        resp, _ = _get(apache_server.port, path)
        assert resp.status == 301 and resp.getheader("Location").endswith(target), (path, resp.getheader("Location"))


def test_a_page_through_apache_is_clean_in_chromium(open_page_at, apache_server):
    page, watch = open_page_at(apache_server.origin)
    resp = page.goto(apache_server.url("luat/dieu-7/#khoan-1"), wait_until="networkidle")
    assert resp is not None and resp.status == 200
    assert page.locator("#khoan-1").count() == 1
    watch.assert_clean()  # no CSP violation, no other origin, no failed request
