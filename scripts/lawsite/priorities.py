"""The yearly priorities letters (công văn nhiệm vụ trọng tâm) and the pages made from them.

The Ministry of Justice sends ministries and provincial People's Committees a
letter (công văn) naming the year's priority tasks for state compensation
work. Each letter is ONE Markdown file ``docs/nhiem-vu-trong-tam/<year>.md``:

* front matter: the metadata (``so_hieu``, ``ngay``, ``nguoi_ky``,
  ``noi_nhan``...), which part of the letter is addressed to whom
  (``doi_tuong``) and, per task, the clauses of the 2017 law that give that
  body the responsibility (``can_cu``: units of the law, or of a detailing
  instrument where that is the rule, e.g. Thông tư 08/2019/TT-BTP) and an
  optional plain note per task (``ghi_chu``), e.g. where a task's basis lies
  outside the published instruments;
* then the letter exactly as received, in the Markdown of ``sources/``
  (``## BỘ TƯ PHÁP``, ``Số: ...``, ``Kính gửi:``, ``### **I. ...**``,
  numbered tasks, ``**Nơi nhận:**``, the signature). When ``nguon`` names the
  source file, the body must equal it byte for byte (publish checks).

This module parses such a file into dataclasses (:class:`CongVan`,
:class:`NhiemVu`) and writes every derived page as Markdown, knowing nothing of
MkDocs:

==============================================  ===========================================
page (path under docs/)                         made by
==============================================  ===========================================
``nhiem-vu-trong-tam/index.md``                 :func:`index_page`, newest year first
``nhiem-vu-trong-tam/<year>.md`` (author file)  :func:`letter_markdown`, at build time
``nhiem-vu-trong-tam/<year>/nhiem-vu.md``       :func:`tasks_page`: id, who, text, căn cứ
``nhiem-vu-trong-tam/<year>/<view>.md``         :func:`checklist_page`, one per addressee
==============================================  ===========================================

Task ids are ``<addressee>-<number in its part>`` (``bo-1``, ``ubnd-tinh-5``):
stable, printed on checklists, used as anchors. Addressees are data
(:data:`DOI_TUONG`); a letter maps its parts to them (``doi_tuong: {I: bo}``).

Every problem is a :class:`~lawsite.problems.Problem` with the line of the
letter file (``docs/nhiem-vu-trong-tam/2024.md:57:7: ...``), raised together
as :class:`~lawsite.problems.ProblemsFound`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import citations, frontmatter
from .instruments import INSTRUMENTS, LUAT
from .md_citations import docs_href
from .pages import front_matter
from .problems import Problem, ProblemsFound

if TYPE_CHECKING:
    from .model import VanBan
    from .site import Corpus

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
# Front matter of letter files
# --------------------------------------------------------------------------

LETTER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "nam": int,
    "so_hieu": str,
    "ngay": dt.date,
    "co_quan": str,
    "nguoi_ky": str,
    "noi_nhan": list,
    "nguon": str,
    "nguyen_van": dict,
    "doi_tuong": dict,
    "can_cu": dict,
    "ghi_chu": dict,
}
"""Front-matter fields of a letter file (besides title/description); documented in CONTRIBUTING.md."""
REQUIRED_FIELDS = ("nam", "so_hieu", "ngay", "co_quan", "nguoi_ky", "noi_nhan", "doi_tuong", "can_cu")

frontmatter.register_section(f"{SECTION}/", LETTER_FIELDS)


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


# --------------------------------------------------------------------------
# Reading the verbatim body
# --------------------------------------------------------------------------

RE_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
RE_ITEM = re.compile(r"^[-*+][ \t]+(?P<text>.*)$")
RE_EMPHASIS = re.compile(r"^(?P<m>\*\*|__|\*|_)(?P<text>.+)(?P=m)$", re.S)
RE_SO = re.compile(r"^Số\s*:\s*(?P<so>.+)$")
RE_TRICH_YEU = re.compile(r"^V/v\b")
RE_NGAY = re.compile(r"ngày\s+(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})")
RE_KINH_GUI = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$")
RE_PART = re.compile(r"^(?P<roman>[IVXLC]+)\.\s+(?P<title>\S.*)$")
RE_TASK = re.compile(r"^(?P<n>[0-9]+)\.\s+\S")
RE_CONTINUATION = re.compile(r"^(?:[a-zđ]\)|[-+–])\s")
RE_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?\s*$")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@dataclass
class _Block:
    line: int
    lines: list[str]
    heading: bool = False


def _blocks(body: str, first_line: int) -> list[_Block]:
    """Blank-line separated blocks; a heading line is always a block of its own."""
    out: list[_Block] = []
    cur: _Block | None = None
    for i, raw in enumerate(body.split("\n")):
        n = first_line + i
        if not raw.strip():
            cur = None
            continue
        if RE_HEADING.match(raw):
            out.append(_Block(n, [raw], heading=True))
            cur = None
            continue
        if cur is None:
            cur = _Block(n, [])
            out.append(cur)
        cur.lines.append(raw)
    return out


def _unmark(lines: list[str]) -> tuple[list[str], bool]:
    """Text lines of a paragraph without Markdown presentation; True if the whole paragraph was emphasised."""
    text = "\n".join(ln.rstrip() for ln in lines)
    emphasised = False
    m = RE_EMPHASIS.match(text)
    if m and m["m"] not in m["text"]:
        text, emphasised = m["text"], True
    out = [re.sub(r"\\$", "", ln).strip() for ln in text.split("\n")]
    return [ln for ln in out if ln], emphasised


def _doan(block: _Block) -> tuple[list[Doan], bool]:
    """Paragraphs of a block: one paragraph, or one per list item; True when emphasised/heading."""
    if block.heading:
        text = RE_HEADING.match(block.lines[0])["text"]
        lines, _ = _unmark([text])
        return [Doan(lines, block.line, "heading")], True
    if all(RE_ITEM.match(ln) or ln.startswith((" ", "\t")) for ln in block.lines) and RE_ITEM.match(block.lines[0]):
        items: list[Doan] = []
        for i, ln in enumerate(block.lines):
            m = RE_ITEM.match(ln)
            if m:
                lines, _ = _unmark([m["text"]])
                items.append(Doan(lines, block.line + i, "item"))
            else:
                items[-1].lines.extend(_unmark([ln])[0])
        return items, False
    lines, emphasised = _unmark(block.lines)
    return [Doan(lines, block.line, "para")], emphasised


class _Reader:
    """Walks the blocks of a letter body in order and fills a :class:`CongVan`."""

    def __init__(self, cv: CongVan, problems: list[Problem]):
        self.cv = cv
        self.problems = problems
        self.addressee_problems: list[Problem] = []
        """Parts whose addressee is unknown (the importer writes them with '?' for people to fix)."""
        self.items: list[tuple[Doan, bool, str]] = []
        for b in _blocks(cv.body, cv.body_line):
            ds, emph = _doan(b)
            for d in ds:
                self.items.append((d, emph, d.kind))
        self.i = 0

    def problem(self, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.cv.shown, line, 1, message, hint))

    def peek(self) -> Doan | None:
        return self.items[self.i][0] if self.i < len(self.items) else None

    def take(self) -> Doan:
        d = self.items[self.i][0]
        self.i += 1
        return d

    def take_items(self) -> list[Doan]:
        out = []
        while self.i < len(self.items) and self.items[self.i][2] == "item":
            out.append(self.take())
        return out

    def is_part(self) -> re.Match | None:
        if self.i >= len(self.items):
            return None
        d, emph, kind = self.items[self.i]
        m = RE_PART.match(d.text)
        return m if m and (emph or kind == "heading") and len(d.lines) == 1 else None

    def read(self) -> None:
        self._read()
        self.problems.extend(self.addressee_problems)

    def _read(self) -> None:
        cv = self.cv
        if not self.items:
            self.problem(cv.body_line, "the letter has no text after the front matter",
                         "paste the letter, exactly as received, below the closing '---'")
            return
        self._heading_block()
        self._kinh_gui()
        while self.peek() is not None and not self.is_part():
            cv.mo_dau.append(self.take())
        if self.peek() is None:
            self.problem(cv.body_line, "no part heading such as '### **I. ĐỐI VỚI CÁC BỘ**' found",
                         "each group of tasks starts with a heading line 'I. ...', 'II. ...'")
            return
        self._parts()
        while self.peek() is not None and not RE_NOI_NHAN.match(self.peek().text):
            d = self.take()
            if RE_PART.match(d.text) or RE_TASK.match(d.text):
                self.problem(d.line, "a part or numbered task after the closing text",
                             "keep every part and task before the closing paragraphs, as in the letter")
            cv.ket.append(d)
        if self.peek() is None:
            self.problem(cv.body_line, "no 'Nơi nhận:' block found", "the letter ends with 'Nơi nhận:', its list and the signature")
            return
        cv.noi_nhan_nhan = self.take()
        cv.noi_nhan_items = self.take_items()
        if not cv.noi_nhan_items:
            self.problem(cv.noi_nhan_nhan.line, "'Nơi nhận:' has no list", "write each recipient on a line starting with '- '")
        while self.peek() is not None:
            cv.chu_ky.append(self.take())
        if len(cv.chu_ky) < 2:
            self.problem(cv.noi_nhan_nhan.line, "no signature block after 'Nơi nhận:'",
                         "end the letter with the signing title (e.g. 'KT. BỘ TRƯỞNG') and the signer's name")

    def _heading_block(self) -> None:
        cv = self.cv
        while (d := self.peek()) is not None and not RE_KINH_GUI.match(d.text):
            if self.is_part():
                break
            self.take()
            t = d.text
            if RE_SO.match(t) and cv.so is None:
                cv.so = d
            elif RE_TRICH_YEU.match(t) and cv.trich_yeu is None:
                cv.trich_yeu = d
            elif RE_NGAY.search(t) and cv.dia_danh_ngay is None:
                cv.dia_danh_ngay = d
            elif "CỘNG HÒA" in t.upper() and cv.quoc_hieu is None:
                cv.quoc_hieu = d
            elif t.startswith("Độc lập") and cv.tieu_ngu is None:
                cv.tieu_ngu = d
            elif cv.so is None and t == t.upper():
                cv.co_quan_dong.append(d)
            else:
                self.problem(d.line, f"unexpected line in the letter's heading: {t[:60]!r}",
                             "the heading holds the issuer, 'Số: ...', 'V/v ...', the national motto and "
                             "'<place>, ngày ... tháng ... năm ...'")
        for name, value in (("the issuer (e.g. 'BỘ TƯ PHÁP')", cv.co_quan_dong), ("'Số: ...'", cv.so),
                            ("'V/v ...'", cv.trich_yeu), ("'..., ngày ... tháng ... năm ...'", cv.dia_danh_ngay)):
            if not value:
                self.problem(cv.body_line, f"the letter's heading lacks {name}", "copy the heading of the letter as received")

    def _kinh_gui(self) -> None:
        cv = self.cv
        d = self.peek()
        if d is None or not (m := RE_KINH_GUI.match(d.text)):
            self.problem(d.line if d else cv.body_line, "no 'Kính gửi:' after the heading",
                         "the recipients follow the heading: 'Kính gửi:' and a list")
            return
        cv.kinh_gui = self.take()
        cv.kinh_gui_items = self.take_items()
        if not m["rest"] and not cv.kinh_gui_items:
            self.problem(d.line, "'Kính gửi:' names nobody", "write the recipients after it, one per line starting with '- '")

    def _parts(self) -> None:
        cv = self.cv
        mapping = {str(k): v for k, v in (cv.meta.get("doi_tuong") or {}).items()}
        while (m := self.is_part()) is not None:
            heading = self.take()
            roman = m["roman"]
            key = mapping.get(roman)
            d = DOI_TUONG.get(key) if isinstance(key, str) else None
            if d is None:
                line, col = _pos(cv, ("doi_tuong", roman)) or _pos(cv, ("doi_tuong",), key=True) or (heading.line, 1)
                known = ", ".join(DOI_TUONG)
                self.addressee_problems.append(Problem(
                    cv.shown, line, col,
                    f"part {roman} ('{heading.text}') has no known addressee in 'doi_tuong'"
                    + (f" (got {key!r})" if key is not None else ""),
                    f"add '\"{roman}\": <one of {known}>' under doi_tuong"))
            part = Phan(roman, heading, d)
            cv.phan.append(part)
            closing = self._tasks(part)
            if not part.tasks:
                self.problem(heading.line, f"part {roman} has no numbered task", "tasks are paragraphs '1. ...', '2. ...'")
            if closing:
                return

    def _tasks(self, part: Phan) -> bool:
        """Read the tasks of ``part``; True when the closing text of the letter begins."""
        while (p := self.peek()) is not None and not self.is_part():
            tm = RE_TASK.match(p.text)
            if tm and p.kind != "item":
                self.take()
                n = int(tm["n"])
                if n != len(part.tasks) + 1:
                    self.problem(p.line, f"task {part.roman}.{n} is out of order (expected {part.roman}.{len(part.tasks) + 1})",
                                 "tasks of a part are numbered 1., 2., 3. ... as in the letter")
                prefix = part.doi_tuong.key if part.doi_tuong else part.roman.lower()
                part.tasks.append(NhiemVu(f"{prefix}-{n}", part.doi_tuong, part.roman, n, [p]))  # type: ignore[arg-type]
            elif part.tasks and (p.kind == "item" or RE_CONTINUATION.match(p.text)):
                part.tasks[-1].doan.append(self.take())
            elif not part.tasks and not RE_NOI_NHAN.match(p.text):
                part.intro.append(self.take())
            else:
                return True
        return False


# --------------------------------------------------------------------------
# Front-matter positions and checks
# --------------------------------------------------------------------------


def _positions(text: str) -> tuple[dict[tuple, tuple[int, int]], dict[tuple, tuple[int, int]]]:
    """(value positions, key positions) of every node of the front matter, by path of keys/indexes."""
    values: dict[tuple, tuple[int, int]] = {}
    keys: dict[tuple, tuple[int, int]] = {}
    end = text.find("\n---\n", 4)
    if not text.startswith("---\n") or end < 0:
        return values, keys
    try:
        root = yaml.compose(text[4:end])
    except yaml.YAMLError:
        return values, keys

    def walk(node, path: tuple) -> None:
        values[path] = (node.start_mark.line + 2, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                keys[(*path, k.value)] = (k.start_mark.line + 2, k.start_mark.column + 1)
                walk(v, (*path, k.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, (*path, i))

    if root is not None:
        walk(root, ())
    return values, keys


_POSITIONS: dict[str, tuple[dict, dict]] = {}


def _pos(cv: CongVan, path: tuple, key: bool = False) -> tuple[int, int] | None:
    values, keys = _POSITIONS.setdefault(str(cv.path), _positions(cv.path.read_text(encoding="utf-8")))
    return (keys if key else values).get(path)


def _field_problem(cv: CongVan, path: tuple, message: str, hint: str, key: bool = False) -> Problem:
    line, col = _pos(cv, path, key=key) or _pos(cv, path[:1], key=True) or (1, 1)
    return Problem(cv.shown, line, col, message, hint)


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _check_meta(cv: CongVan, root: Path, problems: list[Problem]) -> None:
    """Required fields present; metadata agrees with the letter's own text."""
    m = cv.meta
    missing = [k for k in REQUIRED_FIELDS if k not in m]
    for k in missing:
        problems.append(Problem(cv.shown, 1, 1, f"letter front matter lacks '{k}'",
                                "see CONTRIBUTING.md, 'Thêm công văn nhiệm vụ trọng tâm năm mới'"))
    if missing:
        return
    fm = RE_LETTER_FILE.match(Path(cv.rel).name)
    if fm and int(fm["nam"]) != m["nam"]:
        problems.append(_field_problem(cv, ("nam",), f"'nam: {m['nam']}' differs from the file name {Path(cv.rel).name}",
                                       f"name the file {m['nam']}.md or fix 'nam'"))
    if cv.so and _compact(RE_SO.match(cv.so.text)["so"]) != _compact(cv.so_hieu):
        problems.append(_field_problem(cv, ("so_hieu",), f"so_hieu '{cv.so_hieu}' differs from the letter's "
                                       f"'{cv.so.text}' (line {cv.so.line})", "copy the number from the letter"))
    if cv.dia_danh_ngay and isinstance(m["ngay"], dt.date):
        d = RE_NGAY.search(cv.dia_danh_ngay.text)
        date = dt.date(int(d["y"]), int(d["m"]), int(d["d"]))
        if date != m["ngay"]:
            problems.append(_field_problem(cv, ("ngay",), f"ngay {m['ngay'].isoformat()} differs from the letter's "
                                           f"'{cv.dia_danh_ngay.text}' (line {cv.dia_danh_ngay.line})",
                                           f"write ngay: {date.isoformat()}"))
    if cv.co_quan_dong and cv.co_quan.casefold() != " ".join(d.text for d in cv.co_quan_dong).casefold():
        problems.append(_field_problem(cv, ("co_quan",), f"co_quan '{cv.co_quan}' differs from the issuer "
                                       f"'{cv.co_quan_dong[0].text}' printed in the letter", "copy the issuer's name"))
    if len(cv.chu_ky) >= 2 and cv.chu_ky[-1].text != cv.nguoi_ky:
        problems.append(_field_problem(cv, ("nguoi_ky",), f"nguoi_ky '{cv.nguoi_ky}' differs from the signature "
                                       f"'{cv.chu_ky[-1].text}' (line {cv.chu_ky[-1].line})", "copy the signer's name"))
    body_items = [d.text for d in cv.noi_nhan_items]
    if cv.noi_nhan_items and [str(x) for x in m["noi_nhan"]] != body_items:
        problems.append(_field_problem(cv, ("noi_nhan",), "noi_nhan differs from the 'Nơi nhận:' list of the letter",
                                       "one line per recipient, exactly as in the letter (importer: scripts/import_letter.py)"))
    for word in cv.nguyen_van:
        if word not in cv.body:
            problems.append(_field_problem(cv, ("nguyen_van", word), f"nguyen_van: '{word}' does not occur in the letter",
                                           "list only words that are printed in the letter", key=True))
    if m.get("nguon"):
        _check_source(cv, root, problems)


def _check_source(cv: CongVan, root: Path, problems: list[Problem]) -> None:
    """The body is the source file, byte for byte (leading/trailing blank lines aside)."""
    src = root / str(cv.meta["nguon"])
    if not src.is_file():
        problems.append(_field_problem(cv, ("nguon",), f"nguon '{cv.meta['nguon']}' does not exist",
                                       "give the path of the letter's source file from the project folder"))
        return
    want = _nfc(src.read_text(encoding="utf-8")).strip("\n").split("\n")
    lead = len(cv.body) - len(cv.body.lstrip("\n"))
    have = cv.body.strip("\n").split("\n")
    for i, (a, b) in enumerate(zip(have, want, strict=False)):
        if a != b:
            problems.append(Problem(cv.shown, cv.body_line + lead + i, 1,
                                    f"the letter differs from its source {cv.meta['nguon']} here: {a[:50]!r} ≠ {b[:50]!r}",
                                    "the text must stay exactly as received; regenerate with scripts/import_letter.py"))
            return
    if len(have) != len(want):
        problems.append(Problem(cv.shown, cv.body_line + lead + min(len(have), len(want)), 1,
                                f"the letter has {len(have)} lines, its source {cv.meta['nguon']} {len(want)}",
                                "the text must stay exactly as received; regenerate with scripts/import_letter.py"))


def _check_tasks(cv: CongVan, problems: list[Problem]) -> None:
    """``can_cu`` names exactly the tasks of the letter; each entry is a citation of the law."""
    can_cu = cv.meta.get("can_cu") or {}
    ids = {t.id: t for t in cv.tasks}
    seen: set[str] = set()
    for t in cv.tasks:
        if t.id in seen:
            problems.append(Problem(cv.shown, t.line, 1, f"task id '{t.id}' occurs twice",
                                    "map each part to a different addressee in doi_tuong"))
        seen.add(t.id)
    for key in can_cu:
        if str(key) not in ids:
            problems.append(_field_problem(cv, ("can_cu", key), f"can_cu: no task '{key}' in the letter",
                                           f"tasks are: {', '.join(ids) or 'none'}", key=True))
    for t in cv.tasks:
        entries = can_cu.get(t.id)
        if entries is None:
            problems.append(_field_problem(cv, ("can_cu",), f"can_cu lacks task '{t.id}' ({t.text[:40]}…, line {t.line})",
                                           f"add '{t.id}:' with at least one clause, e.g. - \"khoản 1 Điều 75\"", key=True))
            continue
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list) or not entries:
            problems.append(_field_problem(cv, ("can_cu", t.id), f"can_cu of '{t.id}' is empty",
                                           "list at least one clause of the law that gives this body the task"))
            continue
        for i, e in enumerate(entries):
            line, col = _pos(cv, ("can_cu", t.id, i)) or _pos(cv, ("can_cu", t.id)) or (1, 1)
            try:
                c = citations.parse(str(e), citations.Context(default_instrument=LUAT.key))
            except citations.CitationError as err:
                problems.append(Problem(cv.shown, line, col, f"căn cứ '{e}' of '{t.id}' is not a citation ({err})",
                                        'write one unit of the law, e.g. "khoản 1 Điều 75" or "điểm c khoản 2 Điều 73"'))
                continue
            if c.instrument not in INSTRUMENTS or len(c.targets) != 1:
                problems.append(Problem(cv.shown, line, col,
                                        f"căn cứ '{e}' of '{t.id}' must name one unit of {LUAT.short_title} "
                                        "or of a published instrument",
                                        "one article, clause or point per line; another instrument by its name, "
                                        'e.g. "khoản 2 Điều 32 Nghị định số 68/2018/NĐ-CP"'))
                continue
            t.can_cu.append(CanCu(str(e), c.targets[0], line, col))
    _check_notes(cv, ids, problems)


def _check_notes(cv: CongVan, ids: dict[str, NhiemVu], problems: list[Problem]) -> None:
    """``ghi_chu`` maps task ids of the letter to a non-empty plain note."""
    for key, note in (cv.meta.get("ghi_chu") or {}).items():
        if str(key) not in ids:
            problems.append(_field_problem(cv, ("ghi_chu", key), f"ghi_chu: no task '{key}' in the letter",
                                           f"tasks are: {', '.join(ids) or 'none'}", key=True))
        elif not isinstance(note, str) or not note.strip():
            problems.append(_field_problem(cv, ("ghi_chu", key), f"ghi_chu of '{key}' is not a text",
                                           'write one plain sentence in quotes, e.g. ghi_chu: {bo-1: "..."}'))
        else:
            ids[str(key)].ghi_chu = _nfc(note.strip())


def check_against_law(letters: list[CongVan], corpus: Corpus) -> list[Problem]:
    """Every căn cứ exists in the law (with the nearest valid unit when not)."""
    from .checker import describe_missing  # the checker imports site, which imports this module

    problems = []
    for cv in letters:
        for t in cv.tasks:
            for c in t.can_cu:
                missing = describe_missing(corpus, c.target)
                if missing:
                    problems.append(Problem(cv.shown, c.line, c.col, f"căn cứ '{c.text}' of '{t.id}': {missing[0]}",
                                            missing[1]))
    return problems


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def is_letter(rel: str) -> bool:
    """Whether a path under docs/ is a letter file (``nhiem-vu-trong-tam/2024.md``)."""
    folder, _, name = rel.replace("\\", "/").rpartition("/")
    return folder == SECTION and RE_LETTER_FILE.match(name) is not None


def parse_letter(path: Path, rel: str, shown: str, root: Path) -> tuple[CongVan, list[Problem]]:
    """Read one letter file; return it with the problems found (front matter, structure, căn cứ syntax).

    ``root`` is the project folder (``nguon`` paths are relative to it).
    """
    problems: list[Problem] = []
    try:
        meta, body_line, body = frontmatter.read(path)
    except ValueError as e:
        line, _, msg = str(e).partition(":")
        raise ProblemsFound([Problem(shown, int(line), 1, msg, "fix the YAML between the two '---' lines")]) from None
    _POSITIONS.pop(str(path), None)
    cv = CongVan(path=path, rel=rel, shown=shown, meta=meta, body=_nfc(body), body_line=body_line)
    _Reader(cv, problems).read()
    _check_meta(cv, root, problems)
    _check_tasks(cv, problems)
    return cv, problems


def letter_files(docs_dir: Path) -> list[Path]:
    folder = docs_dir / SECTION
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if RE_LETTER_FILE.match(p.name))


@lru_cache(maxsize=8)
def _load(docs_dir: str, stamp: tuple) -> tuple[tuple[CongVan, ...], tuple[Problem, ...]]:
    docs = Path(docs_dir)
    letters, problems = [], []
    for path in letter_files(docs):
        rel = path.relative_to(docs).as_posix()
        cv, found = parse_letter(path, rel, f"{docs.name}/{rel}", docs.parent)
        letters.append(cv)
        problems.extend(found)
    letters.sort(key=CongVan.sort_key, reverse=True)
    return tuple(letters), tuple(problems)


def load_letters(docs_dir: Path) -> list[CongVan]:
    """Every letter of the section, newest first; raise ProblemsFound if any file is wrong."""
    docs = Path(docs_dir).resolve()
    files = letter_files(docs)
    sources = [docs.parent / "sources"]
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in [*files, *(f for s in sources if s.is_dir() for f in sorted(s.glob("cong-van-*.md")))])
    letters, problems = _load(str(docs), stamp)
    if problems:
        raise ProblemsFound(sorted(problems))
    return list(letters)


# --------------------------------------------------------------------------
# Markdown helpers
# --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


def md(text: str) -> str:
    """Verbatim text as Markdown inline content: nothing in it is read as markup."""
    s = _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
    s = re.sub(r"^([0-9]+)\.(\s)", r"\1\\.\2", s)  # "1. " would start an ordered list
    s = re.sub(r"^([-+>])", r"\\\1", s)
    return s


def _with_sic(text: str, cv: CongVan, href: str) -> str:
    """Escaped ``text`` with a ``[nguyên văn]`` marker after each word kept as printed (see ``nguyen_van``)."""
    out = md(text)
    for word, reading in cv.nguyen_van.items():
        title = f"Bản gốc ghi “{word}”; có lẽ là “{reading}”. Trang giữ nguyên chữ của bản gốc."
        marker = f' [\\[{SIC_LABEL}\\]]({href} "{title}"){{ .sic }}'
        out = out.replace(md(word), md(word) + marker)
    return out


def vn_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def doc_url(doc: str) -> str:
    """Site-relative URL of a docs path (directory URLs): ``/nhiem-vu-trong-tam/2024.md`` → ``nhiem-vu-trong-tam/2024/``."""
    path, _, frag = doc.lstrip("/").partition("#")
    path = path[:-3] if path.endswith(".md") else path
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    elif path:
        path += "/"
    return path + (f"#{frag}" if frag else "")


def _abs(site_url: str | None, doc: str) -> str | None:
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + doc_url(doc)


def _can_cu_link(c: CanCu, site_url: str | None) -> str:
    doc = docs_href(c.target)
    url = _abs(site_url, doc)
    attrs = ".can-cu" + (f' data-url="{url}"' if url else "")
    return f"[{md(c.text)}]({doc}){{ {attrs} }}"


def _law_excerpt(vanban: dict[str, VanBan], t: citations.Target) -> str:
    """The cited unit's own words: a point, or a clause's first paragraph (" …" when the clause goes on)."""
    d = vanban[t.instrument].dieu[t.dieu]
    if t.khoan is None and t.diem is None:
        return d.heading
    if t.diem is not None:
        return next(p.text for p in d.doan if p.kind == "diem" and p.khoan == t.khoan and p.diem == t.diem)
    paras = [p for p in d.doan if p.khoan == t.khoan]
    first = next(p for p in paras if p.kind == "khoan")
    return first.text + (" …" if len(paras) > 1 else "")


def _print_url(site_url: str | None, doc: str) -> str:
    url = _abs(site_url, doc)
    return f"Bản trực tuyến: {md(url)}\n{{: .print-only .print-url }}\n" if url else ""


def _meta_line(cv: CongVan) -> str:
    return (
        '<div class="law-meta" markdown>\n\n'
        f"**Số hiệu:** {md(cv.so_hieu)} · **Loại văn bản:** Công văn · **Cơ quan ban hành:** {md(cv.co_quan)} · "
        f"**Ngày ban hành:** {vn_date(cv.ngay)} · **Người ký:** {md(cv.nguoi_ky)}\n\n"
        "</div>\n"
    )


def _crumbs(cv: CongVan | None = None) -> str:
    parts = [f"[Nhiệm vụ trọng tâm](/{INDEX})"]
    if cv is not None:
        parts.append(f"[Công văn {md(cv.so_hieu)} ({cv.nam})]({cv.letter_doc})")
    return " › ".join(parts) + "\n{: .law-crumbs }\n"


def _views_line(cv: CongVan, current: str | None = None) -> str:
    links = [("Toàn văn Công văn", cv.letter_doc), ("Nhiệm vụ và căn cứ pháp lý", cv.tasks_doc)]
    links += [(f"Bảng theo dõi: dành cho {d.label}", cv.view_doc(d)) for d in cv.doi_tuong_list()]
    items = [f"[{md(label)}]({doc})" for label, doc in links if doc != current]
    return " · ".join(items) + "\n{: .nv-views }\n"


def legislation_ld(cv: CongVan, site_url: str | None) -> dict:
    """schema.org ``Legislation`` describing the letter."""
    ld: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"Công văn số {cv.so_hieu} của {cv.co_quan} " + re.sub(r"^V/v\s+", "về việc ", cv.trich_yeu_text),
        "alternateName": f"Công văn {cv.so_hieu}",
        "legislationIdentifier": cv.so_hieu,
        "legislationDate": cv.ngay.isoformat(),
        "legislationType": "Công văn",
        "inLanguage": "vi",
        "author": {"@type": "GovernmentOrganization", "name": cv.co_quan},
        "legislationJurisdiction": "Việt Nam",
        "about": {"@type": "Legislation", "name": LUAT.short_title, "legislationIdentifier": LUAT.so_hieu},
    }
    url = _abs(site_url, cv.letter_doc)
    if url:
        ld["url"] = url
        ld["@id"] = url
        ld["about"]["url"] = _abs(site_url, f"/{LUAT.url_dir}/index.md")
    return ld


def _page_ld(cv: CongVan, name: str, doc: str, site_url: str | None) -> dict:
    ld: dict = {"@context": "https://schema.org", "@type": "WebPage", "name": name, "inLanguage": "vi",
                "about": {k: v for k, v in legislation_ld(cv, site_url).items() if k != "@context"}}
    url = _abs(site_url, doc)
    if url:
        ld["url"] = url
    return ld


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def _p(d: Doan, cls: str | None = None, text: str | None = None) -> str:
    body = text if text is not None else "<br>\n".join(md(ln) for ln in d.lines)
    return body + (f"\n{{: .{cls} }}" if cls else "") + "\n"


def _div(cls: str, *parts: str) -> str:
    return f'<div class="{cls}" markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


def letter_markdown(cv: CongVan, site_url: str | None = None) -> str:
    """The letter page: metadata, links to its views, the letter laid out as printed, the [nguyên văn] note."""
    sic = f"#{SIC_ANCHOR}"
    out = [
        _crumbs(),
        f"# {md(cv.meta.get('title') or f'Công văn {cv.so_hieu}')}\n",
        _meta_line(cv),
        _print_url(site_url, cv.letter_doc),
        f'!!! info "Nguyên văn Công văn"\n\n'
        f"    Dưới đây là nguyên văn Công văn số {md(cv.so_hieu)} như bản nhận được "
        f"([nguồn](/nguon-van-ban.md)); văn bản chỉ có giá trị tham khảo. "
        f"Các nhiệm vụ trong Công văn được tách riêng, kèm căn cứ pháp lý trong Luật, tại "
        f"[Nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}).\n",
        _views_line(cv, cv.letter_doc),
    ]
    head_left = [_p(d, "cv-issuer") for d in cv.co_quan_dong]
    if cv.so:
        head_left.append(_p(cv.so, "cv-so"))
    if cv.trich_yeu:
        head_left.append(_p(cv.trich_yeu, "cv-trich-yeu"))
    head_right = []
    for d, cls in ((cv.quoc_hieu, "cv-quoc-hieu"), (cv.tieu_ngu, "cv-tieu-ngu"), (cv.dia_danh_ngay, "cv-ngay")):
        if d is not None:
            head_right.append(_p(d, cls))
    letter = [_div("cv-head", _div("cv-head__issuer", *head_left), _div("cv-head__nation", *head_right))]
    if cv.kinh_gui is not None:
        letter.append(_div("cv-kinh-gui", _p(cv.kinh_gui, "cv-label"),
                           "".join(f"- {_with_sic(d.text, cv, sic)}\n" for d in cv.kinh_gui_items)))
    letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in cv.mo_dau]
    for part in cv.phan:
        letter.append(f"## {md(part.heading.text)} {{ #phan-{part.roman.lower()} }}\n")
        letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in part.intro]
        for t in part.tasks:
            letter.append(f"{_with_sic(t.text, cv, sic)}\n{{ #{t.id} .cv-task }}\n")
            letter += [_p(d, "cv-task-more", _with_sic(d.text, cv, sic)) for d in t.doan[1:]]
    letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in cv.ket]
    if cv.noi_nhan_nhan is not None:
        noi_nhan = _div("cv-noi-nhan", _p(cv.noi_nhan_nhan, "cv-label"),
                        "".join(f"- {_with_sic(d.text, cv, sic)}\n" for d in cv.noi_nhan_items))
        ky = _div("cv-ky", *[_p(d, "cv-chuc-vu") for d in cv.chu_ky[:-1]],
                  *([_p(cv.chu_ky[-1], "cv-nguoi-ky")] if cv.chu_ky else []))
        letter.append(_div("cv-foot", noi_nhan, ky))
    out.append(_div("cv-letter", *letter))
    if cv.nguyen_van:
        out.append(f"## Ghi chú về chữ giữ nguyên văn {{ #{SIC_ANCHOR} }}\n")
        for word, reading in cv.nguyen_van.items():
            where = [t for t in cv.tasks if word in t.text]
            at = ", ".join(f"[nhiệm vụ {t.label}](#{t.id})" for t in where)
            out.append(f"- Bản gốc ghi “{md(word)}”" + (f" ({at})" if at else "")
                       + f"; theo ngữ cảnh có lẽ là “{md(reading)}”. Trang giữ nguyên chữ của bản gốc và "
                       f"đánh dấu **\\[{SIC_LABEL}\\]** ngay sau chữ đó.\n")
    return "\n".join(out)


def _who(d: DoiTuong, site_url: str | None) -> str:
    text = f"**Cơ quan thực hiện:** {md(d.thuc_hien)}"
    if d.giup_viec and d.giup_viec_can_cu:
        c = citations.parse(d.giup_viec_can_cu)
        cc = CanCu(d.giup_viec_can_cu, c.targets[0], 0, 0)
        text += f"; {md(d.giup_viec)} giúp thực hiện ({_can_cu_link(cc, site_url)})"
    return text


def tasks_page(cv: CongVan, vanban: dict[str, VanBan], site_url: str | None = None) -> str:
    """Every task of a letter: stable id, who acts, verbatim text, căn cứ with the clause's own words."""
    doc = cv.tasks_doc
    n = len(cv.tasks)
    title = f"Nhiệm vụ trọng tâm năm {cv.nam} và căn cứ pháp lý"
    counts = "; ".join(f"{len(cv.tasks_of(d))} nhiệm vụ của {d.label}" for d in cv.doi_tuong_list())
    out = [
        front_matter(title=title,
               description=f"{n} nhiệm vụ trọng tâm công tác bồi thường nhà nước năm {cv.nam} theo Công văn số "
                           f"{cv.so_hieu} của {cv.co_quan}, mỗi nhiệm vụ kèm căn cứ trong {LUAT.short_title}.",
               json_ld=_page_ld(cv, title, doc, site_url)),
        _crumbs(cv),
        f"# {md(title)}\n",
        _meta_line(cv),
        _print_url(site_url, doc),
        f"Công văn số {md(cv.so_hieu)} ngày {vn_date(cv.ngay)} của {md(cv.co_quan)} nêu {n} nhiệm vụ ({counts}). "
        "Mỗi nhiệm vụ dưới đây có mã cố định, cơ quan thực hiện, nguyên văn lời Công văn và căn cứ pháp lý.\n",
        '!!! note "Căn cứ pháp lý do trang này đối chiếu"\n\n'
        "    Công văn không tự ghi căn cứ. Mục **Căn cứ pháp lý** liệt kê các khoản, điểm của "
        f"Luật số {LUAT.so_hieu} (và của văn bản hướng dẫn, nếu văn bản đó quy định cụ thể hơn) giao trách nhiệm "
        "tương ứng cho cơ quan thực hiện, kèm lời của chính khoản, điểm đó để bạn tự đối chiếu. Căn cứ không ghi "
        f"tên văn bản là của {LUAT.short_title}.\n",
        _views_line(cv, doc),
    ]
    for part in cv.phan:
        out.append(f"## {md(part.heading.text)} {{ #phan-{part.roman.lower()} }}\n")
        for t in part.tasks:
            out.append(f"### Nhiệm vụ {t.label} {{ #{t.id} }}\n")
            body = [f"**Mã:** `{t.id}` · {_who(t.doi_tuong, site_url)}\n"]
            quote = "\n>\n".join(f"> {_with_sic(d.text, cv, cv.letter_doc + '#' + SIC_ANCHOR)}" for d in t.doan)
            body.append(quote + "\n")
            body.append(f"**Căn cứ pháp lý** ({md(LUAT.short_title)}, trừ khi ghi tên văn bản khác):\n")
            body.append("".join(
                f"- {_can_cu_link(c, site_url)}: “{md(_law_excerpt(vanban, c.target))}”\n" for c in t.can_cu))
            if t.ghi_chu:
                body.append(f"**Ghi chú:** {md(t.ghi_chu)}\n{{: .nv-note }}\n")
            body.append(f"[Xem trong Công văn]({cv.letter_doc}#{t.id})\n{{: .nv-source }}\n")
            out.append(_div("nv-task", *body))
    return "\n".join(out)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def checklist_page(cv: CongVan, d: DoiTuong, luat: VanBan, site_url: str | None = None) -> str:
    """Printable checklist of one addressee's tasks: task, căn cứ, unit in charge (blank), deadline, status."""
    doc = cv.view_doc(d)
    tasks = cv.tasks_of(d)
    title = f"Dành cho {d.label}: nhiệm vụ trọng tâm năm {cv.nam}"
    rows = [
        "| Mã | Nhiệm vụ (nguyên văn Công văn) | Căn cứ pháp lý | Đơn vị chủ trì | Thời hạn | Tình trạng |",
        "|---|---|---|---|---|---|",
    ]
    for t in tasks:
        text = "<br>".join(_with_sic(p.text, cv, cv.letter_doc + "#" + SIC_ANCHOR) for p in t.doan)
        links = "<br>".join(_can_cu_link(c, site_url) for c in t.can_cu)
        rows.append(f"| [{t.id}]({cv.tasks_doc}#{t.id}) | {_cell(text)} | {_cell(links)} | &nbsp; | "
                    f"{NO_DEADLINE} | {STATUS_BOXES} |")
    out = [
        front_matter(title=title,
               description=f"Bảng theo dõi {len(tasks)} nhiệm vụ trọng tâm năm {cv.nam} của {d.label} "
                           f"theo Công văn số {cv.so_hieu}, in được trên khổ A4.",
               json_ld=_page_ld(cv, title, doc, site_url),
               hide=["toc"],
               search={"exclude": True}),
        _crumbs(cv),
        f"# {md(title)}\n",
        _print_url(site_url, doc),
        f"Theo Công văn số {md(cv.so_hieu)} ngày {vn_date(cv.ngay)} của {md(cv.co_quan)} "
        f"({md(cv.trich_yeu_text)}).\n{{: .nv-basis }}\n",
        _who(d, site_url) + "\n",
        "Đơn vị: ………………………………………… · Người theo dõi: ……………………………… · Cập nhật ngày: ……/……/…………\n"
        "{: .print-only .nv-fill }\n",
        _div("nv-checklist", "\n".join(rows) + "\n"),
        f"**Thời hạn:** Công văn không ghi thời hạn cho từng nhiệm vụ; cột này ghi “{NO_DEADLINE}”, "
        "đơn vị tự ghi mốc của mình nếu có. **Căn cứ pháp lý:** do trang này đối chiếu với "
        f"Luật số {LUAT.so_hieu} và văn bản hướng dẫn, xem lời từng khoản tại [Nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}).\n"
        "{: .nv-notes }\n",
        _views_line(cv, doc),
    ]
    return "\n".join(out)


def index_page(letters: list[CongVan], site_url: str | None = None) -> str:
    """The section index: every letter, newest year first."""
    title = "Nhiệm vụ trọng tâm công tác bồi thường nhà nước"
    ld: dict = {"@context": "https://schema.org", "@type": "CollectionPage", "name": title, "inLanguage": "vi",
                "hasPart": [{k: v for k, v in legislation_ld(cv, site_url).items() if k != "@context"}
                            for cv in letters]}
    if site_url:
        ld["url"] = _abs(site_url, f"/{INDEX}")
    out = [
        front_matter(title=title,
               description="Nguyên văn các công văn của Bộ Tư pháp về nhiệm vụ trọng tâm công tác bồi thường nhà nước "
                           "theo từng năm, từng nhiệm vụ kèm căn cứ pháp lý và bảng theo dõi in được.",
               json_ld=ld),
        f"# {title}\n",
        "Mục này đăng nguyên văn các công văn về nhiệm vụ trọng tâm công tác bồi thường nhà nước, mới nhất ở trên. "
        "Với mỗi công văn có: toàn văn; từng nhiệm vụ kèm căn cứ pháp lý trong "
        f"[{md(LUAT.short_title)}](/{LUAT.url_dir}/index.md); và bảng theo dõi cho từng nhóm cơ quan, in được trên khổ A4.\n",
    ]
    if not letters:
        out.append("Chưa có công văn nào.\n")
    for cv in letters:
        groups = "; ".join(f"{len(cv.tasks_of(d))} của {d.label}" for d in cv.doi_tuong_list())
        out.append(f"## Năm {cv.nam} {{ #nam-{cv.stem} }}\n")
        out.append(f"[Công văn số {md(cv.so_hieu)}]({cv.letter_doc}) ngày {vn_date(cv.ngay)} của {md(cv.co_quan)}: "
                   f"{md(cv.trich_yeu_text)}.\n{{: .nv-letter }}\n")
        items = [f"- [Toàn văn Công văn]({cv.letter_doc})",
                 f"- [{len(cv.tasks)} nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}) ({groups})"]
        items += [f"- [Bảng theo dõi: dành cho {md(d.label)}]({cv.view_doc(d)})" for d in cv.doi_tuong_list()]
        out.append("\n".join(items) + "\n")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Entry points for the site (called by lawsite.site and hooks/lawsite.py)
# --------------------------------------------------------------------------


def check(docs_dir: Path, corpus: Corpus) -> list[Problem]:
    """Every problem of every letter file (front matter, text, căn cứ), without building: for ``publish --check-only``."""
    try:
        letters = load_letters(Path(docs_dir))
    except ProblemsFound as e:
        return e.problems
    return check_against_law(letters, corpus)


def generated_pages(docs_dir: Path, corpus: Corpus | None = None, site_url: str | None = None) -> dict[str, str]:
    """Every page derived from the letters: ``{path under docs/: Markdown}``.

    Raises :class:`ProblemsFound` (every problem of every letter) when a
    letter file is malformed or cites a unit the law does not have.
    """
    docs_dir = Path(docs_dir)
    if corpus is None:
        from .site import load_corpus

        corpus = load_corpus(docs_dir.parent)
    letters = load_letters(docs_dir)
    problems = check_against_law(letters, corpus)
    if problems:
        raise ProblemsFound(problems)
    luat = corpus.vanban[LUAT.key]
    out = {INDEX: index_page(letters, site_url)}
    for cv in letters:
        out[cv.tasks_doc.lstrip("/")] = tasks_page(cv, corpus.vanban, site_url)
        for d in cv.doi_tuong_list():
            out[cv.view_doc(d).lstrip("/")] = checklist_page(cv, d, luat, site_url)
    return out


def page_markdown(rel: str, markdown: str, meta: dict, docs_dir: Path, site_url: str | None = None) -> str | None:
    """Markdown to render for a docs page: a letter file becomes its letter page (and gets JSON-LD); others unchanged."""
    if not is_letter(rel):
        return None
    cv = next((c for c in load_letters(Path(docs_dir)) if c.rel == rel.replace("\\", "/")), None)
    if cv is None:
        return None
    meta["json_ld"] = legislation_ld(cv, site_url)
    return letter_markdown(cv, site_url)


def nav(docs_dir: Path, label: str) -> dict:
    """Nav entry of the section: the index, then per letter (newest first) the letter and its pages."""
    children: list = [INDEX]
    for cv in load_letters(Path(docs_dir)):
        items: list = [{f"Công văn {cv.so_hieu}": cv.rel},
                       {"Nhiệm vụ và căn cứ pháp lý": cv.tasks_doc.lstrip("/")}]
        items += [{f"Dành cho {d.label}": cv.view_doc(d).lstrip("/")} for d in cv.doi_tuong_list()]
        children.append({f"Năm {cv.nam}" + ("" if cv.stem == str(cv.nam) else f" ({cv.stem})"): items})
    return {label: children}


# --------------------------------------------------------------------------
# Importer: the letter file from the letter as received
# --------------------------------------------------------------------------

KNOWN_ISSUERS = {"BỘ TƯ PHÁP": "Bộ Tư pháp"}
"""How an issuer printed in capitals is written in running text (the importer's guess otherwise: capitalised)."""


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def import_letter(source: Path, root: Path, nam: int | None = None, existing: Path | None = None) -> str:
    """Text of the letter file for ``source`` (a letter as received, in ``sources/``).

    The body is the source itself. The front matter is read from the letter
    (number, date, issuer, signer, recipients) and, when ``existing`` is an
    earlier version of the file, keeps what only people can write: title,
    description, ``nguyen_van``, ``doi_tuong``, ``can_cu`` and ``ghi_chu``. New tasks get
    an empty ``can_cu`` list, which publish refuses until someone fills it.
    """
    text = _nfc(source.read_text(encoding="utf-8"))
    old: dict = {}
    if existing is not None and existing.is_file():
        old, _, _ = frontmatter.read(existing)
    doi_tuong = {str(k): v for k, v in (old.get("doi_tuong") or {}).items()}

    def read(mapping: dict) -> tuple[CongVan, _Reader]:
        cv = CongVan(path=source, rel="", shown=str(source), meta={"doi_tuong": mapping}, body=text, body_line=1)
        reader = _Reader(cv, [])
        reader._read()
        return cv, reader

    probe, reader = read(doi_tuong)
    if reader.problems:
        raise ProblemsFound(reader.problems)
    for part in probe.phan:  # guess the addressee of new parts from their heading; '?' for people to fix
        if part.roman not in doi_tuong:
            heading = part.heading.text.upper()
            guess = next((k for k, v in DOI_TUONG.items() if any(w in heading for w in v.nhan_dang)), None)
            doi_tuong[part.roman] = guess or "?"
    probe, _ = read(doi_tuong)
    so_hieu = re.sub(r"\s*/\s*", "/", RE_SO.match(probe.so.text)["so"]).strip()
    d = RE_NGAY.search(probe.dia_danh_ngay.text)
    ngay = dt.date(int(d["y"]), int(d["m"]), int(d["d"]))
    if nam is None:
        y = re.search(r"năm\s+([0-9]{4})", probe.trich_yeu_text)
        nam = int(y[1]) if y else ngay.year
    issuer = " ".join(x.text for x in probe.co_quan_dong)
    co_quan = old.get("co_quan") or KNOWN_ISSUERS.get(issuer, issuer.capitalize())
    old_can_cu = old.get("can_cu") or {}
    title = old.get("title") or f"Công văn {so_hieu} về nhiệm vụ trọng tâm công tác bồi thường nhà nước năm {nam}"
    description = old.get("description") or (
        f"Nguyên văn Công văn số {so_hieu} ngày {vn_date(ngay)} của {co_quan} "
        + re.sub(r"^V/v\s+", "về việc ", probe.trich_yeu_text) + ".")
    try:
        nguon = source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        nguon = str(source)
    lines = [
        "---",
        "# Công văn nhiệm vụ trọng tâm. Cách sửa tệp này: CONTRIBUTING.md,",
        "# mục \"Thêm công văn nhiệm vụ trọng tâm năm mới\". Phần dưới dòng '---' thứ hai",
        "# là nguyên văn công văn, giữ đúng từng chữ như bản nhận được.",
        f"title: {_yaml_str(title)}",
        f"description: {_yaml_str(description)}",
        f"nam: {nam}",
        f"so_hieu: {_yaml_str(so_hieu)}",
        f"ngay: {ngay.isoformat()}",
        f"co_quan: {_yaml_str(co_quan)}",
        f"nguoi_ky: {_yaml_str(probe.chu_ky[-1].text if probe.chu_ky else '')}",
        "noi_nhan:",
        *(f"  - {_yaml_str(x.text)}" for x in probe.noi_nhan_items),
        f"nguon: {_yaml_str(nguon)}",
    ]
    nguyen_van = old.get("nguyen_van") or {}
    if nguyen_van:
        lines.append("# Chữ giữ nguyên như bản gốc dù có vẻ sai chính tả: \"chữ in trong công văn\": \"chữ đúng\"")
        lines.append("nguyen_van:")
        lines += [f"  {_yaml_str(str(k))}: {_yaml_str(str(v))}" for k, v in nguyen_van.items()]
    lines.append("# Phần I, II... của công văn gửi cho ai (bo = các Bộ, ngành; ubnd-tinh = UBND cấp tỉnh)")
    lines.append("doi_tuong:")
    lines += [f"  {_yaml_str(k)}: {v}" for k, v in doi_tuong.items()]
    lines.append("# Căn cứ pháp lý của từng nhiệm vụ: mỗi dòng một điều, khoản hoặc điểm của Luật số 10/2017/QH14")
    lines.append("# (của văn bản khác thì ghi cả tên văn bản, ví dụ \"khoản 2 Điều 32 Nghị định số 68/2018/NĐ-CP\")")
    lines.append("can_cu:")
    for t in probe.tasks:
        entries = old_can_cu.get(t.id) or []
        if entries:
            lines.append(f"  {t.id}:")
            lines += [f"    - {_yaml_str(str(e))}" for e in entries]
        else:
            lines.append(f"  {t.id}: []")
    ghi_chu = {str(k): str(v) for k, v in (old.get("ghi_chu") or {}).items()}
    if ghi_chu:
        lines.append("# Ghi chú về căn cứ của từng nhiệm vụ (không bắt buộc), hiện dưới căn cứ trên trang nhiệm vụ")
        lines.append("ghi_chu:")
        lines += [f"  {k}: {_yaml_str(v)}" for k, v in ghi_chu.items()]
    lines.append("---")
    return "\n".join(lines) + "\n\n" + text.strip("\n") + "\n"


__all__ = [
    "DOI_TUONG",
    "INDEX",
    "SECTION",
    "CanCu",
    "CongVan",
    "DoiTuong",
    "NhiemVu",
    "check",
    "check_against_law",
    "generated_pages",
    "import_letter",
    "is_letter",
    "letter_markdown",
    "load_letters",
    "nav",
    "page_markdown",
    "parse_letter",
]
