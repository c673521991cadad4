"""The one citation grammar of the site: Vietnamese references to law units.

Law text and guidance cite units as Vietnamese drafting writes them
("khoản 2 Điều 22 của Luật này", "các điểm a, b và c khoản 1 Điều 26",
"Mục 1 Chương V của Luật này"). The Markdown linker and the publish checker
both call this module, so a citation means the same thing everywhere.

Grammar
=======

Written bottom-up, as the drafting rules (Nghị định 34/2016/NĐ-CP, phụ lục
II) build a reference: a point sits in a clause, a clause in an article, a
Mục in a Chương. ``SEP`` is ``,``, ``và``, ``hoặc``, ``và/hoặc`` or a comma
followed by one of them, optionally followed by ``tại`` ("khoản 1 Điều 52
hoặc tại Điều 55 của Luật này")::

    citation   = items [qualifier]            ; no qualifier after a "này" unit
    items      = item {SEP item}
    item       = article | chapter
    article    = [clauses | points] head(Điều)
    clauses    = clause {SEP clause}
    clause     = [points] head(khoản)
    points     = head(điểm) {SEP head(điểm)}
    chapter    = [sections] head(Chương)
    sections   = head(Mục) {SEP head(Mục)}
    head(K)    = ["các"] K VALUE {SEP VALUE}     ; "khoản 1, 2 và 3", "các điều 23, 24"
               | ["các"] K "này"                 ; the unit being read
               | "từ" K VALUE "đến" K VALUE      ; ranges, expanded
               | K VALUE "đến" K VALUE
               | "các" K "từ" VALUE "đến" VALUE
    qualifier  = ["của"] (self reference | instrument name | "Luật")

The optional "của" between a unit and its container occurs in the
circulars: "khoản 2 của Điều này" (Thông tư 08/2019, Điều 7), "khoản 2 hoặc
khoản 3 của Điều này" (Thông tư 09/2019).

``VALUE`` is an Arabic number for Điều, khoản and Mục (no leading zero:
"05 ngày" is a quantity, not a unit), a point letter of
:data:`lawsite.ids.POINT_LETTERS` for điểm (``đ`` included) and a Roman
numeral for Chương. Keywords are whole words: "khoản tiền", "các điều kiện",
"Điều lệ", "điểm chỉ" are not citations. A head that carries lower units
("điểm a khoản 1") holds a single value; "điểm a khoản 1, 2" is refused as
ambiguous.

Meaning
=======

* A container written once applies to everything before it that lacks one:
  "điểm b khoản 1 và khoản 2 Điều 52" is 52.1.b and 52.2 (Điều 52 khoản 2 has
  no points, which settles the reading the drafting convention gives).
* "này" means the unit being read (:class:`Context`): "khoản 2 Điều này",
  "điểm b khoản này", "điểm này", "Mục 3 Chương này". A "này" unit ends the
  citation: in "khoản 6 Điều 57 và Điều 59 của Luật và Điều này" (Nghị định
  68, Điều 25) "của Luật" qualifies the first two articles, and "Điều này" is
  a second citation of the decree itself.
* The qualifier ends a citation and applies to all of it: "Luật này",
  "Nghị định này" (self references of the registry), a registry name
  ("Nghị định số 68/2018/NĐ-CP"), bare "Luật" (the decree defines "sau đây
  gọi là Luật"; guidance uses it the same way) or any other instrument name,
  which makes the citation *external*: "Điều 589 của Bộ luật Dân sự", and
  "Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12" (the old law,
  not ours). External citations keep their targets, with the instrument's
  name in :attr:`Target.instrument`, and get no links.
* An unqualified citation belongs to the instrument being read
  (``Context.instrument``), or to ``Context.default_instrument`` on guidance
  pages. That is how the sources use it: the only unqualified citation in
  the three texts outside "này" forms is "Điều 2" in Thông tư 04/2018, Điều 5
  ("quy định tại Điều 2 chịu trách nhiệm thi hành Thông tư này"), which is
  the circular's own Điều 2.
* "đoạn 2 khoản 5 Điều 23" (Nghị định 68, Điều 4): paragraphs have no
  anchors, so the citation starts at "khoản 5" and links the clause.
* A bare "khoản 1" or "điểm a" (no article, no "này") does not occur in the
  sources; it is not a citation, and :func:`parse` says so.
* An instrument word right after a citation that the grammar cannot resolve
  ("của Nghị định quy định ...", "của Luật tố tụng ...") makes the citation
  unresolved instead of silently defaulting; :func:`survey` counts those.

Text is expected in Unicode NFC (the sources are). :func:`parse` and
:func:`find_citations` accept NFD too: they match on the NFC form and map
every span back to the string they were given.

API
===

:func:`find_citations` (running text, for the linker), :func:`parse` (one
citation, strict, for the checker and tests), :func:`find_unresolved` and
:func:`survey` (what could not be classified), :func:`format_target`,
:func:`format_citation` and :func:`format_units` (canonical text; parsing it
back gives the same targets), :func:`target_str`/:func:`target_from_str`
(compact ``luat:52.1.b`` form for data files). The regexes are built from the
``RE_*`` fragments below; nothing else in the project may match citations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .ids import POINT_LETTERS, int_to_roman, roman_to_int
from .instruments import INSTRUMENTS

__all__ = [
    "Citation",
    "CitationError",
    "Context",
    "Link",
    "Target",
    "find_citations",
    "find_unresolved",
    "format_citation",
    "format_target",
    "format_units",
    "instrument_name",
    "parse",
    "survey",
    "target_from_str",
    "target_str",
]

# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Target:
    """One addressable unit.

    ``instrument`` is a registry key (``luat``, ``nd68``, ``tt04``) for our
    instruments; for an external citation it is the other instrument's name
    as written ("Bộ luật Dân sự"). Sort with :meth:`sort_key`: the dataclass
    order compares ``None`` with numbers and puts ``đ`` after ``y``.
    """

    instrument: str
    dieu: int | None = None
    khoan: int | None = None
    diem: str | None = None
    chuong: int | None = None
    muc: int | None = None

    @property
    def internal(self) -> bool:
        """True when the target is in one of our instruments (so it can be linked)."""
        return self.instrument in INSTRUMENTS

    def sort_key(self) -> tuple:
        """Document order: chapters and sections, then article, clause, point (``đ`` after ``d``)."""
        return (
            self.instrument,
            self.chuong or 0,
            self.muc or 0,
            self.dieu or 0,
            self.khoan or 0,
            POINT_LETTERS.index(self.diem) + 1 if self.diem else 0,
        )


@dataclass(frozen=True)
class Link:
    """A span of the input text to hyperlink to one target."""

    start: int
    end: int
    target: Target


@dataclass(frozen=True)
class Citation:
    """One citation found in a text.

    ``targets`` are in document order (:meth:`Target.sort_key`), ranges
    expanded, duplicates removed. ``links`` never overlap; a single-target
    citation is one link over the whole citation; in an enumeration each
    written unit is linked to what it denotes (a shared "Điều 23" links the
    article). ``basis`` says how the instrument was decided: ``named`` (a
    qualifier after the citation), ``here`` (only "này" units) or
    ``default`` (the context's instrument).
    """

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    links: tuple[Link, ...]
    instrument: str | None
    external: str | None
    basis: str = "default"


@dataclass(frozen=True)
class Context:
    """Where a text is read: resolves "này" and unqualified citations.

    ``instrument`` is the instrument whose text is parsed (None for guidance
    pages); ``dieu``/``khoan``/``diem`` the unit being read ("Điều này",
    "khoản này", "điểm này"); ``chuong``/``muc`` its chapter and section
    ("Chương này", "Mục này").
    """

    instrument: str | None = None
    dieu: int | None = None
    khoan: int | None = None
    default_instrument: str = "luat"
    diem: str | None = None
    chuong: int | None = None
    muc: int | None = None

    def __post_init__(self) -> None:
        if self.instrument is not None and self.instrument not in INSTRUMENTS:
            raise ValueError(f"unknown instrument {self.instrument!r}; known: {', '.join(INSTRUMENTS)}")
        if self.default_instrument not in INSTRUMENTS:
            raise ValueError(f"unknown default instrument {self.default_instrument!r}")

    @property
    def home(self) -> str:
        """Instrument of unqualified citations and "này" units."""
        return self.instrument or self.default_instrument


class CitationError(ValueError):
    """A text is not a (resolvable) citation; the message says what is wrong.

    ``start``/``end`` locate the offending citation in the text when known.
    """

    def __init__(self, message: str, start: int | None = None, end: int | None = None):
        super().__init__(message)
        self.start = start
        self.end = end


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


# --------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------


@dataclass
class _Val:
    value: int | str | None  # None: "này"
    start: int
    end: int


@dataclass
class _Node:
    level: str
    vals: list[_Val]
    start: int
    end: int
    link_start: int
    is_range: bool = False
    subs: list[_Node] = field(default_factory=list)
    implied: bool = False  # container not written: a lower "này" unit closed the citation
    closed: bool = False  # a "này" unit: nothing may follow


@dataclass
class _Parsed:
    nodes: list[_Node]
    start: int
    end: int
    qualifier: re.Match[str] | None
    unknown: re.Match[str] | None


class _Parser:
    """Recursive descent over the token fragments; every method returns None on failure.

    Failures are recorded at the furthest position reached, so :func:`parse`
    can say what was expected where.
    """

    def __init__(self, text: str):
        self.text = text
        self.fail_at = -1
        self.fail_msg = ""

    def fail(self, pos: int, msg: str, override: bool = False) -> None:
        if pos > self.fail_at or (override and pos == self.fail_at):
            self.fail_at, self.fail_msg = pos, msg

    def _value(self, level: str, pos: int, more: bool = False) -> re.Match[str] | None:
        m = _TOKENS["value_more" if more else "value"][level].match(self.text, pos)
        if m and level == "chuong":
            try:
                roman_to_int(m["value"])
            except ValueError:
                return None
        return m

    def _found(self, pos: int) -> str:
        """", found 'xyz'" naming the word at ``pos`` (for messages)."""
        words = self.text[pos:pos + 16].split()
        return f", found {words[0]!r}" if words else ""

    def _keyword(self, level: str, pos: int, plural_ok: bool = True) -> re.Match[str] | None:
        m = _TOKENS["cac_kw"][level].match(self.text, pos)
        if not m:
            return None
        if m["cac"] and not plural_ok:
            return None
        if level == "dieu" and m["kw"] == "điều" and not m["cac"]:
            # "điều" in lower case only in "các điều 23, 24"
            return self.fail(m.start("kw"), "a single article is written 'Điều' with a capital; lower case "
                                            "'điều' only in lists ('các điều 17, 18 và 19')", override=True)
        if m["cac"] and level in ("muc", "chuong"):
            return None
        return m

    def _conv(self, level: str, raw: str) -> int | str:
        if level == "diem":
            return raw
        if level == "chuong":
            return roman_to_int(raw)
        return int(raw)

    def head(self, level: str, pos: int, many: bool) -> _Node | None:
        """``head(K)`` of the grammar; ``many`` allows lists and ranges."""
        text = self.text
        if many and (tu := _TU.match(text, pos)):
            k1 = self._keyword(level, tu.end(), plural_ok=False)
            if not k1:
                return None
            v1 = self._value(level, k1.end())
            if not v1:
                return self.fail(k1.end(), f"expected {VALUE_NAME[level]} after {k1['kw']!r}")
            return self._range_tail(level, tu.start("tu"), k1.start("kw"), k1.start("kw"), v1, need_kw=True)
        k = self._keyword(level, pos)
        if not k:
            return self.fail(pos, f"expected Điều, khoản, điểm, Mục or Chương{self._found(pos)}")
        start = k.start("cac") if k["cac"] else k.start("kw")
        kw_start = k.start("kw")
        if nay := _NAY.match(text, k.end()):
            if k["cac"]:
                return self.fail(k.end(), f"'các {k['kw']} này' is not a unit")
            return _Node(level, [_Val(None, kw_start, nay.end())], start, nay.end(), kw_start, closed=True)
        if many and k["cac"] and (tu := _TU.match(text, k.end())):
            v1 = self._value(level, tu.end())
            if not v1:
                return self.fail(tu.end(), f"expected {VALUE_NAME[level]} after 'từ'")
            return self._range_tail(level, start, kw_start, v1.start("value"), v1, need_kw=False)
        v = self._value(level, k.end())
        if not v:
            return self.fail(k.end(), f"expected {VALUE_NAME[level]} or 'này' after {k['kw']!r}{self._found(k.end())}")
        node = _Node(level, [_Val(self._conv(level, v["value"]), kw_start, v.end())], start, v.end(), kw_start)
        if not many:
            return node
        if not k["cac"] and (den := _DEN.match(text, v.end())):
            r = self._range_tail(level, start, kw_start, kw_start, v, need_kw=True, den=den)
            if r is not None:
                return r
        pos = v.end()
        while (s := _SEP.match(text, pos)) and (v2 := self._value(level, s.end(), more=True)):
            node.vals.append(_Val(self._conv(level, v2["value"]), v2.start("value"), v2.end()))
            pos = node.end = v2.end()
        return node

    def _range_tail(self, level: str, start: int, kw_start: int, first_link: int, v1: re.Match[str],
                    need_kw: bool, den: re.Match[str] | None = None) -> _Node | None:
        """After the first value of a range: "đến [K] VALUE"."""
        den = den or _DEN.match(self.text, v1.end())
        if not den:
            return self.fail(v1.end(), "expected 'đến' to close the range")
        pos = den.end()
        second_link = None
        if need_kw:
            k2 = self._keyword(level, pos, plural_ok=False)
            if not k2:
                return self.fail(pos, f"expected {WORD[level]!r} after 'đến'")
            pos, second_link = k2.end(), k2.start("kw")
        v2 = self._value(level, pos)
        if not v2:
            return self.fail(pos, f"expected {VALUE_NAME[level]} to close the range")
        second_link = v2.start("value") if second_link is None else second_link
        vals = [_Val(self._conv(level, v1["value"]), first_link, v1.end()),
                _Val(self._conv(level, v2["value"]), second_link, v2.end())]
        return _Node(level, vals, start, v2.end(), kw_start, is_range=True)

    def items(self, level: str, pos: int) -> list[_Node] | None:
        """``items`` at one level: ``item {SEP item}``; stops before a separator that leads nowhere."""
        first = self.item(level, pos)
        if first is None:
            return None
        nodes = [first]
        while not nodes[-1].closed:
            s = _SEP.match(self.text, nodes[-1].end)
            if not s:
                break
            nxt = self.item(level, s.end())
            if nxt is None:
                break
            nodes.append(nxt)
        return nodes

    def item(self, level: str, pos: int) -> _Node | None:
        """A unit at ``level`` with the lower units it carries ("điểm b khoản 1" at clause level)."""
        for lower in LOWER[level]:
            subs = self.items(lower, pos)
            if subs is None:
                continue
            end = subs[-1].end
            if subs[-1].closed:
                # "điểm b khoản này": the containers are the ones being read.
                return _Node(level, [_Val(None, -1, -1)], subs[0].start, end, subs[0].link_start,
                             subs=subs, implied=True, closed=True)
            h = self.head(level, end, many=False)
            if h is None and (cua := _CUA.match(self.text, end)):
                h = self.head(level, cua.end(), many=False)  # "khoản 2 của Điều này"
            if h is None:
                written = self.text[subs[0].link_start:end]
                self.fail(end, f"{written!r} must be followed by the {WORD[level]} it belongs to "
                               f"(e.g. '{written} {WORD[level]} {'7' if level != 'chuong' else 'IV'}' "
                               f"or '{written} {WORD[level]} này')", override=True)
                continue
            if (s := _SEP.match(self.text, h.end)) and self._value(level, s.end(), more=True):
                written = self.text[subs[0].link_start:h.end]
                self.fail(s.end() + 1, f"'{written}, ...' is ambiguous: a {WORD[level]} that carries "
                                       f"{WORD[subs[0].level]} takes one number; repeat the units instead")
            h.subs, h.start, h.link_start = subs, subs[0].start, subs[0].link_start
            return h
        return self.head(level, pos, many=True)

    def citation(self, pos: int) -> _Parsed | None:
        """A whole citation at ``pos``: items and their qualifier."""
        nodes: list[_Node] = []
        p = pos
        while True:
            node = self.item("dieu", p) or self.item("chuong", p)
            if node is None:
                break
            nodes.append(node)
            if node.closed:
                break
            s = _SEP.match(self.text, node.end)
            if not s:
                break
            p = s.end()
        if not nodes:
            return None
        end = nodes[-1].end
        qual = unknown = None
        if not nodes[-1].closed:
            qual = _QUALIFIER.match(self.text, end)
            if qual is None:
                unknown = _UNKNOWN_QUALIFIER.match(self.text, end)
        return _Parsed(nodes, nodes[0].start, qual.end() if qual else end, qual, unknown)


# --------------------------------------------------------------------------
# Meaning
# --------------------------------------------------------------------------

def _expand(node: _Node) -> list[int | str]:
    if not node.is_range:
        return [v.value for v in node.vals]
    a, b = node.vals[0].value, node.vals[1].value
    if node.level == "diem":
        i, j = POINT_LETTERS.index(a), POINT_LETTERS.index(b)
        if i >= j:
            raise CitationError(f"range 'từ điểm {a} đến điểm {b}' runs backwards or is empty")
        return list(POINT_LETTERS[i:j + 1])
    if a >= b:
        raise CitationError(f"range 'từ {WORD[node.level]} {a} đến {WORD[node.level]} {b}' runs backwards or is empty")
    if b - a > 500:
        raise CitationError(f"range {a}..{b} is implausibly long")
    return list(range(a, b + 1))


class _Resolver:
    """Turns parsed nodes into targets and links for one instrument."""

    def __init__(self, ctx: Context, instrument: str):
        self.ctx = ctx
        self.instrument = instrument

    def here(self, level: str, implied: bool) -> int | str | None:
        value = getattr(self.ctx, level)
        if value is None and not (implied and level == "khoan"):
            raise CitationError(f"'{WORD[level]} này' needs the {WORD[level]} being read (Context.{level} is not set)")
        return value

    def values(self, node: _Node) -> list[int | str | None]:
        if node.vals[0].value is None:
            return [self.here(node.level, node.implied)]
        return _expand(node)

    def target(self, path: dict) -> Target:
        return Target(self.instrument, **path)

    def targets(self, node: _Node, path: dict) -> list[Target]:
        out: list[Target] = []
        for value in self.values(node):
            sub_path = {**path, node.level: value}
            if node.subs:
                for sub in node.subs:
                    out.extend(self.targets(sub, sub_path))
            else:
                out.append(self.target(sub_path))
        return out

    def links(self, node: _Node, path: dict) -> list[Link]:
        own = self.targets(node, path)
        if len(set(own)) == 1:
            return [Link(node.link_start, node.end, own[0])]
        if node.subs:
            value = self.values(node)[0]
            sub_path = {**path, node.level: value}
            out = [lk for sub in node.subs for lk in self.links(sub, sub_path)]
            if not node.implied:
                v = node.vals[0]
                out.append(Link(v.start, v.end, self.target(sub_path)))
            return out
        values = self.values(node)
        # A range links its two written ends; a list links every written value.
        if node.is_range:
            pairs = [(node.vals[0], values[0]), (node.vals[1], values[-1])]
        else:
            pairs = list(zip(node.vals, values, strict=True))
        return [Link(v.start, v.end, self.target({**path, node.level: value})) for v, value in pairs]


def _dedupe_sorted(targets: list[Target]) -> tuple[Target, ...]:
    return tuple(sorted(set(targets), key=Target.sort_key))


def _instrument_of(parsed: _Parsed, ctx: Context) -> tuple[str | None, str | None, str]:
    """(registry key, external name, basis) of a parsed citation."""
    q = parsed.qualifier
    if q is None:
        if parsed.unknown is not None:
            raise CitationError(f"the citation is followed by {_norm_name(parsed.unknown['name'])!r} but not by a "
                                "name the grammar can read; write the instrument's name with a capital or its "
                                "number (e.g. 'Luật Tố tụng hành chính', 'Nghị định số 68/2018/NĐ-CP')")
        return ctx.home, None, "here" if all(_uses_here(n) for n in parsed.nodes) else "default"
    name = _norm_name(q["name"])
    if q["self"]:
        owners = [k for k, i in INSTRUMENTS.items() if any(_norm_name(r).casefold() == name.casefold()
                                                             for r in i.self_refs)]
        if ctx.instrument in owners:
            return ctx.instrument, None, "named"
        if len(owners) == 1:
            return owners[0], None, "named"
        raise CitationError(f"{name!r} is ambiguous here: set Context.instrument")
    if q["bare"]:
        key = BARE_NAMES.get(name.casefold())
        if key is None:
            raise CitationError(f"{name!r} alone does not say which instrument; name it in full "
                                f"(e.g. 'Nghị định số 68/2018/NĐ-CP') or write '{name} này'")
        return key, None, "named"
    key = _NAMES.get(name.casefold())
    if key is not None:
        return key, None, "named"
    return None, name, "named"


def _build(text: str, parsed: _Parsed, ctx: Context) -> Citation:
    try:
        instrument, external, basis = _instrument_of(parsed, ctx)
        resolver = _Resolver(ctx, instrument or external or "")
        targets: list[Target] = []
        for node in parsed.nodes:
            targets.extend(resolver.targets(node, {}))
        final = _dedupe_sorted(targets)
        if external is not None:
            links: tuple[Link, ...] = ()
        elif len(final) == 1:
            links = (Link(parsed.start, parsed.end, final[0]),)
        else:
            links = tuple(sorted((lk for n in parsed.nodes for lk in resolver.links(n, {})), key=lambda k: k.start))
    except CitationError as e:
        raise CitationError(str(e), parsed.start, parsed.end) from None
    return Citation(parsed.start, parsed.end, text[parsed.start:parsed.end], final, links,
                    instrument, external, basis)


def _uses_here(node: _Node) -> bool:
    """True when every unit of the node is resolved through "này"."""
    return node.vals[0].value is None


# --------------------------------------------------------------------------
# Unicode
# --------------------------------------------------------------------------


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """NFC form of ``text`` and, if it differs, the original index of every NFC index (plus the end).

    The text is normalised piecewise between starters (characters of
    combining class 0), so each piece maps to a known span of the original.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            piece = unicodedata.normalize("NFC", text[start:i])
            parts.append(piece)
            offsets.extend([start] * len(piece))
            start = i
    nfc = "".join(parts)
    if nfc != unicodedata.normalize("NFC", text):
        raise CitationError("text mixes characters that compose across letters; normalise it to NFC first")
    offsets.append(len(text))
    return nfc, offsets


def _remap(c: Citation, original: str, offsets: list[int]) -> Citation:
    def m(i: int) -> int:
        return offsets[i]

    links = tuple(Link(m(lk.start), m(lk.end), lk.target) for lk in c.links)
    return Citation(m(c.start), m(c.end), original[m(c.start):m(c.end)], c.targets, links,
                    c.instrument, c.external, c.basis)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def _scan(text: str, ctx: Context) -> Iterator[Citation | CitationError]:
    """Every citation of an NFC text, in order; unresolvable ones as CitationError."""
    parser = _Parser(text)
    pos = 0
    while (m := _START.search(text, pos)) is not None:
        parsed = parser.citation(m.start())
        if parsed is None:
            pos = m.start() + 1
            continue
        try:
            yield _build(text, parsed, ctx)
        except CitationError as e:
            yield e
        pos = parsed.end


def _scan_original(text: str, ctx: Context) -> Iterator[Citation | CitationError]:
    nfc, offsets = _nfc(text)
    for item in _scan(nfc, ctx):
        if offsets is None:
            yield item
        elif isinstance(item, Citation):
            yield _remap(item, text, offsets)
        else:
            yield CitationError(str(item), offsets[item.start], offsets[item.end])


def find_citations(text: str, ctx: Context) -> list[Citation]:
    """All resolvable citations in running text, in order and non-overlapping.

    Spans index ``text`` as given (NFD input is matched on its NFC form).
    Citations that cannot be resolved (see :func:`find_unresolved`) are left
    out, so a renderer never links a guess.
    """
    return [c for c in _scan_original(text, ctx) if isinstance(c, Citation)]


def find_unresolved(text: str, ctx: Context) -> list[CitationError]:
    """The citations of ``text`` that the grammar reads but cannot resolve, with their spans."""
    return [e for e in _scan_original(text, ctx) if isinstance(e, CitationError)]


def parse(text: str, ctx: Context | None = None) -> Citation:
    """Parse a string that must be exactly one citation (surrounding spaces allowed).

    Raises :class:`CitationError` saying what was expected where.
    """
    ctx = ctx or Context()
    nfc, offsets = _nfc(text)
    start = len(nfc) - len(nfc.lstrip())
    end = len(nfc.rstrip())
    if start == end:
        raise CitationError("empty text is not a citation")
    parser = _Parser(nfc)
    parsed = parser.citation(start) if _START.match(nfc, start) else None
    if parsed is None or parsed.end != end:
        where = parser.fail_at if parser.fail_at >= 0 else start
        if parsed is not None and parser.fail_at < parsed.end:
            msg = f"unexpected text after the citation: {nfc[parsed.end:end].strip()!r}"
            where = end - len(nfc[parsed.end:end].lstrip())
        elif parser.fail_at >= 0:
            msg = parser.fail_msg
        else:
            msg = "a citation starts with Điều, khoản, điểm, Mục, Chương, 'các' or 'từ'"
        raise CitationError(f"not a citation: {text!r}: {msg} (at character {where})", start, end)
    if parsed.unknown is not None:
        raise CitationError(f"not a citation: {text!r}: unexpected text after the citation: "
                            f"{nfc[parsed.end:end].strip()!r}", start, end)
    cit = _build(nfc, parsed, ctx)
    return _remap(cit, text, offsets) if offsets is not None else cit


# Formatting -----------------------------------------------------------------


def instrument_name(key: str) -> str:
    """Name used after a citation: the registry's standard citation form, or an external name as is."""
    inst = INSTRUMENTS.get(key)
    return inst.citation_name if inst else key


def format_target(t: Target, with_instrument: bool = False) -> str:
    """Canonical Vietnamese for one unit: "điểm đ khoản 2 Điều 3", "Mục 2 Chương V"."""
    parts = []
    if t.diem is not None:
        parts.append(f"điểm {t.diem}")
    if t.khoan is not None:
        parts.append(f"khoản {t.khoan}")
    if t.dieu is not None:
        parts.append(f"Điều {t.dieu}")
    if t.muc is not None:
        parts.append(f"Mục {t.muc}")
    if t.chuong is not None:
        parts.append(f"Chương {int_to_roman(t.chuong)}")
    if with_instrument or not parts:
        parts.append(instrument_name(t.instrument))
    return " ".join(parts)


def _join(items: list[str]) -> str:
    """Vietnamese enumeration: "a", "a và b", "a, b và c"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " và " + items[-1]


def _runs(items: list, key) -> list[tuple[object, list]]:
    """Consecutive items grouped by ``key`` (order kept)."""
    out: list[tuple[object, list]] = []
    for it in items:
        k = key(it)
        if out and out[-1][0] == k:
            out[-1][1].append(it)
        else:
            out.append((k, [it]))
    return out


def _plural(word: str, values: list[str], last: bool = True) -> str:
    """"khoản 1", "các khoản 1, 2 và 3"; commas only when more items follow ("các khoản 1, 2, 3 và điểm a ...")."""
    if len(values) == 1:
        return f"{word} {values[0]}"
    return f"các {word} {_join(values) if last else ', '.join(values)}"


def _format_article(dieu: int, ts: list[Target]) -> list[str]:
    """Pieces for the targets inside one article (whole article first, then its clauses and points)."""
    pieces = [f"Điều {dieu}"] if any(t.khoan is None and t.diem is None for t in ts) else []
    direct = [t.diem for t in ts if t.khoan is None and t.diem is not None]
    if direct:  # "điểm b Điều 9": points directly under the article
        pieces.append(f"{_plural('điểm', direct)} Điều {dieu}")
    inner = [t for t in ts if t.khoan is not None]
    if not inner:
        return pieces
    clause_pieces: list[str] = []
    runs = _runs(inner, lambda t: ("whole", None) if t.diem is None else ("points", t.khoan))
    for i, ((kind, _), group) in enumerate(runs):
        if kind == "whole":
            clause_pieces.append(_plural("khoản", [str(t.khoan) for t in group], last=i == len(runs) - 1))
        else:
            clause_pieces.append(f"{_plural('điểm', [t.diem for t in group])} khoản {group[0].khoan}")
    pieces.append(f"{_join(clause_pieces)} Điều {dieu}")
    return pieces


def _format_chapter(chuong: int, ts: list[Target]) -> list[str]:
    roman = int_to_roman(chuong)
    pieces = [f"Chương {roman}"] if any(t.muc is None for t in ts) else []
    sections = [f"Mục {t.muc}" for t in ts if t.muc is not None]
    if sections:
        pieces.append(f"{_join(sections)} Chương {roman}")
    return pieces


def format_units(targets: tuple[Target, ...] | list[Target]) -> str:
    """Canonical Vietnamese for units of one instrument, without the instrument's name."""
    ts = sorted(set(targets), key=Target.sort_key)
    pieces: list[str] = []
    for (kind, number), group in _runs(ts, lambda t: ("dieu", t.dieu) if t.dieu is not None else ("chuong", t.chuong)):
        if kind == "dieu":
            pieces.extend(_format_article(number, group))
        else:
            pieces.extend(_format_chapter(number, group))
    # Runs of whole articles read better as "các điều 17, 18 và 19".
    merged: list[str] = []
    run: list[str] = []
    for p in [*pieces, None]:
        if p is not None and p.startswith("Điều ") and p[5:].isdigit():
            run.append(p[5:])
            continue
        if run:
            merged.append(f"Điều {run[0]}" if len(run) == 1 else _plural("điều", run, last=p is None))
            run = []
        if p is not None:
            merged.append(p)
    return _join(merged)


def format_citation(c: Citation) -> str:
    """Canonical text for a citation's targets, grouped the Vietnamese way.

    The instrument's name is written when the citation named one (or is
    external) and left out when it came from the context, so
    ``parse(format_citation(c), ctx).targets == c.targets`` in the context
    ``c`` was found in, and formatting is idempotent.
    """
    if not c.targets:
        raise CitationError("a citation without targets cannot be formatted")
    text = format_units(c.targets)
    if c.external is not None:
        return f"{text} {c.external}"
    if c.basis == "named" and c.instrument is not None:
        return f"{text} {instrument_name(c.instrument)}"
    return text


# Compact target strings (data files, reports) ----------------------------------


def target_str(t: Target) -> str:
    """Compact form for data files: ``luat:52.1.b``, ``luat:9.b``, ``luat:C5.M1``, ``Bộ luật Dân sự:589``."""
    if t.dieu is not None:
        parts = [str(t.dieu)] + ([str(t.khoan)] if t.khoan is not None else []) + ([t.diem] if t.diem else [])
    else:
        parts = ([f"C{t.chuong}"] if t.chuong is not None else []) + ([f"M{t.muc}"] if t.muc is not None else [])
    return f"{t.instrument}:{'.'.join(parts)}"


def target_from_str(s: str) -> Target:
    """Inverse of :func:`target_str`."""
    instrument, _, rest = s.strip().rpartition(":")
    if not instrument:
        raise ValueError(f"not a target string: {s!r}")
    parts = rest.split(".") if rest else []
    if parts and parts[0].startswith("C"):
        chuong = int(parts[0][1:])
        muc = int(parts[1][1:]) if len(parts) > 1 else None
        return Target(instrument, chuong=chuong, muc=muc)
    dieu = int(parts[0]) if parts else None
    khoan = diem = None
    for p in parts[1:]:
        if p.isdigit():
            khoan = int(p)
        else:
            diem = p
    return Target(instrument, dieu, khoan, diem)


# Survey ------------------------------------------------------------------------


def survey(text: str, ctx: Context) -> dict:
    """Count what the grammar makes of a text, for reports and the publish checker.

    ``citations`` = ``internal`` (linkable) + ``external`` (other instruments)
    + ``unresolved``; ``orphans`` are unit mentions ("khoản 3", "Điều 5")
    outside every citation; ``unclassified`` = ``unresolved`` + ``orphans``
    (the goal is 0). ``problems`` lists ``(start, end, message)`` for each.
    """
    nfc, offsets = _nfc(text)
    found = list(_scan(nfc, ctx))
    cits = [c for c in found if isinstance(c, Citation)]
    errors = [e for e in found if isinstance(e, CitationError)]
    spans = [(c.start, c.end) for c in cits] + [(e.start, e.end) for e in errors]
    problems = [(e.start, e.end, str(e)) for e in errors]
    orphans = 0
    for m in _MENTION.finditer(nfc):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            orphans += 1
            problems.append((m.start(), m.end(), f"{m.group()!r} is not part of any citation"))
    if offsets is not None:
        problems = [(offsets[s], offsets[e], msg) for s, e, msg in problems]
    internal = [c for c in cits if c.instrument is not None]
    return {
        "citations": len(cits) + len(errors),
        "internal": len(internal),
        "external": len(cits) - len(internal),
        "unresolved": len(errors),
        "orphans": orphans,
        "unclassified": len(errors) + orphans,
        "targets": sum(len(c.targets) for c in internal),
        "links": sum(len(c.links) for c in internal),
        "by_basis": {b: sum(1 for c in internal if c.basis == b) for b in ("named", "here", "default")},
        "problems": sorted(problems),
    }
