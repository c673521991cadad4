"""Generate the Markdown pages of an instrument from its legal model.

The official text lives once in the repo (``sources/``); its pages are made
from it at build time, so an article is never copied by hand. Output is plain
Markdown for Python-Markdown with our extensions, and knows nothing of MkDocs:
:func:`instrument_pages` returns ``{docs path: Markdown}``.

Pages per instrument (``<dir>`` is :attr:`Instrument.url_dir`):

* ``<dir>/index.md``      table of contents with metadata and status;
* ``<dir>/dieu-N.md``     one article, ids relative (``khoan-1``);
* ``<dir>/chuong-N.md``   one chapter (instruments that have chapters);
* ``<dir>/toan-van.md``   the whole text for reading and printing;
* ``<dir>/nguon.md``      where the text comes from and its status.
"""

from __future__ import annotations

import datetime as dt
import json

from . import ids, sources_page
from .instruments import Instrument
from .model import Chuong, Dieu, VanBan


def vn_date(value: object) -> str:
    """``2018-07-01`` → ``01/7/2018`` (the way Vietnamese official texts write dates)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if not isinstance(value, dt.date):
        raise ValueError(f"not a date: {value!r}")
    return f"{value.day:02d}/{value.month}/{value.year}"


def front_matter(**fields: object) -> str:
    """YAML front matter; values are JSON-encoded, which is valid YAML."""
    lines = ["---"]
    for k, v in fields.items():
        if v is not None:
            lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def json_ld(vb: VanBan, inst: Instrument, dieu: Dieu | None = None) -> dict:
    """schema.org ``Legislation`` for the instrument, or for one article as part of it."""
    m = vb.meta
    doc = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": m["title"],
        "legislationIdentifier": m["so_hieu"],
        "legislationType": inst.kind,
        "legislationDate": str(m["ngay_ban_hanh"]),
        "datePublished": str(m["ngay_ban_hanh"]),
        "legislationDateVersion": str(m["ngay_ban_hanh"]),
        "temporalCoverage": f"{m['ngay_hieu_luc']}/..",
        "legislationLegalForce": "https://schema.org/InForce",
        "legislationJurisdiction": "VN",
        "inLanguage": "vi",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": m["co_quan_ban_hanh"]},
        "author": {"@type": "GovernmentOrganization", "name": m["co_quan_ban_hanh"]},
    }
    if dieu is None:
        return doc
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{dieu.heading} — {inst.kind} số {m['so_hieu']}",
        "legislationIdentifier": f"{m['so_hieu']}, Điều {dieu.number}",
        "legislationType": inst.kind,
        "inLanguage": "vi",
        "isPartOf": {k: v for k, v in doc.items() if k != "@context"},
    }


def meta_line(vb: VanBan, inst: Instrument) -> str:
    """One-line metadata shown on every page of the instrument."""
    m = vb.meta
    passed = "Ngày thông qua" if inst.kind == "Luật" else "Ngày ban hành"
    # md_in_html keeps this out of the article's text (see md_structure).
    return (
        '<div class="law-meta" markdown>\n\n'
        f"**Số hiệu:** {m['so_hieu']} · **Cơ quan ban hành:** {m['co_quan_ban_hanh']} · "
        f"**{passed}:** {vn_date(m['ngay_ban_hanh'])} · **Ngày hiệu lực:** {vn_date(m['ngay_hieu_luc'])}\n\n"
        "</div>\n"
    )


def status_notice(vb: VanBan, inst: Instrument, link: str = "nguon.md", collapsed: bool = False) -> str:
    """The visible, honest statement of what this text is and is not.

    On article pages it is collapsed: the title alone states the status, the
    details open on demand, so the article text stays near the top on phones.
    """
    m = vb.meta
    kind = inst.kind
    marker = "???" if collapsed else "!!!"
    text = (
        f'{marker} note "Phiên bản: nguyên văn {vn_date(m["ngay_ban_hanh"])[-4:]} theo Bộ pháp điển, chưa phản ánh sửa đổi (nếu có)"\n\n'
        f"    Đây là nguyên văn {kind} số {m['so_hieu']} như khi ban hành, có hiệu lực từ "
        f"{vn_date(m['ngay_hieu_luc'])}, lấy từ Bộ pháp điển điện tử của Bộ Tư pháp. "
        f"Các sửa đổi, bổ sung sau này (nếu có) không được cập nhật ở đây; ví dụ, văn bản còn nhắc "
        f"các cơ quan \"cấp huyện\" mà việc sắp xếp chính quyền địa phương năm 2025 đã thay đổi. "
        f"Hãy kiểm tra tình trạng hiệu lực hiện hành trên Cơ sở dữ liệu quốc gia về văn bản pháp luật "
        f"(vbpl.vn) hoặc Công báo. [Nguồn và cách đối chiếu văn bản]({link})\n"
    )
    return text


def _dieu_body(d: Dieu) -> str:
    if d.missing is not None:
        return (
            '!!! warning "Thiếu nội dung"\n\n'
            "    Nguồn chính thức được dùng không có nội dung của điều này; trang này không tự điền.\n"
        )
    return "\n\n".join(p.text for p in d.doan) + "\n"


def _crumbs(vb: VanBan, inst: Instrument, d: Dieu) -> str:
    parts = [f"[{inst.kind} số {vb.meta['so_hieu']}](index.md)"]
    c = vb.chuong_of(d.number)
    if c is not None:
        parts.append(f"[{c.heading}. {c.title}]({ids.chuong_page(c.roman)})")
        mc = vb.muc_of(d.number)
        if mc is not None:
            parts.append(f"[Mục {mc.number}. {mc.title}]({ids.chuong_page(c.roman)}#muc-{mc.number})")
    return " › ".join(parts) + "\n{: .law-crumbs }\n"


def _pager(vb: VanBan, d: Dieu) -> str:
    nums = sorted(vb.dieu)
    i = nums.index(d.number)
    links = []
    if i > 0:
        prev = vb.dieu[nums[i - 1]]
        links.append(f"[← {prev.heading}]({ids.dieu_page(prev.number)}){{ .law-prev rel=prev }}")
    if i + 1 < len(nums):
        nxt = vb.dieu[nums[i + 1]]
        links.append(f"[{nxt.heading} →]({ids.dieu_page(nxt.number)}){{ .law-next rel=next }}")
    return "\n".join(links) + "\n{: .law-pager }\n"


def dieu_page(vb: VanBan, inst: Instrument, d: Dieu, related: str = "", changes: str = "") -> str:
    """Markdown of one article page (``changes``: the later-changes notices, see lawsite.changes_render)."""
    c = vb.chuong_of(d.number)
    mc = vb.muc_of(d.number)
    where = f"{c.heading}" + (f", Mục {mc.number}" if mc else "") if c else ""
    out = [
        front_matter(
            title=d.heading,
            description=f"{d.heading} — {inst.kind} số {vb.meta['so_hieu']}" + (f" ({where})" if where else ""),
            van_ban=inst.key,
            dieu=d.number,
            json_ld=json_ld(vb, inst, d),
        ),
        f"<!-- van-ban: {inst.key} -->\n",
        _crumbs(vb, inst, d),
        _heading(d, 1),
        meta_line(vb, inst),
        status_notice(vb, inst, collapsed=True),
        *([changes] if changes else []),
        _dieu_body(d),
        "---\n",
    ]
    if related:
        out.append(related)
    out.append(_pager(vb, d))
    return "\n".join(out)


def _heading(d: Dieu, level: int) -> str:
    """Article heading; ``{ chuong=N muc=M }`` tells md_structure where the article sits."""
    where = " ".join(f"{k}={v}" for k, v in (("chuong", d.chuong), ("muc", d.muc)) if v is not None)
    return f"{'#' * level} {d.heading}" + (f" {{ {where} }}" if where else "") + "\n"


def _articles_block(vb: VanBan, numbers: list[int], level: int) -> str:
    return "\n".join(f"{_heading(vb.dieu[n], level)}\n{_dieu_body(vb.dieu[n])}" for n in numbers)


def chuong_page(vb: VanBan, inst: Instrument, c: Chuong) -> str:
    """Markdown of one chapter page (articles with prefixed ids)."""
    out = [
        front_matter(title=f"{c.heading}. {c.title}",
               description=f"{c.heading}. {c.title} — {inst.kind} số {vb.meta['so_hieu']}",
               van_ban=inst.key, chuong=c.number, search={"exclude": True}),
        f"<!-- van-ban: {inst.key} -->\n",
        f"[{inst.kind} số {vb.meta['so_hieu']}](index.md) › [Toàn văn]({ids.WHOLE_TEXT_PAGE}#chuong-{c.number})\n{{: .law-crumbs }}\n",
        f"# {c.heading}. {c.title}\n",
        meta_line(vb, inst),
    ]
    loose = [n for n in c.dieu if vb.dieu[n].muc is None]
    if loose:
        out.append(_articles_block(vb, loose, 3))
    for mc in c.muc:
        out.append(f"## Mục {mc.number}. {mc.title} {{ #muc-{mc.number} }}\n")
        out.append(_articles_block(vb, mc.dieu, 3))
    out.append("---\n")
    out.append(status_notice(vb, inst))
    return "\n".join(out)


def _missing_notice(text: str) -> str:
    return (
        '!!! warning "Phần này không có trong nguồn"\n\n'
        f"    Nguồn chính thức được dùng không có phần này ({text}). Trang không tự điền.\n"
    )


def toan_van_page(vb: VanBan, inst: Instrument) -> str:
    """Markdown of the whole text on one page, for reading and printing."""
    m = vb.meta
    out = [
        front_matter(title=f"Toàn văn {inst.kind} số {m['so_hieu']}",
               description=f"{m['title']} — toàn văn {inst.kind} số {m['so_hieu']}",
               van_ban=inst.key, search={"exclude": True}, json_ld=json_ld(vb, inst)),
        f"<!-- van-ban: {inst.key} toan-van -->\n",
        f"# {m['title']}\n",
        meta_line(vb, inst),
        status_notice(vb, inst),
    ]
    first_line = min(d.line for d in vb.dieu.values())
    for mk in vb.missing:
        if mk.line < first_line:
            out.append(_missing_notice(mk.text))
    if vb.chuong:
        for c in vb.chuong:
            out.append(f"## {c.heading}. {c.title} {{ #chuong-{c.number} }}\n")
            loose = [n for n in c.dieu if vb.dieu[n].muc is None]
            if loose:
                out.append(_articles_block(vb, loose, 4))
            for mc in c.muc:
                out.append(f"### Mục {mc.number}. {mc.title} {{ #chuong-{c.number}-muc-{mc.number} }}\n")
                out.append(_articles_block(vb, mc.dieu, 4))
    else:
        out.append(_articles_block(vb, sorted(vb.dieu), 4))
    out.append("---\n")
    for mk in vb.missing:
        if mk.line > first_line and mk.dieu is None:
            out.append(_missing_notice(mk.text))
    return "\n".join(out)


def index_page(vb: VanBan, inst: Instrument) -> str:
    """Table of contents of the instrument."""
    m = vb.meta
    out = [
        front_matter(title=f"{inst.kind} số {m['so_hieu']}", description=m["title"], van_ban=inst.key,
               json_ld=json_ld(vb, inst)),
        f"# {m['title']}\n",
        meta_line(vb, inst),
        status_notice(vb, inst),
        f"[Đọc toàn văn trên một trang]({ids.WHOLE_TEXT_PAGE}) · [Nguồn và tình trạng văn bản](nguon.md)\n",
        "## Mục lục\n",
    ]

    def items(numbers: list[int], indent: str = "") -> str:
        return "\n".join(
            f"{indent}- [{vb.dieu[n].heading}]({ids.dieu_page(n)})" for n in numbers
        )

    if vb.chuong:
        for c in vb.chuong:
            out.append(f"### [{c.heading}. {c.title}]({ids.chuong_page(c.roman)}) {{ #muc-luc-chuong-{c.number} }}\n")
            loose = [n for n in c.dieu if vb.dieu[n].muc is None]
            if loose:
                out.append(items(loose) + "\n")
            for mc in c.muc:
                out.append(f"- [Mục {mc.number}. {mc.title}]({ids.chuong_page(c.roman)}#muc-{mc.number})\n"
                           + items(mc.dieu, "    ") + "\n")
    else:
        out.append(items(sorted(vb.dieu)) + "\n")
    return "\n".join(out)


def nguon_page(vb: VanBan, inst: Instrument) -> str:
    """Where the text comes from, what it lacks and its status, for readers.

    The maintainers' record (repositories, commits, crawl notes: the ``nguon`` entries naming a
    repository and ``ghi_chu``) stays in the source file and ``sources/PROVENANCE.md``."""
    m = vb.meta
    official = [s for s in m.get("nguon", []) if not s.startswith("github:")]
    missing = sources_page.missing_parts(inst.key, vb)
    out = [
        front_matter(title=f"Nguồn và tình trạng — {inst.kind} số {m['so_hieu']}",
               description=f"Nguồn, cách đối chiếu và tình trạng văn bản {inst.kind} số {m['so_hieu']}"),
        f"# Nguồn và tình trạng văn bản: {inst.kind} số {m['so_hieu']}\n",
        meta_line(vb, inst),
        status_notice(vb, inst, link="../nguon-van-ban.md"),
        "## Nguồn\n",
        "\n".join(f"- {s}" for s in official) + "\n" if official else "Bộ pháp điển điện tử của Bộ Tư pháp.\n",
        "## Phần không có trong nguồn\n",
        "\n".join(f"- {x[0].upper()}{x[1:]}." for x in missing) + "\n" if missing else "Không có.\n",
        "Cách văn bản được kiểm tra: [Nguồn văn bản](../nguon-van-ban.md).\n",
        "Văn bản chỉ có giá trị tham khảo; bản có giá trị pháp lý là bản đăng Công báo.\n",
    ]
    return "\n".join(out)


def instrument_pages(vb: VanBan, inst: Instrument, related: dict[int, str] | None = None,
                     changes: dict[int, str] | None = None) -> dict[str, str]:
    """All pages of an instrument: ``{path under docs/: Markdown}``.

    ``related`` maps an article number to extra Markdown shown after its text
    (the "Văn bản hướng dẫn" links between instruments); ``changes`` to the
    "Thay đổi sau khi ban hành" notices shown above it.
    """
    related = related or {}
    changes = changes or {}
    d = inst.url_dir
    pages = {
        f"{d}/index.md": index_page(vb, inst),
        f"{d}/{ids.WHOLE_TEXT_PAGE}": toan_van_page(vb, inst),
        f"{d}/nguon.md": nguon_page(vb, inst),
    }
    for c in vb.chuong:
        pages[f"{d}/{ids.chuong_page(c.roman)}"] = chuong_page(vb, inst, c)
    for n, art in vb.dieu.items():
        pages[f"{d}/{ids.dieu_page(n)}"] = dieu_page(vb, inst, art, related.get(n, ""), changes.get(n, ""))
    return pages


def nav(vb: VanBan, inst: Instrument, label: str) -> dict:
    """MkDocs nav entry for the instrument (chapters as sections, articles inside)."""
    d = inst.url_dir
    children: list = [{"Mục lục": f"{d}/index.md"}]
    if vb.chuong:
        for c in vb.chuong:
            items: list = [{f"{c.heading} (cả chương)": f"{d}/{ids.chuong_page(c.roman)}"}]
            items += [{vb.dieu[n].heading: f"{d}/{ids.dieu_page(n)}"} for n in c.dieu]
            children.append({f"{c.heading}. {c.title.capitalize()}": items})
    else:
        children += [{vb.dieu[n].heading: f"{d}/{ids.dieu_page(n)}"} for n in sorted(vb.dieu)]
    children.append({"Toàn văn": f"{d}/{ids.WHOLE_TEXT_PAGE}"})
    children.append({"Nguồn và tình trạng": f"{d}/nguon.md"})
    return {label: children}
