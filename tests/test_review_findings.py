"""The legal review's findings (issue 11 §1) stay fixed: each test fails on the wording the review found.

The review read every FAQ entry and guide step against the clauses it cites.
It found answers that were true but left out a condition or an exception that
can cost a citizen the claim. A test here pins each fix to the clause that
requires it, so a later edit cannot quietly drop the condition again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lawsite import citations, faq
from lawsite.citations import Context

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDE = DOCS / "huong-dan" / "index.md"


def _units(cites: list[str]) -> set[tuple]:
    """(instrument, dieu, khoan, diem) of every unit the citations name."""
    out = set()
    for cite in cites:
        c = citations.parse(cite, Context(default_instrument="luat"))
        out |= {(t.instrument, t.dieu, t.khoan, t.diem) for t in c.targets}
    return out


def _faq_entries() -> dict[str, tuple[Path, faq.Entry]]:
    out = {}
    for path in sorted((DOCS / "hoi-dap").glob("*.md")):
        if faq.is_faq_page(f"hoi-dap/{path.name}"):
            for e in faq.parse(path.read_text(encoding="utf-8")):
                out[e.id] = (path, e)
    return out


ENTRIES = _faq_entries()


def _entry(anchor: str) -> faq.Entry:
    assert anchor in ENTRIES, f"FAQ entry #{anchor} is gone (ids never change)"
    return ENTRIES[anchor][1]


def _guide_sections() -> dict[str, str]:
    """Guide sections by their heading text ("Bước 4. Tìm cơ quan giải quyết bồi thường" → body)."""
    text = GUIDE.read_text(encoding="utf-8")
    return {sec.split("\n", 1)[0].strip(): sec for sec in re.split(r"^## ", text, flags=re.M)[1:]}


def _guide_step(n: int) -> str:
    for head, body in _guide_sections().items():
        if head.startswith(f"Bước {n}."):
            return body
    raise AssertionError(f"guide step {n} is gone")


def _cites(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"\[\[([^\]]+)\]\]", text)]


def _sentences_with(text: str, word: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    return [s for s in re.split(r"(?<=[.!?])\s+", flat) if word in s]


KHOAN_2_DIEU_4 = ("luat", 4, 2, None)
DIRECT_SUIT = ("luat", 52, 1, None)
CRIMINAL = "tố tụng hình sự"


# --------------------------------------------------------------------------
# Misleading 1: suing directly is not open to damage in criminal proceedings
# (khoản 2 Điều 4, second paragraph: settled at the body that manages the
# official, Mục 1 Chương V; a lawsuit only afterwards, khoản 2 Điều 52).
# --------------------------------------------------------------------------


def _denies_suit(text: str) -> bool:
    """The entry cites khoản 1 Điều 52 to say a lawsuit is NOT open (e.g. after termination)."""
    return "không được khởi kiện" in re.sub(r"\s+", " ", text)


def _offers_direct_suit() -> list[tuple[str, str, list[str]]]:
    """(where, text, citations) of every FAQ entry and guide step that cites khoản 1 Điều 52."""
    found = []
    for anchor, (path, e) in ENTRIES.items():
        if DIRECT_SUIT in _units(e.cited) and not _denies_suit(e.answer):
            found.append((f"{path.name}#{anchor}", e.answer, e.cited))
    for head, body in _guide_sections().items():
        cites = _cites(body)
        if DIRECT_SUIT in _units(cites) and not _denies_suit(body):
            found.append((f"huong-dan/index.md '{head}'", body, cites))
    return found


def test_the_pages_the_review_named_offer_the_direct_suit():
    """The detection below sees the places the review listed (else the next test proves nothing)."""
    where = {w for w, _, _ in _offers_direct_suit()}
    for anchor in ("khoi-kien-toa-an.md#kien-thang-ra-toa", "co-quan-giai-quyet.md#nop-o-dau",
                   "thu-tuc-thoi-han.md#rut-yeu-cau"):
        assert anchor in where
    assert any(w.startswith("huong-dan/index.md 'Bước 4.") for w in where)


def _states_exception(text: str, cites: list[str]) -> bool:
    """Cites khoản 2 Điều 4 and names criminal proceedings near a word on suing ("kiện")."""
    flat = re.sub(r"\s+", " ", text)
    near = any("kiện" in flat[max(0, m.start() - 200):m.end() + 200] for m in re.finditer(CRIMINAL, flat))
    return KHOAN_2_DIEU_4 in _units(cites) and near


OFFERS = _offers_direct_suit()


@pytest.mark.parametrize(("where", "text", "cites"), OFFERS, ids=[w for w, _, _ in OFFERS])
def test_every_offer_of_a_direct_suit_states_the_criminal_proceedings_exception(where, text, cites):
    assert _states_exception(text, cites), (
        f"{where} offers a direct lawsuit without citing khoản 2 Điều 4 and saying the {CRIMINAL} exception")


def test_the_exception_check_fails_on_the_old_wording():
    old = ("Có. Nếu bạn chưa yêu cầu cơ quan trực tiếp quản lý người gây thiệt hại giải quyết, bạn có quyền "
           "khởi kiện ra Tòa án trong 03 năm kể từ ngày nhận được văn bản làm căn cứ yêu cầu bồi thường.")
    assert not _states_exception(old, ["khoản 1 Điều 52"])


def test_the_court_page_lead_states_the_exception():
    text = (DOCS / "hoi-dap" / "khoi-kien-toa-an.md").read_text(encoding="utf-8")
    lead = text.split("\n## ", 1)[0].split("\n# ", 1)[1]
    assert _states_exception(lead, _cites(lead)), lead


def test_the_diagram_edge_for_a_direct_suit_states_the_exception():
    text = GUIDE.read_text(encoding="utf-8")
    diagram = re.search(r"```mermaid\n(.*?)```", text, re.S).group(1)
    edges = [ln for ln in diagram.splitlines() if "kiện thẳng" in ln.lower()]
    assert edges, "the diagram lost its direct-suit edge"
    assert all("hình sự" in ln for ln in edges), edges
    text_steps = text.split("## Sơ đồ dạng chữ", 1)[1].split("\n## ", 1)[0]
    step4 = next(ln for ln in text_steps.splitlines() if ln.startswith("4. "))
    assert CRIMINAL in step4


def test_a_criminal_claim_is_sued_only_after_the_body_decides():
    """#kien-thang-ra-toa says when a lawsuit comes in criminal proceedings: after the body (khoản 2 Điều 52)."""
    e = _entry("kien-thang-ra-toa")
    assert ("luat", 52, 2, None) in _units(e.cited)
    line = next(s for s in _sentences_with(e.answer, "sau khi"))
    assert "khởi kiện" in line and "cơ quan" in line


# --------------------------------------------------------------------------
# Misleading 2: after termination under điểm c khoản 1 Điều 51 the claim is
# lost, the court included (khoản 3 Điều 4; khoản 1 Điều 52).
# --------------------------------------------------------------------------


def _says_claim_lost_court_included(text: str) -> bool:
    flat = re.sub(r"\s+", " ", text)
    return bool(re.search(r"mất quyền yêu cầu bồi thường", flat)) and bool(
        re.search(r"không được khởi kiện ra Tòa án", flat))


def test_termination_after_missed_negotiation_loses_the_claim_court_included():
    e = _entry("khong-den-thuong-luong")
    units = _units(e.cited)
    for u in (("luat", 51, 1, "c"), ("luat", 4, 3, None), ("luat", 52, 1, None)):
        assert u in units, f"#khong-den-thuong-luong must cite {u}"
    assert _says_claim_lost_court_included(e.answer)


def test_the_guide_negotiation_step_warns_the_same():
    step = _guide_step(9)
    units = _units(_cites(step))
    assert ("luat", 51, 1, "c") in units and ("luat", 4, 3, None) in units
    assert _says_claim_lost_court_included(step)


def test_the_loss_check_fails_on_the_old_wording():
    old = "- Khi đã bị đình chỉ, bạn không được yêu cầu cơ quan đó giải quyết lại."
    assert not _says_claim_lost_court_included(old)


# --------------------------------------------------------------------------
# Misleading 3: the press apology after a death applies only to the cases of
# khoản 1 Điều 31 (honour restoration).
# --------------------------------------------------------------------------


def _apology_is_conditional(text: str) -> bool:
    """Every line on the press apology names the condition: the three cases of khoản 1 Điều 31."""
    lines = [ln for ln in text.splitlines() if "đăng báo" in ln.lower()]
    return bool(lines) and all(
        re.search(r"(chỉ khi|nếu)", ln, re.I) and CRIMINAL in ln and "buộc thôi việc" in ln
        and "cai nghiện bắt buộc" in ln for ln in lines)


def test_press_apology_after_a_death_is_conditional_on_article_31():
    e = _entry("nguoi-bi-thiet-hai-chet")
    assert ("luat", 31, 1, None) in _units(e.cited)
    assert _apology_is_conditional(e.answer)


def test_the_apology_check_fails_on_the_old_wording():
    old = "- Cơ quan trực tiếp quản lý người gây thiệt hại phải đăng báo xin lỗi và cải chính công khai."
    assert not _apology_is_conditional(old)


# --------------------------------------------------------------------------
# Imprecise findings: each fix names the condition the cited clause sets.
# --------------------------------------------------------------------------


def test_what_is_sent_within_05_working_days_is_the_record_of_refusal():
    """khoản 1 Điều 47: the biên bản (not the decision) is sent within 05 working days."""
    for where, text in (("#quyet-dinh-giai-quyet", _entry("quyet-dinh-giai-quyet").answer),
                        ("guide step 10", _guide_step(10))):
        lines = [s for s in _sentences_with(text, "05 ngày làm việc")]
        assert lines, where
        for s in lines:
            assert "biên bản" in s and "gửi quyết định" not in s, f"{where}: {s}"


def test_the_criminal_trial_route_excludes_damage_in_criminal_proceedings():
    """điểm c khoản 2 Điều 7 lists the fields; criminal proceedings are not among them."""
    e = _entry("chua-co-van-ban")
    bullet = next(ln for ln in e.answer.splitlines() if "xét xử hình sự" in ln)
    assert "Thiệt hại trong tố tụng hình sự" in bullet and "không dùng được" in bullet


def test_health_damage_includes_lost_income():
    e = _entry("suc-khoe")
    units = _units(e.cited)
    assert ("luat", 24, None, None) in units and ("nd68", 9, None, None) in units
    assert "thu nhập thực tế bị mất hoặc bị giảm sút" in e.answer.split("\n", 1)[0]


def test_procuracy_and_court_cases_follow_articles_35_and_36():
    """A first-instance conviction later quashed is the court's (điểm a khoản 1 Điều 36), not the procuracy's."""
    e = _entry("co-quan-hinh-su")
    units = _units(e.cited)
    for u in (("luat", 35, 3, None), ("luat", 35, 6, None), ("luat", 35, 7, None), ("luat", 36, 1, "a")):
        assert u in units, u
    assert "hoặc đã truy tố, mà sau đó người bị thiệt hại được xác định không phạm tội" not in e.answer
    assert "Tòa án cấp sơ thẩm giải quyết bồi thường, không phải Viện kiểm sát" in e.answer


def test_wrongful_arrest_states_the_conditions_of_article_18():
    e = _entry("bi-bat-oan")
    text = re.sub(r"\s+", " ", e.answer)
    for phrase in ("không có căn cứ theo Bộ luật Tố tụng hình sự", "vì bạn không thực hiện hành vi vi phạm pháp luật",
                   "hết thời hạn điều tra vụ án mà không chứng minh được"):
        assert phrase in text, phrase
    assert "là không đúng" not in text


@pytest.mark.parametrize("where", ["van-ban-can-cu-la-gi", "guide step 3"])
def test_the_three_year_limit_is_stated_with_its_exceptions(where):
    if where.startswith("guide"):
        text, cites = _guide_step(3), _cites(_guide_step(3))
    else:
        e = _entry(where)
        text, cites = e.answer, e.cited
    units = _units(cites)
    assert ("luat", 6, 2, None) in units and ("luat", 52, 2, None) in units
    for phrase in ("vụ án hành chính", "15 ngày", "phục hồi danh dự"):
        assert phrase in text, (where, phrase)


def test_income_of_a_young_organisation():
    """khoản 2 Điều 24: an organisation younger than 02 years uses its actual period of activity."""
    assert "chưa đủ 02 năm" in _entry("mat-thu-nhap").answer


def test_outside_the_scope_cites_the_province_guidance_duty():
    assert ("luat", 73, 3, "c") in _units(_entry("khong-thuoc-pham-vi").cited)


def test_to_tung_covers_civil_and_administrative_proceedings():
    text = _entry("ai-duoc-boi-thuong").answer
    assert "tố tụng (điều tra, truy tố, xét xử)" not in text
    assert "tố tụng dân sự" in text and "tố tụng hành chính" in text


def test_home_page_says_the_text_is_the_code_compilation_not_the_original():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "bản gốc khi ban hành" not in home
    assert "Bộ pháp điển" in home


# --------------------------------------------------------------------------
# Issue 11 §3: the detailing instruments where they are the rule.
# --------------------------------------------------------------------------


def test_so_tu_phap_guidance_follows_thong_tu_09_with_its_condition():
    """Guidance is given for a case that has a văn bản làm căn cứ (Điều 6, điểm c khoản 1 Điều 11 Thông tư 09/2019)."""
    e = _entry("so-tu-phap-huong-dan")
    units = _units(e.cited)
    for u in (("tt09", 6, None, None), ("tt09", 7, 2, None), ("tt09", 11, 1, None), ("tt09", 11, 3, None)):
        assert u in units, u
    first = e.answer.split("\n", 1)[0]
    assert first.startswith("Có, nếu") and "văn bản làm căn cứ" in first
    assert "02 ngày làm việc" in e.answer and "lý do" in e.answer      # refusal in writing, with reasons


def test_guide_and_scope_answer_point_to_the_so_tu_phap_guidance():
    step = _guide_step(4)
    assert ("tt09", 6, None, None) in _units(_cites(step)) and "so-tu-phap-huong-dan" in step
    e = _entry("khong-thuoc-pham-vi")
    assert ("tt09", 11, 1, "a") in _units(e.cited) and "văn bản làm căn cứ" in e.answer


def test_court_route_of_article_55_follows_thong_tu_02():
    e = _entry("doi-boi-thuong-trong-vu-an")
    units = _units(e.cited)
    for u in (("tt02", 3, 1, None), ("tt02", 3, 3, None), ("tt02", 4, 1, None), ("tt02", 4, 4, None),
              ("tt02", 7, 1, None)):
        assert u in units, u
    text = re.sub(r"\s+", " ", e.answer)
    assert "trước khi Hội đồng xét xử vào phòng nghị án" in text
    assert "không dùng cho thiệt hại trong tố tụng hình sự" in text
    assert "Hướng dẫn đó không có trong nguồn" not in text


def test_task_bases_use_thong_tu_08_where_it_is_the_rule():
    from lawsite import priorities

    (cv,) = [c for c in priorities.load_letters(DOCS) if c.stem == "2024"]
    by = {t.id: {c.target.instrument for c in t.can_cu} for t in cv.tasks}
    assert "tt08" in by["bo-2"] and "tt08" in by["ubnd-tinh-4"] and "tt08" in by["ubnd-tinh-5"]
    assert "tt09" in by["ubnd-tinh-2"]


def test_wrongful_detention_entry_keeps_the_partial_acquittal_cases():
    """Independent re-read: #bi-bat-oan must not read as closed to khoản 6–8 Điều 18 (detention longer than the sentence)."""
    text = (ROOT / "docs" / "hoi-dap" / "ai-duoc-boi-thuong.md").read_text(encoding="utf-8")
    entry = text.split("{ #bi-bat-oan }", 1)[1].split("\n## ", 1)[0]
    assert "ba trường hợp" not in entry
    assert all(f"[[khoản {k} Điều 18]]" in entry for k in (6, 7, 8))


# --------------------------------------------------------------------------
# Session 3 re-read (legal2): #toa-xu-sai-dan-su against Điều 10, Điều 19 and
# the time limits of khoản 1 Điều 6 and khoản 2 Điều 52.
# --------------------------------------------------------------------------

OLD_TOA_XU_SAI_DOCUMENTS = (
    "Bạn cần có văn bản làm căn cứ yêu cầu bồi thường. Ví dụ: bản án hình sự xác định người tiến hành tố tụng phạm "
    "tội ra bản án trái pháp luật hoặc làm sai lệch hồ sơ; quyết định xử lý kỷ luật người đó; quyết định giải quyết "
    "khiếu nại, kết luận nội dung tố cáo của Chánh án Tòa án có thẩm quyền xác định hành vi đó. Nếu người đó chưa bị "
    "xử lý kỷ luật hoặc xử lý trách nhiệm hình sự thì đã chết, kết luận xác định họ có đủ căn cứ để bị xử lý cũng là "
    "văn bản làm căn cứ.")


def _court_error_documents_follow_article_10(text: str) -> list[str]:
    """What the entry gets wrong about the văn bản làm căn cứ of Điều 10 (empty when right).

    khoản 4 Điều 10: a Chánh án's complaint decision or denunciation conclusion counts only when the
    judge died before being disciplined; khoản 3: an exemption from criminal liability still gives a
    claim; khoản 2: the interim-measure case has its own document (the final complaint decision).
    """
    flat = re.sub(r"\s+", " ", text)
    wrong = []
    for s in (s for line in text.splitlines() for s in re.split(r"(?<=[.;])\s+", line)):
        if "kết luận nội dung tố cáo" in s and "chết" not in s:
            wrong.append(f"Chánh án's decision without the death condition: {s}")
    if "miễn trách nhiệm hình sự" not in flat:
        wrong.append("no word on the exemption from criminal liability (khoản 3 Điều 10)")
    if "kiến nghị cuối cùng" not in flat:
        wrong.append("no document for the interim measures (khoản 2 Điều 10)")
    return wrong


def test_court_error_entry_names_the_documents_of_article_10_with_their_conditions():
    e = _entry("toa-xu-sai-dan-su")
    units = _units(e.cited)
    for k in (1, 2, 3, 4, 5, 6):
        assert ("luat", 10, k, None) in units, f"#toa-xu-sai-dan-su must cite khoản {k} Điều 10"
    assert _court_error_documents_follow_article_10(e.answer) == []


def test_the_article_10_check_fails_on_the_old_wording():
    assert len(_court_error_documents_follow_article_10(OLD_TOA_XU_SAI_DOCUMENTS)) == 3


def test_court_error_entry_states_both_time_limits():
    """03 năm from the document (khoản 1 Điều 6); 15 ngày to sue after the decision (khoản 2 Điều 52)."""
    e = _entry("toa-xu-sai-dan-su")
    units = _units(e.cited)
    assert ("luat", 6, 1, None) in units and ("luat", 52, 2, None) in units
    assert _sentences_with(e.answer, "03 năm") and _sentences_with(e.answer, "15 ngày")
    assert "thoi-hieu.md#thoi-hieu-bao-lau" in e.answer


def _names_every_ground_of_article_50(text: str, cites: list[str]) -> bool:
    """All four grounds of khoản 1 Điều 50, the review case (điểm d) with what follows it (khoản 3)."""
    units = _units(cites)
    flat = re.sub(r"\s+", " ", text)
    return (all(("luat", 50, 1, d) in units for d in "abcd") and ("luat", 50, 3, None) in units
            and "xem xét lại văn bản làm căn cứ" in flat and "điểm chỉ" in flat)


def test_the_suspension_entry_names_every_ground_of_article_50():
    """The search sends "tạm đình chỉ giải quyết yêu cầu bồi thường là gì?" to #khong-den-thuong-luong (session 3),
    so the entry must not read as if missing the negotiation were the only ground."""
    e = _entry("khong-den-thuong-luong")
    assert _names_every_ground_of_article_50(e.answer, e.cited)
    assert "biên bản như trên" not in e.answer  # nothing above in this entry to refer to


def test_the_article_50_check_fails_on_the_old_wording():
    old = ("Nếu bạn hai lần từ chối nhận giấy mời, hoặc hai lần không đến khi đã nhận giấy mời mà không có lý do chính "
           "đáng, việc giải quyết sẽ bị tạm đình chỉ (tạm dừng) trong 30 ngày.")
    assert not _names_every_ground_of_article_50(
        old, ["điểm a khoản 1 Điều 50", "điểm b khoản 1 Điều 50", "khoản 2 Điều 50"])


# --------------------------------------------------------------------------
# Session 3 re-read (legal2): #tinh-than-nguoi-than. Relatives get no non-pecuniary head
# of their own, but the law does count them: dependants' support and the carer
# (khoản 4 Điều 26), visits capped by number of people and visits (khoản 3 Điều 28),
# the apology only where honour is restored (khoản 1 Điều 31).
# --------------------------------------------------------------------------

OLD_NGUOI_THAN = (
    "Không có khoản riêng cho người thân khi người bị oan còn sống. Luật tính thiệt hại về tinh thần cho chính người "
    "bị thiệt hại.\n\n"
    "- Chi phí đi lại của người thân để thăm gặp người bị tạm giữ, tạm giam, chấp hành án phạt tù trong tố tụng hình "
    "sự được bồi thường. Chi phí này tính theo số người, số lần thăm gặp thực tế, nhưng không quá mức tối đa pháp "
    "luật cho phép.\n"
    "- Văn bản xin lỗi và cải chính công khai phải có lời thay mặt Nhà nước xin lỗi người bị thiệt hại, gia đình và "
    "người thân của họ.")
OLD_NGUOI_THAN_CITES = ["Điều 2", "khoản 1 Điều 4", "khoản 3 Điều 27", "điểm b khoản 1 Điều 28", "khoản 3 Điều 28",
                        "khoản 2 Điều 5", "khoản 4 Điều 27", "Điều 24 Nghị định số 68/2018/NĐ-CP"]


def _relatives_answer_problems(text: str, cites: list[str]) -> list[str]:
    units = _units(cites)
    flat = re.sub(r"\s+", " ", text)
    wrong = []
    if "tinh thần" not in flat.split(". ", 1)[0]:
        wrong.append("the first sentence says relatives get nothing, not 'no non-pecuniary head'")
    if ("luat", 26, 4, "b") not in units or "cấp dưỡng" not in flat:
        wrong.append("no word on the dependants' support (điểm b khoản 4 Điều 26)")
    if "mức tối đa pháp luật cho phép" in flat or "số lần được thăm gặp tối đa" not in flat:
        wrong.append("the visit cap is a number of people and visits (khoản 3 Điều 28), not an amount")
    apology = [ln for ln in text.splitlines() if "xin lỗi" in ln]
    if ("luat", 31, 1, None) not in units or not all("phục hồi danh dự" in ln for ln in apology):
        wrong.append("the apology is stated without its condition (khoản 1 Điều 31)")
    return wrong


def test_relatives_entry_states_what_the_law_counts_for_them_with_its_conditions():
    e = _entry("tinh-than-nguoi-than")
    assert _relatives_answer_problems(e.answer, e.cited) == []
    assert ("nd68", 24, 7, None) in _units(e.cited) and ("nd68", 23, 1, "d") in _units(e.cited)


def test_the_relatives_check_fails_on_the_old_wording():
    assert len(_relatives_answer_problems(OLD_NGUOI_THAN, OLD_NGUOI_THAN_CITES)) == 4


def test_the_visit_cap_is_a_number_of_people_and_visits_in_chi_phi_khac_too():
    text = re.sub(r"\s+", " ", _entry("chi-phi-khac").answer)
    assert "mức tối đa pháp luật cho phép" not in text and "số lần được thăm gặp tối đa" in text
