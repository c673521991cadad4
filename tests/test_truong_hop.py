"""Table tests of the helper's rules (data/truong-hop.yml) against the clauses they cite.

Each authority rule, each Điều 27 rate, the ÷ 22 rule, the letter's points a–i and the timeline are
checked against the text of sources/luat-10-2017-qh14.md; the time-limit arithmetic is checked on
leap years, month ends and weekends.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lawsite import located_yaml, site, truong_hop
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
CORPUS = site.load_corpus(ROOT)
LAW = CORPUS.vanban["luat"]
RULES = truong_hop.load(ROOT, CORPUS)
ARTICLES = {"hanh-chinh": {33}, "to-tung-hinh-su": {34, 35, 36}, "to-tung-dan-su-hanh-chinh": {37},
            "thi-hanh-an-hinh-su": {38}, "thi-hanh-an-dan-su": {39}}
BODIES = [(hd, c) for hd, a in RULES["hoat_dong"].items() for c in a["co_quan"]]


def text_of(cite: str) -> str:
    t = truong_hop.target_of(cite)
    return " ".join(LAW.unit_text(t.dieu, t.khoan, t.diem).split())


def test_every_rule_cites_an_existing_clause_that_contains_its_phrase():
    assert truong_hop.check(ROOT, CORPUS) == []
    doc = located_yaml.load((ROOT / truong_hop.DATA_FILE).read_text(encoding="utf-8"), "x")
    assert len(truong_hop.rules(doc)) >= 100


@pytest.mark.parametrize(("old", "new", "message"), [
    ('can_cu: "khoản 3 Điều 33"', 'can_cu: "khoản 9 Điều 33"', "khoản 9 Điều 33 does not exist in the law"),
    ("tu_khoa: \"05 ngày lương cơ sở cho 01 ngày bị bắt", "tu_khoa: \"04 ngày lương cơ sở cho 01 ngày bị bắt",
     "điểm b khoản 3 Điều 27 does not contain"),
    ('can_cu: "khoản 7 Điều 33"', 'can_cu: "khoản bảy Điều 33"', "is not a citation"),
])
def test_a_wrong_rule_fails_with_its_location(old, new, message):
    text = (ROOT / truong_hop.DATA_FILE).read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    doc = located_yaml.load(bad, "data/truong-hop.yml")
    problems = truong_hop.check_rules(doc, CORPUS, "data/truong-hop.yml")
    p = next(p for p in problems if message in p.message)
    line = bad[:bad.index(new)].count("\n") + 1
    assert p.path == "data/truong-hop.yml" and p.line in (line, line + 1, line - 1) and p.hint


@pytest.mark.parametrize(("hd", "body"), BODIES, ids=[f"{hd}/{c['id']}" for hd, c in BODIES])
def test_each_authority_rule_is_in_its_activitys_articles(hd, body):
    t = truong_hop.target_of(body["can_cu"])
    assert t.dieu in ARTICLES[hd]
    heading = LAW.dieu[t.dieu].title
    assert "giải quyết bồi thường" in heading or "Cơ quan giải quyết bồi thường" in heading
    assert " ".join(body["tu_khoa"].split()) in text_of(body["can_cu"])


@pytest.mark.parametrize("hd", list(RULES["hoat_dong"]))
def test_each_activity_has_its_scope_document_list_and_court_route(hd):
    a = RULES["hoat_dong"][hd]
    scope = {"hanh-chinh": 17, "to-tung-hinh-su": 18, "to-tung-dan-su-hanh-chinh": 19,
             "thi-hanh-an-hinh-su": 20, "thi-hanh-an-dan-su": 21}[hd]
    assert truong_hop.target_of(a["pham_vi"]["can_cu"]).dieu == scope
    vb = truong_hop.target_of(a["van_ban_can_cu"])
    assert vb.dieu == scope - 9  # Điều 8–12 list the văn bản làm căn cứ for Điều 17–21
    assert f"quy định tại Điều {scope} của Luật này" in " ".join(LAW.dieu[vb.dieu].doan[0].text.split())
    if hd == "to-tung-hinh-su":
        # khoản 2 Điều 4: criminal proceedings are settled at the managing body, never combined at court
        assert "tố tụng hình sự" in text_of(a["ngoai_le"]["can_cu"]) and not a["trong_vu_an"]
        assert "toa_an" not in a
    else:
        assert a["trong_vu_an"] and "Tòa án có thẩm quyền giải quyết vụ án" in text_of(a["toa_an"]["can_cu"])


def test_combined_claims_at_court_exclude_criminal_proceedings_activity():
    # khoản 4 Điều 4 lists the activities whose claims may be combined in a criminal or administrative case
    k4 = text_of("khoản 4 Điều 4")
    listed = "quản lý hành chính, tố tụng dân sự, tố tụng hành chính, thi hành án hình sự, thi hành án dân sự"
    assert listed in k4
    assert {hd for hd, a in RULES["hoat_dong"].items() if a["trong_vu_an"]} == set(ARTICLES) - {"to-tung-hinh-su"}


RATE = re.compile(r"(\d+(?:,\d+)?) (ngày|tháng) lương")


@pytest.mark.parametrize("k", RULES["tinh_than"], ids=[k["id"] for k in RULES["tinh_than"]])
def test_each_article_27_rate_matches_its_clause(k):
    text = text_of(k["can_cu"])
    assert truong_hop.target_of(k["can_cu"]).dieu == 27
    m = RATE.search(" ".join(k["tu_khoa"].split()))
    assert m, k["tu_khoa"]
    number, unit = float(m[1].replace(",", ".")), m[2]
    assert number == k["he_so"]
    assert (unit == "tháng") == (k["don_vi"] in ("thang", "toi_da_thang"))
    per_day = "cho 01 ngày" in text
    assert per_day == (k["don_vi"] == "ngay"), "per-day rate iff the clause says 'cho 01 ngày'"
    assert ("không quá" in text) == (k["don_vi"] == "toi_da_thang")


def test_every_point_of_article_27_has_a_rate():
    cited = {(truong_hop.target_of(k["can_cu"]).khoan, truong_hop.target_of(k["can_cu"]).diem) for k in RULES["tinh_than"]}
    d = LAW.dieu[27]
    expected = {(1, None), (2, None), (4, None), (5, None), (6, None)} | {(3, p) for p in d.diem_letters(3)}
    assert cited == expected


def test_a_base_salary_day_is_a_month_divided_by_22():
    rule = RULES["ngay_luong_co_so"]
    assert rule["chia"] == 22 and "01 tháng lương cơ sở chia cho 22 ngày" in text_of(rule["can_cu"])
    assert truong_hop.estimate(1, "ngay", 22, 2_340_000) == 2_340_000
    assert truong_hop.estimate(5, "ngay", 40, 2_340_000) == 21_272_727       # 5 × 40 × 2 340 000 ÷ 22 = 21 272 727,27
    assert truong_hop.estimate(0.5, "ngay", 3, 2_340_000) == 159_545           # 159 545,45
    assert truong_hop.estimate(2, "lan", 999, 2_340_000) == 212_727            # once, whatever the days
    assert truong_hop.estimate(360, "thang", 0, 2_340_000) == 842_400_000
    assert truong_hop.estimate(50, "toi_da_thang", 0, 2_340_000) is None


def test_death_excludes_the_other_non_pecuniary_heads():
    death = next(k for k in RULES["tinh_than"] if k["id"] == "chet")
    assert death["loai_tru"]
    assert "không áp dụng bồi thường thiệt hại về tinh thần quy định tại các khoản 1, 2, 3 và 5" in text_of(death["can_cu"])


@pytest.mark.parametrize(("received", "extra", "last"), [
    ("2025-03-15", 0, "2028-03-15"),   # Wednesday
    ("2024-02-29", 0, "2027-03-01"),   # leap day → 28/02/2027, a Sunday → Monday 01/03/2027
    ("2020-02-29", 0, "2023-02-28"),   # leap day → 28/02/2023 (Tuesday)
    ("2023-12-31", 0, "2026-12-31"),   # year end
    ("2023-01-31", 0, "2026-02-02"),   # 31/01/2026 is a Saturday → Monday
    ("2025-08-01", 30, "2028-08-31"),  # 30 days not counted (khoản 3 Điều 6) cross the month end
    ("2025-11-29", 2, "2028-12-01"),   # days not counted into the next month
])
def test_last_day_of_the_time_limit(received, extra, last):
    assert truong_hop.last_day(dt.date.fromisoformat(received), 3, extra) == dt.date.fromisoformat(last)


def test_corresponding_day_in_years():
    assert truong_hop.add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert truong_hop.add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert truong_hop.add_years(dt.date(2023, 2, 28), 1) == dt.date(2024, 2, 28)
    th = RULES["thoi_hieu"]
    assert th["nam"] == 3 and "03 năm" in text_of(th["can_cu"])
    assert str(th["cach_tinh"]["nguon"]).startswith("https://") and th["cach_tinh"]["ngay_doc"] == dt.date(2026, 12, 1)


def test_letter_has_exactly_the_points_of_khoan_3_dieu_41():
    vb = RULES["van_ban_yeu_cau"]
    assert [m["diem"] for m in vb["muc"]] == LAW.dieu[41].diem_letters(3)
    for m in vb["muc"]:
        assert " ".join(m["tu_khoa"].split()) in text_of(f"điểm {m['diem']} {vb['can_cu']}")


def test_dossier_lists_every_point_of_khoan_1_and_2_dieu_41():
    h = RULES["ho_so"]
    assert [x["id"] for x in h["chung"]] == LAW.dieu[41].diem_letters(1)
    assert [x["id"] for x in h["them"]] == LAW.dieu[41].diem_letters(2)
    for n in RULES["nguoi_yeu_cau"]:
        assert set(n["ho_so"]) <= set(LAW.dieu[41].diem_letters(2))
    assert [truong_hop.target_of(n["can_cu"]).khoan for n in RULES["nguoi_yeu_cau"]] == [1, 2, 3, 4]


NUM = re.compile(r"\d\d ngày(?: làm việc)?")


@pytest.mark.parametrize("x", RULES["tien_trinh"], ids=[x["can_cu"] for x in RULES["tien_trinh"]])
def test_each_deadline_of_the_timeline_is_in_its_clause(x):
    text = text_of(x["can_cu"])
    for found in NUM.findall(x["han"]):
        assert found in text, f"{found} not in {x['can_cu']}"


def test_missing_section_is_reported(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / truong_hop.DATA_FILE).write_text("hoat_dong: {}\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as e:
        truong_hop.load(tmp_path, CORPUS)
    assert any("missing section 'tinh_than'" in p.message for p in e.value.problems)


def test_the_estimate_uses_the_base_salary_in_force_when_the_claim_is_accepted():
    rule = RULES["thoi_diem_tinh"]
    assert truong_hop.target_of(rule["can_cu"]).dieu == 22
    assert "tại thời điểm thụ lý hồ sơ yêu cầu bồi thường" in text_of(rule["can_cu"])
