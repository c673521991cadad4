"""Show later changes where they bite: article pages, FAQ entries, the home page.

Everything here is Markdown for the same pipeline as the rest of the site
(Material admonitions, ordinary links), made from the validated records of
:mod:`lawsite.changes_check`; nothing is typed by hand on the pages. A
verified change is an open "warning" notice; an unverified one is a
collapsed "question" notice whose title says *chưa xác minh*, so it is never
read as a statement of the law.

Each notice carries the classes ``thay-doi`` (and ``chua-xac-minh``) for
styling and tests. Quotes are wrapped in “ ” so a quoted "1. ..." is never
taken for a clause of the article by :mod:`lawsite.md_structure`.
"""

from __future__ import annotations

import datetime as dt

from . import citations, faq
from .changes_model import Change
from .citations import Context, Target
from .instruments import INSTRUMENTS
from .md_citations import docs_href

HOME_PLACEHOLDER = "<!-- lawsite: thay-doi -->"
HOME_PAGE = "index.md"


def _date(d: dt.date | None) -> str:
    return f"{d.day:02d}/{d.month}/{d.year}" if d else "chưa xác minh"


def _units(ch: Change) -> str:
    links = []
    for aff in ch.anh_huong:
        inst = INSTRUMENTS[aff.instrument]
        for t in aff.targets:
            label = citations.format_target(t) + ("" if aff.instrument == "luat" else f" {inst.short_title}")
            links.append(f"[{label}]({docs_href(t)})")
    return ", ".join(links)


def _instrument_line(ch: Change) -> str:
    v = ch.van_ban
    name = f"[{v.label}]({v.lien_ket})" if v.lien_ket else f"**{v.label}**"
    where = f", {v.quy_dinh}" if v.quy_dinh else ""
    return (f"{name}{where} — {v.ten} ({v.co_quan}, ban hành {_date(v.ngay_ban_hanh)}, "
            f"hiệu lực {_date(v.ngay_hieu_luc)}).")


def _quote_block(q) -> str:
    page_date = f"; ngày trên trang: {q.ngay_trang}" if q.ngay_trang else ""
    lines = [
        f"> “{q.nguyen_van}”",
        ">",
        f"> — Nguồn: [{q.ten_nguon}]({q.nguon}), đọc ngày {_date(q.ngay_doc)}{page_date}.",
    ]
    if q.ghi_chu:
        lines += [">", f"> Ghi chú: {q.ghi_chu}"]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def notice(ch: Change, collapsed: bool = False) -> str:
    """One "Thay đổi sau khi ban hành" admonition for a change."""
    if ch.verified:
        head = f'{"???" if collapsed else "!!!"} warning thay-doi "Thay đổi sau khi ban hành: {ch.tieu_de}"'
    else:
        head = f'??? question thay-doi chua-xac-minh "Thay đổi sau khi ban hành (chưa xác minh): {ch.tieu_de}"'
    parts = []
    if not ch.verified:
        parts.append("**Chưa xác minh.** Thông tin này chưa được đối chiếu đầy đủ với văn bản; "
                     "đừng dựa vào đó như quy định pháp luật.")
    parts.append(ch.mo_ta)
    parts.append(f"**Văn bản:** {_instrument_line(ch)}")
    parts.append(f"**Phần bị ảnh hưởng:** {_units(ch)}.")
    parts += [_quote_block(q) for q in ch.trich_dan]
    if ch.chua_ro:
        parts.append(f"**Điều chưa xác minh:** {ch.chua_ro}")
    return head + "\n\n" + _indent("\n\n".join(parts)) + "\n"


def _ordered(changes: list[Change]) -> list[Change]:
    """Verified changes first, then in file order."""
    return sorted(changes, key=lambda c: not c.verified)


def article_notices(changes: list[Change], instrument: str, dieu: int) -> str:
    """Markdown shown under the heading of an article page (empty when nothing changed it)."""
    mine = _ordered([c for c in changes if c.affects_article(instrument, dieu)])
    if not mine:
        return ""
    inst = INSTRUMENTS[instrument]
    intro = (f"Trang này hiển thị nguyên văn {inst.kind} số {inst.so_hieu} theo Bộ pháp điển điện tử, "
             "tức câu chữ như khi ban hành. Sau khi ban hành có những thay đổi sau ảnh hưởng đến điều này.\n"
             "{: .thay-doi-phien-ban }\n")
    return intro + "\n" + "\n".join(notice(c) for c in mine)


def by_article(changes: list[Change]) -> dict[str, dict[int, str]]:
    """``{instrument: {article: notices}}`` for every affected article."""
    out: dict[str, dict[int, str]] = {}
    for c in changes:
        for aff in c.anh_huong:
            for t in aff.targets:
                out.setdefault(aff.instrument, {})[t.dieu] = ""
    for key, arts in out.items():
        for n in arts:
            arts[n] = article_notices(changes, key, n)
    return out


def _entry_targets(entry: faq.Entry) -> list[Target]:
    out: list[Target] = []
    for cite in entry.cited:
        try:
            out.extend(citations.parse(cite, Context()).targets)
        except citations.CitationError:
            continue  # the publish checks report it
    return out


def faq_markdown(markdown: str, changes: list[Change]) -> str:
    """An FAQ page with a collapsed notice before the "Căn cứ" line of each entry citing an affected unit."""
    if not changes:
        return markdown
    lines = markdown.split("\n")
    inserts: list[tuple[int, str]] = []
    for e in faq.parse(markdown):
        if e.can_cu_line is None:
            continue
        targets = _entry_targets(e)
        hit = _ordered([c for c in changes if any(c.affects(t) for t in targets)])
        if hit:
            inserts.append((e.can_cu_line - 1, "\n".join(notice(c, collapsed=True) for c in hit)))
    for at, block in reversed(inserts):
        lines[at:at] = [*block.split("\n"), ""]
    return "\n".join(lines)


def home_list(changes: list[Change]) -> str:
    """The home page's list of every known change."""
    if not changes:
        return "Chưa ghi nhận thay đổi nào.\n"
    items = []
    for c in _ordered(changes):
        status = "" if c.verified else " — **chưa xác minh**"
        v = c.van_ban
        name = f"[{v.label}]({v.lien_ket})" if v.lien_ket else v.label
        items.append(f"- **{c.tieu_de}**{status}. {name} ({v.co_quan}, {_date(v.ngay_ban_hanh)}). "
                     f"Ảnh hưởng đến: {_units(c)}.")
    return "\n".join(items) + "\n"


def page_markdown(src_uri: str, markdown: str, changes: list[Change]) -> str:
    """Hook entry point: the home list and the FAQ notices (article notices are generated with the page)."""
    if src_uri == HOME_PAGE and HOME_PLACEHOLDER in markdown:
        return markdown.replace(HOME_PLACEHOLDER, home_list(changes))
    if faq.is_faq_page(src_uri):
        return faq_markdown(markdown, changes)
    return markdown
