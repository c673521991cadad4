"""The page ``/truong-hop-cua-toi/``, generated from the rules (``data/truong-hop.yml``).

Without JavaScript the page is a set of readable tables: every question, every
rule with its clause link, the clause texts of the văn bản làm căn cứ, the
Điều 27 rates with the base salary, the timeline and the contents of the
claim letter. The same rules go into JSON in a hidden element that
``docs/assets/javascripts/truong-hop.js`` (loaded by ``truong-hop-loader.js``, also after
instant navigation) turns into the questionnaire, one
question per screen; nothing the reader types leaves the page.

Links in the JSON are docs paths (``luat/dieu-35.md#khoan-2``); the script
maps them to the built URL style by reading one link MkDocs rendered
(``#th-goc-luat``), so the same page works with directory URLs and from the
offline bundle (``file://``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import TYPE_CHECKING

from . import citations, ids
from .corpus import Corpus
from .luong_co_so import LuongCoSo, earlier_spans
from .md_citations import docs_href
from .pages import front_matter
from .truong_hop import last_day, target_of

if TYPE_CHECKING:  # type only
    from .changes_model import Change

PAGE = "truong-hop-cua-toi/index.md"
STYLE = "../assets/stylesheets/truong-hop.css"


def _href(cite: str) -> str:
    """Docs path relative to docs/ (no leading slash) for the JSON."""
    return docs_href(target_of(cite)).lstrip("/")


def _link(cite: str) -> str:
    t = target_of(cite)
    return f"[{citations.format_target(t)}]({docs_href(t)})"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _money(n: float) -> str:
    """Vietnamese number format: 2.340.000; a fraction with a comma: 106.363,6."""
    tenths = round(n * 10)
    whole, frac = divmod(tenths, 10)
    return f"{whole:,}".replace(",", ".") + (f",{frac}" if frac else "")


def _vbcc(corpus: Corpus, cite: str) -> list[dict]:
    """The clauses of an article listing the văn bản làm căn cứ, verbatim from the source."""
    t = target_of(cite)
    d = corpus.vanban["luat"].dieu[t.dieu]
    return [{"text": p.text, "href": docs_href(citations.Target("luat", t.dieu, p.khoan)).lstrip("/"),
             "label": f"khoản {p.khoan} Điều {t.dieu}"}
            for p in d.doan if p.kind == "khoan"]


def later_changes(cite: str, changes: list[Change]) -> list[dict]:
    """The later-change notices (data/thay-doi.yml) that bite on the clause of a rule."""
    t = target_of(cite)
    return [{"id": c.id, "tieu_de": c.tieu_de, "xac_minh": c.verified,
             "label": f"Điều {t.dieu}", "href": docs_href(citations.Target("luat", t.dieu)).lstrip("/")}
            for c in sorted(changes, key=lambda c: not c.verified) if c.affects(t)]  # verified first


def data_json(rules: dict, corpus: Corpus, luong: LuongCoSo, changes: list[Change] = (),
              earlier: list[tuple[LuongCoSo, dt.date]] = ()) -> dict:
    """What the page script needs: the rules with their links, the base salary and the letter points."""

    def ref(node: dict) -> dict:
        return {"label": citations.format_target(target_of(node["can_cu"])), "href": _href(node["can_cu"])}

    acts = []
    for key, a in rules["hoat_dong"].items():
        acts.append({
            "id": key, "ten": a["ten"], "vi_du": a["vi_du"], "pham_vi": ref(a["pham_vi"]),
            "hoi_co_quan": a.get("hoi_co_quan", "Người gây thiệt hại làm việc ở đâu?"),
            "trong_vu_an": bool(a.get("trong_vu_an")),
            "vbcc": {"label": a["van_ban_can_cu"], "href": _href(a["van_ban_can_cu"]),
                     "items": _vbcc(corpus, a["van_ban_can_cu"])},
            "toa_an": ref(a["toa_an"]) if "toa_an" in a else None,
            "ngoai_le": ref(a["ngoai_le"]) if "ngoai_le" in a else None,
            "co_quan": [{"id": c["id"], "hoi": c["hoi"], "giai_quyet": c["giai_quyet"], "ghi_chu": c.get("ghi_chu", ""),
                         "to_chuc_lai": bool(c.get("to_chuc_lai")), "thay_doi": later_changes(c["can_cu"], changes),
                         **ref(c)} for c in a["co_quan"]],
        })
    routes = {k: {**ref(v), "giai_quyet": v.get("giai_quyet", ""),
                  "kem": [ref(x) for x in v.get("kem", [])]} for k, v in rules["duong_khac"].items()}
    th = rules["thoi_hieu"]
    vb = rules["van_ban_yeu_cau"]
    return {
        "hoat_dong": acts, "duong": routes,
        "nguoi": [{"id": n["id"], "hoi": n["hoi"], "ho_so": n["ho_so"], **ref(n)} for n in rules["nguoi_yeu_cau"]],
        "tinh_than": [{k: v for k, v in x.items() if k not in ("tu_khoa", "can_cu")} | ref(x) for x in rules["tinh_than"]],
        "ngay_luong": {"chia": rules["ngay_luong_co_so"]["chia"], **ref(rules["ngay_luong_co_so"])},
        "thoi_diem": ref(rules["thoi_diem_tinh"]),
        "khac": [{"id": x["id"], "ten": x["ten"], **ref(x)} for x in rules["thiet_hai_khac"]],
        "thoi_hieu": {"nam": th["nam"], **ref(th), "vu_an_hanh_chinh": ref(th["vu_an_hanh_chinh"]),
                      "khong_tinh": [ref(x) for x in th["khong_tinh"]], "chung_minh": ref(th["chung_minh"]),
                      "het": ref(th["het_thoi_hieu"]), "blds": th["cach_tinh"]["van_ban"]},
        "ho_so": {"chung": [{"id": x["id"], "ten": x["ten"], **ref(x)} for x in rules["ho_so"]["chung"]],
                  "them": [{"id": x["id"], "ten": x["ten"], **ref(x)} for x in rules["ho_so"]["them"]],
                  "ban_sao": ref(rules["ho_so"]["ban_sao"])},
        "thu": {"muc": [{"diem": m["diem"], "nhan": m["nhan"], **ref({"can_cu": f"điểm {m['diem']} {vb['can_cu']}"})}
                        for m in vb["muc"]], **ref(vb), "tam_ung": ref(vb["tam_ung"]),
                "phuc_hoi": ref(vb["phuc_hoi_danh_du"])},
        "tien_trinh": [{"viec": x["viec"], "han": x["han"], **ref(x)} for x in rules["tien_trinh"]],
        "luong": {"dong": luong.dong, "van_ban": luong.van_ban, "tu": luong.hieu_luc_tu.isoformat(),
                  "nguon": luong.nguon, "doc": luong.ngay_doc.isoformat(),
                  "truoc": [{"dong": r.dong, "tu": r.hieu_luc_tu.isoformat(), "den": until.isoformat(),
                             "van_ban": r.so_hieu} for r, until in earlier]},
    }


def _d(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def markdown(rules: dict, corpus: Corpus, luong: LuongCoSo, changes: list[Change] = (),
             earlier: list[tuple[LuongCoSo, dt.date]] = ()) -> str:
    """The whole page: front matter, the app mount point, the rule tables, the JSON data (a hidden element)."""
    out = [front_matter(
        title="Trường hợp của tôi: nộp ở đâu, đến khi nào, cần giấy tờ gì",
        description="Trả lời vài câu hỏi để biết cơ quan giải quyết bồi thường, ngày cuối của thời hiệu, hồ sơ cần có, "
                    "mức bồi thường thiệt hại về tinh thần và bản nháp văn bản yêu cầu bồi thường.",
    )]
    w = out.append
    luat = "[Luật Trách nhiệm bồi thường của Nhà nước](/luat/index.md){ #th-goc-luat }"
    w("# Trường hợp của tôi\n")
    w("Trả lời vài câu hỏi để biết: nộp hồ sơ ở đâu, hạn cuối là ngày nào, cần giấy tờ gì, được bồi thường "
      f"thiệt hại về tinh thần khoảng bao nhiêu. Mỗi dòng trả lời dẫn đến điều, khoản của {luat} làm căn cứ. "
      "Cuối trang có bản nháp văn bản yêu cầu bồi thường để bạn sửa, in hoặc tải về.\n")
    w('!!! warning "Đây là hướng dẫn, không phải quyết định"\n\n'
      "    Cơ quan giải quyết bồi thường hoặc Tòa án mới quyết định. Nếu trường hợp của bạn không khớp với quy tắc nào "
      "dưới đây, hãy hỏi Sở Tư pháp nơi bạn ở: Ủy ban nhân dân cấp tỉnh có nhiệm vụ hướng dẫn người bị thiệt hại "
      f"thực hiện thủ tục ({_link('điểm c khoản 3 Điều 73')}; {_link('khoản 4 Điều 73')}).\n\n"
      "    Những gì bạn nhập chỉ nằm trên máy của bạn: trang không gửi đi đâu cả.\n")
    w(f'<link rel="stylesheet" href="{STYLE}">\n')
    w('<div id="th-app" class="th-app" hidden></div>\n')
    w("## Các quy tắc trang dùng { #quy-tac }\n")
    w("Nếu trình duyệt không chạy được phần hỏi đáp, bạn vẫn tự tra được bằng các bảng dưới đây, theo thứ tự câu hỏi.\n")

    w("### 1. Bạn là ai? { #ban-la-ai }\n")
    w("| Bạn là | Căn cứ | Giấy tờ thêm (khoản 2 Điều 41) |\n|---|---|---|")
    extra = {x["id"]: x for x in rules["ho_so"]["them"]}
    for n in rules["nguoi_yeu_cau"]:
        papers = "; ".join(f"{extra[i]['ten']} ({_link(extra[i]['can_cu'])})" for i in n["ho_so"]) or "Không"
        w(f"| {_cell(n['hoi'])} | {_link(n['can_cu'])} | {_cell(papers)} |")
    w("")

    w("### 2. Việc xảy ra trong hoạt động nào? { #hoat-dong }\n")
    w("| Hoạt động | Ví dụ | Phạm vi bồi thường | Văn bản làm căn cứ |\n|---|---|---|---|")
    for key, a in rules["hoat_dong"].items():
        w(f"| {a['ten']} | {_cell(a['vi_du'])} | {_link(a['pham_vi']['can_cu'])} "
          f"| [xem bên dưới](#can-cu-{key}) ({_link(a['van_ban_can_cu'])}) |")
    w("")

    w("### 3. Cơ quan giải quyết bồi thường { #co-quan }\n")
    ex = rules["hoat_dong"]["to-tung-hinh-su"]["ngoai_le"]
    w("Bạn nộp hồ sơ cho cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại. "
      "Cơ quan được ghi theo Luật năm 2017; cơ quan đánh dấu ※ có thể đã được sắp xếp lại sau đó "
      "(xem [các thay đổi sau khi ban hành](/index.md)); nếu cơ quan cũ không còn, cơ quan kế thừa chức năng, nhiệm vụ "
      f"giải quyết ({_link(rules['duong_khac']['cu_the']['can_cu'])}).\n")
    for key, a in rules["hoat_dong"].items():
        w(f"#### {a['ten']} {{ #co-quan-{key} }}\n")
        w(f"| {a.get('hoi_co_quan', 'Người gây thiệt hại làm việc ở đâu?')} | Cơ quan giải quyết bồi thường | Căn cứ |\n|---|---|---|")
        for c in a["co_quan"]:
            mark = " ※" if c.get("to_chuc_lai") else ""
            note = f" {c['ghi_chu']}" if c.get("ghi_chu") else ""
            w(f"| {_cell(c['hoi'])} | {_cell(c['giai_quyet'])}{mark}{_cell(note)} | {_link(c['can_cu'])} |")
        w("")
        seen: dict[str, dict] = {}
        for c in a["co_quan"]:
            for ch in later_changes(c["can_cu"], changes):
                seen.setdefault(ch["id"], ch)
        if seen:
            w("Thay đổi sau khi ban hành ảnh hưởng đến các cơ quan trên: " + "; ".join(
                f"{ch['tieu_de']}{'' if ch['xac_minh'] else ' (chưa xác minh)'} ([{ch['label']}](/{ch['href']}))"
                for ch in seen.values()) + ".\n")
        if "ngoai_le" in a:
            w(f"Trong tố tụng hình sự, yêu cầu bồi thường được giải quyết tại cơ quan trực tiếp quản lý người gây thiệt hại "
              f"({_link(ex['can_cu'])}); bạn không khởi kiện thẳng ra Tòa án. Chỉ khi không đồng ý với quyết định giải quyết "
              "bồi thường, hoặc thương lượng không thành, bạn mới khởi kiện trong 15 ngày "
              f"({_link(rules['duong_khac']['khoi_kien_sau']['can_cu'])}).\n")
        else:
            w(f"Bạn cũng có thể không yêu cầu cơ quan mà khởi kiện ra Tòa án trong 03 năm kể từ ngày nhận văn bản làm căn cứ "
              f"({_link(rules['duong_khac']['khoi_kien']['can_cu'])}; {_link(a['toa_an']['can_cu'])}). "
              f"Nếu bạn đang có vụ án hình sự hoặc vụ án hành chính ở Tòa án, có thể yêu cầu bồi thường ngay trong vụ án đó: "
              f"Tòa án đang thụ lý giải quyết ({_link(rules['duong_khac']['trong_vu_an']['can_cu'])}; {_link('khoản 4 Điều 4')}).\n")
    r = rules["duong_khac"]
    w(f"Khi một cơ quan đã thụ lý, bạn không được yêu cầu cơ quan khác nữa ({_link(r['mot_noi']['can_cu'])}). "
      f"Chưa biết cơ quan nào? Nộp hồ sơ ở Sở Tư pháp nơi bạn cư trú; trong 05 ngày làm việc Sở xác định cơ quan và "
      f"chuyển hồ sơ ({_link(r['chua_ro']['can_cu'])}).\n")

    th = rules["thoi_hieu"]
    w("### 4. Thời hiệu: hạn cuối để yêu cầu { #thoi-hieu }\n")
    w(f"Bạn có 03 năm kể từ ngày người bị thiệt hại (hoặc người thừa kế, người đại diện theo pháp luật) nhận được văn bản "
      f"làm căn cứ yêu cầu bồi thường ({_link(th['can_cu'])}). Hết thời hiệu thì cơ quan không thụ lý hồ sơ "
      f"({_link(th['het_thoi_hieu']['can_cu'])}). Yêu cầu phục hồi danh dự không bị giới hạn bởi thời hiệu này "
      f"({_link(th['can_cu'])}). Yêu cầu trong vụ án hành chính theo thời hiệu khởi kiện vụ án hành chính "
      f"({_link(th['vu_an_hanh_chinh']['can_cu'])}); trang không tính ngày này.\n")
    w(f"Không tính vào thời hiệu: thời gian có sự kiện bất khả kháng hoặc trở ngại khách quan ({_link(th['khong_tinh'][0]['can_cu'])}); "
      f"thời gian người bị thiệt hại là người chưa thành niên, mất hoặc bị hạn chế năng lực hành vi dân sự, có khó khăn trong "
      f"nhận thức, làm chủ hành vi mà chưa có người đại diện ({_link(th['khong_tinh'][1]['can_cu'])}). Bạn phải chứng minh "
      f"khoảng thời gian đó ({_link(th['chung_minh']['can_cu'])}). Trang cộng số ngày bạn nhập vào hạn cuối.\n")
    ct = th["cach_tinh"]
    w(f"Cách tính ngày cuối theo {ct['van_ban']} (ngoài các văn bản của trang; trích từ <{ct['nguon']}>, "
      f"đọc ngày {_d(ct['ngay_doc'])}):\n")
    w(f"> {ct['trich_dan']}\n")
    w(f"{ct['ghi_chu']} Trang dời ngày thứ Bảy, Chủ nhật sang thứ Hai; trang không biết các ngày nghỉ lễ, hãy tự kiểm tra.\n")
    w("| Ngày nhận văn bản làm căn cứ | Ngày cuối của thời hiệu |\n|---|---|")
    for d in (dt.date(2025, 3, 15), dt.date(2024, 2, 29), dt.date(2023, 12, 31)):
        w(f"| {_d(d)} | {_d(last_day(d))} |")
    w("")

    w("### 5. Hồ sơ cần chuẩn bị { #ho-so }\n")
    w("| Giấy tờ | Ai cần | Căn cứ |\n|---|---|---|")
    for x in rules["ho_so"]["chung"]:
        who = ("Người bị thiệt hại tự yêu cầu (người thừa kế, người đại diện không cần giấy này)" if x["id"] == "c"
               else "Mọi người")
        w(f"| {_cell(x['ten'])} | {who} | {_link(x['can_cu'])} |")
    for x in rules["ho_so"]["them"]:
        w(f"| {_cell(x['ten'])} | Người thừa kế, người đại diện | {_link(x['can_cu'])} |")
    w("")
    w("Nộp trực tiếp: bản sao kèm bản chính để đối chiếu; gửi qua bưu điện: bản sao có chứng thực "
      f"({_link(rules['ho_so']['ban_sao']['can_cu'])}).\n")

    w("### 6. Văn bản làm căn cứ theo từng hoạt động { #van-ban-lam-can-cu }\n")
    w("Nguyên văn các khoản của Luật liệt kê văn bản làm căn cứ yêu cầu bồi thường:\n")
    for key, a in rules["hoat_dong"].items():
        w(f"#### {a['ten']} ({a['van_ban_can_cu']}) {{ #can-cu-{key} }}\n")
        for item in _vbcc(corpus, a["van_ban_can_cu"]):
            w(f"- {item['text']} ([{item['label']}](/{item['href']}))")
        w("")
    w(f"Chưa có hoặc không thể tự lấy văn bản? Trong văn bản yêu cầu, đề nghị cơ quan thu thập, nêu rõ tên văn bản và nơi "
      f"thu thập ({_link('điểm g khoản 3 Điều 41')}).\n")

    day = luong.dong / rules["ngay_luong_co_so"]["chia"]
    w("### 7. Thiệt hại về tinh thần (Điều 27) { #tinh-than }\n")
    w(f"Mức lương cơ sở trang dùng: **{_money(luong.dong)} đồng/tháng**, áp dụng từ {_d(luong.hieu_luc_tu)} theo "
      f"{luong.van_ban} (nguồn: <{luong.nguon}>, đọc ngày {_d(luong.ngay_doc)}; có thể đã có mức mới hơn, hãy kiểm tra). "
      f"Một ngày lương cơ sở = 01 tháng lương cơ sở chia cho 22 ngày = {_money(luong.dong)} ÷ 22 ≈ {_money(day)} đồng "
      f"({_link(rules['ngay_luong_co_so']['can_cu'])}).\n")
    w("| Trường hợp | Mức | Ví dụ | Căn cứ |\n|---|---|---|---|")
    unit = {"ngay": "ngày lương cơ sở cho 01 ngày", "lan": "ngày lương cơ sở", "thang": "tháng lương cơ sở",
            "toi_da_thang": "tháng lương cơ sở, tối đa"}
    from .truong_hop import estimate
    for k in rules["tinh_than"]:
        hs = _money(k["he_so"])
        ex_ = estimate(k["he_so"], k["don_vi"], 40, luong.dong)
        example = {"ngay": f"40 ngày: {hs} × 40 × {_money(luong.dong)} ÷ 22 ≈ {_money(ex_ or 0)} đồng",
                   "lan": f"{hs} × {_money(luong.dong)} ÷ 22 ≈ {_money(ex_ or 0)} đồng",
                   "thang": f"{hs} × {_money(luong.dong)} = {_money(ex_ or 0)} đồng",
                   "toi_da_thang": "tùy mức độ tổn hại; không ước tính"}[k["don_vi"]]
        note = f" {k['ghi_chu']}" if k.get("ghi_chu") else ""
        w(f"| {_cell(k['ten'])}{_cell(note)} | {hs} {unit[k['don_vi']]} | {example} | {_link(k['can_cu'])} |")
    w("")
    w("Giá trị thiệt hại được tính tại thời điểm cơ quan thụ lý hồ sơ (hoặc Tòa án cấp sơ thẩm xác định giá trị "
      f"thiệt hại) ({_link(rules['thoi_diem_tinh']['can_cu'])}): nếu mức lương cơ sở thay đổi trước thời điểm đó, "
      "số tiền sẽ khác. Luật không nói cách làm tròn; trang làm tròn tổng số đến đồng.\n")
    if earlier:
        spans = earlier_spans(earlier)
        w(f"Hồ sơ của bạn đã được thụ lý trước {_d(luong.hieu_luc_tu)}? Khi đó số tiền tính theo mức lương cơ sở tại "
          f"ngày thụ lý, không theo mức trên ({_link(rules['thoi_diem_tinh']['can_cu'])}). Mức trước đó: {spans}. "
          "Nếu sau đó bạn khởi kiện ra Tòa án vì không đồng ý với quyết định giải quyết bồi thường, hoặc sau khi thương "
          f"lượng, giá trị thiệt hại vẫn tính tại ngày cơ quan thụ lý hồ sơ trước đó ({_link(rules['thoi_diem_tinh']['can_cu'])}; "
          f"{_link(rules['duong_khac']['khoi_kien_sau']['can_cu'])}).\n")

    w("### 8. Thiệt hại khác: ghi lại và giữ giấy tờ { #thiet-hai-khac }\n")
    w("Trang không ước tính các thiệt hại này; hãy liệt kê và giữ hóa đơn, chứng từ:\n")
    for x in rules["thiet_hai_khac"]:
        w(f"- {x['ten']} ({_link(x['can_cu'])})")
    w("")

    w("### 9. Sau khi nộp hồ sơ { #tien-trinh }\n")
    w("| Việc | Thời hạn | Căn cứ |\n|---|---|---|")
    for x in rules["tien_trinh"]:
        w(f"| {_cell(x['viec'])} | {_cell(x['han'])} | {_link(x['can_cu'])} |")
    w("")

    vb = rules["van_ban_yeu_cau"]
    w("### 10. Nội dung văn bản yêu cầu bồi thường { #van-ban-yeu-cau }\n")
    w(f"Bản nháp trên trang có đúng các nội dung chính {_link(vb['can_cu'])} yêu cầu. Mẫu 01/BTNN của Thông tư "
      "04/2018/TT-BTP không có trong các văn bản nguồn của trang (nội dung mẫu là tệp đính kèm) và chưa tìm được "
      "nguyên văn ở nguồn tin cậy, nên bản nháp theo khoản 3 Điều 41, không theo bố cục của mẫu.\n")
    for m in vb["muc"]:
        w(f"- {m['diem']}) {m['nhan']} ({_link('điểm ' + m['diem'] + ' ' + vb['can_cu'])})")
    w("")
    w(f"Nếu chỉ yêu cầu phục hồi danh dự, văn bản cần các nội dung a, b, c, d, g và h ({_link(vb['can_cu'])}).\n")

    # A hidden element, not a <script>: Material's instant navigation drops inline scripts from the content.
    data = data_json(rules, corpus, luong, changes, earlier)
    blob = html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=False)
    w(f'<div id="th-data" hidden data-search-exclude>{blob}</div>\n')
    return "\n".join(out)


__all__ = ["PAGE", "data_json", "ids", "markdown"]
