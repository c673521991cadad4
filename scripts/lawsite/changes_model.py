"""The model of later changes: what happened to our texts after enactment.

A *change* (thay đổi) is one later instrument, or one provision of it, that
bites on units of our instruments: the 2025 decree that says who settles a
claim once district People's Committees are gone, the reorganised courts,
and so on. It is researched, not typed from memory: every verified change
carries at least one verbatim quote with the address it was read at and the
date. A change that could not be checked is kept, marked ``chua-xac-minh``,
and the site says so instead of stating it as law.

Plain dataclasses; reading the data file is :mod:`lawsite.changes_reader`,
checking it against the legal model is :mod:`lawsite.changes_check`,
showing it is :mod:`lawsite.changes_render`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .citations import Target

VERIFIED = "da-xac-minh"
UNVERIFIED = "chua-xac-minh"
STATUSES = (VERIFIED, UNVERIFIED)


@dataclass(frozen=True)
class Instrument:
    """The later instrument that makes the change."""

    so_hieu: str
    """Official number, e.g. ``120/2025/NĐ-CP``."""
    loai: str
    """Legal form: ``Nghị định``, ``Luật``, ``Thông tư``..."""
    ten: str
    """Title as printed."""
    co_quan: str
    """Issuing body."""
    ngay_ban_hanh: dt.date
    ngay_hieu_luc: dt.date | None
    """Effective date; None when it could not be verified."""
    quy_dinh: str = ""
    """The provision of the instrument that makes the change (``Điều 19``), if one."""
    lien_ket: str = ""
    """Address of the instrument's text, for the reader to open."""

    @property
    def label(self) -> str:
        return f"{self.loai} số {self.so_hieu}"


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of the instrument or of a public page about it, and where it was read."""

    nguyen_van: str
    nguon: str
    """Address (URL) of the page the passage was copied from."""
    ten_nguon: str
    ngay_doc: dt.date
    """When it was read."""
    ngay_trang: str = ""
    """The page's own date, if it shows one."""
    ghi_chu: str = ""


@dataclass(frozen=True)
class Affected:
    """One unit of our texts the change bites on, as the data file cites it."""

    instrument: str
    """Instrument key (``luat``, ``nd68``...)."""
    citation: str
    """The citation as written (``khoản 3 Điều 33``)."""
    targets: tuple[Target, ...]
    line: int = 1


@dataclass(frozen=True)
class Change:
    """One later change, as recorded in ``data/thay-doi.yml``."""

    id: str
    trang_thai: str
    tieu_de: str
    van_ban: Instrument
    anh_huong: tuple[Affected, ...]
    mo_ta: str
    trich_dan: tuple[Quote, ...] = field(default_factory=tuple)
    chua_ro: str = ""
    """What could not be verified (required for an unverified change)."""
    line: int = 1

    @property
    def verified(self) -> bool:
        return self.trang_thai == VERIFIED

    def affects(self, t: Target) -> bool:
        """Whether the change bites on ``t`` or on a unit inside or around it (same article)."""
        return any(overlaps(a, t) for aff in self.anh_huong for a in aff.targets)

    def affects_article(self, instrument: str, dieu: int) -> bool:
        return any(a.instrument == instrument and a.dieu == dieu for aff in self.anh_huong for a in aff.targets)


def overlaps(a: Target, b: Target) -> bool:
    """True when one unit contains the other (an article and its clause; a clause and its point)."""
    if a.instrument != b.instrument or a.dieu is None or b.dieu is None or a.dieu != b.dieu:
        return False
    if a.khoan is None or b.khoan is None:
        return True
    if a.khoan != b.khoan:
        return False
    return a.diem is None or b.diem is None or a.diem == b.diem
