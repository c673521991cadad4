"""Tests of the citation grammar (:mod:`lawsite.citations`).

Four layers:

* the harvested table ``tests/data/law_citations.tsv``: every citation of the
  three official texts, reviewed by hand against the source (column
  ``checked``), must still be found with the same targets, and every target
  must exist in the sources;
* ``HAND``: paragraphs whose citations were written out here by reading the
  source, independently of the parser and the table;
* the forms, qualifiers, errors and non-citations the grammar promises;
* hypothesis properties: generated citations parse to the targets they were
  built from, and parse → format → parse is stable.
"""

from __future__ import annotations

import itertools
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import harvest_citations as hc
from lawsite.citations import (
    Citation,
    CitationError,
    Context,
    Target,
    find_citations,
    find_unresolved,
    format_citation,
    format_target,
    format_units,
    parse,
    survey,
    target_from_str,
    target_str,
)
from lawsite.ids import POINT_LETTERS
from lawsite.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[1]


def targets(spec: str) -> tuple[Target, ...]:
    """``"luat:52.1.b; luat:52.2"`` → targets in document order."""
    return tuple(sorted((target_from_str(s) for s in spec.split(";") if s.strip()), key=Target.sort_key))


def strs(ts) -> str:
    return "; ".join(target_str(t) for t in ts)


# --------------------------------------------------------------------------
# The harvested table
# --------------------------------------------------------------------------

TABLE = hc.read_table()


@pytest.fixture(scope="module")
def paragraphs() -> dict[tuple[str, int], list[hc.Paragraph]]:
    out: dict[tuple[str, int], list[hc.Paragraph]] = {}
    for key in INSTRUMENTS:
        for p in hc.paragraphs(hc.load(key)):
            out.setdefault((key, p.line), []).append(p)
    return out


@pytest.fixture(scope="module")
def corpus():
    return {key: hc.load(key) for key in INSTRUMENTS}


def test_table_is_complete_and_current():
    """The parser finds exactly the table's citations, with the table's targets (no new, none lost)."""
    _, diffs = hc.merge(hc.harvest(), TABLE)
    assert diffs == []


def test_table_size_and_review():
    assert len(TABLE) == 380
    assert {r["instrument"] for r in TABLE} == set(INSTRUMENTS)
    hand = [r for r in TABLE if r["checked"] == "hand"]
    assert len(hand) >= 30, "at least 30 rows must be confirmed by reading the source"


@pytest.mark.parametrize("row", TABLE, ids=lambda r: f"{r['instrument']}-L{r['line']}-{r['text'][:40]}")
def test_harvested_citation(row, paragraphs):
    """Each row is found in its paragraph, and parses alone, to the expected targets."""
    (para,) = paragraphs[(row["instrument"], int(row["line"]))]
    assert para.ctx.dieu == int(row["article"])
    assert para.ctx.khoan == (int(row["clause"]) if row["clause"] else None)
    found = [c for c in find_citations(para.text, para.ctx) if c.text == row["text"]]
    assert found, f"{row['text']!r} not found in line {row['line']}"
    expected = targets(row["targets"])
    assert all(c.targets == expected for c in found)
    c = parse(row["text"], para.ctx)
    assert c.targets == expected
    assert (c.external or "") == row["external"]
    assert c.basis == row["basis"]
    assert para.text[found[0].start:found[0].end] == row["text"]


def test_every_target_exists_in_the_sources(corpus):
    """Independent of the parser's reading: each internal target names a unit the text really has."""
    missing = []
    for row in TABLE:
        for t in targets(row["targets"]):
            assert t.internal == (row["external"] == ""), row
            if not t.internal:
                continue
            if not corpus[t.instrument].has(t.dieu, t.khoan, t.diem, t.chuong, t.muc):
                missing.append(f"line {row['line']}: {row['text']!r} → {target_str(t)}")
    assert missing == []


@pytest.mark.parametrize("key,expected,external", [
    ("luat", 172, 0), ("nd68", 125, 0), ("tt04", 2, 0), ("tt08", 35, 0), ("tt09", 25, 0),
    # Thông tư 02/2023 also cites Điều 7, khoản 2 Điều 7 of the Luật Tố tụng hành chính and Điều 30 of the
    # Bộ luật Tố tụng hình sự: external, kept unlinked.
    ("tt02", 21, 3),
])
def test_survey_of_sources(key, expected, external):
    """Every citation of the sources is classified; no unit mention is left outside a citation."""
    s = hc.survey_instrument(key)
    assert s["citations"] == expected == sum(1 for r in TABLE if r["instrument"] == key)
    assert s["unclassified"] == 0, s["problems"]
    assert s["external"] == external
    assert s["internal"] == expected - external


# --------------------------------------------------------------------------
# HAND: citations read from the sources by hand (not from parser output)
# --------------------------------------------------------------------------

HAND = [
    # (instrument, article, a snippet identifying the paragraph, [(citation text, targets), ...])
    ("luat", 4, "cơ quan giải quyết bồi thường quy định tại khoản 7 Điều 3",
     [("khoản 7 Điều 3 của Luật này", "luat:3.7"),
      ("điểm b khoản 1 và khoản 2 Điều 52 của Luật này", "luat:52.1.b; luat:52.2")]),
    ("luat", 4, "theo quy định tại Mục 1 Chương V", [("Mục 1 Chương V của Luật này", "luat:C5.M1")]),
    ("luat", 13, "theo ủy quyền có quyền, nghĩa vụ",
     [("các điểm a, b, c, d và đ khoản 1 và khoản 2 Điều này",
       "luat:13.1.a; luat:13.1.b; luat:13.1.c; luat:13.1.d; luat:13.1.đ; luat:13.2")]),
    ("luat", 15, "15. Trường hợp Tòa án có thẩm quyền",
     [("điểm b và điểm c khoản 2 Điều 7 của Luật này", "luat:7.2.b; luat:7.2.c"),
      ("các khoản 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13 và 14 Điều này",
       "; ".join(f"luat:15.{k}" for k in (2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14)))]),
    ("luat", 15, "11. ", [("khoản 1 Điều 52 hoặc Điều 55 của Luật này", "luat:52.1; luat:55")]),
    ("luat", 22, "3. Khoảng thời gian làm căn cứ",
     [("các khoản 3, 4 và 5 Điều 23, Điều 24, các khoản 1, 2 và 3 Điều 25, các khoản 1, 2, 3 và điểm a khoản 4 "
       "Điều 26, khoản 3 Điều 27 của Luật này",
       "luat:23.3; luat:23.4; luat:23.5; luat:24; luat:25.1; luat:25.2; luat:25.3; luat:26.1; luat:26.2; luat:26.3;"
       " luat:26.4.a; luat:27.3")]),
    ("luat", 22, "Chính phủ quy định chi tiết khoản này", [("khoản này", "luat:22.3")]),
    ("luat", 22, "1. Thiệt hại được bồi thường",
     [("các điều 23, 24, 25, 26 và 27 của Luật này", "luat:23; luat:24; luat:25; luat:26; luat:27"),
      ("Điều 28 của Luật này", "luat:28")]),
    ("luat", 27, "c) Thiệt hại về tinh thần trong trường hợp", [("điểm d khoản này", "luat:27.3.d")]),
    ("luat", 28, "không xuất trình được hóa đơn",
     [("điểm này", "luat:28.2.a"), ("khoản 2 Điều 22 của Luật này", "luat:22.2")]),
    ("luat", 28, "không xuất trình được biên lai",
     [("điểm này", "luat:28.2.b"), ("khoản 2 Điều 22 của Luật này", "luat:22.2")]),
    ("luat", 37, "5. Tòa án", [("khoản 5 và khoản 6 Điều 19 của Luật này", "luat:19.5; luat:19.6"),
                               ("khoản 6 Điều này", "luat:37.6")]),
    ("luat", 41, "phải có nội dung quy định tại các điểm",
     [("các điểm a, b, c, d, g và h khoản này",
       "luat:41.3.a; luat:41.3.b; luat:41.3.c; luat:41.3.d; luat:41.3.g; luat:41.3.h")]),
    ("luat", 41, "là bản sao nhưng phải có bản chính",
     [("các điểm b, c, d khoản 1 và khoản 2 Điều này", "luat:41.1.b; luat:41.1.c; luat:41.1.d; luat:41.2")] * 2),
    ("luat", 43, "c) Yêu cầu bồi thường không thuộc phạm vi", [("Chương II của Luật này", "luat:C2")]),
    ("luat", 43, "5. Trường hợp người bị thiệt hại chỉ yêu cầu",
     [("Mục này", "luat:C5.M1"), ("Mục 3 Chương này", "luat:C5.M3")]),
    ("luat", 47, "không nhận quyết định giải quyết bồi thường thì người", [("điểm đ khoản 1 Điều 51 của Luật này", "luat:51.1.đ")]),
    ("luat", 48, "c) Giả mạo",
     [("điểm c, điểm d khoản 1 và khoản 2 Điều 41 của Luật này", "luat:41.1.c; luat:41.1.d; luat:41.2")]),
    ("luat", 52, "5. Thủ tục giải quyết", [("Mục này", "luat:C5.M2"), ("Mục này", "luat:C5.M2")]),
    ("luat", 59, "1. Việc đăng báo",
     [("điểm b khoản 1 và khoản 2 Điều 56 của Luật này", "luat:56.1.b; luat:56.2")]),
    ("luat", 62, "không đúng quy định của pháp luật thì cơ quan tài chính kiến nghị",
     [("khoản 1 và khoản 2 Điều 52 hoặc tại Điều 55 của Luật này", "luat:52.1; luat:52.2; luat:55")]),
    ("luat", 65, "d) Trường hợp 50%", [("điểm b khoản này", "luat:65.2.b"), ("điểm c khoản này", "luat:65.2.c")]),
    ("luat", 73, "m) ", [("khoản 1 và điểm a khoản 3 Điều 48 của Luật này", "luat:48.1; luat:48.3.a")]),
    ("nd68", 3, "Xác định thiệt hại do tài sản bị xâm phạm quy định tại Điều 23 của Luật",
     [("Điều 23 của Luật", "luat:23")]),
    ("nd68", 3, "5. Trường hợp",
     [("khoản 1 và khoản 4 Điều này", "nd68:3.1; nd68:3.4"), ("khoản 1 Điều 17 Nghị định này", "nd68:17.1")]),
    ("nd68", 4, "a) Đối với khoản lãi", [("khoản 5 Điều 23 của Luật", "luat:23.5")]),  # "đoạn 2 khoản 5 ..."
    ("nd68", 4, "5. Trường hợp đến thời điểm",
     [("khoản 2, khoản 3 và điểm a khoản 4 Điều này", "nd68:4.2; nd68:4.3; nd68:4.4.a")]),
    ("nd68", 5, "1. Khoảng thời gian",
     [("điểm a và điểm b khoản 1 Điều 24 của Luật", "luat:24.1.a; luat:24.1.b"),
      ("Điều 6, 7, 8 và 9 Nghị định này", "nd68:6; nd68:7; nd68:8; nd68:9")]),
    ("nd68", 10, "Khoảng thời gian làm căn cứ xác định thiệt hại về vật chất",
     [("Điều 25 của Luật", "luat:25"), ("Điều 26 của Luật", "luat:26")]),
    ("nd68", 11, "4. Người bị thiệt hại đã chấp hành xong", [("điểm đ khoản 3 Điều 27 của Luật", "luat:27.3.đ")]),
    ("nd68", 17, "a) Không xác định được giá", [("các khoản 1 và 4 Điều 3 Nghị định này", "nd68:3.1; nd68:3.4")]),
    ("nd68", 25, "2. Cơ quan trực tiếp quản lý",
     [("các điểm a, b, c, d, đ, e, g, h, i và k khoản 3 Điều 19 Nghị định này",
       "; ".join(f"nd68:19.3.{x}" for x in "a b c d đ e g h i k".split()))]),
    ("nd68", 25, "6. ",
     [("khoản 1 Điều 57 của Luật", "luat:57.1"), ("khoản 6 Điều 57 và Điều 59 của Luật", "luat:57.6; luat:59"),
      ("Điều này", "nd68:25")]),
    ("nd68", 28, "d) Kiến nghị bằng văn bản", [("các điểm a, b và c khoản này", "nd68:28.6.a; nd68:28.6.b; nd68:28.6.c")]),
    ("nd68", 33, "3. ", [("điểm a hoặc điểm b khoản 1 Điều 40 của Luật", "luat:40.1.a; luat:40.1.b")]),
    ("nd68", 35, "Báo cáo thống kê việc thực hiện", [("các điều 73, 74 và 75 của Luật", "luat:73; luat:74; luat:75")]),
    ("nd68", 1, "Nghị định này quy định chi tiết một số điều", []),
    ("tt04", 3, "2. Các biểu mẫu", [("khoản 1 Điều này", "tt04:3.1")]),
    ("tt04", 5, "1. Các cơ quan", [("Điều 2", "tt04:2")]),  # the circular's own Điều 2 (unqualified)
    ("tt02", 1, "Thông tư này hướng dẫn thi hành Điều 55",
     [("Điều 55 của Luật Trách nhiệm bồi thường của Nhà nước", "luat:55")]),
    ("tt08", 6, "thực hiện theo quy định tại khoản 2 của Điều này", [("khoản 2 của Điều này", "tt08:6.2")]),
    ("tt09", 8, "theo quy định tại khoản 2 hoặc khoản 3 của Điều này",
     [("khoản 2 hoặc khoản 3 của Điều này", "tt09:8.2; tt09:8.3")]),
    ("tt08", 12, "khoản 7 Điều 15, khoản 4 Điều 43",
     [("khoản 7 Điều 15, khoản 4 Điều 43, khoản 5 Điều 48, khoản 3 Điều 49, khoản 4 Điều 50, khoản 3 Điều 51 và "
       "khoản 4 Điều 66 của Luật", "luat:15.7; luat:43.4; luat:48.5; luat:49.3; luat:50.4; luat:51.3; luat:66.4")]),
    ("tt08", 12, "a) Cơ quan giải quyết bồi thường quy định tại các điểm a, b, c, d, d,",
     [("các điểm a, b, c, d, d, e, g, h, i, k khoản 3 Điều 19 Nghị định số 68/2018/NĐ-CP",
       "; ".join(f"nd68:19.3.{x}" for x in "a b c d e g h i k".split()))]),  # "d, d" as printed (sic)
    ("tt09", 14, "khoản 1 Điều 19 của Nghị định 68/2018/NĐ-CP",
     [("khoản 1 Điều 19 của Nghị định 68/2018/NĐ-CP", "nd68:19.1")]),
]


@pytest.mark.parametrize("instrument,dieu,snippet,expected", HAND, ids=lambda v: str(v)[:30])
def test_hand_checked(instrument, dieu, snippet, expected):
    vb = hc.load(instrument)
    matches = [p for p in hc.paragraphs(vb) if p.ctx.dieu == dieu and snippet in p.text]
    assert len(matches) == 1, f"snippet {snippet!r} must identify one paragraph of Điều {dieu}"
    para = matches[0]
    found = [(c.text, strs(c.targets)) for c in find_citations(para.text, para.ctx)]
    assert found == [(text, strs(targets(spec))) for text, spec in expected]


# --------------------------------------------------------------------------
# Forms
# --------------------------------------------------------------------------

LAW = Context("luat", dieu=13, khoan=4, chuong=5, muc=1)

FORMS = [
    ("Điều 7", "luat:7"),
    ("khoản 1 Điều 7", "luat:7.1"),
    ("điểm a khoản 1 Điều 7", "luat:7.1.a"),
    ("điểm đ khoản 2 Điều 3", "luat:3.2.đ"),
    ("điểm d khoản 2 Điều 3", "luat:3.2.d"),
    ("điểm b Điều 9", "luat:9.b"),
    ("các điểm a, b và c khoản 1 Điều 26", "luat:26.1.a; luat:26.1.b; luat:26.1.c"),
    ("khoản 1 và khoản 2 Điều 52", "luat:52.1; luat:52.2"),
    ("các khoản 1, 2 và 3 Điều 23", "luat:23.1; luat:23.2; luat:23.3"),
    ("khoản 1, 2 và 3 Điều 23", "luat:23.1; luat:23.2; luat:23.3"),
    ("các điều 17, 18, 19, 20 và 21", "luat:17; luat:18; luat:19; luat:20; luat:21"),
    ("các Điều 17 và 18", "luat:17; luat:18"),
    ("Các điều 17 và 18", "luat:17; luat:18"),
    ("Điều 6, 7, 8 và 9", "luat:6; luat:7; luat:8; luat:9"),
    ("từ Điều 17 đến Điều 21", "luat:17; luat:18; luat:19; luat:20; luat:21"),
    ("Điều 17 đến Điều 19", "luat:17; luat:18; luat:19"),
    ("các điều từ 17 đến 19", "luat:17; luat:18; luat:19"),
    ("từ khoản 1 đến khoản 3 Điều 7", "luat:7.1; luat:7.2; luat:7.3"),
    ("các điểm từ c đến e khoản 2 Điều 3", "luat:3.2.c; luat:3.2.d; luat:3.2.đ; luat:3.2.e"),
    ("khoản 2 Điều này", "luat:13.2"),
    ("Điều này", "luat:13"),
    ("khoản này", "luat:13.4"),
    ("điểm b khoản này", "luat:13.4.b"),
    ("khoản 3 và khoản 4 Điều này", "luat:13.3; luat:13.4"),
    ("khoản 2 hoặc khoản 3 Điều này", "luat:13.2; luat:13.3"),
    ("Chương IV", "luat:C4"),
    ("Chương này", "luat:C5"),
    ("Mục 2 Chương IV", "luat:C4.M2"),
    ("Mục 1 và Mục 2 Chương V", "luat:C5.M1; luat:C5.M2"),
    ("Mục này", "luat:C5.M1"),
    ("Mục 3 Chương này", "luat:C5.M3"),
    ("Mục 1 Chương V của Luật này", "luat:C5.M1"),
    ("Điều 7 của Luật này", "luat:7"),
    ("Điều 7 Luật này", "luat:7"),
    ("điểm b khoản 1 và khoản 2 Điều 52 của Luật này", "luat:52.1.b; luat:52.2"),
    ("khoản 1 Điều 52 hoặc Điều 55 của Luật này", "luat:52.1; luat:55"),
    ("khoản 1 và khoản 2 Điều 52 hoặc tại Điều 55 của Luật này", "luat:52.1; luat:52.2; luat:55"),
    ("Khoản 2 Điều 3", "luat:3.2"),
    ("Điểm a khoản 2 Điều 3", "luat:3.2.a"),
    ("Điều 7 và Chương II", "luat:7; luat:C2"),
    ("khoản 1\nĐiều 7", "luat:7.1"),  # a soft line break inside a paragraph
]


@pytest.mark.parametrize("text,expected", FORMS, ids=[f[0] for f in FORMS])
def test_forms(text, expected):
    c = parse(text, LAW)
    assert strs(c.targets) == strs(targets(expected))
    assert (c.start, c.end, c.text) == (0, len(text), text)
    assert c.instrument == "luat" and c.external is None


def test_links_of_enumerations():
    text = "các khoản 1, 2 và 3 Điều 23"
    c = parse(text, LAW)
    assert [(text[lk.start:lk.end], target_str(lk.target)) for lk in c.links] == [
        ("khoản 1", "luat:23.1"), ("2", "luat:23.2"), ("3", "luat:23.3"), ("Điều 23", "luat:23")]
    text = "điểm b khoản 1 và khoản 2 Điều 52 của Luật này"
    c = parse(text, LAW)
    assert [(text[lk.start:lk.end], target_str(lk.target)) for lk in c.links] == [
        ("điểm b khoản 1", "luat:52.1.b"), ("khoản 2", "luat:52.2"), ("Điều 52", "luat:52")]
    text = "từ Điều 17 đến Điều 21"
    c = parse(text, LAW)
    assert [text[lk.start:lk.end] for lk in c.links] == ["Điều 17", "Điều 21"]
    assert len(c.targets) == 5


def test_single_target_links_whole_citation():
    text = "theo quy định tại khoản 2 Điều 22 của Luật này."
    (c,) = find_citations(text, LAW)
    assert c.text == "khoản 2 Điều 22 của Luật này"
    assert [(lk.start, lk.end) for lk in c.links] == [(c.start, c.end)]


def links_ok(c: Citation) -> bool:
    spans = sorted((lk.start, lk.end) for lk in c.links)
    inside = all(c.start <= s < e <= c.end for s, e in spans)
    disjoint = all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    return inside and disjoint


# --------------------------------------------------------------------------
# Qualifiers and instruments
# --------------------------------------------------------------------------


def test_two_citations_two_instruments():
    text = ("theo quy định tại Điều 589 của Bộ luật Dân sự tại thời điểm quy định tại "
            "khoản 2 Điều 22 của Luật này")
    a, b = find_citations(text, Context("luat", dieu=23, khoan=4))
    assert a.text == "Điều 589 của Bộ luật Dân sự"
    assert (a.instrument, a.external, a.links) == (None, "Bộ luật Dân sự", ())
    assert a.targets == (Target("Bộ luật Dân sự", 589),)
    assert b.text == "khoản 2 Điều 22 của Luật này"
    assert (b.instrument, b.external) == ("luat", None)
    assert b.targets == (Target("luat", 22, 2),)


@pytest.mark.parametrize("name", [
    "Bộ luật Tố tụng hình sự",
    "Bộ luật Dân sự",
    "Bộ luật Dân sự năm 2015",
    "Bộ luật dân sự",
    "Luật Tố tụng hành chính",
    "Luật Thi hành án hình sự",
    "Nghị định số 16/2010/NĐ-CP",
    "Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12",
    "Luật Trách nhiệm bồi thường của Nhà nước năm 2009",
    "Luật TNBTCNN năm 2009",
    "Luật Sở hữu trí tuệ",
    "Hiến pháp năm 2013",
])
@pytest.mark.parametrize("cua", ["của ", ""])
def test_external(name, cua):
    text = f"Theo khoản 2 Điều 12 {cua}{name} tại thời điểm đó"
    (c,) = find_citations(text, LAW)
    assert c.text == f"khoản 2 Điều 12 {cua}{name}"
    assert (c.instrument, c.external, c.links) == (None, name, ())
    assert c.targets == (Target(name, 12, 2),)
    assert not c.targets[0].internal


@pytest.mark.parametrize("qualifier,key", [
    ("của Luật này", "luat"),
    ("Luật này", "luat"),
    ("của Luật", "luat"),
    ("Luật Trách nhiệm bồi thường của Nhà nước", "luat"),
    ("Luật Trách nhiệm bồi thường của Nhà nước số 10/2017/QH14", "luat"),
    ("Luật Trách nhiệm bồi thường của Nhà nước năm 2017", "luat"),
    ("Luật Trách nhiệm bồi thường của Nhà nước 2017", "luat"),
    ("Luật số 10/2017/QH14", "luat"),
    ("Luật TNBTCNN", "luat"),
    ("của Nghị định này", "nd68"),
    ("Nghị định này", "nd68"),
    ("Nghị định số 68/2018/NĐ-CP", "nd68"),
    ("của Nghị định 68/2018/NĐ-CP", "nd68"),
    ("Thông tư số 04/2018/TT-BTP", "tt04"),
    ("Thông tư số 08/2019/TT-BTP", "tt08"),
    ("Thông tư 09/2019/TT-BTP", "tt09"),
    ("của Thông tư số 02/2023/TT-TANDTC", "tt02"),
])
@pytest.mark.parametrize("ctx", [Context(), Context("nd68", dieu=3), Context("tt04", dieu=5)], ids=str)
def test_internal_qualifiers(qualifier, key, ctx):
    """Every name of the registry qualifies a citation, whatever the text it is read in."""
    text = f"quy định tại khoản 1 Điều 3 {qualifier} là"
    (c,) = find_citations(text, ctx)
    assert c.text == f"khoản 1 Điều 3 {qualifier}"
    assert (c.instrument, c.external, c.basis) == (key, None, "named")
    assert c.targets == (Target(key, 3, 1),)


def test_unqualified_follows_context():
    assert parse("Điều 2").targets == (Target("luat", 2),)  # guidance: default instrument
    assert parse("Điều 2", Context(default_instrument="nd68")).targets == (Target("nd68", 2),)
    assert parse("Điều 2", Context("tt04", dieu=5)).targets == (Target("tt04", 2),)  # as in Thông tư 04, Điều 5
    assert parse("Điều 2", Context("nd68")).basis == "default"


def test_nay_ends_the_citation():
    """Nghị định 68, Điều 25 khoản 6: "của Luật" qualifies the first group only."""
    text = "theo quy định tại khoản 6 Điều 57 và Điều 59 của Luật và Điều này."
    a, b = find_citations(text, Context("nd68", dieu=25, khoan=6))
    assert (a.text, strs(a.targets)) == ("khoản 6 Điều 57 và Điều 59 của Luật", "luat:57.6; luat:59")
    assert (b.text, strs(b.targets), b.basis) == ("Điều này", "nd68:25", "here")


def test_doan_is_not_a_unit():
    text = "quy định tại đoạn 2 khoản 5 Điều 23 của Luật thì"
    (c,) = find_citations(text, Context("nd68", dieu=4, khoan=4))
    assert c.text == "khoản 5 Điều 23 của Luật"
    assert c.targets == (Target("luat", 23, 5),)


def test_unresolvable_instrument_is_not_guessed():
    ctx = Context()
    for text in ("theo Điều 5 của Nghị định quy định chi tiết", "theo Điều 5 của Luật tố tụng mới",
                 "theo Điều 5 Bộ luật và"):
        assert find_citations(text, ctx) == []
        (e,) = find_unresolved(text, ctx)
        assert text[e.start:e.end].startswith("Điều 5")
        assert survey(text, ctx)["unclassified"] == 1


def test_nay_without_context_is_unresolved():
    assert find_citations("theo khoản 2 Điều này", Context()) == []
    (e,) = find_unresolved("theo khoản 2 Điều này", Context())
    assert "Context.dieu" in str(e)
    with pytest.raises(CitationError, match=r"Context\.khoan"):
        parse("điểm b khoản này", Context("luat", dieu=7))
    with pytest.raises(CitationError, match=r"Context\.diem"):
        parse("điểm này", Context("luat", dieu=7, khoan=1))
    with pytest.raises(CitationError, match=r"Context\.chuong"):
        parse("Mục 3 Chương này", Context("luat", dieu=7))


def test_context_rejects_unknown_instruments():
    with pytest.raises(ValueError, match="unknown instrument"):
        Context("blds")
    with pytest.raises(ValueError, match="unknown default instrument"):
        Context(default_instrument="blds")


# --------------------------------------------------------------------------
# Errors and non-citations
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text,message", [
    ("Điều", "expected an article number or 'này' after 'Điều'"),
    ("khoản 1 Điều", "expected an article number or 'này' after 'Điều'"),
    ("điểm 3 khoản 1 Điều 7", "expected a point letter .* after 'điểm', found '3'"),
    ("điểm f khoản 1 Điều 7", "expected a point letter .* after 'điểm', found 'f'"),
    ("khoản 1", "'khoản 1' must be followed by the Điều it belongs to"),
    ("điểm a", "'điểm a' must be followed by the Điều it belongs to"),
    ("Mục 2", "'Mục 2' must be followed by the Chương it belongs to"),
    ("Chương IIII", "expected a Roman chapter numeral"),
    ("Chương 4", "expected a Roman chapter numeral"),
    ("Điều 05", "expected an article number"),
    ("điều 7", "lower case 'điều' only in lists"),
    ("Điều 7 và", "expected Điều, khoản, điểm, Mục or Chương"),
    ("Điều 7 thì", "unexpected text after the citation: 'thì'"),
    ("Điều 7 của Bộ luật", "'Bộ luật' alone does not say which instrument"),
    ("Điều 7 của Nghị định", "'Nghị định' alone does not say which instrument"),
    ("từ Điều 21 đến Điều 17", "runs backwards"),
    ("từ điểm d đến điểm a khoản 1 Điều 7", "runs backwards"),
    ("các khoản này Điều 7", "'các khoản này' is not a unit"),
    ("điểm a khoản 1, 2 Điều 3", "'điểm a khoản 1, ...' is ambiguous"),
    ("khoản tiền bồi thường", "expected a clause number or 'này' after 'khoản', found 'tiền'"),
    ("Điều lệ", "found 'lệ'"),
    ("", "empty"),
    ("theo Điều 7", "a citation starts with"),
])
def test_errors(text, message):
    with pytest.raises(CitationError, match=message):
        parse(text, LAW)


@pytest.mark.parametrize("text", [
    "khoản tiền bồi thường",
    "các khoản tiền đã nộp và các khoản thu nhập",
    "các điều kiện cần thiết",
    "quy chế, điều lệ của các tổ chức; Điều lệ Đảng",
    "chữ ký hoặc điểm chỉ của người bị thiệt hại",
    "tại thời điểm thụ lý; địa điểm thương lượng",
    "mục đích sử dụng đất; chương trình buổi xin lỗi",
    "một số điều của Luật Trách nhiệm bồi thường của Nhà nước (sau đây gọi là Luật)",
    "Cơ quan điều tra ra kết luận điều tra bổ sung",
    "Điều37 và khoản1",
    "Điều 37.8.LQ.1",
    "Điều 3/2018",
])
def test_no_citation(text):
    assert find_citations(text, LAW) == []
    assert find_unresolved(text, LAW) == []


def test_quantities_do_not_continue_lists():
    (c,) = find_citations("quy định tại Điều 45, 30 ngày kể từ", LAW)
    assert c.targets == (Target("luat", 45),)
    (c,) = find_citations("tại khoản 2 Điều 7, 5% số tiền", LAW)
    assert c.targets == (Target("luat", 7, 2),)


def test_survey_counts_orphans():
    s = survey("Xem khoản 3 và điểm a; theo Điều 7 của Luật này; Điều 9 Bộ luật Dân sự.", Context())
    assert (s["citations"], s["internal"], s["external"]) == (2, 1, 1)
    assert (s["orphans"], s["unclassified"]) == (2, 2)
    assert [m for _, _, m in s["problems"]] == ["'khoản 3' is not part of any citation",
                                                "'điểm a' is not part of any citation"]


# --------------------------------------------------------------------------
# Formatting and round trip
# --------------------------------------------------------------------------


@pytest.mark.parametrize("target,text", [
    (Target("luat", 7, 1, "a"), "điểm a khoản 1 Điều 7"),
    (Target("luat", 3, 2, "đ"), "điểm đ khoản 2 Điều 3"),
    (Target("luat", 9, None, "b"), "điểm b Điều 9"),
    (Target("luat", 7), "Điều 7"),
    (Target("luat", chuong=4), "Chương IV"),
    (Target("luat", chuong=5, muc=2), "Mục 2 Chương V"),
])
def test_format_target(target, text):
    assert format_target(target) == text
    assert parse(text).targets == (target,)


def test_format_target_with_instrument():
    assert format_target(Target("luat", 7, 1), True) == "khoản 1 Điều 7 Luật Trách nhiệm bồi thường của Nhà nước năm 2017"
    assert format_target(Target("nd68", 3), True) == "Điều 3 Nghị định số 68/2018/NĐ-CP"
    assert format_target(Target("Bộ luật Dân sự", 589), True) == "Điều 589 Bộ luật Dân sự"
    for t in (Target("luat", 7, 1), Target("nd68", 3), Target("tt04", 3, 1), Target("luat", chuong=5, muc=1)):
        assert parse(format_target(t, True), Context("nd68")).targets == (t,)


@pytest.mark.parametrize("text,canonical", [
    ("khoản 1 và khoản 2 Điều 52", "các khoản 1 và 2 Điều 52"),
    ("các điểm a, b và c khoản 1 Điều 26", "các điểm a, b và c khoản 1 Điều 26"),
    ("từ Điều 17 đến Điều 21", "các điều 17, 18, 19, 20 và 21"),
    ("Điều 21, Điều 17 và Điều 19", "các điều 17, 19 và 21"),
    ("khoản 2, khoản 3 và điểm a khoản 4 Điều 7", "các khoản 2, 3 và điểm a khoản 4 Điều 7"),
    ("các khoản 1, 2, 3 và điểm a khoản 4 Điều 26", "các khoản 1, 2, 3 và điểm a khoản 4 Điều 26"),
    ("điểm b khoản 1 và khoản 2 Điều 52 của Luật này",
     "điểm b khoản 1 và khoản 2 Điều 52 Luật Trách nhiệm bồi thường của Nhà nước năm 2017"),
    ("Điều 6, 7, 8 và 9 Nghị định này", "các điều 6, 7, 8 và 9 Nghị định số 68/2018/NĐ-CP"),
    ("Điều 589 của Bộ luật Dân sự", "Điều 589 Bộ luật Dân sự"),
    ("khoản 2 Điều này", "khoản 2 Điều 13"),
    ("Mục 3 Chương này", "Mục 3 Chương V"),
    ("Điều 7 và khoản 1 Điều 7", "Điều 7 và khoản 1 Điều 7"),
    ("khoản 2 Điều 3 và khoản 2 Điều 3", "khoản 2 Điều 3"),
])
def test_format_citation(text, canonical):
    c = parse(text, LAW)
    assert format_citation(c) == canonical
    assert parse(canonical, LAW).targets == c.targets


@pytest.mark.parametrize("row", TABLE, ids=lambda r: f"{r['instrument']}-L{r['line']}-{r['text'][:40]}")
def test_round_trip_on_sources(row, paragraphs):
    (para,) = paragraphs[(row["instrument"], int(row["line"]))]
    for c in find_citations(para.text, para.ctx):
        f = format_citation(c)
        again = parse(f, para.ctx)
        assert again.targets == c.targets
        assert format_citation(again) == f
        assert links_ok(c)


def test_target_strings_round_trip():
    for t in (Target("luat", 52, 1, "b"), Target("luat", 9, None, "đ"), Target("luat", 7), Target("luat", chuong=5),
              Target("luat", chuong=5, muc=1), Target("Nghị định số 16/2010/NĐ-CP", 5, 2)):
        assert target_from_str(target_str(t)) == t


# --------------------------------------------------------------------------
# Unicode and speed
# --------------------------------------------------------------------------


def test_nfd_input_keeps_spans_of_the_original():
    nfc = "Theo điểm đ khoản 1 Điều 51 của Luật này và Điều 589 của Bộ luật Dân sự, khoản 2 Điều này."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    ctx = Context("luat", dieu=52)
    got = find_citations(nfd, ctx)
    want = find_citations(nfc, ctx)
    assert [c.targets for c in got] == [c.targets for c in want]
    for c in got:
        assert nfd[c.start:c.end] == c.text
        assert unicodedata.normalize("NFC", c.text) in nfc
        for lk in c.links:
            assert unicodedata.normalize("NFC", nfd[lk.start:lk.end]) in nfc
    c = parse(unicodedata.normalize("NFD", "điểm đ khoản 2 Điều 3"))
    assert c.targets == (Target("luat", 3, 2, "đ"),) and c.end == len(unicodedata.normalize("NFD", "điểm đ khoản 2 Điều 3"))


def test_speed_on_the_whole_law():
    text = (ROOT / "sources" / "luat-10-2017-qh14.md").read_text(encoding="utf-8")
    best = min(_timed(lambda: find_citations(text, Context("luat"))) for _ in range(3))
    assert best < 0.2, f"find_citations took {best:.3f}s over the whole law"


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

ART = st.integers(1, 120)
ROMAN = {n: r for n, r in enumerate(["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                                     "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII",
                                     "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX", "XXX", "XXXI",
                                     "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX"])}
"""Written out by hand, so the tests do not lean on :func:`lawsite.ids.int_to_roman`."""
CL = st.integers(1, 30)
PT = st.sampled_from(POINT_LETTERS)


def vi_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


@st.composite
def article_item(draw) -> tuple[str, list[dict]]:
    """One article-level item and the units it names (without instrument)."""
    a = draw(ART)
    form = draw(st.sampled_from(["article", "clause", "point", "point_in_article", "clauses", "clauses_repeat",
                                 "points", "mixed", "articles", "range", "clause_range", "chapter", "section",
                                 "sections"]))
    if form in ("chapter", "section", "sections"):
        c = draw(st.integers(1, 39))
        roman = ROMAN[c]
        if form == "chapter":
            return f"Chương {roman}", [{"chuong": c}]
        ms = draw(st.lists(st.integers(1, 9), min_size=1 if form == "section" else 2, max_size=3))
        return f"{vi_list([f'Mục {m}' for m in ms])} Chương {roman}", [{"chuong": c, "muc": m} for m in ms]
    if form == "article":
        return f"Điều {a}", [{"dieu": a}]
    if form == "clause":
        k = draw(CL)
        return f"khoản {k} Điều {a}", [{"dieu": a, "khoan": k}]
    if form == "point":
        k, p = draw(CL), draw(PT)
        return f"điểm {p} khoản {k} Điều {a}", [{"dieu": a, "khoan": k, "diem": p}]
    if form == "point_in_article":
        p = draw(PT)
        return f"điểm {p} Điều {a}", [{"dieu": a, "diem": p}]
    if form in ("clauses", "clauses_repeat"):
        ks = draw(st.lists(CL, min_size=2, max_size=5))
        if form == "clauses":
            text = f"các khoản {vi_list([str(k) for k in ks])} Điều {a}"
        else:
            text = f"{vi_list([f'khoản {k}' for k in ks])} Điều {a}"
        return text, [{"dieu": a, "khoan": k} for k in ks]
    if form == "points":
        k = draw(CL)
        ps = draw(st.lists(PT, min_size=2, max_size=5))
        return f"các điểm {vi_list(ps)} khoản {k} Điều {a}", [{"dieu": a, "khoan": k, "diem": p} for p in ps]
    if form == "mixed":
        # "điểm b khoản 1 và khoản 2 Điều 52"
        k1, k2, p = draw(CL), draw(CL), draw(PT)
        return f"điểm {p} khoản {k1} và khoản {k2} Điều {a}", [{"dieu": a, "khoan": k1, "diem": p},
                                                               {"dieu": a, "khoan": k2}]
    if form == "articles":
        arts = draw(st.lists(ART, min_size=2, max_size=5))
        return f"các điều {vi_list([str(x) for x in arts])}", [{"dieu": x} for x in arts]
    if form == "range":
        b = draw(st.integers(a + 1, a + 6))
        return f"từ Điều {a} đến Điều {b}", [{"dieu": x} for x in range(a, b + 1)]
    k = draw(st.integers(1, 10))
    k2 = draw(st.integers(k + 1, k + 5))
    return f"từ khoản {k} đến khoản {k2} Điều {a}", [{"dieu": a, "khoan": x} for x in range(k, k2 + 1)]


QUALIFIERS = [
    ("", None, None),
    (" của Luật này", "luat", None),
    (" Luật này", "luat", None),
    (" của Luật", "luat", None),
    (" của Nghị định này", "nd68", None),
    (" Nghị định số 68/2018/NĐ-CP", "nd68", None),
    (" Thông tư số 04/2018/TT-BTP", "tt04", None),
    (" của Thông tư 02/2023/TT-TANDTC", "tt02", None),
    (" của Bộ luật Dân sự", None, "Bộ luật Dân sự"),
    (" Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12", None,
     "Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12"),
]
CONTEXTS = [Context(), Context("luat", dieu=4), Context("nd68", dieu=3, khoan=2), Context(default_instrument="tt04")]


@st.composite
def citation(draw) -> tuple[str, Context, tuple[Target, ...], str | None, str | None]:
    items = draw(st.lists(article_item(), min_size=1, max_size=3))
    seps = [draw(st.sampled_from([", ", " và ", " hoặc "])) for _ in items[1:]]
    text = items[0][0] + "".join(sep + it[0] for sep, it in zip(seps, items[1:], strict=True))
    qual, key, external = draw(st.sampled_from(QUALIFIERS))
    ctx = draw(st.sampled_from(CONTEXTS))
    instrument = external or key or ctx.home
    units = [u for _, us in items for u in us]
    expected = tuple(sorted({Target(instrument, **u) for u in units}, key=Target.sort_key))
    return text + qual, ctx, expected, (key or (None if external else ctx.home)), external


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(citation())
def test_generated_citations_parse_to_their_targets(case):
    text, ctx, expected, instrument, external = case
    c = parse(text, ctx)
    assert c.targets == expected
    assert (c.instrument, c.external) == (instrument, external)
    assert c.text == text
    assert links_ok(c)
    if external:
        assert c.links == ()
    else:
        assert {lk.target.instrument for lk in c.links} == {instrument}


@SETTINGS
@given(citation())
def test_generated_round_trip(case):
    text, ctx, expected, _, _ = case
    c = parse(text, ctx)
    f = format_citation(c)
    again = parse(f, ctx)
    assert again.targets == c.targets == expected
    assert (again.instrument, again.external) == (c.instrument, c.external)
    assert format_citation(again) == f


@SETTINGS
@given(citation(), st.sampled_from(["Theo quy định tại ", "(", "- "]), st.sampled_from([" thì", ".", ");", ""]))
def test_generated_citation_in_running_text(case, before, after):
    text, ctx, expected, _, _ = case
    running = f"{before}{text}{after}"
    (c,) = find_citations(running, ctx)
    assert (c.start, c.end, c.text) == (len(before), len(before) + len(text), text)
    assert c.targets == expected


@st.composite
def target_sets(draw) -> list[Target]:
    key = draw(st.sampled_from(["luat", "nd68"]))
    units = draw(st.lists(st.one_of(
        st.builds(lambda a: Target(key, a), ART),
        st.builds(lambda a, k: Target(key, a, k), st.integers(1, 6), st.integers(1, 4)),
        st.builds(lambda a, k, p: Target(key, a, k, p), st.integers(1, 6), st.integers(1, 4), PT),
        st.builds(lambda a, p: Target(key, a, None, p), st.integers(1, 6), PT),
        st.builds(lambda c: Target(key, chuong=c), st.integers(1, 12)),
        st.builds(lambda c, m: Target(key, chuong=c, muc=m), st.integers(1, 12), st.integers(1, 4)),
    ), min_size=1, max_size=8))
    return units


@SETTINGS
@given(target_sets())
def test_format_units_round_trip(ts):
    """Any set of units formats to text that parses back to exactly that set."""
    text = format_units(ts)
    ctx = Context(ts[0].instrument)
    assert parse(text, ctx).targets == tuple(sorted(set(ts), key=Target.sort_key))


@SETTINGS
@given(citation())
def test_nfd_generated(case):
    text, ctx, expected, _, _ = case
    nfd = unicodedata.normalize("NFD", text)
    c = parse(nfd, ctx)
    assert c.targets == expected
    assert (c.start, c.end) == (0, len(nfd))


@st.composite
def here_citation(draw) -> tuple[str, Context, tuple[Target, ...]]:
    """A "này" form, possibly after ordinary items ("khoản 1 Điều 7 và khoản 2 Điều này")."""
    key = draw(st.sampled_from(["luat", "nd68", "tt04"]))  # the hypothesis corpus: the first three
    d, k, c, m = draw(ART), draw(CL), draw(st.integers(1, 9)), draw(st.integers(1, 4))
    p = draw(PT)
    ctx = Context(key, dieu=d, khoan=k, diem=p, chuong=c, muc=m)
    ks = draw(st.lists(CL, min_size=2, max_size=4))
    ps = draw(st.lists(PT, min_size=2, max_size=4))
    text, units = draw(st.sampled_from([
        ("Điều này", [{"dieu": d}]),
        (f"khoản {ks[0]} Điều này", [{"dieu": d, "khoan": ks[0]}]),
        (f"các khoản {vi_list([str(x) for x in ks])} Điều này", [{"dieu": d, "khoan": x} for x in ks]),
        (f"{vi_list([f'khoản {x}' for x in ks])} Điều này", [{"dieu": d, "khoan": x} for x in ks]),
        (f"điểm {ps[0]} khoản {ks[0]} Điều này", [{"dieu": d, "khoan": ks[0], "diem": ps[0]}]),
        ("khoản này", [{"dieu": d, "khoan": k}]),
        (f"điểm {ps[0]} khoản này", [{"dieu": d, "khoan": k, "diem": ps[0]}]),
        (f"các điểm {vi_list(ps)} khoản này", [{"dieu": d, "khoan": k, "diem": x} for x in ps]),
        ("điểm này", [{"dieu": d, "khoan": k, "diem": p}]),
        ("Chương này", [{"chuong": c}]),
        ("Mục này", [{"chuong": c, "muc": m}]),
        (f"Mục {ks[0]} Chương này", [{"chuong": c, "muc": ks[0]}]),
    ]))
    before = draw(st.lists(article_item(), max_size=2))
    full = " và ".join([t for t, _ in before] + [text])
    all_units = [u for _, us in before for u in us] + units
    expected = tuple(sorted({Target(key, **u) for u in all_units}, key=Target.sort_key))
    return full, ctx, expected


@SETTINGS
@given(here_citation())
def test_generated_here_forms(case):
    text, ctx, expected = case
    c = parse(text, ctx)
    assert c.targets == expected
    assert c.instrument == ctx.instrument and c.basis in ("here", "default")
    assert links_ok(c)
    f = format_citation(c)
    assert parse(f, ctx).targets == expected
    assert format_citation(parse(f, ctx)) == f
    (found,) = find_citations(f"theo quy định tại {text} thì", ctx)
    assert found.text == text and found.targets == expected


@pytest.mark.parametrize("key", ["tt04", "tt08", "tt09", "tt02"])
def test_thong_tu_nay_is_the_circular_being_read(key):
    """Four circulars call themselves "Thông tư này": it means the one being read, and nothing elsewhere."""
    (c,) = find_citations("quy định tại Điều 3 Thông tư này", Context(key, dieu=5))
    assert c.targets == (Target(key, 3),) and c.basis == "named"
    with pytest.raises(CitationError, match="ambiguous"):
        parse("Điều 3 Thông tư này", Context("nd68", dieu=5))
