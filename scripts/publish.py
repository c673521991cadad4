#!/usr/bin/env python3
"""Check, build and publish the site; nothing is published unless every check passes.

Steps: validate content (sources, front matter) → check references (links
and legal citations) → ``mkdocs build --strict`` into a temporary folder →
verify the built HTML (links, fragments, no other origin) → replace
``--out`` atomically. Any problem prints ``path:line:col: what — what to do``,
exits 1 and leaves the previous output untouched.

    python scripts/publish.py                      # build into site/
    python scripts/publish.py --serve              # ... then serve at http://127.0.0.1:8000/
    python scripts/publish.py --check-only         # checks only, no build
    python scripts/publish.py --site-url https://example.gov.vn/boi-thuong-nha-nuoc/ --out /srv/btnn
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from lawsite import gate, htmlcheck
from lawsite.problems import ERROR, Problem, ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
OFFLINE_POLYFILL = "assets/vendor/iframe-worker/shim.js"


@dataclass
class Report:
    """What a run did, for the summary line."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    citations: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


_rel_base = ROOT


def _rel(path: Path) -> str:
    """Path as authors see it: relative to the project being published."""
    try:
        return str(path.relative_to(_rel_base))
    except ValueError:
        return str(path)


def run_gate(stage: str, root: Path, report: Report, args: argparse.Namespace, site_dir: Path | None = None) -> None:
    """Run the checks of one stage of the gate (lawsite.gate: one registry, fixed order)."""
    ctx = gate.Context(root, strict_citations=getattr(args, "strict_citations", True), site_url=args.site_url,
                       site_dir=site_dir)
    report.problems.extend(gate.run(stage, ctx))
    for note in ctx.notes:
        print(note)
    report.links += ctx.links
    report.citations += ctx.citations


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def public_url(site_url: str, given: str | None = None) -> str | None:
    """The address readers copy and print: ``--public-url``, else ``--site-url`` when it is a real
    address; for a local build (loopback) ``None``: mkdocs.yml's ``extra.public_url`` applies."""
    from urllib.parse import urlsplit

    if given:
        return given if given.endswith("/") else given + "/"
    host = urlsplit(site_url).hostname or ""
    if host in ("localhost", "::1") or host.startswith("127."):
        return None
    return site_url


def build(config_file: Path, site_dir: Path, site_url: str, report: Report, offline: bool = False,
          public: str | None = None) -> bool:
    """Step 3: ``mkdocs build --strict`` into ``site_dir``; warnings become problems.

    ``public`` (see :func:`public_url`) replaces ``extra.public_url``: the address copied and
    printed, whatever address this build is for (a preview, the offline bundle)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    old = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true" if offline else "false"
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), site_url=site_url, strict=True)
        if public:
            cfg["extra"]["public_url"] = public
        if offline:
            # Self-hosted polyfill for search from file:// (Material would fetch it from unpkg).
            cfg["extra"]["polyfills"] = [OFFLINE_POLYFILL]
        mkdocs_build(cfg)
        ok = True
    except MkDocsException as e:
        ok = False
        if not handler.records:
            report.problems.append(Problem(_rel(config_file), 1, 1, f"mkdocs build failed: {e}"))
    except ProblemsFound as e:
        ok = False
        report.problems.extend(e.problems)
    finally:
        log.removeHandler(handler)
        if old is None:
            os.environ.pop("OFFLINE", None)
        else:
            os.environ["OFFLINE"] = old
    docs = config_file.parent / "docs"
    for r in handler.records:
        report.problems.append(locate_mkdocs_warning(r.getMessage(), docs, config_file))
    return ok and not handler.records


RE_DOC_FILE = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an) (?:[\w-]+ )*?link '(?P<link>[^']+)'")


def locate_mkdocs_warning(message: str, docs: Path, config_file: Path) -> Problem:
    """Turn an MkDocs warning into a located problem: find the page and the line of the link it names."""
    m = RE_DOC_FILE.search(message)
    if m and (docs / m["file"]).is_file():
        text = (docs / m["file"]).read_text(encoding="utf-8")
        at = text.find(m["link"])
        line, col = (text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1) if at >= 0 else (1, 1)
        return Problem(_rel(docs / m["file"]), line, col, message.split("\n")[0],
                       "fix the link target, or add the missing page or anchor")
    return Problem(_rel(config_file), 1, 1, f"mkdocs: {message}", "fix the page or setting named in the message")


def replace_atomically(new: Path, out: Path) -> None:
    """Step 5: swap the new build in; the old one is removed only after the swap."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_offline_zip(root: Path, zip_path: Path, site_url: str, report: Report, public: str | None = None) -> None:
    """The offline bundle: a build for file:// (no directory URLs, inlined search index) in a zip.

    A trainer unzips it and opens ``index.html``; navigation and search work
    without a network. Written to a temporary file and renamed, like the site.
    """
    import zipfile

    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".offline-", dir=zip_path.parent))
    try:
        site_dir = tmp / "boi-thuong-nha-nuoc"
        if not build(root / "mkdocs.yml", site_dir, site_url, report, offline=True, public=public):
            return
        before = len(report.errors)
        run_gate("output", root, report, argparse.Namespace(site_url=site_url), site_dir=site_dir)
        if len(report.errors) > before:
            return
        part = tmp / "bundle.zip"
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for f in sorted(site_dir.rglob("*")):
                if f.is_file():
                    zf.write(f, f.relative_to(tmp))
        part.replace(zip_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publish(args: argparse.Namespace) -> int:
    global _rel_base
    report = Report()
    root = args.root.resolve()
    _rel_base = root
    run_gate("source", root, report, args)
    if not report.errors and not args.check_only:
        out = args.out.resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        _umask = os.umask(0)
        os.umask(_umask)
        tmp.chmod(0o777 & ~_umask)  # mkdtemp makes it private; the web server must read the published site
        try:
            public = public_url(args.site_url, args.public_url)
            if build(root / "mkdocs.yml", tmp, args.site_url, report, public=public):
                run_gate("output", root, report, args, site_dir=tmp)
                report.pages = htmlcheck.page_count(tmp)
            if not report.errors and args.zip:
                build_offline_zip(root, args.zip.resolve(), args.site_url, report, public)
            if not report.errors:
                replace_atomically(tmp, out)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    for p in sorted(report.problems):
        print(p, file=sys.stderr)
    seconds = time.perf_counter() - report.started
    status = "FAILED" if report.errors else ("checked" if args.check_only else f"published to {_rel(args.out.resolve())}")
    print(f"{status}: {report.pages} pages, {report.links} links, {report.citations} citations checked, "
          f"{len(report.errors)} errors, {len(report.problems) - len(report.errors)} warnings, {seconds:.2f} s")
    return 1 if report.errors else 0


def serve(out: Path, site_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the published folder under the path of ``site_url`` (e.g. a portal sub-path)."""
    import functools
    import http.server
    from urllib.parse import urlsplit

    prefix = urlsplit(site_url).path or "/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(out / "__missing__")
            return super().translate_path("/" + path[len(prefix):])

        def send_error(self, code, message=None, explain=None):
            page = out / "404.html"
            if code == 404 and page.exists():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    httpd = http.server.ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(out)))
    print(f"serving {out} at http://{host}:{port}{prefix} (Ctrl+C to stop)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Check, build and publish the site.")
    ap.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    ap.add_argument("--site-url", default=DEFAULT_SITE_URL, help="public URL, may include a sub-path")
    ap.add_argument("--public-url", help="address readers copy and print (default: --site-url, or mkdocs.yml "
                    "extra.public_url when --site-url is a local address)")
    ap.add_argument("--serve", action="store_true", help="serve the result at http://127.0.0.1:8000/")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--check-only", action="store_true", help="run the checks without building")
    ap.add_argument("--strict-citations", action=argparse.BooleanOptionalAction, default=True,
                    help="unlinked citations of our instruments in guidance are errors (default: on)")
    ap.add_argument("--zip", type=Path, help="also write the offline bundle (open index.html from file://) to this zip")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.site_url.endswith("/"):
        args.site_url += "/"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    code = publish(args)
    if code == 0 and args.serve and not args.check_only:
        serve(args.out.resolve(), args.site_url, port=args.port)
    return code


if __name__ == "__main__":
    sys.exit(main())
