"""Glossary and search index are derived from the law, verbatim and accent-insensitive."""

from __future__ import annotations

import json
import re

import pytest

from lawsite import glossary, ids, search


def test_glossary_terms_are_the_definitions_article(corpus):
    vb = corpus.vanban["luat"]
    terms = glossary.terms(vb)
    clauses = [p for p in vb.dieu[3].doan if p.kind == "khoan"]
    assert len(terms) == len(clauses) == 8
    for t, p in zip(terms, clauses, strict=True):
        assert t.text == p.text  # verbatim
        assert p.text.startswith(f"{t.khoan}. {t.term} là ")
    assert terms[0].term == "Người bị thiệt hại"


def test_tooltip_file_is_in_sync(root, corpus):
    assert glossary.check_abbreviations_file(root, corpus.vanban["luat"]) == []


def test_stale_tooltip_file_is_reported(tmp_path, corpus):
    (tmp_path / "includes").mkdir()
    (tmp_path / glossary.ABBR_FILE).write_text("*[Hoàn trả]: cũ\n", encoding="utf-8")
    problems = glossary.check_abbreviations_file(tmp_path, corpus.vanban["luat"])
    assert [str(p) for p in problems] == [
        "includes/thuat-ngu.md:1:1: glossary tooltips are out of date with Điều 3 of the law"
        " — run: python scripts/import_sources.py"
    ]


def test_glossary_page_is_published_verbatim(built_site, corpus):
    page = (built_site / "tu-ngu" / "index.html").read_text(encoding="utf-8")
    for t in glossary.terms(corpus.vanban["luat"]):
        assert t.definition in re.sub(r"<[^>]+>", "", page)
        assert f'href="../luat/dieu-3/#khoan-{t.khoan}"' in page


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Điều 6. Thời hiệu", "dieu 6. thoi hieu"), ("THỜI HIỆU", "thoi hieu"), ("đ Đ d", "d d d"),
     ("Người yêu cầu bồi thường", "nguoi yeu cau boi thuong")],
)
def test_fold(text, folded):
    assert ids.fold(text) == folded


@pytest.mark.parametrize(
    ("heading", "slug"),
    [("Trang của từng điều", "trang-cua-tung-dieu"), ("Điều 6 nói gì?", "dieu-6-noi-gi"), ("Mục 1. A  B", "muc-1-a-b")],
)
def test_heading_slugs_keep_d(heading, slug):
    assert ids.slugify(heading) == slug


def test_search_index_has_clauses_faq_entries_and_synonyms(built_site, corpus):
    """The compact index the site's engine reads (lawsite.search): one entry per clause and per FAQ entry."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["separator"]  # Material highlights words on the target page with it
    by_location = {d["l"]: d for d in index["docs"]}
    k1 = by_location["luat/dieu-6/#khoan-1"]
    assert k1["t"] == "khoản 1 Điều 6. Thời hiệu yêu cầu bồi thường"
    assert "03 năm" in k1["x"]
    assert "luat/dieu-6/#dieu-6" not in by_location  # replaced by clause entries, no duplicate text
    assert not [d for d in index["docs"] if d["l"].startswith(("luat/toan-van", "luat/chuong-"))]
    expected = sum(len({p.khoan for p in d.doan if p.khoan is not None})
                   + len([p for p in d.doan if p.khoan is None and p.kind == "diem"])
                   for d in corpus.vanban["luat"].dieu.values())
    assert len([loc for loc in by_location if loc.startswith("luat/dieu-") and "#" in loc]) == expected
    # FAQ entries carry their question, their answer as plain text and their "cách hỏi khác"
    entry = by_location["hoi-dap/thoi-hieu/#thoi-hieu-bao-lau"]
    assert entry["k"] == "f" and entry["t"] == "Tôi có bao lâu để yêu cầu bồi thường?"
    assert entry["x"].startswith("Bạn có 03 năm") and "<" not in entry["x"]
    assert 2 <= len(entry["a"]) <= 5 and all(a.strip() for a in entry["a"])
    faq_entries = [d for d in index["docs"] if d.get("k") == "f"]
    assert all(2 <= len(d.get("a", [])) <= 5 for d in faq_entries), [d["l"] for d in faq_entries if not d.get("a")]
    # synonyms, instruments for "điều N nghị định 68", and the pages offered when nothing matches
    assert {"from": "đền bù", "to": ["bồi thường"]} in index["config"]["synonyms"]
    assert [i["dir"] for i in index["config"]["instruments"]][:2] == ["luat", "nghi-dinh-68-2018"]
    assert index["config"]["pages"] == {"guide": "huong-dan/", "faq": "hoi-dap/", "articles": "luat/"}


def test_offline_locations_use_html_files(corpus):
    entries = search.clause_entries(corpus, directory_urls=False)
    assert {"location": "luat/dieu-1.html", "title": corpus.vanban["luat"].dieu[1].heading,
            "text": corpus.vanban["luat"].dieu[1].doan[0].text} in entries


def test_guidance_pages_get_glossary_tooltips(built_site, corpus):
    """Terms defined in Điều 3 carry their verbatim definition as a tooltip (abbr + Material tooltips)."""
    page = (built_site / "hoi-dap" / "thoi-hieu" / "index.html").read_text(encoding="utf-8")
    term = glossary.terms(corpus.vanban["luat"])[0]
    assert re.search(rf'<abbr title="{re.escape(term.definition)} \(khoản 1 Điều 3\)">người bị thiệt hại</abbr>', page)


def test_law_text_itself_gets_no_tooltips(built_site):
    """Law paragraphs are verbatim: no markup is added inside them except citation links."""
    page = (built_site / "luat" / "dieu-6" / "index.html").read_text(encoding="utf-8")
    body = page[page.index('id="khoan-1"'):page.index("<hr")]
    assert "<abbr" not in body
