"""Atomic releases: 20 consecutive deployments under constant requests fail none; --rollback restores.

Build once, deploy many: the site the ``server`` fixture published is packed as a release tarball
(``publish.py --tarball`` format) and a second variant with a changed home page text; the test
deploys them alternately, 20 times, with ``publish.py --out OUT --install …`` (the same
release-folder + symlink switch as a publish), while a thread keeps requesting pages, a
fingerprinted asset and the search index (gzip) from a separate nginx serving OUT with the deploy
config. Every response must be 200 with a complete body. Then ``--rollback`` must bring back the
previous text. Requests go to 127.0.0.1 only, in a bounded loop.
"""

from __future__ import annotations

import gzip
import http.client
import shutil
import threading
import time

import pytest

import publish
from lawsite import output, release, tarball

pytestmark = pytest.mark.browser

SUBPATH = "/boi-thuong-nha-nuoc/"

MARK_B = "Bản phát hành thử B"


def _variant_b(site, dest):
    shutil.copytree(site, dest, symlinks=False)
    index = dest / "index.html"
    text = index.read_text(encoding="utf-8").replace("</h1>", f" · {MARK_B}</h1>", 1)
    assert MARK_B in text
    index.write_text(text, encoding="utf-8")
    (dest / "index.html.gz").unlink()
    output.precompress(dest)
    return dest


def _home(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", SUBPATH)
    body = conn.getresponse().read().decode("utf-8")
    conn.close()
    return body


@pytest.fixture
def www():
    """A folder the web server's workers (nobody) can read, unlike pytest's private tmp_path."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="btnn-www-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_twenty_deployments_under_load_fail_no_request_and_rollback_restores(server, serve_folder, www, tmp_path):
    live = server.site_dir.resolve()
    dist = tmp_path / "dist"
    tar_a, _ = tarball.write(live, dist, 0)
    tar_b, _ = tarball.write(_variant_b(live, tmp_path / "b"), dist, 0)
    out = www / "site"
    assert publish.main(["--out", str(out), "--install", str(tar_a)]) == 0

    site = server.site_dir
    paths = [SUBPATH, SUBPATH + "luat/dieu-6/", SUBPATH + "search/search_index.json",
             SUBPATH + next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()]
    stop = threading.Event()
    server_port: list[int] = []
    counts = {"ok": 0, "failed": []}

    def hammer() -> None:
        conn = None
        deadline = time.monotonic() + 300  # bounded, whatever happens
        i = 0
        while not stop.is_set() and time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", server_port[0], timeout=10)
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                body = resp.read()
                if resp.getheader("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                if resp.status != 200 or not body or (path.endswith("/") and b"</html>" not in body):
                    counts["failed"].append(f"{resp.status} {path} ({len(body)} bytes)")
                else:
                    counts["ok"] += 1
            except (OSError, http.client.HTTPException, EOFError, gzip.BadGzipFile) as e:
                counts["failed"].append(f"{path}: {e!r}")
                conn = None

    with serve_folder(out) as port:
        server_port.append(port)
        threads = [threading.Thread(target=hammer) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            time.sleep(0.3)
            for n in range(20):
                code = publish.main(["--out", str(out), "--install", str(tar_b if n % 2 == 0 else tar_a)])
                assert code == 0
        finally:
            stop.set()
            for t in threads:
                t.join()
        print(f"\n20 deployments: {counts['ok']} requests answered, {len(counts['failed'])} failed")
        assert counts["ok"] > 100
        assert counts["failed"] == [], counts["failed"][:10]
        kept = release.Releases(out).list()
        assert len(kept) == release.KEEP, [p.name for p in kept]

        # the last deployment (n = 19) was A; the one before it B
        assert MARK_B not in _home(port)
        assert publish.main(["--out", str(out), "--rollback"]) == 0
        assert MARK_B in _home(port)
        assert publish.main(["--out", str(out), "--rollback"]) == 0
        assert MARK_B not in _home(port)
