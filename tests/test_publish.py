"""Seeded faults: each stops the publish with a located message and leaves the old site intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import publish

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "node_modules", ".pytest_cache", ".ruff_cache",
                                ".hypothesis", "__pycache__", "*.egg-info")
PAGE = "docs/gioi-thieu/quy-uoc.md"


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away copy of the project to seed faults into."""
    dest = tmp_path / "project"
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


@pytest.fixture
def old_site(tmp_path) -> Path:
    """A previously published site (in place, by an older publish.py) that a failed publish must leave untouched."""
    from lawsite import release

    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old site", encoding="utf-8")
    (out / release.MARKER).write_text(release.MARKER_TEXT, encoding="utf-8")
    return out


def seed(project: Path, text: str, page: str = PAGE) -> int:
    """Append ``text`` to a page; return the line number it lands on."""
    path = project / page
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


def run(project: Path, out: Path, capsys, *extra: str) -> tuple[int, str]:
    code = publish.main(["--root", str(project), "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def assert_untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == [".lawsite-published", "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "old site"
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}", f"{out.name}."))]
    assert leftovers == [], leftovers


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("Xem [Điều 79](/luat/dieu-79.md).", "has no Điều 79 — it has 78 điều (1–78)"),
        ("Xem [khoản 5 Điều 6](/luat/dieu-6.md#khoan-5).", "Điều 6 has no khoản 5 — Điều 6 has only 4 khoản"),
        ("Xem [điểm c khoản 3 Điều 6](/luat/dieu-6.md#khoan-3-diem-c).",
         "khoản 3 Điều 6 has no điểm c — khoản 3 Điều 6 has điểm a, b"),
        ("Xem [khoản 2 Điều 6](/luat/dieu-6.md#khoan-1).",
         "link text 'khoản 2 Điều 6' names khoản 2 Điều 6, but the link goes to khoản 1 Điều 6"),
        ("Xem [Điều 5 của Bộ luật Dân sự](/luat/dieu-5.md).", "cites Bộ luật Dân sự"),
        ("Xem [[khoản 9 Điều 7]].", "[[khoản 9 Điều 7]]: Điều 7 has no khoản 9"),
        ("Theo khoản 1 Điều 6, thời hiệu là 03 năm.", "citation 'khoản 1 Điều 6' is not linked"),
    ],
    ids=["missing-article", "missing-clause", "missing-point", "text-vs-target", "other-law-linked-to-ours",
         "short-link-missing-clause", "unlinked-citation"],
)
def test_reference_faults(project, old_site, capsys, fault, message):
    line = seed(project, fault)
    code, output = run(project, old_site, capsys)
    assert code == 1
    located = [ln for ln in output.splitlines() if ln.startswith(f"{PAGE}:{line}:")]
    assert located and message in located[0], output
    assert "FAILED" in output
    assert_untouched(old_site)


def test_unlinked_citation_is_only_a_warning_without_strict(project, tmp_path, capsys):
    line = seed(project, "Theo khoản 1 Điều 6, thời hiệu là 03 năm.")
    code, output = run(project, tmp_path / "site", capsys, "--check-only", "--no-strict-citations")
    assert code == 0
    assert f"{PAGE}:{line}:6: warning: citation 'khoản 1 Điều 6' is not linked" in output


@pytest.mark.parametrize(
    ("fault", "needle"),
    [
        ("Xem [mục không có](#khong-co-muc-nay).", "#khong-co-muc-nay"),
        ("Xem [trang không có](khong-co-trang.md).", "khong-co-trang.md"),
    ],
    ids=["broken-in-page-anchor", "unknown-page"],
)
def test_link_faults_found_by_the_build(project, old_site, capsys, fault, needle):
    line = seed(project, fault)
    code, output = run(project, old_site, capsys)
    assert code == 1
    located = [ln for ln in output.splitlines() if ln.startswith(f"{PAGE}:{line}:")]
    assert located and needle in located[0], output
    assert_untouched(old_site)


def test_malformed_source_stops_publish(project, old_site, capsys):
    law = project / "sources" / "luat-10-2017-qh14.md"
    text = law.read_text(encoding="utf-8")
    law.write_text(text.replace("#### Điều 13. ", "#### Điều 12. ", 1), encoding="utf-8")
    code, output = run(project, old_site, capsys)
    assert code == 1
    assert "sources/luat-10-2017-qh14.md:" in output and "duplicate Điều 12" in output
    assert_untouched(old_site)


def test_wrong_front_matter_field(project, old_site, capsys):
    path = project / PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("description:", "descripton:", 1), encoding="utf-8")
    code, output = run(project, old_site, capsys)
    assert code == 1
    assert f"{PAGE}:3:1: unknown front-matter field 'descripton' — did you mean 'description'?" in output
    assert_untouched(old_site)


def test_successful_publish_replaces_the_old_site(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "luat" / "dieu-7" / "index.html").is_file()
    assert not [p for p in built_site.parent.iterdir() if p.name.startswith(".site")]
    assert built_site.is_symlink() and (built_site.resolve() / ".lawsite-published").is_file()
    assert [p.name for p in (built_site.parent / "site.releases").iterdir() if p.name.startswith(".build-")] == []


def test_check_only_writes_nothing(tmp_path, capsys):
    out = tmp_path / "never"
    code, output = run(ROOT, out, capsys, "--check-only")
    assert code == 0, output
    assert not out.exists()
    assert output.strip().splitlines()[-1].startswith("checked: ")


def test_published_folder_is_readable_by_the_web_server(built_site):
    """The build folder comes from mkdtemp (mode 0700); the published site must not stay private."""
    assert built_site.stat().st_mode & 0o005 == 0o005
