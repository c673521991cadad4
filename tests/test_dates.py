"""'Cập nhật lần cuối' comes from the repository history of a page's sources, reproducibly."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

import pytest

from lawsite import dates

ROOT = Path(__file__).resolve().parents[1]


def git(cwd: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    monkeypatch.delenv(dates.ENV, raising=False)
    dates._git_timestamp.cache_clear()
    r = tmp_path / "repo"
    (r / "docs").mkdir(parents=True)
    git(r, "init", "-q")
    base = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for name, when in (("a.md", "2024-03-05T23:30:00+07:00"), ("b.md", "2025-01-02T08:00:00+00:00")):
        (r / "docs" / name).write_text(name, encoding="utf-8")
        git(r, "add", "docs/" + name)
        env = base | {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        git(r, "commit", "-q", "-m", name, env=env)
    return r


def test_date_of_the_last_commit_touching_the_files_in_utc(repo):
    # 23:30 at +07:00 on 5 March is 16:30 UTC the same day
    assert dates.last_changed(repo, [repo / "docs" / "a.md"]) == dt.date(2024, 3, 5)
    assert dates.last_changed(repo, [repo / "docs" / "a.md", repo / "docs" / "b.md"]) == dt.date(2025, 1, 2)


def test_uncommitted_file_falls_back_to_source_date_epoch_or_nothing(repo, monkeypatch):
    new = repo / "docs" / "c.md"
    new.write_text("c", encoding="utf-8")
    assert dates.last_changed(repo, [new]) is None
    monkeypatch.setenv(dates.ENV, "1700000000")  # 2023-11-14T22:13:20Z
    assert dates.last_changed(repo, [new]) == dt.date(2023, 11, 14)


def test_without_git_history(tmp_path, monkeypatch):
    """A tarball or zip of the project (no .git): SOURCE_DATE_EPOCH, else no date — never the clock."""
    dates._git_timestamp.cache_clear()
    (tmp_path / "docs").mkdir()
    f = tmp_path / "docs" / "x.md"
    f.write_text("x", encoding="utf-8")
    monkeypatch.delenv(dates.ENV, raising=False)
    assert dates.last_changed(tmp_path, [f]) is None
    monkeypatch.setenv(dates.ENV, "not a number")
    assert dates.last_changed(tmp_path, [f]) is None
    monkeypatch.setenv(dates.ENV, "1577836800")
    assert dates.last_changed(tmp_path, [f]) == dt.date(2020, 1, 1)


def test_page_sources():
    assert dates.page_sources(ROOT, "luat/dieu-6.md", {"van_ban": "luat"}) == [ROOT / "sources" / "luat-10-2017-qh14.md"]
    assert dates.page_sources(ROOT, "hoi-dap/thoi-hieu.md", {}) == [ROOT / "docs" / "hoi-dap" / "thoi-hieu.md"]
    assert dates.page_sources(ROOT, "tu-ngu.md", {}) == []


def _shown(page: str) -> str | None:
    m = re.search(r'Cập nhật lần cuối:\s*<time datetime="([0-9-]+)">([^<]+)</time>', html.unescape(page))
    return m.group(1) if m else None


def _expected(path: Path) -> str | None:
    if not (ROOT / ".git").exists():
        return None
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", str(path.relative_to(ROOT))],
                         capture_output=True, text=True).stdout.strip()
    return dt.datetime.fromtimestamp(int(out), tz=dt.timezone.utc).date().isoformat() if out else None


@pytest.mark.parametrize("page,source", [
    ("luat/dieu-6", "sources/luat-10-2017-qh14.md"),
    ("nghi-dinh-68-2018/dieu-4", "sources/nd-68-2018.md"),
    ("thong-tu-02-2023/dieu-8", "sources/tt-02-2023-tt-tandtc.md"),
    ("luat/toan-van", "sources/luat-10-2017-qh14.md"),
    ("hoi-dap/thoi-hieu", "docs/hoi-dap/thoi-hieu.md"),
    ("huong-dan", "docs/huong-dan/index.md"),
])
def test_pages_show_the_date_of_their_sources(built_site, page, source):
    expected = _expected(ROOT / source)
    if expected is None:
        pytest.skip("no git history for this file (tarball, or not committed): the page shows no date")
    assert _shown((built_site / page / "index.html").read_text(encoding="utf-8")) == expected
