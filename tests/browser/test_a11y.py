"""Accessibility: axe-core (WCAG 2.2 A/AA rules) on every page type at phone and desktop width, and the keyboard.

axe-core comes bundled with ``axe-playwright-python`` (0.1.8 → axe-core 4.12.1, pinned in
pyproject's ``test`` extra). Pages are served by nginx with the production config (``server``)
and checked after Material's and the site's scripts ran (copy buttons, rendered diagrams).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"mobile-390": {"width": 390, "height": 844}, "desktop-1280": {"width": 1280, "height": 800}}
NOT_FOUND = "khong-co-trang-nay/"
PAGES = {
    "home": "",
    "law-index": "luat/",
    "article": "luat/dieu-6/",
    "chapter": "luat/chuong-2/",
    "whole-text": "luat/toan-van/",
    "decree-article": "nghi-dinh-68-2018/dieu-3/",
    "circular-quirk-note": "thong-tu-08-2019/dieu-32/",    # a [sic] note inside a clause
    "circular-formula-table": "thong-tu-08-2019/dieu-25/",  # a table inside a clause
    "glossary": "tu-ngu/",
    "faq-hub": "hoi-dap/",
    "faq-topic": "hoi-dap/thoi-hieu/",
    "guide-diagram": "huong-dan/",
    "claim-checklist": "huong-dan/ho-so/",
    "priorities": "nhiem-vu-trong-tam/",
    "priorities-2024": "nhiem-vu-trong-tam/2024/",
    "priorities-tasks": "nhiem-vu-trong-tam/2024/nhiem-vu/",
    "priorities-ministries": "nhiem-vu-trong-tam/2024/bo-nganh/",
    "priorities-provinces": "nhiem-vu-trong-tam/2024/ubnd-tinh/",
    "404": NOT_FOUND,
}
# Focus must be visible: an outline or a box-shadow on the focused element itself.
FOCUS_STYLE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return {tag: e.tagName, cls: String(e.className), text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none',
            visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
            skip: e.matches('a.md-skip'), search: e.matches('input.md-search__input'),
            nav: e.matches('.md-nav--primary a.md-nav__link'),
            link: e.matches('#khoan-1 .cite-btn--link'), cite: e.matches('#khoan-1 .cite-btn--cite')};
}"""
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture(scope="module")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python is not installed: pip install -e '.[test]'", pytrace=False)
    return Axe()


@pytest.fixture(scope="module")
def pages_by_viewport(browser, server):
    """One page per viewport for the whole module (requests to other origins aborted)."""
    contexts, pages = [], {}
    for name, size in VIEWPORTS.items():
        mobile = size["width"] < 600
        context = browser.new_context(viewport=size, is_mobile=mobile, has_touch=mobile, locale="vi-VN",
                                      service_workers="block")
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.origin + "/")
                      else r.abort("blockedbyclient"))
        contexts.append(context)
        pages[name] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_axe_violations(pages_by_viewport, server, axe, path, viewport):
    if path != NOT_FOUND and not (server.site_dir / path / "index.html").is_file():
        pytest.skip(f"{path} is not in this build")
    page = pages_by_viewport[viewport]
    resp = page.goto(server.url(path), wait_until="load")
    assert resp is not None and resp.status == (404 if path == NOT_FOUND else 200)
    page.evaluate("document.fonts.ready.then(() => true)")
    if page.locator("article pre.mermaid").count():  # Material renders the diagram after load
        page.wait_for_selector("article div.mermaid", state="attached", timeout=20000)
    if page.locator("article .khoan[data-cite]").count():
        page.wait_for_selector("article .cite-tools", state="attached")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"{server.url(path)} at {viewport}:\n{results.generate_report()}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_keyboard_reaches_skip_link_search_nav_and_copy_buttons_with_visible_focus(pages_by_viewport, server, viewport):
    page = pages_by_viewport[viewport]
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.wait_for_selector("#khoan-1 .cite-tools", state="attached")
    page.add_style_tag(content=NO_TRANSITIONS)  # check the final state of each focus, not an animation
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[dict] = []
    for _ in range(150):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert focus is not None, f"Tab {len(seen) + 1} left the page (focus on body); so far: {seen[-3:]}"
        seen.append(focus)
        assert focus["outline"] or focus["shadow"], f"no visible focus indicator on {focus}"
        assert focus["visible"], f"focused element is not on screen: {focus}"
        if focus["cite"]:
            break
    else:
        pytest.fail(f"150 Tabs did not reach the copy-citation button of khoản 1; last: {seen[-3:]}")
    assert seen[0]["skip"], f"the first Tab should reach the skip link, got {seen[0]}"
    order = [next(k for k in ("skip", "search", "nav", "link", "cite") if f[k]) for f in seen
             if any(f[k] for k in ("skip", "search", "nav", "link", "cite"))]
    firsts = sorted({k: order.index(k) for k in order}.items(), key=lambda kv: kv[1])
    assert [k for k, _ in firsts] == ["skip", "search", "nav", "link", "cite"], order

    # the skip link jumps to the article's heading
    page.goto(server.url("luat/dieu-6/"), wait_until="load")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/luat/dieu-6/#dieu-6$"))
    top = page.evaluate("document.getElementById('dieu-6').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top
