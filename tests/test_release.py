"""Release folders: the symlink switch, keeping five, rollback order, tarball reproducibility (no build)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import publish
from lawsite import release, tarball


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (folder / release.MARKER).write_text(release.MARKER_TEXT, encoding="utf-8")
    return folder


def _install(out: Path, tar: Path) -> int:
    return publish.main(["--out", str(out), "--install", str(tar)])


def test_keeps_five_releases_and_rolls_back_in_order(tmp_path):
    tars = [tarball.write(_site(tmp_path / f"s{i}", f"bản {i}"), tmp_path / "dist", 0)[0] for i in range(7)]
    out = tmp_path / "www" / "site"
    for tar in tars:
        assert _install(out, tar) == 0
    assert out.is_symlink() and not Path(out.readlink()).is_absolute()  # relative: the folder can be moved
    kept = release.Releases(out).list()
    assert len(kept) == release.KEEP
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>bản 6</p>"
    for expected in ("bản 5", "bản 4", "bản 3", "bản 2"):
        assert publish.main(["--out", str(out), "--rollback"]) == 0
        assert (out / "index.html").read_text(encoding="utf-8") == f"<p>{expected}</p>"
    assert publish.main(["--out", str(out), "--rollback"]) == 2  # nothing older is kept
    assert _install(out, tars[0]) == 0  # a new deployment is the newest again
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>bản 0</p>"
    assert len(release.Releases(out).list()) == release.KEEP
    assert sorted(p.name for p in out.parent.iterdir()) == ["site", "site.releases"]


def test_tarball_is_reproducible_and_named_by_date_and_content(tmp_path):
    site = _site(tmp_path / "s", "x")
    a, sha_a = tarball.write(site, tmp_path / "a", 1700000000)
    b, sha_b = tarball.write(site, tmp_path / "b", 1700000000)
    assert a.name == b.name and a.name.startswith("boi-thuong-nha-nuoc-20231114-")
    assert sha_a == sha_b == hashlib.sha256(a.read_bytes()).hexdigest()
    assert a.with_name(a.name + ".sha256").read_text() == f"{sha_a}  {a.name}\n"


def test_site_published_in_place_by_an_older_publish_becomes_a_release(tmp_path):
    out = _site(tmp_path / "site", "cũ")
    tar, _ = tarball.write(_site(tmp_path / "new", "mới"), tmp_path / "dist", 0)
    assert _install(out, tar) == 0
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>mới</p>"
    assert publish.main(["--out", str(out), "--rollback"]) == 0
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>cũ</p>"


def test_help_documents_the_exit_codes(capsys):
    import pytest

    with pytest.raises(SystemExit) as e:
        publish.main(["--help"])
    assert e.value.code == 0
    text = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "3 ", "130"):
        assert f"\n  {code}" in text, code
    assert "143 terminated (SIGTERM)" in text


def test_offline_zip_is_dated_by_the_sources_not_the_clock(tmp_path):
    import os
    import zipfile

    site = _site(tmp_path / "boi-thuong-nha-nuoc", "x")
    publish.write_zip(site, tmp_path / "a.zip", 1700000000)
    os.utime(site / "index.html", (1, 1))  # another day, another checkout: file times differ
    publish.write_zip(site, tmp_path / "b.zip", 1700000000)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.namelist() == ["boi-thuong-nha-nuoc/.lawsite-published", "boi-thuong-nha-nuoc/index.html"]
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
