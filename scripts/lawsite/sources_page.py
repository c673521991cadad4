"""The reader-facing "Nguồn văn bản" page: where the texts come from, how they were checked, what is missing.

``sources/PROVENANCE.md`` is the maintainers' record (repositories, commits, blobs, crawl
details): it stays in the repository for review and is not published. Readers get this page
instead, generated from the imported corpus so that it never disagrees with what the site
shows: each registered instrument with its number, issuer, dates, counts of articles, clauses
and points, a link to its text, and the parts the official compilation lacks (from the
``<!-- MISSING: ... -->`` markers of the source, in plain Vietnamese).
"""

from __future__ import annotations

from datetime import date

from .instruments import INSTRUMENTS
from .model import VanBan

PAGE = "nguon-van-ban.md"

MISSING_VI = (
    ("preamble", "phần mở đầu (căn cứ ban hành)"),
    ("closing lines", "phần kết và chữ ký"),
    ("chapter/section headings", "tên các chương, mục (các điều vẫn đủ và theo đúng số thứ tự)"),
)
"""How a source's MISSING marker (English, for maintainers) is said to readers, by its first words."""

ATTACHMENTS = {
    "tt04": (3, "nội dung 21 biểu mẫu (tên các biểu mẫu có trong Điều 3)"),
    "tt08": (32, "biểu mẫu ban hành kèm theo Thông tư (nêu tại Điều 32)"),
    "tt09": (17, "phụ lục ban hành kèm theo Thông tư (nêu tại Điều 17)"),
}
"""Attached forms the compilation links to as files that were not available (sources/PROVENANCE.md)."""


def missing_vi(text: str) -> str:
    """A MISSING marker in reader's words (unknown markers are shown as written, never hidden)."""
    for prefix, said in MISSING_VI:
        if text.startswith(prefix):
            return said
    return text


def _date(value) -> str:
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


def counts(vb: VanBan) -> tuple[int, int, int]:
    """(articles, clauses, points) as published: every one has its own address on the site."""
    khoan = sum(1 for d in vb.dieu.values() for p in d.doan if p.kind == "khoan")
    diem = sum(1 for d in vb.dieu.values() for p in d.doan if p.kind == "diem")
    return len(vb.dieu), khoan, diem


def _row(key: str, vb: VanBan) -> str:
    inst = INSTRUMENTS[key]
    n_dieu, n_khoan, n_diem = counts(vb)
    m = vb.meta
    name = f"[{inst.kind} {inst.so_hieu}](/{inst.url_dir}/index.md)"
    return (f"| {name} | {m.get('co_quan_ban_hanh', '')} | {_date(m.get('ngay_ban_hanh', ''))} "
            f"| {_date(m.get('ngay_hieu_luc', ''))} | {n_dieu} điều, {n_khoan} khoản, {n_diem} điểm |")


def missing_parts(key: str, vb: VanBan) -> list[str]:
    """What the published text of an instrument lacks, in readers' words (MISSING markers, attached forms)."""
    parts = list(dict.fromkeys(missing_vi(x.text) for x in vb.missing))
    if key in ATTACHMENTS:
        parts.append(ATTACHMENTS[key][1])
    return parts


def _missing(key: str, vb: VanBan) -> str:
    inst = INSTRUMENTS[key]
    parts = missing_parts(key, vb)
    if not parts:
        return f"- {inst.kind} {inst.so_hieu}: không thiếu phần nào."
    return f"- {inst.kind} {inst.so_hieu}: thiếu " + "; ".join(parts) + "."


def page(vanban: dict[str, VanBan]) -> str:
    """Markdown of the page for the instruments in ``vanban`` (registry order)."""
    keys = [k for k in INSTRUMENTS if k in vanban]
    total = sum(len(vanban[k].dieu) for k in keys)
    rows = "\n".join(_row(k, vanban[k]) for k in keys)
    missing = "\n".join(_missing(k, vanban[k]) for k in keys)
    return f"""---
title: "Nguồn văn bản"
description: "Văn bản trên trang lấy từ đâu, được kiểm tra thế nào và còn thiếu phần nào."
---

# Nguồn văn bản

Văn bản trên trang này chỉ có giá trị tham khảo. Bản có giá trị pháp lý là bản đăng Công báo.

## Văn bản lấy từ đâu

Lời văn của từng điều được sao nguyên văn từ **Bộ pháp điển điện tử** của Bộ Tư pháp
([phapdien.moj.gov.vn](https://phapdien.moj.gov.vn/)), đề mục 37.8 "Trách nhiệm bồi thường của Nhà nước".
Bộ pháp điển chép lại từng điều của văn bản gốc và ghi rõ điều đó thuộc văn bản nào. Trang này không
gõ lại, không viết lại và không sửa chữ nào trong các điều.

| Văn bản | Cơ quan ban hành | Ngày ban hành | Ngày có hiệu lực | Có trên trang |
|---|---|---|---|---|
{rows}

Tổng cộng {total} điều. Mỗi điều, khoản, điểm có một địa chỉ riêng (xem [Quy ước địa chỉ](gioi-thieu/quy-uoc.md)).

## Văn bản được kiểm tra thế nào

- Văn bản được chương trình máy tính chép ra từ trang của Bộ pháp điển, không chép tay.
- Có hai bản lưu trang đề mục 37.8 ở hai thời điểm khác nhau (tháng 02/2025 và tháng 01/2026). Hai bản
  được so với nhau từng ký tự: mọi điều đều trùng khớp.
- Một số điều của Luật (Điều 1, Điều 13, điểm đ khoản 6 Điều 46) được so thêm với các trang khác có đăng
  Luật: đều khớp.
- Mỗi lần đưa trang lên mạng, chương trình kiểm tra lại: đủ số điều, khoản, điểm; đúng thứ tự; mọi chỗ
  dẫn chiếu "khoản … Điều …" đều trỏ đến đúng điều, khoản có thật.
- Chỗ nào nguồn in khác thường (ví dụ trùng ký hiệu điểm, gõ sai dấu) thì giữ nguyên như nguồn và có
  ghi chú ngay tại chỗ.

## Những phần còn thiếu

Bộ pháp điển chỉ chép các điều. Vì vậy trang này không có:

{missing}

Các điều vẫn đầy đủ. Nếu bạn cần các phần trên, hãy xem bản đăng Công báo.

## Văn bản đã được sửa đổi chưa?

Trong Bộ pháp điển, không điều nào của các văn bản trên có ghi chú sửa đổi, bổ sung (tại hai thời điểm
nói trên). Lời văn trên trang là lời văn ban hành ban đầu. Một số văn bản ban hành sau có thể làm thay đổi
cách áp dụng, ví dụ việc sắp xếp bộ máy năm 2025 (không còn cấp huyện). Các thay đổi đã biết được ghi
ở [trang chủ](index.md) và ngay tại điều bị ảnh hưởng.
"""
