"""The trainer pack's generated pages: the table of time limits and the worked examples in đồng.

Both are rendered from reviewed data, never typed into a page: the time limits from
``data/thoi-han.yml`` (checked by :mod:`lawsite.thoi_han`), the examples from
``data/vi-du-tinh-tien.yml`` with the base salary of ``data/luong-co-so.yml``
(:mod:`lawsite.luong_co_so`). The case studies (``docs/tap-huan/tinh-huong.md``) are hand-written
guidance, checked like the FAQ.

A worked example names the Điều 27 unit it applies and the rate exactly as the clause prints it
("05 ngày lương cơ sở"); :func:`check_examples` proves the rate is in that unit, so a figure on
the page always comes from the law and from the sourced base salary.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from . import citations, located_yaml, luong_co_so, md_citations, thoi_han
from .model import VanBan
from .problems import Problem, ProblemsFound

PAGES = {"thoi-han": "tap-huan/thoi-han.md", "vi-du": "tap-huan/vi-du-tinh-tien.md"}
EXAMPLES_FILE = Path("data") / "vi-du-tinh-tien.yml"
EXAMPLE_FIELDS = ("tieu_de", "tinh_huong", "can_cu", "muc", "so_ngay")
RE_RATE = re.compile(r"^(?P<n>\d+(?:,\d+)?) (?P<unit>ngày|tháng) lương(?: cơ sở| theo mức lương cơ sở)?$")


def _md(text: str) -> str:
    """Table-cell Markdown: ``|`` escaped, ``[[...]]`` short links written out as links (the table sits in
    an HTML block, which the short-link preprocessor does not see)."""
    text = md_citations.RE_SHORT_LINK.sub(
        lambda m: md_citations.short_link_markdown(m["cite"], citations.Context()), text)
    return text.replace("|", "\\|").replace("\n", " ")


def dong(amount: Fraction | int) -> str:
    """Vietnamese money: 21.272.727 đồng (rounded to the nearest đồng)."""
    value = round(Fraction(amount))
    return f"{value:,}".replace(",", ".") + " đồng"


def thoi_han_page(records: list[thoi_han.ThoiHan]) -> str:
    groups: dict[str, list[thoi_han.ThoiHan]] = {}
    for r in records:
        groups.setdefault(r.nhom, []).append(r)
    out = [
        '---\ntitle: "Bảng thời hạn"\n'
        'description: "Mọi thời hạn trong Luật Trách nhiệm bồi thường của Nhà nước và Nghị định 68/2018/NĐ-CP: '
        'việc gì, ai làm, tính từ khi nào, căn cứ."\n---\n',
        "# Bảng thời hạn\n",
        f"Bảng này có đủ {len(records)} thời hạn, thời hiệu trong Luật Trách nhiệm bồi thường của Nhà nước và "
        "Nghị định số 68/2018/NĐ-CP. Mỗi lần đưa trang lên mạng, chương trình kiểm tra: con số và chữ "
        "\"tính từ\" có đúng trong điều, khoản được dẫn, và không thời hạn nào trong hai văn bản bị bỏ sót.\n",
        "Thời hạn ghi \"ngày làm việc\" chỉ tính ngày làm việc; thời hạn chỉ ghi \"ngày\" thì văn bản không nói "
        "là ngày làm việc.\n",
    ]
    for name, rows in groups.items():
        out.append(f"## {name}\n")
        out.append('<div class="thoi-han-bang" markdown>\n')  # cards on phones (site.css)
        out.append("| Thời hạn | Việc phải làm | Ai | Tính từ | Căn cứ |\n|---|---|---|---|---|")
        for r in rows:
            since = _md(r.tu_khi) if r.tu_khi else "—"
            out.append(f"| **{r.thoi_han}** | {_md(r.viec)} | {_md(r.ai)} | {since} | {_md(f'[[{r.can_cu}]]')} |")
        out.append("\n</div>\n")
    return "\n".join(out)


@dataclass(frozen=True)
class ViDu:
    """One worked example of non-pecuniary damages (Điều 27)."""

    tieu_de: str
    tinh_huong: str
    can_cu: str
    muc: str
    so_ngay: int | None
    rate: Fraction
    unit: str
    ceiling: bool = False
    """The clause gives a maximum ("không quá 50 tháng lương cơ sở"), not the amount."""


def parse_examples(text: str, luat: VanBan, shown: str = str(EXAMPLES_FILE)) -> list[ViDu]:
    doc = located_yaml.load(text, shown)
    if not isinstance(doc.data, list):
        raise ProblemsFound([Problem(shown, 1, 1, "expected a list of worked examples", "see the file header")])
    problems: list[Problem] = []
    out: list[ViDu] = []
    for i, item in enumerate(doc.data):
        line, col = doc.at(i)
        if not isinstance(item, dict) or any(k not in EXAMPLE_FIELDS for k in item) or \
                any(k not in item for k in EXAMPLE_FIELDS if k != "so_ngay"):
            problems.append(Problem(shown, line, col, f"example {i + 1} must have {', '.join(EXAMPLE_FIELDS[:4])} "
                                    "(and so_ngay for a rate per day)", "see the file header"))
            continue
        try:
            c = citations.parse(str(item["can_cu"]))
        except citations.CitationError as e:
            problems.append(Problem(shown, *doc.at(i, "can_cu"), f"can_cu is not a citation: {e}", "write e.g. điểm b khoản 3 Điều 27"))
            continue
        t = c.targets[0]
        if c.instrument != "luat" or len(c.targets) != 1 or t.dieu != 27 or not luat.has(t.dieu, t.khoan, t.diem):
            problems.append(Problem(shown, *doc.at(i, "can_cu"), f"can_cu '{item['can_cu']}' must be one existing unit of Điều 27",
                                    "the examples compute non-pecuniary damages (Điều 27)"))
            continue
        muc = str(item["muc"])
        m = RE_RATE.match(muc)
        unit_text = " ".join(luat.unit_text(t.dieu, t.khoan, t.diem).split())
        if not m or muc not in unit_text:
            problems.append(Problem(shown, *doc.at(i, "muc"), f"muc '{muc}' is not a rate printed in {item['can_cu']}",
                                    "copy the rate exactly, e.g. '05 ngày lương cơ sở'"))
            continue
        so_ngay = item.get("so_ngay")
        per_day = m["unit"] == "ngày" and "cho 01 ngày" in unit_text
        if per_day != (so_ngay is not None) or (so_ngay is not None and (not isinstance(so_ngay, int) or so_ngay <= 0)):
            problems.append(Problem(shown, *doc.at(i), f"example {i + 1}: so_ngay (a whole number of days) is needed "
                                    "exactly when the rate is per day", "add or remove so_ngay"))
            continue
        out.append(ViDu(str(item["tieu_de"]), str(item["tinh_huong"]), str(item["can_cu"]), muc, so_ngay,
                        Fraction(m["n"].replace(",", ".")), m["unit"], f"không quá {muc}" in unit_text))
    if problems:
        raise ProblemsFound(problems)
    return out


def load_examples(root: Path, luat: VanBan) -> list[ViDu]:
    path = root / EXAMPLES_FILE
    if not path.exists():
        raise ProblemsFound([Problem(str(EXAMPLES_FILE), 1, 1, "the worked examples file is missing", "restore it from git")])
    return parse_examples(path.read_text(encoding="utf-8"), luat)


def check_examples(root: Path, luat: VanBan) -> list[Problem]:
    try:
        load_examples(root, luat)
    except ProblemsFound as e:
        return e.problems
    return []


def amount(ex: ViDu, base: luong_co_so.LuongCoSo) -> Fraction:
    """The figure of an example: rate × days × (base ÷ 22) for day rates (khoản 7 Điều 27), rate × base for months."""
    if ex.unit == "tháng":
        return ex.rate * base.dong
    return ex.rate * (ex.so_ngay or 1) * Fraction(base.dong, 22)


def earlier_values(earlier: list[tuple[luong_co_so.LuongCoSo, dt.date]], newest: luong_co_so.LuongCoSo) -> str:
    """The sentence on claims accepted before the newest value applied (khoản 2 Điều 22), or ''."""
    if not earlier:
        return ""
    spans = luong_co_so.earlier_spans(earlier)
    return (f"Hồ sơ đã được thụ lý trước {newest.hieu_luc_tu:%d/%m/%Y}: giá trị thiệt hại tính theo mức lương cơ sở "
            f"tại ngày thụ lý, không theo mức trong ví dụ ([[khoản 2 Điều 22]]). Mức trước đó: {spans}. "
            "Nếu sau khi cơ quan đã thụ lý, người yêu cầu khởi kiện ra Tòa án (không đồng ý với quyết định giải quyết "
            "bồi thường, hoặc sau khi thương lượng), giá trị thiệt hại vẫn tính tại ngày cơ quan thụ lý hồ sơ trước đó "
            "([[khoản 2 Điều 22]]; [[khoản 2 Điều 52]]).\n")


def examples_page(examples: list[ViDu], base: luong_co_so.LuongCoSo,
                  earlier: list[tuple[luong_co_so.LuongCoSo, dt.date]] = ()) -> str:
    day = Fraction(base.dong, 22)
    out = [
        '---\ntitle: "Ví dụ tính tiền bồi thường thiệt hại về tinh thần"\n'
        'description: "Ví dụ bằng tiền đồng theo Điều 27 Luật Trách nhiệm bồi thường của Nhà nước và mức lương cơ sở hiện hành."\n---\n',
        "# Ví dụ tính tiền bồi thường thiệt hại về tinh thần\n",
        "Các ví dụ dưới đây chỉ tính **thiệt hại về tinh thần** theo [[Điều 27]]. Các thiệt hại khác (tài sản, "
        "thu nhập bị mất, sức khỏe, chi phí khác) được tính riêng theo [[Điều 23]] đến [[Điều 28]], theo giấy tờ chứng minh.\n",
        f"**Mức lương cơ sở dùng trong ví dụ:** {dong(base.dong)}/tháng, theo {base.van_ban}, "
        f"áp dụng từ {base.hieu_luc_tu:%d/%m/%Y}. Con số được kiểm tra ngày {base.ngay_doc:%d/%m/%Y} tại "
        f"<{base.nguon}>. Mức lương cơ sở có thể thay đổi; trước khi dùng, hãy kiểm tra mức đang áp dụng.\n",
        f"**Một ngày lương cơ sở** là 01 tháng lương cơ sở chia cho 22 ngày ([[khoản 7 Điều 27]]): "
        f"{dong(base.dong)} ÷ 22 = khoảng {dong(day)}.\n",
        "Giá trị thiệt hại được tính tại thời điểm cơ quan thụ lý hồ sơ, hoặc thời điểm Tòa án cấp sơ thẩm xác định "
        "giá trị thiệt hại ([[khoản 2 Điều 22]]). Vì vậy mức lương cơ sở áp dụng là mức tại thời điểm đó, "
        "không nhất thiết là mức trong ví dụ.\n",
    ]
    if earlier:
        out.append(earlier_values(list(earlier), base))
    for i, ex in enumerate(examples, 1):
        out.append(f"## Ví dụ {i}. {ex.tieu_de}\n")
        out.append(f"{ex.tinh_huong}\n")
        label = "Mức tối đa theo Luật" if ex.ceiling else "Mức theo Luật"
        out.append(f"**{label}:** {'không quá ' if ex.ceiling else ''}{ex.muc} ([[{ex.can_cu}]]).\n")
        total = amount(ex, base)
        if ex.unit == "tháng":
            out.append(f"**Cách tính{' mức tối đa' if ex.ceiling else ''}:** {_rate_of(ex.rate)} × {dong(base.dong)} = "
                       f"**{'tối đa ' if ex.ceiling else ''}{dong(total)}**.\n")
        else:
            days = ex.rate * (ex.so_ngay or 1)
            out.append(f"**Cách tính:** {_rate_of(ex.rate)} ngày lương cơ sở × {ex.so_ngay} ngày = {_rate_of(days)} ngày lương cơ sở; "
                       f"{_rate_of(days)} × {dong(base.dong)} ÷ 22 = **khoảng {dong(total)}**.\n")
    out.append("Các ví dụ chỉ để minh họa cách tính. Số tiền thực tế do cơ quan giải quyết bồi thường hoặc Tòa án "
               "xác định theo hồ sơ của từng vụ việc.\n")
    return "\n".join(out)


def _rate_of(value: Fraction) -> str:
    """A count of base-salary days in Vietnamese: 1.095; 0,5."""
    if value.denominator == 1:
        return f"{value.numerator:,}".replace(",", ".")
    return f"{float(value):g}".replace(".", ",")


def generated_pages(root: Path, vanban: dict[str, VanBan]) -> dict[str, str]:
    """The two pages, or none when their data has problems (publish reports those before building)."""
    out: dict[str, str] = {}
    try:
        out[PAGES["thoi-han"]] = thoi_han_page(thoi_han.load(root, vanban))
    except ProblemsFound:
        pass
    try:
        records = luong_co_so.load(root)
        out[PAGES["vi-du"]] = examples_page(load_examples(root, vanban["luat"]), records[-1], luong_co_so.earlier(records))
    except ProblemsFound:
        pass
    return out
