"""Read an official source file (``sources/*.md``) into the legal model.

The source layout is the one of ``shared/sources``: YAML front matter;
``## Chương X`` then a title line; ``### Mục N`` then a title line;
``#### Điều N. Title``; clauses as paragraphs ``1. ``; points as paragraphs
``a) ``; ``<!-- MISSING: ... -->`` where the official source lacks a part.

The importer is strict on purpose: the site promises that every article,
clause and point exists exactly as numbered, so any doubt about the structure
(a skipped point letter, a duplicated article, clauses out of order) is an
error with its line number, never a guess. The only exceptions are the
quirks documented for the instrument in :mod:`lawsite.instruments` (a point
printed with a wrong letter, a misspelt word): each is accepted exactly where
documented, gets its visible note, and is an error if it is no longer there.
It is pure: it reads text and
returns a :class:`~lawsite.model.VanBan` or raises :class:`~lawsite.problems.ProblemsFound`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from . import ids
from .instruments import INSTRUMENTS, point_quirk, text_quirks
from .model import Chuong, Dieu, Doan, Missing, Muc, VanBan
from .problems import Problem, ProblemsFound

REQUIRED_META = ("title", "so_hieu", "ngay_ban_hanh", "ngay_hieu_luc", "co_quan_ban_hanh")

RE_CHUONG = re.compile(r"^## Chương (?P<roman>[IVXLC]+)$")
RE_MUC = re.compile(r"^### Mục (?P<n>\d+)$")
RE_DIEU = re.compile(r"^#### Điều (?P<n>\d+)\. (?P<title>\S.*)$")
RE_KHOAN = re.compile(r"^(?P<n>\d+)\. ")
RE_DIEM = re.compile(r"^(?P<letter>[a-zđ])\) ")
RE_MISSING = re.compile(r"^<!-- MISSING: (?P<text>.*) -->$")


SourceErrors = ProblemsFound
"""Raised by :func:`parse` with every problem found in a source."""


def _blocks(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Split lines into blank-line separated blocks, each with its 1-based line number."""
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if line.strip():
            if not buf:
                start = first_line + i
            buf.append(line.rstrip())
        elif buf:
            out.append((start, "\n".join(buf)))
            buf = []
    if buf:
        out.append((start, "\n".join(buf)))
    return out


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        return "", text, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text, 1
    front = text[4:end]
    return front, text[end + 5:], front.count("\n") + 4


def parse(text: str, key: str, path: str = "<source>", expected_articles: int | None = None) -> VanBan:
    """Parse a source text into a :class:`VanBan`; raise :class:`SourceErrors` on any problem."""
    errors: list[Problem] = []

    def err(line: int, message: str, hint: str = "") -> None:
        errors.append(Problem(path, line, 1, message, hint))

    if not unicodedata.is_normalized("NFC", text):
        for i, line in enumerate(text.split("\n"), 1):
            if not unicodedata.is_normalized("NFC", line):
                err(i, "text is not Unicode NFC", "normalise the file to NFC (composed characters)")
                break

    front, body, body_line = split_front_matter(text)
    try:
        meta = yaml.safe_load(front) if front else None
    except yaml.YAMLError as e:
        meta = None
        err(1, f"front matter is not valid YAML ({e.__class__.__name__})", "fix the YAML between the '---' lines")
    if not isinstance(meta, dict):
        if front:
            err(1, "front matter must be a YAML mapping")
        else:
            err(1, "missing YAML front matter", "start the file with '---', the metadata, and '---'")
        meta = {}
    for k in REQUIRED_META:
        if k not in meta:
            err(1, f"front matter lacks '{k}'", f"add '{k}: ...' to the front matter")

    vb = VanBan(key=key, path=path, meta=meta)
    blocks = _blocks(body.split("\n"), body_line)
    chuong: Chuong | None = None
    muc: Muc | None = None
    dieu: Dieu | None = None
    khoan: int | None = None
    last_diem: str | None = None
    expect_title: str | None = None  # "chuong" or "muc" when the next block is a title line
    used_quirks: set = set()

    def add(doan: Doan) -> None:
        quirks = text_quirks(key, dieu.number, doan.khoan, doan.diem, doan.text) if doan.kind != "table" else []
        used_quirks.update(quirks)
        doan.notes = doan.notes + tuple(q.note for q in quirks)
        dieu.doan.append(doan)

    for line, block in blocks:
        first = block.split("\n", 1)[0]
        if expect_title:
            if first.startswith("#") or "\n" in block:
                err(line, f"the {expect_title} heading must be followed by its title on one line")
            elif expect_title == "chuong" and chuong:
                chuong.title = block
            elif muc:
                muc.title = block
            expect_title = None
            continue
        if m := RE_MISSING.match(block):
            vb.missing.append(Missing(line, m["text"], dieu.number if dieu and not dieu.doan else None))
            if dieu is not None and not dieu.doan:
                dieu.missing = m["text"]
            continue
        if first.startswith("## "):
            m = RE_CHUONG.match(block)
            if not m:
                err(line, f"malformed chapter heading {first!r}", "write '## Chương' and a Roman numeral, e.g. '## Chương IV'")
                continue
            n = ids.roman_to_int(m["roman"])
            expected = (chuong.number + 1) if chuong else 1
            if n != expected:
                err(line, f"Chương {m['roman']} is out of order", f"expected Chương {ids.int_to_roman(expected)}")
            chuong = Chuong(m["roman"], n, "", line)
            vb.chuong.append(chuong)
            muc, dieu, expect_title = None, None, "chuong"
            continue
        if first.startswith("### "):
            m = RE_MUC.match(block)
            if not m or chuong is None:
                err(line, f"malformed section heading {first!r}", "write '### Mục N' inside a chapter")
                continue
            n = int(m["n"])
            expected = (muc.number + 1) if muc else 1
            if n != expected:
                err(line, f"Mục {n} is out of order in Chương {chuong.roman}", f"expected Mục {expected}")
            muc = Muc(n, "", line)
            chuong.muc.append(muc)
            dieu, expect_title = None, "muc"
            continue
        if first.startswith("#"):
            m = RE_DIEU.match(block)
            if not m:
                err(line, f"malformed article heading {first!r}", "write '#### Điều N. Tên điều' with the article number")
                dieu = None
                continue
            n = int(m["n"])
            if n in vb.dieu:
                err(line, f"duplicate Điều {n}", f"Điều {n} is already at line {vb.dieu[n].line}")
                dieu = None
                continue
            expected = max(vb.dieu, default=0) + 1
            if n != expected:
                err(line, f"Điều {n} is out of order", f"expected Điều {expected}")
            dieu = Dieu(n, m["title"].strip(), line, chuong.number if chuong else None, muc.number if muc else None)
            vb.dieu[n] = dieu
            if chuong:
                chuong.dieu.append(n)
            if muc:
                muc.dieu.append(n)
            khoan, last_diem = None, None
            continue
        if dieu is None:
            err(line, "text outside any article", "put it under a '#### Điều N.' heading or mark it '<!-- MISSING: ... -->'")
            continue
        if m := RE_KHOAN.match(block):
            n = int(m["n"])
            expected = (khoan or 0) + 1
            if n != expected:
                err(line, f"khoản {n} of Điều {dieu.number} is out of order", f"expected khoản {expected}")
            khoan, last_diem = n, None
            add(Doan("khoan", block, line, khoan=n))
        elif m := RE_DIEM.match(block):
            letter = m["letter"]
            expected_letter = ids.next_letter(last_diem) if last_diem else "a"
            where = f"khoản {khoan} Điều {dieu.number}" if khoan else f"Điều {dieu.number}"
            notes: tuple[str, ...] = ()
            if letter != expected_letter:
                quirk = point_quirk(key, dieu.number, khoan, letter, expected_letter)
                if quirk is None:
                    err(line, f"điểm {letter} of {where} is out of sequence", f"expected điểm {expected_letter}")
                else:  # documented misprint: the text keeps the printed letter, the model the real one
                    used_quirks.add(quirk)
                    letter, notes = quirk.diem, (quirk.note,)
            last_diem = letter
            add(Doan("diem", block, line, khoan=khoan, diem=letter, notes=notes))
        elif first.startswith("|"):
            add(Doan("table", block, line, khoan=khoan, diem=last_diem))
        else:
            # A paragraph after a point continues it ("điểm này" there means that point).
            add(Doan("text", block, line, khoan=khoan, diem=last_diem))

    inst = INSTRUMENTS.get(key)
    for q in inst.quirks if inst else ():
        if q not in used_quirks:
            err(1, f"documented quirk not found: {q.kind} {q.printed!r} in Điều {q.dieu}"
                   + (f" khoản {q.khoan}" if q.khoan else "") + (f" điểm {q.diem}" if q.diem else ""),
                "the source changed: check it and update the quirks of the instrument in lawsite/instruments.py")
    if expected_articles is not None and len(vb.dieu) != expected_articles:
        err(len(text.split("\n")), f"found {len(vb.dieu)} articles, expected {expected_articles}",
            "check that no article is missing or merged")
    if errors:
        raise SourceErrors(errors)
    return vb


def load(path: Path, key: str, expected_articles: int | None = None) -> VanBan:
    """Read and parse a source file."""
    return parse(path.read_text(encoding="utf-8"), key, str(path), expected_articles)
