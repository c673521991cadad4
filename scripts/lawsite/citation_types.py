"""What a citation is: its targets, links and reading context (see :mod:`lawsite.citations`)."""

from __future__ import annotations

from dataclasses import dataclass

from .ids import POINT_LETTERS
from .instruments import INSTRUMENTS

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
