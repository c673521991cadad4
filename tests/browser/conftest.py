"""Browser test harness: build the site once, serve it through the deployed nginx config, drive Chromium.

* :func:`build_site` is the single place that knows how the site is built.
* ``server`` (session): the site built for ``http://127.0.0.1:<port>/boi-thuong-nha-nuoc/`` and
  served by nginx with ``deploy/nginx-boi-thuong.conf`` (wrapped by ``deploy/nginx-local.conf``),
  i.e. with the production caching, compression, 404 handling and Content-Security-Policy.
* ``browser`` (session): one headless system Chromium (``/usr/bin/chromium``) via Playwright.
* ``open_page``: a new context + page whose requests to any other origin are aborted and
  recorded, and which records console errors (CSP violations included), page errors, failed
  requests and HTTP error responses. ``watch.assert_clean()`` fails the test if any occurred;
  the fixture checks again at teardown.

Chromium and nginx are required: if one is missing the tests FAIL (CI installs both).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
SUBPATH = "/boi-thuong-nha-nuoc/"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


def build_site(out_dir: Path, site_url: str, *extra: str) -> None:
    """Publish the site into ``out_dir`` for ``site_url``, exactly as the portal team does.

    ``scripts/publish.py --site-url SITE_URL --public-url SITE_URL --out OUT_DIR``: every check runs
    first; the test server stands for the portal, so copied and printed addresses point at it.
    """
    import publish

    code = publish.main(["--site-url", site_url, "--public-url", site_url, "--out", str(out_dir), *extra])
    if code:
        raise RuntimeError(f"publish.py exited {code}; its messages are above")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nginx() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if not found:
        pytest.fail("nginx is not installed; the browser tests serve the site through deploy/nginx-boi-thuong.conf. "
                    "Install it: apt-get install nginx (.ci/run does).", pytrace=False)
    return found


def wait_until_listening(port: int, proc: subprocess.Popen, seconds: float = 10) -> bool:
    """Wait until something accepts connections on 127.0.0.1:``port``; False if ``proc`` died or time ran out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.05)


def render_nginx(root: Path, site_dir: Path, port: int) -> Path:
    """Render the deploy templates into ``root`` (as /etc/nginx/ on a server); return the nginx.conf path."""
    snippets = root / "snippets"
    snippets.mkdir(exist_ok=True)
    snippet = (REPO / "deploy" / "nginx-boi-thuong.conf").read_text().replace("{{SITE_DIR}}", str(site_dir))
    (snippets / "boi-thuong-nha-nuoc.conf").write_text(snippet)
    shutil.copyfile(REPO / "deploy" / "nginx-boi-thuong-headers.conf", snippets / "boi-thuong-nha-nuoc-headers.conf")
    shutil.copyfile(REPO / "deploy" / "nginx-host-headers.conf", snippets / "host-headers.conf")
    conf = (REPO / "deploy" / "nginx-local.conf").read_text()
    conf = conf.replace("{{ROOT}}", str(root)).replace("{{PORT}}", str(port))
    (root / "nginx.conf").write_text(conf)
    (root / "tmp").mkdir(exist_ok=True)
    return root / "nginx.conf"


class NginxError(RuntimeError):
    """nginx rejected the rendered config or did not start; the message carries its log."""


@contextmanager
def _server(name: str, conf: Path, check: list[str], run: list[str], log: Path, port: int,
            extra_logs: tuple[Path, ...] = (), stop_timeout: float = 5) -> Iterator[None]:
    """Test the rendered ``conf`` (``check``), run the server (``run``) until it listens on ``port``, stop it after."""
    test = subprocess.run(check, capture_output=True, text=True)
    if test.returncode:
        raise NginxError(f"{name} -t rejected the rendered config {conf}:\n{test.stderr}")
    with open(log, "wb") as err:
        proc = subprocess.Popen(run, stdout=err, stderr=err)
    try:
        if not wait_until_listening(port, proc):
            text = "".join(f.read_text() for f in (log, *extra_logs))
            raise NginxError(f"{name} did not start on 127.0.0.1:{port}:\n{text}")
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def nginx_serving(nginx: str, root: Path, site_dir: Path, port: int) -> Iterator[None]:
    """Serve ``site_dir`` at 127.0.0.1:``port`` under SUBPATH with the deploy config rendered into ``root``."""
    conf = render_nginx(root, site_dir, port)
    cmd = [nginx, "-p", str(root), "-c", str(conf)]
    with _server("nginx", conf, [*cmd, "-t", "-q"], [*cmd, "-g", "daemon off;"], root / "nginx.stderr", port,
                 (root / "error.log",)):
        yield


def _apache() -> str:
    found = shutil.which("apache2") or next((p for p in ("/usr/sbin/apache2", "/usr/sbin/httpd") if os.access(p, os.X_OK)), None)
    if not found:
        pytest.fail("Apache is not installed; the browser tests also serve the site through deploy/apache-boi-thuong.conf. "
                    "Install it: apt-get install apache2 (.ci/run does).", pytrace=False)
    return found


def render_apache(root: Path, site_dir: Path, port: int) -> Path:
    """Render deploy/apache-local.conf + deploy/apache-boi-thuong.conf into ``root``; return the config path."""
    import grp

    snippet = (REPO / "deploy" / "apache-boi-thuong.conf").read_text().replace("{{SITE_DIR}}", str(site_dir))
    (root / "apache-boi-thuong.conf").write_text(snippet)
    group = next((g for g in ("nogroup", "nobody") if _group_exists(grp, g)), "root")
    conf = (REPO / "deploy" / "apache-local.conf").read_text()
    for key, value in {"ROOT": str(root), "PORT": str(port), "MODULES": "/usr/lib/apache2/modules",
                       "USER": "nobody", "GROUP": group}.items():
        conf = conf.replace("{{" + key + "}}", value)
    (root / "apache.conf").write_text(conf)
    return root / "apache.conf"


def _group_exists(grp, name: str) -> bool:
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


@contextmanager
def apache_serving(apache: str, root: Path, site_dir: Path, port: int) -> Iterator[None]:
    """Serve ``site_dir`` at 127.0.0.1:``port`` under SUBPATH with the Apache deploy config (the tests' own process)."""
    conf = render_apache(root, site_dir, port)
    with _server("apache2", conf, [apache, "-f", str(conf), "-t"], [apache, "-f", str(conf), "-DFOREGROUND"],
                 root / "apache.stderr", port, stop_timeout=10):
        yield


@dataclass
class Server:
    root: Path
    site_dir: Path
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        return self.origin + SUBPATH

    def url(self, path: str = "") -> str:
        return urljoin(self.base, path)

    def csp(self) -> str:
        """The Content-Security-Policy value every response gets (deploy/nginx-boi-thuong-headers.conf)."""
        text = (self.root / "snippets" / "boi-thuong-nha-nuoc-headers.conf").read_text()
        start = text.index('add_header Content-Security-Policy "') + len('add_header Content-Security-Policy "')
        return text[start:text.index('"', start)]


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    nginx = _nginx()
    root = Path(tempfile.mkdtemp(prefix="btnn-browser-"))
    root.chmod(0o755)  # nginx workers may run as another user (nobody) when the tests run as root
    try:
        port = _free_port()
        srv = Server(root=root, site_dir=root / "site", port=port)
        started = time.perf_counter()
        try:
            build_site(srv.site_dir, srv.base)
        except Exception as e:
            pytest.fail(f"building the site for {srv.base} failed: {e!r} (see the log above)", pytrace=False)
        print(f"\nbuilt {srv.base} in {time.perf_counter() - started:.1f}s")
        try:
            with nginx_serving(nginx, root, srv.site_dir, port):
                yield srv
        except NginxError as e:
            pytest.fail(str(e), pytrace=False)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def serve_folder() -> Iterator[Callable]:
    """``with serve_folder(site_dir) as port:`` another nginx with the deploy config, for a folder a test manages."""
    nginx = _nginx()
    roots: list[Path] = []

    @contextmanager
    def _serve(site_dir: Path) -> Iterator[int]:
        root = Path(tempfile.mkdtemp(prefix="btnn-nginx-"))
        root.chmod(0o755)
        roots.append(root)
        port = _free_port()
        with nginx_serving(nginx, root, site_dir, port):
            yield port

    yield _serve
    for root in roots:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def apache_server(server: Server) -> Iterator[Server]:
    """The same built site served by Apache with deploy/apache-boi-thuong.conf (no second build)."""
    apache = _apache()
    root = Path(tempfile.mkdtemp(prefix="btnn-apache-"))
    root.chmod(0o755)
    try:
        srv = Server(root=root, site_dir=server.site_dir, port=_free_port())
        try:
            with apache_serving(apache, root, srv.site_dir, srv.port):
                yield srv
        except NginxError as e:
            pytest.fail(str(e), pytrace=False)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}. Install it: apt-get install chromium (.ci/run does); "
                    "or set CHROMIUM_PATH.", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'", pytrace=False)
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@dataclass
class Watch:
    """Everything a page did that a clean page must not do."""

    origin: str
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)
    checked: bool = False

    def expect_status(self, url: str, status: int) -> None:
        """Declare that ``url`` answers ``status`` (e.g. the 404 test): not a problem then."""
        self.expected_status[url] = status

    def problems(self) -> list[str]:
        return ([f"request to another origin (aborted): {u}" for u in self.external]
                + [f"failed request: {u}" for u in self.failed]
                + [f"HTTP error: {u}" for u in self.http_errors]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"uncaught page error: {m}" for m in self.page_errors])

    def assert_clean(self) -> None:
        self.checked = True
        problems = self.problems()
        assert not problems, "the page was not clean:\n  " + "\n  ".join(problems)

    # event handlers -------------------------------------------------------
    def on_route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            route.continue_()
        else:  # recorded by on_request
            route.abort("blockedbyclient")

    def on_request(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and not url.startswith(self.origin + "/") \
                and url not in self.external:
            self.external.append(url)

    def on_request_failed(self, request) -> None:
        # net::ERR_ABORTED = cancelled by the browser because the page moved on (next goto, close);
        # HTTP errors are caught by on_response, blocked requests by on_request/on_console.
        if request.url not in self.external and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

    def on_response(self, response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.http_errors.append(f"{response.status} {response.url}")

    def on_console(self, msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        if where in self.expected_status and "Failed to load resource" in msg.text:
            return  # Chromium logs every 4xx main document; the test declared it
        self.console_errors.append(f"{msg.text} [{where}]")

    def on_page_error(self, error) -> None:
        self.page_errors.append(str(error))


def watched_context(browser, origin: str, mobile: bool = False, **options):
    """A new browser context whose requests to any origin but ``origin`` are aborted and recorded."""
    watch = Watch(origin=origin)
    if mobile:
        options = {"is_mobile": True, "has_touch": True, **options}
    context = browser.new_context(viewport=MOBILE if mobile else DESKTOP, locale="vi-VN",
                                  service_workers="block", **options)
    context.route("**/*", watch.on_route)
    context.on("request", watch.on_request)
    context.on("requestfailed", watch.on_request_failed)
    context.on("response", watch.on_response)
    context.on("console", watch.on_console)
    context.on("weberror", lambda e: watch.on_page_error(e.error))
    return context, watch


@pytest.fixture
def open_page_at(browser) -> Iterator[Callable]:
    """``open_page_at(origin, mobile=False) -> (page, watch)`` for a server other than ``server`` (Apache)."""
    opened = []

    def _open(origin: str, mobile: bool = False, **options):
        context, watch = watched_context(browser, origin, mobile, **options)
        opened.append(context)
        return context.new_page(), watch

    yield _open
    for context in opened:
        context.close()


@pytest.fixture
def open_page(browser, server: Server) -> Iterator[Callable]:
    """``open_page(mobile=False, **context_options) -> (page, watch)``: desktop 1280x800 or phone 390x844."""
    opened: list[tuple[object, Watch]] = []

    def _open(mobile: bool = False, **options):
        context, watch = watched_context(browser, server.origin, mobile, **options)
        opened.append((context, watch))
        return context.new_page(), watch

    yield _open
    leftovers = []
    for context, watch in opened:
        context.close()
        if not watch.checked:
            leftovers += watch.problems()
    if leftovers:
        pytest.fail("page problems not checked by the test:\n  " + "\n  ".join(leftovers), pytrace=False)
