"""The published law pages carry the official text verbatim, with the documented ids."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from lawsite import ids
from lawsite.instruments import INSTRUMENTS

RE_TAG = re.compile(r"<[^>]+>")
RE_INLINE_TAG = re.compile(r"</?(?:a|abbr|strong|em|code|span)\b[^>]*>")
RE_ID = re.compile(r'\sid="([^"]+)"')
LAW_ARTICLES = range(1, 79)


def norm(text: str) -> str:
    """Whitespace-normalised text; table pipes and rules dropped (they are layout, not words)."""
    text = re.sub(r"\|?-{3,}\|?", " ", text).replace("|", " ")
    return " ".join(text.split())


RE_SIC = re.compile(r'<p class="law-sic" role="note">.*?</p>', re.S)
"""The site's visible notes on documented source quirks: beside the text, never part of it."""


def html_text(fragment: str) -> str:
    fragment = re.sub(r'<a [^>]*class="headerlink".*?</a>', "", fragment)
    fragment = RE_SIC.sub(" ", fragment)
    return norm(html.unescape(RE_TAG.sub(" ", RE_INLINE_TAG.sub("", fragment))))


# The "Thay đổi sau khi ban hành" notices (lawsite.changes_render) sit between the status notice and the text.
RE_CHANGE_NOTICE = re.compile(
    r'\s*(?:<p class="thay-doi-phien-ban">.*?</p>|<div class="admonition [^"]*\bthay-doi\b[^"]*">.*?</div>'
    r'|<details class="[^"]*\bthay-doi\b[^"]*">.*?</details>)', re.S)


def article_fragment(page: str, dieu: int, prefixed: bool) -> str:
    """HTML of one article's body on a page: after its heading (status and change notices) up to the next boundary."""
    start = page.index(f'id="{ids.dieu_id(dieu)}"')
    start = page.index("</h", start)
    if not prefixed:
        start = page.index("</details>", start) + len("</details>")
        while m := RE_CHANGE_NOTICE.match(page, start):
            start = m.end()
    end = re.compile(r"<h[r1-6]|<details").search(page, start)
    return page[start:end.start() if end else len(page)]


def expected_ids(dieu, prefixed: bool) -> list[str]:
    out = []
    for p in dieu.doan:
        if p.kind == "khoan":
            out.append(ids.unit_id(p.khoan, None, dieu.number if prefixed else None))
        elif p.kind == "diem":
            out.append(ids.unit_id(p.khoan, p.diem, dieu.number if prefixed else None))
    return out


def source_text(dieu) -> str:
    return norm(" ".join(p.text for p in dieu.doan))


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", list(INSTRUMENTS))
def test_every_article_page_is_verbatim_with_its_ids(built_site, corpus, key):
    inst = INSTRUMENTS[key]
    vb = corpus.vanban[key]
    mismatches = []
    for n, dieu in vb.dieu.items():
        page = read(built_site, f"{inst.url_dir}/dieu-{n}")
        frag = article_fragment(page, n, prefixed=False)
        if html_text(frag) != source_text(dieu):
            mismatches.append(f"Điều {n}: text differs")
        if RE_ID.findall(frag) != expected_ids(dieu, prefixed=False):
            mismatches.append(f"Điều {n}: ids {RE_ID.findall(frag)} != {expected_ids(dieu, False)}")
        dup = [i for i, c in Counter(RE_ID.findall(page)).items() if c > 1]
        if dup:
            mismatches.append(f"Điều {n}: duplicate ids {dup}")
        if f"<title>{dieu.heading}" not in html.unescape(page):
            mismatches.append(f"Điều {n}: title")
    assert not mismatches, "\n".join(mismatches)


def test_law_counts_of_ids(built_site, corpus):
    total = Counter()
    for n in LAW_ARTICLES:
        for i in RE_ID.findall(article_fragment(read(built_site, f"luat/dieu-{n}"), n, prefixed=False)):
            total["diem" if "diem-" in i else "khoan"] += 1
    assert total == {"khoan": 340, "diem": 232}


@pytest.mark.parametrize("key", list(INSTRUMENTS))
def test_whole_text_page_has_every_article_with_prefixed_ids(built_site, corpus, key):
    inst = INSTRUMENTS[key]
    vb = corpus.vanban[key]
    page = read(built_site, f"{inst.url_dir}/toan-van")
    all_ids = RE_ID.findall(page)
    assert not [i for i, c in Counter(all_ids).items() if c > 1]
    for n, dieu in vb.dieu.items():
        frag = article_fragment(page, n, prefixed=True)
        assert html_text(frag) == source_text(dieu), f"Điều {n}"
        assert RE_ID.findall(frag) == expected_ids(dieu, prefixed=True), f"Điều {n}"


def test_chapter_pages(built_site, corpus):
    vb = corpus.vanban["luat"]
    assert len(vb.chuong) == 9
    for c in vb.chuong:
        page = read(built_site, f"luat/chuong-{c.number}")
        assert f"Chương {c.roman}. {c.title}" in html.unescape(page)
        for n in c.dieu:
            frag = article_fragment(page, n, prefixed=True)
            assert html_text(frag) == source_text(vb.dieu[n]), f"Chương {c.roman} Điều {n}"
        for m in c.muc:
            assert f'id="muc-{m.number}"' in page


def test_urls_exist(built_site):
    for n in LAW_ARTICLES:
        assert (built_site / f"luat/dieu-{n}/index.html").is_file()
    for c in range(1, 10):
        assert (built_site / f"luat/chuong-{c}/index.html").is_file()
    for path in ("luat", "luat/toan-van", "luat/nguon", "nguon-van-ban", "nghi-dinh-68-2018/dieu-37",
                 "thong-tu-04-2018/dieu-5"):
        assert (built_site / path / "index.html").is_file(), path
    assert not (built_site / "luat/dieu-79").exists()


def test_article_page_context_metadata_and_status(built_site, corpus):
    page = html.unescape(read(built_site, "luat/dieu-41"))
    assert "Chương V. THỦ TỤC GIẢI QUYẾT YÊU CẦU BỒI THƯỜNG" in page or "Chương V." in page
    assert "Mục 1." in page
    for needle in ("Số hiệu:</strong> 10/2017/QH14", "Cơ quan ban hành:</strong> Quốc hội",
                   "Ngày thông qua:</strong> 20/6/2017", "Ngày hiệu lực:</strong> 01/7/2018",
                   "chưa phản ánh sửa đổi", "cấp huyện", "vbpl.vn"):
        assert needle in page, needle
    assert 'href="../dieu-40/"' in page and 'href="../dieu-42/"' in page  # previous / next article


def test_missing_parts_are_shown_not_recreated(built_site, corpus):
    page = html.unescape(read(built_site, "luat/toan-van"))
    assert page.count("Phần này không có trong nguồn") == len(corpus.vanban["luat"].missing) == 2
    assert "Căn cứ Hiến pháp nước Cộng hòa" not in page  # never recreated from memory
    assert "Nguyễn Thị Kim Ngân" not in page.split("không có trong nguồn", 1)[0]


def test_copying_a_clause_keeps_its_official_number(built_site):
    page = read(built_site, "luat/dieu-7")
    m = re.search(r'<div class="khoan"[^>]* id="khoan-1"[^>]*>\s*<p>(.{0,3})', page)
    assert m and m.group(1).startswith("1. ")
    assert re.search(r'<p class="diem"[^>]* id="khoan-1-diem-a"[^>]*>a\) ', page)
    assert "<ol" not in article_fragment(page, 7, prefixed=False)


@pytest.mark.parametrize("key", list(INSTRUMENTS))
def test_every_citation_in_the_text_is_linked(built_site, corpus, key):
    """The whole-text page links exactly the spans the grammar finds, each to an id on the site."""
    from lawsite import citations

    vb = corpus.vanban[key]
    expected = []
    for d in vb.dieu.values():
        for p in d.doan:
            ctx = citations.Context(instrument=key, dieu=d.number, khoan=p.khoan, diem=p.diem, chuong=d.chuong, muc=d.muc)
            for c in citations.find_citations(p.text, ctx):
                if c.instrument is not None:
                    expected += [p.text[lk.start:lk.end] for lk in c.links]
    page = read(built_site, f"{INSTRUMENTS[key].url_dir}/toan-van")
    linked = [html.unescape(t) for t in re.findall(r'<a class="cite" href="[^"]+">([^<]+)</a>', page)]
    assert linked == expected
    assert len(expected) == {"luat": 342, "nd68": 168, "tt04": 2, "tt08": 69, "tt09": 36, "tt02": 27}[key]
    ids_on_page = set(RE_ID.findall(page))
    for href in re.findall(r'<a class="cite" href="#([^"]+)"', page):
        assert href in ids_on_page, href


def _sic_notes(page: str) -> list[str]:
    return [html.unescape(RE_TAG.sub("", m)) for m in RE_SIC.findall(page)]


def test_documented_quirks_are_verbatim_with_a_visible_note(built_site, corpus):
    """Thông tư 08/2019 Điều 32 prints "d)" twice; the second keeps its letter and has its own id and a note."""
    page = read(built_site, "thong-tu-08-2019/dieu-32")
    assert re.search(r'<p class="diem"[^>]* id="khoan-3-diem-d"[^>]*>d\) Biểu mẫu tình hình', page)
    assert re.search(r'<p class="diem"[^>]* id="khoan-3-diem-dd"[^>]*>d\) Sổ thụ lý hồ sơ', page)
    (note,) = _sic_notes(page)
    assert "“d)”" in note and "điểm đ" in note
    # the note follows the misprinted point, inside its clause
    assert page.index('id="khoan-3-diem-dd"') < page.index('class="law-sic"') < page.index('id="khoan-4"')
    # Điều 25: the formula stays a table, announced by a note
    page = read(built_site, "thong-tu-08-2019/dieu-25")
    assert "<table>" in page and "Số liệu ước tính =" in page
    assert any("dạng bảng" in n for n in _sic_notes(page))
    # "d, d" in a citation of khoản 3 Điều 19 Nghị định 68 (Điều 4, Điều 12): kept, noted
    for n in (4, 12):
        assert any("“a, b, c, d, d, e”" in x for x in _sic_notes(read(built_site, f"thong-tu-08-2019/dieu-{n}")))
    # Thông tư 02/2023 Điều 8: "nhũng" stays, with a note
    page = read(built_site, "thong-tu-02-2023/dieu-8")
    assert "xác định nhũng thiệt hại" in html.unescape(page)
    (note,) = _sic_notes(page)
    assert "“nhũng”" in note and "“những”" in note
    # the whole text shows the same notes; no other page has one
    whole = sum(len(_sic_notes(read(built_site, f"{INSTRUMENTS[k].url_dir}/toan-van"))) for k in INSTRUMENTS)
    assert whole == sum(len(p.notes) for vb in corpus.vanban.values() for d in vb.dieu.values() for p in d.doan) == 5


@pytest.mark.parametrize("key,articles,clauses,points", [
    ("tt08", 32, 98, 125), ("tt09", 17, 52, 45), ("tt02", 9, 26, 12),  # as PROVENANCE.md states
])
def test_new_circulars_counts_match_provenance(built_site, corpus, key, articles, clauses, points):
    vb = corpus.vanban[key]
    assert len(vb.dieu) == articles
    assert sum(len(d.khoan_numbers()) for d in vb.dieu.values()) == clauses
    assert sum(1 for d in vb.dieu.values() for p in d.doan if p.kind == "diem") == points
    total = Counter()
    for n in vb.dieu:
        for i in RE_ID.findall(article_fragment(read(built_site, f"{INSTRUMENTS[key].url_dir}/dieu-{n}"), n, False)):
            total["diem" if "diem-" in i else "khoan"] += 1
    assert total == {"khoan": clauses, "diem": points}
