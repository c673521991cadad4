"""Fault suite, location/environment/config part: every fault is refused with its source location.

Each row is a generator: it seeds one fault (editing the project copy, creating a bad
``--out``, mocking an ``OSError``) and yields ``(extra args, where, message part)``; the
seeding is undone afterwards. :func:`harness.assert_refused` checks the exit code, the
located message, no traceback, the live site byte-identical and no leftovers.
Faults that need a build, or a real signal, are at the end, outside the table.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from lawsite import release

from .harness import ROOT, Project, assert_refused, run, snapshot

CONTENT, USAGE, ENVIRONMENT = 1, 2, 3
PAGE = "docs/gioi-thieu/quy-uoc.md"
DATA = "data/van-ban-huong-dan.yml"
LAW = "sources/luat-10-2017-qh14.md"


@dataclass
class Ctx:
    project: Project
    live: Path
    tmp: Path
    tarball: Path
    monkeypatch: pytest.MonkeyPatch

    def line_of(self, rel: str, needle: str) -> int:
        text = (self.project / rel).read_text(encoding="utf-8")
        return text[: text.index(needle)].count("\n") + 1


FAULTS: list[tuple[str, str, int, object]] = []


def fault(kind: str, code: int):
    def deco(fn):
        FAULTS.append((fn.__name__.replace("_", "-"), kind, code, contextlib.contextmanager(fn)))
        return fn
    return deco


def replace(old: bytes, new: bytes):
    def change(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new, 1)
    return change


def append(text: str):
    return lambda data: data.rstrip(b"\n") + b"\n\n" + text.encode() + b"\n"


def fail_on(monkeypatch, module, name: str, err: int, when=lambda *a, **k: True):
    """Make ``module.name`` raise OSError(err) when ``when(*args)`` holds."""
    real = getattr(module, name)

    def fake(*args, **kwargs):
        if when(*args, **kwargs):
            raise OSError(err, os.strerror(err), str(args[0]) if args else None)
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, fake)


# --- output location (exit 2): publish never touches what it did not publish -----------------------

@fault("output location", USAGE)
def out_is_the_project(c):
    yield ["--out", str(c.project.root)], str(c.project.root), "is the project folder or contains it"


@fault("output location", USAGE)
def out_contains_the_project(c):
    yield ["--out", str(c.project.root.parent)], str(c.project.root.parent), "contains it"


@fault("output location", USAGE)
def out_is_filesystem_root(c):
    yield ["--out", "/"], "/", "contains it"


def _inside(folder: str, extra: str = ""):
    def gen(c):
        target = c.project / folder / extra if extra else c.project / folder
        yield ["--out", str(target)], str(target), f"inside the project's {folder}/ folder"
    return gen


for _folder, _extra in [("docs", ""), ("docs", "site"), ("sources", ""), ("data", ""), ("overrides", "x"),
                        ("scripts", ""), ("hooks", ""), ("includes", ""), ("tests", "out")]:
    FAULTS.append((f"out-inside-{_folder}{'-' + _extra if _extra else ''}", "output location", USAGE,
                   contextlib.contextmanager(_inside(_folder, _extra))))


@fault("output location", USAGE)
def out_is_a_file(c):
    f = c.tmp / "notes.txt"
    f.write_text("someone's notes")
    yield ["--out", str(f)], str(f), "is a file"
    assert f.read_text() == "someone's notes"


@fault("output location", USAGE)
def out_holds_a_git_checkout(c):
    d = c.tmp / "checkout"
    (d / ".git").mkdir(parents=True)
    (d / "README").write_text("x")
    yield ["--out", str(d)], str(d), "holds a .git folder"
    assert (d / "README").read_text() == "x"


@fault("output location", USAGE)
def out_is_a_git_checkout_with_marker(c):
    d = c.tmp / "checkout"
    (d / ".git").mkdir(parents=True)
    (d / release.MARKER).write_text("x")
    yield ["--out", str(d)], str(d), "holds a .git folder"


@fault("output location", USAGE)
def out_is_a_folder_of_other_files(c):
    d = c.tmp / "www"
    d.mkdir()
    (d / "index.html").write_text("the ministry's portal")
    yield ["--out", str(d)], str(d), "files publish did not write"
    assert (d / "index.html").read_text() == "the ministry's portal"


@fault("output location", USAGE)
def out_holds_only_a_hidden_file(c):
    d = c.tmp / "www"
    d.mkdir()
    (d / ".htaccess").write_text("Require all granted")
    yield ["--out", str(d)], str(d), "files publish did not write"


@fault("output location", USAGE)
def out_is_a_symlink_elsewhere(c):
    d = c.tmp / "elsewhere"
    d.mkdir()
    (d / "a.txt").write_text("a")
    link = c.tmp / "site"
    link.symlink_to(d)
    yield ["--out", str(link)], str(link), "not a release of this publish"
    assert link.readlink() == d and (d / "a.txt").exists()


@fault("output location", USAGE)
def out_is_a_symlink_to_a_file(c):
    f = c.tmp / "f.txt"
    f.write_text("f")
    link = c.tmp / "site"
    link.symlink_to(f)
    yield ["--out", str(link)], str(link), "not a release of this publish"


@fault("output location", USAGE)
def out_is_a_dangling_symlink(c):
    link = c.tmp / "site"
    link.symlink_to(c.tmp / "gone")
    yield ["--out", str(link)], str(link), "not a release of this publish"


@fault("output location", USAGE)
def out_symlink_into_a_foreign_releases_folder(c):
    rel = c.tmp / "site.releases" / "r1"
    rel.mkdir(parents=True)
    link = c.tmp / "site"
    link.symlink_to(rel)
    yield ["--out", str(link)], str(link), "not a release of this publish"


@fault("output location", USAGE)
def releases_folder_not_ours(c):
    (c.tmp / "site.releases").mkdir()
    (c.tmp / "site.releases" / "keep.txt").write_text("k")
    yield ["--out", str(c.tmp / "site")], str(c.tmp / "site.releases"), "was not made by publish"
    assert (c.tmp / "site.releases" / "keep.txt").exists()


@fault("output location", USAGE)
def releases_name_is_a_file(c):
    (c.tmp / "site.releases").write_text("k")
    yield ["--out", str(c.tmp / "site")], str(c.tmp / "site.releases"), "was not made by publish"


@fault("rollback", USAGE)
def rollback_without_an_earlier_release(c):
    yield ["--out", str(c.live), "--rollback"], str(c.live), "no earlier release"


# --- tarball install (exit 2 for a bad file) ----------------------------------------------------------

def _copy_tarball(c, data: bytes | None = None, sums: str | None = None) -> Path:
    dest = c.tmp / c.tarball.name
    dest.write_bytes(c.tarball.read_bytes() if data is None else data)
    if sums != "":
        sha = sums or c.tarball.with_name(c.tarball.name + ".sha256").read_text()
        dest.with_name(dest.name + ".sha256").write_text(sha)
    return dest


@fault("tarball", USAGE)
def install_missing_file(c):
    p = c.tmp / "nope.tar.gz"
    yield ["--out", str(c.live), "--install", str(p)], str(p), "no such file"


@fault("tarball", USAGE)
def install_without_checksum(c):
    p = _copy_tarball(c, sums="")
    yield ["--out", str(c.live), "--install", str(p)], str(p) + ".sha256", "checksum file is missing"


@fault("tarball", USAGE)
def install_damaged_tarball(c):
    data = bytearray(c.tarball.read_bytes())
    data[len(data) // 2] ^= 0xFF
    p = _copy_tarball(c, bytes(data))
    yield ["--out", str(c.live), "--install", str(p)], str(p), "the file is damaged or was changed"


def _tar_with(c, names: dict[str, bytes]) -> Path:
    import hashlib
    import io
    p = c.tmp / "evil.tar.gz"
    with tarfile.open(p, "w:gz") as tar:
        for name, body in names.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    p.with_name(p.name + ".sha256").write_text(hashlib.sha256(p.read_bytes()).hexdigest() + f"  {p.name}\n")
    return p


@fault("tarball", USAGE)
def install_tarball_escaping_its_folder(c):
    p = _tar_with(c, {"boi-thuong-nha-nuoc/../../evil.txt": b"x"})
    yield ["--out", str(c.live), "--install", str(p)], str(p), "unexpected entry"
    assert not (c.tmp.parent / "evil.txt").exists()


@fault("tarball", USAGE)
def install_tarball_of_another_site(c):
    p = _tar_with(c, {"boi-thuong-nha-nuoc/index.html": b"<p>not ours</p>"})
    yield ["--out", str(c.live), "--install", str(p)], str(p), "not a site written by publish.py"


@fault("tarball", USAGE)
def install_not_a_tarball(c):
    import hashlib
    p = c.tmp / "x.tar.gz"
    p.write_bytes(b"PK\x03\x04 a zip, not a tarball")
    p.with_name(p.name + ".sha256").write_text(hashlib.sha256(p.read_bytes()).hexdigest() + "  x.tar.gz\n")
    yield ["--out", str(c.live), "--install", str(p)], str(p), "not a readable tarball"


# --- environment (exit 3): unwritable or full output location ------------------------------------------

def _under(folder: Path):
    """A new folder under ``folder`` (like a full disk: creating an existing one still says it exists)."""
    return lambda *a, **k: bool(a) and str(a[0]).startswith(str(folder)) and not os.path.exists(a[0])


@fault("environment", ENVIRONMENT)
def disk_full_creating_the_build_folder(c):
    fail_on(c.monkeypatch, os, "mkdir", errno.ENOSPC, _under(c.live.parent))
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "No space left on device"


@fault("environment", ENVIRONMENT)
def output_location_not_writable(c):
    fail_on(c.monkeypatch, os, "mkdir", errno.EACCES, _under(c.live.parent))
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "Permission denied"


@fault("environment", ENVIRONMENT)
def output_location_read_only(c):
    fail_on(c.monkeypatch, os, "mkdir", errno.EROFS, _under(c.live.parent))
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "Read-only file system"


@fault("environment", ENVIRONMENT)
def quota_exceeded_creating_the_build_folder(c):
    fail_on(c.monkeypatch, os, "mkdir", errno.EDQUOT, _under(c.live.parent))
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "quota exceeded"


@fault("environment", ENVIRONMENT)
def disk_full_writing_files(c):
    import io
    real = io.open

    def fake(file, mode="r", *a, **k):
        if "w" in mode and str(file).startswith(str(c.live.parent)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real(file, mode, *a, **k)
    c.monkeypatch.setattr(io, "open", fake)
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "No space left"


@fault("environment", ENVIRONMENT)
def disk_full_creating_the_new_link(c):
    fail_on(c.monkeypatch, os, "symlink", errno.ENOSPC)
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "No space left"


@fault("environment", ENVIRONMENT)
def io_error_switching_the_link(c):
    fail_on(c.monkeypatch, os, "replace", errno.EIO, lambda *a, **k: ".link-" in str(a[0]))
    yield ["--out", str(c.live), "--install", str(c.tarball)], str(c.live.parent / "site.releases"), "Input/output error"


@fault("environment", ENVIRONMENT)
def rollback_cannot_switch(c):
    fail_on(c.monkeypatch, os, "symlink", errno.EACCES)
    prev = c.live.parent / "site.releases" / "00000000T000000Z-fake"
    prev.mkdir()
    (prev / release.MARKER).write_text("x")
    try:
        yield ["--out", str(c.live), "--rollback"], str(c.live.parent / "site.releases"), "Permission denied"
    finally:
        (prev / release.MARKER).unlink()
        prev.rmdir()


# --- signals during a deploy (in-process: the signal arrives while the tarball is unpacked) -------------

def _signal_during(c, module, name, signum):
    real = getattr(module, name)

    def fake(*a, **k):
        os.kill(os.getpid(), signum)
        time.sleep(0.5)  # the handler runs at the next bytecode
        return real(*a, **k)
    c.monkeypatch.setattr(module, name, fake)


@fault("signal", 143)
def sigterm_while_unpacking(c):
    from lawsite import tarball
    _signal_during(c, tarball, "extract", signal.SIGTERM)
    yield ["--out", str(c.live), "--install", str(c.tarball)], "publish.py", "stopped by SIGTERM"


@fault("signal", 130)
def ctrl_c_while_unpacking(c):
    from lawsite import tarball
    _signal_during(c, tarball, "extract", signal.SIGINT)
    yield ["--out", str(c.live), "--install", str(c.tarball)], "publish.py", "stopped by SIGINT"


@fault("signal", 143)
def sigterm_before_the_switch(c):
    _signal_during(c, release.Releases, "switch", signal.SIGTERM)
    yield ["--out", str(c.live), "--install", str(c.tarball)], "publish.py", "stopped by SIGTERM"


@fault("signal", 130)
def keyboard_interrupt_without_handler(c):
    from lawsite import tarball

    def boom(*a, **k):
        raise KeyboardInterrupt
    c.monkeypatch.setattr(tarball, "extract", boom)
    yield ["--out", str(c.live), "--install", str(c.tarball)], "publish.py", "stopped by SIGINT"


# --- input files that cannot be read (exit 1, before any reader parses them) ----------------------------

def _bad_utf8(rel: str, needle: bytes, where_col: int | None = None):
    def gen(c):
        text = (c.project / rel).read_bytes()
        at = text.index(needle)
        line = text[:at].count(b"\n") + 1
        col = len(text[text.rfind(b"\n", 0, at) + 1:at].decode()) + 1
        with c.project.edit(rel, replace(needle, b"\xff\xfe" + needle)):
            yield [], f"{rel}:{line}:{col}", "not valid UTF-8"
    return gen


for _rel, _needle in [(PAGE, "Mỗi điều".encode()), (LAW, "#### Điều 2.".encode()), (DATA, b"nd68:"),
                      ("mkdocs.yml", b"site_name:"), ("overrides/main.html", b"{% block extrahead %}"),
                      ("includes/thuat-ngu.md", b"*["), ("overrides/404.html", b"<h1>"),
                      ("docs/hoi-dap/thoi-hieu.md", "thời hiệu".encode())]:
    FAULTS.append((f"invalid-utf8-{_rel.replace('/', '-')}", "invalid UTF-8", CONTENT,
                   contextlib.contextmanager(_bad_utf8(_rel, _needle))))


@fault("invalid UTF-8", CONTENT)
def latin1_letter_mid_line(c):
    line = c.line_of(PAGE, "Mỗi điều")
    with c.project.edit(PAGE, replace("Mỗi điều".encode(), b"M\xe9i \xf0i\xe1u")):
        yield [], f"{PAGE}:{line}:2", "byte 0xe9"


def _bad_yaml(rel: str, needle: bytes, new: bytes, message: str, line_offset: int = 0):
    def gen(c):
        text = (c.project / rel).read_bytes()
        line = text[: text.index(needle)].count(b"\n") + 1 + line_offset
        with c.project.edit(rel, replace(needle, new)):
            yield [], f"{rel}:{line}", message
    return gen


for _id, _rel, _old, _new, _msg, _off in [
    ("data-bad-indent", DATA, b"  3:\n    luat:", b"  3:\n   luat:", "not valid YAML", 2),
    ("data-tab-indent", DATA, b"  3:\n    luat:", b"  3:\n\tluat:", "not valid YAML", 1),
    ("data-colon-in-value", DATA, b"    can_cu: tieu_de", b"    can_cu: tieu_de: x", "not valid YAML", 0),
    ("data-unclosed-bracket", DATA, b"luat: [\xc4\x90i\xe1\xbb\x81u 23]", b"luat: [\xc4\x90i\xe1\xbb\x81u 23\n  4: x", "not valid YAML", 1),
    ("mkdocs-bad-indent", "mkdocs.yml", b"  name: material", b"   name: material\n  x", "mkdocs.yml is not valid YAML", 1),
    ("mkdocs-colon-in-value", "mkdocs.yml", b"site_url: http:", b"site_url: x: http:", "not valid YAML", 0),
    ("mkdocs-tab", "mkdocs.yml", b"  name: material", b"\tname: material", "not valid YAML", 0),
]:
    FAULTS.append((f"broken-yaml-{_id}", "broken YAML", CONTENT,
                   contextlib.contextmanager(_bad_yaml(_rel, _old, _new, _msg, _off))))


@fault("broken YAML", CONTENT)
def data_unclosed_quote(c):
    """A quote opened and never closed: reported where it opens, not at the end of the file."""
    line = (c.project / DATA).read_bytes().rstrip(b"\n").count(b"\n") + 3
    with c.project.edit(DATA, append('ghi_chu: "chưa đóng ngoặc')):
        yield [], f"{DATA}:{line}:10", "never closed"


@fault("missing file", CONTENT)
def missing_law_source(c):
    with c.project.edit(LAW, lambda d: None):  # reported by the gate's manifest check
        yield [], "sources/MANIFEST.json:1", "luat-10-2017-qh14.md"


@fault("missing file", CONTENT)
def missing_decree_source(c):
    with c.project.edit("sources/nd-68-2018.md", lambda d: None):
        yield [], "sources/MANIFEST.json:1", "nd-68-2018.md"


@fault("missing file", CONTENT)
def missing_data_file(c):
    with c.project.edit(DATA, lambda d: None):
        yield [], DATA, "missing"


@fault("missing file", CONTENT)
def missing_mkdocs_yml(c):
    with c.project.edit("mkdocs.yml", lambda d: None):
        yield [], "mkdocs.yml", "configuration is missing"


# --- snippets, templates, hidden pages ---------------------------------------------------------------

@fault("missing snippet", CONTENT)
def missing_snippet_in_a_page(c):
    text = (c.project / PAGE).read_text(encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 3
    with c.project.edit(PAGE, append('--8<-- "includes/khong-co.md"')):
        yield [], f"{PAGE}:{line}:9", "snippet 'includes/khong-co.md' does not exist"


@fault("missing snippet", CONTENT)
def missing_snippet_block_form(c):
    text = (c.project / PAGE).read_text(encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 4
    with c.project.edit(PAGE, append("--8<--\nincludes/mat-roi.md\n--8<--")):
        yield [], f"{PAGE}:{line}:1", "snippet 'includes/mat-roi.md' does not exist"


@fault("missing snippet", CONTENT)
def missing_auto_appended_snippet(c):
    line = c.line_of("mkdocs.yml", "- includes/thuat-ngu.md")
    with c.project.edit("mkdocs.yml", replace(b"- includes/thuat-ngu.md", b"- includes/thuat-ngu-cu.md")):
        yield [], f"mkdocs.yml:{line}:11", "auto_append: 'includes/thuat-ngu-cu.md' does not exist"


@fault("template syntax", CONTENT)
def template_unclosed_block(c):
    with c.project.edit("overrides/main.html", replace(b"{% endblock %}", b"", )) as path:
        end = path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1  # Jinja notices at the end of the file
        yield [], f"overrides/main.html:{end}", "needs to be closed is 'block'"


@fault("template syntax", CONTENT)
def template_misspelt_end_tag(c):
    line = c.line_of("overrides/404.html", "{% endblock %}\n{% block content")
    with c.project.edit("overrides/404.html", replace(b"{% endblock %}\n{% block content", b"{% endblok %}\n{% block content")):
        yield [], f"overrides/404.html:{line}:1", "template syntax error"


@fault("template syntax", CONTENT)
def template_empty_filter(c):
    line = c.line_of("overrides/404.html", "<h1>")
    with c.project.edit("overrides/404.html", replace(b"<h1>", b"<h1>{{ page.title | }}")):
        yield [], f"overrides/404.html:{line}:1", "template syntax error"


@fault("template syntax", CONTENT)
def template_unclosed_expression(c):
    line = c.line_of("overrides/partials/search.html", "<label")
    with c.project.edit("overrides/partials/search.html", replace(b"<label", b"{{ lang.t('search') <label")):
        yield [], f"overrides/partials/search.html:{line}:1", "template syntax error"


@fault("template syntax", CONTENT)
def template_unknown_tag(c):
    line = c.line_of("overrides/main.html", "{% block extrahead %}") + 1
    with c.project.edit("overrides/main.html", replace(b"{% block extrahead %}\n", b"{% block extrahead %}\n{% includ 'x' %}\n")):
        yield [], f"overrides/main.html:{line}:1", "template syntax error"


@fault("hidden generated page", CONTENT)
def page_hides_an_article(c):
    with c.project.edit("docs/luat/dieu-6.md", lambda d: b"---\ntitle: x\ndescription: y\n---\n\n# x\n"):
        yield [], "docs/luat/dieu-6.md:1:1", "would hide it"


@fault("hidden generated page", CONTENT)
def page_hides_the_glossary(c):
    with c.project.edit("docs/tu-ngu.md", lambda d: b"---\ntitle: x\ndescription: y\n---\n\n# x\n"):
        yield [], "docs/tu-ngu.md:1:1", "would hide it"


# --- mkdocs.yml settings (MkDocs' own validation, at the line of the setting) ---------------------------

def _config(old: bytes, new: bytes, needle: str, message: str, col: int | None = None):
    def gen(c):
        with c.project.edit("mkdocs.yml", replace(old, new)):
            line = c.line_of("mkdocs.yml", needle)
            yield [], f"mkdocs.yml:{line}" + (f":{col}" if col else ""), message
    return gen


for _id, _old, _new, _needle, _msg in [
    ("unknown-setting", b"copyright:", b"copyrite:", "copyrite:", "unknown setting 'copyrite'"),
    ("unknown-theme", b"  name: material", b"  name: materia", "  name: materia", "theme"),
    ("unknown-extension", b"  - pymdownx.details", b"  - pymdownx.detailz", "  - pymdownx.detailz", "pymdownx.detailz"),
    ("unknown-plugin", b"  - search:", b"  - serch:", "  - serch:", "serch"),
    ("not-a-boolean", b"use_directory_urls: true", b"use_directory_urls: maybe", "use_directory_urls", "use_directory_urls"),
    ("missing-docs-dir", b"docs_dir: docs", b"docs_dir: tai-lieu", "docs_dir", "docs_dir"),
    ("missing-hook", b"  - hooks/lawsite.py", b"  - hooks/lawsite2.py", "  - hooks/lawsite2.py", "hooks"),
    ("missing-custom-dir", b"custom_dir: overrides", b"custom_dir: ghi-de", "custom_dir", "custom_dir"),
    ("bad-validation-level", b"    omitted_files: warn", b"    omitted_files: loud", "omitted_files", "omitted_files"),
    ("unknown-extension-option", b"      permalink: true", b"      permalnk: true", "permalnk", "toc"),
]:
    FAULTS.append((f"mkdocs-yml-{_id}", "mkdocs.yml", CONTENT,
                   contextlib.contextmanager(_config(_old, _new, _needle, _msg))))


# --- the table ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "code", "seed"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_fault_is_refused_with_its_location(project, live, release_tarball, tmp_path, monkeypatch, kind, code, seed):
    ctx = Ctx(project, live, tmp_path, release_tarball, monkeypatch)
    with seed(ctx) as (extra, where, message):
        before = snapshot(live)
        if "--out" not in extra:
            extra = ["--out", str(live), *extra]
        result = run("--root", str(project.root), *extra)
        monkeypatch.undo()
        assert_refused(result, code, where, message, before, live)


@pytest.fixture(scope="module", autouse=True)
def _live_bytes_unchanged(live):
    """Around the whole module: the live site's bytes, not only its files' metadata, are unchanged."""
    before = snapshot(live, full=True)
    yield
    assert snapshot(live, full=True) == before


def test_the_suite_has_enough_faults():
    kinds: dict[str, int] = {}
    for _id, kind, _code, _seed in FAULTS:
        kinds[kind] = kinds.get(kind, 0) + 1
    assert len({f[0] for f in FAULTS}) == len(FAULTS) >= 50, kinds


# --- faults that need a build or a real signal ----------------------------------------------------------

def test_disk_full_during_the_build(project, live, monkeypatch):
    """ENOSPC while MkDocs writes pages: exit 3, the build folder removed, the live site unchanged."""
    import shutil

    fail_on(monkeypatch, shutil, "copyfile", errno.ENOSPC, lambda *a, **k: ".build-" in str(a[1]))
    before = snapshot(live)
    result = run("--root", str(project.root), "--out", str(live))
    monkeypatch.undo()
    where = str(live.parent / "site.releases")
    assert_refused(result, ENVIRONMENT, where, "No space left on device", before, live)


def _publish_subprocess(project: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "publish.py"), "--root", str(project), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_signal_during_the_build_cleans_up(project, live, signum, code):
    """A real signal to a real publish while MkDocs builds: one line, the build folder gone, live site unchanged."""
    before = snapshot(live)
    proc = _publish_subprocess(project.root, live)
    releases = live.parent / "site.releases"
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".build-") for p in releases.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[0]
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signum)
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == code, output
    assert "Traceback" not in output
    assert f"stopped by {signal.Signals(signum).name}" in output.strip().splitlines()[-1]
    assert snapshot(live) == before


def test_stale_build_folders_of_a_killed_run_are_removed(tmp_path, release_tarball):
    out = tmp_path / "site"
    assert run("--out", str(out), "--install", str(release_tarball)).code == 0
    stale = out.parent / "site.releases" / ".build-killed"
    (stale / "luat").mkdir(parents=True)
    (stale / "luat" / "index.html").write_text("half")
    legacy = tmp_path / ".site.build-abc123"
    legacy.mkdir()
    (legacy / "sitemap.xml").write_text("<urlset/>")
    result = run("--out", str(out), "--install", str(release_tarball))
    assert result.code == 0, result.output
    assert not stale.exists() and not legacy.exists()
