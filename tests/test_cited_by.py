"""Every article page lists what cites it: other instruments' clauses and the FAQ/guide entries."""

from __future__ import annotations

import html
import re

from lawsite import cited_by, faq
from lawsite.citations import Context, Target, parse
from lawsite.instruments import INSTRUMENTS


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = re.compile(r"<h2|<hr|</article").search(page, start + 1)
    return html.unescape(page[start:end.start() if end else len(page)])


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_index_knows_the_decree_cites_articles_43_and_55(corpus):
    idx = cited_by.index(corpus)
    for n in (43, 55):
        assert Target("nd68", 4, 1) in [tc.source for tc in idx[("luat", n)].texts], n


def test_law_article_43_lists_article_4_of_the_decree(built_site):
    part = section(read(built_site, "luat/dieu-43"), "duoc-vien-dan-tai")
    assert "khoản 1 Điều 4 Nghị định số 68/2018/NĐ-CP" in part
    assert 'href="../../nghi-dinh-68-2018/dieu-4/#khoan-1"' in part
    # and the circular that requires the decision on thụ lý to be sent (Thông tư 08/2019, Điều 12)
    assert "khoản 1 Điều 12 Thông tư số 08/2019/TT-BTP" in part and "(về khoản 4)" in part


def test_article_55_lists_the_court_circular(built_site):
    part = section(read(built_site, "luat/dieu-55"), "duoc-vien-dan-tai")
    assert "Điều 1 Thông tư số 02/2023/TT-TANDTC" in part


def test_article_6_lists_every_faq_entry_on_thoi_hieu_that_cites_it(built_site, root):
    """Independent of the index: read the thời hiệu FAQ page and its Căn cứ lines here."""
    entries = faq.parse((root / "docs/hoi-dap/thoi-hieu.md").read_text(encoding="utf-8"))
    citing = [e for e in entries
              if any(t.instrument == "luat" and t.dieu == 6
                     for c in e.can_cu for t in parse(c, Context(default_instrument="luat")).targets)]
    assert len(citing) >= 3
    part = section(read(built_site, "luat/dieu-6"), "hoi-dap-lien-quan")
    for e in citing:
        assert f'href="../../hoi-dap/thoi-hieu/#{e.id}"' in part, e.id
        assert e.question in part
    assert "Bước 3. Kiểm tra thời hiệu" in part  # the guide step too


def test_every_article_page_of_every_instrument_has_both_sections(built_site, corpus):
    missing = []
    for key, vb in corpus.vanban.items():
        for n in vb.dieu:
            page = read(built_site, f"{INSTRUMENTS[key].url_dir}/dieu-{n}")
            for anchor in ("duoc-vien-dan-tai", "hoi-dap-lien-quan"):
                if f'id="{anchor}"' not in page:
                    missing.append(f"{key} Điều {n}: {anchor}")
    assert not missing


def test_no_article_cites_itself_as_another_instrument(corpus):
    for (key, _n), cb in cited_by.index(corpus).items():
        assert all(tc.source.instrument != key for tc in cb.texts)
        for tc in cb.texts:  # each listed source really exists
            assert corpus.vanban[tc.source.instrument].has(tc.source.dieu, tc.source.khoan, tc.source.diem)
