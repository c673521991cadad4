"""Later changes (data/thay-doi.yml): schema, located errors, and the notices on the built pages."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

import publish
from lawsite import changes_check, changes_render, faq
from lawsite.changes_model import STATUSES, UNVERIFIED, VERIFIED
from lawsite.changes_reader import DATA_FILE
from lawsite.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[1]
SHOWN = str(DATA_FILE)

GOOD = """\
- id: thu-nghiem
  trang_thai: da-xac-minh
  tieu_de: "Thử nghiệm"
  van_ban:
    so_hieu: 1/2025/NĐ-CP
    loai: Nghị định
    ten: "Nghị định thử nghiệm"
    co_quan: Chính phủ
    ngay_ban_hanh: 2025-06-11
    ngay_hieu_luc: 2025-07-01
  anh_huong:
    - luat: khoản 3 Điều 33
  mo_ta: "Mô tả."
  trich_dan:
    - nguyen_van: "Câu trích."
      nguon: "https://example.gov.vn/bai"
      ten_nguon: "Trang thử"
      ngay_doc: 2026-12-01
"""


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def changes(corpus):
    return changes_check.load(ROOT, corpus)


def test_data_file_is_valid(corpus):
    assert changes_check.check(ROOT, corpus) == []


def test_schema_every_record(changes):
    text = (ROOT / DATA_FILE).read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)", text, re.M)
    assert [c.id for c in changes] == ids and len(ids) == len(set(ids))  # nothing dropped, ids unique
    for c in changes:
        assert c.trang_thai in STATUSES and c.tieu_de and c.mo_ta and c.anh_huong, c.id
        v = c.van_ban
        assert v.so_hieu and v.loai and v.ten and v.co_quan and isinstance(v.ngay_ban_hanh, dt.date), c.id
        if c.verified:
            assert c.trich_dan, f"{c.id}: verified without a quote"
        else:
            assert c.chua_ro, f"{c.id}: unverified without saying what is unverified"
        for q in c.trich_dan:
            assert q.nguyen_van.strip() and q.nguon.startswith("https://") and q.ten_nguon, c.id
            assert q.ngay_doc <= dt.date.today()


def test_affected_units_exist(changes, corpus):
    for c in changes:
        for aff in c.anh_huong:
            for t in aff.targets:
                assert corpus.vanban[aff.instrument].has(t.dieu, t.khoan, t.diem), (c.id, aff.citation)


def test_the_district_committee_change_is_recorded_verified(changes):
    c = next(c for c in changes if c.id == "nd-120-2025-dieu-19")
    assert c.verified and c.van_ban.so_hieu == "120/2025/NĐ-CP" and c.van_ban.quy_dinh == "Điều 19"
    assert [a.citation for a in c.anh_huong] == ["khoản 3 Điều 33"]
    assert any("Ủy ban nhân dân cấp xã là cơ quan giải quyết bồi thường" in q.nguyen_van for q in c.trich_dan)
    assert any(q.nguon.startswith("https://sotuphap.tuyenquang.gov.vn/") for q in c.trich_dan)


def test_good_record_passes(corpus):
    found, problems = changes_check.check_text(GOOD, corpus)
    assert problems == [] and [c.id for c in found] == ["thu-nghiem"]


@pytest.mark.parametrize("old, new, needle, message", [
    ("khoản 3 Điều 33", "khoản 9 Điều 33", "khoản 9 Điều 33", "khoản 9 Điều 33 does not exist"),
    ("luat: khoản 3", "nd99: khoản 3", "nd99:", "unknown instrument 'nd99'"),
    ("khoản 3 Điều 33", "Điều ba mươi", "Điều ba mươi", "is not a citation"),
    ("trang_thai: da-xac-minh", "trang_thai: chac-chan", "trang_thai:", "trang_thai must be one of"),
    ("ngay_ban_hanh: 2025-06-11", "ngay_ban_hanh: 11/6/2025", "ngay_ban_hanh:", "is not a date"),
    ('nguon: "https://example.gov.vn/bai"', 'nguon: "trang Sở Tư pháp"', "nguon:", "not a web address"),
    ("ngay_doc: 2026-12-01", "ngay_doc: 2999-01-01", "ngay_doc:", "is in the future"),
    ('nguyen_van: "Câu trích."', 'nguyen_van: ""', "nguyen_van:", "'nguyen_van' is missing or empty"),
    ("  mo_ta:", "  mo_taa:", "mo_taa:", "unknown field 'mo_taa'"),
])
def test_broken_record_is_located(corpus, old, new, needle, message):
    text = GOOD.replace(old, new, 1)
    found, problems = changes_check.check_text(text, corpus)
    assert found == []
    line = line_of(text, needle)
    located = [p for p in problems if p.line == line and message in p.message]
    assert located, problems
    assert str(located[0]).startswith(f"{SHOWN}:{line}:")


def test_verified_record_without_quote_is_an_error(corpus):
    text = GOOD.split("  trich_dan:")[0]
    found, problems = changes_check.check_text(text, corpus)
    assert found == [] and any("needs at least one verbatim quote" in p.message and p.line == 1 for p in problems)


def test_unverified_record_needs_what_is_unverified_but_no_quote(corpus):
    text = GOOD.split("  trich_dan:")[0].replace(VERIFIED, UNVERIFIED)
    found, problems = changes_check.check_text(text, corpus)
    assert found == [] and any("'chua_ro' is missing" in p.message for p in problems)
    found, problems = changes_check.check_text(text + '  chua_ro: "Chưa đọc được văn bản."\n', corpus)
    assert problems == [] and not found[0].verified


def test_bad_yaml_is_located(corpus):
    text = GOOD.replace('  tieu_de: "Thử nghiệm"', '  tieu_de: "Thử nghiệm', 1)
    found, problems = changes_check.check_text(text, corpus)
    assert found == [] and len(problems) == 1 and problems[0].path == SHOWN and problems[0].line > 1
    assert "not valid YAML" in problems[0].message


def test_unverified_notice_says_so(corpus):
    text = GOOD.replace(VERIFIED, UNVERIFIED) + '  chua_ro: "Chưa đọc được văn bản."\n'
    (c,), _ = changes_check.check_text(text, corpus)
    md = changes_render.notice(c)
    assert md.startswith('??? question thay-doi chua-xac-minh "Thay đổi sau khi ban hành (chưa xác minh): Thử nghiệm"')
    assert "**Chưa xác minh.**" in md and "Chưa đọc được văn bản." in md
    assert "(chưa xác minh)" not in changes_render.notice(changes_check.check_text(GOOD, corpus)[0][0])


def test_broken_data_file_stops_publish(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".git", "site", "node_modules", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"))
    path = project / DATA_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- luat: khoản 3 Điều 33", "- luat: khoản 12 Điều 33", 1), encoding="utf-8")
    code = publish.main(["--root", str(project), "--check-only"])
    out = capsys.readouterr()
    line = line_of(text, "- luat: khoản 3 Điều 33")
    assert code == 1
    assert f"{SHOWN}:{line}:" in out.err and "khoản 12 Điều 33 does not exist" in out.err


# The built site ---------------------------------------------------------------


def page_text(built_site: Path, path: str) -> str:
    return html.unescape((built_site / path / "index.html").read_text(encoding="utf-8"))


def plain(markup: str) -> str:
    """Text of some HTML (tags dropped, spaces collapsed): glossary tooltips wrap terms in <abbr>."""
    return " ".join(re.sub(r"<[^>]+>", "", markup).split())


NOTICE = re.compile(r'class="[^"]*\bthay-doi\b')


def test_article_33_tells_who_settles_a_district_claim_today(built_site):
    page = page_text(built_site, "luat/dieu-33")
    body = page[page.index('class="md-content"'):]
    first = NOTICE.search(body).start()
    assert first < body.index('id="khoan-1"'), "the notice comes before the article text"
    assert 'class="admonition warning thay-doi"' in body
    notice = body[first:body.index('id="khoan-1"')]
    text = plain(notice)
    assert "Thay đổi sau khi ban hành: Ủy ban nhân dân cấp huyện không còn" in text
    assert re.search(r'<a href="https://thuvienphapluat\.vn/[^"]+">Nghị định số 120/2025/NĐ-CP</a>, Điều 19', notice)
    assert ("“1. Cơ quan giải quyết bồi thường đối với trường hợp Ủy ban nhân dân cấp huyện gây thiệt hại trước "
            "ngày 01 tháng 7 năm 2025") in text  # quoted verbatim
    assert "2. Ủy ban nhân dân cấp xã là cơ quan giải quyết bồi thường" in text
    assert 'href="https://sotuphap.tuyenquang.gov.vn/vi/tin-bai/' in notice and "đọc ngày 01/12/2026" in text
    assert "theo Bộ pháp điển điện tử" in plain(body[:first + 2000])  # which version of the text the page shows
    assert body.count('id="khoan-1"') == 1  # a quoted "1. ..." is not taken for a clause


def test_unverified_change_is_shown_as_unverified(built_site):
    page = page_text(built_site, "thong-tu-04-2018/dieu-3")
    assert re.search(r'<details class="question thay-doi chua-xac-minh"', page)
    text = plain(page)
    assert "Thay đổi sau khi ban hành (chưa xác minh):" in text and "8630/VBHN-BTP" in text
    assert "đừng dựa vào đó như quy định pháp luật" in text


def test_every_affected_article_shows_its_changes(built_site, changes):
    for c in changes:
        for aff in c.anh_huong:
            for t in aff.targets:
                page = page_text(built_site, f"{INSTRUMENTS[aff.instrument].url_dir}/dieu-{t.dieu}")
                assert c.tieu_de in plain(page), (c.id, aff.citation)
    assert not NOTICE.search(page_text(built_site, "luat/dieu-1"))


def test_faq_entries_citing_an_affected_unit_show_the_notice(built_site, changes, root):
    shown = 0
    for path in sorted((root / "docs" / "hoi-dap").glob("*.md")):
        rel = f"hoi-dap/{path.name}"
        if not faq.is_faq_page(rel):
            continue
        entries = faq.parse(path.read_text(encoding="utf-8"))
        page = page_text(built_site, rel.removesuffix(".md"))
        for e in entries:
            hit = [c for c in changes if any(c.affects(t) for t in changes_render._entry_targets(e))]
            start = page.index(f'id="{e.id}"')
            nxt = min([page.index(f'id="{o.id}"') for o in entries if o.line > e.line] or [len(page)])
            section = page[start:nxt]
            for c in hit:
                assert c.tieu_de in plain(section), (rel, e.id, c.id)
                shown += 1
            if not hit:
                assert not NOTICE.search(section), (rel, e.id)
    assert shown >= 5  # co-quan-giai-quyet (Điều 33, 35, 36, 39) and khoi-kien-toa-an (Điều 53) at least


def test_home_page_lists_every_change(built_site, changes):
    page = page_text(built_site, "")
    section = plain(page[page.index('id="thay-doi"'):])
    for c in changes:
        assert c.tieu_de in section, c.id
    assert section.count("chưa xác minh") >= sum(not c.verified for c in changes)
    assert "<!-- lawsite: thay-doi -->" not in page
