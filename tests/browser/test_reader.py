"""What a reader does: search (with or without accents), the offline bundle, deep links, copy link/citation.

Through nginx with the production config (``server``), in headless Chromium; the offline bundle
is built once per session and opened from ``file://`` with every network request aborted.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

LAW = "Luật Trách nhiệm bồi thường của Nhà nước năm 2017"
SEARCH_BOX = "input.md-search__input"
RESULTS = ".md-search-result__list > li"
CLAUSE_6_1 = re.compile(r"/luat/dieu-6/(\?[^#]*)?#khoan-1$")
ARTICLE_6 = "/boi-thuong-nha-nuoc/luat/dieu-6/"
CLAUSE_6_1_OFFLINE = re.compile(r"/luat/dieu-6\.html(\?[^#]*)?#khoan-1$")


# --- helpers -----------------------------------------------------------------------------------

def open_search(page) -> None:
    """Open Material's search with its keyboard shortcut, as a reader does."""
    page.locator("body").press("s")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")


def clear_search(page) -> None:
    box = page.locator(SEARCH_BOX)
    box.fill("")
    box.press("Backspace")  # Material reads the box on keyup: results are emptied
    page.wait_for_function("(sel) => !document.querySelector(sel)", arg=RESULTS)


def search(page, query: str, *, typed: bool = True) -> None:
    """Clear the box and enter ``query``: typed key by key, or inserted at once (paste, IME) then one key."""
    clear_search(page)
    if typed:
        page.keyboard.type(query)
    else:
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # a keyup, as after any typing


def wait_for_result(page, pattern: re.Pattern, timeout: float = 20000) -> list[str]:
    """Wait until a result link's URL matches ``pattern``; return all result URLs, in order."""
    page.wait_for_function(
        """([sel, source, flags]) => { const re = new RegExp(source, flags);
               return [...document.querySelectorAll(sel + ' a[href]')].some(a => re.test(a.href)); }""",
        arg=[RESULTS, pattern.pattern, "i" if pattern.flags & re.I else ""], timeout=timeout)
    # Typing sends one query per key: wait until the last query's results stay unchanged.
    urls, previous = result_urls(page), None
    while urls != previous:
        page.wait_for_timeout(300)
        previous, urls = urls, result_urls(page)
    assert any(pattern.search(u) for u in urls), urls[:20]
    return urls


def result_urls(page) -> list[str]:
    return page.eval_on_selector_all(RESULTS + " a[href]", "els => els.map(a => a.href)")


def result_groups(page) -> list[str]:
    """First link of each result group (one per page), in order."""
    return page.eval_on_selector_all(RESULTS, "els => els.map(li => li.querySelector('a[href]').href)")


def meta_text(page) -> str:
    return page.locator(".md-search-result__meta").inner_text().strip()


def open_result(page, pattern: re.Pattern) -> None:
    """Click the result whose URL matches ``pattern`` (opening Material's "more results" fold if needed)."""
    link = next(a for a in page.locator(RESULTS + " a[href]").all() if pattern.search(a.get_attribute("href") or "")
                or pattern.search(a.evaluate("a => a.href")))
    if not link.is_visible():
        link.evaluate("a => { const d = a.closest('details'); if (d) d.open = true; }")
    link.click()


def in_view(page, element_id: str) -> dict:
    """Where the element is, relative to the viewport and Material's fixed header."""
    page.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
    box = page.evaluate("""(id) => {
        const el = document.getElementById(id);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.md-header');
        return {top: r.top, bottom: r.bottom, header: header ? header.getBoundingClientRect().bottom : 0,
                height: innerHeight};
    }""", element_id)
    assert box is not None, f"{page.url}: no element #{element_id}"
    return box


def assert_in_view(page, element_id: str) -> None:
    page.wait_for_selector(f"[id='{element_id}']", state="attached")
    try:  # instant navigation changes the URL first, then the content, then scrolls
        page.wait_for_function("""(id) => { const r = document.getElementById(id).getBoundingClientRect();
            const h = document.querySelector('.md-header'); const top = h ? h.getBoundingClientRect().bottom : 0;
            return r.top >= top - 1 && r.top < innerHeight - 20; }""", arg=element_id, timeout=5000)
    except Exception:  # the assertion below reports where the element is
        pass
    box = in_view(page, element_id)
    # in the viewport, and not hidden under the fixed header
    assert box["header"] - 1 <= box["top"] < box["height"] - 20, (element_id, box)


def clause_text(server, location: str) -> str:
    """The official text of a clause, from the built search index (taken from the sources, not the page)."""
    index = json.loads((server.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return next(d["x"] for d in index["docs"] if d["l"] == location)


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def click_next_article(page) -> None:
    """Scroll to the "next article" link and click it as a reader does: after the scroll has settled.

    Material records the scroll offset in history.state 100 ms after scrolling stops; a click
    sooner than that (only a robot is that fast) lets the old page's offset land on the new page."""
    link = page.locator("article a.law-next, .md-footer__link--next").first
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    link.click()


# --- search --------------------------------------------------------------------------------------

def test_search_index_and_worker_load_only_when_search_is_opened(open_page, server):
    page, watch = open_page()
    page.goto(server.url("luat/dieu-6/"), wait_until="networkidle")
    lazy = [u for u in watch.requests if "search_index.json" in u or "search-worker.js" in u or "/workers/search." in u]
    assert lazy == [], f"loaded before the reader opened search: {lazy}"
    page.evaluate("window.__same_document = true")
    click_next_article(page)  # instant navigation
    page.wait_for_url(server.url("luat/dieu-7/"))
    assert page.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    assert not [u for u in watch.requests if "search_index.json" in u]
    with page.expect_request(lambda r: r.url.endswith("/search/search_index.json")):
        open_search(page)
    search(page, "thoi hieu")
    wait_for_result(page, CLAUSE_6_1)
    assert [u.rsplit("/", 1)[-1] for u in watch.requests if "search_index.json" in u] == ["search_index.json"]
    assert len([u for u in watch.requests if "/search-worker.js" in u]) == 1  # the site's engine (site-search.js)
    assert not [u for u in watch.requests if "/workers/search." in u]  # not Material's lunr worker
    watch.assert_clean()


def test_search_finds_clauses_with_or_without_accents(open_page, server):
    page, watch = open_page()
    page.goto(server.url(""), wait_until="load")
    open_search(page)
    for query in ("thoi hieu", "thời hiệu", "THỜI HIỆU"):
        search(page, query)
        wait_for_result(page, CLAUSE_6_1)
        assert re.fullmatch(r"\d+ tài liệu liên quan", meta_text(page)), meta_text(page)
        # FAQ answers first (plain words), then the clause itself: both among the first results
        groups = [urlsplit(u).path for u in result_groups(page)]
        assert groups[0].endswith("/hoi-dap/thoi-hieu/"), (query, groups[:5])
        assert any(g.endswith("/luat/dieu-6/") for g in groups[:6]), (query, groups[:10])

    # Decomposed input (some keyboards, pasted text): normalised to NFC before Material reads it.
    nfd = unicodedata.normalize("NFD", "thời hiệu")
    assert nfd != "thời hiệu"
    search(page, nfd, typed=False)
    wait_for_result(page, CLAUSE_6_1)
    assert page.locator(SEARCH_BOX).input_value() == "thời hiệu"

    # The result leads to the clause, in view (instant navigation; Material adds ?h= for highlighting).
    open_result(page, CLAUSE_6_1)
    page.wait_for_url(re.compile(r"/luat/dieu-6/(\?[^#]*)?#khoan-1$"))
    assert_in_view(page, "khoan-1")
    watch.assert_clean()


def test_search_article_number_finds_that_article(open_page, server):
    page, watch = open_page()
    page.goto(server.url("luat/"), wait_until="load")
    open_search(page)
    for query in ("dieu 6", "Điều 6", "ĐIỀU 6"):  # "đ" matches "d"
        search(page, query)
        wait_for_result(page, re.compile(r"/luat/dieu-6/(\?[^#]*)?$"))
        groups = [urlsplit(u).path for u in result_groups(page)]
        # Điều 6 of the law (and of the decree) before Điều 60-69, which only share the prefix "6"
        assert ARTICLE_6 in groups[:3], (query, groups[:10])
        first_6x = min((i for i, g in enumerate(groups) if re.search(r"/dieu-6\d/$", g)), default=len(groups))
        assert groups.index(ARTICLE_6) < first_6x, (query, groups[:10])
    watch.assert_clean()


def test_search_finds_faq_question_typed_without_diacritics(open_page, server):
    page, watch = open_page(mobile=True)
    page.goto(server.url("hoi-dap/"), wait_until="load")
    page.locator('label.md-header__button[for="__search"]').click()  # the search button on a phone
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    question = re.compile(r"/hoi-dap/thoi-hieu/(\?[^#]*)?#thoi-hieu-bao-lau$")
    search(page, "Toi co bao lau de yeu cau boi thuong")
    wait_for_result(page, question)
    first_group = page.eval_on_selector_all(RESULTS + ":first-child a[href]", "els => els.map(a => a.href)")
    assert any(question.search(u) for u in first_group), first_group
    open_result(page, question)
    page.wait_for_url(question)
    assert page.locator("h2#thoi-hieu-bao-lau").inner_text().startswith("Tôi có bao lâu để yêu cầu bồi thường?")
    assert_in_view(page, "thoi-hieu-bao-lau")
    watch.assert_clean()


def test_no_web_font_is_preloaded_or_downloaded(open_page, server):
    """System fonts only: the first visit on a slow network downloads no font file."""
    html = (server.site_dir / "luat" / "dieu-6" / "index.html").read_text(encoding="utf-8")
    assert 'as="font"' not in html and "fonts.googleapis" not in html
    page, watch = open_page()
    page.goto(server.url("luat/dieu-6/"), wait_until="networkidle")
    assert not [u for u in watch.requests if u.endswith((".woff2", ".woff", ".ttf"))]
    watch.assert_clean()


# --- offline bundle --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory, server) -> Path:
    """The offline zip (what ``publish.py --zip`` writes), unzipped; returns its index.html.

    Built with publish's own ``build_offline_zip`` (the ``--zip`` step), without repeating the
    HTTP build the ``server`` fixture already made. Made for the address ``server`` stands for
    (the portal), so links copied from it open there.
    """
    import publish

    root = tmp_path_factory.mktemp("offline")
    bundle = root / "boi-thuong-nha-nuoc.zip"
    report = publish.Report()
    publish.build_offline_zip(publish.ROOT, bundle, "http://127.0.0.1:8000/boi-thuong-nha-nuoc/", report,
                              public=server.base)
    assert not report.errors, "offline bundle build failed:\n" + "\n".join(map(str, report.problems))
    assert bundle.is_file()
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root / "unzipped")
    index = root / "unzipped" / "boi-thuong-nha-nuoc" / "index.html"
    assert index.is_file(), sorted(p.name for p in (root / "unzipped").iterdir())
    yield index
    shutil.rmtree(root, ignore_errors=True)


def test_offline_bundle_navigates_and_searches_from_file_urls(browser, offline_bundle):
    leaving: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", service_workers="block")

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            leaving.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:"))
               else leaving.append(r.url))
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    context.on("weberror", lambda e: errors.append(str(e.error)))
    try:
        page = context.new_page()
        page.goto(offline_bundle.as_uri(), wait_until="load")
        assert page.locator("html").get_attribute("lang") == "vi"
        # navigation: to the law's index, then to an article (full page loads: no instant navigation on file:)
        page.locator('.md-nav--primary a[href$="luat/index.html"], article a[href$="luat/index.html"]').first.click()
        page.wait_for_url(re.compile(r"/luat/index\.html$"))
        page.locator('article a[href$="dieu-6.html"]').first.click()
        page.wait_for_url(re.compile(r"/luat/dieu-6\.html$"))
        assert page.locator("h1").inner_text().startswith("Điều 6.")
        assert page.locator("#khoan-1 .cite-btn--link").count() == 1  # the page's scripts ran
        # search (index from search_index.js, worker through the bundled iframe-worker shim)
        open_search(page)
        search(page, "thoi hieu")
        wait_for_result(page, CLAUSE_6_1_OFFLINE)
        open_result(page, CLAUSE_6_1_OFFLINE)
        page.wait_for_url(CLAUSE_6_1_OFFLINE)
        assert_in_view(page, "khoan-1")
        # Material's content components run offline too (site-search.js drops navigation.instant
        # there): the guide's flow diagram is rendered from the bundled Mermaid.
        guide = offline_bundle.parent / "huong-dan" / "index.html"
        if '<pre class="mermaid">' in guide.read_text(encoding="utf-8"):
            page.goto(guide.as_uri(), wait_until="load")
            page.wait_for_selector("article div.mermaid", state="attached", timeout=20000)
            assert page.locator("article pre.mermaid").count() == 0
        assert leaving == [], f"requests left file:// (aborted): {leaving}"
        assert errors == [], f"console/page errors: {errors}"
    finally:
        context.close()


# --- deep links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile-390"])
@pytest.mark.parametrize("path,anchor", [("luat/dieu-7/", "khoan-1-diem-a"), ("luat/toan-van/", "dieu-7-khoan-1")],
                         ids=["point", "whole-text"])
def test_deep_link_scrolls_point_or_clause_into_view(open_page, server, path, anchor, mobile):
    page, watch = open_page(mobile=mobile)
    page.goto(server.url(f"{path}#{anchor}"), wait_until="load")
    assert_in_view(page, anchor)
    watch.assert_clean()


# --- copy link / copy citation ---------------------------------------------------------------------

def test_copy_link_and_citation_by_mouse_and_keyboard(open_page, server):
    page, watch = open_page(**CLIPBOARD)
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    link, cite = page.locator("#khoan-1 .cite-btn--link"), page.locator("#khoan-1 .cite-btn--cite")
    assert link.get_attribute("aria-label") == "Sao chép liên kết đến khoản 1 Điều 6"

    link.click()
    assert clipboard(page) == server.url("luat/dieu-6/#khoan-1")
    assert clipboard(page).startswith(f"http://127.0.0.1:{server.port}/boi-thuong-nha-nuoc/luat/dieu-6/")
    cite.click()
    assert clipboard(page) == f"khoản 1 Điều 6 {LAW}"
    page.locator("#khoan-3-diem-a .cite-btn--cite").click()
    assert clipboard(page) == f"điểm a khoản 3 Điều 6 {LAW}"

    # keyboard: Tab from the heading to the clause's buttons, Enter copies
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator("article h1").click()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#khoan-1 .cite-btn--link')"):
            break
    else:
        pytest.fail("Tab never reached the copy-link button of khoản 1")
    page.keyboard.press("Enter")
    assert clipboard(page) == server.url("luat/dieu-6/#khoan-1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#khoan-1 .cite-btn--cite')")
    page.keyboard.press("Enter")
    assert clipboard(page) == f"khoản 1 Điều 6 {LAW}"
    page.wait_for_function("(text) => (document.getElementById('cite-live') || {}).textContent === text",
                           arg=f"Đã sao chép trích dẫn: khoản 1 Điều 6 {LAW}")  # announced to screen readers
    watch.assert_clean()


def test_selecting_a_clause_copies_the_official_text_only(open_page, server):
    page, watch = open_page(**CLIPBOARD)
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.wait_for_selector("#khoan-1 .cite-tools")
    page.evaluate("""() => {
        const p = document.querySelector('#khoan-1 > p');
        const range = document.createRange();
        range.selectNodeContents(p);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
    }""")
    page.keyboard.press("Control+C")
    copied = clipboard(page)
    assert copied.startswith("1. "), copied[:80]
    assert "Sao chép" not in copied and "¶" not in copied
    assert " ".join(copied.split()) == " ".join(clause_text(server, "luat/dieu-6/#khoan-1").split())
    watch.assert_clean()


def test_copy_buttons_after_instant_navigation_and_on_faq_questions(open_page, server):
    page, watch = open_page(**CLIPBOARD)
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.evaluate("window.__same_document = true")
    click_next_article(page)
    page.wait_for_url(server.url("luat/dieu-7/"))
    assert page.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    page.locator("#khoan-1-diem-a .cite-btn--link").click()
    assert clipboard(page) == server.url("luat/dieu-7/#khoan-1-diem-a")  # this page's URL, not the first one's
    page.locator("#khoan-1-diem-a .cite-btn--cite").click()
    assert clipboard(page) == f"điểm a khoản 1 Điều 7 {LAW}"

    page.goto(server.url("hoi-dap/thoi-hieu/"), wait_until="load")
    button = page.locator("h2#thoi-hieu-bao-lau .cite-btn--link")
    button.click()
    assert clipboard(page) == server.url("hoi-dap/thoi-hieu/#thoi-hieu-bao-lau")
    assert page.locator("h2#thoi-hieu-bao-lau .cite-btn--cite").count() == 1  # an FAQ entry has a citation too
    watch.assert_clean()


def test_links_copied_from_the_offline_bundle_open_the_same_clause_online(browser, offline_bundle, server):
    """A trainer copies a clause's link from the offline bundle (file://, pages named dieu-6.html):
    the clipboard holds the public, directory-style address, and that address opens the clause."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto((offline_bundle.parent / "luat" / "dieu-6.html").as_uri() + "#khoan-1", wait_until="load")
        page.locator("#khoan-1 .cite-btn--link").click()
        copied = clipboard(page)
        assert copied == server.url("luat/dieu-6/#khoan-1"), copied
        page.locator("#khoan-3-diem-a .cite-btn--citelink").click()
        assert clipboard(page) == f"điểm a khoản 3 Điều 6 {LAW}, {server.url('luat/dieu-6/#khoan-3-diem-a')}"
        faq = (offline_bundle.parent / "hoi-dap" / "thoi-hieu.html").as_uri()
        page.goto(faq, wait_until="load")
        page.locator("h2#thoi-hieu-bao-lau .cite-btn--link").click()
        assert clipboard(page) == server.url("hoi-dap/thoi-hieu/#thoi-hieu-bao-lau")
        page.goto(copied, wait_until="load")  # the copied address, online
        assert page.locator("#khoan-1").inner_text().startswith("1. Thời hiệu yêu cầu bồi thường")
        assert page.url == copied
    finally:
        context.close()


def test_citation_with_link_and_faq_citation(open_page, server):
    page, watch = open_page(**CLIPBOARD)
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.locator("#khoan-1 .cite-btn--citelink").click()
    assert clipboard(page) == f"khoản 1 Điều 6 {LAW}, {server.url('luat/dieu-6/#khoan-1')}"
    page.goto(server.url("hoi-dap/thoi-hieu/"), wait_until="load")
    question = page.locator("h2#thoi-hieu-bao-lau").inner_text().replace("¶", "").strip()
    page.locator("h2#thoi-hieu-bao-lau .cite-btn--cite").click()
    assert clipboard(page) == f"Hỏi đáp “{question}”, Luật Trách nhiệm bồi thường của Nhà nước"
    page.locator("h2#thoi-hieu-bao-lau .cite-btn--citelink").click()
    assert clipboard(page).endswith(f", {server.url('hoi-dap/thoi-hieu/#thoi-hieu-bao-lau')}")
    watch.assert_clean()


def test_next_article_opens_at_its_top(open_page, server):
    """From the foot of Điều 6, "next" opens Điều 7 at its heading, not at its last section."""
    page, watch = open_page()
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.evaluate("window.__same_document = true")
    click_next_article(page)
    page.wait_for_url(server.url("luat/dieu-7/"))
    page.wait_for_timeout(500)  # Material scrolls after the new content is in
    assert page.evaluate("window.__same_document === true"), "expected Material's instant navigation"
    assert page.url == server.url("luat/dieu-7/")
    assert page.evaluate("window.scrollY") == 0
    watch.assert_clean()
