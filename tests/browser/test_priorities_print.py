"""The priorities checklists on paper: A4, no site chrome, every task and every căn cứ URL printed."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from lawsite import priorities  # noqa: E402

pytestmark = pytest.mark.browser

VIEWS = {
    "bo-nganh": ["bo-1", "bo-2", "bo-3"],
    "ubnd-tinh": ["ubnd-tinh-1", "ubnd-tinh-2", "ubnd-tinh-3", "ubnd-tinh-4", "ubnd-tinh-5"],
}
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top"]
RE_PAGE = re.compile(r'<page width="(?P<w>[\d.]+)" height="(?P<h>[\d.]+)">(?P<body>.*?)</page>', re.S)
RE_WORD = re.compile(r'<word xMin="(?P<x>[\d.]+)" yMin="(?P<y>[\d.]+)" xMax="[\d.]+" yMax="(?P<y2>[\d.]+)">(?P<w>[^<]*)</word>')


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def tasks() -> dict[str, str]:
    (cv,) = [c for c in priorities.load_letters(REPO / "docs") if c.stem == "2024"]
    return {t.id: t.text for t in cv.tasks}


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        pytest.fail(f"{tool} is not installed: apt-get install poppler-utils", pytrace=False)
    return found


def pdf_pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, str]]]]:
    """(width, height, words as (x, y, y bottom, text)) of every page, in points, read with ``pdftotext -bbox``."""
    out = subprocess.run([_poppler("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for p in RE_PAGE.finditer(out):
        words = [(float(m["x"]), float(m["y"]), float(m["y2"]), html.unescape(m["w"])) for m in RE_WORD.finditer(p["body"])]
        pages.append((float(p["w"]), float(p["h"]), words))
    return pages


def _lines(words: list[tuple[float, float, float, str]]) -> list[str]:
    lines: list[list[tuple[float, float, float, str]]] = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        if lines and abs(lines[-1][0][1] - w[1]) < 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [" ".join(w[3] for w in sorted(line)) for line in lines]


HEADERS = ["Mã", "Nhiệm", "Căn", "Đơn", "Thời", "Tình"]
"""First word of each checklist column header, left to right."""


def table_columns(pages) -> list[str]:
    """Text of each checklist column over every page, in reading order.

    Columns are found from the table header, repeated on each page: each
    starts at its header's first word and ends where the next one starts;
    rows start below the header and end at the note under the table ("Thời hạn: ...").
    """
    cols: list[list[str]] = [[] for _ in HEADERS]
    for _, _, words in pages:
        seq = [w[3] for w in words]
        starts = [i for i in range(len(seq) - 2) if seq[i:i + 3] == ["Nhiệm", "vụ", "(nguyên"]]
        if not starts:
            continue
        head = words[starts[0]]
        first = [w for w in words if abs(w[1] - head[1]) < 2]
        xs = [min(w[0] for w in first if w[3] == h) for h in HEADERS] + [float("inf")]
        top = max(w[2] for w in words if head[1] - 2 <= w[1] <= head[1] + 30
                  and (w in first or w[3] in ("chủ", "trì", "hạn", "trạng")))
        notes = [w[1] for i, w in enumerate(words[:-1]) if w[3] == "Thời" and words[i + 1][3] == "hạn:"]
        bottom = min(notes, default=float("inf"))
        body = [w for w in words if top < w[1] < bottom]
        for k in range(len(HEADERS)):
            cols[k] += _lines([w for w in body if xs[k] - 3 <= w[0] < xs[k + 1] - 3])
    return [norm(" ".join(c)) for c in cols]


def _hidden(page, selector: str) -> bool:
    loc = page.locator(selector)
    return all(not loc.nth(i).is_visible() for i in range(loc.count()))


@pytest.mark.parametrize("view", list(VIEWS))
def test_checklist_prints_on_a4_with_every_task_and_no_navigation(open_page, server, tmp_path, view):
    ids = VIEWS[view]
    expected = tasks()
    page, watch = open_page()
    url = server.url(f"nhiem-vu-trong-tam/2024/{view}/")
    resp = page.goto(url, wait_until="networkidle")
    assert resp is not None and resp.status == 200
    page.evaluate("document.fonts.ready")
    assert page.locator(".md-header").is_visible()
    assert not page.locator(".print-url").is_visible(), "the print-only line shows on screen"

    page.emulate_media(media="print")
    for selector in CHROME:
        assert _hidden(page, selector), f"{selector} is visible in print"
    rows = page.locator(".nv-checklist tbody tr")
    assert rows.count() == len(ids)
    for i, tid in enumerate(ids):
        cells = rows.nth(i).locator("td")
        assert rows.nth(i).is_visible(), tid
        assert norm(cells.nth(0).inner_text()) == tid
        assert norm(cells.nth(1).inner_text()).replace(" [nguyên văn]", "") == norm(expected[tid])
        assert norm(cells.nth(4).inner_text()) == "Không ghi trong Công văn"
    online = page.locator(".print-url")
    assert online.is_visible() and norm(online.inner_text()) == f"Bản trực tuyến: {url}"
    data_urls = page.locator(".nv-checklist a.can-cu").evaluate_all("as => as.map(a => [a.dataset.url, a.href])")
    assert data_urls and all(d == h and d.startswith(server.base) for d, h in data_urls), data_urls

    pdf = tmp_path / f"{view}.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf_pages(pdf)
    assert pages
    for w, h, _ in pages:
        assert abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5, f"page is {w}x{h} pt, not A4"
    ma, nhiem_vu, can_cu, _, thoi_han, tinh_trang = table_columns(pages)
    assert ma.split() == ids, ma
    column = norm(nhiem_vu.replace("[nguyên văn]", ""))
    for tid in ids:
        assert norm(expected[tid]) in column, f"{tid} is not printed in full:\n{column}"
    assert thoi_han == " ".join(["Không ghi trong Công văn"] * len(ids)), thoi_han
    assert tinh_trang.count("☐") == 3 * len(ids), tinh_trang
    flat = " ".join(w[3] for _, _, words in pages for w in words)
    compact = re.sub(r"\s+", "", flat)
    for d, _ in data_urls:
        assert f"({d})" in re.sub(r"\s+", "", can_cu), f"link URL {d} is not printed in the căn cứ column"
    assert f"Bảntrựctuyến:{url}" in compact
    for nav_text in ("Tìm kiếm", "Giải thích từ ngữ", "Made with"):
        assert nav_text not in flat, f"site chrome printed: {nav_text!r}"
    watch.assert_clean()


def test_letter_prints_without_navigation_and_with_its_url(open_page, server, tmp_path):
    page, watch = open_page()
    url = server.url("nhiem-vu-trong-tam/2024/")
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in CHROME:
        assert _hidden(page, selector), f"{selector} is visible in print"
    for tid in [t for ids in VIEWS.values() for t in ids]:
        assert page.locator(f"#{tid}").is_visible(), tid
    pdf = tmp_path / "letter.pdf"
    page.pdf(path=str(pdf), format="A4")
    flat = norm(" ".join(w[3] for _, _, words in pdf_pages(pdf) for w in words))
    for needle in ("BỘ TƯ PHÁP", "Số: 628 /BTP-BTNN", "Kính gửi:", "Nơi nhận:", "Trần Tiến Dũng", "tổ tụng [nguyên văn]"):
        assert needle in flat, needle
    assert f"Bảntrựctuyến:{url}" in re.sub(r"\s+", "", flat)
    watch.assert_clean()


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile-390"])
def test_checklist_fits_the_screen(open_page, server, mobile):
    """No sideways scrolling: a fixed table on wide screens, one card per task on phones."""
    page, watch = open_page(mobile=mobile)
    page.goto(server.url("nhiem-vu-trong-tam/2024/ubnd-tinh/"), wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    sizes = page.evaluate("""() => {
        const wrap = document.querySelector('.nv-checklist .md-typeset__scrollwrap') || document.querySelector('.nv-checklist');
        const table = document.querySelector('.nv-checklist table');
        return {wrap: wrap.clientWidth, table: table.scrollWidth, doc: document.documentElement.scrollWidth,
                view: innerWidth, head: getComputedStyle(document.querySelector('.nv-checklist thead')).display};
    }""")
    assert sizes["table"] <= sizes["wrap"] + 1, sizes
    assert sizes["doc"] <= sizes["view"], sizes
    assert (sizes["head"] == "none") == mobile, sizes
    watch.assert_clean()
