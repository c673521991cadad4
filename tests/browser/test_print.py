"""A4 handouts: articles, the whole text and FAQ pages print without navigation, with link targets."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def pdf_text(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed: apt-get install poppler-utils (.ci/run does)", pytrace=False)
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    ("path", "must_have"),
    [
        ("luat/dieu-6/", ["Điều 6. Thời hiệu yêu cầu bồi thường", "1. Thời hiệu yêu cầu bồi thường là 03 năm"]),
        ("hoi-dap/thoi-hieu/", ["Tôi có bao lâu để yêu cầu bồi thường?"]),
        ("luat/toan-van/", ["Điều 78. Quy định chuyển tiếp"]),
    ],
)
def test_page_prints_on_a4_without_navigation(open_page, server, tmp_path, path, must_have):
    page, watch = open_page()
    page.goto(server.url(path), wait_until="networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".cite-tools").count() == 0 or not page.locator(".cite-tools").first.is_visible()
    watch.assert_clean()
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = " ".join(pdf_text(pdf).split())
    for needle in must_have:
        assert " ".join(needle.split()) in text, needle
    assert f"Bản trực tuyến: {server.url(path)}" in text.replace("- ", "-")
    assert "Tìm kiếm" not in text and "Sao chép" not in text  # no search box, no copy buttons
    watch.assert_clean()


def test_links_print_as_numbered_notes_with_public_addresses(open_page, server):
    """Every link to the site prints short with a note number; its public address prints once, in the notes."""
    page, watch = open_page()
    page.goto(server.url("hoi-dap/thoi-hieu/"), wait_until="networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    internal = page.eval_on_selector_all(
        "article a[href]:not(.headerlink):not(.cite)",
        "els => els.filter(a => !a.closest('.cite-tools') && a.href.split('#')[0] !== location.href.split('#')[0])"
        ".map(a => [a.dataset.note || null, a.dataset.url || null])")
    assert internal and all(note and url is None for note, url in internal), internal
    notes = page.eval_on_selector_all(".print-notes li", "els => els.map(e => e.textContent)")
    assert notes and not any(n.startswith("http") for n in notes), "the site's address prints once, in the title"
    assert server.base in page.locator(".print-notes__title").inner_text()
    after = page.eval_on_selector("article a[data-note]", "a => getComputedStyle(a, '::after').content")
    assert after is not None
    watch.assert_clean()


def test_faq_prints_short_references_and_each_article_address_once(open_page, server, tmp_path):
    """Căn cứ lines print "khoản 1 Điều 6 [1]"; the addresses print once, as notes under the page."""
    page, watch = open_page()
    page.goto(server.url("hoi-dap/thoi-hieu/"), wait_until="networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # printing twice adds nothing twice
    notes = page.eval_on_selector_all(".print-notes li", "els => els.map(e => e.textContent)")
    assert notes and len(notes) == len(set(notes)), notes
    assert all("#" not in n for n in notes if "/dieu-" in n), "one note per article, not per clause"
    assert "luat/dieu-6/" in notes
    refs = page.eval_on_selector_all("article a[data-note]", "els => els.map(e => [e.textContent, e.dataset.note])")
    assert refs and all(int(n) <= len(notes) for _, n in refs)
    assert page.locator("article a[data-note][data-url]").count() == 0  # no inline URL after a reference
    page.emulate_media(media="print")
    pdf = tmp_path / "faq.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = pdf_text(pdf)
    flat = " ".join(text.split()).replace("- ", "-")
    assert "Địa chỉ trực tuyến của các điều và trang được dẫn" in flat
    assert flat.count(server.base) == 2, "the site's address prints under the title and once in the notes"
    assert flat.count(" luat/dieu-6/ ") + flat.endswith(" luat/dieu-6/") == 1, "each article prints once"
    assert "khoản 1 Điều 6 (" not in flat
    watch.assert_clean()


def test_guide_prints_on_at_most_five_a4_pages_with_the_diagram_on_one(open_page, server, tmp_path):
    """The step-by-step guide as a trainer's handout: ≤ 5 A4 pages, its flow diagram whole on one page."""
    page, watch = open_page()
    page.goto(server.url("huong-dan/"), wait_until="networkidle")
    boxes = page.eval_on_selector_all("article .flow .flow__box", "els => els.map(e => e.textContent.trim())")
    assert len(boxes) >= 10, "the guide's diagram is rendered at build time"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    pdf = tmp_path / "guide.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = [" ".join(p.split()) for p in pdf_text(pdf).split("\f") if p.strip()]
    assert len(pages) <= 5, f"the guide prints on {len(pages)} A4 pages"
    with_diagram = [i for i, text in enumerate(pages) if " ".join(boxes[0].split()) in text]
    assert with_diagram, "the diagram's first step is not in the PDF"
    on_that_page = pages[with_diagram[0]]
    assert all(" ".join(b.split()) in on_that_page for b in boxes), "the diagram is split over pages"
    watch.assert_clean()
