"""/truong-hop-cua-toi/ end to end: eight real cases on a phone, with and without JavaScript.

For each case the answer must name the right body with a link to its clause, the right last day of
the time limit, the right papers and the Điều 27 figure (computed here by lawsite.truong_hop from the
same data file, and also written out as a literal, so a wrong rule in both places still fails); the
letter must carry points a–i in print (PDF through Chromium, pdftotext) and in the downloaded file;
nothing may be requested after load. Without JavaScript, the rule tables must show the same body
and clause. The page is also checked with axe, by keyboard and from the offline bundle (file://).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_print import pdf_text
from test_reader import offline_bundle  # noqa: F401  (session fixture: the unzipped offline bundle)

from lawsite import luong_co_so, site, truong_hop

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PATH = "truong-hop-cua-toi/"
LETTER_POINTS = ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)"]


@dataclass
class Case:
    id: str
    nguoi: str
    hd: str
    cq: str
    body: str                      # text the answer must contain for the body
    clause: str                    # href fragment of the authority clause, e.g. "luat/dieu-35/#khoan-2"
    ngay: str | None = None        # date the văn bản làm căn cứ was received (None: not yet)
    last_day: str | None = None    # expected last day, dd/mm/yyyy
    khong_tinh: int = 0
    days: dict = field(default_factory=dict)
    amount: int | None = None      # expected Điều 27 total, đồng
    other: list = field(default_factory=list)
    papers: list = field(default_factory=list)    # checklist texts that must appear
    absent: list = field(default_factory=list)    # texts that must not appear
    extra: list = field(default_factory=list)     # further texts the answer must contain


CASES = [
    Case("tam-giam-40-ngay-dinh-chi", "ban-than", "to-tung-hinh-su", "vks-dinh-chi",
         "Viện kiểm sát đã phê chuẩn hoặc ra quyết định khởi tố, tạm giam", "luat/dieu-35/#khoan-2",
         ngay="2025-03-15", last_day="15/03/2028", days={"bat-tam-giam-tu": 40}, amount=23_000_000,
         papers=["Giấy tờ chứng minh nhân thân của người bị thiệt hại"],
         extra=["bạn không khởi kiện thẳng ra Tòa án", "khoản 2 Điều 4"]),
    Case("quyet-dinh-xu-phat-bi-huy", "ban-than", "hanh-chinh", "ubnd-huyen",
         "Ủy ban nhân dân cấp huyện", "luat/dieu-33/#khoan-3",
         ngay="2024-02-29", last_day="01/03/2027", other=["tai-san", "chi-phi-khac"],
         papers=["Quyết định hủy, thu hồi, sửa đổi, bổ sung quyết định hành chính"],
         extra=["có thể đã được sắp xếp lại", "khởi kiện ra Tòa án trong 03 năm", "Điều 23",
                "Ủy ban nhân dân cấp huyện không còn"]),
    Case("cong-chuc-buoc-thoi-viec", "ban-than", "hanh-chinh", "buoc-thoi-viec",
         "Cơ quan đã ra quyết định kỷ luật buộc thôi việc", "luat/dieu-33/#khoan-7",
         ngay="2023-12-31", last_day="31/12/2026", days={"buoc-thoi-viec": 200}, amount=23_000_000, other=["thu-nhap"]),
    Case("nguoi-thua-ke", "thua-ke", "to-tung-hinh-su", "toa-so-tham",
         "Tòa án cấp sơ thẩm đã xét xử", "luat/dieu-36/#khoan-1",
         ngay="2024-06-10", last_day="10/06/2027", days={"chet": 1, "bat-tam-giam-tu": 100}, amount=910_800_000,
         papers=["văn bản hợp pháp về quyền thừa kế", "Giấy tờ chứng minh nhân thân của người thừa kế"],
         absent=["Giấy tờ chứng minh nhân thân của người bị thiệt hại"],
         extra=["không tính thêm thiệt hại về tinh thần theo các khoản 1, 2, 3 và 5 Điều 27"]),
    Case("trong-vu-an-hanh-chinh", "ban-than", "hanh-chinh", "vu-an",
         "Tòa án đang thụ lý vụ án hình sự hoặc vụ án hành chính", "luat/dieu-40/#khoan-2",
         ngay="2026-05-04", last_day="04/05/2029",
         extra=["thời hiệu khởi kiện vụ án hành chính", "khoản 2 Điều 6"]),
    Case("thi-hanh-an-dan-su-chua-co-van-ban", "uy-quyen", "thi-hanh-an-dan-su", "cuc-chi-cuc",
         "Cục hoặc Chi cục Thi hành án dân sự", "luat/dieu-39/#khoan-1",
         other=["tai-san"], papers=["Văn bản ủy quyền hợp pháp"],
         extra=["đề nghị cơ quan thu thập", "Quyết định hủy, thu hồi, sửa đổi, bổ sung quyết định về thi hành án"]),
    Case("cai-nghien-bat-buoc", "dai-dien-phap-luat", "hanh-chinh", "toa-xu-ly-hanh-chinh",
         "Tòa án đã áp dụng biện pháp xử lý hành chính", "luat/dieu-33/#khoan-8",
         ngay="2025-08-01", khong_tinh=30, last_day="31/08/2028", days={"tam-giu-hanh-chinh": 30}, amount=6_900_000),
    Case("giu-khan-cap", "ban-than", "to-tung-hinh-su", "cqdt-giu-bat",
         "Cơ quan điều tra", "luat/dieu-34/#khoan-1",
         ngay="2026-01-10", last_day="10/01/2029", days={"giu-khan-cap": 1, "bat-tam-giam-tu": 3}, amount=230_000 + 1_725_000),
    Case("khong-ro-co-quan", "ban-than", "to-tung-dan-su-hanh-chinh", "khong-ro",
         "hãy hỏi Sở Tư pháp", "luat/dieu-73/#khoan-3-diem-c",
         ngay="2025-11-20", last_day="20/11/2028",
         extra=["nộp hồ sơ ngay tại Sở Tư pháp", "khoản 4 Điều 41"]),
]


@pytest.fixture(scope="module")
def rules():
    return truong_hop.load(ROOT, site.load_corpus(ROOT))


LAZY = ("/sitemap.xml", "/assets/favicon.svg")  # Material (instant navigation) and Chromium fetch these lazily


def assert_nothing_sent(watch, loaded: int, typed: str = "Nguyễn") -> None:
    """After load the page may only fetch the two static files above: nothing typed leaves it."""
    after = watch.requests[loaded:]
    assert all(u.split("?")[0].endswith(LAZY) and "?" not in u for u in after), f"requests after load: {after}"
    assert not [u for u in after if typed in u]


def _next(page):
    page.locator("#th-app form button[type=submit]").click()


def fill_case(page, c: Case) -> None:
    page.locator(f"label[for='th-nguoi-{c.nguoi}']").click()
    _next(page)
    page.locator(f"label[for='th-hd-{c.hd}']").click()
    _next(page)
    page.locator(f"label[for='th-cq-{c.cq}']").click()
    _next(page)
    page.locator(f"label[for='th-vb-{'co' if c.ngay else 'chua'}']").click()
    if c.ngay:
        page.fill("#th-ngay", c.ngay)
    if c.khong_tinh:
        page.fill("#th-khong-tinh", str(c.khong_tinh))
    _next(page)
    for k, n in c.days.items():
        box = page.locator(f"#th-k-{k}")
        if box.get_attribute("type") == "checkbox":
            box.check()
        else:
            box.fill(str(n))
    for x in c.other:
        page.locator(f"#th-x-{x}").check()
    _next(page)
    page.fill("#th-ten", "Nguyễn Văn A")
    page.fill("#th-dia-chi", "Số 1, phố Tràng Tiền, Hà Nội")
    page.fill("#th-hanh-vi", "Bị tạm giam trái pháp luật")
    page.fill("#th-nhan-qua", "Vì bị tạm giam nên mất thu nhập")
    page.locator("#th-tam-ung").check()
    _next(page)
    page.wait_for_selector("#th-result")


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_case_on_a_phone(open_page, server, tmp_path, rules, c: Case):
    page, watch = open_page(mobile=True)
    page.goto(server.url(PATH), wait_until="networkidle")
    page.wait_for_selector("#th-app legend")  # truong-hop.js has loaded and run
    loaded = len(watch.requests)
    assert page.locator("#th-app legend").inner_text().startswith("Câu 1/6")
    fill_case(page, c)
    result = page.locator("#th-result")
    text = " ".join(result.inner_text().split())
    # the body, linked to its clause
    assert c.body in text
    hrefs = result.locator("#th-a-co-quan ~ ul a").evaluate_all("as => as.map(a => a.href)")
    assert any(h.endswith(c.clause) for h in hrefs), hrefs
    # every line of the answer has a clause link (except the base-salary line and the summary/total lines)
    for li in result.locator("section > ul > li, section > ol > li").all():
        t = li.inner_text()
        if t.startswith(("Mức lương cơ sở", "Tổng ước tính", "Bạn chưa nhập", "Bạn không chọn")):
            continue
        assert li.locator("a.th-cite").count(), f"line without a clause link: {t[:80]}"
    # the last day, and the same figure from lawsite.truong_hop
    if c.ngay:
        expected = truong_hop.last_day(dt.date.fromisoformat(c.ngay), 3, c.khong_tinh)
        assert expected.strftime("%d/%m/%Y") == c.last_day
        if c.cq != "vu-an" or c.last_day:
            assert f"Ngày cuối của thời hiệu 03 năm: {c.last_day}" in text
    else:
        assert "Ngày cuối của thời hiệu" not in text
    # the papers
    for p in c.papers:
        assert p in text, p
    for p in c.absent:
        assert p not in text, p
    for p in c.extra:
        assert p in text, p
    # Điều 27: literal figure and the data-file computation agree with the page
    if c.amount is not None:
        total = int(result.locator("[data-th=tong]").get_attribute("data-amount"))
        luong = luong_co_so.load(ROOT)[-1].dong
        kinds = {k["id"]: k for k in rules["tinh_than"]}
        ids = ["chet"] if "chet" in c.days else list(c.days)
        computed = sum(truong_hop.estimate(kinds[k]["he_so"], kinds[k]["don_vi"], c.days[k], luong) for k in ids)
        assert total == c.amount == computed
        assert f"{c.amount:,}".replace(",", ".") + " đồng" in text
        if "chet" not in c.days:
            assert "÷ 22" in text
        # khoản 2 Điều 22: a claim accepted before the newest value keeps the value of its day of acceptance
        assert "Hồ sơ đã được thụ lý trước 01/07/2026?" in text
        assert "2.340.000 đồng/tháng từ 01/07/2024 đến 30/06/2026" in text
    for x in c.other:
        label = next(k["ten"] for k in rules["thiet_hai_khac"] if k["id"] == x)
        assert label in text
    # the letter: a–i, editable
    letter = page.locator("#th-letter")
    assert letter.get_attribute("contenteditable") == "true"
    assert [p.get_attribute("data-diem") for p in letter.locator("p[data-diem]").all()] == [p[0] for p in LETTER_POINTS]
    assert "Nguyễn Văn A" in letter.inner_text()
    assert_nothing_sent(watch, loaded)
    watch.assert_clean()


def test_letter_prints_on_a4_and_downloads_with_points_a_to_i(open_page, server, tmp_path):
    c = CASES[0]
    page, watch = open_page(accept_downloads=True)
    page.goto(server.url(PATH), wait_until="networkidle")
    page.wait_for_selector("#th-app legend")  # truong-hop.js has loaded and run
    loaded = len(watch.requests)
    fill_case(page, c)
    page.locator("#th-letter p[data-diem='c']").click()
    page.keyboard.press("End")
    page.keyboard.type(" (sửa trong trang)")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Tải về (tệp văn bản)").click()
    saved = tmp_path / "thu.txt"
    dl.value.save_as(saved)
    body = saved.read_text(encoding="utf-8-sig")
    assert "(sửa trong trang)" in body
    page.evaluate("document.body.classList.add('th-printing')")
    page.emulate_media(media="print")
    pdf = tmp_path / "thu.pdf"
    page.pdf(path=str(pdf), format="A4")
    printed = " ".join(pdf_text(pdf).split())
    for out in (printed, " ".join(body.split())):
        assert "VĂN BẢN YÊU CẦU BỒI THƯỜNG" in out
        for p in LETTER_POINTS:
            assert f"{p} " in out, p
        assert "Nguyễn Văn A" in out and "23.000.000 đồng" in out
    assert "Trường hợp của tôi" not in printed  # only the letter prints
    assert_nothing_sent(watch, loaded)
    watch.assert_clean()


def test_cases_without_javascript_read_from_the_tables(open_page, server):
    page, watch = open_page(mobile=True, java_script_enabled=False)
    page.goto(server.url(PATH), wait_until="load")
    assert page.locator("#th-app").is_hidden()
    article = page.locator("article")
    for c in CASES:
        if c.cq in ("vu-an", "khong-ro"):
            section = article.locator("#co-quan ~ p").all_inner_texts()
            assert any(("Tòa án đang thụ lý" if c.cq == "vu-an" else "Sở Tư pháp") in s for s in section), c.id
        else:
            row = article.locator(f"#co-quan-{c.hd} + table tr", has_text=c.body.split(" (")[0][:40]).first
            assert row.count(), c.id
            assert row.locator("a").evaluate_all("as => as.map(a => a.href)")[-1].endswith(c.clause), c.id
    text = article.inner_text()
    assert "| 29/02/2024 | 01/03/2027 |" not in text  # a rendered table, not Markdown source
    row = article.locator("#thoi-hieu ~ table tr", has_text="29/02/2024").first.inner_text()
    assert "01/03/2027" in row  # 28/02/2027 is a Sunday
    assert "÷ 22" in text and "2.530.000 đồng/tháng" in text
    assert "thụ lý trước 01/07/2026?" in text and "2.340.000 đồng/tháng từ 01/07/2024 đến 30/06/2026" in text
    for p in LETTER_POINTS:
        assert p in text
    watch.assert_clean()


def test_errors_are_announced_and_keyboard_alone_completes_a_step(open_page, server):
    page, watch = open_page()
    page.goto(server.url(PATH), wait_until="networkidle")
    _next(page)
    err = page.locator("#th-err")
    assert err.get_attribute("role") == "alert" and err.inner_text() == "Hãy chọn một câu trả lời."
    page.locator("#th-nguoi-ban-than").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the step
    assert page.locator("#th-app legend").inner_text().startswith("Câu 2/6")
    page.locator("label[for='th-hd-hanh-chinh']").click()
    _next(page)
    page.locator("label[for='th-cq-bo']").click()
    _next(page)
    page.locator("label[for='th-vb-co']").click()
    _next(page)
    assert page.locator("#th-err").inner_text().startswith("Hãy nhập ngày nhận văn bản")
    assert page.evaluate("document.activeElement.id") != ""
    watch.assert_clean()


def test_no_axe_violations_on_questions_and_answer(open_page, server):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    opts = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
            "resultTypes": ["violations"]}
    page, watch = open_page(mobile=True)
    page.goto(server.url(PATH), wait_until="networkidle")
    r = axe.run(page, options=opts)
    assert r.violations_count == 0, r.generate_report()
    fill_case(page, CASES[1])
    r = axe.run(page, options=opts)
    assert r.violations_count == 0, r.generate_report()
    watch.assert_clean()


def test_home_and_guide_link_to_the_helper(open_page, server):
    page, watch = open_page()
    for path in ("", "huong-dan/"):
        page.goto(server.url(path), wait_until="load")
        assert page.locator(f"article a[href$='{PATH}']").count(), path
    page.locator(f"article a[href$='{PATH}']").first.click()  # instant navigation from the guide
    page.wait_for_selector("#th-app legend")
    watch.assert_clean()


def test_own_javascript_for_the_page_is_under_40_kb_gzip(server):
    import gzip
    html = (server.site_dir / PATH / "index.html").read_text(encoding="utf-8")
    assert "truong-hop-loader.js" in html
    js = (server.site_dir / "assets" / "javascripts" / "truong-hop.js").read_bytes()
    start = html.index('id="th-data" hidden data-search-exclude>')
    data = html[start:html.index("</div>", start)].encode()
    ours = [js, data] + [(server.site_dir / "assets" / "javascripts" / n).read_bytes()
                         for n in ("site-search.js", "copy-cite.js", "truong-hop-loader.js")]
    size = sum(len(gzip.compress(b, 9)) for b in ours)
    print(f"our JavaScript on {PATH}: {size} B gzip (truong-hop.js {len(gzip.compress(js, 9))} B, data {len(gzip.compress(data, 9))} B)")
    assert size <= 40 * 1024


def test_works_from_the_offline_bundle(browser, offline_bundle):  # noqa: F811
    leaving: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "about:"))
                  else (leaving.append(r.request.url), r.abort("blockedbyclient")))
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    context.on("weberror", lambda e: errors.append(str(e.error)))
    try:
        page = context.new_page()
        page.goto((offline_bundle.parent / "truong-hop-cua-toi" / "index.html").as_uri(), wait_until="load")
        fill_case(page, CASES[0])
        link = page.locator("#th-result a.th-cite").first.get_attribute("href")
        assert link.startswith("../luat/dieu-") and ".html" in link, link
        page.locator("#th-result a.th-cite").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file:") and "/luat/dieu-" in page.url
        assert leaving == [] and errors == [], (leaving, errors)
    finally:
        context.close()
