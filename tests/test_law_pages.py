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


def html_text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return norm(html.unescape(RE_TAG.sub(" ", RE_INLINE_TAG.sub("", fragment))))


def article_fragment(page: str, dieu: int, prefixed: bool) -> str:
    """HTML of one article's body on a page: after its heading (and status notice) up to the next boundary."""
    start = page.index(f'id="{ids.dieu_id(dieu)}"')
    start = page.index("</h", start)
    if not prefixed:
        start = page.index("</details>", start) + len("</details>")
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
    assert len(expected) == {"luat": 342, "nd68": 168, "tt04": 2}[key]
    ids_on_page = set(RE_ID.findall(page))
    for href in re.findall(r'<a class="cite" href="#([^"]+)"', page):
        assert href in ids_on_page, href
