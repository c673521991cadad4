"""The citation grammar's vocabulary: the regular-expression fragments and compiled tokens (see :mod:`lawsite.citations`)."""

from __future__ import annotations

import re
import unicodedata

from .ids import POINT_LETTERS
from .instruments import INSTRUMENTS

# --------------------------------------------------------------------------
# Regex fragments
# --------------------------------------------------------------------------

SP = r"[^\S\n]+"
"""Spaces inside a line."""
RE_WS = r"(?:[^\S\n]*\n)?[^\S\n]*"
"""Between tokens: spaces and at most one line break (a citation never spans paragraphs)."""
RE_WS1 = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
"""Like :data:`RE_WS` but at least one space or line break (before a qualifier)."""

RE_CAC = r"(?P<cac>[Cc]ác)"
RE_TU = r"(?P<tu>[Tt]ừ)(?!\w)"
RE_DEN = r"(?P<den>đến)(?!\w)"
RE_NAY = r"(?P<nay>này)(?!\w)"
RE_SEP = rf"""
    (?P<sep>
        ,(?:[^\S\n]*(?:và/hoặc|và|hoặc)(?!\w))?
      | (?:và/hoặc|và|hoặc)(?!\w)
    )
    (?:{SP}tại(?!\w))?
"""
RE_NUMBER = r"(?P<value>[1-9][0-9]*)(?![\w/]|[.,][0-9])"
RE_LETTER = rf"(?P<value>[{POINT_LETTERS}])(?!\w)"
RE_ROMAN = r"(?P<value>[IVXLC]+)(?!\w)"
RE_NOT_QUANTITY = rf"(?!{SP}(?:ngày|tháng|năm|giờ|lần|người|đồng|triệu|tỷ)(?!\w)|[^\S\n]*%)"
"""After a number continuing a list: "Điều 45, 30 ngày" lists a quantity, not Điều 30."""

KEYWORDS = {
    "dieu": r"[Đđ]iều",  # lower case only after "các" (checked in code)
    "khoan": r"[Kk]hoản",
    "diem": r"[Đđ]iểm",
    "muc": r"Mục",
    "chuong": r"Chương",
}
VALUES = {"dieu": RE_NUMBER, "khoan": RE_NUMBER, "diem": RE_LETTER, "muc": RE_NUMBER, "chuong": RE_ROMAN}
LOWER = {"dieu": ("khoan", "diem"), "khoan": ("diem",), "diem": (), "chuong": ("muc",), "muc": ()}
"""Units a head can carry, in the order they are tried ("điểm b Điều 9" has no clause)."""
WORD = {"dieu": "Điều", "khoan": "khoản", "diem": "điểm", "muc": "Mục", "chuong": "Chương"}
VALUE_NAME = {
    "dieu": "an article number",
    "khoan": "a clause number",
    "diem": f"a point letter ({', '.join(POINT_LETTERS[:6])}, ...)",
    "muc": "a section number",
    "chuong": "a Roman chapter numeral",
}


def _kw(level: str) -> str:
    return rf"(?:{RE_CAC}{SP})?(?P<kw>{KEYWORDS[level]})(?!\w)"


RE_START = rf"""
    (?<!\w)
    (?:(?:[Cc]ác|[Tt]ừ){SP})?
    (?:{'|'.join(KEYWORDS.values())})
    (?!\w)
"""
"""Where a citation can begin; the parser decides whether one does."""

RE_UNIT_MENTION = rf"""
    (?<!\w)
    (?:
        (?:[Đđ]iều|[Kk]hoản|Mục){SP}[1-9][0-9]*(?![\w/]|[.,][0-9])
      | [Đđ]iểm{SP}[{POINT_LETTERS}](?!\w)
      | Chương{SP}[IVXLC]+(?!\w)
      | (?:Điều|[Kk]hoản|[Đđ]iểm|Chương|Mục){SP}này(?!\w)
    )
"""
"""A unit keyword with a value: every one must lie inside a citation (see :func:`survey`)."""

# Instrument names -----------------------------------------------------------

_UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1F00))
    if c.isupper() and unicodedata.name(c, "").startswith("LATIN")
)
RE_STOPWORD = r"""
    (?:này|đó|tại|thì|là|và|hoặc|để|được|theo|về|khi|có|đã|đang|sẽ|trong|đối|với|mà|nhưng
      |cho|sau|trước|nếu|do|bị|không|đến|từ|gồm|bao|nhằm|phải|còn|vẫn|cũng|như|hết|thuộc
      |ở|vào|trên|dưới|các|những|một|số|năm|ngày|tháng|quy[^\S\n]+định|của(?![^\S\n]+Nhà[^\S\n]+nước))
    (?!\w)
"""
"""Words that end an instrument's title ("Bộ luật Dân sự tại thời điểm ...")."""
RE_TITLE_WORD = rf"(?!{RE_STOPWORD})[^\W\d_]+"
RE_TITLE = rf"""
    (?:Cán{SP}bộ,{SP}công{SP}chức|Phòng,{SP}chống|Quản{SP}lý,{SP}sử{SP}dụng   # titles with a comma
      |[{_UPPER}][^\W_]*)
    (?:{SP}{RE_TITLE_WORD})*
"""
RE_LOOSE_TITLE = rf"{RE_TITLE_WORD}(?:{SP}{RE_TITLE_WORD})*"
""""Bộ luật dân sự": a code's name may start in lower case (Nghị định 68 writes it so)."""
RE_SO_HIEU = r"[0-9]+(?:/[0-9]{4})?/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9]+)*(?![\w/])"
RE_YEAR = r"(?:19|20)[0-9]{2}(?![\w/])"
RE_KIND = rf"""
    (?:Bộ{SP}luật|Luật|Pháp{SP}lệnh|Nghị{SP}định|Nghị{SP}quyết
      |Thông{SP}tư{SP}liên{SP}tịch|Thông{SP}tư|Hiến{SP}pháp)
"""
RE_TAIL = rf"(?:{SP}số{SP}{RE_SO_HIEU})?(?:{SP}(?:năm{SP})?{RE_YEAR})?"
RE_INSTRUMENT_NAME = rf"""
    (?:
        (?:{RE_KIND}|Quyết{SP}định|Chỉ{SP}thị){SP}(?:số{SP})?{RE_SO_HIEU}   # Nghị định số 16/2010/NĐ-CP
      | Bộ{SP}luật{SP}{RE_LOOSE_TITLE}{RE_TAIL}                          # Bộ luật Dân sự năm 2015
      | Hiến{SP}pháp(?:{SP}năm{SP}{RE_YEAR})?
      | {RE_KIND}{SP}{RE_TITLE}{RE_TAIL}                                  # Luật Tố tụng hành chính
    )
"""


def _phrase(s: str) -> str:
    return SP.join(re.escape(w) for w in s.split())


_SELF_REFS = sorted({r for i in INSTRUMENTS.values() for r in i.self_refs}, key=len, reverse=True)
RE_SELF_REF = "|".join(_phrase(r) + r"(?!\w)" for r in _SELF_REFS)
RE_BARE_FOLLOW = rf"(?=[^\S\n]*(?:[^\w\s]|\n|\Z)|{SP}{RE_STOPWORD})"
RE_QUALIFIER = rf"""
    {RE_WS1}(?:(?P<cua>của){SP})?
    (?P<name>
        (?P<self>{RE_SELF_REF})
      | (?P<full>{RE_INSTRUMENT_NAME})
      | (?P<bare>{RE_KIND}|Luật){RE_BARE_FOLLOW}
    )
"""
RE_UNKNOWN_QUALIFIER = rf"{RE_WS1}(?:của{SP})?(?P<name>{RE_KIND}|Quyết{SP}định{SP}số)(?!\w)"
"""An instrument word after a citation that :data:`RE_QUALIFIER` could not read."""


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


_TOKENS = {
    "cac_kw": {lvl: _compile(RE_WS + _kw(lvl)) for lvl in KEYWORDS},
    "value": {lvl: _compile(RE_WS + VALUES[lvl]) for lvl in VALUES},
    "value_more": {lvl: _compile(RE_WS + VALUES[lvl] + RE_NOT_QUANTITY) for lvl in VALUES},
}
_TU = _compile(RE_WS + RE_TU)
_DEN = _compile(RE_WS + RE_DEN)
_NAY = _compile(RE_WS + RE_NAY)
_CUA = _compile(RE_WS + rf"của{SP}(?=\S)")
_SEP = _compile(RE_WS + RE_SEP)
_START = _compile(RE_START)
_MENTION = _compile(RE_UNIT_MENTION)
_QUALIFIER = _compile(RE_QUALIFIER)
_UNKNOWN_QUALIFIER = _compile(RE_UNKNOWN_QUALIFIER)
_SPACE = re.compile(r"\s+")


def _norm_name(name: str) -> str:
    return _SPACE.sub(" ", name).strip()


def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, inst in INSTRUMENTS.items():
        for name in (*inst.names, inst.short_title, f"{inst.kind} {inst.so_hieu}", f"{inst.kind} số {inst.so_hieu}"):
            index[_norm_name(name).casefold()] = key
    return index


_NAMES = _name_index()
"""Every way the registry names an instrument, case-folded → key."""
BARE_NAMES = {"luật": "luat"}
"""Bare kinds that name one instrument: Nghị định 68, Điều 1 defines "(sau đây gọi là Luật)"."""
