"""The model of a priorities letter (công văn nhiệm vụ trọng tâm): addressees, tasks, the letter.

Plain dataclasses and the section's naming constants; no reading, rendering or checking here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import citations

SECTION = "nhiem-vu-trong-tam"
"""Folder of the letters under docs/ and in URLs."""
INDEX = f"{SECTION}/index.md"
"""The section index (generated); the nav entry in mkdocs.yml points here."""
TASKS_PAGE = "nhiem-vu"
"""Per-letter page listing every task with its căn cứ."""
SIC_ANCHOR = "nguyen-van"
"""Anchor of the note explaining the ``[nguyên văn]`` markers on a letter page."""
SIC_LABEL = "nguyên văn"
NO_DEADLINE = "Không ghi trong Công văn"
STATUS_BOXES = "☐ Chưa làm<br>☐ Đang làm<br>☐ Đã xong"
RE_LETTER_FILE = re.compile(r"^(?P<stem>(?P<nam>[0-9]{4})(?:-[a-z0-9]+)*)\.md$")
"""A letter file is named by its year, optionally with a suffix: ``2024.md``, ``2025-bo-sung.md``."""


# --------------------------------------------------------------------------
# Addressees
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DoiTuong:
    """A group of bodies a part of the letter is addressed to."""

    key: str
    """Prefix of its task ids (``bo`` → ``bo-1``); the value used in ``doi_tuong:``."""
    page: str
    """File name of its checklist view under ``<year>/`` (``bo-nganh`` → ``/2024/bo-nganh/``)."""
    label: str
    """Short name in titles: "Dành cho <label>"."""
    thuc_hien: str
    """Who must act, in the letter's own words."""
    giup_viec: str | None = None
    """The body that helps it, if the law names one."""
    giup_viec_can_cu: str | None = None
    """Citation of the clause that says so."""
    nhan_dang: tuple[str, ...] = ()
    """Upper-case words of a part heading that name this group (used by the importer to guess)."""


DOI_TUONG: dict[str, DoiTuong] = {
    d.key: d
    for d in (
        DoiTuong(
            key="bo",
            page="bo-nganh",
            label="Bộ, ngành",
            thuc_hien="Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            nhan_dang=("CÁC BỘ",),
        ),
        DoiTuong(
            key="ubnd-tinh",
            page="ubnd-tinh",
            label="UBND cấp tỉnh / Sở Tư pháp",
            thuc_hien="Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương",
            giup_viec="Sở Tư pháp",
            giup_viec_can_cu="khoản 4 Điều 73",
            nhan_dang=("ỦY BAN NHÂN DÂN CẤP TỈNH", "UBND CẤP TỈNH"),
        ),
    )
}
"""Known addressee groups; a letter with another group needs one entry here."""


# --------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------


@dataclass
class Doan:
    """A paragraph of the letter, verbatim: ``lines`` are its hard-broken lines without Markdown marks."""

    lines: list[str]
    line: int
    kind: str = "para"
    """``para``, ``heading`` or ``item`` (a list item)."""

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class CanCu:
    """One legal basis of a task: a unit of the 2017 law or of a detailing instrument, as written in the front matter."""

    text: str
    target: citations.Target
    line: int
    col: int


@dataclass
class NhiemVu:
    """One task of the letter."""

    id: str
    doi_tuong: DoiTuong
    phan: str
    """Roman numeral of its part (``I``)."""
    so: int
    """Its number in the part (``1``)."""
    doan: list[Doan]
    """The task's paragraphs: the numbered one, then any continuation (points, dashes)."""
    can_cu: list[CanCu] = field(default_factory=list)
    ghi_chu: str | None = None
    """The letter file's plain note on this task's basis (``ghi_chu``), if any."""

    @property
    def text(self) -> str:
        """Verbatim text of the numbered paragraph ("1. Phối hợp ...")."""
        return self.doan[0].text

    @property
    def line(self) -> int:
        return self.doan[0].line

    @property
    def label(self) -> str:
        return f"{self.phan}.{self.so}"


@dataclass
class Phan:
    """A part of the letter ("I. ĐỐI VỚI CÁC BỘ") and its tasks."""

    roman: str
    heading: Doan
    doi_tuong: DoiTuong | None
    intro: list[Doan] = field(default_factory=list)
    tasks: list[NhiemVu] = field(default_factory=list)


@dataclass
class CongVan:
    """A priorities letter: metadata from the front matter, structure from the verbatim body."""

    path: Path
    rel: str
    """Path under docs/ (``nhiem-vu-trong-tam/2024.md``)."""
    shown: str
    """Path shown in problems (``docs/nhiem-vu-trong-tam/2024.md``)."""
    meta: dict
    body: str
    body_line: int
    co_quan_dong: list[Doan] = field(default_factory=list)
    """Issuer lines of the heading block ("BỘ TƯ PHÁP")."""
    quoc_hieu: Doan | None = None
    tieu_ngu: Doan | None = None
    so: Doan | None = None
    trich_yeu: Doan | None = None
    dia_danh_ngay: Doan | None = None
    kinh_gui: Doan | None = None
    kinh_gui_items: list[Doan] = field(default_factory=list)
    mo_dau: list[Doan] = field(default_factory=list)
    phan: list[Phan] = field(default_factory=list)
    ket: list[Doan] = field(default_factory=list)
    noi_nhan_nhan: Doan | None = None
    noi_nhan_items: list[Doan] = field(default_factory=list)
    chu_ky: list[Doan] = field(default_factory=list)
    """Signature block: title lines ("KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG"), then the signer's name."""

    @property
    def stem(self) -> str:
        return Path(self.rel).stem

    @property
    def nam(self) -> int:
        return int(self.meta["nam"])

    @property
    def so_hieu(self) -> str:
        return str(self.meta["so_hieu"])

    @property
    def ngay(self) -> dt.date:
        return self.meta["ngay"]

    @property
    def co_quan(self) -> str:
        return str(self.meta["co_quan"])

    @property
    def nguoi_ky(self) -> str:
        return str(self.meta["nguoi_ky"])

    @property
    def chuc_vu_ky(self) -> str:
        """Signing capacity as printed, lines joined ("KT. BỘ TRƯỞNG THỨ TRƯỞNG")."""
        return " ".join(d.text for d in self.chu_ky[:-1])

    @property
    def trich_yeu_text(self) -> str:
        return self.trich_yeu.text if self.trich_yeu else ""

    @property
    def nguyen_van(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self.meta.get("nguyen_van") or {}).items()}

    @property
    def tasks(self) -> list[NhiemVu]:
        return [t for p in self.phan for t in p.tasks]

    def doi_tuong_list(self) -> list[DoiTuong]:
        """Addressees of the letter, in the order of their first part."""
        out: list[DoiTuong] = []
        for p in self.phan:
            if p.doi_tuong is not None and p.doi_tuong not in out:
                out.append(p.doi_tuong)
        return out

    def tasks_of(self, d: DoiTuong) -> list[NhiemVu]:
        return [t for t in self.tasks if t.doi_tuong is d]

    def sort_key(self) -> tuple:
        return (self.nam, self.ngay, self.stem)

    # Paths (docs paths, absolute from docs/, as MkDocs validates them) ------
    @property
    def letter_doc(self) -> str:
        return f"/{self.rel}"

    @property
    def tasks_doc(self) -> str:
        return f"/{SECTION}/{self.stem}/{TASKS_PAGE}.md"

    def view_doc(self, d: DoiTuong) -> str:
        return f"/{SECTION}/{self.stem}/{d.page}.md"


def is_letter(rel: str) -> bool:
    """Whether a path under docs/ is a letter file (``nhiem-vu-trong-tam/2024.md``)."""
    folder, _, name = rel.replace("\\", "/").rpartition("/")
    return folder == SECTION and RE_LETTER_FILE.match(name) is not None
