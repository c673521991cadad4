"""The legal model: plain dataclasses for a văn bản and its units.

Names follow the Vietnamese drafting structure (Luật ban hành văn bản quy phạm
pháp luật): a văn bản has chương (chapters), which may have mục (sections),
which hold điều (articles); an article has khoản (clauses, numbered 1., 2.)
and điểm (points, lettered a), b), ... đ), ...). The text of every paragraph is
kept exactly as in the source, with its printed number, so it can be rendered
verbatim and compared in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Doan:
    """One paragraph (đoạn) of an article, in source order.

    ``kind`` is ``khoan`` for the paragraph that opens a clause ("1. ..."),
    ``diem`` for a point ("a) ..."), ``text`` for any other paragraph (lead-in
    sentence, continuation of a clause) and ``table`` for a Markdown table.
    ``khoan``/``diem`` say which unit the paragraph belongs to.
    """

    kind: str
    text: str
    line: int
    khoan: int | None = None
    diem: str | None = None
    notes: tuple[str, ...] = ()
    """Visible notes on documented source quirks (:class:`lawsite.instruments.Quirk`); never part of the text."""


@dataclass
class Dieu:
    """An article (điều)."""

    number: int
    title: str
    line: int
    chuong: int | None = None
    muc: int | None = None
    doan: list[Doan] = field(default_factory=list)
    missing: str | None = None
    """Text of a ``MISSING`` marker standing in place of the article body."""

    @property
    def heading(self) -> str:
        return f"Điều {self.number}. {self.title}"

    def khoan_numbers(self) -> list[int]:
        return [d.khoan for d in self.doan if d.kind == "khoan" and d.khoan is not None]

    def diem_letters(self, khoan: int | None) -> list[str]:
        """Letters of the points of clause ``khoan`` (None: points directly under the article)."""
        return [d.diem for d in self.doan if d.kind == "diem" and d.khoan == khoan and d.diem]

    def has(self, khoan: int | None = None, diem: str | None = None) -> bool:
        """Whether the unit exists in this article."""
        if khoan is not None and khoan not in self.khoan_numbers():
            return False
        if diem is not None and diem not in self.diem_letters(khoan):
            return False
        return True


@dataclass
class Muc:
    """A section (mục) of a chapter."""

    number: int
    title: str
    line: int
    dieu: list[int] = field(default_factory=list)


@dataclass
class Chuong:
    """A chapter (chương); ``roman`` is the printed numeral, ``number`` its value."""

    roman: str
    number: int
    title: str
    line: int
    muc: list[Muc] = field(default_factory=list)
    dieu: list[int] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Chương {self.roman}"


@dataclass
class Missing:
    """A ``<!-- MISSING: ... -->`` marker: a part the official source lacks."""

    line: int
    text: str
    dieu: int | None = None


@dataclass
class VanBan:
    """A legal instrument (văn bản) as imported from its source file."""

    key: str
    path: str
    meta: dict
    chuong: list[Chuong] = field(default_factory=list)
    dieu: dict[int, Dieu] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)

    def chuong_of(self, dieu: int) -> Chuong | None:
        n = self.dieu[dieu].chuong
        return next((c for c in self.chuong if c.number == n), None)

    def muc_of(self, dieu: int) -> Muc | None:
        c = self.chuong_of(dieu)
        m = self.dieu[dieu].muc
        if c is None or m is None:
            return None
        return next((x for x in c.muc if x.number == m), None)

    def unit_text(self, dieu: int, khoan: int | None = None, diem: str | None = None) -> str:
        """Text of an article, a clause (lead-in, points and following paragraphs) or a point."""
        d = self.dieu[dieu]
        if diem is not None:
            # A point and the paragraphs that continue it (the importer gives them the point's letter).
            parts = [p.text for p in d.doan if p.kind in ("diem", "text") and p.khoan == khoan and p.diem == diem]
        elif khoan is not None:
            parts = [p.text for p in d.doan if p.khoan == khoan]
        else:
            parts = [d.heading] + [p.text for p in d.doan]
        return "\n\n".join(parts)

    def has(self, dieu: int | None = None, khoan: int | None = None, diem: str | None = None,
            chuong: int | None = None, muc: int | None = None) -> bool:
        """Whether the unit exists in this instrument."""
        if chuong is not None:
            c = next((x for x in self.chuong if x.number == chuong), None)
            if c is None or (muc is not None and all(m.number != muc for m in c.muc)):
                return False
        elif muc is not None:
            return False
        if dieu is None:
            return khoan is None and diem is None
        d = self.dieu.get(dieu)
        return d is not None and d.has(khoan, diem)
