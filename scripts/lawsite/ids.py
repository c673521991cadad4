"""The one naming scheme for legal anchors and page addresses.

Every id and URL of a law unit is made here and nowhere else: the importer,
the Markdown extensions, the citation linker, the checker and the templates
call these functions. Published addresses are a promise to readers and
trainers, so this scheme never changes once released.

Scheme (documented for authors in ``docs/gioi-thieu/quy-uoc.md``):

=====================  ============================  ==========================
unit                   id on the article page        id on a multi-article page
=====================  ============================  ==========================
Điều 7                 ``dieu-7`` (page heading)     ``dieu-7``
khoản 1 Điều 7         ``khoan-1``                   ``dieu-7-khoan-1``
điểm a khoản 1 Điều 7  ``khoan-1-diem-a``            ``dieu-7-khoan-1-diem-a``
điểm đ khoản 2 Điều 3  ``khoan-2-diem-dd``           ``dieu-3-khoan-2-diem-dd``
điểm b Điều 9          ``diem-b``                    ``dieu-9-diem-b``
=====================  ============================  ==========================

Point letters are the official Vietnamese letters. ``đ`` and ``d`` are two
different points of the same clause, so ``đ`` is written ``dd`` in ASCII ids;
every other letter is itself. Pages: ``/<instrument>/dieu-N/``,
``/<instrument>/chuong-N/`` (Arabic N; the title keeps the Roman numeral),
``/<instrument>/toan-van/``.
"""

from __future__ import annotations

import re
import unicodedata

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
"""Official point letters in order (the Vietnamese alphabet without f, j, w, z)."""

_LETTER_TO_ASCII = {"đ": "dd"}
_ASCII_TO_LETTER = {v: k for k, v in _LETTER_TO_ASCII.items()}


def clean_letter(letter: str) -> str:
    """Normalise a printed point letter (``"a)"``, ``" Đ "``) to the official lower-case letter."""
    s = unicodedata.normalize("NFC", letter).strip().rstrip(")").strip().lower()
    if s not in POINT_LETTERS or len(s) != 1:
        raise ValueError(f"not a point letter: {letter!r}")
    return s


def letter_slug(letter: str) -> str:
    """ASCII spelling of a point letter for ids: ``đ`` → ``dd``, others unchanged."""
    s = clean_letter(letter)
    return _LETTER_TO_ASCII.get(s, s)


def letter_from_slug(slug: str) -> str:
    """Inverse of :func:`letter_slug` (``dd`` → ``đ``)."""
    letter = _ASCII_TO_LETTER.get(slug, slug)
    return clean_letter(letter)


def next_letter(letter: str) -> str | None:
    """The point letter that follows ``letter``, or None after the last one."""
    i = POINT_LETTERS.index(clean_letter(letter))
    return POINT_LETTERS[i + 1] if i + 1 < len(POINT_LETTERS) else None


def roman_to_int(roman: str) -> int:
    """Value of a Roman numeral as used for chapters (``IV`` → 4); ValueError if malformed."""
    s = roman.strip().upper()
    if not s or any(c not in ROMAN for c in s):
        raise ValueError(f"not a Roman numeral: {roman!r}")
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    if int_to_roman(total) != s:
        raise ValueError(f"not a canonical Roman numeral: {roman!r}")
    return total


def int_to_roman(n: int) -> str:
    """Roman numeral for ``n`` (1..399 is plenty for chapters)."""
    out = []
    for value, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                       (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def dieu_id(dieu: int) -> str:
    """Id of an article heading, and the stem of its page name: ``dieu-7``."""
    return f"dieu-{dieu}"


def unit_id(khoan: int | None = None, diem: str | None = None, dieu: int | None = None) -> str:
    """Id of a clause or point.

    Without ``dieu`` the id is the one used on the article's own page
    (``khoan-1-diem-a``); with ``dieu`` it is the id on a page that holds
    several articles (``dieu-7-khoan-1-diem-a``). A point directly under an
    article has no ``khoan-`` part (``diem-b``).
    """
    parts = []
    if dieu is not None:
        parts.append(dieu_id(dieu))
    if khoan is not None:
        parts.append(f"khoan-{khoan}")
    if diem is not None:
        parts.append(f"diem-{letter_slug(diem)}")
    if not parts:
        raise ValueError("unit_id needs at least one of dieu, khoan, diem")
    return "-".join(parts)


_UNIT_RE = re.compile(
    r"^(?:dieu-(?P<dieu>\d+))?-?(?:khoan-(?P<khoan>\d+))?-?(?:diem-(?P<diem>dd|[a-z]))?$"
)


def parse_unit_id(fragment: str) -> tuple[int | None, int | None, str | None]:
    """Inverse of :func:`unit_id`: ``dieu-7-khoan-1-diem-dd`` → ``(7, 1, 'đ')``.

    Raises ValueError for anything that is not in the scheme, so a checker can
    say precisely that an anchor is malformed.
    """
    m = _UNIT_RE.match(fragment)
    if not m or not fragment or fragment.startswith("-") or fragment.endswith("-"):
        raise ValueError(f"not a law anchor: {fragment!r}")
    dieu = int(m["dieu"]) if m["dieu"] else None
    khoan = int(m["khoan"]) if m["khoan"] else None
    diem = letter_from_slug(m["diem"]) if m["diem"] else None
    if unit_id(khoan, diem, dieu) != fragment:
        raise ValueError(f"not a law anchor: {fragment!r}")
    return dieu, khoan, diem


def dieu_page(dieu: int) -> str:
    """File name of an article page inside its instrument folder: ``dieu-7.md``."""
    return f"{dieu_id(dieu)}.md"


def chuong_page(chuong: str) -> str:
    """File name of a chapter page: ``Chương IV`` → ``chuong-4.md``."""
    return f"chuong-{roman_to_int(chuong)}.md"


WHOLE_TEXT_PAGE = "toan-van.md"
"""File name of the page holding the whole instrument."""


def fold(text: str) -> str:
    """Vietnamese text without diacritics, lower-cased: ``Điều 6. Thời hiệu`` → ``dieu 6. thoi hieu``.

    ``đ`` does not decompose in Unicode, so it is mapped to ``d`` first; the
    other letters lose their combining marks after NFD.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids for hand-written pages: ASCII, Vietnamese-aware (``Trang của từng điều`` → ``trang-cua-tung-dieu``).

    Python-Markdown's default drops ``đ`` ("ieu"); law anchors never come
    from here (they are set by :mod:`lawsite.md_structure`).
    """
    s = re.sub(r"[^\w\s-]", "", fold(value)).strip()
    s = s.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s_-]+", separator, s)
