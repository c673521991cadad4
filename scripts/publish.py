#!/usr/bin/env python3
"""Check, build and publish the site; nothing is published unless every check passes.

Steps: validate content (sources, front matter) → check references (links
and legal citations) → ``mkdocs build --strict`` into a temporary folder →
verify the built HTML (links, fragments, no other origin) → drop source maps
and unused search languages, pre-compress → add it as a release folder and
switch the ``--out`` symlink to it atomically (``lawsite.release``). Any
problem prints ``path:line:col: what — what to do`` (never a traceback), exits
non-zero (see EXIT_HELP) and leaves the live site untouched.

    python scripts/publish.py                      # build into site/
    python scripts/publish.py --serve              # ... then serve at http://127.0.0.1:8000/
    python scripts/publish.py --check-only         # checks only, no build
    python scripts/publish.py --site-url https://example.gov.vn/boi-thuong-nha-nuoc/ --out /srv/btnn
    python scripts/publish.py --out /srv/btnn --rollback           # back to the previous release
    python scripts/publish.py ... --tarball dist/                  # also write a versioned tarball + .sha256
    python scripts/publish.py --out /srv/btnn --install dist/boi-thuong-nha-nuoc-….tar.gz
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from lawsite import failures, gate, inputs, output, release, reproducible, tarball
from lawsite.problems import ERROR, Problem, ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
OFFLINE_POLYFILL = "assets/vendor/iframe-worker/shim.js"

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
EXIT_NAMES = {EXIT_CONTENT: "content", EXIT_USAGE: "usage", EXIT_ENVIRONMENT: "environment", 130: "interrupted",
              143: "terminated"}
EXIT_HELP = """exit codes:
  0    published (or checked, with --check-only)
  1    content: a page, source, data file, template or mkdocs.yml has a problem (path:line:col: ...)
  2    usage: bad option, an --out publish must not touch, no release to roll back to, a bad tarball
  3    environment: the output location is not writable or the disk is full
  130  interrupted (Ctrl+C), 143 terminated (SIGTERM): the build folder was removed, the live site is unchanged
"""


class Interrupted(BaseException):
    """SIGINT/SIGTERM arrived: unwind through every ``finally`` (they remove the build folder)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


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


def run_gate(stage: str, root: Path, report: Report, args: argparse.Namespace, site_dir: Path | None = None,
             built: gate.Built | None = None) -> None:
    """Run the checks of one stage of the gate (lawsite.gate: one registry, fixed order)."""
    ctx = gate.Context(root, strict_citations=getattr(args, "strict_citations", True), site_url=args.site_url,
                       site_dir=site_dir, built=built)
    report.problems.extend(gate.run(stage, ctx))
    for note in ctx.notes:
        print(note)
    report.links += ctx.links
    report.citations += ctx.citations


def check_hidden_pages(root: Path, report: Report) -> None:
    """A hand-written page at the address of a generated one would hide it. Only for ``--check-only``:
    a build gets the same problems from the hook, which generates the pages anyway (no second time)."""
    from lawsite import site

    report.problems.extend(site.hiding_pages(root, site.generated_pages(site.load_corpus(root))))


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
          public: str | None = None, cfg=None) -> bool:
    """Step 3: ``mkdocs build --strict`` into ``site_dir``; warnings and exceptions become located problems.

    ``public`` (see :func:`public_url`) replaces ``extra.public_url``: the address copied and
    printed, whatever address this build is for (a preview, the offline bundle). ``cfg``: the
    configuration publish already loaded (and validated) for this build, else it is loaded here."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    root = config_file.parent
    cfg = cfg if cfg is not None else load_mkdocs_config(root, site_url, report, offline=offline)
    if cfg is None:
        return False
    cfg["site_dir"] = str(site_dir)
    with _mkdocs_session(offline) as handler:
        try:
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
                report.problems.append(failures.config_problem(str(e), config_file, root))
        except ProblemsFound as e:
            ok = False
            report.problems.extend(e.problems)
        except (KeyboardInterrupt, SystemExit, Interrupted):
            raise
        except Exception as e:  # a template, snippet, hook or the disk: located, never a traceback
            ok = False
            report.problems.append(failures.exception_problem(e, root, config_file))
    docs = config_file.parent / "docs"
    for r in handler.records:
        report.problems.append(locate_mkdocs_warning(r.getMessage(), docs, config_file))
    return ok and not handler.records


@contextmanager
def _mkdocs_session(offline: bool):
    """Collect MkDocs' log messages and set ``OFFLINE`` (read by mkdocs.yml) for one load or build; restore both."""
    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    old = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true" if offline else "false"
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        if old is None:
            os.environ.pop("OFFLINE", None)
        else:
            os.environ["OFFLINE"] = old


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


def build_offline_zip(root: Path, zip_path: Path, site_url: str, report: Report, public: str | None = None) -> None:
    """The offline bundle: a build for file:// (no directory URLs, inlined search index) in a zip.

    A trainer unzips it and opens ``index.html``; navigation and search work
    without a network. Written to a temporary file and renamed, like the site.
    """

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
        write_zip(site_dir, part, int(os.environ.get("SOURCE_DATE_EPOCH") or reproducible.source_date_epoch(root)[0]))
        part.replace(zip_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_mkdocs_config(root: Path, site_url: str, report: Report, offline: bool = False):
    """Read ``mkdocs.yml`` as the build will; every configuration message at its line of ``mkdocs.yml``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = root / "mkdocs.yml"
    with _mkdocs_session(offline) as handler:
        try:
            return load_config(str(config_file), site_url=site_url, strict=True)
        except (MkDocsException, SystemExit) as e:
            messages = [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING] or [str(e)]
            report.problems.extend(failures.config_problem(m, config_file, root) for m in messages)
            return None
        except Exception as e:  # a hook or extension failing to import, a YAML tag error, ...
            report.problems.append(failures.exception_problem(e, root, config_file))
            return None


def search_languages(cfg) -> list[str]:
    for plugin in cfg["plugins"].values():
        lang = getattr(plugin, "config", {}).get("lang") if type(plugin).__name__ == "SearchPlugin" else None
        if lang:
            return list(lang)
    return [cfg["theme"]["language"]]


def release_name(folder: Path) -> str:
    """Folder name of a release: when it was published (clock time is fine here: not part of the site)."""
    digest = tarball.tree_digest(folder)
    now = time.time()
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z-{digest[:8]}"


def _fail(report: Report, code: int, problem: Problem) -> int:
    report.problems.append(problem)
    return code


def write_zip(site_dir: Path, path: Path, epoch: int) -> None:
    """Zip ``site_dir`` (as its folder name) with every entry dated ``epoch``: same sources, same bytes."""
    import zipfile

    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for f in sorted(site_dir.rglob("*")):
            if f.is_file():
                info = zipfile.ZipInfo(str(f.relative_to(site_dir.parent)), date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, f.read_bytes(), compresslevel=9)


def publish(args: argparse.Namespace) -> int:
    """Every step; returns the exit code (see ``--help``)."""
    global _rel_base
    report = Report()
    root = args.root.resolve()
    _rel_base = root
    code = _publish(args, root, report)
    for p in sorted(report.problems):
        print(p, file=sys.stderr)
    seconds = time.perf_counter() - report.started
    if code == EXIT_OK:
        status = ("checked" if args.check_only else f"published to {_rel(Path(os.path.abspath(args.out)))}")
        print(f"{status}: {report.pages} pages, {report.links} links, {report.citations} citations checked, "
              f"{len(report.errors)} errors, {len(report.problems) - len(report.errors)} warnings, {seconds:.2f} s")
    else:
        print(f"FAILED ({EXIT_NAMES[code]}): {len(report.errors)} errors, nothing was published, "
              f"the live site is unchanged, {seconds:.2f} s")
    return code


def _publish(args: argparse.Namespace, root: Path, report: Report) -> int:
    out = Path(os.path.abspath(args.out))
    writes = not args.check_only
    if writes:
        try:
            release.check_out(out, root)
        except release.OutRefused as e:
            return _fail(report, EXIT_USAGE, e.problem)
    if args.rollback:
        return rollback(out, report)
    if args.install:
        return install(args.install.resolve(), out, report)
    _texts, problems = inputs.check(root)
    report.problems.extend(problems)
    if report.errors:
        return EXIT_CONTENT
    cfg = load_mkdocs_config(root, args.site_url, report)
    if cfg is None:
        return EXIT_CONTENT
    try:
        run_gate("source", root, report, args)
        if not report.errors and not writes:
            check_hidden_pages(root, report)
    except (OSError, UnicodeDecodeError, ProblemsFound, RuntimeError, ValueError) as e:
        if isinstance(e, ProblemsFound):
            report.problems.extend(e.problems)
        else:
            report.problems.append(failures.exception_problem(e, root, root / "mkdocs.yml"))
    if report.errors or not writes:
        return EXIT_CONTENT if report.errors else EXIT_OK
    epoch, _ = reproducible.source_date_epoch(root)
    releases = release.Releases(out)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    tmp = live = None
    switched = False
    try:
        releases.prepare()
        releases.remove_stale_builds()
        tmp = releases.new_build_dir()
        public = public_url(args.site_url, args.public_url)
        if build(root / "mkdocs.yml", tmp, args.site_url, report, public=public, cfg=cfg):
            check_and_finish(root, tmp, report, args, search_languages(cfg), releases.current())
        if not report.errors and args.zip:
            build_offline_zip(root, args.zip.resolve(), args.site_url, report, public)
        if report.errors:
            return EXIT_CONTENT
        live = releases.add(tmp, release_name, args.site_url)
        tmp = None
        releases.switch(live)
        switched = True
        releases.prune()
        if args.tarball:
            path, sha = tarball.write(live, args.tarball.resolve(), epoch)
            print(f"tarball: {path} sha256 {sha}")
        return EXIT_OK
    except failures.Environment as e:
        return _fail(report, EXIT_ENVIRONMENT, _cannot_write(releases, e.error))
    except OSError as e:
        return _fail(report, EXIT_ENVIRONMENT, _cannot_write(releases, e))
    finally:
        _discard(releases, tmp, None if switched else live)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def check_and_finish(root: Path, site: Path, report: Report, args: argparse.Namespace, languages: list[str],
                     previous: Path | None) -> None:
    """The gate's output stage on the build, pre-compressing it meanwhile (zlib in threads, see
    lawsite.output.Precompress); source maps and unused search languages are removed first, so the
    checks see exactly the files that go live."""
    output.prepare(site, args.site_url, languages)
    built = gate.Built(root, site)  # listed before any .gz is written
    try:
        with output.Precompress(site, built.files, previous) as gz:
            run_gate("output", root, report, args, site_dir=site, built=built)
            report.pages = sum(1 for p in built.pages if p.name == "index.html")
            if report.errors:
                gz.cancel()
    finally:
        built.close()


def _cannot_write(releases: release.Releases, e: OSError) -> Problem:
    """An OS error while writing the release, reported at the folder publish writes into."""
    name = f" {e.filename}" if e.filename else ""
    return Problem(str(releases.dir), 0, 0, f"cannot write{name}: {e.strerror or e}",
                   "free disk space (df -h), fix the permissions or choose another --out, then publish again; "
                   "the live site is unchanged")


def _discard(releases: release.Releases, *folders: Path | None) -> None:
    """After a failure or a signal: remove the unfinished build and a release that never went live."""
    for folder in folders:
        if folder is not None and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
    releases.discard_if_unused()


def rollback(out: Path, report: Report) -> int:
    """Point ``out`` back at the release before the live one."""
    releases = release.Releases(out)
    previous = releases.previous()
    if previous is None:
        return _fail(report, EXIT_USAGE, Problem(str(out), 0, 0, "there is no earlier release to switch back to",
                                                 f"releases are kept in {releases.dir}"))
    try:
        releases.remove_stale_builds()
        releases.switch(previous)
    except OSError as e:
        return _fail(report, EXIT_ENVIRONMENT, _cannot_write(releases, e))
    print(f"rolled back: {out} -> {previous.name}")
    return EXIT_OK


def install(path: Path, out: Path, report: Report) -> int:
    """Deploy a tarball written by ``--tarball`` (verified by its SHA-256) as a new release."""
    releases = release.Releases(out)
    tmp = live = None
    switched = False
    try:
        releases.prepare()
        releases.remove_stale_builds()
        tmp = releases.new_build_dir()
        tarball.extract(path, tmp)
        if not (tmp / release.MARKER).is_file():
            return _fail(report, EXIT_USAGE, Problem(str(path), 0, 0, "not a site written by publish.py",
                                                     "install only tarballs written by publish.py --tarball"))
        live = releases.add(tmp, release_name)
        tmp = None
        releases.switch(live)
        switched = True
        releases.prune()
    except tarball.BadTarball as e:
        return _fail(report, EXIT_USAGE, e.problem)
    except OSError as e:
        return _fail(report, EXIT_ENVIRONMENT, _cannot_write(releases, e))
    finally:
        _discard(releases, tmp, None if switched else live)
    print(f"installed {path.name}: {out} -> {live.name}")
    return EXIT_OK


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
    ap = argparse.ArgumentParser(description="Check, build and publish the site.", epilog=EXIT_HELP,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "site",
                    help="what the web server serves (default: site/): a symlink to the live release in OUT.releases/")
    ap.add_argument("--site-url", default=DEFAULT_SITE_URL, help="public URL, may include a sub-path")
    ap.add_argument("--public-url", help="address readers copy and print (default: --site-url, or mkdocs.yml "
                    "extra.public_url when --site-url is a local address)")
    ap.add_argument("--serve", action="store_true", help="serve the result at http://127.0.0.1:8000/")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--check-only", action="store_true", help="run the checks without building")
    ap.add_argument("--strict-citations", action=argparse.BooleanOptionalAction, default=True,
                    help="unlinked citations of our instruments in guidance are errors (default: on)")
    ap.add_argument("--zip", type=Path, help="also write the offline bundle (open index.html from file://) to this zip")
    ap.add_argument("--tarball", type=Path, metavar="DIR",
                    help="also write the release as DIR/boi-thuong-nha-nuoc-<date>-<digest>.tar.gz and its .sha256")
    ap.add_argument("--install", type=Path, metavar="TARBALL",
                    help="deploy a tarball written by --tarball (checked by its .sha256) into --out, without building")
    ap.add_argument("--rollback", action="store_true", help="switch --out back to the previous release")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.site_url.endswith("/"):
        args.site_url += "/"
    return args


def _raise_interrupted(signum, _frame):
    raise Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    handlers = {}
    try:
        for sig in EXIT_SIGNAL:
            handlers[sig] = signal.signal(sig, _raise_interrupted)
    except ValueError:  # not the main thread (signals stay as they are)
        pass
    try:
        code = publish(args)
    except (Interrupted, KeyboardInterrupt) as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(f"publish.py: stopped by {signal.Signals(signum).name}; the build folder was removed, "
              "nothing was published, the live site is unchanged", file=sys.stderr)
        return EXIT_SIGNAL[signum]
    finally:
        for sig, old in handlers.items():
            signal.signal(sig, old)
    if code == 0 and args.serve and not args.check_only:
        serve(args.out.resolve(), args.site_url, port=args.port)
    return code


if __name__ == "__main__":
    sys.exit(main())
