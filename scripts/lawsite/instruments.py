"""Registry of the legal instruments the site publishes.

Every instrument is data here, not code elsewhere: the importer, the page
generator, the citation grammar and the checker all read this table, so adding
an instrument (a new decree, say) is one entry.
"""

from __future__ import annotations

from dataclasses import dataclass


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

INSTRUMENTS: dict[str, Instrument] = {i.key: i for i in (LUAT, ND68, TT04)}
"""All instruments by key, in publishing order."""


def get(key: str) -> Instrument:
    """Return the instrument registered under ``key`` (KeyError names the known keys)."""
    try:
        return INSTRUMENTS[key]
    except KeyError:
        raise KeyError(f"unknown instrument {key!r}; known: {', '.join(INSTRUMENTS)}") from None
