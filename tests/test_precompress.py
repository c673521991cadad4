"""Pre-compression in background threads (lawsite.output.Precompress): same bytes as one thread, deterministic,
an error surfaces, a cancel leaves nothing writing."""

from __future__ import annotations

import errno
import gzip
import time
from pathlib import Path

import pytest

from lawsite import output


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for i in range(40):
        page = site / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<p>trang {i} " + "Điều 7 khoản 2 " * (50 + i) + "</p>", encoding="utf-8")
    (site / "tiny.css").write_text("a{}", encoding="utf-8")  # under MIN_COMPRESS: no .gz
    (site / "logo.png").write_bytes(b"\x89PNG" * 400)  # not a compressible type
    return site


def _files(site: Path) -> list[Path]:
    return sorted(f for f in site.rglob("*") if f.is_file())


@pytest.mark.parametrize("workers", [1, 3])
def test_every_gz_is_the_file_deterministic_and_without_name_or_date(tmp_path, workers):
    site = _site(tmp_path)
    with output.Precompress(site, _files(site), workers=workers) as gz:
        pass
    made = sorted(site.rglob("*.gz"))
    assert gz.figures[0] == len(made) == 40
    for f in made:
        original = f.with_name(f.name[:-3]).read_bytes()
        data = f.read_bytes()
        assert gzip.decompress(data) == original
        assert data == gzip.compress(original, compresslevel=output.LEVEL, mtime=0)  # as one thread writes it
        assert data[3] & 0x08 == 0 and data[4:8] == b"\0\0\0\0"  # no FNAME, mtime 0
    assert not (site / "tiny.css.gz").exists() and not (site / "logo.png.gz").exists()


def test_a_worker_error_is_raised_by_the_block(tmp_path, monkeypatch):
    site = _site(tmp_path)
    real = Path.write_bytes

    def full(self, data):
        if self.name == "index.html.gz" and self.parent.name == "p7":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OSError, match="No space left"):
        with output.Precompress(site, _files(site)):
            pass


def test_cancel_or_an_exception_leaves_nothing_running(tmp_path):
    site = _site(tmp_path)
    with output.Precompress(site, _files(site)) as gz:
        gz.cancel()
    assert gz.figures == (0, 0, 0)
    before = sorted(site.rglob("*.gz"))
    with pytest.raises(KeyboardInterrupt):
        with output.Precompress(site, _files(site)):
            raise KeyboardInterrupt
    after = sorted(site.rglob("*.gz"))
    time.sleep(0.3)
    assert sorted(site.rglob("*.gz")) == after  # nothing still being written once the block has left
    assert set(before) <= set(after)
