"""Registry of the legal instruments the site publishes.

Every instrument is data here, not code elsewhere: the importer, the page
generator, the citation grammar and the checker all read this table, so adding
an instrument (a new decree, say) is one entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quirk:
    """A documented oddity of an official text, kept verbatim and shown with a visible note.

    The importer and the page renderer accept exactly the quirks listed here
    and nothing like them, so a new oddity in a source is still an error, and
    a listed quirk that is no longer in the source is an error too (the list
    cannot go stale).

    ``kind`` is ``diem`` for a point printed with the wrong letter (``printed``
    is the printed letter, ``diem`` the letter it has in substance, which gives
    it its id) or ``chu`` for words kept as printed (``printed`` must occur in
    the paragraph of unit ``dieu``/``khoan``/``diem``; the note follows that
    paragraph).
    """

    kind: str
    dieu: int
    khoan: int | None
    diem: str | None
    printed: str
    note: str


@dataclass(frozen=True)
class Instrument:
    """One legal instrument (văn bản) published on the site."""

    key: str
    """Short stable key used in code and data files (``luat``, ``nd68``...)."""
    source: str
    """File name of the official text under ``sources/``."""
    url_dir: str
    """Folder of its pages under ``docs/`` and in URLs (``luat`` → ``/luat/dieu-7/``)."""
    kind: str
    """Legal form as written in Vietnamese: ``Luật``, ``Nghị định``, ``Thông tư``."""
    so_hieu: str
    """Official number, e.g. ``10/2017/QH14``."""
    short_title: str
    """Name used in page titles and citations copied by readers."""
    self_refs: tuple[str, ...]
    """How the instrument names itself in its own text (``Luật này``)."""
    names: tuple[str, ...]
    """How other texts name it (longest first is not required; the grammar sorts). The first is the
    standard citation form (:attr:`citation_name`): "Luật … năm 2017", "Nghị định số …", "Thông tư số …"."""
    expected_articles: int
    """Number of articles the official text has; the importer checks it."""
    quirks: tuple[Quirk, ...] = ()
    """Documented oddities of the source (see :class:`Quirk`); PROVENANCE.md records each."""

    @property
    def citation_name(self) -> str:
        """The standard name written after a citation ("khoản 1 Điều 6 Luật Trách nhiệm bồi thường
        của Nhà nước năm 2017", "Điều 4 Nghị định số 68/2018/NĐ-CP"): the first of ``names``."""
        return self.names[0]


LUAT = Instrument(
    key="luat",
    source="luat-10-2017-qh14.md",
    url_dir="luat",
    kind="Luật",
    so_hieu="10/2017/QH14",
    short_title="Luật Trách nhiệm bồi thường của Nhà nước 2017",
    self_refs=("Luật này",),
    names=(
        "Luật Trách nhiệm bồi thường của Nhà nước năm 2017",
        "Luật Trách nhiệm bồi thường của Nhà nước số 10/2017/QH14",
        "Luật Trách nhiệm bồi thường của Nhà nước",
        "Luật TNBTCNN năm 2017",
        "Luật TNBTCNN",
        "Luật số 10/2017/QH14",
    ),
    expected_articles=78,
)

ND68 = Instrument(
    key="nd68",
    source="nd-68-2018.md",
    url_dir="nghi-dinh-68-2018",
    kind="Nghị định",
    so_hieu="68/2018/NĐ-CP",
    short_title="Nghị định 68/2018/NĐ-CP",
    self_refs=("Nghị định này",),
    names=(
        "Nghị định số 68/2018/NĐ-CP",
        "Nghị định 68/2018/NĐ-CP",
    ),
    expected_articles=37,
)

TT04 = Instrument(
    key="tt04",
    source="tt-04-2018-tt-btp.md",
    url_dir="thong-tu-04-2018",
    kind="Thông tư",
    so_hieu="04/2018/TT-BTP",
    short_title="Thông tư 04/2018/TT-BTP",
    self_refs=("Thông tư này",),
    names=(
        "Thông tư số 04/2018/TT-BTP",
        "Thông tư 04/2018/TT-BTP",
    ),
    expected_articles=5,
)

TT08 = Instrument(
    key="tt08",
    source="tt-08-2019-tt-btp.md",
    url_dir="thong-tu-08-2019",
    kind="Thông tư",
    so_hieu="08/2019/TT-BTP",
    short_title="Thông tư 08/2019/TT-BTP",
    self_refs=("Thông tư này",),
    names=(
        "Thông tư số 08/2019/TT-BTP",
        "Thông tư 08/2019/TT-BTP",
    ),
    expected_articles=32,
    quirks=(
        Quirk("diem", 32, 3, "đ", "d",
              "Ghi chú của trang: nguồn in ký hiệu điểm này là “d)”, trùng với điểm ngay trước; theo thứ tự, "
              "đây là điểm đ (địa chỉ trên trang: điểm đ khoản 3). Nguyên văn được giữ, không sửa."),
        *(Quirk("chu", dieu, khoan, "a", "các điểm a, b, c, d, d, e, g, h, i, k khoản 3 Điều 19",
                "Ghi chú của trang: nguồn viết “a, b, c, d, d, e”; khoản 3 Điều 19 Nghị định 68/2018/NĐ-CP có "
                "điểm đ giữa điểm d và điểm e, nên chữ “d” thứ hai có lẽ là “đ”. Nguyên văn được giữ, không sửa; "
                "liên kết theo đúng chữ in.")
          for dieu, khoan in ((4, 1), (12, 2))),
        Quirk("chu", 25, 1, "b", "Số liệu ước tính được xác định theo Công thức:",
              "Ghi chú của trang: trong nguồn, công thức dưới đây được trình bày dưới dạng bảng; "
              "bảng được giữ như nguồn, không viết lại."),
    ),
)

TT09 = Instrument(
    key="tt09",
    source="tt-09-2019-tt-btp.md",
    url_dir="thong-tu-09-2019",
    kind="Thông tư",
    so_hieu="09/2019/TT-BTP",
    short_title="Thông tư 09/2019/TT-BTP",
    self_refs=("Thông tư này",),
    names=(
        "Thông tư số 09/2019/TT-BTP",
        "Thông tư 09/2019/TT-BTP",
    ),
    expected_articles=17,
)

TT02 = Instrument(
    key="tt02",
    source="tt-02-2023-tt-tandtc.md",
    url_dir="thong-tu-02-2023",
    kind="Thông tư",
    so_hieu="02/2023/TT-TANDTC",
    short_title="Thông tư 02/2023/TT-TANDTC",
    self_refs=("Thông tư này",),
    names=(
        "Thông tư số 02/2023/TT-TANDTC",
        "Thông tư 02/2023/TT-TANDTC",
    ),
    expected_articles=9,
    quirks=(
        Quirk("chu", 8, 3, "a", "nhũng",
              "Ghi chú của trang: nguyên văn nguồn là “nhũng” (có lẽ là “những”). Nguyên văn được giữ, không sửa."),
    ),
)

INSTRUMENTS: dict[str, Instrument] = {i.key: i for i in (LUAT, ND68, TT04, TT08, TT09, TT02)}
"""All instruments by key, in publishing order."""


def point_quirk(key: str | None, dieu: int, khoan: int | None, printed: str, expected: str | None) -> Quirk | None:
    """The documented quirk for a point printed ``printed)`` where ``expected`` comes next, if any."""
    inst = INSTRUMENTS.get(key or "")
    for q in inst.quirks if inst else ():
        if q.kind == "diem" and (q.dieu, q.khoan, q.printed, q.diem) == (dieu, khoan, printed, expected):
            return q
    return None


def text_quirks(key: str | None, dieu: int, khoan: int | None, diem: str | None, text: str) -> list[Quirk]:
    """Documented word quirks of the paragraph ``text`` read in unit ``dieu``/``khoan``/``diem``."""
    inst = INSTRUMENTS.get(key or "")
    return [q for q in (inst.quirks if inst else ())
            if q.kind == "chu" and (q.dieu, q.khoan, q.diem) == (dieu, khoan, diem) and q.printed in text]


def get(key: str) -> Instrument:
    """Return the instrument registered under ``key`` (KeyError names the known keys)."""
    try:
        return INSTRUMENTS[key]
    except KeyError:
        raise KeyError(f"unknown instrument {key!r}; known: {', '.join(INSTRUMENTS)}") from None
