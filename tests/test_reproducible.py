"""Two builds of the same sources on different days are byte-identical (issue 12 §6).

The second build runs in a subprocess whose clock is 400 days ahead: ``time.time`` (and so
``date.today``) and ``datetime.now``/``utcnow``/``today`` are shifted by a ``sitecustomize``
module loaded before anything else (no faketime needed). Neither build has
``SOURCE_DATE_EPOCH`` set, so publish.py must take its dates from the sources' git history.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKE_CLOCK = '''
import datetime as _dt, os, time as _time
_SHIFT = float(os.environ["FAKE_CLOCK_SHIFT"])
_real = _time.time
_time.time = lambda: _real() + _SHIFT
_time.time_ns = lambda: int((_real() + _SHIFT) * 1e9)
class _DateTime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_time.time(), tz)
    @classmethod
    def utcnow(cls):
        return _dt.datetime.utcfromtimestamp(_time.time())
    @classmethod
    def today(cls):
        return cls.now()
_dt.datetime = _DateTime  # date.today() reads time.time(), shifted above
with open(os.environ["FAKE_CLOCK_PROOF"], "w") as f:
    f.write(_dt.datetime.now().isoformat() + " " + _dt.date.today().isoformat())
'''


def tree(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def test_two_builds_with_different_clocks_are_identical(built_site, tmp_path):
    fake = tmp_path / "fake-clock"
    fake.mkdir()
    (fake / "sitecustomize.py").write_text(FAKE_CLOCK)
    proof = tmp_path / "clock.txt"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONPATH=str(fake), FAKE_CLOCK_SHIFT=str(400 * 86400), FAKE_CLOCK_PROOF=str(proof))
    out = tmp_path / "later" / "site"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "publish.py"), "--out", str(out)],
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    import datetime
    later = (datetime.date.today() + datetime.timedelta(days=399)).isoformat()
    assert all(d[:10] > later for d in proof.read_text().split()), proof.read_text()
    first, second = tree(built_site.resolve()), tree(out.resolve())
    differ = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert not differ, f"{len(differ)} files differ between the two days, e.g. {differ[:5]}"
    assert "<lastmod>" in (out / "sitemap.xml").read_text(encoding="utf-8")
