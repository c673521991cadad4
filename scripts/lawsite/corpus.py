"""The corpus: every instrument of the site read from ``sources/``, and what a citation may point to.

The reader layer above :mod:`lawsite.model`: :func:`load_corpus` imports each
instrument registered in :mod:`lawsite.instruments` once (cached while the
files are unchanged); :func:`describe_missing` says what is wrong with a
target that is not in it ("Điều 6 has only 4 khoản"). Pages, checks and the
hook all build on this module; it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import ids, importer
from .citations import Target
from .instruments import INSTRUMENTS
from .model import VanBan


@dataclass
class Corpus:
    """All instruments of the site, imported and validated."""

    root: Path
    vanban: dict[str, VanBan] = field(default_factory=dict)


def sources_dir(project_root: Path) -> Path:
    return project_root / "sources"


@lru_cache(maxsize=8)
def _load(root: str, stamp: tuple) -> Corpus:
    corpus = Corpus(Path(root))
    for inst in INSTRUMENTS.values():
        path = sources_dir(Path(root)) / inst.source
        corpus.vanban[inst.key] = importer.load(path, inst.key, inst.expected_articles)
    return corpus


def load_corpus(project_root: Path) -> Corpus:
    """Import every instrument (cached while the source files are unchanged)."""
    root = Path(project_root).resolve()
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(sources_dir(root).glob("*.md"))
    )
    return _load(str(root), stamp)


def describe_missing(corpus: Corpus, t: Target) -> tuple[str, str] | None:
    """(what is wrong, nearest valid target) if ``t`` does not exist, else None."""
    vb = corpus.vanban.get(t.instrument)
    inst = INSTRUMENTS[t.instrument]
    name = f"{inst.kind} {inst.so_hieu}"
    if vb is None:
        return f"{name} is not published on this site", "cite one of the published instruments"
    if t.chuong is not None:
        c = next((x for x in vb.chuong if x.number == t.chuong), None)
        if c is None:
            return (f"{name} has no Chương {ids.int_to_roman(t.chuong)}",
                    f"it has {len(vb.chuong)} chương (I–{ids.int_to_roman(len(vb.chuong))})" if vb.chuong
                    else "it has no chương")
        if t.muc is not None and all(m.number != t.muc for m in c.muc):
            return (f"Chương {c.roman} has no Mục {t.muc}",
                    f"Chương {c.roman} has {len(c.muc)} mục" if c.muc else f"Chương {c.roman} has no mục")
        return None
    if t.dieu is None:
        return None
    d = vb.dieu.get(t.dieu)
    if d is None:
        return f"{name} has no Điều {t.dieu}", f"it has {len(vb.dieu)} điều (1–{max(vb.dieu)})"
    if t.khoan is not None and t.khoan not in d.khoan_numbers():
        n = len(d.khoan_numbers())
        return (f"Điều {t.dieu} has no khoản {t.khoan}",
                f"Điều {t.dieu} has only {n} khoản" if n else f"Điều {t.dieu} has no numbered khoản")
    if t.diem is not None and t.diem not in d.diem_letters(t.khoan):
        letters = d.diem_letters(t.khoan)
        where = f"khoản {t.khoan} Điều {t.dieu}" if t.khoan is not None else f"Điều {t.dieu}"
        return (f"{where} has no điểm {t.diem}",
                f"{where} has điểm {', '.join(letters)}" if letters else f"{where} has no điểm")
    return None
