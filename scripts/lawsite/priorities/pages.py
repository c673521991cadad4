"""Pages made from the letters, as Markdown (MkDocs knows nothing of letters; this module knows nothing of MkDocs)."""

from __future__ import annotations

import datetime as dt
import re

from .. import citations
from ..instruments import LUAT
from ..md_citations import docs_href
from ..model import VanBan
from ..pages import front_matter
from .model import INDEX, NO_DEADLINE, SIC_ANCHOR, SIC_LABEL, STATUS_BOXES, CanCu, CongVan, Doan, DoiTuong

# --------------------------------------------------------------------------
# Markdown helpers
# --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


def md(text: str) -> str:
    """Verbatim text as Markdown inline content: nothing in it is read as markup."""
    s = _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
    s = re.sub(r"^([0-9]+)\.(\s)", r"\1\\.\2", s)  # "1. " would start an ordered list
    s = re.sub(r"^([-+>])", r"\\\1", s)
    return s


def _with_sic(text: str, cv: CongVan, href: str) -> str:
    """Escaped ``text`` with a ``[nguyên văn]`` marker after each word kept as printed (see ``nguyen_van``)."""
    out = md(text)
    for word, reading in cv.nguyen_van.items():
        title = f"Bản gốc ghi “{word}”; có lẽ là “{reading}”. Trang giữ nguyên chữ của bản gốc."
        marker = f' [\\[{SIC_LABEL}\\]]({href} "{title}"){{ .sic }}'
        out = out.replace(md(word), md(word) + marker)
    return out


def vn_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def doc_url(doc: str) -> str:
    """Site-relative URL of a docs path (directory URLs): ``/nhiem-vu-trong-tam/2024.md`` → ``nhiem-vu-trong-tam/2024/``."""
    path, _, frag = doc.lstrip("/").partition("#")
    path = path[:-3] if path.endswith(".md") else path
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    elif path:
        path += "/"
    return path + (f"#{frag}" if frag else "")


def _abs(site_url: str | None, doc: str) -> str | None:
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + doc_url(doc)


def _can_cu_link(c: CanCu, site_url: str | None) -> str:
    doc = docs_href(c.target)
    url = _abs(site_url, doc)
    attrs = ".can-cu" + (f' data-url="{url}"' if url else "")
    return f"[{md(c.text)}]({doc}){{ {attrs} }}"


def _law_excerpt(vanban: dict[str, VanBan], t: citations.Target) -> str:
    """The cited unit's own words: a point, or a clause's first paragraph (" …" when the clause goes on)."""
    d = vanban[t.instrument].dieu[t.dieu]
    if t.khoan is None and t.diem is None:
        return d.heading
    if t.diem is not None:
        return next(p.text for p in d.doan if p.kind == "diem" and p.khoan == t.khoan and p.diem == t.diem)
    paras = [p for p in d.doan if p.khoan == t.khoan]
    first = next(p for p in paras if p.kind == "khoan")
    return first.text + (" …" if len(paras) > 1 else "")


def _print_url(site_url: str | None, doc: str) -> str:
    url = _abs(site_url, doc)
    return f"Bản trực tuyến: {md(url)}\n{{: .print-only .print-url }}\n" if url else ""


def _meta_line(cv: CongVan) -> str:
    return (
        '<div class="law-meta" markdown>\n\n'
        f"**Số hiệu:** {md(cv.so_hieu)} · **Loại văn bản:** Công văn · **Cơ quan ban hành:** {md(cv.co_quan)} · "
        f"**Ngày ban hành:** {vn_date(cv.ngay)} · **Người ký:** {md(cv.nguoi_ky)}\n\n"
        "</div>\n"
    )


def _crumbs(cv: CongVan | None = None) -> str:
    parts = [f"[Nhiệm vụ trọng tâm](/{INDEX})"]
    if cv is not None:
        parts.append(f"[Công văn {md(cv.so_hieu)} ({cv.nam})]({cv.letter_doc})")
    return " › ".join(parts) + "\n{: .law-crumbs }\n"


def _views_line(cv: CongVan, current: str | None = None) -> str:
    links = [("Toàn văn Công văn", cv.letter_doc), ("Nhiệm vụ và căn cứ pháp lý", cv.tasks_doc)]
    links += [(f"Bảng theo dõi: dành cho {d.label}", cv.view_doc(d)) for d in cv.doi_tuong_list()]
    items = [f"[{md(label)}]({doc})" for label, doc in links if doc != current]
    return " · ".join(items) + "\n{: .nv-views }\n"


def legislation_ld(cv: CongVan, site_url: str | None) -> dict:
    """schema.org ``Legislation`` describing the letter."""
    ld: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"Công văn số {cv.so_hieu} của {cv.co_quan} " + re.sub(r"^V/v\s+", "về việc ", cv.trich_yeu_text),
        "alternateName": f"Công văn {cv.so_hieu}",
        "legislationIdentifier": cv.so_hieu,
        "legislationDate": cv.ngay.isoformat(),
        "legislationType": "Công văn",
        "inLanguage": "vi",
        "author": {"@type": "GovernmentOrganization", "name": cv.co_quan},
        "legislationJurisdiction": "Việt Nam",
        "about": {"@type": "Legislation", "name": LUAT.short_title, "legislationIdentifier": LUAT.so_hieu},
    }
    url = _abs(site_url, cv.letter_doc)
    if url:
        ld["url"] = url
        ld["@id"] = url
        ld["about"]["url"] = _abs(site_url, f"/{LUAT.url_dir}/index.md")
    return ld


def _page_ld(cv: CongVan, name: str, doc: str, site_url: str | None) -> dict:
    ld: dict = {"@context": "https://schema.org", "@type": "WebPage", "name": name, "inLanguage": "vi",
                "about": {k: v for k, v in legislation_ld(cv, site_url).items() if k != "@context"}}
    url = _abs(site_url, doc)
    if url:
        ld["url"] = url
    return ld


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def _p(d: Doan, cls: str | None = None, text: str | None = None) -> str:
    body = text if text is not None else "<br>\n".join(md(ln) for ln in d.lines)
    return body + (f"\n{{: .{cls} }}" if cls else "") + "\n"


def _div(cls: str, *parts: str) -> str:
    return f'<div class="{cls}" markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


def letter_markdown(cv: CongVan, site_url: str | None = None) -> str:
    """The letter page: metadata, links to its views, the letter laid out as printed, the [nguyên văn] note."""
    sic = f"#{SIC_ANCHOR}"
    out = [
        _crumbs(),
        f"# {md(cv.meta.get('title') or f'Công văn {cv.so_hieu}')}\n",
        _meta_line(cv),
        _print_url(site_url, cv.letter_doc),
        f'!!! info "Nguyên văn Công văn"\n\n'
        f"    Dưới đây là nguyên văn Công văn số {md(cv.so_hieu)} như bản nhận được "
        f"([nguồn](/nguon-van-ban.md)); văn bản chỉ có giá trị tham khảo. "
        f"Các nhiệm vụ trong Công văn được tách riêng, kèm căn cứ pháp lý trong Luật, tại "
        f"[Nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}).\n",
        _views_line(cv, cv.letter_doc),
    ]
    head_left = [_p(d, "cv-issuer") for d in cv.co_quan_dong]
    if cv.so:
        head_left.append(_p(cv.so, "cv-so"))
    if cv.trich_yeu:
        head_left.append(_p(cv.trich_yeu, "cv-trich-yeu"))
    head_right = []
    for d, cls in ((cv.quoc_hieu, "cv-quoc-hieu"), (cv.tieu_ngu, "cv-tieu-ngu"), (cv.dia_danh_ngay, "cv-ngay")):
        if d is not None:
            head_right.append(_p(d, cls))
    letter = [_div("cv-head", _div("cv-head__issuer", *head_left), _div("cv-head__nation", *head_right))]
    if cv.kinh_gui is not None:
        letter.append(_div("cv-kinh-gui", _p(cv.kinh_gui, "cv-label"),
                           "".join(f"- {_with_sic(d.text, cv, sic)}\n" for d in cv.kinh_gui_items)))
    letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in cv.mo_dau]
    for part in cv.phan:
        letter.append(f"## {md(part.heading.text)} {{ #phan-{part.roman.lower()} }}\n")
        letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in part.intro]
        for t in part.tasks:
            letter.append(f"{_with_sic(t.text, cv, sic)}\n{{ #{t.id} .cv-task }}\n")
            letter += [_p(d, "cv-task-more", _with_sic(d.text, cv, sic)) for d in t.doan[1:]]
    letter += [_p(d, text=_with_sic(d.text, cv, sic)) for d in cv.ket]
    if cv.noi_nhan_nhan is not None:
        noi_nhan = _div("cv-noi-nhan", _p(cv.noi_nhan_nhan, "cv-label"),
                        "".join(f"- {_with_sic(d.text, cv, sic)}\n" for d in cv.noi_nhan_items))
        ky = _div("cv-ky", *[_p(d, "cv-chuc-vu") for d in cv.chu_ky[:-1]],
                  *([_p(cv.chu_ky[-1], "cv-nguoi-ky")] if cv.chu_ky else []))
        letter.append(_div("cv-foot", noi_nhan, ky))
    out.append(_div("cv-letter", *letter))
    if cv.nguyen_van:
        out.append(f"## Ghi chú về chữ giữ nguyên văn {{ #{SIC_ANCHOR} }}\n")
        for word, reading in cv.nguyen_van.items():
            where = [t for t in cv.tasks if word in t.text]
            at = ", ".join(f"[nhiệm vụ {t.label}](#{t.id})" for t in where)
            out.append(f"- Bản gốc ghi “{md(word)}”" + (f" ({at})" if at else "")
                       + f"; theo ngữ cảnh có lẽ là “{md(reading)}”. Trang giữ nguyên chữ của bản gốc và "
                       f"đánh dấu **\\[{SIC_LABEL}\\]** ngay sau chữ đó.\n")
    return "\n".join(out)


def _who(d: DoiTuong, site_url: str | None) -> str:
    text = f"**Cơ quan thực hiện:** {md(d.thuc_hien)}"
    if d.giup_viec and d.giup_viec_can_cu:
        c = citations.parse(d.giup_viec_can_cu)
        cc = CanCu(d.giup_viec_can_cu, c.targets[0], 0, 0)
        text += f"; {md(d.giup_viec)} giúp thực hiện ({_can_cu_link(cc, site_url)})"
    return text


def tasks_page(cv: CongVan, vanban: dict[str, VanBan], site_url: str | None = None) -> str:
    """Every task of a letter: stable id, who acts, verbatim text, căn cứ with the clause's own words."""
    doc = cv.tasks_doc
    n = len(cv.tasks)
    title = f"Nhiệm vụ trọng tâm năm {cv.nam} và căn cứ pháp lý"
    counts = "; ".join(f"{len(cv.tasks_of(d))} nhiệm vụ của {d.label}" for d in cv.doi_tuong_list())
    out = [
        front_matter(title=title,
               description=f"{n} nhiệm vụ trọng tâm công tác bồi thường nhà nước năm {cv.nam} theo Công văn số "
                           f"{cv.so_hieu} của {cv.co_quan}, mỗi nhiệm vụ kèm căn cứ trong {LUAT.short_title}.",
               json_ld=_page_ld(cv, title, doc, site_url)),
        _crumbs(cv),
        f"# {md(title)}\n",
        _meta_line(cv),
        _print_url(site_url, doc),
        f"Công văn số {md(cv.so_hieu)} ngày {vn_date(cv.ngay)} của {md(cv.co_quan)} nêu {n} nhiệm vụ ({counts}). "
        "Mỗi nhiệm vụ dưới đây có mã cố định, cơ quan thực hiện, nguyên văn lời Công văn và căn cứ pháp lý.\n",
        '!!! note "Căn cứ pháp lý do trang này đối chiếu"\n\n'
        "    Công văn không tự ghi căn cứ. Mục **Căn cứ pháp lý** liệt kê các khoản, điểm của "
        f"Luật số {LUAT.so_hieu} (và của văn bản hướng dẫn, nếu văn bản đó quy định cụ thể hơn) giao trách nhiệm "
        "tương ứng cho cơ quan thực hiện, kèm lời của chính khoản, điểm đó để bạn tự đối chiếu. Căn cứ không ghi "
        f"tên văn bản là của {LUAT.short_title}.\n",
        _views_line(cv, doc),
    ]
    for part in cv.phan:
        out.append(f"## {md(part.heading.text)} {{ #phan-{part.roman.lower()} }}\n")
        for t in part.tasks:
            out.append(f"### Nhiệm vụ {t.label} {{ #{t.id} }}\n")
            body = [f"**Mã:** `{t.id}` · {_who(t.doi_tuong, site_url)}\n"]
            quote = "\n>\n".join(f"> {_with_sic(d.text, cv, cv.letter_doc + '#' + SIC_ANCHOR)}" for d in t.doan)
            body.append(quote + "\n")
            body.append(f"**Căn cứ pháp lý** ({md(LUAT.short_title)}, trừ khi ghi tên văn bản khác):\n")
            body.append("".join(
                f"- {_can_cu_link(c, site_url)}: “{md(_law_excerpt(vanban, c.target))}”\n" for c in t.can_cu))
            if t.ghi_chu:
                body.append(f"**Ghi chú:** {md(t.ghi_chu)}\n{{: .nv-note }}\n")
            body.append(f"[Xem trong Công văn]({cv.letter_doc}#{t.id})\n{{: .nv-source }}\n")
            out.append(_div("nv-task", *body))
    return "\n".join(out)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def checklist_page(cv: CongVan, d: DoiTuong, luat: VanBan, site_url: str | None = None) -> str:
    """Printable checklist of one addressee's tasks: task, căn cứ, unit in charge (blank), deadline, status."""
    doc = cv.view_doc(d)
    tasks = cv.tasks_of(d)
    title = f"Dành cho {d.label}: nhiệm vụ trọng tâm năm {cv.nam}"
    rows = [
        "| Mã | Nhiệm vụ (nguyên văn Công văn) | Căn cứ pháp lý | Đơn vị chủ trì | Thời hạn | Tình trạng |",
        "|---|---|---|---|---|---|",
    ]
    for t in tasks:
        text = "<br>".join(_with_sic(p.text, cv, cv.letter_doc + "#" + SIC_ANCHOR) for p in t.doan)
        links = "<br>".join(_can_cu_link(c, site_url) for c in t.can_cu)
        rows.append(f"| [{t.id}]({cv.tasks_doc}#{t.id}) | {_cell(text)} | {_cell(links)} | &nbsp; | "
                    f"{NO_DEADLINE} | {STATUS_BOXES} |")
    out = [
        front_matter(title=title,
               description=f"Bảng theo dõi {len(tasks)} nhiệm vụ trọng tâm năm {cv.nam} của {d.label} "
                           f"theo Công văn số {cv.so_hieu}, in được trên khổ A4.",
               json_ld=_page_ld(cv, title, doc, site_url),
               hide=["toc"],
               search={"exclude": True}),
        _crumbs(cv),
        f"# {md(title)}\n",
        _print_url(site_url, doc),
        f"Theo Công văn số {md(cv.so_hieu)} ngày {vn_date(cv.ngay)} của {md(cv.co_quan)} "
        f"({md(cv.trich_yeu_text)}).\n{{: .nv-basis }}\n",
        _who(d, site_url) + "\n",
        "Đơn vị: ………………………………………… · Người theo dõi: ……………………………… · Cập nhật ngày: ……/……/…………\n"
        "{: .print-only .nv-fill }\n",
        _div("nv-checklist", "\n".join(rows) + "\n"),
        f"**Thời hạn:** Công văn không ghi thời hạn cho từng nhiệm vụ; cột này ghi “{NO_DEADLINE}”, "
        "đơn vị tự ghi mốc của mình nếu có. **Căn cứ pháp lý:** do trang này đối chiếu với "
        f"Luật số {LUAT.so_hieu} và văn bản hướng dẫn, xem lời từng khoản tại [Nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}).\n"
        "{: .nv-notes }\n",
        _views_line(cv, doc),
    ]
    return "\n".join(out)


def index_page(letters: list[CongVan], site_url: str | None = None) -> str:
    """The section index: every letter, newest year first."""
    title = "Nhiệm vụ trọng tâm công tác bồi thường nhà nước"
    ld: dict = {"@context": "https://schema.org", "@type": "CollectionPage", "name": title, "inLanguage": "vi",
                "hasPart": [{k: v for k, v in legislation_ld(cv, site_url).items() if k != "@context"}
                            for cv in letters]}
    if site_url:
        ld["url"] = _abs(site_url, f"/{INDEX}")
    out = [
        front_matter(title=title,
               description="Nguyên văn các công văn của Bộ Tư pháp về nhiệm vụ trọng tâm công tác bồi thường nhà nước "
                           "theo từng năm, từng nhiệm vụ kèm căn cứ pháp lý và bảng theo dõi in được.",
               json_ld=ld),
        f"# {title}\n",
        "Mục này đăng nguyên văn các công văn về nhiệm vụ trọng tâm công tác bồi thường nhà nước, mới nhất ở trên. "
        "Với mỗi công văn có: toàn văn; từng nhiệm vụ kèm căn cứ pháp lý trong "
        f"[{md(LUAT.short_title)}](/{LUAT.url_dir}/index.md); và bảng theo dõi cho từng nhóm cơ quan, in được trên khổ A4.\n",
    ]
    if not letters:
        out.append("Chưa có công văn nào.\n")
    for cv in letters:
        groups = "; ".join(f"{len(cv.tasks_of(d))} của {d.label}" for d in cv.doi_tuong_list())
        out.append(f"## Năm {cv.nam} {{ #nam-{cv.stem} }}\n")
        out.append(f"[Công văn số {md(cv.so_hieu)}]({cv.letter_doc}) ngày {vn_date(cv.ngay)} của {md(cv.co_quan)}: "
                   f"{md(cv.trich_yeu_text)}.\n{{: .nv-letter }}\n")
        items = [f"- [Toàn văn Công văn]({cv.letter_doc})",
                 f"- [{len(cv.tasks)} nhiệm vụ và căn cứ pháp lý]({cv.tasks_doc}) ({groups})"]
        items += [f"- [Bảng theo dõi: dành cho {md(d.label)}]({cv.view_doc(d)})" for d in cv.doi_tuong_list()]
        out.append("\n".join(items) + "\n")
    return "\n".join(out)
