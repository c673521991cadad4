"""The "Nguồn văn bản" pages speak to readers: official sources, checks, what is missing; nothing internal."""

from __future__ import annotations

import html
import re

import pytest

from lawsite import sources_page
from lawsite.instruments import INSTRUMENTS

INTERNAL = re.compile(r"github|commit|blob|crawl|PROVENANCE|\.md\b|\.py\b|MISSING|not found|sources/", re.I)


def article_text(path) -> str:
    page = path.read_text(encoding="utf-8")
    body = page.split("<article", 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_every_missing_marker_is_said_in_vietnamese(corpus):
    for key, vb in corpus.vanban.items():
        for marker in vb.missing:
            said = sources_page.missing_vi(marker.text)
            assert said != marker.text, f"{key}: no reader wording for MISSING marker {marker.text!r}"


def test_sources_page_lists_every_instrument_with_its_counts(corpus, built_site):
    text = " ".join(article_text(built_site / "nguon-van-ban" / "index.html").split())
    for key, vb in corpus.vanban.items():
        inst = INSTRUMENTS[key]
        n_dieu, n_khoan, n_diem = sources_page.counts(vb)
        assert f"{inst.kind} {inst.so_hieu}" in text
        assert f"{n_dieu} điều, {n_khoan} khoản, {n_diem} điểm" in text, key
    assert "Bản có giá trị pháp lý là bản đăng Công báo" in text
    assert "phapdien.moj.gov.vn" in text


@pytest.mark.parametrize("page", ["nguon-van-ban"] + [f"{i.url_dir}/nguon" for i in INSTRUMENTS.values()])
def test_sources_pages_show_nothing_internal(built_site, page):
    text = article_text(built_site / page / "index.html")
    found = sorted(set(m.group(0) for m in INTERNAL.finditer(text)))
    assert not found, f"{page}: internal details shown to readers: {found}"
